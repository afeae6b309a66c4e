"""edge_api/documents/project.py, references.py, registries.py, text_values.py: the export document."""

import copy
from typing import Any

import pytest
from pydantic import ValidationError

from edge_api.documents import FORMAT, FieldError, ProjectDocument, field_errors
from tests.edge_api.builders import fixture_data


def _errors(data: dict[str, Any]) -> list[FieldError]:
    with pytest.raises(ValidationError) as caught:
        ProjectDocument.model_validate(data)
    return field_errors(caught.value)


@pytest.fixture
def data() -> dict[str, Any]:
    return copy.deepcopy(fixture_data())


def test_the_fixture_is_a_valid_document(data: dict[str, Any]) -> None:
    document = ProjectDocument.model_validate(data)
    assert document.format == FORMAT
    assert len(document.service_domains) >= 3 and len(document.services) >= 8
    assert len(document.actors) >= 6 and len(document.flows) >= 10


def test_a_document_round_trips_through_json(data: dict[str, Any]) -> None:
    document = ProjectDocument.model_validate(data)
    again = ProjectDocument.model_validate_json(document.model_dump_json(by_alias=True, exclude_unset=True))
    assert again == document


def test_the_smallest_document() -> None:
    document = ProjectDocument.model_validate(
        {"format": FORMAT, "exported_at": "2026-01-01T00:00:00Z", "project": {"name": "P"}}
    )
    assert document.flows == [] and document.project.version == "1.0.0"


@pytest.mark.parametrize(
    ("change", "path"),
    [
        (lambda d: d.update(format="flowatlas.project/v2"), "format"),
        (lambda d: d.update(exported_at="2026-01-01T00:00:00"), "exported_at"),
        (lambda d: d["project"].update(name=""), "project.name"),
        (lambda d: d["project"].update(is_public="yes"), "project.is_public"),
        (lambda d: d["services"][2].update(key="bad key"), "services[2].key"),
        (lambda d: d["services"][2].update(key="-starts-with-dash"), "services[2].key"),
        (lambda d: d["services"][2].update(key="k" * 101), "services[2].key"),
        (lambda d: d["actors"][1].update(kind="robot"), "actors[1].kind"),
        (lambda d: d["actors"][1].update(position=2**31), "actors[1].position"),
        (lambda d: d["actors"][1].update(unknown=1), "actors[1].unknown"),
        (lambda d: d["flows"][3]["steps"][0].update(name=" "), "flows[3].steps[0].name"),
        (lambda d: d["flows"][3].update(servce="erp"), "flows[3].servce"),
        (lambda d: d["flows"][3]["tags"].append(""), "flows[3].tags[2]"),
    ],
)
def test_shape_errors_carry_the_path(data: dict[str, Any], change: Any, path: str) -> None:
    change(data)
    assert [e["path"] for e in _errors(data)] == [path]


@pytest.mark.parametrize(
    ("change", "path", "message"),
    [
        (
            lambda d: d["services"][0].update(domain="nowhere"),
            "services[0].domain",
            "no service domain with key 'nowhere' in this document",
        ),
        (
            lambda d: d["actors"].append({"key": "customer", "name": "Again"}),
            "actors[8].key",
            "key 'customer' is already used by actors[0]",
        ),
        (
            lambda d: d["integration_types"][1].update(key="rest"),
            "integration_types[1].key",
            "key 'rest' is already used by integration_types[0]",
        ),
        (
            lambda d: d["flows"][2].update(service="ghost"),
            "flows[2].service",
            "no service with key 'ghost' in this document",
        ),
        (
            lambda d: d["flows"][2].update(service_domain="ghost"),
            "flows[2].service_domain",
            "no service domain with key 'ghost' in this document",
        ),
        (
            lambda d: d["flows"][2]["actors"].append("ghost"),
            "flows[2].actors[2]",
            "no actor with key 'ghost' in this document",
        ),
        (
            lambda d: d["flows"][0].update(service_domain="finance"),
            "flows[0].service",
            "service 'order-service' is in service domain 'sales', not in the flow's domain 'finance'",
        ),
        (
            lambda d: d["flows"][3]["steps"][1].update(id=d["flows"][3]["steps"][0]["id"]),
            "flows[3].steps[1].id",
            "id 'v1' is already used by steps[0]",
        ),
        (
            lambda d: d["project"].update(description="nul \x00 inside"),
            "project.description",
            "the database cannot store the NUL character (U+0000)",
        ),
        (
            lambda d: d["flows"][1]["custom_fields"].update({"we ird\x00": 1}),
            'flows[1].custom_fields["we ird\x00"]',
            "the database cannot store the NUL character (U+0000)",
        ),
    ],
)
def test_reference_errors_carry_the_path(data: dict[str, Any], change: Any, path: str, message: str) -> None:
    change(data)
    assert _errors(data) == [{"path": path, "message": message}]


def test_a_flow_without_domain_may_name_any_service(data: dict[str, Any]) -> None:
    data["flows"][0]["service_domain"] = None
    assert ProjectDocument.model_validate(data).flows[0].service == "order-service"


def test_every_reference_problem_is_reported_at_once(data: dict[str, Any]) -> None:
    data["services"][0]["domain"] = "x"
    data["flows"][0]["actors"] = ["y", "customer", "z"]
    paths = [e["path"] for e in _errors(data)]
    assert paths == ["services[0].domain", "flows[0].actors[0]", "flows[0].actors[2]"]
