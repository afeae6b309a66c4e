"""`flowatlas audit export`: a project's audit log as CSV or JSON."""

import datetime as dt
import enum
import sys
import uuid
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from scripts.admin import audit as audit_log
from scripts.commands.options import DbUrl, target

app = typer.Typer(help="The audit log.", no_args_is_help=True)
stderr = Console(stderr=True)


class AuditFormat(enum.StrEnum):
    CSV = "csv"
    JSON = "json"


def _since(value: str) -> dt.datetime:
    try:
        moment = dt.datetime.fromisoformat(value)
    except ValueError:
        raise typer.BadParameter(f"{value!r} is not a date like 2026-01-31 or 2026-01-31T12:00") from None
    return moment if moment.tzinfo else moment.replace(tzinfo=dt.UTC)


@app.command()
def export(
    project: Annotated[uuid.UUID, typer.Option("--project", help="Project id.")],
    since: Annotated[
        dt.datetime,
        typer.Option(
            "--since", parser=_since, metavar="DATE", help="From this date/time (ISO; UTC if no zone)."
        ),
    ] = dt.datetime(1970, 1, 1, tzinfo=dt.UTC),
    file_format: Annotated[
        AuditFormat, typer.Option("--format", "-f", help="csv or json.")
    ] = AuditFormat.CSV,
    out: Annotated[Path | None, typer.Option("--out", "-o", help="File to write (default: stdout).")] = None,
    db_url: DbUrl = None,
) -> None:
    """Entries of one project since a date, oldest first (deleted projects included)."""
    write = audit_log.write_csv if file_format is AuditFormat.CSV else audit_log.write_json
    with target(None, db_url).connect() as conn:
        rows = audit_log.entries(conn, project, since)
        if out is None:
            count = write(rows, sys.stdout)
        else:
            out.parent.mkdir(parents=True, exist_ok=True)
            with out.open("w", encoding="utf-8", newline="") as stream:
                count = write(rows, stream)
    stderr.print(
        f"{count} entr{'y' if count == 1 else 'ies'}" + (f" written to {out}" if out else ""), highlight=False
    )
