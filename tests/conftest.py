"""Shared fixtures: the running local stack (started by `make test`) and clients on it."""

import pytest

from edge_api import tokens
from scripts.stack import stack
from scripts.stack.config import StackConfig
from scripts.stack.errors import StackError
from supabase import Client, create_client


@pytest.fixture(scope="session")
def cfg() -> StackConfig:
    config = StackConfig()
    try:
        stack.require_running(config)
    except StackError as exc:
        pytest.fail(f"{exc} (make test starts it)", pytrace=False)
    return config


@pytest.fixture(scope="session")
def anon(cfg: StackConfig) -> Client:
    return create_client(cfg.api_url, cfg.anon_key)


@pytest.fixture(scope="session")
def secret(cfg: StackConfig) -> str:
    return cfg.jwt_secret.get_secret_value()


def client_as(cfg: StackConfig, user_id: str, email: str) -> Client:
    """A supabase-py client carrying a user's access token, as after sign-in."""
    client = create_client(cfg.api_url, cfg.anon_key)
    token = tokens.user_token(user_id, email, cfg.jwt_secret.get_secret_value())
    client.postgrest.auth(token)
    return client
