"""Concurrency: optimistic locking, parallel imports and duplicates, the same member invited and accepting
twice at once.

Requests start together behind a barrier, each thread with its own HTTP connection, so they really race
through the gateway, PostgREST and Postgres. Where an interleaving must be forced (the second update waits on
the first one's row lock), two database sessions act as PostgREST does: `role authenticated` plus the claims.
"""

import json
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import psycopg
import pytest

from scripts.stack.config import StackConfig
from tests.conftest import User
from tests.http_api import Answer, Api, SeededProject, join_project, seed_project

MakeUser = Callable[..., User]
ROUNDS = 5


def calling(user: User, path: str, body: Any, method: str | None = None) -> Callable[[Api], Answer]:
    """One API call, to be made later on the client `race` gives it."""

    def call(client: Api) -> Answer:
        return client.rest(user, path, body, method)

    return call


def race(cfg: StackConfig, calls: list[Callable[[Api], Answer]]) -> list[Answer]:
    """Run the calls at the same moment, each on its own connection; answers in call order."""
    barrier = threading.Barrier(len(calls))

    def run(call: Callable[[Api], Answer]) -> Answer:
        client = Api(cfg.api_url, cfg.anon_key)
        try:
            client.rest(None, "", method="HEAD")  # open the connection before the start signal
            barrier.wait(timeout=30)
            return call(client)
        finally:
            client.close()

    with ThreadPoolExecutor(max_workers=len(calls)) as pool:
        return list(pool.map(run, calls))


def db_rows(cfg: StackConfig, sql: str, params: list[Any]) -> list[tuple[Any, ...]]:
    with psycopg.connect(cfg.db_url(), autocommit=True) as conn:
        return conn.execute(sql.encode(), params).fetchall()


@pytest.fixture
def team(api: Api, make_user: MakeUser) -> tuple[User, User, SeededProject]:
    """An owner and an editor of one project with a flow."""
    owner = make_user(name="Race owner")
    editor = make_user(name="Race editor")
    project = seed_project(api, owner, "race")
    join_project(api.rest, owner, editor, project.id, "editor")
    return owner, editor, project


@pytest.mark.timeout(60)
def test_two_editors_saving_the_same_revision_one_wins_one_gets_409_and_nothing_is_lost(
    api: Api, cfg: StackConfig, team: tuple[User, User, SeededProject]
) -> None:
    owner, editor, project = team
    flow = f"flows?id=eq.{project.flow_id}"
    for round_number in range(ROUNDS):
        revision = api.rest(owner, f"{flow}&select=revision").body[0]["revision"]
        edits = {owner.id: f"owner's name {round_number}", editor.id: f"editor's name {round_number}"}
        answers = race(
            cfg,
            [
                calling(who, flow, {"name": edits[who.id], "revision": revision}, "PATCH")
                for who in (owner, editor)
            ],
        )
        statuses = sorted(answer.status for answer in answers)
        assert statuses == [200, 409], [(a.status, a.text[:200]) for a in answers]
        winner, loser = (owner, editor) if answers[0].status == 200 else (editor, owner)
        conflict = answers[1] if answers[0].status == 200 else answers[0]
        assert conflict.body["code"] == "PT409" and "revision" in conflict.body["message"], conflict.text
        assert answers[0 if winner is owner else 1].body[0]["revision"] == revision + 1

        # The loser reloads and saves again: now both edits are in the history, in order.
        retried = api.rest(loser, flow, {"name": edits[loser.id], "revision": revision + 1}, "PATCH")
        assert retried.status == 200, retried.text
        history = {
            row[0]: row[1]
            for row in db_rows(
                cfg,
                "select revision, content ->> 'name' from public.flow_revisions where flow_id = %s",
                [project.flow_id],
            )
        }
        assert history[revision + 1] == edits[winner.id], history
        assert revision in history
        current = api.rest(owner, f"{flow}&select=name,revision").body[0]
        assert current == {"name": edits[loser.id], "revision": revision + 2}


CLAIMS = "select set_config('request.jwt.claims', %s, true), set_config('role', 'authenticated', true)"


def _as_user(conn: psycopg.Connection[Any], user: User) -> None:
    claims = {"sub": user.id, "role": "authenticated", "aud": "authenticated", "email": user.email}
    conn.execute(CLAIMS, [json.dumps(claims)])


@pytest.mark.timeout(60)
def test_an_update_waiting_on_the_row_lock_gets_409_not_a_silent_overwrite(
    api: Api, cfg: StackConfig, team: tuple[User, User, SeededProject]
) -> None:
    """Forced interleaving: B's update of revision r waits for A's uncommitted update of revision r."""
    owner, editor, project = team
    revision = api.rest(owner, f"flows?id=eq.{project.flow_id}&select=revision").body[0]["revision"]
    update = "update public.flows set description = %s, revision = %s where id = %s"
    outcome: dict[str, BaseException | None] = {}
    with psycopg.connect(cfg.db_url()) as first, psycopg.connect(cfg.db_url()) as second:
        _as_user(first, owner)
        first.execute(update, ["first", revision, project.flow_id])

        def waiting_update() -> None:
            try:
                _as_user(second, editor)
                second.execute(update, ["second", revision, project.flow_id])
                second.commit()
                outcome["second"] = None
            except psycopg.Error as exc:
                second.rollback()
                outcome["second"] = exc

        thread = threading.Thread(target=waiting_update)
        thread.start()
        thread.join(timeout=1.0)
        assert thread.is_alive(), "the second update did not wait for the first one's row lock"
        first.commit()
        thread.join(timeout=30)
    error = outcome["second"]
    assert isinstance(error, psycopg.Error), "the waiting update overwrote the first one"
    assert error.sqlstate == "PT409", error
    rows = db_rows(
        cfg,
        "select f.description, f.revision, r.content ->> 'description' from public.flows as f "
        "join public.flow_revisions as r on r.flow_id = f.id and r.revision = %s where f.id = %s",
        [revision, project.flow_id],
    )
    assert rows and rows[0][0] == "first" and rows[0][1] == revision + 1


