"""Ids and purged history (issue 12, attack 6): no API user chooses a row id, so nobody can take over the
audit history of a purged project by creating one with its id, nor probe whether a private id exists (409);
and a purge removes the purged project's audit rows."""

import datetime as dt
import uuid

import psycopg
import pytest

from scripts.admin import purge
from scripts.stack.config import StackConfig
from tests.http_api import Api, seed_project
from tests.reliability.conftest import MakeUser


@pytest.mark.timeout(30)
def test_a_chosen_project_id_is_refused_alike_for_a_taken_and_a_free_id(
    api: Api, make_user: MakeUser
) -> None:
    victim = make_user(name="Id victim")
    attacker = make_user(name="Id prober")
    private = seed_project(api, victim, "private id")
    taken = api.rest(attacker, "projects", {"id": private.id, "name": "probe"})
    free = api.rest(attacker, "projects", {"id": str(uuid.uuid4()), "name": "probe"})
    assert taken.status == free.status == 403, (taken.text[:200], free.text[:200])
    assert "projects_pkey" not in taken.text
    flow = api.rest(attacker, "flows", {"id": private.flow_id, "project_id": private.id, "name": "probe"})
    assert flow.status == 403, flow.text[:200]


@pytest.mark.timeout(60)
def test_a_purged_projects_audit_history_goes_with_it_and_its_id_cannot_be_taken(
    api: Api, cfg: StackConfig, make_user: MakeUser
) -> None:
    victim = make_user(name="Purge victim")
    attacker = make_user(name="Purge heir")
    purged = seed_project(api, victim, "purged secret")
    deleted = api.rest(victim, f"projects?id=eq.{purged.id}", method="DELETE")
    assert deleted.status in (200, 204), deleted.text
    with psycopg.connect(cfg.db_url(), autocommit=True) as conn:
        done = purge.purge(conn, dt.datetime.now(dt.UTC))
        assert done.projects >= 1
        row = conn.execute(
            "select count(*) from public.audit_log where project_id = %s", [purged.id]
        ).fetchone()
    assert row is not None and row[0] == 0

    heir = api.rest(attacker, "projects", {"id": purged.id, "name": "heir"})
    assert heir.status == 403, heir.text[:200]
    history = api.rest(attacker, f"audit_log?project_id=eq.{purged.id}&select=changes")
    assert history.status == 200 and history.body == []
