"""Review integrity (issue 12, attack 9): deleting a registry entry an approved flow uses changes the flow, so
it goes back to draft without its approver; and a user's import brings every flow in as a draft, so nobody
imports an "approved" flow, or an "in_review" one they can then approve themselves."""

import pytest

from tests.http_api import Api, created, join_project, seed_project
from tests.reliability.conftest import MakeUser


@pytest.mark.timeout(30)
def test_deleting_an_actor_an_approved_flow_uses_sends_the_flow_back_to_draft(
    api: Api, make_user: MakeUser
) -> None:
    owner = make_user(name="Review owner")
    editor = make_user(name="Review editor")
    project = seed_project(api, owner, "review")
    join_project(api.rest, owner, editor, project.id, "editor")
    # An actor the flow lists but no step names: deleting it changes the flow without breaking a reference.
    listed = created(
        api.rest(
            owner, "actors", {"project_id": project.id, "key": "auditor", "name": "Auditor", "kind": "person"}
        )
    )["id"]
    patched = api.rest(
        owner, f"flows?id=eq.{project.flow_id}", {"actor_ids": [project.actor_id, listed]}, method="PATCH"
    )
    assert patched.status in (200, 204), patched.text
    assert api.rest(editor, "rpc/submit_for_review", {"flow_id": project.flow_id}).status == 200
    approved = api.rest(owner, "rpc/approve_flow", {"flow_id": project.flow_id})
    assert approved.status == 200, approved.text

    deleted = api.rest(editor, f"actors?id=eq.{listed}", method="DELETE")
    assert deleted.status in (200, 204), deleted.text
    flow = api.rest(owner, f"flows?id=eq.{project.flow_id}&select=status,approved_by,actor_ids").body[0]
    assert flow == {"status": "draft", "approved_by": None, "actor_ids": [project.actor_id]}


@pytest.mark.timeout(30)
def test_an_actor_a_step_names_cannot_be_deleted_so_no_step_is_orphaned(
    api: Api, make_user: MakeUser
) -> None:
    owner = make_user(name="Reference owner")
    project = seed_project(api, owner, "named")
    refused = api.rest(owner, f"actors?id=eq.{project.actor_id}", method="DELETE")
    assert refused.status == 409, refused.text
    assert "steps[0]" in refused.text
    still = api.rest(owner, f"actors?id=eq.{project.actor_id}&select=id").body
    assert still == [{"id": project.actor_id}]


@pytest.mark.timeout(30)
def test_a_users_import_brings_approved_and_in_review_flows_in_as_drafts(
    api: Api, make_user: MakeUser
) -> None:
    importer = make_user(name="Self approver")
    document = {
        "format": "flowatlas.project/v1",
        "project": {"name": "self approval"},
        "flows": [
            {"name": "pre-approved", "status": "approved"},
            {"name": "pre-submitted", "status": "in_review"},
        ],
    }
    answer = api.rest(importer, "rpc/import_project", {"document": document})
    assert answer.status == 200, answer.text[:300]
    flows = api.rest(importer, f"flows?project_id=eq.{answer.body}&select=status,approved_by&order=name").body
    assert flows == [{"status": "draft", "approved_by": None}, {"status": "draft", "approved_by": None}]
    pre_submitted = api.rest(
        importer, f"flows?project_id=eq.{answer.body}&name=eq.pre-submitted&select=id"
    ).body
    refused = api.rest(importer, "rpc/approve_flow", {"flow_id": pre_submitted[0]["id"]})
    assert refused.status >= 400
