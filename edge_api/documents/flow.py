"""A flow as the project document carries it: the columns of public.flows, registries referenced by key."""

from typing import Self

from pydantic import BaseModel, ConfigDict, JsonValue, StrictStr, model_validator

from edge_api.documents.enums import Priority, Status
from edge_api.documents.fields import LongText, Name, RegistryKey, Tag, Version
from edge_api.documents.flow_parts import (
    BusinessRule,
    ErrorScenario,
    Integration,
    PerformanceRequirements,
    Step,
)
from edge_api.documents.problems import duplicates, raise_problems


class Flow(BaseModel):
    """A documented flow. Ids are unique within its steps, business rules and error scenarios."""

    model_config = ConfigDict(extra="forbid")

    name: Name
    description: StrictStr = ""
    priority: Priority = Priority.MEDIUM
    status: Status = Status.DRAFT
    version: Version = "1.0.0"
    service_domain: RegistryKey | None = None
    service: RegistryKey | None = None
    entry_point: LongText | None = None
    trigger_event: LongText | None = None
    actors: list[RegistryKey] = []
    tags: list[Tag] = []
    steps: list[Step] = []
    integrations: list[Integration] = []
    business_rules: list[BusinessRule] = []
    error_scenarios: list[ErrorScenario] = []
    performance_requirements: PerformanceRequirements = PerformanceRequirements()
    notes: StrictStr = ""
    custom_fields: dict[str, JsonValue] = {}

    @model_validator(mode="after")
    def _ids_are_unique(self) -> Self:
        raise_problems(
            "Flow",
            duplicates((s.id for s in self.steps), "steps", "id")
            + duplicates((r.id for r in self.business_rules), "business_rules", "id")
            + duplicates((e.id for e in self.error_scenarios), "error_scenarios", "id"),
        )
        return self
