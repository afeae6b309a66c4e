"""One rule set: a table and the document validator (private.project_document_errors) accept and refuse
the same flow parts (tests/database/flow_examples.py), the table naming the field in its error like the
document does."""

import copy
import json
import uuid
from collections.abc import Iterator
from typing import Any

import psycopg
import pytest
from psycopg.types.json import Jsonb

from scripts.admin.users import SIGN_UP
from scripts.stack.config import StackConfig
from tests.database.flow_examples import INVALID_FLOW_PARTS, VALID_FLOW, Invalid

TEXT_COLUMNS = (
    "name",
    "description",
    "priority",
    "status",
    "version",
    "entry_point",
    "trigger_event",
    "notes",
)
JSON_COLUMNS = ("steps", "integrations", "business_rules", "error_scenarios", "performance_requirements")
JSON_COLUMNS += ("custom_fields",)


@pytest.fixture
def project(cfg: StackConfig) -> Iterator[tuple[psycopg.Connection[Any], str]]:
    """A throwaway project in a transaction that is rolled back: nothing stays in the database."""
    with psycopg.connect(cfg.db_url()) as conn:
        user_id = str(uuid.uuid4())
        email = f"shape.{user_id[:8]}@tests.flowatlas.test"
        account = {"id": user_id, "email": email, "password": "password", "name": "Shapes"}
        conn.execute(SIGN_UP, {**account, "cost": 4})
        row = conn.execute(
            "insert into public.projects (name, owner_id) values ('Shapes', %s) returning id::text", [user_id]
        ).fetchone()
        assert row is not None
        # VALID_FLOW's steps name the actor "customer": a step's actor is a key of the project's actors.
        conn.execute(
            "insert into public.actors (project_id, key, name) values (%s, 'customer', 'Customer')", [row[0]]
        )
        yield conn, str(row[0])
        conn.rollback()


def _insert(conn: psycopg.Connection[Any], project_id: str, flow: dict[str, Any]) -> None:
    columns = ["project_id", *(c for c in (*TEXT_COLUMNS, "tags", *JSON_COLUMNS) if c in flow)]
    values = [project_id, *(Jsonb(flow[c]) if c in JSON_COLUMNS else flow[c] for c in columns[1:])]
    placeholders = ", ".join(["%s"] * len(columns))
    with conn.transaction():
        conn.execute(f"insert into public.flows ({', '.join(columns)}) values ({placeholders})", values)


def _document_errors(conn: psycopg.Connection[Any], flow: dict[str, Any]) -> list[dict[str, str]]:
    actors = [{"key": "customer", "name": "Customer"}]
    document = {"format": "flowatlas.project/v1", "project": {"name": "P"}, "actors": actors, "flows": [flow]}
    row = conn.execute("select private.project_document_errors(%s)", [Jsonb(document)]).fetchone()
    assert row is not None
    errors: list[dict[str, str]] = row[0]
    return errors


def test_the_valid_example_is_stored_and_accepted(project: tuple[psycopg.Connection[Any], str]) -> None:
    conn, project_id = project
    assert _document_errors(conn, VALID_FLOW) == []
    _insert(conn, project_id, VALID_FLOW)


@pytest.mark.parametrize("example", INVALID_FLOW_PARTS, ids=lambda e: e.name)
def test_each_invalid_example_is_refused_by_both(
    project: tuple[psycopg.Connection[Any], str], example: Invalid
) -> None:
    conn, project_id = project
    flow = copy.deepcopy(VALID_FLOW)
    flow[example.part] = example.value
    assert f"flows[0].{example.path}" in [e["path"] for e in _document_errors(conn, flow)]
    if example.constraint.endswith("(enum)"):
        with pytest.raises(psycopg.errors.InvalidTextRepresentation) as bad_value:
            _insert(conn, project_id, flow)
        assert example.constraint.split()[0] in str(bad_value.value)
        return
    with pytest.raises(psycopg.errors.CheckViolation) as refused:
        _insert(conn, project_id, flow)
    assert refused.value.diag.constraint_name == example.constraint
    detail = refused.value.diag.message_detail or ""
    if detail.startswith("["):  # a JSON part: the table names the field as the document does
        assert json.loads(detail)[0]["path"] == example.path
        assert (refused.value.diag.message_primary or "").startswith(f"{example.path}: ")
