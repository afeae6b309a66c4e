"""Fixtures of the reliability suites: the gateway as an HTTP client, and users signed up for each test."""

from collections.abc import Callable, Iterator

import pytest

from scripts.stack.config import StackConfig
from tests.conftest import User
from tests.http_api import Api

MakeUser = Callable[..., User]


@pytest.fixture(scope="session")
def api(cfg: StackConfig) -> Iterator[Api]:
    client = Api(cfg.api_url, cfg.anon_key)
    yield client
    client.close()
