"""Which steps a flow's integrations and error scenarios point at, by step position.

Integrations link steps, labelled with the integration type's display name. An error scenario names its step
in its extra `step` key; one that names no step of the flow belongs to the flow as a whole.

An integration's `from` and `to` name steps by id; data from the old app names services or actors instead
(`web-shop` -> `pricing-service`). Such an end is the step that uses that service (or actor): for `from` the
first one, for `to` the first one after the `from` step (else the first). Ends that name nothing the flow's
steps use, and links from a step to itself, are left to the tables.
"""

from collections import defaultdict
from dataclasses import dataclass

from edge_api.documents import Flow
from edge_api.render.lookup import DocumentIndex


@dataclass(frozen=True, slots=True)
class StepLink:
    source: int
    target: int
    label: str
    """The names of the integration types linking the two steps, comma-separated, in document order."""


@dataclass(frozen=True, slots=True)
class FlowLinks:
    consecutive: dict[int, str]
    """Step position i -> label of the integrations from step i to step i + 1."""
    other: tuple[StepLink, ...]
    """Integrations between steps that are not consecutive (or run backwards)."""


def _users(flow: Flow) -> dict[str, list[int]]:
    """Registry key -> positions of the steps that name it as their service or actor, in order."""
    users: dict[str, list[int]] = defaultdict(list)
    for i, step in enumerate(flow.steps):
        for key in dict.fromkeys(k for k in (step.service, step.actor) if k):
            users[key].append(i)
    return users


def flow_links(flow: Flow, index: DocumentIndex) -> FlowLinks:
    """The integrations of a flow whose ends resolve to two different steps (see the module's docstring)."""
    position = {step.id: i for i, step in enumerate(flow.steps)}
    users = _users(flow)
    grouped: dict[tuple[int, int], list[str]] = defaultdict(list)
    for integration in flow.integrations:
        source = position.get(integration.from_)
        if source is None and users.get(integration.from_):
            source = users[integration.from_][0]
        target = position.get(integration.to)
        if target is None and users.get(integration.to):
            later = [i for i in users[integration.to] if source is None or i > source]
            target = (later or users[integration.to])[0]
        if source is None or target is None or source == target:
            continue
        name = index.integration_type_name(integration.type)
        names = grouped[(source, target)]
        if name not in names:
            names.append(name)
    consecutive: dict[int, str] = {}
    other: list[StepLink] = []
    for (source, target), names in grouped.items():
        if target == source + 1:
            consecutive[source] = ", ".join(names)
        else:
            other.append(StepLink(source, target, ", ".join(names)))
    return FlowLinks(consecutive, tuple(other))


def error_steps(flow: Flow) -> tuple[int | None, ...]:
    """For each error scenario, the position of the step it names, or None."""
    position = {step.id: i for i, step in enumerate(flow.steps)}
    return tuple(position.get(scenario.step_ref or "") for scenario in flow.error_scenarios)
