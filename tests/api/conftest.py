"""HTTP helpers for the API suites: call PostgREST through the gateway as a user, see status and body."""

from collections.abc import Callable

import pytest

from scripts.stack.config import StackConfig
from tests.conftest import User
from tests.http_api import Answer, Api

Call = Callable[..., Answer]
MakeUser = Callable[..., User]
ProjectOf = Callable[[User, str], str]


@pytest.fixture(scope="session")
def call(cfg: StackConfig) -> Call:
    """call(user_or_None, "rpc/search", {...}) -> Answer; POST for rpc and bodies, GET otherwise."""
    return Api(cfg.api_url, cfg.anon_key).rest


@pytest.fixture
def project_of(call: Callable[..., Answer]) -> Callable[[User, str], str]:
    """A new project owned by `user`, with one domain, service, actor and a flow; returns its id."""

    def make(user: User, name: str) -> str:
        project = call(user, "projects", {"name": name}).body[0]["id"]
        domain = call(user, "service_domains", {"project_id": project, "key": "sales", "name": "Sales"}).body[
            0
        ]
        call(
            user,
            "services",
            {"project_id": project, "domain_id": domain["id"], "key": "orders", "name": "Orders"},
        )
        call(user, "actors", {"project_id": project, "key": "customer", "name": "Customer", "kind": "person"})
        created = call(
            user,
            "flows",
            {
                "project_id": project,
                "name": f"{name} checkout",
                "steps": [{"id": "s1", "name": "Customer pays the invoice", "actor": "customer"}],
            },
        )
        assert created.status == 201, created.body
        return str(project)

    return make
