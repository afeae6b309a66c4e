"""The project document `flowatlas.project/v1`: a whole project with its registries and flows, as the
database exports it (`export_project`). Reading only: the database validates documents
(private.project_document_errors)."""

from datetime import datetime
from typing import Literal

from pydantic import BaseModel, JsonValue

from edge_api.documents.flow import Flow
from edge_api.documents.registries import Actor, IntegrationType, Service, ServiceDomain

FORMAT = "flowatlas.project/v1"


class ProjectInfo(BaseModel):
    """The project's own columns."""

    name: str
    description: str = ""
    version: str = "1.0.0"
    is_public: bool = False
    settings: dict[str, JsonValue] = {}
    custom_fields: dict[str, JsonValue] = {}


class ProjectDocument(BaseModel):
    """A whole project as exported (`flowatlas.project/v1`)."""

    format: Literal["flowatlas.project/v1"]
    exported_at: datetime  # always set by export_project
    project: ProjectInfo
    service_domains: list[ServiceDomain] = []
    services: list[Service] = []
    actors: list[Actor] = []
    integration_types: list[IntegrationType] = []
    flows: list[Flow] = []
