"""The flow downloads through the gateway: the owner gets each format, others get 404, RLS decides."""

import xml.etree.ElementTree as ET
from collections.abc import Callable

import httpx
import pytest

from tests.conftest import User
from tests.edge_api.conftest import OwnedProject
from tests.projects import bearer

FORMATS = [
    ("drawio", "application/vnd.jgraph.mxfile", ".drawio"),
    ("markdown", "text/markdown", ".md"),
    ("mermaid", "text/vnd.mermaid", ".mmd"),
    ("bpmn", "application/bpmn+xml", ".bpmn"),
]


@pytest.mark.parametrize(("fmt", "media_type", "extension"), FORMATS)
def test_own_flow_downloads_in_each_format(
    edge: httpx.Client, owned: OwnedProject, fmt: str, media_type: str, extension: str
) -> None:
    flow = owned.flows[0]
    response = edge.get(f"/flows/{flow['id']}/{fmt}", headers=bearer(owned.owner))
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith(media_type)
    disposition = response.headers["content-disposition"]
    assert disposition.startswith("attachment; filename=")
    assert f'{extension}"' in disposition
    assert flow["steps"][0]["name"].split()[0] in response.text


def test_drawio_download_parses_and_has_every_step(edge: httpx.Client, owned: OwnedProject) -> None:
    flow = max(owned.flows, key=lambda f: len(f["steps"]))
    response = edge.get(f"/flows/{flow['id']}/drawio", headers=bearer(owned.owner))
    root = ET.fromstring(response.text)
    step_ids = [obj.get("step_id") for obj in root.iter("object") if obj.get("step_id")]
    assert [s["id"] for s in flow["steps"]] == list(dict.fromkeys(step_ids))[: len(flow["steps"])]


def test_other_users_flow_is_404(
    edge: httpx.Client, owned: OwnedProject, make_user: Callable[..., User]
) -> None:
    stranger = make_user(name="Edge stranger")
    response = edge.get(f"/flows/{owned.flows[0]['id']}/drawio", headers=bearer(stranger))
    assert response.status_code == 404
    assert "not found" in response.json()["message"]


def test_unknown_flow_is_the_same_404(edge: httpx.Client, owned: OwnedProject) -> None:
    response = edge.get("/flows/00000000-0000-4000-8000-00000000abcd/markdown", headers=bearer(owned.owner))
    assert response.status_code == 404
    assert response.json() == {
        "code": None,
        "message": "flow not found (or you may not read it)",
        "details": [],
        "hint": None,
    }


def test_bad_flow_id_is_400_with_the_path(edge: httpx.Client, owned: OwnedProject) -> None:
    response = edge.get("/flows/not-a-uuid/drawio", headers=bearer(owned.owner))
    assert response.status_code == 400
    assert response.json()["details"][0]["path"] == "path.flow_id"


def test_project_markdown_has_every_flow(edge: httpx.Client, owned: OwnedProject) -> None:
    response = edge.get(f"/projects/{owned.project_id}/markdown", headers=bearer(owned.owner))
    assert response.status_code == 200
    assert response.headers["content-disposition"].startswith('attachment; filename="edge-api-project.md"')
    plain_names = [flow["name"] for flow in owned.flows if flow["name"].replace(" ", "").isalnum()]
    assert len(plain_names) >= 5
    for name in plain_names:
        assert name in response.text
