"""What a hosted project refuses that the hosted-role cluster cannot: supautils' reserved roles.

On Supabase the supautils extension stops `postgres` from altering or dropping the roles in its
`supautils.reserved_roles` setting (Supabase's own roles, and the API roles with any suffix: anon*,
authenticated*, service_role*, authenticator*) and from granting the memberships in
`supautils.reserved_memberships`. PostgreSQL 15 lets a CREATEROLE role do both, so
tests/database/test_hosted_role.py would let such a statement through; this check reads what
`supabase db push` sends (the migrations and, on preview branches, the seed). The role names follow
supabase/postgres ansible/files/postgresql_config/supautils.conf.j2.
"""

import re

import pytest

from scripts.stack.config import PROJECT_DIR

SUPABASE = PROJECT_DIR / "supabase"
RESERVED_ROLE = (
    r"(?:supabase_admin|supabase_auth_admin|supabase_storage_admin|supabase_read_only_user"
    r"|supabase_replication_admin|dashboard_user|pgbouncer|(?:service_role|authenticator|authenticated|anon)\w*)"
)
RESERVED_MEMBERSHIP = (
    r"(?:authenticator|pg_read_server_files|pg_write_server_files|pg_execute_server_program)"
)
REFUSED = [
    re.compile(rf"\b(?:alter|drop)\s+(?:role|user)\s+(?:if\s+exists\s+)?\"?{RESERVED_ROLE}\b", re.IGNORECASE),
    re.compile(rf"\bgrant\s+\"?{RESERVED_MEMBERSHIP}\"?\s+to\b", re.IGNORECASE),
]


def _statements_sent() -> dict[str, str]:
    files = [*sorted((SUPABASE / "migrations").glob("*.sql")), SUPABASE / "seed.sql"]
    # Comments may name what they must not do; only statements count.
    return {path.name: re.sub(r"--[^\n]*", "", path.read_text()) for path in files}


def _refused(sql: str) -> list[str]:
    return [match.group(0) for pattern in REFUSED for match in pattern.finditer(sql)]


def test_no_migration_or_seed_touches_a_reserved_role() -> None:
    sent = _statements_sent()
    assert len(sent) >= 10
    found = {name: _refused(sql) for name, sql in sent.items() if _refused(sql)}
    assert found == {}, f"supautils refuses these on a hosted project: {found}"


@pytest.mark.parametrize(
    "statement",
    [
        "alter role anon set statement_timeout = '3s';",
        'ALTER ROLE "authenticated" SET search_path = public;',
        "alter user service_role with password 'x';",
        "drop role if exists supabase_auth_admin;",
        "grant authenticator to some_role;",
    ],
)
def test_the_check_recognises_what_supautils_refuses(statement: str) -> None:
    assert _refused(statement) != []


def test_the_check_leaves_ordinary_grants_alone() -> None:
    assert _refused("grant select on public.flows to authenticated; alter role postgres set x = 1;") == []
