"""edge_api/render/bpmn.py: format rules, parse-back, lanes, error events, layout, golden files."""

import itertools

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from edge_api.documents import ProjectDocument
from edge_api.render import render_bpmn
from edge_api.render.lanes import assign_lanes
from edge_api.render.lookup import DocumentIndex
from edge_api.render.text import one_line, shorten
from edge_api.render.xml_text import xml_safe
from tests.edge_api.bpmn_checks import overlapping_nodes, parse_bpmn, step_id
from tests.edge_api.builders import (
    any_name,
    document_with_flows,
    fixture_data,
    flow_named,
    flow_slug,
    long_flow_data,
)
from tests.edge_api.golden import check_golden

FLOW_COUNT = len(fixture_data()["flows"])


@pytest.mark.parametrize("n", range(FLOW_COUNT))
def test_golden(document: ProjectDocument, update_golden: bool, n: int) -> None:
    flow = document.flows[n]
    check_golden(f"{flow_slug(n + 1, flow.name)}.bpmn", render_bpmn(document, flow), update_golden)


@pytest.mark.parametrize("n", range(FLOW_COUNT))
def test_every_step_is_a_task_in_order_in_its_lane(document: ProjectDocument, n: int) -> None:
    flow = document.flows[n]
    model = parse_bpmn(render_bpmn(document, flow))
    tasks = model.tasks()
    assert [step_id(t) for t in tasks] == [xml_safe(s.id) for s in flow.steps]
    lanes = assign_lanes(flow, DocumentIndex.of(document))
    for i, task in enumerate(tasks):
        assert model.lane_of[task.get("id", "")] == lanes.lanes[lanes.step_lanes[i]].label[:120]
    xs = [model.bounds[t.get("id", "")].x for t in tasks]
    assert xs == sorted(xs) and len(set(xs)) == len(xs), "left to right"
    assert overlapping_nodes(model) == []


@pytest.mark.parametrize("n", range(FLOW_COUNT))
def test_sequence_flows_run_from_start_through_every_step_to_the_end(
    document: ProjectDocument, n: int
) -> None:
    flow = document.flows[n]
    model = parse_bpmn(render_bpmn(document, flow))
    chain = ["StartEvent_1", *(f"Task_{i + 1}" for i in range(len(flow.steps))), "EndEvent_1"]
    main = [(s, t) for s, t, _ in model.flows.values() if not s.startswith("Error_")]
    assert main == list(itertools.pairwise(chain))


@pytest.mark.parametrize("n", range(FLOW_COUNT))
def test_every_error_scenario_is_a_boundary_event_with_its_handling(
    document: ProjectDocument, n: int
) -> None:
    flow = document.flows[n]
    model = parse_bpmn(render_bpmn(document, flow))
    boundaries = model.boundaries()
    assert len(boundaries) == len(flow.error_scenarios)
    positions = {step.id: i for i, step in enumerate(flow.steps)}
    for j, (scenario, boundary) in enumerate(zip(flow.error_scenarios, boundaries, strict=True), start=1):
        assert boundary.get("attachedToRef") == f"Task_{positions.get(scenario.step_ref or '', 0) + 1}"
        assert boundary.get("name", "").startswith(f"{scenario.id}: ")
        assert model.flows[f"ErrorFlow_{j}"][:2] == (f"Error_{j}", f"Handle_{j}")
        assert model.nodes[f"Handle_{j}"].get("name") == shorten(one_line(scenario.handling), 120)
        # drawn on its task's bottom edge
        task = model.bounds[boundary.get("attachedToRef", "")]
        event = model.bounds[boundary.get("id", "")]
        assert task.y < event.y + event.height // 2 <= task.y + task.height + 1
        assert task.x <= event.x + event.width // 2 <= task.x + task.width


def test_consecutive_integrations_name_the_sequence_flows(document: ProjectDocument) -> None:
    model = parse_bpmn(render_bpmn(document, document.flows[0]))
    names = [name for source, _, name in model.flows.values() if source.startswith("Task_")]
    assert names == ["REST API", "REST API", "REST API", "Domain event", "Domain event", ""]


def test_the_process_documents_rules_and_slas(document: ProjectDocument) -> None:
    flow = document.flows[0]
    text = render_bpmn(document, flow)
    for rule in flow.business_rules:
        assert f"{rule.id}: {rule.description}" in text
    assert "Response time: 800 ms" in text


def test_nasty_names_are_escaped_and_survive_parsing(document: ProjectDocument) -> None:
    flow = document.flows[-1]
    model = parse_bpmn(render_bpmn(document, flow))
    assert [step_id(t) for t in model.tasks()] == ["end", "graph", "a|b", "ü-ß", "<x>", "%%"]


def test_a_200_step_flow_with_errors_has_no_overlap() -> None:
    document = document_with_flows([long_flow_data(200)])
    model = parse_bpmn(render_bpmn(document, document.flows[0]))
    assert [step_id(t) for t in model.tasks()] == [f"g{i}" for i in range(1, 201)]
    assert len(model.boundaries()) == 5
    assert overlapping_nodes(model) == []


def test_several_errors_on_one_step_stack_without_overlap() -> None:
    steps = [{"id": "a", "name": "A", "actor": "customer"}, {"id": "b", "name": "B", "actor": "customer"}]
    errors = [{"id": f"E{k}", "condition": f"c{k}", "handling": f"h{k}", "step": "a"} for k in range(4)]
    document = document_with_flows([{"name": "Errors", "steps": steps, "error_scenarios": errors}])
    model = parse_bpmn(render_bpmn(document, document.flows[0]))
    assert [b.get("attachedToRef") for b in model.boundaries()] == ["Task_1"] * 4
    assert overlapping_nodes(model) == []
    lane = model.bounds["Lane_1"]
    for j in range(1, 5):
        handler = model.bounds[f"Handle_{j}"]
        assert lane.y <= handler.y and handler.y + handler.height <= lane.y + lane.height


def test_an_empty_flow_is_a_start_and_an_end() -> None:
    document = document_with_flows([{"name": "Empty"}])
    model = parse_bpmn(render_bpmn(document, document.flows[0]))
    assert list(model.nodes) == ["StartEvent_1", "EndEvent_1"]
    assert list(model.flows.values()) == [("StartEvent_1", "EndEvent_1", "")]


def test_rendering_is_deterministic(document: ProjectDocument) -> None:
    assert render_bpmn(document, document.flows[-1]) == render_bpmn(document, document.flows[-1])


@settings(max_examples=60, deadline=None)
@given(names=st.lists(any_name(), min_size=1, max_size=5, unique=True), actor=any_name())
def test_any_names_keep_the_xml_valid(names: list[str], actor: str) -> None:
    document = flow_named(names, actor)
    model = parse_bpmn(render_bpmn(document, document.flows[0]))
    assert [step_id(t) for t in model.tasks()] == [xml_safe(name) for name in names]
