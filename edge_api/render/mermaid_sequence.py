"""The steps of a flow as a Mermaid sequence diagram: participants are the actors and services the steps
name (people drawn as actors), in order of first use, with generated ids (`p1`, `p2` ...).

A step with an actor and a service is a message from the actor to the service; a step with only an actor is a
message from wherever the flow was to that actor. Any other step (a service, or nothing) is a call from the
previous step's participant only when an integration links the previous step to it; otherwise it is drawn in
its own lane (its service, else "Unassigned") as a message to itself, never from an unrelated service.
"""

from edge_api.documents import Flow
from edge_api.render.integration_links import flow_links
from edge_api.render.lanes import UNASSIGNED_LABEL, LaneKind, step_lane_key
from edge_api.render.lookup import DocumentIndex
from edge_api.render.mermaid_text import label_text

INDENT = "    "


def sequence_diagram(flow: Flow, index: DocumentIndex) -> str:
    """The `sequenceDiagram` text (without the code fence); empty when the flow has no steps."""
    if not flow.steps:
        return ""
    ids: dict[tuple[LaneKind, str], str] = {}
    declarations: list[str] = []

    def participant(kind: LaneKind, key: str) -> str:
        found = ids.get((kind, key))
        if found is None:
            found = ids[(kind, key)] = f"p{len(ids) + 1}"
            if kind is LaneKind.ACTOR:
                actor = index.actors.get(key)
                keyword = "actor" if actor is not None and actor.kind == "person" else "participant"
                name = index.actor_name(key)
            elif kind is LaneKind.SERVICE:
                keyword, name = "participant", index.service_name(key)
            else:
                keyword, name = "participant", UNASSIGNED_LABEL
            declarations.append(f"{INDENT}{keyword} {found} as {label_text(name, 60, breaks=False)}")
        return found

    links = flow_links(flow, index)
    messages: list[str] = []
    current: str | None = None
    for i, step in enumerate(flow.steps):
        kind, key = step_lane_key(step)
        own = participant(kind, key)
        service = step.service.strip() and step.service if step.service is not None else ""
        if kind is LaneKind.ACTOR and service:
            source, target = own, participant(LaneKind.SERVICE, service)
        elif kind is LaneKind.ACTOR or (i - 1) in links.consecutive:
            source, target = current or own, own
        else:
            source, target = own, own
        text = f"{i + 1}. {step.name}"
        if i > 0 and (i - 1) in links.consecutive:
            text += f" [{links.consecutive[i - 1]}]"
        messages.append(f"{INDENT}{source}->>{target}: {label_text(text, 100, breaks=False)}")
        current = target
    return "\n".join(["sequenceDiagram", *declarations, *messages])
