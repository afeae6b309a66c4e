"""The JSON parts of a flow, as the CHECK constraints of public.flows (private.steps_errors, ...) shape them.

Every part keeps its extra keys (the database keeps them). Read-side: the database has validated them.
"""

from pydantic import BaseModel, ConfigDict, Field, StrictStr

_OPEN = ConfigDict(extra="allow", populate_by_name=True)


class Step(BaseModel):
    """One step of a flow (flows_steps_are_valid).

    `actor` and `service` hold registry keys in a project document; older data may hold free text.
    """

    model_config = _OPEN

    id: StrictStr
    name: StrictStr
    description: StrictStr | None = None
    actor: StrictStr | None = None
    service: StrictStr | None = None
    type: StrictStr | None = None
    integration: StrictStr | None = None


class Integration(BaseModel):
    """A link between two steps (flows_integrations_are_valid).

    `from` and `to` hold step ids, `type` an integration type key.
    """

    model_config = _OPEN

    from_: StrictStr = Field(alias="from")
    to: StrictStr
    type: StrictStr
    id: StrictStr | None = None
    description: StrictStr | None = None
    protocol: StrictStr | None = None
    data: StrictStr | None = None


class BusinessRule(BaseModel):
    """A business rule of a flow (flows_business_rules_are_valid)."""

    model_config = _OPEN

    id: StrictStr
    description: StrictStr


class ErrorScenario(BaseModel):
    """What can go wrong and how it is handled (flows_error_scenarios_are_valid).

    An extra string key `step` (or `step_id`) naming a step id ties the scenario to that step in diagrams.
    """

    model_config = _OPEN

    id: StrictStr
    condition: StrictStr
    handling: StrictStr

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

    response_time_ms: int | float | None = None
    throughput_per_minute: int | float | None = None
    availability_percent: int | float | None = None
    sla: StrictStr | None = None
    notes: StrictStr | None = None
