"""flow_diff and where_used through the HTTP API, on hand-built projects: members read, others get 404,
anon 401, and a same-named key in a project the caller may not read never shows up."""

from typing import Any

from tests.api.conftest import Call, MakeUser, ProjectOf
from tests.conftest import User
from tests.http_api import join_project


def _id(call: Call, user: User, table: str, project: str, key: str) -> str:
    rows = call(user, f"{table}?select=id&project_id=eq.{project}&key=eq.{key}").body
    assert len(rows) == 1, rows
    return str(rows[0]["id"])


def _flow(call: Call, user: User, project: str) -> dict[str, Any]:
    rows = call(user, f"flows?select=id,revision,steps&project_id=eq.{project}").body
    assert len(rows) == 1, rows
    flow: dict[str, Any] = rows[0]
    return flow


def test_diff_lists_each_change_for_members_only(
    call: Call, make_user: MakeUser, project_of: ProjectOf
) -> None:
    owner, viewer, stranger = (
        make_user(name="Differ"),
        make_user(name="Diff viewer"),
        make_user(name="Diff spy"),
    )
    project = project_of(owner, "Diffed")
    join_project(call, owner, viewer, project)
    flow = _flow(call, owner, project)
    steps = [{"id": "s0", "name": "Customer signs in"}, {**flow["steps"][0], "name": "Customer pays by card"}]
    patched = call(
        owner, f"flows?id=eq.{flow['id']}", {"steps": steps, "revision": flow["revision"]}, "PATCH"
    )
    assert patched.status == 200, patched.body

    seen = call(viewer, "rpc/flow_diff", {"flow_id": flow["id"], "from_revision": 1})
    assert seen.status == 200, seen.body
    assert [(r["part"], r["item_id"], r["change"], r["field"]) for r in seen.body] == [
        ("steps", "s0", "added", None),
        ("steps", "s1", "edited", "name"),
    ]
    assert seen.body[1]["old_value"] == "Customer pays the invoice"
    assert seen.body[1]["new_value"] == "Customer pays by card"
    same = call(viewer, "rpc/flow_diff", {"flow_id": flow["id"], "from_revision": 2, "to_revision": 2})
    assert same.status == 200 and same.body == []
    assert call(stranger, "rpc/flow_diff", {"flow_id": flow["id"], "from_revision": 1}).status == 404
    assert call(None, "rpc/flow_diff", {"flow_id": flow["id"], "from_revision": 1}).status == 401
    missing = call(owner, "rpc/flow_diff", {"flow_id": flow["id"], "from_revision": 7})
    assert missing.status == 404
    assert "revision 7" in missing.body["message"]


def test_where_used_stays_inside_the_entrys_project(
    call: Call, make_user: MakeUser, project_of: ProjectOf
) -> None:
    alice, bob, carol = make_user(name="Alice"), make_user(name="Bob"), make_user(name="Carol")
    # Both projects have a service "orders" and an actor "customer" (same keys), used by their flows.
    mine, theirs = project_of(alice, "Alice's"), project_of(bob, "Bob's")
    join_project(call, alice, carol, mine)
    for user, project in ((alice, mine), (bob, theirs)):
        flow = _flow(call, user, project)
        steps = [{**flow["steps"][0], "service": "orders"}]
        assert call(user, f"flows?id=eq.{flow['id']}", {"steps": steps}, "PATCH").status == 200
    my_service, their_service = (
        _id(call, alice, "services", mine, "orders"),
        _id(call, bob, "services", theirs, "orders"),
    )
    my_flow = _flow(call, alice, mine)["id"]

    used = call(carol, "rpc/where_used", {"kind": "service", "entry_id": my_service})
    assert used.status == 200, used.body
    assert [(r["flow_id"], r["used_as"], r["step_id"]) for r in used.body] == [
        (my_flow, "step_service", "s1")
    ]
    actor = call(
        carol, "rpc/where_used", {"kind": "actor", "entry_id": _id(call, alice, "actors", mine, "customer")}
    )
    assert [(r["flow_id"], r["used_as"], r["step_index"]) for r in actor.body] == [(my_flow, "step_actor", 0)]

    assert call(carol, "rpc/where_used", {"kind": "service", "entry_id": their_service}).status == 404
    assert call(bob, "rpc/where_used", {"kind": "service", "entry_id": my_service}).status == 404
    assert call(None, "rpc/where_used", {"kind": "service", "entry_id": my_service}).status == 401
    bad = call(alice, "rpc/where_used", {"kind": "flow", "entry_id": my_service})
    assert bad.status == 400
    assert bad.body["details"] == "field: kind"
