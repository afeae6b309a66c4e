"""Projects through PostgREST, as a user (RLS applies) or the service key: list, export, import, duplicate."""

import uuid
from typing import Any

from edge_api import imports, project_reads
from edge_api.postgrest import UserApi
from scripts.errors import CliError

PAGE = 1000  # PostgREST's db-max-rows on the stack


async def list_projects(api: UserApi) -> list[dict[str, Any]]:
    """Live projects the caller can read, with their flow count, by name."""
    rows: list[dict[str, Any]] = []
    while True:
        page = await api.select(
            "projects",
            {
                "select": "id,name,version,is_public,owner_id,updated_at,flows(count)",
                "deleted_at": "is.null",
                "order": "name,id",
                "limit": str(PAGE),
                "offset": str(len(rows)),
            },
        )
        rows += page
        if len(page) < PAGE:
            break
    for row in rows:
        counts = row.pop("flows", None) or [{"count": 0}]
        row["flows"] = counts[0].get("count", 0)
    return rows


async def export_document(api: UserApi, project_id: uuid.UUID) -> dict[str, Any]:
    try:
        return await project_reads.export_project(api, project_id)
    except project_reads.NotVisible:
        raise CliError(
            f"project {project_id} not found", "check the id and --as (flowatlas projects list)"
        ) from None


def check_import(raw: bytes) -> Any:
    """The file's JSON; the database validates it on import."""
    try:
        return imports.parse_json(raw)
    except imports.DocumentInvalid as exc:
        raise CliError(exc.message, "fix the file; nothing was imported") from None


async def import_document(api: UserApi, document: Any, name: str | None) -> str:
    arguments: dict[str, Any] = {"document": document}
    if name is not None:
        arguments["name"] = name
    return str(await api.rpc("import_project", arguments))


async def duplicate(api: UserApi, project_id: uuid.UUID, name: str | None) -> str:
    arguments: dict[str, Any] = {"project_id": str(project_id)}
    if name is not None:
        arguments["name"] = name
    return str(await api.rpc("duplicate_project", arguments))
