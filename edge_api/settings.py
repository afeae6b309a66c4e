"""Settings of the Python layer, read once from the environment (or a `.env` file).

The same names as Supabase's own tooling, so `flowatlas stack env` output, a CI secret store or a
real Supabase project's values can be dropped in unchanged.
"""

from functools import lru_cache
from typing import Annotated

from pydantic import Field, SecretStr, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

# The documented demo secret of every local Supabase stack: public, never used on a real project.
LOCAL_JWT_SECRET = "super-secret-jwt-token-with-at-least-32-characters-long"


class Settings(BaseSettings):
    """Where the API is and which keys open it."""

    model_config = SettingsConfigDict(env_file=".env", extra="ignore")

    supabase_url: str = Field(
        "http://127.0.0.1:54321", description="Gateway URL (…/rest/v1, …/functions/v1)."
    )
    supabase_anon_key: SecretStr | None = Field(None, description="Public anon key.")
    supabase_service_role_key: SecretStr | None = Field(None, description="Service key: admin tasks only.")
    supabase_jwt_secret: SecretStr = Field(SecretStr(LOCAL_JWT_SECRET), description="HS256 signing secret.")
    supabase_jwks_url: str | None = Field(
        None,
        description="Where the project's public signing keys are, for asymmetric (RS256/ES256) access tokens "
        "(default: <SUPABASE_URL>/auth/v1/.well-known/jwks.json).",
    )
    database_url: str = Field(
        "postgresql://postgres:postgres@127.0.0.1:54322/postgres",
        description="Direct Postgres URL (bulk work).",
    )

    @property
    def jwks_url(self) -> str:
        return self.supabase_jwks_url or f"{self.supabase_url.rstrip('/')}/auth/v1/.well-known/jwks.json"

    edge_cors_origins: Annotated[list[str], NoDecode] = Field(
        ["*"],
        description="Origins whose pages may call the edge API (CORS): * for any (the default; calls carry a "
        "bearer token, never a cookie), or a comma-separated list such as https://app.example.com.",
    )

    @field_validator("edge_cors_origins", mode="before")
    @classmethod
    def _split_origins(cls, value: object) -> object:
        if isinstance(value, str):
            return [origin.strip().rstrip("/") for origin in value.split(",") if origin.strip()]
        return value

    @property
    def rest_url(self) -> str:
        """PostgREST behind the gateway, as supabase-js reaches it."""
        return f"{self.supabase_url.rstrip('/')}/rest/v1"


@lru_cache
def get_settings() -> Settings:
    return Settings()
