"""A flow's metadata as (field, value) pairs of plain text, for the Markdown table and diagram headers."""

from edge_api.documents import Flow, Status
from edge_api.render.lookup import DocumentIndex

STATUS_LABELS: dict[Status, str] = {
    "draft": "Draft",
    "in_review": "In review",
    "approved": "Approved",
    "deprecated": "Deprecated",
}

STATUS_EXPLANATIONS: dict[Status, str] = {
    "draft": "Being written; not yet submitted for review.",
    "in_review": "Submitted for review; a project owner approves it or sends it back to draft.",
    "approved": "Reviewed and approved; changing its content returns it to draft.",
    "deprecated": "No longer in use; kept for reference.",
}


def registry_text(name: str, key: str) -> str:
    """`Name (key)`, or just the key when the name is the key."""
    return key if name == key else f"{name} ({key})"


def metadata(flow: Flow, index: DocumentIndex) -> list[tuple[str, str]]:
    """The flow's metadata in display order; empty values are left out, except the review fields."""
    rows = [
        ("Priority", flow.priority),
        ("Status", STATUS_LABELS[flow.status]),
        ("Version", flow.version),
    ]
    domain = index.flow_domain(flow)
    if domain is not None:
        rows.append(("Service domain", registry_text(index.domain_name(domain), domain)))
    if flow.service is not None:
        rows.append(("Service", registry_text(index.service_name(flow.service), flow.service)))
    if flow.actors:
        rows.append(("Actors", ", ".join(index.actor_name(a) for a in flow.actors)))
    if flow.entry_point:
        rows.append(("Entry point", flow.entry_point))
    if flow.trigger_event:
        rows.append(("Trigger event", flow.trigger_event))
    if flow.tags:
        rows.append(("Tags", ", ".join(flow.tags)))
    return rows
