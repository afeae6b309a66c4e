"""Fuzzing the data API: schemathesis over PostgREST's own OpenAPI document, every table and rpc.

As anon, as a member of a project and as an outsider: no 5xx, no hang, and no response ever contains the
secret project's marker or ids. Afterwards the secret project is exactly what it was. Bounded and
reproducible: see tests/reliability/fuzzing.py for the knobs.
"""

from collections.abc import Callable
from typing import Any

import httpx
import pytest

from scripts.stack.config import StackConfig
from tests.conftest import User
from tests.http_api import Api
from tests.reliability.fuzzing import FuzzRun, fuzz
from tests.reliability.tenants import IDENTITIES, Tenants, fingerprint, leaks, make_tenants


@pytest.fixture(scope="module")
def tenants(api: Api, make_user: Callable[..., User]) -> Tenants:
    return make_tenants(api, make_user)


@pytest.fixture(scope="module")
def openapi(cfg: StackConfig, tenants: Tenants) -> dict[str, Any]:
    """PostgREST's Swagger 2.0 document as a signed-in user sees it (openapi-mode follow-privileges)."""
    response = httpx.get(
        f"{cfg.api_url}/rest/v1/",
        headers={"apikey": cfg.anon_key, "Authorization": f"Bearer {tenants.member.token}"},
        timeout=30,
    )
    assert response.status_code == 200, response.text
    document: dict[str, Any] = response.json()
    return document


@pytest.mark.timeout(150)
@pytest.mark.parametrize("identity", IDENTITIES)
def test_no_5xx_and_no_leak_on_any_table_or_rpc(
    identity: str, cfg: StackConfig, tenants: Tenants, openapi: dict[str, Any]
) -> None:
    before = fingerprint(cfg, tenants.secret.id)
    user = tenants.user(identity)
    headers = {"apikey": cfg.anon_key}
    if user is not None:
        headers["Authorization"] = f"Bearer {user.token}"

    run = fuzz(openapi, FuzzRun(f"{cfg.api_url}/rest/v1", headers, tenants.forbidden_for(identity)))

    paths = openapi["paths"]
    assert any(path.startswith("/rpc/") for path in paths) and "/flows" in paths, "OpenAPI lists no API"
    assert run.calls >= len(paths), f"only {run.calls} calls for {len(paths)} paths"
    assert not run.failures, run.report(identity)
    assert fingerprint(cfg, tenants.secret.id) == before, f"fuzzing as {identity} changed the secret project"


# Targeted probes: what a fuzzer cannot guess, the real ids of someone else's project.


def _table_probes(tenants: Tenants) -> list[tuple[str, str, Any]]:
    secret = tenants.secret
    return [
        ("GET", f"projects?id=eq.{secret.id}", None),
        (
            "GET",
            "projects?select=*,flows(*),project_members(*),service_domains(*,services(*)),actors(*)",
            None,
        ),
        ("GET", f"flows?id=eq.{secret.flow_id}", None),
        ("GET", f"flows?project_id=eq.{secret.id}&select=*,services(*),service_domains(*)", None),
        ("GET", f"service_domains?project_id=eq.{secret.id}", None),
        ("GET", f"services?id=eq.{secret.service_id}", None),
        ("GET", f"actors?id=eq.{secret.actor_id}", None),
        ("GET", f"integration_types?project_id=eq.{secret.id}", None),
        ("GET", f"project_members?project_id=eq.{secret.id}&select=*,profiles(*)", None),
        ("GET", f"project_invitations?project_id=eq.{secret.id}", None),
        ("GET", f"project_ownership_offers?project_id=eq.{secret.id}", None),
        ("GET", f"flow_revisions?flow_id=eq.{secret.flow_id}", None),
        ("GET", f"audit_log?project_id=eq.{secret.id}", None),
        ("GET", f"profiles?id=eq.{tenants.secret_owner.id}", None),
        ("GET", f"flows?name=ilike.*{tenants.secret_marker[:20]}*", None),
        ("PATCH", f"flows?id=eq.{secret.flow_id}", {"name": "taken over", "revision": 1}),
        ("PATCH", f"projects?id=eq.{secret.id}", {"name": "taken over", "is_public": True}),
        ("DELETE", f"flows?id=eq.{secret.flow_id}", None),
        ("DELETE", f"projects?id=eq.{secret.id}", None),
        ("DELETE", f"project_members?project_id=eq.{secret.id}", None),
        ("DELETE", f"project_invitations?project_id=eq.{secret.id}", None),
        ("DELETE", f"project_ownership_offers?project_id=eq.{secret.id}", None),
        ("POST", "flows", {"project_id": secret.id, "name": "planted"}),
        ("POST", "project_members", {"project_id": secret.id, "user_id": "{self}", "role": "owner"}),
        ("POST", "project_invitations", {"project_id": secret.id, "email": "{email}", "role": "owner"}),
        (
            "POST",
            "project_ownership_offers",
            {"project_id": secret.id, "offered_to": "{self}", "offered_by": "{self}"},
        ),
        ("POST", "actors", {"project_id": secret.id, "key": "planted", "name": "planted"}),
    ]


