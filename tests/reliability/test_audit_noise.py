"""Audit noise (issue 12, attack 13): a signed-in user who is no member of a public project cannot add rows to
its audit log by exporting it; a member's export is still audited, and stored header values are bounded."""

import psycopg
import pytest

from scripts.stack.config import StackConfig
from tests.http_api import Api, seed_project
from tests.reliability.conftest import MakeUser


def _exports(cfg: StackConfig, project_id: str) -> list[tuple[str | None, str | None]]:
    with psycopg.connect(cfg.db_url(), autocommit=True) as conn:
        rows = conn.execute(
            "select actor_id::text, user_agent from public.audit_log "
            "where project_id = %s and action = 'export'",
            [project_id],
        ).fetchall()
    return [(row[0], row[1]) for row in rows]


@pytest.mark.timeout(60)
def test_exports_of_a_public_project_by_a_non_member_are_not_audited(
    api: Api, cfg: StackConfig, make_user: MakeUser
) -> None:
    owner = make_user(name="Public owner")
    stranger = make_user(name="Export spammer")
    project = seed_project(api, owner, "public noise")
    shared = api.rest(owner, f"projects?id=eq.{project.id}", {"is_public": True}, method="PATCH")
    assert shared.status == 200, shared.text
    for _ in range(5):
        answer = api.rest(
            stranger,
            "rpc/export_project",
            {"project_id": project.id},
            headers={"User-Agent": "x" * 4000},
        )
        assert answer.status == 200, answer.text[:300]
    assert _exports(cfg, project.id) == []

    mine = api.rest(
        owner, "rpc/export_project", {"project_id": project.id}, headers={"User-Agent": "y" * 4000}
    )
    assert mine.status == 200
    audited = _exports(cfg, project.id)
    assert [actor for actor, _ in audited] == [owner.id]
    assert all(agent is not None and len(agent) <= 500 for _, agent in audited)
