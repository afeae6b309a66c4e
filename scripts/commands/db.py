"""`flowatlas db …`: migrations, drift, tests and checks, wrapping the Supabase CLI and pg_prove."""

import datetime as dt
import os
import re
import shutil
import subprocess
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from scripts.schema import shadow
from scripts.schema import types as schema_types
from scripts.stack import database
from scripts.stack.config import StackConfig
from scripts.stack.errors import StackError

app = typer.Typer(help="Database tasks: migrate, diff (drift), test (pgTAP), lint, advisors.")
console = Console()

DbUrl = Annotated[
    str | None,
    typer.Option("--db-url", help="Target database (default: the local stack's).", show_default=False),
]


def _cli_passthrough(cfg: StackConfig, *args: str) -> None:
    result = database.run_cli(cfg, *args)
    output = "\n".join(
        line for line in (result.stdout + result.stderr).splitlines() if not line.startswith("Target:")
    )
    console.print(output.strip(), highlight=False, markup=False, soft_wrap=True)
    if result.returncode != 0:
        raise typer.Exit(result.returncode)


@app.command()
def migrate(
    db_url: DbUrl = None, seed: bool = typer.Option(False, help="Also run supabase/seed.sql.")
) -> None:
    """Apply pending supabase/migrations with `supabase db push`."""
    cfg = StackConfig()
    console.print(database.push_migrations(cfg, db_url, seed=seed), highlight=False, markup=False)


@app.command()
def diff(
    name: Annotated[
        str | None, typer.Option("--file", "-f", help="Save the diff as a new migration NAME.")
    ] = None,
    check: Annotated[bool, typer.Option("--check", help="Exit 1 when migrations and sql/ differ.")] = False,
) -> None:
    """Diff a database built from supabase/migrations against one built from sql/ + policies/."""
    cfg = StackConfig()
    changes = shadow.diff(cfg)
    if not changes:
        console.print("[green]No drift:[/] supabase/migrations matches sql/ and policies/.")
        return
    if name:
        if not re.fullmatch(r"[a-z0-9_]+", name):
            raise StackError(f"migration name {name!r} is not snake_case", "use letters, digits and _")
        stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%d%H%M%S")
        path = cfg.supabase_dir / "migrations" / f"{stamp}_{name}.sql"
        path.write_text(changes + "\n")
        console.print(f"wrote {path.relative_to(cfg.project_dir)}")
        return
    console.print(changes, highlight=False, markup=False, soft_wrap=True)
    if check:
        console.print(
            "[red]Drift:[/] sql/ or policies/ changed without a migration: flowatlas db diff -f <name>"
        )
        raise typer.Exit(1)


@app.command()
def test(
    files: Annotated[list[Path] | None, typer.Argument(help="pgTAP files (default: all).")] = None,
) -> None:
    """Run the pgTAP files in supabase/tests/database with pg_prove against the local stack."""
    cfg = StackConfig()
    pg_prove = shutil.which("pg_prove")
    if not pg_prove:
        raise StackError(
            "pg_prove is not installed", "apt-get install libtap-parser-sourcehandler-pgtap-perl"
        )
    targets = files or sorted((cfg.supabase_dir / "tests" / "database").glob("*.test.sql"))
    if not targets:
        raise StackError("no pgTAP files found", "add supabase/tests/database/NNN-<subject>.test.sql")
    argv = [
        pg_prove,
        "--host",
        "127.0.0.1",
        "--port",
        str(cfg.db_port),
        "--username",
        "postgres",
        "--dbname",
        "postgres",
        "--failures",
        "--comments",
        *map(str, targets),
    ]
    env = {**os.environ, "PGPASSWORD": cfg.db_password.get_secret_value()}
    raise typer.Exit(subprocess.run(argv, env=env).returncode)


@app.command()
def lint(db_url: DbUrl = None) -> None:
    """plpgsql_check over our schemas (`supabase db lint`); exit 1 on an error."""
    cfg = StackConfig()
    url = database.cli_url(db_url or cfg.db_url())
    _cli_passthrough(cfg, "db", "lint", f"--remote={url}", "--schema", "public,private", "--fail-on", "error")


@app.command()
def advisors(db_url: DbUrl = None) -> None:
    """Supabase's security and performance advisors; exit 1 on anything at WARN or above."""
    cfg = StackConfig()
    url = database.cli_url(db_url or cfg.db_url())
    _cli_passthrough(cfg, "db", "advisors", f"--remote={url}", "--level", "warn", "--fail-on", "warn")


@app.command("types")
def gen_types(
    db_url: DbUrl = None,
    check: Annotated[
        bool, typer.Option("--check", help="Write nothing; exit 1 when the files are out of date.")
    ] = False,
) -> None:
    """Row types from the database (`supabase gen types`): edge_api/db_types.py and types/database.ts."""
    cfg = StackConfig()
    files = schema_types.generate(cfg, db_url or cfg.db_url())
    outdated = schema_types.stale(files)
    if check:
        if outdated:
            names = ", ".join(str(path.relative_to(cfg.project_dir)) for path in outdated)
            console.print(f"[red]Stale:[/] {names} — run: flowatlas db types", highlight=False)
            raise typer.Exit(1)
        console.print("[green]Up to date:[/] generated row types match the database.")
        return
    for generated in files:
        generated.path.parent.mkdir(parents=True, exist_ok=True)
        generated.path.write_text(generated.text, encoding="utf-8")
        state = "updated" if generated.path in outdated else "unchanged"
        console.print(f"{state} {generated.path.relative_to(cfg.project_dir)}", highlight=False)
