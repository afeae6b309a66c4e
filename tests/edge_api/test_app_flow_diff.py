"""GET /functions/v1/flows/{id}/diff: the diff as Markdown for members; 404 for others; 400 without from."""

from collections.abc import Callable

import httpx

from tests.conftest import User
from tests.edge_api.conftest import OwnedProject
from tests.projects import bearer


def test_diff_of_an_edited_flow_as_markdown(edge: httpx.Client, make_user: Callable[..., User]) -> None:
    owner = make_user(name="Edge differ")
    project = owner.client.table("projects").insert({"name": "Edge diff"}).execute().data
    flow = (
        owner.client.table("flows")
        .insert({"project_id": project[0]["id"], "name": "Refund", "steps": [{"id": "s1", "name": "Ask"}]})
        .execute()
        .data[0]
    )
    owner.client.table("flows").update(
        {"name": "Refund | EU", "steps": [{"id": "s1", "name": "Ask nicely"}]}
    ).eq("id", flow["id"]).execute()

    response = edge.get(f"/flows/{flow['id']}/diff", params={"from": 1}, headers=bearer(owner))
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("text/markdown")
    assert 'filename="refund-eu-changes-1-current.md"' in response.headers["content-disposition"]
    lines = response.text.splitlines()
    assert lines[0] == "# Refund \\| EU: changes from revision 1 to the current flow"
    assert "| name | edited | Refund | Refund \\| EU |" in lines
    assert "- s1: name edited: Ask → Ask nicely" in lines

    same = edge.get(f"/flows/{flow['id']}/diff", params={"from": 2, "to": 2}, headers=bearer(owner))
    assert "No changes." in same.text.splitlines()


def test_diff_is_404_for_others_and_400_without_from(
    edge: httpx.Client, owned: OwnedProject, make_user: Callable[..., User]
) -> None:
    flow_id = owned.flows[0]["id"]
    stranger = make_user(name="Edge diff stranger")
    assert edge.get(f"/flows/{flow_id}/diff", params={"from": 1}, headers=bearer(stranger)).status_code == 404
    assert (
        edge.get(f"/flows/{flow_id}/diff", params={"from": 9}, headers=bearer(owned.owner)).status_code == 404
    )
    missing = edge.get(f"/flows/{flow_id}/diff", headers=bearer(owned.owner))
    assert missing.status_code == 400
    assert missing.json()["details"][0]["path"] == "query.from"
    assert edge.get(f"/flows/{flow_id}/diff", params={"from": 1}).status_code == 401
