"""`flowatlas render flow|project`: draw.io, Markdown, Mermaid or BPMN files, read through the API (RLS
applies)."""

import uuid
from collections.abc import Iterable
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import track

from edge_api.documents import Flow
from scripts.admin.rendering import Format, load_flow, load_project, write_flow, write_project
from scripts.admin.target import run_api
from scripts.commands.options import ApiUrl, AsUser, DbUrl, Json, console, print_json, target

app = typer.Typer(help="Render flows and projects to files.", no_args_is_help=True)
progress_console = Console(stderr=True)

FormatOption = Annotated[Format, typer.Option("--format", "-f", help="Output format.")]
OutDir = Annotated[Path, typer.Option("--out", "-o", help="Folder to write into (created).", file_okay=False)]


@app.command()
def flow(
    flow_id: Annotated[uuid.UUID, typer.Argument(help="Flow id.")],
    file_format: FormatOption = Format.DRAWIO,
    out: OutDir = Path("."),
    as_user: AsUser = None,
    json_output: Json = False,
    api_url: ApiUrl = None,
    db_url: DbUrl = None,
) -> None:
    """One flow as <flow-name>.drawio / .md / .mmd / .bpmn."""
    loaded = run_api(target(api_url, db_url), as_user, lambda api: load_flow(api, flow_id))
    out.mkdir(parents=True, exist_ok=True)
    path = write_flow(loaded.document, loaded.flow, file_format, out)
    if json_output:
        print_json({"files": [str(path)]})
    else:
        console.print(f"wrote {path}", highlight=False)


@app.command()
def project(
    project_id: Annotated[uuid.UUID, typer.Argument(help="Project id.")],
    file_format: FormatOption = Format.MARKDOWN,
    out: OutDir = Path("."),
    as_user: AsUser = None,
    json_output: Json = False,
    api_url: ApiUrl = None,
    db_url: DbUrl = None,
) -> None:
    """A project: one Markdown document, or one draw.io / Mermaid / BPMN file per flow in
    <out>/<project-name>/."""
    document = run_api(target(api_url, db_url), as_user, lambda api: load_project(api, project_id))
    out.mkdir(parents=True, exist_ok=True)

    def progress(flows: Iterable[Flow]) -> Iterable[Flow]:
        if json_output:
            return flows
        return track(flows, description="rendering", console=progress_console, transient=True)

    paths = write_project(document, file_format, out, progress)
    if json_output:
        print_json({"files": [str(path) for path in paths]})
    else:
        console.print(f"wrote {len(paths)} file(s) under {out}", highlight=False)
