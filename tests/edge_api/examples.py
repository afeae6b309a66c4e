"""Flow parts the database accepts and rejects, as data: the model tests use them here, and a database test
can insert the same examples and expect the named CHECK constraint (one source of truth for both)."""

from dataclasses import dataclass
from typing import Any

VALID_FLOW: dict[str, Any] = {
    "name": "Valid flow",
    "steps": [
        {"id": "s1", "name": "Start", "description": None, "actor": "customer", "custom": [1, 2]},
        {"id": "s2", "name": "\tTabs count as text for btrim", "type": "system", "integration": None},
    ],
    "integrations": [{"from": "s1", "to": "s2", "type": "rest", "protocol": None, "extra": 5}],
    "business_rules": [{"id": "r1", "description": "Rule", "owner": "me"}],
    "error_scenarios": [{"id": "e1", "condition": "c", "handling": "h", "step": "s1"}],
    "performance_requirements": {
        "response_time_ms": 0,
        "throughput_per_minute": 12.5,
        "availability_percent": 100,
        "sla": None,
        "anything_else": {"nested": True},
    },
    "tags": ["x", "  padded tag whose trimmed length is within 50  ", "a" * 50],
}


@dataclass(frozen=True)
class Invalid:
    """A change to VALID_FLOW that the database rejects with `constraint`; the model reports `path`."""

    name: str
    part: str
    value: Any
    path: str
    constraint: str


INVALID_FLOW_PARTS: list[Invalid] = [
    Invalid("step without id", "steps", [{"name": "x"}], "steps[0].id", "flows_steps_have_id_and_name"),
    Invalid(
        "step id blank", "steps", [{"id": "  ", "name": "x"}], "steps[0].id", "flows_steps_have_id_and_name"
    ),
    Invalid(
        "step name empty", "steps", [{"id": "a", "name": ""}], "steps[0].name", "flows_steps_have_id_and_name"
    ),
    Invalid(
        "step id a number", "steps", [{"id": 1, "name": "x"}], "steps[0].id", "flows_steps_have_id_and_name"
    ),
    Invalid(
        "step actor a number",
        "steps",
        [{"id": "a", "name": "x", "actor": 3}],
        "steps[0].actor",
        "flows_steps_fields_are_strings",
    ),
    Invalid("step not an object", "steps", ["s1"], "steps[0]", "flows_steps_are_objects"),
    Invalid(
        "duplicate step ids",
        "steps",
        [{"id": "a", "name": "x"}, {"id": "b", "name": "y"}, {"id": "a", "name": "z"}],
        "steps[2].id",
        "flows_step_ids_unique",
    ),
    Invalid("steps not an array", "steps", {"id": "a"}, "steps", "flows_steps_are_objects"),
    Invalid(
        "integration without from",
        "integrations",
        [{"to": "b", "type": "rest"}],
        "integrations[0].from",
        "flows_integrations_have_from_to_type",
    ),
    Invalid(
        "integration type blank",
        "integrations",
        [{"from": "a", "to": "b", "type": " "}],
        "integrations[0].type",
        "flows_integrations_have_from_to_type",
    ),
    Invalid(
        "integration protocol not a string",
        "integrations",
        [{"from": "a", "to": "b", "type": "rest", "protocol": ["https"]}],
        "integrations[0].protocol",
        "flows_integrations_fields_are_strings",
    ),
    Invalid(
        "rule without description",
        "business_rules",
        [{"id": "r"}],
        "business_rules[0].description",
        "flows_business_rules_have_id_and_description",
    ),
    Invalid(
        "duplicate rule ids",
        "business_rules",
        [{"id": "r", "description": "a"}, {"id": "r", "description": "b"}],
        "business_rules[1].id",
        "flows_business_rule_ids_unique",
    ),
    Invalid(
        "error scenario without handling",
        "error_scenarios",
        [{"id": "e", "condition": "c"}],
        "error_scenarios[0].handling",
        "flows_error_scenarios_have_id_condition_handling",
    ),
    Invalid(
        "duplicate error scenario ids",
        "error_scenarios",
        [{"id": "e", "condition": "c", "handling": "h"}, {"id": "e", "condition": "d", "handling": "i"}],
        "error_scenarios[1].id",
        "flows_error_scenario_ids_unique",
    ),
    Invalid(
        "performance requirements an array",
        "performance_requirements",
        [],
        "performance_requirements",
        "flows_performance_requirements_is_object",
    ),
    Invalid(
        "negative response time",
        "performance_requirements",
        {"response_time_ms": -1},
        "performance_requirements.response_time_ms",
        "flows_performance_requirements_are_valid",
    ),
    Invalid(
        "response time a string",
        "performance_requirements",
        {"response_time_ms": "300"},
        "performance_requirements.response_time_ms",
        "flows_performance_requirements_are_valid",
    ),
    Invalid(
        "throughput a boolean",
        "performance_requirements",
        {"throughput_per_minute": True},
        "performance_requirements.throughput_per_minute",
        "flows_performance_requirements_are_valid",
    ),
    Invalid(
        "availability above 100",
        "performance_requirements",
        {"availability_percent": 100.5},
        "performance_requirements.availability_percent",
        "flows_performance_requirements_are_valid",
    ),
    Invalid(
        "sla a number",
        "performance_requirements",
        {"sla": 5},
        "performance_requirements.sla",
        "flows_performance_requirements_are_valid",
    ),
    Invalid("blank tag", "tags", ["ok", "   "], "tags[1]", "flows_tags_are_valid"),
    Invalid("tag of 51 characters", "tags", ["a" * 51], "tags[0]", "flows_tags_are_valid"),
    Invalid("empty name", "name", "", "name", "flows_name_length"),
    Invalid("name of 256 characters", "name", "n" * 256, "name", "flows_name_length"),
    Invalid("version of 51 characters", "version", "1" * 51, "version", "flows_version_length"),
    Invalid(
        "entry point of 1001 characters", "entry_point", "e" * 1001, "entry_point", "flows_entry_point_length"
    ),
    Invalid("custom fields an array", "custom_fields", [1], "custom_fields", "flows_custom_fields_is_object"),
    Invalid("unknown priority", "priority", "Urgent", "priority", "flow_priority (enum)"),
    Invalid("unknown status", "status", "published", "status", "flow_status (enum)"),
]
