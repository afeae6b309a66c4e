-- The lookup of a step's missing actor and service keys is written once (private.missing_step_keys): the
-- per-statement check of an insert, the row check of an edit and the error list by step path all ask it, where
-- the list had its own copy of the lookup beside steps_name_missing_entries. Behaviour is unchanged.

SET local check_function_bodies = off;

DROP FUNCTION "private"."steps_name_missing_entries"(uuid[], jsonb[]);

CREATE OR REPLACE FUNCTION private.missing_step_keys (
  project_ids uuid[],
  steps       jsonb[]
)
  RETURNS TABLE (
    project_id uuid,
    part       text,
    key        text
  )
  LANGUAGE sql
  STABLE
  SET search_path TO ''
  AS $function$
  -- Flows given as two aligned arrays (the project and the steps of each): one lookup per distinct key they name,
  -- as the caller (row-level security evaluated once), not one per step and part. Steps that are no array are
  -- the CHECK constraint's to refuse.
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
  end
$function$;

CREATE OR REPLACE FUNCTION private.step_reference_errors (
  project uuid,
  steps   jsonb
)
  RETURNS jsonb
  LANGUAGE sql
  STABLE
  SET search_path TO ''
  AS $function$
  -- [{"path": "steps[3].actor", ...}] for every step naming an actor or service the project does not have.
  select coalesce(pg_catalog.jsonb_agg(private.document_error(
    pg_catalog.format('steps[%s].%s', s.ord - 1, r.part),
    pg_catalog.format('no %s with key "%s" in this project', r.part, s.value ->> r.part)
  ) order by s.ord, r.part), '[]'::jsonb)
  from pg_catalog.jsonb_array_elements(
    case when pg_catalog.jsonb_typeof(steps) = 'array' then steps else '[]'::jsonb end
  ) with ordinality as s (value, ord)
  cross join (values ('actor'), ('service')) as r (part)
  inner join private.missing_step_keys(array[project], array[steps]) as m
    on m.part = r.part and m.key = s.value ->> r.part
  where pg_catalog.jsonb_typeof(s.value -> r.part) = 'string'
$function$;

CREATE OR REPLACE FUNCTION private.tg_flow_step_references()
  RETURNS TRIGGER
  LANGUAGE plpgsql
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

COMMENT ON FUNCTION "private"."missing_step_keys"(uuid[], jsonb[]) IS 'The actor and service keys that steps of the given flows (project_ids[i], steps[i]) name and their project does not have, once each: (project_id, part, key).';

REVOKE ALL ON FUNCTION "private"."missing_step_keys"(uuid[], jsonb[]) FROM PUBLIC;

GRANT EXECUTE ON FUNCTION "private"."missing_step_keys"(uuid[], jsonb[]) TO "authenticated";

REVOKE ALL ON FUNCTION "private"."missing_step_keys"(uuid[], jsonb[]) FROM "postgres";

GRANT EXECUTE ON FUNCTION "private"."missing_step_keys"(uuid[], jsonb[]) TO "postgres";

GRANT EXECUTE ON FUNCTION "private"."missing_step_keys"(uuid[], jsonb[]) TO "service_role";
