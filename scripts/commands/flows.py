"""`flowatlas flows diff|where-used`: what changed between revisions of a flow, and which flows use a registry
entry — the database's flow_diff and where_used, through the API (RLS applies)."""

import enum
import uuid
from typing import Annotated, Any

import typer
from rich.table import Table

from edge_api import diff_reads, project_reads
from edge_api.diffs import render_diff_markdown
from edge_api.postgrest import UserApi
from scripts.admin.target import run_api
from scripts.commands.options import ApiUrl, AsUser, DbUrl, Json, console, print_json, target
from scripts.errors import CliError

app = typer.Typer(help="Flows: revision diffs and where registry entries are used.", no_args_is_help=True)


class Kind(enum.StrEnum):
    SERVICE = "service"
    ACTOR = "actor"
    SERVICE_DOMAIN = "service_domain"
    INTEGRATION_TYPE = "integration_type"


@app.command()
def diff(
    flow_id: Annotated[uuid.UUID, typer.Argument(help="Flow id.")],
    from_revision: Annotated[int, typer.Option("--from", min=1, help="The old revision.")],
    to_revision: Annotated[
        int | None, typer.Option("--to", min=1, help="The new revision (default: the flow as it is now).")
    ] = None,
    as_user: AsUser = None,
    json_output: Json = False,
    api_url: ApiUrl = None,
    db_url: DbUrl = None,
) -> None:
    """What changed from --from to --to: Markdown, or the rows of flow_diff with --json."""

    async def work(api: UserApi) -> diff_reads.FlowDiff:
        try:
            return await diff_reads.read_diff(api, flow_id, from_revision, to_revision)
        except project_reads.NotVisible as exc:
            raise CliError(str(exc), "check the flow id, the revisions and --as") from None

    result = run_api(target(api_url, db_url), as_user, work)
    if json_output:
        print_json([change.model_dump() for change in result.changes])
        return
    print(render_diff_markdown(result.flow_name, result.since, result.until, result.changes), end="")


@app.command("where-used")
def where_used(
    kind: Annotated[Kind, typer.Argument(help="What the entry is.")],
    entry_id: Annotated[uuid.UUID, typer.Argument(help="Id of the registry entry.")],
    as_user: AsUser = None,
    json_output: Json = False,
    api_url: ApiUrl = None,
    db_url: DbUrl = None,
) -> None:
    """Every flow, step and integration of the entry's project that uses it."""

    async def work(api: UserApi) -> list[dict[str, Any]]:
        return await api.rpc_rows("where_used", {"kind": kind.value, "entry_id": str(entry_id)})

    rows = run_api(target(api_url, db_url), as_user, work)
    if json_output:
        print_json(rows)
        return
    table = Table("flow", "used as", "step", "integration")
    for row in rows:
        step = "" if row["step_id"] is None else f"{row['step_id']} (#{row['step_index'] + 1})"
        integration = "" if row["integration_id"] is None else str(row["integration_id"])
        table.add_row(row["flow_name"], row["used_as"], step, integration)
    console.print(table)
    console.print(f"{len(rows)} use(s)", highlight=False)