def _document(label: str, flows: int) -> dict[str, Any]:
    return {
        "format": "flowatlas.project/v1",
        "project": {"name": label, "description": "imported in parallel"},
        "service_domains": [{"key": "sales", "name": "Sales"}, {"key": "ops", "name": "Operations"}],
        "services": [{"key": "orders", "name": "Orders", "domain": "sales"}],
        "actors": [{"key": "customer", "name": "Customer", "kind": "person"}, {"key": "erp", "name": "ERP"}],
        "integration_types": [{"key": "rest", "name": "REST"}],
        "flows": [
            {
                "name": f"{label} flow {n}",
                "service": "orders",
                "actors": ["customer", "erp"],
                "steps": [{"id": f"s{s}", "name": f"step {s}", "actor": "customer"} for s in range(5)],
                "business_rules": [{"id": "r1", "description": "rule"}],
            }
            for n in range(flows)
        ],
    }


COUNTS = """
select (select count(*) from public.flows where project_id = p.id),
       (select count(*) from public.service_domains where project_id = p.id),
       (select count(*) from public.services where project_id = p.id),
       (select count(*) from public.actors where project_id = p.id),
       (select count(*) from public.integration_types where project_id = p.id),
       (select count(*) from public.project_members where project_id = p.id and role = 'owner'),
       (select count(*) from public.flows where project_id = p.id and service_id is null),
       (select count(*) from public.flows where project_id = p.id and cardinality(actor_ids) <> 2)
from public.projects as p where p.id = %s
"""


@pytest.mark.timeout(90)
def test_parallel_imports_each_leave_one_complete_project(
    api: Api, cfg: StackConfig, make_user: MakeUser
) -> None:
    importer = make_user(name="Parallel importer")
    flows = 40
    names = [f"parallel import {n} {importer.id[:8]}" for n in range(6)]
    answers = race(
        cfg,
        [calling(importer, "rpc/import_project", {"document": _document(name, flows)}) for name in names],
    )
    assert [a.status for a in answers] == [200] * len(names), [a.text[:200] for a in answers]
    ids = [str(a.body) for a in answers]
    assert len(set(ids)) == len(names)
    for project_id, name in zip(ids, names, strict=True):
        assert db_rows(cfg, "select name from public.projects where id = %s", [project_id]) == [(name,)]
        assert db_rows(cfg, COUNTS, [project_id]) == [(flows, 2, 1, 2, 1, 1, 0, 0)], name


@pytest.mark.timeout(90)
def test_parallel_duplicates_of_a_project_being_edited_are_each_complete(
    api: Api, cfg: StackConfig, make_user: MakeUser
) -> None:
    owner = make_user(name="Duplicate owner")
    source = api.rest(owner, "rpc/import_project", {"document": _document(f"source {owner.id[:8]}", 30)})
    assert source.status == 200, source.text
    source_id = str(source.body)
    expected = db_rows(cfg, COUNTS, [source_id])
    copies = 5
    calls = [
        calling(owner, "rpc/duplicate_project", {"project_id": source_id, "name": f"copy {n} {owner.id[:8]}"})
        for n in range(copies)
    ]
    # Meanwhile someone adds a flow to the source: each copy has either the old or the new set, never half.
    calls.append(calling(owner, "flows", {"project_id": source_id, "name": "late flow"}))
    answers = race(cfg, calls)
    assert [a.status for a in answers] == [200] * copies + [201], [a.text[:200] for a in answers]
    source_flows = {
        row[0] for row in db_rows(cfg, "select name from public.flows where project_id = %s", [source_id])
    }
    for answer in answers[:copies]:
        copy_id = str(answer.body)
        counts = db_rows(cfg, COUNTS, [copy_id])[0]
        copied_flows = {
            row[0] for row in db_rows(cfg, "select name from public.flows where project_id = %s", [copy_id])
        }
        assert copied_flows in (source_flows - {"late flow"}, source_flows), copy_id
        assert counts[1:6] == expected[0][1:6], (copy_id, counts, expected)


@pytest.mark.timeout(60)
def test_the_same_member_invited_twice_and_accepting_twice_at_once_is_one_row(
    api: Api, cfg: StackConfig, make_user: MakeUser
) -> None:
    owner = make_user(name="Membership owner")
    project = api.rest(owner, "projects", {"name": f"members race {owner.id[:8]}"}).body[0]["id"]
    for round_number in range(ROUNDS):
        newcomer = make_user(name=f"Newcomer {round_number}")
        role = "editor" if round_number % 2 else "viewer"
        body = {"project_id": project, "email": newcomer.email, "role": role}
        invited = race(cfg, [calling(owner, "rpc/add_member", body)] * 2)
        assert [a.status for a in invited] == [200, 200], [(a.status, a.text[:200]) for a in invited]
        assert invited[0].body["id"] == invited[1].body["id"], "one invitation per address and project"
        accept = {"invitation_id": invited[0].body["id"]}
        accepted = race(cfg, [calling(newcomer, "rpc/accept_invitation", accept)] * 2)
        assert sorted(a.status for a in accepted) == [200, 404], [(a.status, a.text[:200]) for a in accepted]
        again = api.rest(owner, "rpc/add_member", body)
        assert again.status == 409 and "member of the project" in again.body["message"], again.text
        rows = db_rows(
            cfg,
            "select role::text from public.project_members where project_id = %s and user_id = %s",
            [project, newcomer.id],
        )
        assert rows == [(role,)]
