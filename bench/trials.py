"""Proposed SQL fixes, installed side by side in the bench database's `bench` schema, so that one run
measures the current and the proposed version together. The project's own functions are never replaced.

Each trial is built from the current definition (pg_get_functiondef) with one precise change; when the current
definition no longer contains the replaced text, the trial says so instead of measuring something else.
"""

import psycopg

Connection = psycopg.Connection[tuple[object, ...]]

SEARCH_SIGNATURE = (
    "public.search(text, uuid, public.flow_status[], public.flow_priority[], text, uuid, uuid, text[], "
    "integer, integer)"
)

# Search: the flow match runs in a security-definer helper that applies the read policy itself. Under RLS
# the planner may not use the GIN index for `search @@ tsq` (the @@ operator is not leakproof, so it must run
# after the policy's filter); in the helper there is no security barrier, and dynamic SQL plans with the real
# array of readable projects and the real tsquery.
FLOW_MATCHES = """
create or replace function bench.flow_matches(tsq tsquery, in_project uuid)
returns table (id uuid, project_id uuid, name text, status public.flow_status, priority public.flow_priority,
  tags text[], service_id uuid, actor_ids uuid[], rank real)
language plpgsql
stable
security definer
set search_path = ''
as $$
declare
  -- exactly the select policy of flows: live flows of readable projects; service_role reads every flow
  readable uuid[] := case when private.request_role() = 'service_role' then null
    else private.readable_project_ids() end;
begin
  return query execute
    'select f.id, f.project_id, f.name, f.status, f.priority, f.tags, f.service_id, f.actor_ids,
       pg_catalog.ts_rank_cd(f.search, $1, 1)
     from public.flows as f
     where f.search operator(pg_catalog.@@) $1 and f.deleted_at is null
       and ($2::uuid is null or f.project_id = $2)
       and ($3::uuid[] is null or f.project_id = any ($3))'
    using tsq, in_project, readable;
end;
$$;
"""
CURRENT_MATCH = """    from public.flows as f
    where 'flow' = any (kinds)
      and pg_catalog.numnode(tsq) > 0
      and f.search @@ tsq
      and f.deleted_at is null
      and (in_project is null or f.project_id = in_project)"""
PROPOSED_MATCH = """    from bench.flow_matches(tsq, in_project) as f
    where 'flow' = any (kinds)
      and pg_catalog.numnode(tsq) > 0"""
CURRENT_RANK = "pg_catalog.ts_rank_cd(f.search, tsq, 1) as rank"


class TrialOutdated(RuntimeError):
    pass


def _definition(conn: Connection, signature: str) -> str:
    row = conn.execute("select pg_catalog.pg_get_functiondef(%s::regprocedure)", [signature]).fetchone()
    if row is None:
        raise TrialOutdated(f"{signature} not found")
    return str(row[0])


def _replace(text: str, old: str, new: str, what: str) -> str:
    if old not in text:
        raise TrialOutdated(f"the current {what} changed: the proposed fix no longer applies as written")
    return text.replace(old, new)


def install(conn: Connection) -> None:
    """bench.search: public.search with the flow match in a security-definer helper (bench.flow_matches)."""
    conn.execute("create schema if not exists bench")
    conn.execute("grant usage on schema bench to authenticated, service_role")
    conn.execute(FLOW_MATCHES)
    search = _definition(conn, SEARCH_SIGNATURE)
    search = _replace(search, "FUNCTION public.search(", "FUNCTION bench.search(", "search header")
    search = _replace(search, CURRENT_MATCH, PROPOSED_MATCH, "flow_matches CTE of public.search")
    search = _replace(search, CURRENT_RANK, "f.rank", "rank of public.search")
    conn.execute(search)  # our own function's definition, one block replaced
    conn.execute("grant execute on all functions in schema bench to authenticated, service_role")
