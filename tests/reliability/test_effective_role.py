"""One effective-role rule (issue 12, attack 8): a global viewer is read-only everywhere, even where a project
lists them as an editor; restoring a deleted flow is an edit like any other."""

import time

import pytest

from tests.http_api import Api, join_project, seed_project
from tests.reliability.conftest import MakeUser


@pytest.mark.timeout(30)
def test_a_global_viewer_who_is_an_editor_member_cannot_restore_a_deleted_flow(
    api: Api, make_user: MakeUser
) -> None:
    owner = make_user(name="Restore owner")
    viewer = make_user(global_role="viewer", name="Global viewer")
    project = seed_project(api, owner, "restore")
    join_project(api.rest, owner, viewer, project.id, "editor")
    deleted = api.rest(owner, f"flows?id=eq.{project.flow_id}", method="DELETE")
    assert deleted.status in (200, 204), deleted.text

    began = time.monotonic()
    answer = api.rest(viewer, "rpc/restore_flow", {"flow_id": project.flow_id})
    assert time.monotonic() - began < 5
    assert answer.status == 403, answer.text[:300]
    assert "editors" in answer.body["message"]
    still_deleted = api.rest(owner, f"flows?id=eq.{project.flow_id}&select=id")
    assert still_deleted.body == []

    restored = api.rest(owner, "rpc/restore_flow", {"flow_id": project.flow_id})
    assert restored.status in (200, 204), restored.text
    assert api.rest(owner, f"flows?id=eq.{project.flow_id}&select=id").body == [{"id": project.flow_id}]
