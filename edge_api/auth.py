"""Who is calling: the Supabase access token in `Authorization: Bearer …`, verified like Supabase does.

HS256 with the project's JWT secret, audience `authenticated`, not expired, with a subject. Anything else is a
401 with a JSON message; the token itself is then passed on to PostgREST so row-level security decides.
"""

from dataclasses import dataclass
from functools import lru_cache
from typing import Annotated, Any

import jwt
from fastapi import Depends
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from edge_api import tokens
from edge_api.http_errors import ApiError
from edge_api.settings import Settings, get_settings
from edge_api.signing_keys import KeysUnavailable, SigningKeys, UnknownKey

AUDIENCE = "authenticated"
# Supabase signs access tokens with the project's shared secret (HS256) or, with asymmetric signing keys,
# with a private key whose public half is published as a JWKS.
ASYMMETRIC = ("RS256", "ES256")
_CHALLENGE = {"WWW-Authenticate": 'Bearer realm="flowatlas"'}
# Declared as a security scheme so /docs offers "Authorize"; errors are ours (auto_error off).
bearer = HTTPBearer(
    auto_error=False, bearerFormat="JWT", description="The user's Supabase access token (not the anon key)."
)


@dataclass(frozen=True)
class Caller:
    user_id: str
    email: str | None
    token: str
    claims: dict[str, Any]


def _unauthorized(message: str) -> ApiError:
    return ApiError(401, message, headers=_CHALLENGE)


@lru_cache(maxsize=4)
def _signing_keys(jwks_url: str) -> SigningKeys:
    """The project's published keys, one cache per URL for the life of the process."""
    return SigningKeys(jwks_url)


def _verification_key(token: str, secret: str, jwks_url: str | None) -> tuple[Any, tuple[str, ...]]:
    """The key and algorithm that may have signed this token: never the one the token would like."""
    try:
        algorithm = jwt.get_unverified_header(token).get("alg")
    except jwt.InvalidTokenError:
        raise _unauthorized("the access token is invalid (bad signature or format)") from None
    if algorithm == tokens.ALGORITHM:
        return secret, (tokens.ALGORITHM,)
    if algorithm in ASYMMETRIC and jwks_url:
        try:
            kid = jwt.get_unverified_header(token).get("kid")
            return _signing_keys(jwks_url).key(kid if isinstance(kid, str) else None).key, (str(algorithm),)
        except KeysUnavailable as exc:
            raise ApiError(
                503, f"the project's signing keys cannot be fetched ({jwks_url}): try again shortly"
            ) from exc
        except UnknownKey:
            raise _unauthorized(
                "the access token was signed with a key this project does not publish"
            ) from None
    raise _unauthorized(f"the access token's signing algorithm {algorithm!r} is not accepted")


def verify_caller(token: str | None, secret: str, jwks_url: str | None = None) -> Caller:
    """The caller presenting this bearer token, or a 401 ApiError."""
    if not token:
        raise _unauthorized("missing access token: send Authorization: Bearer <the user's access token>")
    key, algorithms = _verification_key(token, secret, jwks_url)
    try:
        claims = tokens.verify(token, key, audience=AUDIENCE, algorithms=algorithms)
    except jwt.ExpiredSignatureError:
        raise _unauthorized("the access token has expired: sign in again") from None
    except jwt.InvalidAudienceError:
        raise _unauthorized("not a user access token (audience must be 'authenticated')") from None
    except jwt.InvalidTokenError:
        raise _unauthorized("the access token is invalid (bad signature or format)") from None
    subject = claims.get("sub")
    if not isinstance(subject, str) or not subject or "exp" not in claims:
        raise _unauthorized("the access token has no subject or expiry: sign in again")
    email = claims.get("email")
    return Caller(subject, email if isinstance(email, str) else None, token, claims)


def current_caller(
    settings: Annotated[Settings, Depends(get_settings)],
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)],
) -> Caller:
    """FastAPI dependency: the verified caller."""
    token = credentials.credentials.strip() if credentials else None
    return verify_caller(token, settings.supabase_jwt_secret.get_secret_value(), settings.jwks_url)
