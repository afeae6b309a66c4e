"""The rows of `flow_diff` as typed values, and how they turn the old content of a flow into the new one.

The database computes the diff (one rule, one place); `apply_changes` is its inverse, kept here so tests and
clients can check that a diff says everything that changed and nothing else.
"""

from collections.abc import Iterable, Mapping, Sequence
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict

Part = Literal["flow", "steps", "business_rules", "error_scenarios", "performance_requirements"]
Change = Literal["added", "removed", "moved", "edited"]
ITEM_PARTS: tuple[Part, ...] = ("steps", "business_rules", "error_scenarios")


class FlowChange(BaseModel):
    """One row of `flow_diff`.

    Without `field`: a whole item (added, removed, moved). With `field`: a field of an item in both, an
    SLA key or a plain field of the flow (added, removed, edited).
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    part: Part
    item_id: str | None = None
    change: Change
    field: str | None = None
    old_value: Any = None
    new_value: Any = None
    old_position: int | None = None
    new_position: int | None = None


def parse_changes(rows: Iterable[Mapping[str, Any]]) -> list[FlowChange]:
    """The JSON rows PostgREST returns for `rpc/flow_diff`."""
    return [FlowChange.model_validate(dict(row)) for row in rows]


def apply_changes(old: Mapping[str, Any], changes: Sequence[FlowChange]) -> dict[str, Any]:
    """The old content of a flow with the changes applied: plain fields, steps, rules, errors and SLA."""
    new = _apply_keys(old, [c for c in changes if c.part == "flow"])
    for part in ITEM_PARTS:
        mine = [c for c in changes if c.part == part]
        if mine:
            new[part] = _apply_items(old.get(part) or [], mine)
    sla = [c for c in changes if c.part == "performance_requirements"]
    if sla:
        new["performance_requirements"] = _apply_keys(old.get("performance_requirements") or {}, sla)
    return new


def _apply_keys(old: Mapping[str, Any], changes: Sequence[FlowChange]) -> dict[str, Any]:
    new = dict(old)
    for change in changes:
        if change.field is None:
            raise ValueError(f"a {change.part} change names no field")
        if change.change == "removed":
            new.pop(change.field, None)
        else:
            new[change.field] = change.new_value
    return new


def _apply_items(old: Sequence[Mapping[str, Any]], changes: Sequence[FlowChange]) -> list[dict[str, Any]]:
    by_id = {str(item["id"]): dict(item) for item in old}
    removed: set[str] = set()
    moved: set[str] = set()
    placed: dict[int, dict[str, Any]] = {}
    for change in changes:
        if change.item_id is None:
            raise ValueError(f"a {change.part} change names no item")
        if change.field is not None:
            item = by_id[change.item_id]
            if change.change == "removed":
                item.pop(change.field, None)
            else:
                item[change.field] = change.new_value
        elif change.change == "removed":
            removed.add(change.item_id)
        elif change.change == "added":
            placed[_position(change)] = dict(change.new_value)
        elif change.change == "moved":
            moved.add(change.item_id)
            placed[_position(change)] = by_id[change.item_id]
    # Items that neither moved nor went keep their relative order and fill the places nobody else took.
    staying = iter([by_id[str(item["id"])] for item in old if str(item["id"]) not in removed | moved])
    size = len(old) - len(removed) + sum(1 for c in changes if c.field is None and c.change == "added")
    return [placed[i] if i in placed else next(staying) for i in range(size)]


def _position(change: FlowChange) -> int:
    if change.new_position is None:
        raise ValueError(f"{change.part} {change.item_id!r} was {change.change} without a new position")
    return change.new_position
