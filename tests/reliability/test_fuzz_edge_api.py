"""Fuzzing the edge API (/functions/v1): schemathesis over its OpenAPI document.

Every operation as anon (the anon key as bearer, as supabase-js sends it before sign-in), as a member and as
an outsider, with random path ids and with the real ids of the member's project and of a secret project: no
5xx, no hang, and the secret marker never appears. Bounded like the PostgREST fuzzer
(tests/reliability/fuzzing.py).
"""

from collections.abc import Callable
from typing import Any

import httpx
import pytest
from hypothesis import strategies as st
from schemathesis import GenerationMode

from scripts.stack.config import StackConfig
from tests.conftest import User
from tests.http_api import Api
from tests.reliability.fuzzing import EXAMPLES, FuzzRun, fuzz
from tests.reliability.tenants import IDENTITIES, Tenants, fingerprint, leaks, make_tenants

ID_PARAMETERS = ("flow_id", "project_id")


@pytest.fixture(scope="module")
def tenants(api: Api, make_user: Callable[..., User]) -> Tenants:
    return make_tenants(api, make_user)


@pytest.fixture(scope="module")
def openapi(cfg: StackConfig) -> dict[str, Any]:
    response = httpx.get(f"{cfg.api_url}/functions/v1/openapi.json", timeout=30)
    if response.status_code == 404:
        pytest.fail("the edge API publishes no OpenAPI document at /functions/v1/openapi.json", pytrace=False)
    assert response.status_code == 200, response.text
    document: dict[str, Any] = response.json()
    return document


def pinned_ids(tenants: Tenants) -> Callable[[Any, GenerationMode], list[st.SearchStrategy[Any]]]:
    """Real ids in the path: the member's own project (documents to render) and the secret one (404s)."""

    def extra(operation: Any, mode: GenerationMode) -> list[st.SearchStrategy[Any]]:
        names = [parameter.name for parameter in operation.path_parameters]
        if mode is not GenerationMode.POSITIVE or len(names) != 1 or names[0] not in ID_PARAMETERS:
            return []
        if names[0] == "flow_id":
            values = [tenants.shared.flow_id, tenants.secret.flow_id]
        else:
            values = [tenants.shared.id, tenants.secret.id]
        return [operation.as_strategy(path_parameters={names[0]: value}) for value in values]

    return extra


@pytest.mark.timeout(120)
@pytest.mark.parametrize("identity", IDENTITIES)
def test_no_5xx_and_no_leak_on_any_edge_operation(
    identity: str, cfg: StackConfig, tenants: Tenants, openapi: dict[str, Any]
) -> None:
    before = fingerprint(cfg, tenants.secret.id)
    user = tenants.user(identity)
    headers = {"Authorization": f"Bearer {user.token if user is not None else cfg.anon_key}"}
    forbidden = tenants.forbidden_for(identity, with_ids=False)  # a 404 may name the id it was sent

    run = fuzz(
        openapi,
        FuzzRun(f"{cfg.api_url}/functions/v1", headers, forbidden),
        examples=EXAMPLES * 4,  # a handful of operations: cheap to fuzz harder
        extra=pinned_ids(tenants),
    )

    assert run.calls >= len(openapi["paths"])
    assert not run.failures, run.report(identity)
    if identity == "member":
        assert 200 in run.statuses, "the member never got a document: the pinned ids were not used"
    assert fingerprint(cfg, tenants.secret.id) == before


@pytest.mark.parametrize("identity", IDENTITIES)
@pytest.mark.parametrize(
    "path",
    [
        "flows/{flow}/drawio",
        "flows/{flow}/markdown",
        "flows/{flow}/mermaid",
        "projects/{project}/export",
        "projects/{project}/markdown",
    ],
)
def test_documents_of_another_project_are_not_found(
    identity: str, path: str, api: Api, cfg: StackConfig, tenants: Tenants
) -> None:
    user = tenants.user(identity)
    url = path.format(flow=tenants.secret.flow_id, project=tenants.secret.id)
    answer = api.edge(user, url, token=None if user else cfg.anon_key)
    assert answer.status == (404 if user else 401), answer.text
    assert isinstance(answer.body, dict) and answer.body.get("message"), answer.text
    assert not leaks(answer.text, tenants.forbidden_for(identity, with_ids=False))
    owner_view = api.edge(tenants.secret_owner, url)
    assert owner_view.status == 200 and tenants.secret_marker in owner_view.text  # the control