def _rpc_probes(tenants: Tenants) -> list[tuple[str, dict[str, Any]]]:
    project, flow = tenants.secret.id, tenants.secret.flow_id
    return [
        ("export_project", {"project_id": project}),
        ("project_analytics", {"project_id": project}),
        ("duplicate_project", {"project_id": project}),
        ("restore_project", {"project_id": project}),
        ("add_member", {"project_id": project, "email": "{email}", "role": "owner"}),
        ("transfer_ownership", {"project_id": project, "new_owner_id": "{self}"}),
        ("accept_ownership", {"project_id": project}),
        ("duplicate_flow", {"flow_id": flow}),
        ("restore_flow", {"flow_id": flow}),
        ("submit_for_review", {"flow_id": flow}),
        ("approve_flow", {"flow_id": flow}),
        ("reject_flow", {"flow_id": flow, "comment": "no"}),
        ("restore_flow_revision", {"flow_id": flow, "revision": 1}),
        ("search", {"query": tenants.secret_marker}),
        ("search", {"query": "flow", "in_project": project}),
        ("me", {}),
    ]


def _fill(value: Any, user: User | None) -> Any:
    if isinstance(value, dict):
        return {key: _fill(item, user) for key, item in value.items()}
    if value == "{self}":
        return user.id if user else "00000000-0000-4000-8000-000000000000"
    if value == "{email}":
        return user.email if user else "nobody@tests.flowatlas.test"
    return value


@pytest.mark.timeout(60)
@pytest.mark.parametrize("identity", IDENTITIES)
def test_the_real_ids_of_another_project_reveal_and_change_nothing(
    identity: str, api: Api, cfg: StackConfig, tenants: Tenants
) -> None:
    user = tenants.user(identity)
    forbidden = tenants.forbidden_for(identity, with_ids=False)  # errors may repeat the ids we send
    before = fingerprint(cfg, tenants.secret.id)
    problems: list[str] = []
    # The control: the owner does see the marker where the probes look for it.
    assert (
        tenants.secret_marker in api.rest(tenants.secret_owner, f"flows?id=eq.{tenants.secret.flow_id}").text
    )

    for method, path, body in _table_probes(tenants):
        answer = api.rest(user, path, _fill(body, user), method)
        if answer.status >= 500 or leaks(answer.text, forbidden):
            problems.append(f"{method} {path}: {answer.status} {answer.text[:200]}")
        elif method == "POST" and answer.status < 400:
            problems.append(f"{method} {path}: wrote into the secret project ({answer.status})")
    for function, arguments in _rpc_probes(tenants):
        answer = api.rest(user, f"rpc/{function}", _fill(arguments, user))
        if answer.status >= 500 or leaks(answer.text, forbidden):
            problems.append(f"rpc/{function}: {answer.status} {answer.text[:200]}")
        elif function not in ("search", "me") and answer.status < 400:
            problems.append(f"rpc/{function}: succeeded on the secret project ({answer.status})")

    assert not problems, f"as {identity}:\n" + "\n".join(problems)
    assert fingerprint(cfg, tenants.secret.id) == before
