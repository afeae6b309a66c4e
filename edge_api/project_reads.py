"""Reading projects and flows as documents, through PostgREST as one user (row-level security decides).

Shared by the edge API and the `flowatlas` command line. A row the user cannot see and a row that does not
exist look the same: `NotVisible`.
"""

import uuid
from dataclasses import dataclass
from typing import Any

from pydantic import ValidationError

from edge_api.documents import Flow, ProjectDocument
from edge_api.postgrest import PostgrestError, UserApi


class NotVisible(LookupError):
    """The project or flow does not exist, is deleted, or the user may not read it."""


class StoredDataInvalid(RuntimeError):
    """What the database holds does not fit the document model (a bug: model and CHECKs disagree)."""


@dataclass(frozen=True)
class FlowDocument:
    """A flow and the document (project + registries) its renderers need."""

    document: ProjectDocument
    flow: Flow


def _validate(data: dict[str, Any]) -> ProjectDocument:
    try:
        return ProjectDocument.model_validate(data)
    except ValidationError as exc:
        raise StoredDataInvalid(f"stored project does not fit the document model: {exc}") from exc


async def _document(api: UserApi, function: str, argument: str, value: uuid.UUID) -> dict[str, Any]:
    """The database's document (`project_document`, `flow_document`): a read, not recorded as an export."""
    try:
        document = await api.rpc(function, {argument: str(value)})
    except PostgrestError as exc:
        if exc.code == "PT404" or exc.status == 404:
            raise NotVisible(f"{argument} {value}") from exc
        raise
    if not isinstance(document, dict):
        raise NotVisible(f"{argument} {value}")
    return document


async def read_flow(api: UserApi, flow_id: uuid.UUID) -> FlowDocument:
    """The flow with its project's registries (the document holds only this flow)."""
    document = _validate(await _document(api, "flow_document", "flow_id", flow_id))
    return FlowDocument(document, document.flows[0])


async def read_project(api: UserApi, project_id: uuid.UUID) -> ProjectDocument:
    """The whole project as a document (`project_document`)."""
    return _validate(await _document(api, "project_document", "project_id", project_id))


async def export_project(api: UserApi, project_id: uuid.UUID) -> dict[str, Any]:
    """The database's own export (`export_project`, recorded in the audit log), as JSON data."""
    return await _document(api, "export_project", "project_id", project_id)
