"""Users: locally written into auth.users and auth.identities the way Supabase Auth writes a sign-up (the
profile trigger adds the profile); against a real project through Supabase Auth's admin API (supabase-py,
service key).

The global role lives in public.profiles.role (analyst | admin | viewer) in both cases.
"""

import uuid
from dataclasses import asdict, dataclass
from typing import Any, Protocol

import psycopg

from scripts.admin.target import Target, db_error
from scripts.errors import CliError

ROLES = ("analyst", "admin", "viewer")

# The rows Supabase Auth writes for a confirmed e-mail sign-up, written by the local stack's stand-in for it
# (private.sign_up_user, sql/functions/private/sign_up.sql). `cost` is bcrypt's: Auth uses 10; tests that sign
# hundreds of users up use the cheapest, 4.
SIGN_UP = "select private.sign_up_user(%(id)s, %(email)s, %(password)s, %(name)s, %(cost)s)"

LIST = """
select p.id::text, coalesce(u.email, p.email), p.name, p.role::text, p.created_at
from public.profiles as p left join auth.users as u on u.id = p.id
order by lower(coalesce(u.email, p.email))
"""


@dataclass(frozen=True)
class UserRow:
    id: str
    email: str
    name: str
    role: str
    created_at: str

    def as_json(self) -> dict[str, Any]:
        return asdict(self)


class UserStore(Protocol):
    def create(
        self, email: str, name: str, role: str, password: str, user_id: str | None = None
    ) -> UserRow: ...
    def list(self) -> list[UserRow]: ...
    def set_role(self, email: str, role: str) -> UserRow: ...
    def delete(self, email: str) -> UserRow: ...


def _check_role(role: str) -> None:
    if role not in ROLES:
        raise CliError(f"unknown role {role!r}", "use one of: " + ", ".join(ROLES))


class LocalUsers:
    """auth.users and public.profiles straight through psycopg (the local stack, or any plain Postgres)."""

    def __init__(self, target: Target):
        self.target = target

    def _find(self, conn: psycopg.Connection[Any], email: str) -> UserRow:
        for row in self._rows(conn, "where lower(coalesce(u.email, p.email)) = lower(%s)", [email]):
            return row
        raise CliError(f"no user {email}", "flowatlas users list shows them")

    @staticmethod
    def _rows(
        conn: psycopg.Connection[Any], where: str = "", params: list[Any] | None = None
    ) -> list[UserRow]:
        query = LIST.replace("order by", f"{where} order by") if where else LIST
        rows = conn.execute(query, params or []).fetchall()
        return [UserRow(str(r[0]), str(r[1]), str(r[2]), str(r[3]), r[4].isoformat()) for r in rows]

    def create(self, email: str, name: str, role: str, password: str, user_id: str | None = None) -> UserRow:
        _check_role(role)
        with self.target.connect() as conn:
            exists = conn.execute(
                "select 1 from auth.users where lower(email) = lower(%s)", [email]
            ).fetchone()
            if exists:
                raise CliError(f"user {email} already exists", "pick another e-mail, or users set-role")
            try:
                with conn.transaction():
                    new_id = user_id or str(uuid.uuid4())
                    account = {"id": new_id, "email": email, "password": password, "name": name}
                    conn.execute(SIGN_UP, {**account, "cost": 10})
                    conn.execute("update public.profiles set role = %s where id = %s", [role, new_id])
            except psycopg.Error as exc:
                raise db_error(exc) from exc
            return self._find(conn, email)

    def list(self) -> list[UserRow]:
        with self.target.connect() as conn:
            return self._rows(conn)

    def set_role(self, email: str, role: str) -> UserRow:
        _check_role(role)
        with self.target.connect() as conn:
            user = self._find(conn, email)
            conn.execute("update public.profiles set role = %s where id = %s", [role, user.id])
            return self._find(conn, email)

    def delete(self, email: str) -> UserRow:
        with self.target.connect() as conn:
            user = self._find(conn, email)
            owned = conn.execute(
                "select count(*) from public.projects where owner_id = %s", [user.id]
            ).fetchone()
            if owned and owned[0]:
                raise CliError(
                    f"{email} owns {owned[0]} project(s)",
                    "offer each to a member (rpc transfer_ownership; they accept), or delete and purge them",
                )
            conn.execute("delete from auth.users where id = %s", [user.id])
            return user


class RemoteUsers:
    """A real Supabase project: Supabase Auth's admin API and the profiles table, with the service key."""

    def __init__(self, target: Target):
        from supabase import create_client

        self.client = create_client(target.api_url, target.require_service_key())

    def _profile(self, email: str) -> UserRow:
        rows = (
            self.client.table("profiles")
            .select("id,email,name,role,created_at")
            .ilike("email", email)
            .execute()
        )
        data: list[dict[str, Any]] = rows.data  # type: ignore[assignment]
        if not data:
            raise CliError(f"no user {email}", "flowatlas users list shows them")
        return _row(data[0])

    def create(self, email: str, name: str, role: str, password: str, user_id: str | None = None) -> UserRow:
        _check_role(role)
        attributes: dict[str, Any] = {
            "email": email,
            "password": password,
            "email_confirm": True,
            "user_metadata": {"name": name},
        }
        if user_id:
            attributes["id"] = user_id
        self.client.auth.admin.create_user(attributes)  # type: ignore[arg-type]
        return self.set_role(email, role)

    def list(self) -> list[UserRow]:
        rows = self.client.table("profiles").select("id,email,name,role,created_at").order("email").execute()
        data: list[dict[str, Any]] = rows.data  # type: ignore[assignment]
        return [_row(row) for row in data]

    def set_role(self, email: str, role: str) -> UserRow:
        _check_role(role)
        user = self._profile(email)
        self.client.table("profiles").update({"role": role}).eq("id", user.id).execute()
        return self._profile(email)

    def delete(self, email: str) -> UserRow:
        user = self._profile(email)
        self.client.auth.admin.delete_user(user.id)
        return user


def _row(data: dict[str, Any]) -> UserRow:
    return UserRow(
        str(data["id"]),
        str(data.get("email") or ""),
        str(data["name"]),
        str(data["role"]),
        str(data["created_at"]),
    )


def store(target: Target) -> UserStore:
    """Supabase Auth's admin API on a real project; auth.users directly on the local stack."""
    if target.is_local:
        return LocalUsers(target)
    if not target.service_key:
        raise CliError(
            f"{target.api_url} is not the local stack and no service key is set",
            "set SUPABASE_SERVICE_ROLE_KEY so users are managed through Supabase Auth",
        )
    return RemoteUsers(target)
