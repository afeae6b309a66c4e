"""Supabase-shaped JWTs: the API keys and user access tokens, signed with the project's HS256 secret.

Supabase Auth cannot run here, so the local stack mints what it would issue. The claim shapes follow
Supabase's: API keys carry only `iss`, `role`, `iat`, `exp`; user tokens add `sub`, `aud`, `email`
and the metadata objects that Auth copies from `auth.users`.
"""

import time
import uuid
from typing import Any

import jwt

ALGORITHM = "HS256"
TEN_YEARS = 10 * 365 * 24 * 3600
ONE_HOUR = 3600


def sign(claims: dict[str, Any], secret: str) -> str:
    return jwt.encode(claims, secret, algorithm=ALGORITHM)


def verify(
    token: str, key: Any, audience: str | None = None, algorithms: tuple[str, ...] = (ALGORITHM,)
) -> dict[str, Any]:
    """Decode a token, raising `jwt.InvalidTokenError` on a bad signature, expiry or audience."""
    claims: dict[str, Any] = jwt.decode(
        token,
        key,
        algorithms=list(algorithms),
        audience=audience,
        options={"verify_aud": audience is not None},
    )
    return claims


def api_key(role: str, secret: str, issued_at: int | None = None) -> str:
    """The `anon` or `service_role` key. Deterministic for a secret, so it can be printed and pinned."""
    iat = issued_at if issued_at is not None else 1_700_000_000
    return sign({"iss": "supabase-demo", "role": role, "iat": iat, "exp": iat + TEN_YEARS}, secret)


def user_token(
    user_id: uuid.UUID | str,
    email: str,
    secret: str,
    *,
    issuer: str = "http://127.0.0.1:54321/auth/v1",
    lifetime: int = ONE_HOUR,
    app_metadata: dict[str, Any] | None = None,
    user_metadata: dict[str, Any] | None = None,
) -> str:
    """An access token as Supabase Auth issues it after a password sign-in."""
    now = int(time.time())
    claims = {
        "iss": issuer,
        "sub": str(user_id),
        "aud": "authenticated",
        "role": "authenticated",
        "email": email,
        "iat": now,
        "exp": now + lifetime,
        "aal": "aal1",
        "amr": [{"method": "password", "timestamp": now}],
        "session_id": str(uuid.uuid4()),
        "is_anonymous": False,
        "app_metadata": app_metadata or {"provider": "email", "providers": ["email"]},
        "user_metadata": user_metadata or {},
    }
    return sign(claims, secret)
