"""HTTP clients on the bench stack: PostgREST direct and through the gateway, as a user or as service_role."""

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

import httpx

from edge_api import tokens
from scripts.stack.config import StackConfig


@dataclass(frozen=True)
class Caller:
    """Who calls: the bearer token PostgREST turns into a role (and auth.uid())."""

    label: str
    token: str


def user(cfg: StackConfig, label: str, user_id: str) -> Caller:
    secret = cfg.jwt_secret.get_secret_value()
    return Caller(
        label, tokens.user_token(user_id, f"{label}@bench.flowatlas.test", secret, lifetime=6 * 3600)
    )


def service_role(cfg: StackConfig) -> Caller:
    return Caller("service_role", cfg.service_role_key)


def postgrest_url(cfg: StackConfig) -> str:
    return f"http://127.0.0.1:{cfg.postgrest_port}"


def gateway_url(cfg: StackConfig) -> str:
    return f"{cfg.api_url}/rest/v1"


def headers(cfg: StackConfig, caller: Caller, **extra: str) -> dict[str, str]:
    return {"apikey": cfg.anon_key, "Authorization": f"Bearer {caller.token}", **extra}


@contextmanager
def client(base_url: str) -> Iterator[httpx.Client]:
    """One keep-alive connection, as a browser tab holds."""
    with httpx.Client(base_url=base_url, timeout=300, limits=httpx.Limits(max_connections=1)) as c:
        yield c


def checked(response: httpx.Response) -> Any:
    if response.status_code >= 400:
        raise RuntimeError(
            f"{response.request.method} {response.request.url.path}: {response.status_code} "
            f"{response.text[:300]}"
        )
    return response.json() if response.content else None
