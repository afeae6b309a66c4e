"""A flow as the project document carries it: the columns of public.flows, registries referenced by key."""

from pydantic import BaseModel, JsonValue

from edge_api.db_types import PublicFlowPriority, PublicFlowStatus
from edge_api.documents.flow_parts import (
    BusinessRule,
    ErrorScenario,
    Integration,
    PerformanceRequirements,
    Step,
)


class Flow(BaseModel):
    """A documented flow, as exported (the database has validated it)."""

    # The flow's identity where the document was read: ignored by an import, matched by save_project_document.
    id: str | None = None
    revision: int | None = None
    name: str
    description: str = ""
    priority: PublicFlowPriority = "Medium"
    status: PublicFlowStatus = "draft"
    version: str = "1.0.0"
    service_domain: str | None = None
    service: str | None = None
    entry_point: str | None = None
    trigger_event: str | None = None
    actors: list[str] = []
    tags: list[str] = []
    steps: list[Step] = []
    integrations: list[Integration] = []
    business_rules: list[BusinessRule] = []
    error_scenarios: list[ErrorScenario] = []
    performance_requirements: PerformanceRequirements = PerformanceRequirements()
    notes: str = ""
    custom_fields: dict[str, JsonValue] = {}
