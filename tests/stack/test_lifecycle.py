"""A second, throwaway stack on other ports, driven through the real `flowatlas` command line."""

import os
import shutil
import socket
import tempfile
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from scripts.stack import database, processes
from tests.scratch_stack import ScratchStack

PORT_BASE = 62321  # above the ephemeral port range (32768-60999), where a client socket may sit


@pytest.fixture(scope="module")
def scratch() -> Iterator[ScratchStack]:
    stack = ScratchStack(PORT_BASE)
    try:
        yield stack
    finally:
        stack.destroy()


PORTS = ("gateway_port", "db_port", "postgrest_port", "postgrest_admin_port", "edge_port")


def test_up_starts_every_service_and_prints_keys(scratch: ScratchStack) -> None:
    cfg = scratch.cfg
    result = scratch.run("stack", "up")
    assert result.returncode == 0, result.stderr
    assert f"http://127.0.0.1:{PORT_BASE}" in result.stdout
    assert cfg.anon_key in result.stdout
    assert cfg.service_role_key in result.stdout
    assert "Supabase Auth does not run in this stack" in result.stdout  # said once, with the way around it
    assert "flowatlas users token EMAIL" in result.stdout
    for port in PORTS:
        assert processes.port_is_open(getattr(cfg, port)), f"{port} is not listening"


def test_up_twice_keeps_the_same_processes(scratch: ScratchStack) -> None:
    cfg = scratch.cfg
    pids = {name: processes.read_pid(cfg.pid_file(name)) for name in ("postgrest", "edge_api", "gateway")}
    result = scratch.run("stack", "up")
    assert result.returncode == 0, result.stderr
    assert pids == {name: processes.read_pid(cfg.pid_file(name)) for name in pids}


def test_status_reports_all_running(scratch: ScratchStack) -> None:
    result = scratch.run("stack", "status")
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.count("running") == 4


def test_env_prints_export_lines(scratch: ScratchStack) -> None:
    cfg = scratch.cfg
    lines = scratch.run("stack", "env").stdout.splitlines()
    exports = dict(line.removeprefix("export ").split("=", 1) for line in lines)
    assert exports["SUPABASE_URL"] == f"'http://127.0.0.1:{PORT_BASE}'"
    assert exports["SUPABASE_ANON_KEY"] == f"'{cfg.anon_key}'"
    assert set(exports) == {
        "SUPABASE_URL",
        "SUPABASE_ANON_KEY",
        "SUPABASE_SERVICE_ROLE_KEY",
        "DATABASE_URL",
        "SUPABASE_JWT_SECRET",
        "USER_TOKEN",
    }


def test_env_user_token_runs_the_readme_example(scratch: ScratchStack) -> None:
    """README's curl example: the anon key in apikey, $USER_TOKEN as the bearer token."""
    lines = scratch.run("stack", "env").stdout.splitlines()
    exports = {k: v.strip("'") for k, v in (line.removeprefix("export ").split("=", 1) for line in lines)}
    response = httpx.get(
        f"{exports['SUPABASE_URL']}/rest/v1/projects?select=id,name",
        headers={"apikey": exports["SUPABASE_ANON_KEY"], "Authorization": f"Bearer {exports['USER_TOKEN']}"},
        timeout=10,
    )
    assert response.status_code == 200
    assert "Order to Cash" in {project["name"] for project in response.json()}


def test_down_leaves_nothing_listening(scratch: ScratchStack) -> None:
    cfg = scratch.cfg
    result = scratch.run("stack", "down")
    assert result.returncode == 0, result.stderr
    for port in PORTS:
        assert not processes.port_is_open(getattr(cfg, port)), f"{port} still listening after down"
    assert not list(cfg.run_dir.glob("*.pid"))
    assert scratch.run("stack", "status").returncode == 1


def test_an_unhealthy_postgrest_is_reported_with_its_log(scratch: ScratchStack) -> None:
    cfg = scratch.cfg
    assert scratch.run("stack", "up").returncode == 0
    processes.stop(cfg.pid_file("postgrest"))
    with database.connect(cfg.db_url()) as conn:
        conn.execute("alter role authenticator nologin")  # PostgREST can no longer reach the database
    try:
        result = scratch.run("stack", "up", extra_env={"FLOWATLAS_STACK_HEALTH_TIMEOUT": "3"})
    finally:
        with database.connect(cfg.db_url()) as conn:
            conn.execute("alter role authenticator login")
        scratch.run("stack", "down")
    assert result.returncode == 1
    assert "postgrest is not healthy after 3s" in result.stderr
    assert "postgrest.log" in result.stderr
    assert "not permitted to log in" in result.stderr  # the log's last lines are shown


def test_a_taken_port_is_named_with_the_fix() -> None:
    stack = ScratchStack(PORT_BASE + 100)
    with socket.socket() as squatter:
        squatter.bind(("127.0.0.1", stack.cfg.db_port))
        squatter.listen()
        try:
            result = stack.run("stack", "up")
        finally:
            stack.destroy()
    assert result.returncode == 1
    assert f"port {stack.cfg.db_port} (for PostgreSQL) is taken" in result.stderr
    assert "FLOWATLAS_STACK_PORT_BASE" in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.skipif(
    os.geteuid() != 0, reason="the postgres-user permission check only exists when run as root"
)
def test_a_folder_the_postgres_user_cannot_reach_is_named() -> None:
    private = Path(tempfile.mkdtemp(prefix="flowatlas-private-"))  # mode 700, root's
    try:
        result = ScratchStack(PORT_BASE + 200, folder=private / "stack").run("stack", "up")
    finally:
        shutil.rmtree(private, ignore_errors=True)
    assert result.returncode == 1
    assert "postgres user cannot reach" in result.stderr
    assert "FLOWATLAS_STACK_DIR" in result.stderr
