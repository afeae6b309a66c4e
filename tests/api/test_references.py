"""References that hold (issue 14): a step's actor and service name entries of the project's
registries. A missing one is refused by path (import at both surfaces, a PATCH at /rest/v1); a key that
a step names cannot be renamed, nor its entry deleted, until no live step names it (409, naming the
step)."""

import json
from collections.abc import Callable, Iterator
from typing import Any

import httpx
import psycopg
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
    return make_user(name="References")


def _entry(user: User, table: str, project_id: str, key: str) -> dict[str, Any]:
    rows = (
        user.client.table(table).select("id,key").eq("project_id", project_id).eq("key", key).execute().data
    )
    assert len(rows) == 1
    row: dict[str, Any] = rows[0]
    return row


def _flow_naming(user: User, project_id: str, part: str, key: str) -> dict[str, Any]:
    flows = user.client.table("flows").select("id,name,steps").eq("project_id", project_id).order("name")
    for flow in flows.execute().data:
        if any(step.get(part) == key for step in flow["steps"]):
            return dict(flow)
    raise AssertionError(f"no flow names {part} {key}")


@pytest.mark.parametrize(("part", "registry"), [("actor", "actors"), ("service", "services")])
def test_an_import_naming_a_missing_entry_is_refused_by_path_at_both_surfaces(
    http: httpx.Client, user: User, part: str, registry: str
) -> None:
    document = fixture_copy("Missing reference")
    document["flows"][1]["steps"][2][part] = "ghost"
    rest = http.post("/rest/v1/rpc/import_project", json={"document": document}, headers=bearer(user))
    edge = http.post("/functions/v1/projects/import", json=document, headers=bearer(user))
    assert rest.status_code == edge.status_code == 400
    expected = [{"path": f"flows[1].steps[2].{part}", "message": f"must be the key of one of the {registry}"}]
    assert edge.json()["details"] == expected
    assert json.loads(rest.json()["details"]) == expected


def test_a_step_naming_a_missing_actor_is_refused_at_rest(user: User) -> None:
    project_id = import_project(user, fixture_copy("Patch reference"))
    flow = _flow_naming(user, project_id, "actor", "customer")
    steps = [{**step, "actor": "ghost"} if i == 1 else step for i, step in enumerate(flow["steps"])]
    with pytest.raises(APIError) as refused:
        user.client.table("flows").update({"steps": steps}).eq("id", flow["id"]).execute()
    assert refused.value.code == "23514"
    assert refused.value.message == 'steps[1].actor: no actor with key "ghost" in this project'


def test_a_post_of_flows_naming_a_missing_entry_is_refused_whole(user: User) -> None:
    """An insert is checked once for all its flows (a statement trigger): one flow of three naming a missing
    service refuses the POST by the step's path, and none of the three is stored."""
    project_id = import_project(user, fixture_copy("Post references"))
    flows = [
        {
            "project_id": project_id,
            "name": f"Posted {i}",
            "steps": [{"id": "s1", "name": "Pick", "actor": "customer"}],
        }
        for i in range(3)
    ]
    flows[1]["steps"].append({"id": "s2", "name": "Ship", "service": "ghost"})
    with pytest.raises(APIError) as refused:
        user.client.table("flows").insert(flows).execute()
    assert refused.value.code == "23514"
    assert refused.value.message == 'steps[1].service: no service with key "ghost" in this project'
    posted = user.client.table("flows").select("id").eq("project_id", project_id).like("name", "Posted %")
    assert posted.execute().data == []
    flows[1]["steps"].pop()
    assert len(user.client.table("flows").insert(flows).execute().data) == 3


@pytest.mark.parametrize(
    ("part", "table", "key"), [("actor", "actors", "customer"), ("service", "services", "wms")]
)
def test_a_named_key_cannot_be_renamed_or_deleted_until_no_step_names_it(
    user: User, part: str, table: str, key: str
) -> None:
    project_id = import_project(user, fixture_copy(f"Named {part}"))
    entry = _entry(user, table, project_id, key)
    flow = _flow_naming(user, project_id, part, key)
    for change in (
        lambda: user.client.table(table).update({"key": f"{key}-renamed"}).eq("id", entry["id"]).execute(),
        lambda: user.client.table(table).delete().eq("id", entry["id"]).execute(),
    ):
        with pytest.raises(APIError) as refused:
            change()
        assert refused.value.code == "23503"
        assert f'{part} "{key}" is named by steps: flow "' in str(refused.value.message)
        assert "where_used" in str(refused.value.hint)
    assert _entry(user, table, project_id, key)["key"] == key

    # Once no live step names it, it may go: every flow naming it drops the reference.
    flows = user.client.table("flows").select("id,steps").eq("project_id", project_id).execute().data
    for row in flows:
        if any(step.get(part) == key for step in row["steps"]):
            steps = [{k: v for k, v in step.items() if not (k == part and v == key)} for step in row["steps"]]
            user.client.table("flows").update({"steps": steps}).eq("id", row["id"]).execute()
    user.client.table(table).update({"key": f"{key}-renamed"}).eq("id", entry["id"]).execute()
    assert _entry(user, table, project_id, f"{key}-renamed")["id"] == entry["id"]
    if table == "actors":  # a service may still be the service of a flow (its own foreign key decides)
        user.client.table(table).delete().eq("id", entry["id"]).execute()
        assert user.client.table(table).select("id").eq("id", entry["id"]).execute().data == []
    assert flow["id"]


def test_a_project_with_named_entries_can_still_be_purged(cfg: StackConfig, user: User) -> None:
    """A purge deletes the project, whose cascade deletes entries that its flows' steps name: allowed."""
    project_id = import_project(user, fixture_copy("Purged with references"))
    with psycopg.connect(cfg.db_url(), autocommit=True) as conn:
        conn.execute("delete from public.projects where id = %s", [project_id])  # soft delete
        conn.execute("delete from public.projects where id = %s", [project_id])  # purge
        row = conn.execute(
            "select count(*) from public.actors where project_id = %s", [project_id]
        ).fetchone()
    assert row == (0,)
