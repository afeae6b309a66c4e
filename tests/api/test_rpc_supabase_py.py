"""Every RPC through supabase-py, the admins' client, as real users: one allowed and one denied call each."""

from typing import Any

import pytest
from postgrest.exceptions import APIError

from tests.api.conftest import MakeUser, ProjectOf
from tests.conftest import User


def _refused(user: User, function: str, params: dict[str, Any]) -> str:
    """The error code PostgREST answered with (the call must fail)."""
    with pytest.raises(APIError) as refused:
        user.client.rpc(function, params).execute()
    return str(refused.value.code)


def test_every_function_allows_the_right_caller_and_refuses_the_others(
    make_user: MakeUser, project_of: ProjectOf
) -> None:
    owner, editor, stranger = (
        make_user(name="Py owner"),
        make_user(name="Py editor"),
        make_user(name="Py stranger"),
    )
    viewer = make_user(global_role="viewer", name="Py global viewer")
    project = project_of(owner, "Py project")
    rpc = owner.client.rpc

    invitation = (
        rpc("add_member", {"project_id": project, "email": editor.email, "role": "editor"}).execute().data
    )
    assert invitation["email"] == editor.email and "user_id" not in invitation
    assert _refused(stranger, "accept_invitation", {"invitation_id": invitation["id"]}) == "PT404"
    assert editor.client.rpc("my_invitations", {}).execute().data[0]["project_name"] == "Py project"
    joined = editor.client.rpc("accept_invitation", {"invitation_id": invitation["id"]}).execute().data
    assert (joined["user_id"], joined["role"]) == (editor.id, "editor")
    assert _refused(editor, "add_member", {"project_id": project, "email": stranger.email}) == "42501"

    assert rpc("me", {}).execute().data["memberships"][0]["role"] == "owner"
    hits = editor.client.rpc("search", {"query": "invoice", "in_project": project}).execute().data
    assert [hit["kind"] for hit in hits] == ["flow"]
    assert stranger.client.rpc("search", {"query": "invoice", "in_project": project}).execute().data == []
    assert _refused(owner, "search", {"query": ""}) == "22023"

    assert rpc("project_analytics", {"project_id": project}).execute().data["flow_count"] == 1
    assert _refused(stranger, "project_analytics", {"project_id": project}) == "PT404"

    document = rpc("export_project", {"project_id": project}).execute().data
    assert _refused(stranger, "export_project", {"project_id": project}) == "PT404"
    copy_id = editor.client.rpc("import_project", {"document": document, "name": "Py import"}).execute().data
    assert _refused(viewer, "import_project", {"document": document}) == "42501"
    assert _refused(owner, "import_project", {"document": {"format": "nope"}}) == "22023"

    assert rpc("duplicate_project", {"project_id": project}).execute().data != project
    assert _refused(stranger, "duplicate_project", {"project_id": copy_id}) == "PT404"

    flow = editor.client.table("flows").select("id").eq("project_id", project).execute().data[0]["id"]
    assert editor.client.rpc("duplicate_flow", {"flow_id": flow}).execute().data
    assert _refused(stranger, "duplicate_flow", {"flow_id": flow}) == "PT404"
    assert editor.client.rpc("submit_for_review", {"flow_id": flow}).execute().data["status"] == "in_review"
    assert _refused(editor, "approve_flow", {"flow_id": flow}) == "42501"
    assert (
        rpc("reject_flow", {"flow_id": flow, "comment": "Needs the refund path"}).execute().data["status"]
        == "draft"
    )
    assert _refused(stranger, "reject_flow", {"flow_id": flow, "comment": "x"}) == "PT404"

    editor.client.table("flows").update({"notes": "second"}).eq("id", flow).execute()
    assert (
        editor.client.rpc("restore_flow_revision", {"flow_id": flow, "revision": 1}).execute().data["notes"]
        == ""
    )
    assert _refused(stranger, "restore_flow_revision", {"flow_id": flow, "revision": 1}) == "PT404"
    editor.client.table("flows").delete().eq("id", flow).execute()
    editor.client.rpc("restore_flow", {"flow_id": flow}).execute()
    assert editor.client.table("flows").select("id").eq("id", flow).execute().data == [{"id": flow}]
    assert _refused(stranger, "restore_flow", {"flow_id": flow}) == "PT404"

    owner.client.table("projects").delete().eq("id", project).execute()
    assert _refused(editor, "restore_project", {"project_id": project}) == "42501"
    rpc("restore_project", {"project_id": project}).execute()
    offer = rpc("transfer_ownership", {"project_id": project, "new_owner_id": editor.id}).execute().data
    assert (offer["offered_to"], offer["offered_by"]) == (editor.id, owner.id)
    assert _refused(stranger, "accept_ownership", {"project_id": project}) == "PT404"
    accepted = editor.client.rpc("accept_ownership", {"project_id": project}).execute().data
    assert accepted["owner_id"] == editor.id
    assert owner.client.table("projects").select("owner_id").eq("id", project).execute().data == [
        {"owner_id": editor.id}
    ]
    assert (
        _refused(stranger, "transfer_ownership", {"project_id": project, "new_owner_id": stranger.id})
        == "PT404"
    )
