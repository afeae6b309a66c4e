"""Only a valid user access token opens the edge API: 401 with a JSON message otherwise."""

import time
from collections.abc import Iterator

import httpx
import pytest
from fastapi.testclient import TestClient

from edge_api import tokens
from edge_api.app import create_app
from edge_api.settings import Settings
from scripts.stack.config import StackConfig
from tests.edge_api.conftest import OwnedProject


@pytest.fixture(scope="module")
def flow_url(owned: OwnedProject) -> str:
    return f"/flows/{owned.flows[0]['id']}/drawio"


def test_no_token_is_401(edge: httpx.Client, flow_url: str) -> None:
    response = edge.get(flow_url)
    assert response.status_code == 401
    assert "access token" in response.json()["message"]


def test_expired_token_is_401(edge: httpx.Client, flow_url: str, owned: OwnedProject, secret: str) -> None:
    expired = tokens.user_token(owned.owner.id, owned.owner.email, secret, lifetime=-60)
    response = edge.get(flow_url, headers={"Authorization": f"Bearer {expired}"})
    assert response.status_code == 401
    assert "expired" in response.json()["message"]


def test_forged_token_is_401(edge: httpx.Client, flow_url: str, owned: OwnedProject) -> None:
    forged = tokens.user_token(owned.owner.id, owned.owner.email, "another-secret-of-at-least-32-characters!")
    response = edge.get(flow_url, headers={"Authorization": f"Bearer {forged}"})
    assert response.status_code == 401
    assert "invalid" in response.json()["message"]


def test_anon_key_is_not_a_user_token(edge: httpx.Client, flow_url: str, cfg: StackConfig) -> None:
    response = edge.get(flow_url, headers={"Authorization": f"Bearer {cfg.anon_key}"})
    assert response.status_code == 401


def test_garbage_header_is_401(edge: httpx.Client, flow_url: str) -> None:
    response = edge.get(flow_url, headers={"Authorization": "Basic dXNlcjpwYXNz"})
    assert response.status_code == 401
    assert response.headers["content-type"].startswith("application/json")


def test_token_without_expiry_is_401(
    edge: httpx.Client, flow_url: str, owned: OwnedProject, secret: str
) -> None:
    claims = {"sub": owned.owner.id, "aud": "authenticated", "role": "authenticated", "iat": int(time.time())}
    response = edge.get(flow_url, headers={"Authorization": f"Bearer {tokens.sign(claims, secret)}"})
    assert response.status_code == 401


SUPABASE_JS_PREFLIGHT = {
    "Access-Control-Request-Method": "POST",
    "Access-Control-Request-Headers": "authorization,x-client-info,apikey,content-type",
}


def test_cors_preflight_from_any_origin_allows_what_supabase_js_sends(
    edge: httpx.Client, flow_url: str
) -> None:
    response = edge.options(flow_url, headers={"Origin": "http://127.0.0.1:40123", **SUPABASE_JS_PREFLIGHT})
    assert response.status_code == 200
    assert response.headers["access-control-allow-origin"] == "*"
    allowed = {h.strip() for h in response.headers["access-control-allow-headers"].lower().split(",")}
    assert {"authorization", "x-client-info", "apikey", "content-type"} <= allowed


def test_cors_answers_a_cross_origin_call_with_the_token(
    edge: httpx.Client, flow_url: str, owned: OwnedProject
) -> None:
    response = edge.get(
        flow_url,
        headers={"Origin": "https://frontend.example", "Authorization": f"Bearer {owned.owner.token}"},
    )
    assert response.status_code == 200
    assert response.headers["access-control-allow-origin"] == "*"
    assert "content-disposition" in response.headers["access-control-expose-headers"].lower()


@pytest.fixture(scope="module")
def narrowed() -> Iterator[TestClient]:
    """A deployment that lets only its own frontend call (EDGE_CORS_ORIGINS=https://app.example.com)."""
    settings = Settings(edge_cors_origins="https://app.example.com")  # type: ignore[arg-type]
    with TestClient(create_app(settings)) as client:
        yield client


def test_cors_narrowed_to_one_origin_allows_it(narrowed: TestClient) -> None:
    response = narrowed.options(
        "/flows/x/drawio", headers={"Origin": "https://app.example.com", **SUPABASE_JS_PREFLIGHT}
    )
    assert response.status_code == 200
    assert response.headers["access-control-allow-origin"] == "https://app.example.com"


def test_cors_refused_preflight_answers_json_naming_what_was_refused(narrowed: TestClient) -> None:
    response = narrowed.options(
        "/flows/x/drawio", headers={"Origin": "https://evil.example", **SUPABASE_JS_PREFLIGHT}
    )
    assert response.status_code == 400
    assert response.headers["content-type"].startswith("application/json")
    assert "access-control-allow-origin" not in response.headers
    body = response.json()
    assert body["message"] == "cross-origin request refused: origin not allowed"
    assert body["details"] == [
        {"path": "origin", "message": "'https://evil.example' is not an allowed origin"}
    ]
    assert "authorization" in body["hint"]


def test_openapi_and_docs_are_served_behind_the_root_path(edge: httpx.Client) -> None:
    spec = edge.get("/openapi.json")
    assert spec.status_code == 200
    assert "/flows/{flow_id}/drawio" in spec.json()["paths"]
    docs = edge.get("/docs")
    assert docs.status_code == 200
    assert "/functions/v1/openapi.json" in docs.text
