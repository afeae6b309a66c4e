"""edge_api/diffs/markdown.py: a diff as Markdown — sections in flow order, tables intact, text literal."""

from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from edge_api.diffs import FlowChange, render_diff_markdown
from tests.edge_api.markdown_checks import assert_tables_intact, table_rows


def change(part: str, kind: str, **values: Any) -> FlowChange:
    return FlowChange.model_validate({"part": part, "change": kind, **values})


CHANGES = [
    change("flow", "edited", field="name", old_value="Checkout", new_value="Checkout | EU"),
    change("steps", "moved", item_id="s3", old_position=2, new_position=0),
    change("steps", "added", item_id="s0", new_value={"id": "s0", "name": "Check *stock*"}, new_position=1),
    change("steps", "added", item_id="s3", field="actor", new_value="customer", new_position=0),
    change("steps", "removed", item_id="s2", old_value={"id": "s2", "name": "Old"}, old_position=1),
    change("business_rules", "edited", item_id="BR-1", field="description", old_value="a", new_value="b"),
    change("error_scenarios", "removed", item_id="E-1", old_value={"id": "E-1", "condition": "Timeout"}),
    change("performance_requirements", "added", field="response_time_ms", new_value=200),
]


def test_sections_follow_the_flow_and_name_every_change() -> None:
    text = render_diff_markdown("Checkout", "revision 1", "the current flow", CHANGES)
    headings = [line for line in text.splitlines() if line.startswith("#")]
    assert headings == [
        "# Checkout: changes from revision 1 to the current flow",
        "## Flow",
        "## Steps",
        "## Business rules",
        "## Error scenarios",
        "## Performance requirements",
    ]
    assert "8 changes." in text
    assert "- s3 moved from position 3 to 1" in text
    assert "- s0 added at position 2: Check \\*stock\\*" in text
    assert "- s3: actor added: (none) → customer" in text
    assert "- s2 removed (was at position 2): Old" in text
    assert "- BR-1: description edited: a → b" in text
    assert "- E-1 removed (was at position ?): Timeout" in text
    header = [["field", "change", "before", "after"], ["---"] * 4]
    assert table_rows(text) == [
        [*header, ["name", "edited", "Checkout", "Checkout \\| EU"]],
        [*header, ["response\\_time\\_ms", "added", "(none)", "200"]],
    ]


def test_no_changes_says_so() -> None:
    text = render_diff_markdown("Checkout", "revision 2", "revision 2", [])
    assert text.splitlines()[2] == "No changes."


@settings(max_examples=80, deadline=None)
@given(name=st.text(max_size=30), value=st.text(max_size=30), field=st.text(min_size=1, max_size=10))
def test_any_text_keeps_the_tables_and_headings_intact(name: str, value: str, field: str) -> None:
    changes = [
        change("flow", "edited", field=field, old_value=value, new_value=None),
        change("steps", "added", item_id=value, new_value={"name": value}, new_position=0),
    ]
    text = render_diff_markdown(name, "revision 1", "revision 2", changes)
    assert_tables_intact(text)
    headings = [line for line in text.splitlines() if line.startswith("#")]
    assert headings == [text.splitlines()[0], "## Flow", "## Steps"]
