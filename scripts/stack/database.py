"""Bring the stack's database to the state a Supabase project has: compatibility layer, migrations, seed."""

import re
import subprocess
from importlib import resources
from pathlib import Path

import psycopg
from psycopg import sql

from scripts.stack.config import NODE_BIN, StackConfig
from scripts.stack.errors import StackError

Connection = psycopg.Connection[tuple[object, ...]]


def connect(url: str) -> Connection:
    try:
        return psycopg.connect(url, autocommit=True, connect_timeout=5)
    except psycopg.OperationalError as exc:
        raise StackError(
            "cannot connect to PostgreSQL",
            "is the stack up? run: flowatlas stack up",
            detail=str(exc).strip(),
        ) from exc


def is_supabase(conn: Connection) -> bool:
    """A real Supabase database has the supabase_admin role; ours never creates it."""
    row = conn.execute("select exists (select from pg_roles where rolname = 'supabase_admin')").fetchone()
    return bool(row and row[0])


def apply_compat(cfg: StackConfig, url: str | None = None) -> None:
    """Create what Supabase provides (roles, auth schema, auth.uid() …); a no-op where it exists."""
    script = resources.files("scripts.stack").joinpath("supabase_compat.sql").read_text()
    with connect(url or cfg.db_url()) as conn:
        if is_supabase(conn):
            return
        conn.execute(script)  # a trusted file of ours, no parameters
        conn.execute(
            sql.SQL("alter role authenticator with password {}").format(
                sql.Literal(cfg.db_password.get_secret_value())
            )
        )
        # pgTAP is test tooling: the local stack offers it in `extensions`, as Supabase does.
        conn.execute("create extension if not exists pgtap with schema extensions")


def supabase_cli() -> Path:
    cli = NODE_BIN / "supabase"
    if not cli.exists():
        raise StackError("the Supabase CLI is not installed", "run: npm ci (make up does it)")
    return cli


_FAILED_MIGRATION = re.compile(r"Applying migration (?P<file>\S+?)\.\.\.")
_FAILED_SEED = re.compile(r"Seeding data from (?P<file>\S+?)\.\.\.")


def run_cli(cfg: StackConfig, *args: str) -> subprocess.CompletedProcess[str]:
    """The Supabase CLI on this checkout's supabase/ folder."""
    argv = [str(supabase_cli()), *args, "--workdir", str(cfg.project_dir)]
    return subprocess.run(argv, capture_output=True, text=True, cwd=cfg.project_dir)


def cli_url(url: str) -> str:
    """The CLI tries TLS first and warns; the local cluster has none."""
    return f"{url}{'&' if '?' in url else '?'}sslmode=disable"


def push_migrations(cfg: StackConfig, url: str | None = None, seed: bool = True) -> str:
    """Apply supabase/migrations (and the seed) with the real CLI, recorded as on Supabase."""
    args = ["db", "push", f"--remote={cli_url(url or cfg.db_url())}", "--yes"]
    result = run_cli(cfg, *args, *(["--include-seed"] if seed else []))
    output = (result.stdout + result.stderr).strip()
    if result.returncode == 0:
        return output
    started = _FAILED_MIGRATION.findall(output) or _FAILED_SEED.findall(output)
    culprit = started[-1] if started else "supabase db push"
    where = culprit if culprit.startswith("supabase/") else f"supabase/migrations/{culprit}"
    raise StackError(
        f"{where} failed",
        "fix that statement, then run: flowatlas stack reset",
        detail="\n".join(line for line in output.splitlines() if not line.startswith(("Target:", "│", "▲"))),
    )


def reload_schema_cache(cfg: StackConfig) -> None:
    """Tell PostgREST (listening on its `pgrst` channel) that the schema changed."""
    with connect(cfg.db_url()) as conn:
        conn.execute("notify pgrst, 'reload schema'")
