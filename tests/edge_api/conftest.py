"""Fixtures of the renderer and document tests. None of them needs the running stack."""

import os

import pytest

from edge_api.documents import ProjectDocument
from tests.edge_api.builders import fixture_document


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
