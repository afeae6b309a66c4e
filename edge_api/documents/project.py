"""The project document `flowatlas.project/v1`: a whole project with its registries and flows.

`ProjectDocument.model_validate(data)` checks the shape (as the CHECK constraints do) and the
cross-references (as the foreign keys and triggers do); every error carries the path of the bad field.
"""

from typing import Any, Literal, Self

from pydantic import AwareDatetime, BaseModel, ConfigDict, JsonValue, StrictBool, StrictStr, model_validator

from edge_api.documents.fields import Name, Version
from edge_api.documents.flow import Flow
from edge_api.documents.problems import raise_problems
from edge_api.documents.references import reference_problems
from edge_api.documents.registries import Actor, IntegrationType, Service, ServiceDomain
from edge_api.documents.text_values import nul_problems

FORMAT = "flowatlas.project/v1"


class ProjectInfo(BaseModel):
    """The project's own columns."""

    model_config = ConfigDict(extra="forbid")

    name: Name
    description: StrictStr = ""
    version: Version = "1.0.0"
    is_public: StrictBool = False
    settings: dict[str, JsonValue] = {}
    custom_fields: dict[str, JsonValue] = {}


class ProjectDocument(BaseModel):
    """A whole project as exported (`flowatlas.project/v1`) and imported."""

    model_config = ConfigDict(extra="forbid")

    format: Literal["flowatlas.project/v1"]
    exported_at: AwareDatetime
    project: ProjectInfo
    service_domains: list[ServiceDomain] = []
    services: list[Service] = []
    actors: list[Actor] = []
    integration_types: list[IntegrationType] = []
    flows: list[Flow] = []

    @model_validator(mode="before")
    @classmethod
    def _no_nul_characters(cls, data: Any) -> Any:
        raise_problems("ProjectDocument", nul_problems(data))
        return data

    @model_validator(mode="after")
    def _references_resolve(self) -> Self:
        raise_problems("ProjectDocument", reference_problems(self))
        return self
