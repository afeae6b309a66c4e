"""A second, throwaway stack on other ports, driven through the real `flowatlas` command line."""

import os
import shutil
import socket
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from scripts.stack import database, processes
from scripts.stack.config import StackConfig

PORT_BASE = 62321  # above the ephemeral port range (32768-60999), where a client socket may sit
FLOWATLAS = [sys.executable, "-m", "scripts.cli"]


def _run(
    stack_dir: Path, *args: str, port_base: int = PORT_BASE, extra_env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        "FLOWATLAS_STACK_DIR": str(stack_dir),
        "FLOWATLAS_STACK_PORT_BASE": str(port_base),
        **(extra_env or {}),
    }
    return subprocess.run([*FLOWATLAS, *args], capture_output=True, text=True, env=env, timeout=120)


def _scratch_dir() -> Path:
    # Under /tmp and world-traversable: the postgres user must reach the cluster folder.
    path = Path(tempfile.mkdtemp(prefix="flowatlas-stack-"))
    path.chmod(0o755)
    return path


@pytest.fixture(scope="module")
def scratch_stack() -> Iterator[tuple[Path, StackConfig]]:
    stack_dir = _scratch_dir()
    cfg = StackConfig(dir=stack_dir, port_base=PORT_BASE)
    try:
        yield stack_dir, cfg
    finally:
        _run(stack_dir, "stack", "down")
        shutil.rmtree(stack_dir, ignore_errors=True)


PORTS = ("gateway_port", "db_port", "postgrest_port", "postgrest_admin_port", "edge_port")


def test_up_starts_every_service_and_prints_keys(scratch_stack: tuple[Path, StackConfig]) -> None:
    stack_dir, cfg = scratch_stack
    result = _run(stack_dir, "stack", "up")
    assert result.returncode == 0, result.stderr
    assert f"http://127.0.0.1:{PORT_BASE}" in result.stdout
    assert cfg.anon_key in result.stdout
    assert cfg.service_role_key in result.stdout
    for port in PORTS:
        assert processes.port_is_open(getattr(cfg, port)), f"{port} is not listening"


def test_up_twice_keeps_the_same_processes(scratch_stack: tuple[Path, StackConfig]) -> None:
    stack_dir, cfg = scratch_stack
    pids = {name: processes.read_pid(cfg.pid_file(name)) for name in ("postgrest", "edge_api", "gateway")}
    result = _run(stack_dir, "stack", "up")
    assert result.returncode == 0, result.stderr
    assert pids == {name: processes.read_pid(cfg.pid_file(name)) for name in pids}


def test_status_reports_all_running(scratch_stack: tuple[Path, StackConfig]) -> None:
    stack_dir, _ = scratch_stack
    result = _run(stack_dir, "stack", "status")
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.count("running") == 4


def test_env_prints_export_lines(scratch_stack: tuple[Path, StackConfig]) -> None:
    stack_dir, cfg = scratch_stack
    lines = _run(stack_dir, "stack", "env").stdout.splitlines()
    exports = dict(line.removeprefix("export ").split("=", 1) for line in lines)
    assert exports["SUPABASE_URL"] == f"'http://127.0.0.1:{PORT_BASE}'"
    assert exports["SUPABASE_ANON_KEY"] == f"'{cfg.anon_key}'"
    assert set(exports) == {
        "SUPABASE_URL",
        "SUPABASE_ANON_KEY",
        "SUPABASE_SERVICE_ROLE_KEY",
        "DATABASE_URL",
        "SUPABASE_JWT_SECRET",
    }


def test_down_leaves_nothing_listening(scratch_stack: tuple[Path, StackConfig]) -> None:
    stack_dir, cfg = scratch_stack
    result = _run(stack_dir, "stack", "down")
    assert result.returncode == 0, result.stderr
    for port in PORTS:
        assert not processes.port_is_open(getattr(cfg, port)), f"{port} still listening after down"
    assert not list(cfg.run_dir.glob("*.pid"))
    assert _run(stack_dir, "stack", "status").returncode == 1


def test_an_unhealthy_postgrest_is_reported_with_its_log(scratch_stack: tuple[Path, StackConfig]) -> None:
    stack_dir, cfg = scratch_stack
    assert _run(stack_dir, "stack", "up").returncode == 0
    processes.stop(cfg.pid_file("postgrest"))
    with database.connect(cfg.db_url()) as conn:
        conn.execute("alter role authenticator nologin")  # PostgREST can no longer reach the database
    try:
        result = _run(stack_dir, "stack", "up", extra_env={"FLOWATLAS_STACK_HEALTH_TIMEOUT": "3"})
    finally:
        with database.connect(cfg.db_url()) as conn:
            conn.execute("alter role authenticator login")
        _run(stack_dir, "stack", "down")
    assert result.returncode == 1
    assert "postgrest is not healthy after 3s" in result.stderr
    assert "postgrest.log" in result.stderr
    assert "not permitted to log in" in result.stderr  # the log's last lines are shown


def test_a_taken_port_is_named_with_the_fix() -> None:
    stack_dir = _scratch_dir()
    port_base = PORT_BASE + 100
    with socket.socket() as squatter:
        squatter.bind(("127.0.0.1", port_base + 1))  # the database port
        squatter.listen()
        try:
            result = _run(stack_dir, "stack", "up", port_base=port_base)
        finally:
            _run(stack_dir, "stack", "down", port_base=port_base)
            shutil.rmtree(stack_dir, ignore_errors=True)
    assert result.returncode == 1
    assert f"port {port_base + 1} (for PostgreSQL) is taken" in result.stderr
    assert "FLOWATLAS_STACK_PORT_BASE" in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.skipif(
    os.geteuid() != 0, reason="the postgres-user permission check only exists when run as root"
)
def test_a_folder_the_postgres_user_cannot_reach_is_named() -> None:
    private = Path(tempfile.mkdtemp(prefix="flowatlas-private-"))  # mode 700, root's
    try:
        result = _run(private / "stack", "stack", "up", port_base=PORT_BASE + 200)
    finally:
        shutil.rmtree(private, ignore_errors=True)
    assert result.returncode == 1
    assert "postgres user cannot reach" in result.stderr
    assert "FLOWATLAS_STACK_DIR" in result.stderr
