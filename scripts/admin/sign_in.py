"""Sign a user in and hand back their access token: what `supabase.auth.signInWithPassword` gives a frontend.

Against a real project this is Supabase Auth's password grant (supabase-py). The local stack has no Auth
server (its Go module cannot be fetched here), so there the password is checked against the bcrypt hash in
auth.users and the token is minted with the stack's JWT secret, with the claims Auth would put in it.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING, Any, cast

from edge_api import tokens
from scripts.errors import CliError

if TYPE_CHECKING:  # target.py mints `--as` tokens through this module
    from scripts.admin.target import Target

# Supabase Auth answers an unknown e-mail and a wrong password alike, so sign-in cannot probe for accounts.
INVALID = CliError("invalid login credentials", "check the e-mail and password (flowatlas users list)")

# The users the local stack lets sign in, with what Auth copies into a token.
ACTIVE_USERS = """
select id::text, email, coalesce(raw_app_meta_data, '{}'), coalesce(raw_user_meta_data, '{}')
from auth.users
where deleted_at is null and (banned_until is null or banned_until < now())
"""
PASSWORD_CHECK = (
    ACTIVE_USERS
    + """
  and lower(email) = lower(%(email)s)
  and (%(password)s::text is null or encrypted_password = extensions.crypt(%(password)s, encrypted_password))
"""
)
EMAILS_LIKE = ACTIVE_USERS + " and email like %(pattern)s order by email"


@dataclass(frozen=True)
class Session:
    access_token: str
    expires_in: int
    user_id: str
    email: str
    refresh_token: str | None = None  # only Supabase Auth issues these

    def as_json(self) -> dict[str, Any]:
        return asdict(self)


def _minted(target: Target, row: tuple[Any, ...], lifetime: int) -> Session:
    """A token for one row of ACTIVE_USERS, with the claims Auth would put in it."""
    user_id, email, app_metadata, user_metadata = row
    token = tokens.user_token(
        str(user_id),
        str(email),
        target.jwt_secret,
        issuer=f"{target.api_url}/auth/v1",
        lifetime=lifetime,
        app_metadata=cast(dict[str, Any], app_metadata),
        user_metadata=cast(dict[str, Any], user_metadata),
    )
    return Session(token, lifetime, str(user_id), str(email))


def minted_session(
    target: Target, email: str, password: str | None, lifetime: int = tokens.ONE_HOUR
) -> Session:
    """The local stack's sign-in; with password None it is the admin's impersonation (`--as`)."""
    with target.connect() as conn:
        row = conn.execute(PASSWORD_CHECK, {"email": email, "password": password}).fetchone()
    if row is None:
        if password is None:
            raise CliError(f"no user {email}", "flowatlas users list shows them; users create adds one")
        raise INVALID
    return _minted(target, row, lifetime)


def minted_sessions(target: Target, email_like: str, lifetime: int = tokens.ONE_HOUR) -> list[Session]:
    """Tokens for every active user whose e-mail matches the LIKE pattern, in e-mail order, in one query."""
    with target.connect() as conn:
        rows = conn.execute(EMAILS_LIKE, {"pattern": email_like}).fetchall()
    return [_minted(target, row, lifetime) for row in rows]


def auth_session(target: Target, email: str, password: str) -> Session:
    """Supabase Auth's password grant on a real project."""
    from supabase_auth.errors import AuthApiError

    from supabase import create_client

    client = create_client(target.api_url, target.anon_key)
    try:
        response = client.auth.sign_in_with_password({"email": email, "password": password})
    except AuthApiError as exc:
        if exc.status == 400:
            raise INVALID from exc
        raise CliError(f"Supabase Auth refused the sign-in: {exc.message}") from exc
    session = response.session
    if session is None or response.user is None:
        raise CliError("Supabase Auth returned no session", "is the e-mail confirmed?")
    return Session(
        session.access_token,
        session.expires_in,
        response.user.id,
        response.user.email or email,
        session.refresh_token,
    )


def sign_in(target: Target, email: str, password: str) -> Session:
    if target.is_local:
        return minted_session(target, email, password)
    return auth_session(target, email, password)
