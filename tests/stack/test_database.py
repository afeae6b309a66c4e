"""The database layer of the stack: the Supabase compatibility script, migrations, the pgTAP runner."""

import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from scripts.schema.shadow import scratch_database
from scripts.stack import database
from scripts.stack.config import StackConfig
from scripts.stack.errors import StackError

# Everything the compatibility script defines, as the catalog describes it.
CATALOG_SNAPSHOT = """
select jsonb_build_object(
  'roles', (select jsonb_agg(jsonb_build_array(rolname, rolcanlogin, rolinherit, rolbypassrls)
                            order by rolname)
            from pg_roles where rolname in ('anon', 'authenticated', 'service_role', 'authenticator')),
  'functions', (select jsonb_agg(jsonb_build_array(p.proname, pg_get_functiondef(p.oid)) order by p.proname)
                from pg_proc p join pg_namespace n on n.oid = p.pronamespace where n.nspname = 'auth'),
  'users_columns', (select jsonb_agg(column_name order by ordinal_position)
                    from information_schema.columns where table_schema = 'auth' and table_name = 'users'),
  'default_acl', (select jsonb_agg(defaclacl::text order by defaclobjtype) from pg_default_acl),
  'schema_acl', (select jsonb_agg(nspacl::text order by nspname) from pg_namespace
                 where nspname in ('public', 'auth', 'extensions'))
)
"""


@pytest.fixture
def scratch_url(cfg: StackConfig) -> Iterator[str]:
    with scratch_database(cfg, "flowatlas_test_scratch") as url:
        yield url


def _snapshot(url: str) -> object:
    with database.connect(url) as conn:
        row = conn.execute(CATALOG_SNAPSHOT).fetchone()
    assert row is not None
    return row[0]


def test_compat_layer_twice_changes_nothing(cfg: StackConfig, scratch_url: str) -> None:
    database.apply_compat(cfg, scratch_url)
    first = _snapshot(scratch_url)
    database.apply_compat(cfg, scratch_url)
    assert _snapshot(scratch_url) == first
    assert first["users_columns"][:2] == ["instance_id", "id"]  # type: ignore[index]


def test_compat_layer_keeps_an_existing_auth_uid(cfg: StackConfig, scratch_url: str) -> None:
    with database.connect(scratch_url) as conn:
        conn.execute("create schema auth")
        conn.execute("create function auth.uid() returns uuid language sql stable as $$ select null::uuid $$")
    database.apply_compat(cfg, scratch_url)
    with database.connect(scratch_url) as conn:
        row = conn.execute("select prosrc from pg_proc where oid = 'auth.uid()'::regprocedure").fetchone()
    assert row is not None and "select null::uuid" in str(row[0])


def test_auth_uid_reads_the_sub_claim(cfg: StackConfig) -> None:
    with database.connect(cfg.db_url()) as conn, conn.transaction(force_rollback=True):
        conn.execute(
            "select set_config('request.jwt.claims', %s, true)",
            ['{"sub": "0d9a8c1e-1111-4222-8333-444455556666", "role": "authenticated"}'],
        )
        row = conn.execute("select auth.uid()::text, auth.role()").fetchone()
    assert row == ("0d9a8c1e-1111-4222-8333-444455556666", "authenticated")


def test_a_failing_migration_names_file_and_statement(
    cfg: StackConfig, scratch_url: str, tmp_path: Path
) -> None:
    project = tmp_path / "project"
    shutil.copytree(cfg.supabase_dir, project / "supabase", ignore=shutil.ignore_patterns(".temp", "tests"))
    migrations = project / "supabase" / "migrations"
    migrations.mkdir(exist_ok=True)
    (migrations / "29990101000000_broken.sql").write_text(
        "create table public.fine (id int primary key);\nselect 1 / 0;\n"
    )
    broken = cfg.model_copy(update={"project_dir": project})
    database.apply_compat(broken, scratch_url)
    with pytest.raises(StackError) as failure:
        database.push_migrations(broken, scratch_url, seed=False)
    assert failure.value.problem == "supabase/migrations/29990101000000_broken.sql failed"
    assert "division by zero" in failure.value.detail
    assert "select 1 / 0" in failure.value.detail


def test_a_failing_pgtap_assertion_fails_the_run(cfg: StackConfig, tmp_path: Path) -> None:
    failing = tmp_path / "999-must-fail.test.sql"
    failing.write_text(
        "begin;\nselect plan(1);\nselect is(1, 2, 'one is two');\nselect * from finish();\nrollback;\n"
    )
    result = subprocess.run(
        [sys.executable, "-m", "scripts.cli", "db", "test", str(failing)], capture_output=True, text=True
    )
    assert result.returncode != 0
    assert "Failed 1/1" in result.stdout
