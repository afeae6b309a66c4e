"""edge_api/render/mermaid.py and mermaid_sequence.py: pitfalls, structure, golden files."""

import json
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from edge_api.documents import ProjectDocument
from edge_api.render import render_mermaid
from edge_api.render.lookup import DocumentIndex
from edge_api.render.mermaid_sequence import sequence_diagram
from edge_api.render.mermaid_text import title_text
from tests.edge_api.builders import (
    document_with_flows,
    fixture_data,
    flow_slug,
    legacy_linked_flow,
    long_flow_data,
)
from tests.edge_api.golden import check_golden

FLOW_COUNT = len(fixture_data()["flows"])
RESERVED = {
    "end",
    "graph",
    "subgraph",
    "flowchart",
    "style",
    "click",
    "class",
    "classDef",
    "linkStyle",
    "default",
}
# Every statement the flowchart renderer writes, with labels as quoted strings free of quotes.
_LABEL = r'"[^"\n]*"'
_STATEMENT = re.compile(
    rf"^(---|title: .*|flowchart LR|    end|    subgraph (lane_\d+|errors)\[{_LABEL}\]"
    rf"|        (step|error)_\d+\[{_LABEL}\]|    step_\d+ (-->|-->\|{_LABEL}\||-\.->\|{_LABEL}\|) step_\d+"
    rf"|    error_\d+ -\.- step_\d+|    classDef errorNote .*|    class [a-z0-9_,]+ errorNote"
    rf'|    empty\["No steps documented"\])$'
)


def _check_flowchart(text: str) -> None:
    for line in text.rstrip("\n").split("\n"):
        assert _STATEMENT.match(line), f"unexpected Mermaid line: {line!r}"
        if line.startswith("title: "):
            # Front matter is YAML, read before Mermaid's grammar: one JSON-quoted (so YAML-quoted) line.
            assert isinstance(json.loads(line.removeprefix("title: ")), str)
            continue
        for label in re.findall(_LABEL, line):
            assert not re.search(r"[#;|%`<>&\\]", re.sub(r"#(\w+|\d+);|<br>", "", label[1:-1])), label
    ids = set(re.findall(r"\b((?:step|lane|error)_\d+|errors)\b", text))
    assert not ids & RESERVED
    assert text.count("subgraph ") == len(re.findall(r"^    end$", text, flags=re.MULTILINE))


@pytest.mark.parametrize("n", range(FLOW_COUNT))
def test_golden(document: ProjectDocument, update_golden: bool, n: int) -> None:
    flow = document.flows[n]
    check_golden(f"{flow_slug(n + 1, flow.name)}.mmd", render_mermaid(document, flow), update_golden)


@pytest.mark.parametrize("n", range(FLOW_COUNT))
def test_every_line_is_a_known_safe_statement(document: ProjectDocument, n: int) -> None:
    _check_flowchart(render_mermaid(document, document.flows[n]))


def test_every_step_is_a_node_in_its_lane(document: ProjectDocument) -> None:
    flow = document.flows[2]
    text = render_mermaid(document, flow)
    assert len(re.findall(r"^        step_\d+\[", text, flags=re.MULTILINE)) == len(flow.steps)
    assert 'subgraph lane_1["Operations"]' not in text
    assert re.search(r'subgraph lane_\d+\["Warehouse Clerk"\]\n        step_3\[', text)


def test_nasty_names_are_entity_encoded(document: ProjectDocument) -> None:
    text = render_mermaid(document, document.flows[-1])
    _check_flowchart(text)
    assert 'step_2["2. Say #quot;hello#quot; #124; world#59; #35;1 #lt;tag#gt; #amp; more"]' in text
    assert 'step_1["1. end"]' in text and "…" in text and "😀" in text
    assert "#37;#37; comment-like name<br>with newline" in text


def test_sequence_diagram_uses_generated_participants(document: ProjectDocument) -> None:
    text = sequence_diagram(document.flows[-1], DocumentIndex.of(document))
    lines = text.split("\n")
    assert lines[0] == "sequenceDiagram"
    for line in lines[1:]:
        assert re.match(
            r"^    ((actor|participant) p\d+ as [^;#\n]+|p\d+->>p\d+: [^;#\n]*(#\w+;[^;#\n]*)*)$", line
        ), line
    assert "#quot;hello#quot;" in text and "p1->>p2: 1. end" in text


def test_a_step_without_actor_is_a_call_only_when_an_integration_leads_to_it() -> None:
    document = document_with_flows([legacy_linked_flow()])
    lines = sequence_diagram(document.flows[0], DocumentIndex.of(document)).split("\n")
    declared = {line.split()[1]: line.split(" as ")[1] for line in lines if " as " in line}
    by_name = {name: pid for pid, name in declared.items()}
    customer, shop, pricing, erp = (by_name[n] for n in ("Customer", "Web Shop", "Pricing Engine", "ERP"))
    messages = [line.strip() for line in lines if "->>" in line]
    assert messages == [
        f"{customer}->>{shop}: 1. Submit basket",
        f"{shop}->>{pricing}: 2. Price the basket [REST API]",  # the integration is the call
        f"{erp}->>{erp}: 3. Nightly export",  # nothing leads here: drawn in its own lane
    ]


def test_a_title_with_markup_shows_once_as_written() -> None:
    assert title_text('A <b> & "C"') == '"A \u2039b\u203a & \\"C\\""'


def test_a_200_step_flowchart() -> None:
    document = document_with_flows([long_flow_data(200)])
    text = render_mermaid(document, document.flows[0])
    _check_flowchart(text)
    assert text.count("-->") + text.count("-.->") >= 199


_TEXT = st.text(st.characters(codec="utf-8", exclude_characters="\x00"), min_size=1, max_size=50).filter(
    lambda s: s.strip(" ")
)


@settings(max_examples=80, deadline=None)
@given(texts=st.lists(_TEXT, min_size=2, max_size=5, unique=True))
def test_random_names_only_ever_produce_safe_statements(texts: list[str]) -> None:
    flow = {
        "name": texts[0],
        "steps": [{"id": t, "name": t, "actor": t} for t in texts],
        "integrations": [{"from": texts[0], "to": texts[1], "type": texts[-1]}],
        "error_scenarios": [{"id": t, "condition": t, "handling": t, "step": t} for t in texts],
    }
    document = document_with_flows([flow])
    _check_flowchart(render_mermaid(document, document.flows[0]))
