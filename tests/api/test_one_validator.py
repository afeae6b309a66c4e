"""One validator, one error contract (issue 14): the cases where the API's three validators disagreed,
and the same invalid document answered alike at /rest/v1 (supabase-py, httpx) and /functions/v1
(httpx): status 400, code 22023, `details` the same [{path, message}] (at /rest/v1 as the JSON text
PostgREST's error body allows)."""

import json
from collections.abc import Callable, Iterator
from typing import Any

import httpx
import pytest
from postgrest.exceptions import APIError

from scripts.stack.config import StackConfig
from tests.conftest import User
from tests.projects import bearer, fixture_copy, import_project


@pytest.fixture(scope="module")
def http(cfg: StackConfig) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=cfg.api_url, timeout=60, headers={"apikey": cfg.anon_key}) as client:
        yield client


@pytest.fixture(scope="module")
def user(make_user: Callable[..., User]) -> User:
    return make_user(name="One validator")


def _both(http: httpx.Client, user: User, document: dict[str, Any]) -> tuple[httpx.Response, httpx.Response]:
    """The same document imported at /rest/v1/rpc/import_project and at /functions/v1/projects/import."""
    rest = http.post("/rest/v1/rpc/import_project", json={"document": document}, headers=bearer(user))
    edge = http.post("/functions/v1/projects/import", json=document, headers=bearer(user))
    return rest, edge


def _same_invalid_answer(rest: httpx.Response, edge: httpx.Response) -> list[dict[str, str]]:
    assert rest.status_code == edge.status_code == 400, (rest.text, edge.text)
    rest_body, edge_body = rest.json(), edge.json()
    assert rest_body["code"] == edge_body["code"] == "22023"
    assert rest_body["message"] == edge_body["message"]
    details: list[dict[str, str]] = edge_body["details"]
    assert json.loads(rest_body["details"]) == details
    assert details and all(set(error) == {"path", "message"} for error in details)
    return details


def test_a_document_without_exported_at_imports_at_both_surfaces(http: httpx.Client, user: User) -> None:
    document = fixture_copy("No exported_at")
    document.pop("exported_at", None)
    rest, edge = _both(http, user, document)
    assert rest.status_code == 200, rest.text
    assert edge.status_code == 201, edge.text


def test_a_1500_step_flow_is_refused_alike_at_both_surfaces(http: httpx.Client, user: User) -> None:
    document = fixture_copy("Too many steps")
    document["flows"][0]["steps"] = [{"id": f"s{i}", "name": f"Step {i}"} for i in range(1500)]
    details = _same_invalid_answer(*_both(http, user, document))
    assert details == [{"path": "flows[0].steps", "message": "at most 1000 entries"}]


def test_a_duplicate_step_id_names_the_step_at_both_surfaces(http: httpx.Client, user: User) -> None:
    document = fixture_copy("Duplicate step")
    steps = document["flows"][0]["steps"]
    steps[2]["id"] = steps[0]["id"]
    details = _same_invalid_answer(*_both(http, user, document))
    assert details == [
        {
            "path": "flows[0].steps[2].id",
            "message": f'duplicate id "{steps[0]["id"]}" (flows[0].steps[0] has it too)',
        }
    ]


def test_a_bad_sla_value_names_its_key_at_both_surfaces(http: httpx.Client, user: User) -> None:
    document = fixture_copy("Bad SLA")
    document["flows"][1]["performance_requirements"] = {"availability_percent": 120}
    details = _same_invalid_answer(*_both(http, user, document))
    assert details == [
        {
            "path": "flows[1].performance_requirements.availability_percent",
            "message": "must be a number from 0 to 100",
        }
    ]


