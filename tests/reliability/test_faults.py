"""Faults, on a scratch stack of its own (port base 61321), never the main one.

Postgres dies in the middle of a big import (an immediate shutdown, i.e. a crash, and a killed backend): no
partial project exists afterwards, and PostgREST and the edge API recover by themselves once the database is
back. While PostgREST is down the gateway answers 502/503 at once instead of hanging.
"""

import json
import os
import signal
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import httpx
import psycopg
import pytest

from edge_api import tokens
from scripts.stack import postgres, processes
from tests.conftest import sign_up
from tests.scratch_stack import FAULTS_PORT_BASE, ScratchStack, scratch_stack

FLOWS = 600  # ~2.8 MB, a few seconds of import: long enough to be caught in flight, well inside the 8 s limit
QUICK = 3.0  # seconds: "answers at once", with room for a slow machine
RECOVERY = 30.0


@dataclass(frozen=True)
class Scratch:
    stack: ScratchStack
    user_id: str
    token: str
    project_id: str

    @property
    def rest_headers(self) -> dict[str, str]:
        return {"apikey": self.stack.cfg.anon_key, "Authorization": f"Bearer {self.token}"}

    @property
    def api_url(self) -> str:
        return self.stack.cfg.api_url


@pytest.fixture(scope="module")
def scratch() -> Iterator[Scratch]:
    with scratch_stack(FAULTS_PORT_BASE) as stack:
        cfg = stack.cfg
        user_id = str(uuid.uuid4())
        email = f"faults.{user_id[:8]}@tests.flowatlas.test"
        with psycopg.connect(cfg.db_url(), autocommit=True) as conn:
            sign_up(conn, user_id, email, "Fault tester")
        token = tokens.user_token(user_id, email, cfg.jwt_secret.get_secret_value())
        headers = {"apikey": cfg.anon_key, "Authorization": f"Bearer {token}"}
        project = httpx.post(
            f"{cfg.api_url}/rest/v1/projects",
            json={"name": "fault survivor"},
            headers={**headers, "Prefer": "return=representation"},
            timeout=30,
        )
        assert project.status_code == 201, project.text
        yield Scratch(stack, user_id, token, project.json()[0]["id"])


def _document(name: str) -> dict[str, Any]:
    return {
        "format": "flowatlas.project/v1",
        "project": {"name": name},
        "actors": [{"key": "customer", "name": "Customer", "kind": "person"}],
        "flows": [
            {
                "name": f"{name} flow {n}",
                "steps": [
                    {"id": f"s{s}", "name": f"step {s} " + "x" * 200, "actor": "customer"} for s in range(20)
                ],
            }
            for n in range(FLOWS)
        ],
    }


def _wait(condition: Callable[[], bool], timeout: float, what: str) -> float:
    """Poll until `condition()`; returns the seconds it took, fails after `timeout`."""
    began = time.monotonic()
    while time.monotonic() - began < timeout:
        try:
            if condition():
                return time.monotonic() - began
        except (httpx.HTTPError, psycopg.Error):
            pass
        time.sleep(0.1)
    pytest.fail(f"{what} within {timeout:.0f}s")


def _import_in_flight(scratch: Scratch, name: str) -> tuple[threading.Thread, dict[str, Any]]:
    """Start a big import in a thread; return once Postgres has been running it for half a second."""
    outcome: dict[str, Any] = {}
    body = json.dumps({"document": _document(name)})

    def send() -> None:
        try:
            response = httpx.post(
                f"{scratch.api_url}/rest/v1/rpc/import_project",
                content=body,
                headers={**scratch.rest_headers, "Content-Type": "application/json"},
                timeout=RECOVERY,
            )
            outcome["status"] = response.status_code
            outcome["body"] = response.text[:300]
        except httpx.HTTPError as exc:
            outcome["status"] = type(exc).__name__

    thread = threading.Thread(target=send)
    thread.start()
    with psycopg.connect(scratch.stack.cfg.db_url(), autocommit=True) as conn:

        def running() -> bool:
            row = conn.execute(
                "select pid from pg_stat_activity where state = 'active' and query like '%%import_project%%' "
                "and pid <> pg_backend_pid() and now() - query_start > interval '0.5 seconds'"
            ).fetchone()
            if row:
                outcome["backend"] = row[0]
            return row is not None

        _wait(running, 20, "the import did not start")
    return thread, outcome


def _rest_ok(scratch: Scratch) -> bool:
    response = httpx.get(
        f"{scratch.api_url}/rest/v1/projects?select=id&limit=1", headers=scratch.rest_headers, timeout=5
    )
    return response.status_code == 200


def _edge_ok(scratch: Scratch) -> bool:
    response = httpx.get(
        f"{scratch.api_url}/functions/v1/projects/{scratch.project_id}/export",
        headers={"Authorization": f"Bearer {scratch.token}"},
        timeout=5,
    )
    return response.status_code == 200


def _projects_named(scratch: Scratch, name: str) -> tuple[int, int]:
    with psycopg.connect(scratch.stack.cfg.db_url(), autocommit=True) as conn:
        row = conn.execute(
            "select (select count(*) from public.projects where name = %s), "
            "(select count(*) from public.flows where name like %s)",
            [name, f"{name} flow %"],
        ).fetchone()
    assert row is not None
    return int(row[0]), int(row[1])


def _ensure_up(scratch: Scratch) -> None:
    scratch.stack.up()
    _wait(lambda: _rest_ok(scratch), RECOVERY, "the scratch stack did not answer")


