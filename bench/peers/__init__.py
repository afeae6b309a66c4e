"""The hand-written peers PostgREST is measured against (Express + pg, FastAPI + asyncpg), started for a run.

Each peer runs as one process (as PostgREST does) on 127.0.0.1, connects as the database admin with a pool of
10 and enforces the access rule of bench/peers/access.sql itself. They are stopped by their pid at the end.
"""

import os
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx

from scripts.stack.config import PROJECT_DIR, StackConfig

HERE = Path(__file__).parent


@dataclass(frozen=True)
class Peer:
    name: str
    url: str


def _argv(name: str, port: int) -> list[str]:
    if name == "express":
        return ["node", str(HERE / "express_peer.js")]
    return [
        sys.executable,
        "-m",
        "uvicorn",
        "bench.peers.fastapi_peer:app",
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
        "--no-access-log",
        "--log-level",
        "warning",
    ]


def _wait_healthy(peer: Peer, process: subprocess.Popen[bytes], log: Path) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the {peer.name} peer exited: {log.read_text()[-2000:]}")
        try:
            if httpx.get(f"{peer.url}/health", timeout=1).status_code == 200:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.2)
    raise RuntimeError(f"the {peer.name} peer did not answer within 30 s: see {log}")


@contextmanager
def running(cfg: StackConfig, columns: list[str]) -> Iterator[dict[str, Peer]]:
    """Both peers up (ports base+40 and +41), serving `columns` for one flow; stopped afterwards."""
    env = {
        **os.environ,
        "PEER_DATABASE_URL": cfg.db_url(),
        "PEER_JWT_SECRET": cfg.jwt_secret.get_secret_value(),
        "PEER_COLUMNS": ",".join(columns),
        "NODE_PATH": str(PROJECT_DIR / "node_modules"),
    }
    started: list[subprocess.Popen[bytes]] = []
    peers: dict[str, Peer] = {}
    try:
        for offset, name in enumerate(("express", "fastapi")):
            port = cfg.port_base + 40 + offset
            peer = Peer(name, f"http://127.0.0.1:{port}")
            log = cfg.log_dir / f"peer_{name}.log"
            with log.open("wb") as out:
                process = subprocess.Popen(
                    _argv(name, port),
                    env={**env, "PEER_PORT": str(port)},
                    cwd=PROJECT_DIR,
                    stdout=out,
                    stderr=subprocess.STDOUT,
                )
            started.append(process)
            _wait_healthy(peer, process, log)
            peers[name] = peer
        yield peers
    finally:
        for process in started:
            process.terminate()
        for process in started:
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
