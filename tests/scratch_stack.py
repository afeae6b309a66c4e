"""A throwaway stack for tests that stop, kill or wipe services: its own folder and ports, never the main one.

Port bases: the reliability suites 61321 and 61421 (spares up to 64921), the stack lifecycle tests
62321-62521, the hosted-role cluster 62721, the benchmarks 63321; never the main stack (54321). All above
60999: Linux hands out 32768-60999 as ephemeral client ports; with a busy stack next door a client socket sat
on 60422 and Postgres could not bind it.
"""

import os
import shutil
import socket
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from scripts.stack import processes
from scripts.stack.config import StackConfig

FLOWATLAS = [sys.executable, "-m", "scripts.cli"]
FAULTS_PORT_BASE = 61321
RESTORE_PORT_BASE = 61421
SPARE_PORT_BASES = range(61521, 65000, 100)  # when another session holds the preferred base


class ScratchStack:
    def __init__(self, port_base: int, folder: Path | None = None) -> None:
        if folder is None:
            # Under /tmp and world-traversable: the postgres user must reach the cluster folder.
            folder = Path(tempfile.mkdtemp(prefix="flowatlas-scratch-"))
            folder.chmod(0o755)
        self.dir = folder
        self.port_base = port_base
        self.cfg = StackConfig(dir=self.dir, port_base=port_base)

    def run(
        self, *args: str, timeout: float = 120, extra_env: dict[str, str] | None = None
    ) -> subprocess.CompletedProcess[str]:
        """The real `flowatlas` command line against this stack."""
        env = {
            **os.environ,
            "FLOWATLAS_STACK_DIR": str(self.dir),
            "FLOWATLAS_STACK_PORT_BASE": str(self.port_base),
            **(extra_env or {}),
        }
        for inherited in ("SUPABASE_URL", "DATABASE_URL", "SUPABASE_ANON_KEY", "SUPABASE_SERVICE_ROLE_KEY"):
            env.pop(inherited, None)
        return subprocess.run([*FLOWATLAS, *args], capture_output=True, text=True, env=env, timeout=timeout)

    def up(self) -> None:
        result = self.run("stack", "up")
        assert result.returncode == 0, f"scratch stack did not start:\n{result.stdout}\n{result.stderr}"

    def destroy(self) -> None:
        self.run("stack", "down")
        shutil.rmtree(self.dir, ignore_errors=True)


def _bindable(port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        try:
            sock.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


def _ports_free(port_base: int) -> bool:
    cfg = StackConfig(port_base=port_base)
    ports = (cfg.gateway_port, cfg.db_port, cfg.postgrest_port, cfg.postgrest_admin_port, cfg.edge_port)
    return all(_bindable(port) and not processes.port_is_open(port) for port in ports)


def free_port_base(preferred: int) -> int:
    candidates: list[int] = [preferred, *SPARE_PORT_BASES]
    for base in candidates:
        if _ports_free(base):
            return base
    raise AssertionError(f"no free port base for a scratch stack from {preferred} on")


@contextmanager
def scratch_stack(port_base: int) -> Iterator[ScratchStack]:
    """A started scratch stack, always stopped and removed afterwards."""
    stack = ScratchStack(free_port_base(port_base))
    try:
        stack.up()
        yield stack
    finally:
        stack.destroy()
