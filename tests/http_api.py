"""The HTTP API as the suites call it: PostgREST and the edge API through the gateway, as a user or anon."""

import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import httpx

from tests.conftest import User


@dataclass(frozen=True)
class Answer:
    status: int
    body: Any
    text: str


def _answer(response: httpx.Response) -> Answer:
    try:
        body = response.json() if response.content else None
    except (ValueError, RecursionError):  # not JSON, or nested deeper than Python's parser goes
        body = None
    return Answer(response.status_code, body, response.text)


class Api:
    """Calls through the gateway with the anon key and, when given, the user's access token."""

    def __init__(self, api_url: str, anon_key: str, timeout: float = 30.0) -> None:
        self.api_url = api_url
        self.anon_key = anon_key
        self.http = httpx.Client(base_url=api_url, timeout=timeout)

    def headers(self, user: User | None = None, token: str | None = None) -> dict[str, str]:
        headers = {"apikey": self.anon_key, "Prefer": "return=representation"}
        bearer = token if token is not None else (user.token if user is not None else None)
        if bearer is not None:
            headers["Authorization"] = f"Bearer {bearer}"
        return headers

    def rest(
        self,
        user: User | None,
        path: str,
        body: Any = None,
        method: str | None = None,
        *,
        token: str | None = None,
        headers: dict[str, str] | None = None,
        content: str | bytes | None = None,
    ) -> Answer:
        """`/rest/v1/<path>`: POST for rpc and for a body, GET otherwise (unless `method` says)."""
        verb = method or (
            "POST" if body is not None or content is not None or path.startswith("rpc/") else "GET"
        )
        all_headers = {**self.headers(user, token), **(headers or {})}
        if content is not None:
            all_headers.setdefault("Content-Type", "application/json")
            response = self.http.request(verb, f"/rest/v1/{path}", content=content, headers=all_headers)
        else:
            response = self.http.request(verb, f"/rest/v1/{path}", json=body, headers=all_headers)
        return _answer(response)

    def edge(
        self,
        user: User | None,
        path: str,
        *,
        method: str = "GET",
        token: str | None = None,
        content: str | bytes | None = None,
        headers: dict[str, str] | None = None,
    ) -> Answer:
        """`/functions/v1/<path>` with the user's token (the edge API wants no apikey)."""
        all_headers = dict(headers or {})
        bearer = token if token is not None else (user.token if user is not None else None)
        if bearer is not None:
            all_headers["Authorization"] = f"Bearer {bearer}"
        if content is not None:
            all_headers.setdefault("Content-Type", "application/json")
        response = self.http.request(method, f"/functions/v1/{path}", content=content, headers=all_headers)
        return _answer(response)

    def close(self) -> None:
        self.http.close()


def created(answer: Answer) -> dict[str, Any]:
    """The one row a `Prefer: return=representation` insert returned; fails with the error otherwise."""
    assert answer.status == 201, f"insert failed: {answer.status} {answer.text[:500]}"
    row: dict[str, Any] = answer.body[0]
    return row


@dataclass(frozen=True)
class SeededProject:
    id: str
    flow_id: str
    domain_id: str
    service_id: str
    actor_id: str


def seed_project(api: Api, owner: User, label: str, steps: int = 3) -> SeededProject:
    """A private project owned by `owner` whose every text field carries `label`: registries and one flow."""
    project = created(
        api.rest(
            owner,
            "projects",
            {
                "name": f"{label} project",
                "description": f"{label} description",
                "custom_fields": {"note": label},
            },
        )
    )["id"]
    domain = created(
        api.rest(owner, "service_domains", {"project_id": project, "key": "sales", "name": f"{label} domain"})
    )["id"]
    service = created(
        api.rest(
            owner,
            "services",
            {"project_id": project, "domain_id": domain, "key": "orders", "name": f"{label} service"},
        )
    )["id"]
    actor = created(
        api.rest(
            owner,
            "actors",
            {"project_id": project, "key": "customer", "name": f"{label} actor", "kind": "person"},
        )
    )["id"]
    created(
        api.rest(owner, "integration_types", {"project_id": project, "key": "rest", "name": f"{label} REST"})
    )
    flow = created(
        api.rest(
            owner,
            "flows",
            {
                "project_id": project,
                "name": f"{label} flow",
                "description": f"{label} flow description",
                "service_id": service,
                "actor_ids": [actor],
                "tags": ["seeded"],
                "steps": [
                    {"id": f"s{n}", "name": f"{label} step {n}", "actor": "customer"} for n in range(steps)
                ],
                "business_rules": [{"id": "r1", "description": f"{label} rule"}],
                "error_scenarios": [{"id": "e1", "condition": f"{label} fails", "handling": "retry"}],
                "notes": f"{label} notes",
            },
        )
    )["id"]
    return SeededProject(str(project), str(flow), str(domain), str(service), str(actor))


def marker(prefix: str) -> str:
    """A string no generator will produce by chance."""
    return f"{prefix}{uuid.uuid4().hex}"


def join_project(
    rest: Callable[..., Answer], owner: User, member: User, project_id: str, role: str = "viewer"
) -> dict[str, Any]:
    """Make `member` a member of the project the one way the API allows: the owner invites their e-mail
    (rpc add_member), then they accept (rpc accept_invitation). `rest` is `Api.rest` (the `call` fixture).
    Returns the membership."""
    invited = rest(owner, "rpc/add_member", {"project_id": project_id, "email": member.email, "role": role})
    assert invited.status == 200, f"invitation failed: {invited.status} {invited.text[:300]}"
    accepted = rest(member, "rpc/accept_invitation", {"invitation_id": invited.body["id"]})
    assert accepted.status == 200, f"accepting failed: {accepted.status} {accepted.text[:300]}"
    membership: dict[str, Any] = accepted.body
    return membership
