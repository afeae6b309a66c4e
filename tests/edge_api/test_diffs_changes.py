"""Properties of the database's flow diff (private.flow_content_changes, behind rpc flow_diff) and of
edge_api/diffs/changes.py, its inverse: a content against itself has no changes; applying the changes to the
old content gives the new one; "moved" names the fewest items (all common items but a longest increasing run).
"""

import bisect
from collections.abc import Iterator
from typing import Any

import psycopg
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from psycopg.rows import dict_row
from psycopg.types.json import Jsonb

from edge_api.diffs import FlowChange, apply_changes, parse_changes
from scripts.stack.config import StackConfig

CHANGES = """
select part, item_id, change, field, old_value, new_value, old_position, new_position
from private.flow_content_changes(%s, %s)
"""

# Small pools, so that two generated contents share ids and keys often.
IDS = st.sampled_from([f"s{i}" for i in range(8)])
FIELDS = st.sampled_from(["name", "description", "actor", "service", "type", "integration", "extra"])
TEXT = st.text(st.characters(exclude_categories=("Cs",), exclude_characters="\x00"), max_size=6)
LEAF = st.one_of(TEXT, st.none(), st.integers(-5, 5), st.booleans())
VALUE = st.one_of(LEAF, st.lists(LEAF, max_size=2), st.dictionaries(st.sampled_from("ab"), LEAF, max_size=2))


@st.composite
def items(draw: st.DrawFn) -> list[dict[str, Any]]:
    ids = draw(st.lists(IDS, unique=True, max_size=7))
    return [{"id": i, **draw(st.dictionaries(FIELDS, VALUE, max_size=3))} for i in ids]


@st.composite
def contents(draw: st.DrawFn) -> dict[str, Any]:
    """A flow as flow_revisions stores it: the row as JSON (bookkeeping included, which the diff ignores)."""
    return {
        "id": "f1",
        "revision": draw(st.integers(1, 9)),
        "updated_at": draw(TEXT),
        "name": draw(st.sampled_from(["Checkout", "Checkout v2"])),
        "status": draw(st.sampled_from(["draft", "approved"])),
        "tags": draw(st.lists(st.sampled_from(["a", "b"]), max_size=2)),
        "entry_point": draw(st.one_of(st.none(), TEXT)),
        "integrations": draw(st.lists(st.fixed_dictionaries({"from": TEXT, "to": TEXT}), max_size=1)),
        "steps": draw(items()),
        "business_rules": draw(items()),
        "error_scenarios": draw(items()),
        "performance_requirements": draw(
            st.dictionaries(st.sampled_from(["sla", "notes", "response_time_ms"]), VALUE, max_size=3)
        ),
    }


BOOKKEEPING = ("id", "revision", "updated_at")
Db = psycopg.Connection[dict[str, Any]]


@pytest.fixture(scope="module")
def db(cfg: StackConfig) -> Iterator[Db]:
    with psycopg.connect(cfg.db_url(), autocommit=True, row_factory=dict_row) as conn:
        yield conn


def diff(db: Db, old: dict[str, Any], new: dict[str, Any]) -> list[FlowChange]:
    return parse_changes(db.execute(CHANGES, [Jsonb(old), Jsonb(new)]).fetchall())


def content(value: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in value.items() if k not in BOOKKEEPING}


def longest_increasing_run(values: list[int]) -> int:
    tails: list[int] = []
    for value in values:
        at = bisect.bisect_left(tails, value)
        tails[at : at + 1] = [value]
    return len(tails)


SETTINGS = settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


@SETTINGS
@given(old=contents())
def test_a_content_against_itself_has_no_changes(db: Db, old: dict[str, Any]) -> None:
    assert diff(db, old, old) == []


@SETTINGS
@given(old=contents(), new=contents())
def test_applying_the_changes_to_the_old_content_gives_the_new(
    db: Db, old: dict[str, Any], new: dict[str, Any]
) -> None:
    changes = diff(db, old, new)
    assert content(apply_changes(old, changes)) == content(new)
    assert all(c.field not in BOOKKEEPING for c in changes if c.part == "flow")


@SETTINGS
@given(old=contents(), new=contents())
def test_moved_names_the_fewest_items(db: Db, old: dict[str, Any], new: dict[str, Any]) -> None:
    changes = diff(db, old, new)
    for part in ("steps", "business_rules", "error_scenarios"):
        old_at = {item["id"]: i for i, item in enumerate(old[part])}
        in_new_order = [old_at[item["id"]] for item in new[part] if item["id"] in old_at]
        moved = [c for c in changes if c.part == part and c.change == "moved"]
        assert len(moved) == len(in_new_order) - longest_increasing_run(in_new_order)


def test_an_item_field_set_to_null_differs_from_a_missing_one(db: Db) -> None:
    old = {"steps": [{"id": "s1", "name": "a"}]}
    new = {"steps": [{"id": "s1", "name": "a", "actor": None}]}
    changes = diff(db, old, new)
    assert [(c.item_id, c.field, c.change, c.new_value) for c in changes] == [("s1", "actor", "added", None)]
    assert apply_changes(old, changes) == new
