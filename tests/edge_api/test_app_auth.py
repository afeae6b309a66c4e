"""Only a valid user access token opens the edge API: 401 with a JSON message otherwise."""

import time

import httpx
import pytest

from edge_api import tokens
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


def test_cors_preflight_allows_the_frontend_origin(edge: httpx.Client, flow_url: str) -> None:
    response = edge.options(
        flow_url,
        headers={
            "Origin": "http://localhost:5173",
            "Access-Control-Request-Method": "GET",
            "Access-Control-Request-Headers": "authorization",
        },
    )
    assert response.status_code == 200
    assert response.headers["access-control-allow-origin"] == "http://localhost:5173"
    assert "authorization" in response.headers["access-control-allow-headers"].lower()


def test_cors_refuses_an_unknown_origin(edge: httpx.Client, flow_url: str) -> None:
    response = edge.options(
        flow_url, headers={"Origin": "https://evil.example", "Access-Control-Request-Method": "GET"}
    )
    assert "access-control-allow-origin" not in response.headers


def test_openapi_and_docs_are_served_behind_the_root_path(edge: httpx.Client) -> None:
    spec = edge.get("/openapi.json")
    assert spec.status_code == 200
    assert "/flows/{flow_id}/drawio" in spec.json()["paths"]
    docs = edge.get("/docs")
    assert docs.status_code == 200
    assert "/functions/v1/openapi.json" in docs.text
