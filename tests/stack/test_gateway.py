"""The gateway routes like Supabase's: /rest/v1 to PostgREST behind an API key, /functions/v1 to the edge."""

import re
import socket
import time
from collections.abc import Callable
from urllib.parse import urlsplit

import httpx
import pytest
from supabase_auth.errors import AuthApiError

from edge_api import tokens
from scripts.stack.config import StackConfig
from supabase import create_client
from tests.conftest import User


@pytest.fixture(scope="module")
def http(cfg: StackConfig) -> httpx.Client:
    return httpx.Client(base_url=cfg.api_url, timeout=10)


def test_rest_root_returns_the_openapi_document(http: httpx.Client, cfg: StackConfig) -> None:
    response = http.get("/rest/v1/", headers={"apikey": cfg.anon_key})
    assert response.status_code == 200
    document = response.json()
    assert document["swagger"] == "2.0"
    assert "paths" in document


def test_request_without_api_key_is_refused(http: httpx.Client) -> None:
    response = http.get("/rest/v1/")
    assert response.status_code == 401
    assert "No API key" in response.json()["message"]


def test_unknown_api_key_is_refused(http: httpx.Client, cfg: StackConfig) -> None:
    forged_key = tokens.api_key("anon", "not-the-project-secret-but-long-enough-for-hs256")
    response = http.get("/rest/v1/", headers={"apikey": forged_key})
    assert response.status_code == 401
    assert "Invalid API key" in response.json()["message"]


def test_auth_answers_in_its_own_error_shape_that_it_does_not_run_here(cfg: StackConfig) -> None:
    """supabase-py (like supabase-js) turns the 422 into an AuthApiError whose message says what to do."""
    client = create_client(cfg.api_url, cfg.anon_key)
    with pytest.raises(AuthApiError) as refused:
        client.auth.sign_up({"email": "new@tests.flowatlas.test", "password": "long-enough-password"})
    assert refused.value.status == 422
    assert refused.value.code == "auth_not_running"
    assert "flowatlas users token EMAIL" in refused.value.message
    with pytest.raises(AuthApiError, match="flowatlas users token"):
        client.auth.sign_in_with_password({"email": "owner@demo.flowatlas.test", "password": "password"})


def test_auth_needs_an_api_key_except_on_links_from_e_mails(http: httpx.Client) -> None:
    assert http.post("/auth/v1/token?grant_type=password").status_code == 401
    assert http.post("/auth/v1/token?grant_type=password").json()["message"] == "No API key found in request"
    assert http.get("/auth/v1/verify?token=x&type=signup").status_code == 422


def test_auth_preflight_from_any_origin(http: httpx.Client) -> None:
    response = http.options(
        "/auth/v1/token",
        headers={
            "Origin": "http://127.0.0.1:40123",
            "Access-Control-Request-Method": "POST",
            "Access-Control-Request-Headers": "apikey,authorization,content-type,x-client-info",
        },
    )
    assert response.status_code == 204
    assert response.headers["access-control-allow-origin"] == "*"
    assert "x-supabase-api-version" in response.headers["access-control-allow-headers"]


def test_forged_user_token_gets_401(http: httpx.Client, cfg: StackConfig) -> None:
    forged = tokens.user_token(
        "6f1c1c5e-58c4-4a4e-9d2b-7a0e2f0c9a11", "x@example.test", "a-different-secret-of-at-least-32-chars!"
    )
    response = http.get("/rest/v1/", headers={"apikey": cfg.anon_key, "Authorization": f"Bearer {forged}"})
    assert response.status_code == 401
    assert response.json()["code"] == "PGRST301"


def test_expired_user_token_gets_401(http: httpx.Client, cfg: StackConfig, secret: str) -> None:
    expired = tokens.sign(
        {
            "sub": "6f1c1c5e-58c4-4a4e-9d2b-7a0e2f0c9a11",
            "role": "authenticated",
            "exp": int(time.time()) - 60,
        },
        secret,
    )
    response = http.get("/rest/v1/", headers={"apikey": cfg.anon_key, "Authorization": f"Bearer {expired}"})
    assert response.status_code == 401
    assert "expired" in response.json()["message"].lower()


def test_functions_route_reaches_the_edge_api(http: httpx.Client) -> None:
    response = http.get("/functions/v1/health")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


def test_unknown_route_is_a_clear_404(http: httpx.Client) -> None:
    response = http.get("/nowhere")
    assert response.status_code == 404
    assert "/rest/v1/" in response.json()["message"]


def test_a_post_after_a_head_on_one_connection_is_never_a_502(
    http: httpx.Client, cfg: StackConfig, make_user: Callable[..., User]
) -> None:
    # PostgREST's server closes the connection after a HEAD without saying so; a gateway that pooled upstream
    # connections sent the next POST into the dead socket and answered 502 (about 1 in 10 here).
    user = make_user(name="Head then post")
    headers = {"apikey": cfg.anon_key, "Authorization": f"Bearer {user.token}"}
    codes = []
    for _ in range(40):
        http.head("/rest/v1/projects?select=id&limit=1", headers=headers)
        codes.append(http.post("/rest/v1/rpc/me", json={}, headers=headers).status_code)
    assert set(codes) == {200}


def test_a_post_pipelined_right_behind_a_head_is_never_a_502(
    cfg: StackConfig, make_user: Callable[..., User]
) -> None:
    # The POST reaches nginx in the same packet as the HEAD, so it goes upstream as soon as the HEAD is
    # answered: a gateway that pooled the HEAD's (dead) connection sent it there every time.
    user = make_user(name="Pipelined head then post")
    address = urlsplit(cfg.api_url)
    common = f"Host: {address.netloc}\r\napikey: {cfg.anon_key}\r\nAuthorization: Bearer {user.token}\r\n"
    requests = (
        f"HEAD /rest/v1/projects?select=id&limit=1 HTTP/1.1\r\n{common}\r\n"
        f"POST /rest/v1/rpc/me HTTP/1.1\r\n{common}Content-Type: application/json\r\nContent-Length: 2\r\n"
        "Connection: close\r\n\r\n{}"
    )
    statuses = []
    for _ in range(10):
        with socket.create_connection((address.hostname, address.port), timeout=10) as sock:
            sock.sendall(requests.encode())
            answer = b""
            while chunk := sock.recv(65536):
                answer += chunk
        statuses.append(re.findall(r"^HTTP/1\.1 (\d{3})", answer.decode(errors="replace"), re.MULTILINE))
    assert statuses == [["200", "200"]] * 10


def test_the_audit_log_records_the_client_address_set_by_the_gateway(
    http: httpx.Client, cfg: StackConfig, make_user: Callable[..., User]
) -> None:
    # The gateway replaces X-Forwarded-For with the peer's address, so a client cannot choose what the audit
    # log records as its address.
    user = make_user(name="Audited caller")
    headers = {
        "apikey": cfg.anon_key,
        "Authorization": f"Bearer {user.token}",
        "X-Forwarded-For": "203.0.113.9",
        "User-Agent": "flowatlas-gateway-test/1.0",
        "Prefer": "return=representation",
    }
    created = http.post("/rest/v1/projects", json={"name": "Audited through the gateway"}, headers=headers)
    assert created.status_code == 201, created.text
    project_id = created.json()[0]["id"]
    entries = http.get(
        f"/rest/v1/audit_log?project_id=eq.{project_id}&action=eq.insert&entity_type=eq.projects"
        "&select=ip_address,user_agent",
        headers=headers,
    )
    assert entries.json() == [{"ip_address": "127.0.0.1", "user_agent": "flowatlas-gateway-test/1.0"}]
