"""Two tenants for the leak checks: a private project full of a secret marker, and a shared one with a member.

The fuzzers and probes act as anon, as a member of the shared project and as an outsider (a signed-up user in
no project); none of them may ever see the secret marker, the secret project's id, or change the secret
project. Its fingerprint (every row of it, as the database holds it) is compared before and after.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import psycopg

from scripts.stack.config import StackConfig
from tests.conftest import User
from tests.http_api import Api, SeededProject, join_project, marker, seed_project

TENANT_TABLES = (
    "project_members",
    "project_invitations",
    "project_ownership_offers",
    "service_domains",
    "services",
    "actors",
    "integration_types",
    "flows",
    "flow_revisions",
)


@dataclass(frozen=True)
class Tenants:
    secret_marker: str
    secret: SeededProject
    secret_owner: User
    shared_marker: str
    shared: SeededProject
    member: User
    outsider: User

    def forbidden_for(self, identity: str, with_ids: bool = True) -> tuple[str, ...]:
        """What a response to `identity` must never contain; ids only when the request did not name them."""
        forbidden = [self.secret_marker, self.secret_owner.email]
        if with_ids:
            forbidden += [self.secret.id, self.secret.flow_id]
        if identity != "member":
            forbidden.append(self.shared_marker)
            if with_ids:
                forbidden += [self.shared.id, self.shared.flow_id]
        return tuple(forbidden)

    def user(self, identity: str) -> User | None:
        return {"anon": None, "member": self.member, "outsider": self.outsider}[identity]


IDENTITIES = ("anon", "member", "outsider")


def make_tenants(api: Api, make_user: Callable[..., User]) -> Tenants:
    secret_marker = marker("SECRETMARK")
    shared_marker = marker("SHAREDMARK")
    secret_owner = make_user(name=f"Owner {secret_marker}")
    secret = seed_project(api, secret_owner, secret_marker)
    host = make_user(name="Shared host")
    shared = seed_project(api, host, shared_marker)
    member = make_user(name="Shared member")
    join_project(api.rest, host, member, shared.id, "editor")
    outsider = make_user(name="Outsider")
    return Tenants(secret_marker, secret, secret_owner, shared_marker, shared, member, outsider)


def fingerprint(cfg: StackConfig, project_id: str) -> dict[str, Any]:
    """Every row of the project as stored, read as the database owner."""
    with psycopg.connect(cfg.db_url(), autocommit=True) as conn:
        found: dict[str, Any] = {
            "projects": conn.execute(
                "select to_jsonb(p) from public.projects as p where p.id = %s", [project_id]
            ).fetchone()
        }
        for table in TENANT_TABLES:
            row = conn.execute(
                f"select jsonb_agg(to_jsonb(t) order by t.id) from public.{table} as t "
                "where t.project_id = %s",
                [project_id],
            ).fetchone()
            found[table] = row[0] if row else None
        return found


def leaks(text: str, forbidden: tuple[str, ...]) -> list[str]:
    return [value for value in forbidden if value and value in text]
