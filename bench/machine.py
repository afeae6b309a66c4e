"""The machine and software versions a run measured, for the results file."""

import os
import platform
import re
import subprocess
from pathlib import Path

import psycopg

from scripts.stack.services import nginx_binary, postgrest_binary


def _first_line(argv: list[str]) -> str:
    try:
        result = subprocess.run(argv, capture_output=True, text=True, timeout=10)
    except (OSError, subprocess.TimeoutExpired):
        return "not found"
    lines = (result.stdout + result.stderr).strip().splitlines()
    return lines[0] if lines else "unknown"


def _cpu_model() -> str:
    found = re.search(r"model name\s*:\s*(.+)", Path("/proc/cpuinfo").read_text())
    return found.group(1).strip() if found else platform.processor()


def _memory_gb() -> float:
    found = re.search(r"MemTotal:\s+(\d+) kB", Path("/proc/meminfo").read_text())
    return round(int(found.group(1)) / 1024 / 1024, 1) if found else 0.0


def describe(db_url: str) -> dict[str, object]:
    with psycopg.connect(db_url) as conn:
        row = conn.execute("select version()").fetchone()
    return {
        "cpu": _cpu_model(),
        "cores": os.cpu_count(),
        "memory_gb": _memory_gb(),
        "os": f"{platform.system()} {platform.release()}",
        "python": platform.python_version(),
        "postgres": str(row[0]) if row else "unknown",
        "postgrest": _first_line([str(postgrest_binary()), "--version"]),
        "nginx": _first_line([str(nginx_binary()), "-v"]),
        "wrk": _first_line(["wrk", "-v"]),
        "pgbench": _first_line(["pgbench", "--version"]),
        "node": _first_line(["node", "--version"]),
        "load_average": os.getloadavg(),
    }
