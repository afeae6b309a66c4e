"""Shared fixtures: the running local stack (started by `make test`) and clients on it."""

import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import psycopg
import pytest

from edge_api import tokens
from scripts.admin.users import SIGN_UP
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


def sign_up(conn: psycopg.Connection[Any], user_id: str, email: str, name: str) -> None:
    """Write the user as Supabase Auth does (password "password", the cheapest bcrypt cost)."""
    conn.execute(SIGN_UP, {"id": user_id, "email": email, "password": "password", "name": name, "cost": 4})


@dataclass(frozen=True)
class User:
    id: str
    email: str
    token: str
    client: Client


def client_as(cfg: StackConfig, user_id: str, email: str) -> tuple[str, Client]:
    """A supabase-py client carrying a user's access token, as after sign-in."""
    client = create_client(cfg.api_url, cfg.anon_key)
    token = tokens.user_token(user_id, email, cfg.jwt_secret.get_secret_value())
    client.postgrest.auth(token)
    return token, client


@pytest.fixture(scope="session")
def make_user(cfg: StackConfig) -> Callable[..., User]:
    """Sign up a fresh user the way Supabase Auth writes auth.users; returns a client signed in as them."""

    def make(global_role: str = "analyst", name: str = "Test user") -> User:
        user_id = str(uuid.uuid4())
        email = f"{name.lower().replace(' ', '.')}.{user_id[:8]}@tests.flowatlas.test"
        with psycopg.connect(cfg.db_url(), autocommit=True) as conn:
            sign_up(conn, user_id, email, name)
            if global_role != "analyst":
                conn.execute("update public.profiles set role = %s where id = %s", [global_role, user_id])
        token, client = client_as(cfg, user_id, email)
        return User(user_id, email, token, client)

    return make
