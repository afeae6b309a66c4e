"""`flowatlas purge`, `flowatlas backup`, `flowatlas restore`: maintenance over a direct connection."""

import datetime as dt
import uuid
from collections.abc import Iterable
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.progress import track

from scripts.admin import backup as backups
from scripts.admin import purge as purging
from scripts.commands.options import ApiUrl, DbUrl, Json, console, print_json, target
from scripts.errors import CliError

progress_console = Console(stderr=True)


def _tracker(quiet: bool, description: str) -> backups.Track:
    def tracked(items: Iterable[Any]) -> Iterable[Any]:
        if quiet:
            return items
        return track(list(items), description=description, console=progress_console, transient=True)

    return tracked


def _age(value: str) -> dt.timedelta:
    try:
        return purging.parse_age(value)
    except ValueError as exc:
        raise typer.BadParameter(str(exc)) from None


def purge(
    older_than: Annotated[
        dt.timedelta,
        typer.Option("--older-than", parser=_age, metavar="AGE", help="Retention: 30d, 12h, 2w …"),
    ],
    history_older_than: Annotated[
        dt.timedelta | None,
        typer.Option(
            "--history-older-than",
            parser=_age,
            metavar="AGE",
            help="Also delete flow revisions and audit entries older than this (each flow keeps its latest "
            f"{purging.KEEP_REVISIONS} revisions), e.g. 365d.",
        ),
    ] = None,
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Only count what would be deleted.")] = False,
    yes: Annotated[bool, typer.Option("--yes", "-y", help="Do not ask before deleting.")] = False,
    json_output: Json = False,
    db_url: DbUrl = None,
) -> None:
    """Hard-delete projects and flows soft-deleted longer ago than --older-than (counts first)."""
    cutoff = dt.datetime.now(dt.UTC) - older_than
    with target(None, db_url).connect() as conn:
        counted = purging.count(conn, cutoff)
        report: dict[str, object] = {
            "cutoff": cutoff.isoformat(),
            "projects": counted.projects,
            "flows": counted.flows,
        }
        history = None
        if history_older_than is not None:
            history = purging.count_history(conn, dt.datetime.now(dt.UTC) - history_older_than)
            report |= {"revisions": history.revisions, "audit_entries": history.audit_entries}
            if not json_output:
                console.print(
                    f"{history.revisions} revision(s) and {history.audit_entries} audit entr(ies) before "
                    f"{history.cutoff:%Y-%m-%d %H:%M} UTC"
                    + (" (dry run: nothing deleted)" if dry_run else ""),
                    highlight=False,
                )
        history_rows = history.revisions + history.audit_entries if history else 0
        if not json_output:
            console.print(
                f"{counted.projects} project(s) and {counted.flows} flow(s) deleted before "
                f"{cutoff:%Y-%m-%d %H:%M} UTC" + (" (dry run: nothing deleted)" if dry_run else ""),
                highlight=False,
            )
        if dry_run or counted.projects + counted.flows + history_rows == 0:
            if json_output:
                print_json({**report, "dry_run": dry_run, "deleted": False})
            return
        if not yes and not json_output:
            typer.confirm("delete them for good?", abort=True)
        done = purging.purge(conn, cutoff)
        if history is not None:
            purging.purge_history(conn, history.cutoff)
    if json_output:
        print_json(
            {**report, "projects": done.projects, "flows": done.flows, "dry_run": False, "deleted": True}
        )
    else:
        console.print(
            f"[green]purged[/] {done.projects} project(s) and {done.flows} flow(s)", highlight=False
        )


def backup(
    out: Annotated[Path, typer.Option("--out", "-o", help="Folder to write (created).", file_okay=False)],
    project: Annotated[
        list[uuid.UUID] | None, typer.Option("--project", "-p", help="Only these projects (repeatable).")
    ] = None,
    json_output: Json = False,
    api_url: ApiUrl = None,
    db_url: DbUrl = None,
) -> None:
    """All live projects as flowatlas.project/v1 documents, with owners, members and their users."""
    manifest = backups.backup(target(api_url, db_url), out, _tracker(json_output, "backing up"), project)
    if json_output:
        print_json({"out": str(out), "projects": len(manifest["projects"]), "users": len(manifest["users"])})
    else:
        console.print(
            f"backed up {len(manifest['projects'])} project(s) and {len(manifest['users'])} user(s) to {out}",
            highlight=False,
        )


def restore(
    source: Annotated[
        Path,
        typer.Option("--from", help="A folder written by flowatlas backup.", exists=True, file_okay=False),
    ],
    allow_existing: Annotated[
        bool, typer.Option("--allow-existing", help="Restore even if the database already has projects.")
    ] = False,
    json_output: Json = False,
    api_url: ApiUrl = None,
    db_url: DbUrl = None,
) -> None:
    """Recreate users, projects and memberships from a backup (into an empty database)."""
    result = backups.restore(
        target(api_url, db_url), source, _tracker(json_output, "restoring"), allow_existing
    )
    failures = [{"file": f.file, "name": f.name, "problem": f.problem} for f in result.failures]
    if json_output:
        print_json({"users_created": result.users_created, "projects": result.projects, "failures": failures})
    else:
        console.print(
            f"restored {len(result.projects)} project(s); created {result.users_created} user(s)",
            highlight=False,
        )
    if result.failures:
        for failure in result.failures:
            progress_console.print(f"[red]not restored[/] {failure.file} ({failure.name}): {failure.problem}")
        raise CliError(
            f"{len(result.failures)} project(s) could not be restored",
            "fix them and run the same restore again: projects already restored are skipped",
        )
