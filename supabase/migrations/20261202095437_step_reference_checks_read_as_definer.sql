-- A flow insert's step reference checks cost as much as the rest of its triggers together (0.52 ms of a
-- single-flow insert's 2.4 ms, SQL). Two causes: missing_step_keys was a SQL function with a pinned search_path,
-- planned again at every call; and both step reference triggers read the registries as the caller, paying the
-- actors' and services' select policies (readable_project_ids, twice per statement) for the flow's own project,
-- in which the flows policies have already found the caller an editor. Now missing_step_keys is PL/pgSQL and the
-- two triggers are definers: a single-flow insert 2.42 -> 2.11 ms (medians of 8 alternated rounds of 150 in
-- rolled-back transactions, the bench's flow of 30 steps). Same checks, same errors.
-- Hand-trimmed: db diff dropped and recreated missing_step_keys; CREATE OR REPLACE keeps its comment. API roles
-- no longer call the two helpers (only the definer triggers do), so their grants go, as sql/grants says.

SET local check_function_bodies = off;

CREATE OR REPLACE FUNCTION private.missing_step_keys (
  project_ids uuid[],
  steps       jsonb[]
)
  RETURNS TABLE (
    project_id uuid,
    part       text,
    key        text
  )
  LANGUAGE plpgsql
  STABLE
  SET search_path TO ''
  AS $function$
begin
  -- Flows given as two aligned arrays (the project and the steps of each): one lookup per distinct key they name,
  -- not one per step and part. Steps that are no array are the CHECK constraint's to refuse.
  -- PL/pgSQL, not SQL: a SQL function with a pinned search_path is planned again at every call, and every flow
  -- insert calls this once.
  return query
  select named.project_id, named.part, named.key
  from (
    select distinct f.project_id, r.part, s.value ->> r.part as key
    from rows from (pg_catalog.unnest(project_ids), pg_catalog.unnest(steps)) as f (project_id, steps)
    cross join lateral pg_catalog.jsonb_array_elements(
      case when pg_catalog.jsonb_typeof(f.steps) = 'array' then f.steps else '[]'::jsonb end
    ) as s (value)
    cross join (values ('actor'), ('service')) as r (part)
    where pg_catalog.jsonb_typeof(s.value -> r.part) = 'string'
  ) as named
  where case named.part
    when 'actor' then not exists (
      select 1 from public.actors as a where a.project_id = named.project_id and a.key = named.key
    )
    else not exists (
      select 1 from public.services as x where x.project_id = named.project_id and x.key = named.key
    )
  end;
end;
$function$;

CREATE OR REPLACE FUNCTION private.tg_flow_step_references()
  RETURNS TRIGGER
  LANGUAGE plpgsql
  SECURITY DEFINER
  SET search_path TO ''
  AS $function$
begin
  -- Most edits of steps name no key the live flow did not name already (a step renamed, described, reordered):
  -- those keys still hold, since a key a live step names cannot be renamed or deleted, so there is nothing to
  -- look up.
  if old.deleted_at is null
    and pg_catalog.jsonb_path_query_array(old.steps, '$[*].actor')
      @> pg_catalog.jsonb_path_query_array(new.steps, '$[*].actor')
    and pg_catalog.jsonb_path_query_array(old.steps, '$[*].service')
      @> pg_catalog.jsonb_path_query_array(new.steps, '$[*].service') then
    return new;
  end if;
  if exists (select 1 from private.missing_step_keys(array[new.project_id], array[new.steps])) then
    perform private.valid_or_raise(
      private.step_reference_errors(new.project_id, new.steps), 'flows_steps_name_registry_entries', 'flows'
    );
  end if;
  return new;
end;
$function$;

CREATE OR REPLACE FUNCTION private.tg_flow_step_references_inserted()
  RETURNS TRIGGER
  LANGUAGE plpgsql
  SECURITY DEFINER
  SET search_path TO ''
  AS $function$
declare
  project_ids uuid[];
  steps jsonb[];
  flow record;
begin
  -- Once per statement: an import's 2,000 flows, or a POST of 50, read the registries once (a row trigger read
  -- them, under row-level security, once per flow). Only when a key is missing are the flows named one by one.
  select pg_catalog.array_agg(n.project_id), pg_catalog.array_agg(n.steps) into project_ids, steps from inserted as n;
  if exists (select 1 from private.missing_step_keys(project_ids, steps)) then
    for flow in select n.project_id, n.steps from inserted as n loop
      perform private.valid_or_raise(
        private.step_reference_errors(flow.project_id, flow.steps), 'flows_steps_name_registry_entries', 'flows'
      );
    end loop;
  end if;
  return null;
end;
$function$;

REVOKE ALL ON FUNCTION private.missing_step_keys(uuid[], jsonb[]) FROM authenticated, service_role;

REVOKE ALL ON FUNCTION private.step_reference_errors(uuid, jsonb) FROM authenticated, service_role;
