"""Which Supabase project the admin commands work on, and how they reach it.

Settings come from flags, then the environment (SUPABASE_URL, SUPABASE_ANON_KEY, SUPABASE_SERVICE_ROLE_KEY,
SUPABASE_JWT_SECRET, DATABASE_URL — edge_api.settings), then the local stack's own values.
"""

import asyncio
from collections.abc import Callable, Coroutine
from dataclasses import dataclass
from typing import Any, TypeVar
from urllib.parse import urlparse

import httpx
import psycopg
from pydantic import SecretStr

from edge_api.postgrest import PostgrestError, UserApi
from edge_api.settings import Settings
from scripts.admin import sign_in
from scripts.errors import CliError
from scripts.stack import database
from scripts.stack.config import StackConfig

T = TypeVar("T")
LOCAL_HOSTS = {"127.0.0.1", "localhost", "::1", "0.0.0.0"}


@dataclass(frozen=True)
class Target:
    api_url: str
    anon_key: str
    service_key: str | None
    jwt_secret: str
    db_url: str

    @classmethod
    def of_stack(cls, stack: StackConfig) -> "Target":
        """The local stack itself, whatever the environment says."""
        secret = stack.jwt_secret.get_secret_value()
        return cls(stack.api_url, stack.anon_key, stack.service_role_key, secret, stack.db_url())

    @property
    def is_local(self) -> bool:
        return (urlparse(self.api_url).hostname or "") in LOCAL_HOSTS

    @property
    def rest_url(self) -> str:
        return f"{self.api_url.rstrip('/')}/rest/v1"

    def connect(self) -> database.Connection:
        """A direct connection as the database owner (bulk work: purge, audit, backup)."""
        return database.connect(self.db_url)

    def require_service_key(self) -> str:
        if not self.service_key:
            raise CliError("no service key", "set SUPABASE_SERVICE_ROLE_KEY (flowatlas stack env prints it)")
        return self.service_key

    def user_token(self, email: str) -> str:
        """An access token for the user with this e-mail, minted with the project's JWT secret."""
        return sign_in.minted_session(self, email, password=None).access_token

    def api(self, http: httpx.AsyncClient, as_email: str | None) -> UserApi:
        """PostgREST as a user (`--as EMAIL`), or with the service key when no user is given."""
        if as_email:
            return UserApi(http, self.rest_url, self.anon_key, self.user_token(as_email))
        key = self.require_service_key()
        return UserApi(http, self.rest_url, key, key)


def resolve(
    api_url: str | None = None, db_url: str | None = None, settings: Settings | None = None
) -> Target:
    settings = settings or Settings()
    stack = StackConfig()
    given = settings.model_fields_set  # set by the environment (or .env); the rest comes from the local stack

    def chosen(name: str, local_value: str) -> str:
        value = getattr(settings, name)
        if name not in given:
            return local_value
        return value.get_secret_value() if isinstance(value, SecretStr) else str(value)

    url = (api_url or chosen("supabase_url", stack.api_url)).rstrip("/")
    local = (urlparse(url).hostname or "") in LOCAL_HOSTS
    anon = settings.supabase_anon_key.get_secret_value() if settings.supabase_anon_key else None
    service = (
        settings.supabase_service_role_key.get_secret_value() if settings.supabase_service_role_key else None
    )
    if local:
        anon = anon or stack.anon_key
        service = service or stack.service_role_key
    if not anon:
        raise CliError("no anon key for " + url, "set SUPABASE_ANON_KEY")
    return Target(
        url,
        anon,
        service,
        chosen("supabase_jwt_secret", stack.jwt_secret.get_secret_value()),
        db_url or chosen("database_url", stack.db_url()),
    )


def run_api(target: Target, as_email: str | None, work: Callable[[UserApi], Coroutine[Any, Any, T]]) -> T:
    """Run `work` against PostgREST as the user (or service key); API errors become one-line CliErrors."""

    async def main() -> T:
        async with httpx.AsyncClient(timeout=httpx.Timeout(120.0, connect=5.0)) as http:
            return await work(target.api(http, as_email))

    try:
        return asyncio.run(main())
    except PostgrestError as exc:
        fix = exc.hint or ("is the stack up? flowatlas stack status" if exc.status == 0 else "")
        raise CliError(exc.message, fix, detail=_detail_lines(exc.detail_json())) from exc


def _detail_lines(detail: Any) -> str:
    """Field errors ([{path, message}], the database's contract) one per line; anything else as it came."""
    if isinstance(detail, list) and all(isinstance(e, dict) and "path" in e for e in detail):
        return "\n".join(f"  {e['path']}: {e.get('message', '')}" for e in detail[:20])
    return str(detail) if detail else ""


def db_error(exc: psycopg.Error) -> CliError:
    diag = exc.diag
    return CliError(
        (diag.message_primary or str(exc)).strip(), diag.message_hint or "", detail=diag.message_detail or ""
    )