@pytest.mark.timeout(120)
def test_postgres_crash_mid_import_leaves_no_partial_project_and_the_api_recovers(scratch: Scratch) -> None:
    _ensure_up(scratch)
    cfg = scratch.stack.cfg
    name = f"crash import {uuid.uuid4().hex[:8]}"
    thread, outcome = _import_in_flight(scratch, name)

    postmaster = postgres.postmaster_pid(cfg)
    assert postmaster is not None
    os.kill(postmaster, signal.SIGQUIT)  # immediate shutdown: no checkpoint, recovery on the next start
    _wait(lambda: not processes.pid_alive(postmaster), RECOVERY, "Postgres did not stop")
    thread.join(RECOVERY)
    assert outcome.get("status") != 200, f"the import finished before the crash: {outcome}"

    # While the database is down: quick 5xx answers from both APIs, no hang.
    for url, headers in (
        (f"{scratch.api_url}/rest/v1/projects?select=id", scratch.rest_headers),
        (
            f"{scratch.api_url}/functions/v1/projects/{scratch.project_id}/export",
            {"Authorization": f"Bearer {scratch.token}"},
        ),
    ):
        began = time.monotonic()
        response = httpx.get(url, headers=headers, timeout=QUICK * 3)
        assert response.status_code in (502, 503, 504), (url, response.status_code, response.text[:200])
        assert time.monotonic() - began < QUICK, (
            f"{url} took {time.monotonic() - began:.1f}s while the db was down"
        )

    postgres.start(cfg)  # only the database: PostgREST and the edge API must reconnect on their own
    _wait(lambda: _rest_ok(scratch), RECOVERY, "PostgREST did not recover after the database came back")
    _wait(lambda: _edge_ok(scratch), RECOVERY, "the edge API did not recover after the database came back")
    assert processes.running_pid(cfg.pid_file("postgrest")) is not None

    assert _projects_named(scratch, name) == (0, 0), "a partial project survived the crash"

    # And the same import, sent again, lands whole.
    again = httpx.post(
        f"{scratch.api_url}/rest/v1/rpc/import_project",
        json={"document": _document(name)},
        headers=scratch.rest_headers,
        timeout=RECOVERY * 2,
    )
    assert again.status_code == 200, again.text[:300]
    assert _projects_named(scratch, name) == (1, FLOWS)


@pytest.mark.timeout(120)
def test_a_killed_import_backend_rolls_back_and_the_api_recovers_without_any_restart(
    scratch: Scratch,
) -> None:
    _ensure_up(scratch)
    cfg = scratch.stack.cfg
    name = f"killed backend {uuid.uuid4().hex[:8]}"
    postmaster = postgres.postmaster_pid(cfg)
    thread, outcome = _import_in_flight(scratch, name)

    os.kill(int(outcome["backend"]), signal.SIGKILL)  # the postmaster resets every session and recovers
    thread.join(RECOVERY)
    assert outcome.get("status") != 200, f"the import finished before the kill: {outcome}"
    assert isinstance(outcome.get("status"), int) and outcome["status"] >= 500, outcome

    _wait(lambda: _rest_ok(scratch), RECOVERY, "PostgREST did not recover after the crash recovery")
    _wait(lambda: _edge_ok(scratch), RECOVERY, "the edge API did not recover after the crash recovery")
    assert postgres.postmaster_pid(cfg) == postmaster, "the postmaster itself should have survived"
    assert _projects_named(scratch, name) == (0, 0), "a partial project survived the killed backend"


@pytest.mark.timeout(90)
def test_the_gateway_answers_at_once_while_postgrest_is_down_and_recovers_after_up(scratch: Scratch) -> None:
    _ensure_up(scratch)
    cfg = scratch.stack.cfg
    assert processes.stop(cfg.pid_file("postgrest")), "PostgREST was not running"
    try:
        for attempt in range(3):
            began = time.monotonic()
            response = httpx.get(
                f"{scratch.api_url}/rest/v1/projects?select=id",
                headers=scratch.rest_headers,
                timeout=QUICK * 3,
            )
            elapsed = time.monotonic() - began
            assert response.status_code in (502, 503), (attempt, response.status_code, response.text[:200])
            assert elapsed < QUICK, f"the gateway took {elapsed:.1f}s to answer {response.status_code}"

        began = time.monotonic()
        edge = httpx.get(
            f"{scratch.api_url}/functions/v1/projects/{scratch.project_id}/export",
            headers={"Authorization": f"Bearer {scratch.token}"},
            timeout=QUICK * 3,
        )
        assert edge.status_code in (502, 503), edge.text[:200]
        assert time.monotonic() - began < QUICK
        assert "message" in edge.json(), edge.text  # the edge API's own JSON error, not a proxy page
    finally:
        scratch.stack.up()
    _wait(lambda: _rest_ok(scratch), RECOVERY, "PostgREST did not come back after stack up")
    _wait(lambda: _edge_ok(scratch), RECOVERY, "the edge API did not come back after stack up")


@pytest.mark.timeout(60)
def test_the_gateway_says_in_json_that_the_data_api_is_down(scratch: Scratch) -> None:
    _ensure_up(scratch)
    cfg = scratch.stack.cfg
    processes.stop(cfg.pid_file("postgrest"))
    try:
        response = httpx.get(
            f"{scratch.api_url}/rest/v1/projects?select=id", headers=scratch.rest_headers, timeout=QUICK * 3
        )
    finally:
        scratch.stack.up()
    assert response.status_code in (502, 503)
    assert response.headers.get("content-type", "").startswith("application/json"), response.text[:200]
    assert response.json().get("message"), response.text
