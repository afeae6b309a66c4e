"""External checks of the schema: no drift between history and source, Supabase's advisors, plpgsql_check."""

import json
import subprocess
import sys

from scripts.schema import shadow
from scripts.stack import database
from scripts.stack.config import StackConfig

OUR_SCHEMAS = {"public", "private"}


def test_migrations_match_the_declared_schema(cfg: StackConfig) -> None:
    drift = shadow.diff(cfg)
    assert drift == "", (
        f"sql/ or policies/ changed without a migration (flowatlas db diff -f <name>):\n{drift}"
    )


def test_the_declared_schema_is_not_empty(cfg: StackConfig) -> None:
    # Guards the drift check above: two empty databases would also "match".
    with database.connect(cfg.db_url()) as conn:
        row = conn.execute("select count(*) from pg_tables where schemaname = 'public'").fetchone()
    assert row is not None and int(str(row[0])) >= 10


def test_advisors_report_nothing_at_warn_or_above(cfg: StackConfig) -> None:
    result = database.run_cli(
        cfg,
        "db",
        "advisors",
        f"--remote={database.cli_url(cfg.db_url())}",
        "--level",
        "warn",
        "--output-format",
        "json",
    )
    assert result.returncode == 0, result.stderr
    findings = json.loads(result.stdout)["results"]
    ours = [f for f in findings if f.get("metadata", {}).get("schema") in OUR_SCHEMAS]
    assert ours == [], "\n".join(f"{f['level']} {f['name']}: {f['detail']}" for f in ours)


def test_plpgsql_check_finds_no_error(cfg: StackConfig) -> None:
    result = database.run_cli(
        cfg,
        "db",
        "lint",
        f"--remote={database.cli_url(cfg.db_url())}",
        "--schema",
        "public,private",
        "--level",
        "error",
        "--fail-on",
        "error",
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_generated_row_types_are_up_to_date(cfg: StackConfig) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "scripts.cli", "db", "types", "--check"], capture_output=True, text=True
    )
    assert result.returncode == 0, f"regenerate with: flowatlas db types\n{result.stdout}{result.stderr}"