def test_every_error_is_listed_those_left_to_the_table_too(http: httpx.Client, user: User) -> None:
    """The import checks the flows' JSON columns in the table only (once, not twice); an invalid document
    still gets every error, a flow's name and a step's duplicate id alike, in document order."""
    document = fixture_copy("Every error")
    document["flows"][0]["name"] = " "
    steps = document["flows"][1]["steps"]
    steps[1]["id"] = steps[0]["id"]
    details = _same_invalid_answer(*_both(http, user, document))
    assert details == [
        {"path": "flows[0].name", "message": "must be a non-blank string of at most 255 characters"},
        {
            "path": "flows[1].steps[1].id",
            "message": f'duplicate id "{steps[0]["id"]}" (flows[1].steps[0] has it too)',
        },
    ]


def test_tags_as_a_string_in_a_document_say_what_is_expected(http: httpx.Client, user: User) -> None:
    document = fixture_copy("Tags as text")
    document["flows"][0]["tags"] = "a,b"
    details = _same_invalid_answer(*_both(http, user, document))
    assert details == [
        {"path": "flows[0].tags", "message": 'must be a JSON array of strings, e.g. ["billing", "orders"]'}
    ]


def test_supabase_py_reads_the_same_details(user: User) -> None:
    document = fixture_copy("supabase-py")
    document["flows"][0]["steps"][0]["name"] = " "
    with pytest.raises(APIError) as refused:
        user.client.rpc("import_project", {"document": document}).execute()
    assert refused.value.code == "22023"
    assert json.loads(str(refused.value.details)) == [
        {"path": "flows[0].steps[0].name", "message": "must be a non-blank string"}
    ]


@pytest.mark.parametrize(
    ("change", "path", "message"),
    [
        ({"name": " "}, None, 'violates check constraint "flows_name_length"'),
        ({"tags": ["ok", "   "]}, "tags[1]", "must be a non-blank string of at most 50 characters"),
        (
            {"steps": [{"id": f"s{i}", "name": "n"} for i in range(1001)]},
            "steps",
            "at most 1000 entries",
        ),
        (
            {"steps": [{"id": "a", "name": "A"}, {"id": "b", "name": "B"}, {"id": "a", "name": "C"}]},
            "steps[2].id",
            'duplicate id "a" (steps[0] has it too)',
        ),
        (
            {"performance_requirements": {"response_time_ms": -5}},
            "performance_requirements.response_time_ms",
            "must be a number >= 0",
        ),
    ],
)
def test_the_table_refuses_what_the_document_refuses(
    http: httpx.Client, user: User, change: dict[str, Any], path: str | None, message: str
) -> None:
    """What export, duplicate and restore would refuse cannot be stored at all (PATCH at /rest/v1)."""
    project_id = import_project(user, fixture_copy("Table rules"))
    flow = user.client.table("flows").select("id").eq("project_id", project_id).limit(1).execute().data[0]
    with pytest.raises(APIError) as refused:
        user.client.table("flows").update(change).eq("id", flow["id"]).execute()
    assert refused.value.code == "23514"
    if path is None:
        assert message in str(refused.value.message)
        return
    assert refused.value.message == f"{path}: {message}"
    assert json.loads(str(refused.value.details)) == [{"path": path, "message": message}]
    answer = http.patch(f"/rest/v1/flows?id=eq.{flow['id']}", json=change, headers=bearer(user))
    assert answer.status_code == 400


def test_rows_at_the_limits_duplicate_and_round_trip(user: User) -> None:
    """Everything a table accepts, duplicate_project and export -> import accept too."""
    project_id = import_project(user, fixture_copy("At the limits"))
    flow = user.client.table("flows").select("id").eq("project_id", project_id).limit(1).execute().data[0]
    at_limits = {
        "name": "n" * 255,
        "tags": [f"{i:02d}" + "t" * 48 for i in range(100)],
        "steps": [{"id": f"s{i}", "name": f"Step {i}"} for i in range(1000)],
        "version": "v" * 50,
    }
    user.client.table("flows").update(at_limits).eq("id", flow["id"]).execute()
    copy_id = user.client.rpc("duplicate_project", {"project_id": project_id}).execute().data
    assert copy_id
    exported = user.client.rpc("export_project", {"project_id": project_id}).execute().data
    assert isinstance(exported, dict)
    again = user.client.rpc("import_project", {"document": exported, "name": "Again"}).execute().data
    assert again
