"""Which integrations link which steps: by step position, with the integration type's display name."""

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


def flow_links(flow: Flow, index: DocumentIndex) -> FlowLinks:
    """The integrations of a flow that name existing step ids; others are left to the tables."""
    position = {step.id: i for i, step in enumerate(flow.steps)}
    grouped: dict[tuple[int, int], list[str]] = defaultdict(list)
    for integration in flow.integrations:
        source, target = position.get(integration.from_), position.get(integration.to)
        if source is None or target is None:
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
