"""import, duplicate, members, review and restore through the HTTP API: allowed, denied, bad input."""

import json

from tests.api.conftest import Call, MakeUser, ProjectOf

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
    assert call(owner, "rpc/add_member", {"project_id": project, "email": viewer.email}).status == 200
    assert call(viewer, "rpc/duplicate_project", {"project_id": project}).status == 403
    copy = call(owner, "rpc/duplicate_project", {"project_id": project})
    assert copy.status == 200
    assert call(owner, f"projects?id=eq.{copy.body}&select=name").body == [{"name": "Original (copy)"}]


def test_members_by_email(call: Call, make_user: MakeUser, project_of: ProjectOf) -> None:
    owner, colleague, stranger = (
        make_user(name="Team owner"),
        make_user(name="Colleague"),
        make_user(name="Nobody"),
    )
    project = project_of(owner, "Team")
    added = call(owner, "rpc/add_member", {"project_id": project, "email": colleague.email, "role": "editor"})
    assert added.status == 200
    assert added.body["role"] == "editor" and "email" not in added.body
    assert call(owner, "rpc/add_member", {"project_id": project, "email": colleague.email}).status == 409
    unknown = call(owner, "rpc/add_member", {"project_id": project, "email": "ghost@nowhere.test"})
    assert unknown.status == 404
    assert "ghost@nowhere.test" in unknown.body["message"]
    assert call(colleague, "rpc/add_member", {"project_id": project, "email": stranger.email}).status == 403
    assert call(stranger, "rpc/add_member", {"project_id": project, "email": stranger.email}).status == 404
    moved = call(owner, "rpc/transfer_ownership", {"project_id": project, "new_owner_id": colleague.id})
    assert moved.status in (200, 204)
    assert call(owner, f"projects?id=eq.{project}&select=owner_id").body == [{"owner_id": colleague.id}]
    left = call(
        owner,
        f"project_members?project_id=eq.{project}&user_id=eq.{owner.id}",
        method="PATCH",
        body={"role": "viewer"},
    )
    assert left.status == 200, "the old owner may step down once ownership moved"


def test_review_and_restore(call: Call, make_user: MakeUser, project_of: ProjectOf) -> None:
    owner, editor = make_user(name="Reviewer"), make_user(name="Author")
    project = project_of(owner, "Reviewed")
    call(owner, "rpc/add_member", {"project_id": project, "email": editor.email, "role": "editor"})
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
