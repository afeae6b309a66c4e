"""`public.flows_bare`: a trigger-free copy of `public.flows` in the bench database only.

Same columns, defaults, CHECK constraints, indexes, foreign keys, row-level security policies and grants as
flows; no triggers. It keeps a search document as flows did when the write goals were set: a generated column
(with its GIN index) computed by the same function the search trigger of flows calls. Without it the baseline
would do less work than any version of flows ever did, and the ratio would count the search vector, moved from
a generated column to private.flow_search by issue 14, as trigger overhead.
Filled with the bench project's flows (same ids) plus some more so its indexes are not trivially small.
Exposed to PostgREST with a schema reload.
"""

import time

import httpx
import psycopg

CREATE = """
drop table if exists public.flows_bare;
create table public.flows_bare (like public.flows including all);
alter table public.flows_bare enable row level security;
alter table public.flows_bare add column search tsvector generated always as (private.flow_search_vector(
  name, description, tags, trigger_event, entry_point, steps, business_rules, error_scenarios, notes
)) stored;
create index flows_bare_search_idx on public.flows_bare using gin (search);
"""
# The generated column is compressed as flows' search documents are (private.flow_search.search); `like`
# copied the compression of the other columns.
SEARCH_COMPRESSION = """
select case attcompression when 'l' then 'lz4' when 'p' then 'pglz' else 'default' end from pg_attribute
where attrelid = 'private.flow_search'::regclass and attname = 'search'
"""
COLUMNS = """
select string_agg(quote_ident(attname), ', ' order by attnum) from pg_attribute
where attrelid = 'public.flows'::regclass and attnum > 0 and not attisdropped and attgenerated = ''
"""
FOREIGN_KEYS = (
    "select pg_get_constraintdef(oid) from pg_constraint "
    "where conrelid = 'public.flows'::regclass and contype = 'f'"
)
POLICIES = (
    "select policyname, cmd, roles::text[], qual, with_check from pg_policies where tablename = 'flows'"
)


def create(url: str, project_id: str, extra_rows: int) -> None:
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(CREATE)
        row = conn.execute(SEARCH_COMPRESSION).fetchone()
        if row:  # a keyword from the catalog
            conn.execute(f"alter table public.flows_bare alter column search set compression {row[0]}")
        row = conn.execute(COLUMNS).fetchone()
        columns = str(row[0]) if row else "*"
        conn.execute(
            f"insert into public.flows_bare ({columns}) select {columns} from public.flows "  # catalog names
            "where project_id = %s or id in (select id from public.flows where project_id <> %s limit %s)",
            [project_id, project_id, extra_rows],
        )
        for (definition,) in conn.execute(FOREIGN_KEYS).fetchall():
            conn.execute(f"alter table public.flows_bare add {definition}")  # from pg_get_constraintdef
        for name, command, roles, qual, check in conn.execute(POLICIES).fetchall():
            statement = f'create policy "{name}" on public.flows_bare for {command} to {", ".join(roles)}'
            if qual:
                statement += f" using ({qual})"
            if check:
                statement += f" with check ({check})"
            conn.execute(statement)  # policies read back from pg_policies
        conn.execute(
            "grant select, insert, update, delete on public.flows_bare to authenticated, service_role"
        )
        conn.execute("analyze public.flows_bare")
        conn.execute("notify pgrst, 'reload schema'")


def wait_exposed(postgrest_url: str, service_key: str, timeout: float = 30) -> None:
    """Until PostgREST serves flows_bare steadily: five answers in a row (a reload may still be under way
    after the first one)."""
    deadline = time.monotonic() + timeout
    in_a_row = 0
    while time.monotonic() < deadline and in_a_row < 5:
        response = httpx.get(
            f"{postgrest_url}/flows_bare?limit=1&select=id",
            headers={"Authorization": f"Bearer {service_key}"},
        )
        in_a_row = in_a_row + 1 if response.status_code == 200 else 0
        time.sleep(0.3)
    if in_a_row < 5:
        raise RuntimeError("PostgREST did not pick up public.flows_bare after the schema reload")
