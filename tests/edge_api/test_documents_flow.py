"""edge_api/documents/flow.py and flow_parts.py: the same examples the database accepts and rejects."""

import copy
from typing import Any

import pytest
from pydantic import ValidationError

from edge_api.documents import Flow, Integration, PerformanceRequirements, Step, field_errors
from tests.edge_api.examples import INVALID_FLOW_PARTS, VALID_FLOW, Invalid


def test_a_valid_flow_is_accepted_with_its_extra_keys() -> None:
    flow = Flow.model_validate(VALID_FLOW)
    assert flow.steps[0].model_extra == {"custom": [1, 2]}
    assert flow.integrations[0].from_ == "s1"
    assert flow.error_scenarios[0].step_ref == "s1"
    assert flow.performance_requirements.response_time_ms == 0
    assert isinstance(flow.performance_requirements.response_time_ms, int)


def test_a_flow_dumps_back_to_the_shape_it_was_read_from() -> None:
    flow = Flow.model_validate(VALID_FLOW)
    dumped = flow.model_dump(mode="json", by_alias=True, exclude_unset=True)
    assert dumped == VALID_FLOW


def test_only_a_name_is_required_and_defaults_match_the_database() -> None:
    flow = Flow.model_validate({"name": "x"})
    assert (flow.priority, flow.status, flow.version, flow.description, flow.notes) == (
        "Medium",
        "draft",
        "1.0.0",
        "",
        "",
    )
    assert flow.steps == [] and flow.performance_requirements == PerformanceRequirements()


@pytest.mark.parametrize("example", INVALID_FLOW_PARTS, ids=lambda e: e.name)
def test_each_invalid_example_is_rejected_at_its_path(example: Invalid) -> None:
    data: dict[str, Any] = copy.deepcopy(VALID_FLOW)
    data[example.part] = example.value
    with pytest.raises(ValidationError) as caught:
        Flow.model_validate(data)
    paths = [e["path"] for e in field_errors(caught.value)]
    assert paths == [example.path]


def test_integration_accepts_its_python_name_too() -> None:
    link = Integration.model_validate({"from_": "a", "to": "b", "type": "rest"})
    assert link.model_dump(by_alias=True, exclude_unset=True) == {"from": "a", "to": "b", "type": "rest"}


@pytest.mark.parametrize("value", [float("nan"), float("inf")])
def test_numbers_must_be_finite(value: float) -> None:
    with pytest.raises(ValidationError):
        PerformanceRequirements.model_validate({"response_time_ms": value})


def test_optional_step_fields_may_be_null() -> None:
    step = Step.model_validate({"id": "a", "name": "b", "actor": None, "service": None, "type": None})
    assert step.actor is None


def test_duplicate_ids_name_the_first_use() -> None:
    with pytest.raises(ValidationError) as caught:
        Flow.model_validate({"name": "x", "steps": [{"id": "a", "name": "1"}, {"id": "a", "name": "2"}]})
    assert field_errors(caught.value) == [
        {"path": "steps[1].id", "message": "id 'a' is already used by steps[0]"}
    ]
