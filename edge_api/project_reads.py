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
from edge_api.project_rows import FLOW_COLUMNS, FLOW_ORDER, PROJECT_SELECT, REGISTRY_ORDER, document_data


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


async def _project_row(api: UserApi, project_id: str, with_flows: bool) -> dict[str, Any]:
    select = PROJECT_SELECT + (f",flows({FLOW_COLUMNS})" if with_flows else "")
    params = {"select": select, "id": f"eq.{project_id}", "deleted_at": "is.null", **REGISTRY_ORDER}
    if with_flows:
        params["flows.order"] = FLOW_ORDER
    rows = await api.select("projects", params)
    if not rows:
        raise NotVisible(f"project {project_id}")
    return rows[0]


async def read_flow(api: UserApi, flow_id: uuid.UUID) -> FlowDocument:
    """The flow with its project's registries (the document holds only this flow)."""
    rows = await api.select("flows", {"select": FLOW_COLUMNS, "id": f"eq.{flow_id}", "deleted_at": "is.null"})
    if not rows:
        raise NotVisible(f"flow {flow_id}")
    project = await _project_row(api, rows[0]["project_id"], with_flows=False)
    document = _validate(document_data(project, rows))
    return FlowDocument(document, document.flows[0])


async def read_project(api: UserApi, project_id: uuid.UUID) -> ProjectDocument:
    """The whole project as a document, read from the tables (not recorded as an export)."""
    project = await _project_row(api, str(project_id), with_flows=True)
    return _validate(document_data(project, project["flows"]))


async def export_project(api: UserApi, project_id: uuid.UUID) -> dict[str, Any]:
    """The database's own export (`export_project`, recorded in the audit log), as JSON data."""
    try:
        document = await api.rpc("export_project", {"project_id": str(project_id)})
    except PostgrestError as exc:
        if exc.code == "PT404" or exc.status == 404:
            raise NotVisible(f"project {project_id}") from exc
        raise
    if not isinstance(document, dict):
        raise NotVisible(f"project {project_id}")
    return document
