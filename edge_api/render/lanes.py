"""Which lane each step belongs to: its actor's, else its service's, else "Unassigned".

Lanes come in the order the steps first use them; actors the flow lists but no step uses follow, so every
actor of the flow has a lane. Keys are looked up in the registries; unknown ones show as they are.
"""

from dataclasses import dataclass
from enum import StrEnum

from edge_api.documents import Flow, Step
from edge_api.render.lookup import DocumentIndex

UNASSIGNED_LABEL = "Unassigned"


class LaneKind(StrEnum):
    ACTOR = "actor"
    SERVICE = "service"
    UNASSIGNED = "unassigned"


@dataclass(frozen=True, slots=True)
class Lane:
    kind: LaneKind
    key: str
    """The actor or service key ("" for the unassigned lane)."""
    label: str


@dataclass(frozen=True, slots=True)
class LaneAssignment:
    lanes: tuple[Lane, ...]
    step_lanes: tuple[int, ...]
    """For each step, in order, the index of its lane in `lanes`."""

    def steps_in(self, lane_index: int) -> list[int]:
        return [i for i, lane in enumerate(self.step_lanes) if lane == lane_index]

    def steps_by_lane(self) -> list[list[int]]:
        """The steps of every lane, grouped in one pass (asking steps_in per lane is quadratic: a 32k-step
        flow with a lane per step rendered for over a minute)."""
        grouped: list[list[int]] = [[] for _ in self.lanes]
        for i, lane in enumerate(self.step_lanes):
            grouped[lane].append(i)
        return grouped


def step_lane_key(step: Step) -> tuple[LaneKind, str]:
    """The lane a step belongs to, as (kind, key)."""
    if step.actor is not None and step.actor.strip():
        return LaneKind.ACTOR, step.actor
    if step.service is not None and step.service.strip():
        return LaneKind.SERVICE, step.service
    return LaneKind.UNASSIGNED, ""


def assign_lanes(flow: Flow, index: DocumentIndex) -> LaneAssignment:
    """The lanes of a flow and the lane of each step."""
    positions: dict[tuple[LaneKind, str], int] = {}
    lanes: list[Lane] = []
    step_lanes: list[int] = []

    def lane_of(kind: LaneKind, key: str) -> int:
        found = positions.get((kind, key))
        if found is None:
            found = positions[(kind, key)] = len(lanes)
            lanes.append(Lane(kind, key, _label(kind, key, index)))
        return found

    for step in flow.steps:
        step_lanes.append(lane_of(*step_lane_key(step)))
    for actor in flow.actors:
        lane_of(LaneKind.ACTOR, actor)
    return LaneAssignment(tuple(lanes), tuple(step_lanes))


def _label(kind: LaneKind, key: str, index: DocumentIndex) -> str:
    if kind is LaneKind.ACTOR:
        return index.actor_name(key)
    if kind is LaneKind.SERVICE:
        return index.service_name(key)
    return UNASSIGNED_LABEL
