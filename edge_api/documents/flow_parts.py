"""The JSON parts of a flow, shaped exactly as the CHECK constraints of public.flows accept them.

Every part allows extra keys (the database keeps them); the known keys have the types the constraints demand.
"""

from pydantic import BaseModel, ConfigDict, Field, StrictStr

from edge_api.documents.fields import NonBlankStr, NonNegativeNumber, Percent

_OPEN = ConfigDict(extra="allow", populate_by_name=True)


class Step(BaseModel):
    """One step of a flow (flows_steps_have_id_and_name, flows_steps_fields_are_strings).

    `actor` and `service` hold registry keys in a project document; older data may hold free text.
    """

    model_config = _OPEN

    id: NonBlankStr
    name: NonBlankStr
    description: StrictStr | None = None
    actor: StrictStr | None = None
    service: StrictStr | None = None
    type: StrictStr | None = None
    integration: StrictStr | None = None


class Integration(BaseModel):
    """A link between two steps (flows_integrations_have_from_to_type, flows_integrations_fields_are_strings).

    `from` and `to` hold step ids, `type` an integration type key.
    """

    model_config = _OPEN

    from_: NonBlankStr = Field(alias="from")
    to: NonBlankStr
    type: NonBlankStr
    id: StrictStr | None = None
    description: StrictStr | None = None
    protocol: StrictStr | None = None
    data: StrictStr | None = None


class BusinessRule(BaseModel):
    """A business rule of a flow (flows_business_rules_have_id_and_description)."""

    model_config = _OPEN

    id: NonBlankStr
    description: NonBlankStr


class ErrorScenario(BaseModel):
    """What can go wrong and how it is handled (flows_error_scenarios_have_id_condition_handling).

    An extra string key `step` (or `step_id`) naming a step id ties the scenario to that step in diagrams.
    """

    model_config = _OPEN

    id: NonBlankStr
    condition: NonBlankStr
    handling: NonBlankStr

    @property
    def step_ref(self) -> str | None:
        """The step id this scenario names in its extra `step`/`step_id` key, if any."""
        extra = self.model_extra or {}
        for key in ("step", "step_id"):
            value = extra.get(key)
            if isinstance(value, str) and value.strip(" "):
                return value
        return None


class PerformanceRequirements(BaseModel):
    """Performance requirements / SLA of a flow (flows_performance_requirements_are_valid)."""

    model_config = _OPEN

    response_time_ms: NonNegativeNumber | None = None
    throughput_per_minute: NonNegativeNumber | None = None
    availability_percent: Percent | None = None
    sla: StrictStr | None = None
    notes: StrictStr | None = None
