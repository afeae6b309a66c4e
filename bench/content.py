"""Realistic flow content: registries, steps, rules, errors and SLAs built from a seeded random generator.

Pure functions, no I/O. Words are drawn so that search has selective and broad terms to find:
`RARE_TERM` sits in about 1 flow in 2,000, `MEDIUM_TERM` in about 1 in 50, `BROAD_TERM` in most flows.
"""

import json
import random
import uuid
from dataclasses import dataclass, field
from typing import Any

RARE_TERM = "escheatment"
MEDIUM_TERM = "chargeback"
BROAD_TERM = "customer"
RARE_RATE = 0.0005
MEDIUM_RATE = 0.02

DOMAINS = [
    "Sales",
    "Billing",
    "Logistics",
    "Customer Care",
    "Finance",
    "Procurement",
    "Inventory",
    "Payments",
    "Identity",
    "Reporting",
    "Marketing",
    "Human Resources",
]
SERVICE_KINDS = ["API", "Worker", "Portal", "Gateway", "Scheduler", "Ledger", "Adapter"]
ACTORS = [
    ("person", "Customer"),
    ("person", "Sales clerk"),
    ("person", "Warehouse operator"),
    ("person", "Accountant"),
    ("person", "Support agent"),
    ("system", "CRM"),
    ("system", "ERP"),
    ("system", "Fraud engine"),
    ("system", "Data warehouse"),
    ("system", "Notification hub"),
    ("external", "Payment provider"),
    ("external", "Carrier"),
    ("external", "Tax authority"),
    ("external", "Bank"),
    ("system", "Identity provider"),
]
INTEGRATION_TYPES = ["REST", "Event", "Batch file", "SOAP", "Message queue", "Webhook", "SFTP", "gRPC"]
VERBS = [
    "Validate",
    "Receive",
    "Reserve",
    "Enrich",
    "Approve",
    "Reject",
    "Notify",
    "Archive",
    "Calculate",
    "Check",
    "Publish",
    "Reconcile",
    "Invoice",
    "Ship",
    "Schedule",
    "Escalate",
    "Register",
    "Cancel",
    "Refund",
    "Export",
]
OBJECTS = [
    "order",
    "payment",
    "shipment",
    "invoice",
    "credit limit",
    "stock level",
    "delivery slot",
    "return label",
    "tax report",
    "customer record",
    "price list",
    "discount",
    "contract",
    "purchase order",
    "ledger entry",
    "dunning letter",
    "fraud score",
    "address",
    "consent",
    "subscription",
]
FILLER = [
    "the",
    "system",
    "checks",
    "whether",
    "request",
    "within",
    "agreed",
    "time",
    "sends",
    "confirmation",
    "to",
    "next",
    "team",
    "records",
    "result",
    "audit",
    "trail",
    "after",
    "manual",
    "review",
    "retries",
    "when",
    "partner",
    "responds",
    "late",
    "data",
    "is",
    "stored",
    "for",
    "ten",
    "years",
    "according",
    "policy",
]
TAGS = [
    "core",
    "legacy",
    "gdpr",
    "sox",
    "batch",
    "realtime",
    "b2b",
    "b2c",
    "critical-path",
    "migration",
    "mobile",
]
ERROR_STATES = ("missing", "late", "invalid")
PRIORITIES = ["Low", "Medium", "Medium", "High", "Critical"]
STATUSES = ["draft"] * 10 + ["in_review"] * 3 + ["approved"] * 6 + ["deprecated"]


def new_id(rng: random.Random) -> str:
    return str(uuid.UUID(int=rng.getrandbits(128), version=4))


def slug(text: str) -> str:
    return "".join(c if c.isalnum() else "-" for c in text.lower()).strip("-")


@dataclass
class Registry:
    """The registry rows of one project, as the generator loads them and as flows refer to them."""

    domains: list[tuple[str, str, str]] = field(default_factory=list)  # id, key, name
    services: list[tuple[str, str, str, str]] = field(default_factory=list)  # id, domain id, key, name
    actors: list[tuple[str, str, str, str]] = field(default_factory=list)  # id, kind, key, name
    integration_types: list[tuple[str, str, str]] = field(default_factory=list)  # id, key, name


def registry(rng: random.Random) -> Registry:
    reg = Registry()
    for name in rng.sample(DOMAINS, rng.randint(3, 6)):
        domain_id = new_id(rng)
        reg.domains.append((domain_id, slug(name), name))
        for kind in rng.sample(SERVICE_KINDS, rng.randint(2, 4)):
            service = f"{name} {kind}"
            reg.services.append((new_id(rng), domain_id, slug(service), service))
    for kind, name in rng.sample(ACTORS, rng.randint(6, 12)):
        reg.actors.append((new_id(rng), kind, slug(name), name))
    for name in rng.sample(INTEGRATION_TYPES, rng.randint(4, 7)):
        reg.integration_types.append((new_id(rng), slug(name), name))
    return reg


