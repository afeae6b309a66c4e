"""A revision diff as Markdown: tables of changed flow fields and SLA keys; steps, rules and errors as lists.

Pure and deterministic: the rows of `flow_diff` (already in flow order) in, text out.
"""

import json
from collections.abc import Sequence
from typing import Any

from edge_api.diffs.changes import FlowChange, Part
from edge_api.render.markdown_text import inline, table

_TITLES: dict[Part, str] = {
    "flow": "Flow",
    "steps": "Steps",
    "business_rules": "Business rules",
    "error_scenarios": "Error scenarios",
    "performance_requirements": "Performance requirements",
}
# What names an item in a list: a step's name, a rule's description, an error scenario's condition.
_LABEL: dict[Part, str] = {"steps": "name", "business_rules": "description", "error_scenarios": "condition"}


def render_diff_markdown(flow_name: str, since: str, until: str, changes: Sequence[FlowChange]) -> str:
    """`since`/`until` describe the two sides, e.g. "revision 3" and "the current flow"."""
    lines = [f"# {inline(flow_name)}: changes from {inline(since)} to {inline(until)}", ""]
    if not changes:
        lines += ["No changes.", ""]
        return "\n".join(lines)
    lines += [f"{len(changes)} change{'s' if len(changes) != 1 else ''}.", ""]
    for part, title in _TITLES.items():
        mine = [c for c in changes if c.part == part]
        if not mine:
            continue
        lines += [f"## {title}", ""]
        if part in _LABEL:
            lines += _item_lines(part, mine)
        else:
            rows = [[c.field or "", c.change, *_sides(c)] for c in mine]
            lines.append(table(["field", "change", "before", "after"], rows))
        lines.append("")
    return "\n".join(lines)


def _item_lines(part: Part, changes: Sequence[FlowChange]) -> list[str]:
    lines: list[str] = []
    for change in changes:
        item = inline(change.item_id or "")
        if change.field is not None:
            before, after = _sides(change)
            field = inline(change.field)
            lines.append(f"- {item}: {field} {change.change}: {inline(before)} → {inline(after)}")
        elif change.change == "added":
            at = _human(change.new_position)
            lines.append(f"- {item} added at position {at}{_label(part, change.new_value)}")
        elif change.change == "removed":
            was = _human(change.old_position)
            lines.append(f"- {item} removed (was at position {was}){_label(part, change.old_value)}")
        else:
            moved = f"{_human(change.old_position)} to {_human(change.new_position)}"
            lines.append(f"- {item} moved from position {moved}")
    return lines


def _label(part: Part, item: Any) -> str:
    if isinstance(item, dict) and isinstance(item.get(_LABEL[part]), str):
        return ": " + inline(item[_LABEL[part]])
    return ""


def _human(position: int | None) -> str:
    return "?" if position is None else str(position + 1)


def _sides(change: FlowChange) -> tuple[str, str]:
    """Before and after; the side where a field is absent reads "(none)"."""
    before = "(none)" if change.change == "added" else _value(change.old_value)
    after = "(none)" if change.change == "removed" else _value(change.new_value)
    return before, after


def _value(value: Any) -> str:
    """Strings as they are, other JSON (null included) compactly."""
    if isinstance(value, str):
        return value
    return json.dumps(value, ensure_ascii=False, sort_keys=True)
