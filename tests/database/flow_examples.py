"""Flow parts the database accepts and rejects, as data: a table and the document validator must agree on each
(tests/database/test_one_rule_set.py)."""

from dataclasses import dataclass
from typing import Any

VALID_FLOW: dict[str, Any] = {
    "name": "Valid flow",
    "steps": [
        {"id": "s1", "name": "Start", "description": None, "actor": "customer", "custom": [1, 2]},
        {"id": "s2", "name": "\tLeading tabs are kept", "type": "system", "integration": None},
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
    """A change to VALID_FLOW that the table rejects with `constraint`, the document validator at `path`."""

    name: str
    part: str
    value: Any
    path: str
    constraint: str


INVALID_FLOW_PARTS: list[Invalid] = [
    Invalid("step without id", "steps", [{"name": "x"}], "steps[0].id", "flows_steps_are_valid"),
    Invalid("step id blank", "steps", [{"id": "  ", "name": "x"}], "steps[0].id", "flows_steps_are_valid"),
    Invalid("step name empty", "steps", [{"id": "a", "name": ""}], "steps[0].name", "flows_steps_are_valid"),
    Invalid("step id a number", "steps", [{"id": 1, "name": "x"}], "steps[0].id", "flows_steps_are_valid"),
    Invalid(
        "step actor a number",
        "steps",
        [{"id": "a", "name": "x", "actor": 3}],
        "steps[0].actor",
        "flows_steps_are_valid",
    ),
    Invalid("step not an object", "steps", ["s1"], "steps[0]", "flows_steps_are_valid"),
    Invalid(
        "duplicate step ids",
        "steps",
        [{"id": "a", "name": "x"}, {"id": "b", "name": "y"}, {"id": "a", "name": "z"}],
        "steps[2].id",
        "flows_steps_are_valid",
    ),
    Invalid("steps not an array", "steps", {"id": "a"}, "steps", "flows_steps_are_valid"),
    Invalid(
        "integration without from",
        "integrations",
        [{"to": "b", "type": "rest"}],
        "integrations[0].from",
        "flows_integrations_are_valid",
    ),
    Invalid(
        "integration type blank",
        "integrations",
        [{"from": "a", "to": "b", "type": " "}],
        "integrations[0].type",
        "flows_integrations_are_valid",
    ),
    Invalid(
        "integration protocol not a string",
        "integrations",
        [{"from": "a", "to": "b", "type": "rest", "protocol": ["https"]}],
        "integrations[0].protocol",
        "flows_integrations_are_valid",
    ),
    Invalid(
        "rule without description",
        "business_rules",
        [{"id": "r"}],
        "business_rules[0].description",
        "flows_business_rules_are_valid",
    ),
    Invalid(
        "duplicate rule ids",
        "business_rules",
        [{"id": "r", "description": "a"}, {"id": "r", "description": "b"}],
        "business_rules[1].id",
        "flows_business_rules_are_valid",
    ),
    Invalid(
        "error scenario without handling",
        "error_scenarios",
        [{"id": "e", "condition": "c"}],
        "error_scenarios[0].handling",
        "flows_error_scenarios_are_valid",
    ),
    Invalid(
        "duplicate error scenario ids",
        "error_scenarios",
        [{"id": "e", "condition": "c", "handling": "h"}, {"id": "e", "condition": "d", "handling": "i"}],
        "error_scenarios[1].id",
        "flows_error_scenarios_are_valid",
    ),
    Invalid(
        "performance requirements an array",
        "performance_requirements",
        [],
        "performance_requirements",
        "flows_performance_requirements_are_valid",
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
    Invalid("blank name", "name", " ", "name", "flows_name_length"),
    Invalid("tag of spaces", "tags", ["   "], "tags[0]", "flows_tags_are_valid"),
    Invalid("101 tags", "tags", [f"t{i}" for i in range(101)], "tags", "flows_tags_are_valid"),
    Invalid(
        "1001 steps",
        "steps",
        [{"id": f"s{i}", "name": "n"} for i in range(1001)],
        "steps",
        "flows_steps_are_valid",
    ),
    Invalid("unknown priority", "priority", "Urgent", "priority", "flow_priority (enum)"),
    Invalid("unknown status", "status", "published", "status", "flow_status (enum)"),
]
