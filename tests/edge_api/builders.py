"""Test documents: the order-to-cash fixture, a generated long flow, a generated large project."""

import copy
import json
import re
from functools import cache
from pathlib import Path
from typing import Any

from hypothesis import strategies as st

from edge_api.documents import ProjectDocument

FIXTURES = Path(__file__).parent / "fixtures"
FIXTURE = FIXTURES / "order_to_cash.json"


@cache
def fixture_data() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(FIXTURE.read_text(encoding="utf-8"))
    return data


def fixture_document() -> ProjectDocument:
    return ProjectDocument.model_validate(fixture_data())


def flow_slug(number: int, name: str) -> str:
    """A file-name-safe stem for a flow's golden files: `03-pick-pack-and-ship`."""
    slug = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")[:40].strip("-")
    return f"{number:02d}-{slug or 'flow'}"


def long_flow_data(steps: int, name: str = "Generated long flow") -> dict[str, Any]:
    """A flow of `steps` steps cycling through the fixture's actors and services, with integrations between
    consecutive steps, some business rules, error scenarios tied to steps and an SLA."""
    base = fixture_data()
    actors = [a["key"] for a in base["actors"]]
    services = [s["key"] for s in base["services"]]
    types = [t["key"] for t in base["integration_types"]]
    step_list = []
    for i in range(steps):
        step: dict[str, Any] = {"id": f"g{i + 1}", "name": f"Step {i + 1}: handle part {i % 7} of the order"}
        if i % 5 != 4:
            step["actor"] = actors[i % len(actors)]
        if i % 3 != 0:
            step["service"] = services[i % len(services)]
        if i % 4 == 0:
            step["description"] = f"Details of step {i + 1} | with a pipe\nand a second line"
        step_list.append(step)
    return {
        "name": name,
        "description": f"A generated flow of {steps} steps.",
        "priority": "High",
        "status": "draft",
        "service_domain": "sales",
        "service": "order-service",
        "actors": actors[:3],
        "tags": ["generated"],
        "steps": step_list,
        "integrations": [
            {"from": f"g{i + 1}", "to": f"g{i + 2}", "type": types[i % len(types)]}
            for i in range(0, steps - 1, 2)
        ],
        "business_rules": [{"id": f"GR{i}", "description": f"Generated rule {i}"} for i in range(1, 6)],
        "error_scenarios": [
            {
                "id": f"GE{i}",
                "condition": f"Step {i * 10} fails",
                "handling": "Retry three times",
                "step": f"g{i * 10}",
            }
            for i in range(1, min(6, steps // 10 + 1))
        ],
        "performance_requirements": {"response_time_ms": 250, "availability_percent": 99.9},
    }


def document_with_flows(flows: list[dict[str, Any]]) -> ProjectDocument:
    """The fixture's registries with these flows."""
    data = copy.deepcopy(fixture_data())
    data["flows"] = flows
    return ProjectDocument.model_validate(data)


def big_project(flow_count: int) -> ProjectDocument:
    """`flow_count` flows copied round-robin from the fixture, renamed so each is distinct."""
    source = fixture_data()["flows"]
    flows = []
    for i in range(flow_count):
        flow = copy.deepcopy(source[i % len(source)])
        flow["name"] = f"{flow['name'][:200]} #{i + 1}"
        flows.append(flow)
    return document_with_flows(flows)


def legacy_linked_flow() -> dict[str, Any]:
    """A flow as the old app kept it: integrations name the services that talk, not steps; the third step
    names only a service and nothing leads to it from the second."""
    return {
        "name": "Old app's links",
        "steps": [
            {"id": "s1", "name": "Submit basket", "actor": "customer", "service": "web-shop"},
            {"id": "s2", "name": "Price the basket", "service": "pricing-engine"},
            {"id": "s3", "name": "Nightly export", "service": "erp"},
        ],
        "integrations": [{"id": "i1", "from": "web-shop", "to": "pricing-engine", "type": "rest"}],
    }


def any_name(max_size: int = 60) -> st.SearchStrategy[str]:
    """Anything a user may type as a name: any UTF-8 character but NUL, not only spaces."""
    return st.text(
        st.characters(codec="utf-8", exclude_characters="\x00"), min_size=1, max_size=max_size
    ).filter(lambda s: s.strip(" "))


def flow_named(names: list[str], actor: str) -> ProjectDocument:
    """One flow whose name, steps (id, name, description), actor and error scenario are the texts given."""
    steps = [{"id": name, "name": name, "actor": actor, "description": name} for name in names]
    scenario = {"id": names[0], "condition": actor, "handling": names[-1], "step": names[-1]}
    return document_with_flows([{"name": names[0], "steps": steps, "error_scenarios": [scenario]}])
