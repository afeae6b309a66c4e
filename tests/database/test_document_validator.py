"""private.project_document_errors: every bad field of a project document by JSON path, in document
order. (The edge API used to check documents itself with pydantic; the database is now the one
validator.)"""

from collections.abc import Callable, Iterator
from typing import Any

import psycopg
import pytest
from psycopg.types.json import Jsonb

from scripts.stack.config import StackConfig
from tests.projects import fixture_copy

Change = Callable[[dict[str, Any]], Any]


@pytest.fixture(scope="module")
def conn(cfg: StackConfig) -> Iterator[psycopg.Connection[Any]]:
    with psycopg.connect(cfg.db_url(), autocommit=True) as connection:
        yield connection


@pytest.fixture
def data() -> dict[str, Any]:
    return fixture_copy()


def _errors(conn: psycopg.Connection[Any], document: Any) -> list[dict[str, str]]:
    row = conn.execute("select private.project_document_errors(%s)", [Jsonb(document)]).fetchone()
    assert row is not None
    errors: list[dict[str, str]] = row[0]
    return errors


def test_the_fixture_is_valid(conn: psycopg.Connection[Any], data: dict[str, Any]) -> None:
    assert _errors(conn, data) == []


def test_the_smallest_document_needs_no_exported_at(conn: psycopg.Connection[Any]) -> None:
    assert _errors(conn, {"format": "flowatlas.project/v1", "project": {"name": "P"}}) == []


@pytest.mark.parametrize(
    ("change", "path"),
    [
        (lambda d: d.update(format="flowatlas.project/v2"), "format"),
        (lambda d: d["project"].update(name=""), "project.name"),
        (lambda d: d["project"].update(name=" "), "project.name"),
        (lambda d: d["project"].update(is_public="yes"), "project.is_public"),
        (lambda d: d["project"].update(version="v" * 51), "project.version"),
        (lambda d: d["services"][2].update(key="bad key"), "services[2].key"),
        (lambda d: d["services"][2].update(key="-starts-with-dash"), "services[2].key"),
        (lambda d: d["services"][2].update(key="k" * 101), "services[2].key"),
        (lambda d: d["actors"][1].update(kind="robot"), "actors[1].kind"),
        (lambda d: d["actors"][1].update(position=2**31), "actors[1].position"),
        (lambda d: d["actors"][1].update(name="\t "), "actors[1].name"),
        (lambda d: d["flows"][3]["steps"][0].update(name=" "), "flows[3].steps[0].name"),
        (lambda d: d["flows"][3]["tags"].append(""), "flows[3].tags[2]"),
        (lambda d: d["flows"][3]["tags"].append("   "), "flows[3].tags[2]"),
        (lambda d: d["flows"][3].update(tags="a,b"), "flows[3].tags"),
        (lambda d: d["flows"][3].update(version=""), "flows[3].version"),
        (lambda d: d["flows"][3].update(entry_point="e" * 1001), "flows[3].entry_point"),
        (lambda d: d["flows"][3].update(custom_fields=[]), "flows[3].custom_fields"),
        (
            lambda d: d["flows"][3]["performance_requirements"].update(availability_percent=101),
            "flows[3].performance_requirements.availability_percent",
        ),
    ],
)
def test_shape_errors_carry_the_path(
    conn: psycopg.Connection[Any], data: dict[str, Any], change: Change, path: str
) -> None:
    change(data)
    paths = [e["path"] for e in _errors(conn, data)]
    # A bad key is one error; the steps and flows naming the old key then name no entry (each by its path).
    assert paths[0] == path and (paths == [path] or path.endswith(".key"))


@pytest.mark.parametrize(
    ("change", "path", "message"),
    [
        (
            lambda d: d["services"][0].update(domain="nowhere"),
            "services[0].domain",
            "must be the key of one of the service_domains",
        ),
        (
            lambda d: d["actors"].append({"key": "customer", "name": "Again"}),
            "actors[9].key",
            'duplicate key "customer"',
        ),
        (
            lambda d: d["integration_types"][1].update(key="rest"),
            "integration_types[1].key",
            'duplicate key "rest"',
        ),
        (
            lambda d: d["flows"][2].update(service="ghost"),
            "flows[2].service",
            "must be the key of one of the services",
        ),
        (
            lambda d: d["flows"][2].update(service_domain="ghost"),
            "flows[2].service_domain",
            "must be the key of one of the service_domains",
        ),
        (
            lambda d: d["flows"][2]["actors"].append("ghost"),
            "flows[2].actors[2]",
            "must be the key of one of the actors",
        ),
        (
            lambda d: d["flows"][0].update(service_domain="finance"),
            "flows[0].service",
            'service "order-service" is in service domain "sales", not in the flow\'s "finance"',
        ),
        (
            lambda d: d["flows"][3]["steps"][1].update(id=d["flows"][3]["steps"][0]["id"]),
            "flows[3].steps[1].id",
            'duplicate id "v1" (flows[3].steps[0] has it too)',
        ),
        (
            lambda d: d["flows"][3]["performance_requirements"].update(response_time_ms="fast"),
            "flows[3].performance_requirements.response_time_ms",
            "must be a number >= 0",
        ),
    ],
)
def test_reference_errors_carry_the_path(
    conn: psycopg.Connection[Any], data: dict[str, Any], change: Change, path: str, message: str
) -> None:
    change(data)
    assert _errors(conn, data) == [{"path": path, "message": message}]


def test_a_flow_without_domain_may_name_any_service(
    conn: psycopg.Connection[Any], data: dict[str, Any]
) -> None:
    data["flows"][0]["service_domain"] = None
    assert _errors(conn, data) == []


def test_every_reference_problem_is_reported_at_once(
    conn: psycopg.Connection[Any], data: dict[str, Any]
) -> None:
    data["services"][0]["domain"] = "x"
    data["flows"][0]["actors"] = ["y", "customer", "z"]
    paths = [e["path"] for e in _errors(conn, data)]
    assert paths == ["services[0].domain", "flows[0].actors[0]", "flows[0].actors[2]"]


def test_the_enum_values_come_from_the_enum_types(
    conn: psycopg.Connection[Any], data: dict[str, Any]
) -> None:
    data["flows"][0]["priority"] = "Urgent"
    [error] = _errors(conn, data)
    assert error == {"path": "flows[0].priority", "message": "must be one of Low, Medium, High, Critical"}
