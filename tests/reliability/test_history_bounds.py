"""History without bound (issue 12, attack 7): one write holds at most 2 MB of flow content, so PATCHes of
fresh 4 MB custom fields no longer grow flow_revisions and audit_log by megabytes; and `flowatlas purge
--history-older-than` deletes old revisions and audit entries, never a flow's latest revisions."""

import datetime as dt
import os
import time

import psycopg
import pytest

from scripts.admin import purge
from scripts.stack.config import StackConfig
from tests.http_api import Api, seed_project
from tests.reliability.conftest import MakeUser

MB = 1024 * 1024


def _history_bytes(cfg: StackConfig, project_id: str) -> tuple[int, int]:
    with psycopg.connect(cfg.db_url(), autocommit=True) as conn:
        row = conn.execute(
            "select (select coalesce(sum(pg_column_size(r.*)), 0) from public.flow_revisions as r "
            "where r.project_id = %(p)s), (select coalesce(sum(pg_column_size(a.*)), 0) "
            "from public.audit_log as a where a.project_id = %(p)s)",
            {"p": project_id},
        ).fetchone()
    assert row is not None
    return int(row[0]), int(row[1])


@pytest.mark.timeout(60)
def test_patches_of_4_mb_custom_fields_are_refused_and_history_stays_small(
    api: Api, cfg: StackConfig, make_user: MakeUser
) -> None:
    editor = make_user(name="History grower")
    project = seed_project(api, editor, "history")
    before = _history_bytes(cfg, project.id)
    for _ in range(3):
        began = time.monotonic()
        noise = os.urandom(2 * MB).hex()  # 4 MB that no compression shrinks
        answer = api.rest(editor, f"flows?id=eq.{project.flow_id}", {"custom_fields": {"x": noise}}, "PATCH")
        assert time.monotonic() - began < 15
        assert answer.status == 400, answer.text[:300]
        assert "flows_content_at_most_2_mb" in answer.body["message"]
    after = _history_bytes(cfg, project.id)
    assert after[0] - before[0] < 100_000 and after[1] - before[1] < 100_000, (before, after)


@pytest.mark.timeout(60)
def test_history_retention_keeps_each_flows_latest_revisions(
    api: Api, cfg: StackConfig, make_user: MakeUser
) -> None:
    editor = make_user(name="History keeper")
    project = seed_project(api, editor, "retention")
    for n in range(purge.KEEP_REVISIONS + 5):
        edited = api.rest(editor, f"flows?id=eq.{project.flow_id}", {"notes": f"edit {n}"}, "PATCH")
        assert edited.status == 200, edited.text[:200]
    with psycopg.connect(cfg.db_url(), autocommit=True) as conn:
        conn.execute(
            "update public.flow_revisions set created_at = now() - interval '2 years' where flow_id = %s",
            [project.flow_id],
        )
        conn.execute(
            "update public.audit_log set created_at = now() - interval '2 years' where project_id = %s",
            [project.id],
        )
        done = purge.purge_history(conn, dt.datetime.now(dt.UTC) - dt.timedelta(days=365))
        assert done.revisions >= 5 and done.audit_entries >= 25
        left = conn.execute(
            "select count(*), min(revision) from public.flow_revisions where flow_id = %s", [project.flow_id]
        ).fetchone()
        audit = conn.execute(
            "select count(*) from public.audit_log where project_id = %s", [project.id]
        ).fetchone()
    assert left is not None and left[0] == purge.KEEP_REVISIONS
    assert audit == (0,)
