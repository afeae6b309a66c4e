"""`flowatlas projects …`: list, export, import, duplicate — through the API, as a user or the service key."""

import json
import uuid
from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from scripts.admin import projects
from scripts.admin.target import run_api
from scripts.commands.options import ApiUrl, AsUser, DbUrl, Json, console, print_json, target
from scripts.errors import CliError

app = typer.Typer(help="Projects as flowatlas.project/v1 documents.", no_args_is_help=True)

ProjectId = Annotated[uuid.UUID, typer.Argument(help="Project id (flowatlas projects list).")]
RequiredUser = Annotated[
    str, typer.Option("--as", help="Act as this user (e-mail); they own what is created.", show_default=False)
]


@app.command("list")
def list_projects(
    as_user: AsUser = None, json_output: Json = False, api_url: ApiUrl = None, db_url: DbUrl = None
) -> None:
    """Live projects (all with the service key; with --as, those the user can read)."""
    rows = run_api(target(api_url, db_url), as_user, projects.list_projects)
    if json_output:
        print_json(rows)
        return
    table = Table("id", "name", "version", "flows", "public", "updated")
    for row in rows:
        table.add_row(
            row["id"],
            row["name"],
            row["version"],
            str(row["flows"]),
            "yes" if row["is_public"] else "",
            str(row["updated_at"])[:19],
        )
    console.print(table)


@app.command()
def export(
    project_id: ProjectId,
    out: Annotated[Path | None, typer.Option("--out", "-o", help="File to write (default: stdout).")] = None,
    as_user: AsUser = None,
    api_url: ApiUrl = None,
    db_url: DbUrl = None,
) -> None:
    """Write a project as a flowatlas.project/v1 JSON document (recorded in the audit log)."""
    document = run_api(
        target(api_url, db_url), as_user, lambda api: projects.export_document(api, project_id)
    )
    text = json.dumps(document, indent=2, ensure_ascii=False) + "\n"
    if out is None:
        print(text, end="")
        return
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(text, encoding="utf-8")
    console.print(f"wrote {out} ({len(document.get('flows', []))} flows)", highlight=False)


@app.command("import")
def import_project(
    file: Annotated[Path, typer.Argument(help="A flowatlas.project/v1 JSON file (or the old app's export).")],
    as_user: RequiredUser,
    name: Annotated[str | None, typer.Option(help="Name of the new project.")] = None,
    json_output: Json = False,
    api_url: ApiUrl = None,
    db_url: DbUrl = None,
) -> None:
    """Import a document as a new project owned by --as (all or nothing)."""
    try:
        raw = file.read_bytes()
    except OSError as exc:
        raise CliError(f"cannot read {file}: {exc.strerror}") from None
    document = projects.check_import(raw)
    new_id = run_api(
        target(api_url, db_url), as_user, lambda api: projects.import_document(api, document, name)
    )
    if json_output:
        print_json({"id": new_id})
    else:
        console.print(f"imported {file} as project {new_id}", highlight=False)


@app.command()
def duplicate(
    project_id: ProjectId,
    as_user: RequiredUser,
    name: Annotated[str | None, typer.Option(help="Name of the copy (default: '<name> (copy)').")] = None,
    json_output: Json = False,
    api_url: ApiUrl = None,
    db_url: DbUrl = None,
) -> None:
    """Copy a project with everything in it; --as (an editor or owner of it) owns the copy."""
    new_id = run_api(target(api_url, db_url), as_user, lambda api: projects.duplicate(api, project_id, name))
    if json_output:
        print_json({"id": new_id})
    else:
        console.print(f"duplicated {project_id} as {new_id}", highlight=False)
