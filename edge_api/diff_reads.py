"""Reading a revision diff through PostgREST as one user: the database's `flow_diff` and the flow's name.

Shared by the edge API and the `flowatlas` command line. A flow or revision the user cannot read and one that
does not exist look the same: `NotVisible`.
"""

import uuid
from dataclasses import dataclass

from pydantic import ValidationError

from edge_api.diffs import FlowChange, parse_changes
from edge_api.postgrest import PostgrestError, UserApi
from edge_api.project_reads import NotVisible, StoredDataInvalid


@dataclass(frozen=True)
class FlowDiff:
    flow_id: uuid.UUID
    flow_name: str
    since: str
    """The old side in words: "revision 3"."""
    until: str
    """The new side in words: "revision 5" or "the current flow"."""
    changes: list[FlowChange]


async def read_diff(
    api: UserApi, flow_id: uuid.UUID, from_revision: int, to_revision: int | None = None
) -> FlowDiff:
    """What changed from `from_revision` to `to_revision` (default: the flow as it is now)."""
    arguments: dict[str, object] = {"flow_id": str(flow_id), "from_revision": from_revision}
    if to_revision is not None:
        arguments["to_revision"] = to_revision
    try:
        rows = await api.rpc_rows("flow_diff", arguments)
    except PostgrestError as exc:
        if exc.code == "PT404" or exc.status == 404:
            raise NotVisible(exc.message) from exc
        raise
    # The diff could be read, so its name can too, unless the flow is deleted (then its history names it).
    named = await api.select("flows", {"select": "name", "id": f"eq.{flow_id}"})
    name = str(named[0]["name"]) if named else f"flow {flow_id}"
    try:
        changes = parse_changes(rows)
    except ValidationError as exc:
        raise StoredDataInvalid(f"flow_diff answered rows that do not fit FlowChange: {exc}") from exc
    until = "the current flow" if to_revision is None else f"revision {to_revision}"
    return FlowDiff(flow_id, name, f"revision {from_revision}", until, changes)
