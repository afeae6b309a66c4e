"""Test data through the real API: a project imported from the order-to-cash fixture, owned by a test user."""

import copy
from typing import Any

from tests.conftest import User
from tests.edge_api.builders import fixture_data


def fixture_copy(name: str | None = None) -> dict[str, Any]:
    """The fixture as a document the database imports. The fixture's "Nasty" flow names an actor that is in no
    registry (the renderers' fallback); a step must name a registry entry, so here it is registered."""
    document = copy.deepcopy(fixture_data())
    named = {step.get("actor") for flow in document["flows"] for step in flow["steps"]} - {None}
    for key in sorted(named - {actor["key"] for actor in document["actors"]}):
        document["actors"].append(
            {"key": key, "name": key, "kind": "system", "position": len(document["actors"])}
        )
    if name:
        document["project"]["name"] = name
    return document


def portable(document: dict[str, Any]) -> dict[str, Any]:
    """A document without what names where it was read: the export time, and each flow's id and revision."""
    flows = [
        {key: value for key, value in flow.items() if key not in ("id", "revision")}
        for flow in document.get("flows", [])
    ]
    return {**{key: value for key, value in document.items() if key != "exported_at"}, "flows": flows}


def import_project(user: User, document: dict[str, Any] | None = None, name: str | None = None) -> str:
    """A new project owned by `user` (import_project RPC as them); returns its id."""
    result = user.client.rpc(
        "import_project", {"document": document or fixture_copy(), "name": name}
    ).execute()
    return str(result.data)


def flows_of(user: User, project_id: str) -> list[dict[str, Any]]:
    """The project's live flows as the user sees them, by name."""
    result = (
        user.client.table("flows")
        .select("id,name,steps")
        .eq("project_id", project_id)
        .order("name")
        .execute()
    )
    rows: list[dict[str, Any]] = result.data  # type: ignore[assignment]
    return rows


def bearer(user: User) -> dict[str, str]:
    """The header the frontend sends to /functions/v1."""
    return {"Authorization": f"Bearer {user.token}"}
