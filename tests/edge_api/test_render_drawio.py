"""edge_api/render/drawio.py: format rules, parse-back, lanes, no overlap, golden files."""

import html

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from edge_api.documents import ProjectDocument
from edge_api.render import render_drawio
from edge_api.render.lanes import assign_lanes
from edge_api.render.lookup import DocumentIndex
from edge_api.render.xml_text import xml_safe
from tests.edge_api.builders import (
    any_name,
    document_with_flows,
    fixture_data,
    flow_named,
    flow_slug,
    legacy_linked_flow,
    long_flow_data,
)
from tests.edge_api.drawio_checks import Cell, absolute_rects, overlapping_pairs, parse_drawio
from tests.edge_api.golden import check_golden

FLOW_COUNT = len(fixture_data()["flows"])


def _steps(cells: list[Cell]) -> list[Cell]:
    return [c for c in cells if "step_id" in c.properties]


@pytest.mark.parametrize("n", range(FLOW_COUNT))
def test_golden(document: ProjectDocument, update_golden: bool, n: int) -> None:
    flow = document.flows[n]
    check_golden(f"{flow_slug(n + 1, flow.name)}.drawio", render_drawio(document, flow), update_golden)


@pytest.mark.parametrize("n", range(FLOW_COUNT))
def test_every_step_is_present_in_order_in_its_lane(document: ProjectDocument, n: int) -> None:
    flow = document.flows[n]
    cells = parse_drawio(render_drawio(document, flow))
    steps = _steps(cells)
    assert [c.properties["step_id"] for c in steps] == [s.id for s in flow.steps]
    lanes = assign_lanes(flow, DocumentIndex.of(document))
    by_id = {c.id: c for c in cells}
    for i, cell in enumerate(steps):
        lane = by_id[cell.parent or ""]
        assert "swimlane" in lane.style
        assert html.unescape(lane.label) == lanes.lanes[lanes.step_lanes[i]].label[:60]
    xs = [c.rect.x for c in steps if c.rect]
    assert xs == sorted(xs) and len(set(xs)) == len(xs), "left to right"
    assert overlapping_pairs(cells) == []


def test_edges_join_consecutive_steps_with_integration_labels(document: ProjectDocument) -> None:
    flow = document.flows[0]
    cells = parse_drawio(render_drawio(document, flow))
    edges = [c for c in cells if c.id.startswith("edge-")]
    assert [(e.source, e.target) for e in edges] == [(f"step-{i}", f"step-{i + 1}") for i in range(1, 6)]
    assert [e.label for e in edges] == ["REST API", "REST API", "REST API", "Domain event", "Domain event"]


def test_error_scenarios_are_notes_attached_to_their_step_or_the_header(document: ProjectDocument) -> None:
    flow = document.flows[0]
    cells = parse_drawio(render_drawio(document, flow))
    notes = [c for c in cells if c.id.startswith("note-edge-")]
    assert [(n.source, n.target) for n in notes] == [
        ("note-1", "step-4"),
        ("note-2", "step-2"),
        ("note-3", "header"),
    ]


def test_notes_sit_in_their_steps_lane_under_the_step(document: ProjectDocument) -> None:
    cells = parse_drawio(render_drawio(document, document.flows[0]))
    by_id = {c.id: c for c in cells}
    rects = absolute_rects(cells)
    for edge in (c for c in cells if c.id.startswith("note-edge-") and c.target != "header"):
        note, step = by_id[edge.source or ""], by_id[edge.target or ""]
        assert note.parent == step.parent, "in the step's lane"
        assert rects[note.id].x == rects[step.id].x and rects[note.id].y > rects[step.id].y
    assert by_id["header"].rect is not None and by_id["header"].rect.width <= 480, "a compact header"


def test_integrations_naming_services_are_edges_between_their_steps() -> None:
    document = document_with_flows([legacy_linked_flow()])
    cells = parse_drawio(render_drawio(document, document.flows[0]))
    edges = {c.id: (c.source, c.target, c.label) for c in cells if c.edge}
    assert edges["edge-1"] == ("step-1", "step-2", "REST API")
    assert edges["edge-2"] == ("step-2", "step-3", "")


def test_header_carries_the_metadata(document: ProjectDocument) -> None:
    cells = parse_drawio(render_drawio(document, document.flows[0]))
    header = html.unescape(next(c for c in cells if c.id == "header").label)
    assert "Place web order" in header and "Priority: Critical" in header and "Status: Approved" in header


def test_nasty_names_are_escaped_and_survive_parsing(document: ProjectDocument) -> None:
    flow = document.flows[-1]
    cells = parse_drawio(render_drawio(document, flow))
    steps = _steps(cells)
    assert [c.properties["step_id"] for c in steps] == ["end", "graph", "a|b", "ü-ß", "<x>", "%%"]
    assert "<tag>" not in steps[1].label and html.unescape(steps[1].label).count("<tag>") == 1


def test_a_50_step_flow_has_no_overlap() -> None:
    document = document_with_flows([long_flow_data(50)])
    cells = parse_drawio(render_drawio(document, document.flows[0]))
    assert len(_steps(cells)) == 50
    assert overlapping_pairs(cells) == []


def test_a_200_step_flow_parses_back_in_order() -> None:
    document = document_with_flows([long_flow_data(200)])
    cells = parse_drawio(render_drawio(document, document.flows[0]))
    assert [c.properties["step_number"] for c in _steps(cells)] == [str(i) for i in range(1, 201)]


def test_an_empty_flow_is_still_a_valid_file() -> None:
    document = document_with_flows([{"name": "Empty"}])
    cells = parse_drawio(render_drawio(document, document.flows[0]))
    assert [c.id for c in cells] == ["0", "1", "header"]


def test_rendering_is_deterministic(document: ProjectDocument) -> None:
    assert render_drawio(document, document.flows[-1]) == render_drawio(document, document.flows[-1])


@settings(max_examples=60, deadline=None)
@given(names=st.lists(any_name(), min_size=1, max_size=5, unique=True), actor=any_name())
def test_any_names_keep_the_xml_valid(names: list[str], actor: str) -> None:
    document = flow_named(names, actor)
    cells = parse_drawio(render_drawio(document, document.flows[0]))
    assert [c.properties["step_id"] for c in _steps(cells)] == [xml_safe(name) for name in names]
