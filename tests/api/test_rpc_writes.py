"""import, duplicate, members, review and restore through the HTTP API: allowed, denied, bad input."""

import json

from tests.api.conftest import Call, MakeUser, ProjectOf
from tests.http_api import join_project

DOCUMENT = {
    "format": "flowatlas.project/v1",
    "project": {"name": "Imported over HTTP"},
    "service_domains": [{"key": "sales", "name": "Sales"}],
    "services": [{"key": "orders", "domain": "sales", "name": "Orders"}],
    "actors": [{"key": "customer", "kind": "person", "name": "Customer"}],
    "flows": [
        {"name": "Checkout", "service": "orders", "steps": [{"id": "s1", "name": "Pay", "actor": "customer"}]}
    ],
}


def test_import_creates_a_project_the_importer_owns(call: Call, make_user: MakeUser) -> None:
    user = make_user(name="Importer")
    imported = call(user, "rpc/import_project", {"document": DOCUMENT})
    assert imported.status == 200, imported.body
    flows = call(user, f"flows?project_id=eq.{imported.body}&select=name,status").body
    assert flows == [{"name": "Checkout", "status": "draft"}]


def test_a_malformed_import_is_a_400_naming_every_bad_path(call: Call, make_user: MakeUser) -> None:
    user = make_user(name="Sloppy")
    bad = {**DOCUMENT, "flows": [{"name": "Checkout", "service": "missing", "steps": [{"id": "s1"}]}]}
    refused = call(user, "rpc/import_project", {"document": bad})
    assert refused.status == 400
    assert refused.body["message"].startswith("document is invalid at flows[0].")
    paths = {error["path"] for error in json.loads(refused.body["details"])}
    assert paths == {"flows[0].service", "flows[0].steps[0].name"}
    names = [p["name"] for p in call(user, "projects?select=name").body]
    assert "Imported over HTTP" not in names, "nothing of a refused import is written"


def test_a_global_viewer_cannot_import(call: Call, make_user: MakeUser) -> None:
    viewer = make_user(global_role="viewer", name="Global viewer")
    assert call(viewer, "rpc/import_project", {"document": DOCUMENT}).status == 403


def test_duplicate_needs_write_access(call: Call, make_user: MakeUser, project_of: ProjectOf) -> None:
    owner, viewer = make_user(name="Dup owner"), make_user(name="Dup viewer")
    project = project_of(owner, "Original")
    join_project(call, owner, viewer, project)
    assert call(viewer, "rpc/duplicate_project", {"project_id": project}).status == 403
    copy = call(owner, "rpc/duplicate_project", {"project_id": project})
    assert copy.status == 200
    assert call(owner, f"projects?id=eq.{copy.body}&select=name").body == [{"name": "Original (copy)"}]


def test_members_by_invitation(call: Call, make_user: MakeUser, project_of: ProjectOf) -> None:
    owner, colleague, stranger = (
        make_user(name="Team owner"),
        make_user(name="Colleague"),
        make_user(name="Nobody"),
    )
    project = project_of(owner, "Team")
    invited = call(
        owner, "rpc/add_member", {"project_id": project, "email": colleague.email, "role": "editor"}
    )
    assert invited.status == 200, invited.body
    assert (invited.body["email"], invited.body["role"]) == (colleague.email, "editor")
    assert call(colleague, f"projects?id=eq.{project}&select=id").body == [], "no member before accepting"
    listed = call(colleague, "rpc/my_invitations").body
    assert [(row["project_name"], row["role"], row["invited_by_name"]) for row in listed] == [
        ("Team", "editor", "Team owner")
    ]
    accepted = call(colleague, "rpc/accept_invitation", {"invitation_id": invited.body["id"]})
    assert accepted.status == 200, accepted.body
    assert (accepted.body["user_id"], accepted.body["role"]) == (colleague.id, "editor")
    assert call(owner, "rpc/add_member", {"project_id": project, "email": colleague.email}).status == 409
    ghost = call(owner, "rpc/add_member", {"project_id": project, "email": "ghost@nowhere.test"})
    assert ghost.status == 200 and ghost.body["email"] == "ghost@nowhere.test"
    revoked = call(owner, f"project_invitations?id=eq.{ghost.body['id']}", method="DELETE")
    assert revoked.status in (200, 204)
    assert call(owner, f"project_invitations?project_id=eq.{project}&select=id").body == []
    malformed = call(owner, "rpc/add_member", {"project_id": project, "email": "not an address"})
    assert malformed.status == 400 and malformed.body["details"] == "field: email"
    assert call(colleague, "rpc/add_member", {"project_id": project, "email": stranger.email}).status == 403
    assert call(stranger, "rpc/add_member", {"project_id": project, "email": stranger.email}).status == 404


def test_ownership_moves_when_the_recipient_accepts(
    call: Call, make_user: MakeUser, project_of: ProjectOf
) -> None:
    owner, colleague = make_user(name="Handing over"), make_user(name="Taking over")
    project = project_of(owner, "Handover")
    join_project(call, owner, colleague, project, "editor")
    offered = call(owner, "rpc/transfer_ownership", {"project_id": project, "new_owner_id": colleague.id})
    assert offered.status == 200, offered.body
    assert offered.body["offered_to"] == colleague.id
    assert call(owner, f"projects?id=eq.{project}&select=owner_id").body == [{"owner_id": owner.id}]
    accepted = call(colleague, "rpc/accept_ownership", {"project_id": project})
    assert accepted.status == 200, accepted.body
    assert accepted.body["owner_id"] == colleague.id
    roles = call(colleague, f"project_members?project_id=eq.{project}&select=user_id,role").body
    assert {row["user_id"]: row["role"] for row in roles} == {owner.id: "editor", colleague.id: "owner"}
    left = call(owner, f"project_members?project_id=eq.{project}&user_id=eq.{owner.id}", method="DELETE")
    assert left.status in (200, 204), "the previous owner may leave"


def test_review_and_restore(call: Call, make_user: MakeUser, project_of: ProjectOf) -> None:
    owner, editor = make_user(name="Reviewer"), make_user(name="Author")
    project = project_of(owner, "Reviewed")
    join_project(call, owner, editor, project, "editor")
    flow = call(editor, f"flows?project_id=eq.{project}&select=id").body[0]["id"]
    assert call(editor, "rpc/submit_for_review", {"flow_id": flow}).body["status"] == "in_review"
    assert call(editor, "rpc/approve_flow", {"flow_id": flow}).status == 403
    assert call(owner, "rpc/reject_flow", {"flow_id": flow, "comment": ""}).status == 400
    assert (
        call(owner, "rpc/reject_flow", {"flow_id": flow, "comment": "Add the refund path"}).body["status"]
        == "draft"
    )
    call(editor, "rpc/submit_for_review", {"flow_id": flow})
    assert call(owner, "rpc/approve_flow", {"flow_id": flow}).body["status"] == "approved"

    assert call(editor, f"flows?id=eq.{flow}", method="DELETE").status in (200, 204)
    assert call(editor, f"flows?id=eq.{flow}&select=id").body == []
    assert call(editor, "rpc/restore_flow", {"flow_id": flow}).status in (200, 204)
    assert call(editor, f"flows?id=eq.{flow}&select=id").body == [{"id": flow}]
    unknown = call(editor, "rpc/restore_flow", {"flow_id": "00000000-0000-4000-8000-000000000000"})
    assert unknown.status == 404
