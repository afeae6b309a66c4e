"""The database layer of the stack: the Supabase compatibility script, migrations, the pgTAP runner."""

import shutil
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from scripts.schema.shadow import scratch_database
from scripts.stack import database, postgres
from scripts.stack.config import StackConfig
from scripts.stack.errors import StackError
from tests.conftest import User

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


# What Supabase Auth needs of a row to sign its user in with a password: the token columns it scans into
# strings hold '' (a null fails the scan), and an `email` identity names the user.
NOT_SIGNABLE = """
select u.email from auth.users as u
where u.instance_id is null
   or num_nulls(u.confirmation_token, u.recovery_token, u.email_change_token_new, u.email_change,
                u.email_change_token_current, u.phone_change, u.phone_change_token,
                u.reauthentication_token) > 0
   or u.encrypted_password not like '$2_$%'
   or not exists (select from auth.identities as i
                  where i.user_id = u.id and i.provider = 'email' and i.provider_id = u.id::text
                    and i.identity_data ->> 'sub' = u.id::text and i.email = lower(u.email))
"""


def test_every_user_is_a_row_supabase_auth_can_sign_in(
    cfg: StackConfig, make_user: Callable[..., User]
) -> None:
    """The seed, the admin command line and the fixtures all write users through private.sign_up_user."""
    make_user(name="Signable")
    with database.connect(cfg.db_url()) as conn:
        users = conn.execute("select count(*) from auth.users").fetchone()
        unsignable = conn.execute(NOT_SIGNABLE).fetchall()
    assert users is not None and users[0] >= 7  # the six demo users and this test's
    assert unsignable == []


# auth.users as the compatibility script made it before it wrote rows Auth can sign in.
OLD_AUTH_USERS = """
create table auth.users (
  instance_id uuid, id uuid primary key, aud varchar(255), role varchar(255), email varchar(255),
  encrypted_password varchar(255), email_confirmed_at timestamptz, invited_at timestamptz,
  confirmation_sent_at timestamptz, last_sign_in_at timestamptz, raw_app_meta_data jsonb,
  raw_user_meta_data jsonb, is_super_admin boolean, created_at timestamptz, updated_at timestamptz,
  phone text unique default null, phone_confirmed_at timestamptz, banned_until timestamptz,
  deleted_at timestamptz, is_sso_user boolean not null default false,
  is_anonymous boolean not null default false
)
"""


def test_compat_layer_adopts_a_stack_made_before_identities(cfg: StackConfig, scratch_url: str) -> None:
    """An old .stack has auth.users without the token columns and no auth.identities: stack up adds them."""
    with database.connect(scratch_url) as conn:
        conn.execute("create schema auth")
        conn.execute(OLD_AUTH_USERS)
        conn.execute(
            "insert into auth.users (id, email) values (gen_random_uuid(), 'old@tests.flowatlas.test')"
        )
    database.apply_compat(cfg, scratch_url)
    with database.connect(scratch_url) as conn:
        owners = conn.execute(
            "select c.relname, pg_get_userbyid(c.relowner) from pg_class as c"
            " where c.oid in ('auth.users'::regclass, 'auth.identities'::regclass) order by 1"
        ).fetchall()
        columns = conn.execute(
            "select count(*) from information_schema.columns"
            " where table_schema = 'auth' and table_name = 'users' and column_name like '%token%'"
        ).fetchone()
        kept = conn.execute("select email from auth.users").fetchall()
    assert owners == [("identities", "supabase_auth_admin"), ("users", "supabase_auth_admin")]
    assert columns == (6,)
    assert kept == [("old@tests.flowatlas.test",)]


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


@pytest.mark.parametrize(
    ("ram_mb", "shared_mb", "cache_mb"),
    [(256, 128, 192), (1024, 256, 768), (24_000, 6000, 18_000), (65_536, 8192, 49_152)],
)
def test_memory_is_sized_to_the_machine(ram_mb: int, shared_mb: int, cache_mb: int) -> None:
    assert postgres.memory_settings_mb(ram_mb * 2**20) == {
        "shared_buffers": shared_mb,
        "effective_cache_size": cache_mb,
    }


def test_the_running_cluster_has_a_quarter_of_the_memory(cfg: StackConfig) -> None:
    """initdb's 128 MB of shared buffers held a sliver of the bench's data: sized on every start."""
    expected = postgres.memory_settings_mb(postgres.physical_memory())
    with database.connect(cfg.db_url()) as conn:
        row = conn.execute(
            "select pg_size_bytes(current_setting('shared_buffers')), "
            "pg_size_bytes(current_setting('effective_cache_size'))"
        ).fetchone()
    assert row == (expected["shared_buffers"] * 2**20, expected["effective_cache_size"] * 2**20)
