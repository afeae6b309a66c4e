"""The edge API at startup: its container refuses to start half-configured against a hosted project, and what
it has loaded is kept out of the cyclic garbage collector."""

import gc

import pytest
from fastapi.testclient import TestClient
from pydantic import SecretStr

from edge_api.app import create_app
from edge_api.settings import LOCAL_JWT_SECRET, Settings
from edge_api.startup_checks import refuse_unsafe

HOSTED = "https://abcdefghijklmnopqrst.supabase.co"


def _settings(
    url: str, secret: str = "a-real-project-secret-of-sufficient-length", anon: str | None = "k"
) -> Settings:
    return Settings(
        supabase_url=url,
        supabase_jwt_secret=SecretStr(secret),
        supabase_anon_key=SecretStr(anon) if anon else None,
    )


def test_a_hosted_project_with_the_demo_secret_is_refused() -> None:
    with pytest.raises(SystemExit, match="SUPABASE_JWT_SECRET"):
        refuse_unsafe(_settings(HOSTED, LOCAL_JWT_SECRET))


def test_a_missing_anon_key_is_refused() -> None:
    with pytest.raises(SystemExit, match="SUPABASE_ANON_KEY"):
        refuse_unsafe(_settings(HOSTED, anon=None))


def test_the_local_stack_and_a_configured_project_start() -> None:
    refuse_unsafe(_settings("http://127.0.0.1:54321", LOCAL_JWT_SECRET))
    refuse_unsafe(_settings(HOSTED))


def test_startup_keeps_what_is_loaded_out_of_the_cyclic_collector() -> None:
    # Each full collection walked FastAPI's and pydantic's 60,000 objects (60 ms), one BPMN render in 17.
    gc.unfreeze()
    try:
        with TestClient(create_app(_settings("http://127.0.0.1:54321", LOCAL_JWT_SECRET))):
            assert gc.get_freeze_count() > 10_000
    finally:
        gc.unfreeze()
