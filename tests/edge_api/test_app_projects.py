"""Project export and import through the gateway: round trip, 400 with paths, uploads, RLS."""

import asyncio
import json
import uuid
from collections.abc import Callable
from typing import Any

import httpx
import pytest

from edge_api.documents import ProjectDocument
from edge_api.postgrest import UserApi
from edge_api.project_reads import read_project
from scripts.stack.config import StackConfig
from tests.conftest import User
from tests.edge_api.conftest import OwnedProject
from tests.projects import bearer, fixture_copy, portable


def _comparable(document: dict[str, Any]) -> dict[str, Any]:
    """The model's view of a document, order-free, without where it was read and the project name."""
    data = portable(ProjectDocument.model_validate(document).model_dump(mode="json"))
    data["project"].pop("name")
    for registry in ("service_domains", "services", "actors", "integration_types"):
        data[registry] = sorted(data[registry], key=lambda entry: entry["key"])
    data["flows"] = sorted(data["flows"], key=lambda flow: flow["name"])
    return data


def test_export_is_a_v1_document_download(edge: httpx.Client, owned: OwnedProject) -> None:
    response = edge.get(f"/projects/{owned.project_id}/export", headers=bearer(owned.owner))
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/json")
    assert response.headers["content-disposition"].startswith(
        'attachment; filename="edge-api-project.flowatlas.json"'
    )
    ProjectDocument.model_validate(response.json())


def test_import_then_export_round_trips(edge: httpx.Client, make_user: Callable[..., User]) -> None:
    # A global admin: a user's import brings every flow in as a draft, an admin's keeps the review statuses.
    user = make_user(global_role="admin", name="Edge importer")
    document = fixture_copy("Round trip")
    created = edge.post("/projects/import", json=document, headers=bearer(user))
    assert created.status_code == 201, created.text
    project_id = created.json()["id"]
    assert created.headers["location"].endswith(f"/functions/v1/projects/{project_id}/export")
    exported = edge.get(f"/projects/{project_id}/export", headers=bearer(user)).json()
    assert exported["project"]["name"] == "Round trip"
    assert _comparable(exported) == _comparable(document)
    again = edge.post("/projects/import", json=exported, headers=bearer(user)).json()["id"]
    second = edge.get(f"/projects/{again}/export", headers=bearer(user)).json()
    assert portable(second) == portable(exported)


def test_import_as_file_upload_with_a_name(edge: httpx.Client, make_user: Callable[..., User]) -> None:
    user = make_user(name="Edge uploader")
    body = json.dumps(fixture_copy()).encode()
    created = edge.post(
        "/projects/import",
        params={"name": "Uploaded"},
        files={"file": ("project.json", body, "application/json")},
        headers=bearer(user),
    )
    assert created.status_code == 201, created.text
    rows = user.client.table("projects").select("name").eq("id", created.json()["id"]).execute().data
    assert rows == [{"name": "Uploaded"}]


def test_bad_document_is_400_with_every_path(edge: httpx.Client, owned: OwnedProject) -> None:
    document = fixture_copy()
    document["flows"][0]["steps"][1]["name"] = 7
    document["flows"][2]["priority"] = "Urgent"
    del document["project"]["name"]
    response = edge.post("/projects/import", json=document, headers=bearer(owned.owner))
    assert response.status_code == 400
    body = response.json()
    assert body["code"] == "22023"
    paths = {error["path"] for error in body["details"]}
    assert {"project.name", "flows[0].steps[1].name", "flows[2].priority"} <= paths
    assert body["message"].startswith("document is invalid at ")


@pytest.mark.parametrize(
    ("body", "content_type"),
    [(b"{not json", "application/json"), (b"[1, 2]", "application/json"), (b"\xff\xfe", "application/json")],
)
def test_unreadable_body_is_400_not_500(
    edge: httpx.Client, owned: OwnedProject, body: bytes, content_type: str
) -> None:
    response = edge.post(
        "/projects/import", content=body, headers={**bearer(owned.owner), "Content-Type": content_type}
    )
    assert response.status_code == 400
    body = response.json()
    assert "message" in body and isinstance(body["details"], list) and body["details"][0]["path"] == "$"


def test_wrong_media_type_is_415(edge: httpx.Client, owned: OwnedProject) -> None:
    response = edge.post(
        "/projects/import", content=b"x", headers={**bearer(owned.owner), "Content-Type": "text/plain"}
    )
    assert response.status_code == 415


def test_database_rejection_passes_through_as_400(edge: httpx.Client, owned: OwnedProject) -> None:
    """A legacy document is converted and checked by the database; its 400 and field errors come back."""
    legacy = {"serviceRegistry": "not an object", "flows": "nope"}
    response = edge.post("/projects/import", json=legacy, headers=bearer(owned.owner))
    assert response.status_code == 400, response.text
    body = response.json()
    assert body["message"] and all(set(e) == {"path", "message"} for e in body["details"]) and body["details"]


def test_global_viewer_may_not_import(edge: httpx.Client, make_user: Callable[..., User]) -> None:
    viewer = make_user(global_role="viewer", name="Edge viewer")
    response = edge.post("/projects/import", json=fixture_copy(), headers=bearer(viewer))
    assert response.status_code == 403


def test_other_users_project_is_404(
    edge: httpx.Client, owned: OwnedProject, make_user: Callable[..., User]
) -> None:
    stranger = make_user(name="Edge project stranger")
    for path in ("export", "markdown"):
        response = edge.get(f"/projects/{owned.project_id}/{path}", headers=bearer(stranger))
        assert response.status_code == 404, path


def test_renderers_read_the_document_export_project_returns(cfg: StackConfig, owned: OwnedProject) -> None:
    """The renderers read project_document (no audit entry): the database's export, not a second copy."""
    exported = owned.owner.client.rpc("export_project", {"project_id": owned.project_id}).execute().data

    async def read() -> ProjectDocument:
        async with httpx.AsyncClient() as http:
            api = UserApi(http, f"{cfg.api_url}/rest/v1", cfg.anon_key, owned.owner.token)
            return await read_project(api, uuid.UUID(owned.project_id))

    built = asyncio.run(read())
    expected = ProjectDocument.model_validate(exported)
    assert built.model_dump(exclude={"exported_at"}) == expected.model_dump(exclude={"exported_at"})
