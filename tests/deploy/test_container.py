"""The edge API image's command, run outside Docker (no engine here) against the running local stack.

Command, environment and health check are read from the Dockerfile, so the test cannot drift from the image;
only the port is moved off the image's 8000 and `uvicorn`/`python` resolve in this virtualenv. The settings
are the ones deploy/edge-api.env.example lists, with the local stack's values.
"""

import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import httpx
import pytest

from scripts.deploy.env_examples import DEPLOY_DIR
from scripts.stack.config import StackConfig
from tests.conftest import User
from tests.deploy import dockerfile
from tests.projects import fixture_copy, flows_of, import_project

IMAGE = dockerfile.read()
BIN = Path(sys.executable).parent


def _free_port() -> int:
    for port in range(62801, 62900):  # above the ephemeral range, like the scratch stacks
        with socket.socket() as sock:
            try:
                sock.bind(("0.0.0.0", port))
            except OSError:
                continue
            return port
    raise AssertionError("no free port in 62801-62899")


def _workers(pid: int) -> list[int]:
    """Children of `pid` started as multiprocessing workers (not its resource tracker)."""
    found = []
    for proc in Path("/proc").glob("[0-9]*"):
        try:
            ppid = int((proc / "stat").read_text().rsplit(")", 1)[1].split()[1])
            cmdline = (proc / "cmdline").read_bytes()
        except OSError:
            continue
        if ppid == pid and b"spawn_main" in cmdline:
            found.append(int(proc.name))
    return found


def _edge_api_env_names() -> set[str]:
    text = (DEPLOY_DIR / "edge-api.env.example").read_text()
    return {line.split("=", 1)[0] for line in text.splitlines() if line and not line.startswith("#")}


def _local(argv: list[str]) -> list[str]:
    """The image's program names, as installed in this virtualenv."""
    return [str(BIN / argv[0]), *argv[1:]]


@pytest.fixture(scope="module")
def container(cfg: StackConfig) -> Iterator[tuple[subprocess.Popen[bytes], dict[str, str]]]:
    inherited = {k: v for k, v in os.environ.items() if not k.startswith(("SUPABASE_", "DATABASE_", "EDGE_"))}
    local = {
        "SUPABASE_URL": cfg.api_url,
        "SUPABASE_ANON_KEY": cfg.anon_key,
        "SUPABASE_JWT_SECRET": cfg.jwt_secret.get_secret_value(),
    }
    listed = _edge_api_env_names()
    assert set(local) <= listed, "the container needs a setting deploy/edge-api.env.example does not list"
    env = {**inherited, **IMAGE.env, "UVICORN_PORT": str(_free_port()), **local}
    workdir = tempfile.mkdtemp(prefix="flowatlas-container-")  # no checkout .env to lean on, as in the image
    log = Path(workdir) / "edge.log"
    with log.open("wb") as out:
        process = subprocess.Popen(_local(IMAGE.cmd), env=env, cwd=workdir, stdout=out, stderr=out)
    try:
        yield process, env
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=30)
        finally:
            shutil.rmtree(workdir, ignore_errors=True)


def _healthy(env: dict[str, str], deadline: float) -> bool:
    while time.monotonic() < deadline:
        probe = subprocess.run(_local(IMAGE.healthcheck), env=env, capture_output=True, timeout=10)
        if probe.returncode == 0:
            return True
        time.sleep(0.3)
    return False


@pytest.fixture(scope="module")
def base_url(container: tuple[subprocess.Popen[bytes], dict[str, str]]) -> str:
    process, env = container
    assert _healthy(env, time.monotonic() + 30), "the image's HEALTHCHECK never passed"
    assert process.poll() is None
    return f"http://127.0.0.1:{env['UVICORN_PORT']}/functions/v1"


def test_the_image_runs_as_a_non_root_user_on_a_slim_base() -> None:
    assert IMAGE.user not in ("", "root", "0")
    assert "-slim" in IMAGE.base


def test_one_supervisor_runs_web_concurrency_workers(
    container: tuple[subprocess.Popen[bytes], dict[str, str]], base_url: str
) -> None:
    process, env = container
    workers = int(env["WEB_CONCURRENCY"])
    assert workers >= 2
    deadline = time.monotonic() + 20
    while len(_workers(process.pid)) < workers and time.monotonic() < deadline:
        time.sleep(0.2)
    assert len(_workers(process.pid)) == workers


def test_the_command_serves_documents_at_functions_v1_as_the_caller(
    base_url: str, make_user: Callable[..., User]
) -> None:
    owner = make_user(name="Container owner")
    project_id = import_project(owner, fixture_copy("Container project"))
    flow = flows_of(owner, project_id)[0]
    with httpx.Client(base_url=base_url, timeout=30) as client:
        anonymous = client.get(f"/flows/{flow['id']}/markdown")
        rendered = client.get(
            f"/flows/{flow['id']}/markdown", headers={"Authorization": f"Bearer {owner.token}"}
        )
        outsider = client.get(
            f"/flows/{flow['id']}/markdown",
            headers={"Authorization": f"Bearer {make_user(name='Container outsider').token}"},
        )
    assert anonymous.status_code == 401
    assert rendered.status_code == 200, rendered.text
    assert flow["name"] in rendered.text
    assert outsider.status_code == 404  # row-level security decided, through the stack's PostgREST
