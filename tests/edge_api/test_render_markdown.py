"""edge_api/render/markdown.py: flow and project documents, tables intact, golden files."""

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from edge_api.documents import ProjectDocument
from edge_api.render import render_flow_markdown, render_project_markdown
from tests.edge_api.builders import (
    big_project,
    document_with_flows,
    fixture_data,
    flow_slug,
    legacy_linked_flow,
    long_flow_data,
)
from tests.edge_api.golden import check_golden
from tests.edge_api.markdown_checks import assert_tables_intact, table_rows

FLOW_COUNT = len(fixture_data()["flows"])


@pytest.mark.parametrize("n", range(FLOW_COUNT))
def test_golden(document: ProjectDocument, update_golden: bool, n: int) -> None:
    flow = document.flows[n]
    check_golden(f"{flow_slug(n + 1, flow.name)}.md", render_flow_markdown(document, flow), update_golden)


def test_project_golden(document: ProjectDocument, update_golden: bool) -> None:
    check_golden("project.md", render_project_markdown(document), update_golden)


@pytest.mark.parametrize("n", range(FLOW_COUNT))
def test_tables_keep_their_shape(document: ProjectDocument, n: int) -> None:
    assert_tables_intact(render_flow_markdown(document, document.flows[n]))


def test_the_flow_document_has_every_section(document: ProjectDocument) -> None:
    text = render_flow_markdown(document, document.flows[0])
    headings = re.findall(r"^## (.+)$", text, flags=re.MULTILINE)
    assert headings == [
        "Description",
        "Sequence diagram",
        "Steps",
        "Integrations",
        "Business rules",
        "Error scenarios",
        "Performance requirements",
        "Notes",
        "Review status",
    ]
    assert text.startswith("# Place web order\n")
    assert "```mermaid\nsequenceDiagram\n" in text
    assert "| Availability | 99.95 % |" in text


def test_steps_table_has_one_row_per_step_even_with_pipes_and_newlines(document: ProjectDocument) -> None:
    flow = document.flows[-1]
    tables = table_rows(render_flow_markdown(document, flow))
    steps = next(t for t in tables if t[0][:3] == ["\\#", "ID", "Step"])
    assert len(steps) == 2 + len(flow.steps)
    assert [row[1] for row in steps[2:]] == ["end", "graph", "a\\|b", "ü-ß", "\\<x\\>", "%%"]


def test_integrations_name_steps_and_the_old_apps_services_by_name() -> None:
    document = document_with_flows([legacy_linked_flow()])
    tables = table_rows(render_flow_markdown(document, document.flows[0]))
    integrations = next(t for t in tables if t[0][:3] == ["From", "To", "Type"])
    expected = ["Web Shop (web-shop)", "Pricing Engine (pricing-engine)", "REST API (rest)"]
    assert integrations[2][:3] == expected


def test_nasty_text_cannot_open_html_or_headings(document: ProjectDocument) -> None:
    text = render_flow_markdown(document, document.flows[-1])
    assert "<script>" not in text and "<xml>" not in text and "<b>tags" not in text
    description = text.split("## Description\n\n", 1)[1].split("\n\n## ", 1)[0]
    assert not re.search(r"^(#|- |\d+\. | {4})", description, flags=re.MULTILINE)


def test_project_document_groups_flows_by_domain(document: ProjectDocument) -> None:
    text = render_project_markdown(document)
    domains = re.findall(r"^## (.+)$", text, flags=re.MULTILINE)
    assert domains == ["Contents", "Sales", "Fulfilment", "Finance", "Customer Care"]
    for n in range(1, len(document.flows) + 1):
        assert f"](#flow-{n})" in text and f'<a id="flow-{n}"></a>' in text
    assert_tables_intact(text)


def test_flows_without_domain_come_last() -> None:
    document = document_with_flows([{"name": "Loose"}, long_flow_data(3)])
    text = render_project_markdown(document)
    assert re.findall(r"^## (.+)$", text, flags=re.MULTILINE) == ["Contents", "Sales", "No service domain"]


def test_a_1000_flow_project_renders_every_flow() -> None:
    text = render_project_markdown(big_project(1000))
    assert text.count("\n### ") == 1000


def test_a_200_step_flow(document: ProjectDocument) -> None:
    document = document_with_flows([long_flow_data(200)])
    text = render_flow_markdown(document, document.flows[0])
    assert_tables_intact(text)
    assert text.count("->>") == 200


_TEXT = st.text(st.characters(codec="utf-8", exclude_characters="\x00"), min_size=1, max_size=40).filter(
    lambda s: s.strip(" ")
)


@settings(max_examples=80, deadline=None)
@given(texts=st.lists(_TEXT, min_size=3, max_size=6, unique=True))
def test_random_text_never_breaks_a_table(texts: list[str]) -> None:
    flow = {
        "name": texts[0],
        "description": texts[1],
        "steps": [{"id": t, "name": t, "description": t, "actor": t} for t in texts],
        "business_rules": [{"id": t, "description": t} for t in texts],
        "error_scenarios": [{"id": t, "condition": t, "handling": t} for t in texts],
        "performance_requirements": {"sla": texts[2], "notes": texts[1]},
    }
    document = document_with_flows([flow])
    text = render_flow_markdown(document, document.flows[0])
    assert_tables_intact(text)
    tables = table_rows(text)
    assert sum(len(t) - 2 for t in tables) >= 3 * len(texts)
