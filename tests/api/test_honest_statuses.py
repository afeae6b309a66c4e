"""Statuses docs/api.md promises that are not errors of a row: a write that row-level security filters out
changes nothing and answers 204 (or 200 with no rows, `.select()`); a missing rpc argument is PostgREST's 404
PGRST202."""

from tests.api.conftest import Call, MakeUser, ProjectOf


def test_a_write_rls_filters_out_answers_success_with_zero_rows(
    call: Call, make_user: MakeUser, project_of: ProjectOf
) -> None:
    owner, viewer = make_user(name="Honest owner"), make_user(name="Honest viewer")
    project = project_of(owner, "Honest project")
    added = call(owner, "rpc/add_member", {"project_id": project, "email": viewer.email, "role": "viewer"})
    assert added.status < 300
    flow = call(owner, f"flows?project_id=eq.{project}&select=id,name").body[0]

    minimal = {"Prefer": "return=minimal"}
    renamed = call(viewer, f"flows?id=eq.{flow['id']}", {"name": "Renamed"}, "PATCH", headers=minimal)
    assert renamed.status == 204  # not 403: the viewer's filter simply matched no row it may change
    selected = call(viewer, f"flows?id=eq.{flow['id']}&select=id", {"name": "Renamed"}, "PATCH")
    assert (selected.status, selected.body) == (200, [])  # `.update(...).select()`: zero rows = refused
    deleted = call(viewer, f"flows?id=eq.{flow['id']}&select=id", method="DELETE")
    assert (deleted.status, deleted.body) == (200, [])
    unchanged = call(owner, f"flows?id=eq.{flow['id']}&select=name,deleted_at").body
    assert unchanged == [{"name": flow["name"], "deleted_at": None}]

    allowed = call(owner, f"flows?id=eq.{flow['id']}&select=id,name", {"name": "Renamed"}, "PATCH")
    assert (allowed.status, allowed.body) == (200, [{"id": flow["id"], "name": "Renamed"}])


def test_a_missing_rpc_argument_is_postgrests_404(call: Call, make_user: MakeUser) -> None:
    user = make_user(name="Forgetful caller")
    answer = call(user, "rpc/restore_flow", {})
    assert answer.status == 404
    assert answer.body["code"] == "PGRST202"
    assert "restore_flow" in answer.body["message"]
