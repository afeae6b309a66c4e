"""The migrations and the seed apply as hosted Supabase's `postgres` role, which is not a superuser.

Locally every migration runs as a superuser; `supabase db push` to a hosted project runs as `postgres`, which
Supabase demotes to NOSUPERUSER CREATEDB CREATEROLE REPLICATION BYPASSRLS after its init scripts. A statement
only a superuser may run (a setting of the database that users may not set, an untrusted extension, a change
to a role Supabase owns) would pass every local test and fail on the first deploy. This suite builds that role
as Supabase's public postgres image does (tests/database/hosted/*.sql name the migrations they follow) in a
cluster of its own and pushes supabase/migrations and supabase/seed.sql with the real CLI as that role.

Its own cluster, not a database in the running one: there `postgres` is the bootstrap superuser, which
PostgreSQL refuses to demote, and the migrations name the role `postgres` (default privileges).
"""

import os
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from importlib import resources
from pathlib import Path

import psycopg
import pytest

from scripts.stack import database, postgres
from scripts.stack.config import StackConfig
from tests.scratch_stack import free_port_base

HOSTED_SQL = Path(__file__).parent / "hosted"
PORT_BASE = 62721


def _run_file(url: str, path: Path) -> None:
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(path.read_text())  # trusted files of ours, no parameters


@pytest.fixture(scope="module")
def hosted() -> Iterator[StackConfig]:
    """A fresh cluster whose `postgres` role has hosted Supabase's attributes and grants."""
    folder = Path(tempfile.mkdtemp(prefix="flowatlas-hosted-"))
    folder.chmod(0o755)  # the postgres OS user must reach the cluster folder
    cfg = StackConfig(dir=folder, port_base=free_port_base(PORT_BASE))
    try:
        postgres.initialize(cfg, superuser="supabase_admin")
        postgres.start(cfg)
        admin_url = cfg.db_url("supabase_admin")
        _run_file(admin_url, HOSTED_SQL / "1_create_postgres.sql")
        # Supabase runs its init scripts as postgres while it is still a superuser; ours is the compat layer.
        compat = resources.files("scripts.stack").joinpath("supabase_compat.sql").read_text()
        with psycopg.connect(cfg.db_url("postgres"), autocommit=True) as conn:
            conn.execute(compat)
        _run_file(admin_url, HOSTED_SQL / "3_demote_postgres.sql")
        yield cfg
    finally:
        postgres.stop(cfg)
        shutil.rmtree(folder, ignore_errors=True)


def test_postgres_has_the_hosted_attributes(hosted: StackConfig) -> None:
    with psycopg.connect(hosted.db_url("postgres")) as conn:
        row = conn.execute(
            "select rolsuper, rolcreaterole, rolcreatedb, rolbypassrls, rolreplication"
            " from pg_roles where rolname = current_user"
        ).fetchone()
        member_of = conn.execute(
            "select array_agg(r.rolname::text order by r.rolname) from pg_auth_members as m"
            " join pg_roles as r on r.oid = m.roleid where m.member = 'postgres'::regrole"
        ).fetchone()
        owns_public = conn.execute(
            "select pg_has_role(nspowner, 'usage') from pg_namespace where nspname = 'public'"
        ).fetchone()
    assert row == (False, True, True, True, True)
    assert member_of is not None
    assert {"anon", "authenticated", "service_role", "supabase_auth_admin"} <= set(member_of[0])
    assert owns_public == (True,)


def test_a_superuser_only_statement_fails_as_hosted_postgres(hosted: StackConfig) -> None:
    # The control: without it, a mis-built role (a superuser after all) would let every migration through.
    # log_statement is a superuser setting; random_page_cost (our planner migration) is one a database owner
    # may set.
    with psycopg.connect(hosted.db_url("postgres"), autocommit=True) as conn:
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute("alter database postgres set log_statement = 'all'")
        conn.execute("alter database postgres set random_page_cost = 1.1")
        conn.execute("alter database postgres reset random_page_cost")


def test_migrations_and_seed_apply_as_hosted_postgres(hosted: StackConfig) -> None:
    database.push_migrations(hosted, hosted.db_url("postgres"), seed=True)

    migrations = sorted(p.name.split("_", 1)[0] for p in (hosted.supabase_dir / "migrations").glob("*.sql"))
    with psycopg.connect(hosted.db_url("postgres")) as conn:
        recorded = [
            str(version)
            for (version,) in conn.execute(
                "select version from supabase_migrations.schema_migrations order by version"
            )
        ]
        demo_profiles = conn.execute(
            "select count(*) from public.profiles where email like '%@demo.flowatlas.test'"
        ).fetchone()
        random_page_cost = conn.execute("show random_page_cost").fetchone()
    assert recorded == migrations
    assert demo_profiles == (6,)  # the seed's users, each given a profile by the trigger on auth.users
    assert random_page_cost == ("1.1",)  # the planner migration's database setting took


def test_the_pgtap_suite_passes_as_hosted_postgres(hosted: StackConfig) -> None:
    # What deploy.yml runs on a preview branch, as the role it runs there. pgTAP is not a trusted extension:
    # on Supabase, supautils creates it as supabase_admin when postgres asks; here supabase_admin does so.
    database.push_migrations(hosted, hosted.db_url("postgres"), seed=True)  # idempotent: pushes what is new
    with psycopg.connect(hosted.db_url("supabase_admin"), autocommit=True) as conn:
        conn.execute("create extension if not exists pgtap with schema extensions")
    files = sorted(str(p) for p in (hosted.supabase_dir / "tests" / "database").glob("*.test.sql"))
    result = subprocess.run(
        [
            *("pg_prove", "--host", "127.0.0.1", "--port", str(hosted.db_port)),
            *("--username", "postgres", "--dbname", "postgres", "--failures", *files),
        ],
        env={**os.environ, "PGPASSWORD": hosted.db_password.get_secret_value()},
        capture_output=True,
        text=True,
        timeout=240,
    )
    assert len(files) >= 20
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]
    assert "All tests successful." in result.stdout
