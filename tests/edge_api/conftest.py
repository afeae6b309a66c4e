"""Fixtures of the renderer and document tests (no stack needed) and of the edge API tests (stack needed)."""

import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import httpx
import pytest

from edge_api.documents import ProjectDocument
from scripts.stack.config import StackConfig
from tests.conftest import User
from tests.edge_api.builders import fixture_document
from tests.projects import fixture_copy, flows_of, import_project


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden", action="store_true", default=False, help="rewrite tests/edge_api/golden files"
    )


@pytest.fixture(scope="session")
def update_golden(request: pytest.FixtureRequest) -> bool:
    option = bool(request.config.getoption("--update-golden", default=False))
    return option or os.environ.get("UPDATE_GOLDEN") == "1"


@pytest.fixture(scope="session")
def document() -> ProjectDocument:
    return fixture_document()


# Fixtures of the edge API tests (tests/edge_api/test_app_*.py): they need the running stack.


@dataclass(frozen=True)
class OwnedProject:
    owner: User
    project_id: str
    flows: list[dict[str, Any]]


@pytest.fixture(scope="session")
def edge(cfg: StackConfig) -> Iterator[httpx.Client]:
    """The edge API through the gateway, as the frontend reaches it."""
    with httpx.Client(base_url=f"{cfg.api_url}/functions/v1", timeout=30) as client:
        yield client


@pytest.fixture(scope="session")
def owned(make_user: Callable[..., User]) -> OwnedProject:
    owner = make_user(name="Edge owner")
    project_id = import_project(owner, fixture_copy("Edge API project"))
    return OwnedProject(owner, project_id, flows_of(owner, project_id))