def sentence(rng: random.Random, words: int) -> str:
    chosen = [rng.choice(FILLER) for _ in range(words)]
    chosen.insert(rng.randrange(len(chosen)), rng.choice(OBJECTS))
    if rng.random() < 0.5:
        chosen.insert(rng.randrange(len(chosen)), BROAD_TERM)
    return " ".join(chosen).capitalize() + "."


@dataclass(frozen=True)
class FlowContent:
    name: str
    description: str
    priority: str
    status: str
    domain_id: str | None
    service_id: str | None
    actor_ids: list[str]
    tags: list[str]
    steps: list[dict[str, Any]]
    integrations: list[dict[str, Any]]
    business_rules: list[dict[str, Any]]
    error_scenarios: list[dict[str, Any]]
    performance_requirements: dict[str, Any]
    entry_point: str
    trigger_event: str
    notes: str

    def json_parts(self) -> tuple[str, str, str, str, str]:
        return (
            json.dumps(self.steps, separators=(",", ":")),
            json.dumps(self.integrations, separators=(",", ":")),
            json.dumps(self.business_rules, separators=(",", ":")),
            json.dumps(self.error_scenarios, separators=(",", ":")),
            json.dumps(self.performance_requirements, separators=(",", ":")),
        )


def flow(rng: random.Random, reg: Registry, number: int) -> FlowContent:
    """One flow of 5-60 steps with integrations between steps, business rules, error scenarios and an SLA."""
    verb, obj = rng.choice(VERBS), rng.choice(OBJECTS)
    actors = rng.sample(reg.actors, min(len(reg.actors), rng.randint(2, 5)))
    service = rng.choice(reg.services)
    types = [t[1] for t in reg.integration_types]
    description = sentence(rng, rng.randint(8, 20))
    extra = []
    if rng.random() < RARE_RATE:
        extra.append(RARE_TERM)
    if rng.random() < MEDIUM_RATE:
        extra.append(MEDIUM_TERM)
    steps: list[dict[str, Any]] = []
    for i in range(rng.randint(5, 60)):
        actor = rng.choice(actors)
        step: dict[str, Any] = {
            "id": f"s{i + 1}",
            "name": f"{rng.choice(VERBS)} {rng.choice(OBJECTS)}",
            "actor": actor[2],
            "type": rng.choice(("action", "decision", "message", "wait")),
        }
        if rng.random() < 0.6:
            step["service"] = rng.choice(reg.services)[2]
        if rng.random() < 0.35:
            step["description"] = sentence(rng, rng.randint(4, 12))
        steps.append(step)
    for term in extra:  # the rare words live in a step, as a user would write them
        target = rng.choice(steps)
        target["description"] = f"{target.get('description', '')} Handles {term} cases.".strip()
    integrations = [
        {"id": f"i{k + 1}", "from": steps[k]["id"], "to": steps[k + 1]["id"], "type": rng.choice(types)}
        for k in rng.sample(range(len(steps) - 1), min(len(steps) - 1, rng.randint(1, 6)))
    ]
    rules = [
        {"id": f"BR{k + 1}", "description": sentence(rng, rng.randint(5, 10))}
        for k in range(rng.randint(0, 5))
    ]
    errors = [
        {
            "id": f"E{k + 1}",
            "condition": f"{rng.choice(OBJECTS).capitalize()} is {rng.choice(ERROR_STATES)}",
            "handling": rng.choice(
                ("Retry three times", "Escalate to support", "Reject and notify", "Park for review")
            ),
            "step": rng.choice(steps)["id"],
        }
        for k in range(rng.randint(0, 4))
    ]
    sla: dict[str, Any] = {"response_time_ms": rng.choice((100, 250, 500, 2000)), "sla": "business hours"}
    if rng.random() < 0.5:
        sla["availability_percent"] = rng.choice((99.0, 99.5, 99.9))
        sla["throughput_per_minute"] = rng.randint(1, 5000)
    return FlowContent(
        name=f"{verb} {obj} #{number}",
        description=description,
        priority=rng.choice(PRIORITIES),
        status=rng.choice(STATUSES),
        domain_id=service[1],
        service_id=service[0],
        actor_ids=[a[0] for a in actors],
        tags=sorted(set(rng.sample(TAGS, rng.randint(0, 3)))),
        steps=steps,
        integrations=integrations,
        business_rules=rules,
        error_scenarios=errors,
        performance_requirements=sla,
        entry_point=f"/{slug(obj)}/{slug(verb)}",
        trigger_event=f"{obj.capitalize()} {rng.choice(('created', 'changed', 'due', 'received'))}",
        notes="" if rng.random() < 0.7 else sentence(rng, 6),
    )
