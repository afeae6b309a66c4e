-- Step references checked once per INSERT statement (issue 15). The row trigger read the project's actors and
-- services for every new flow, under row-level security, whose check (readable_project_ids) ran again each time:
-- 0.3 ms a flow, 0.6 s of a 2,000-flow import and a tenth of a POST of 50 flows. An AFTER INSERT statement
-- trigger now looks up each distinct (project, key) the new flows name once, from the transition table; only when
-- one is missing are the flows checked one by one, to name the step. Updates of steps keep their row trigger
-- (one flow per PATCH, and a transition table would copy every updated row for nothing). The trigger now runs
-- after the CHECK constraints and the row-level security check: a flow refused by those is refused as before.

SET local check_function_bodies = off;

DROP TRIGGER "_510_step_references_on_insert" ON "public"."flows";

DROP FUNCTION "private"."step_reference_errors"(uuid, jsonb);

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
  where pg_catalog.jsonb_typeof(s.value -> r.part) = 'string'
    and case r.part
      when 'actor' then not exists (
        select 1 from public.actors as a where a.project_id = project and a.key = s.value ->> 'actor'
      )
      else not exists (
        select 1 from public.services as x where x.project_id = project and x.key = s.value ->> 'service'
      )
    end
$function$;

CREATE OR REPLACE FUNCTION private.steps_name_missing_entries (
  project_ids uuid[],
  steps       jsonb[]
)
  RETURNS boolean
  LANGUAGE sql
  STABLE
  SET search_path TO ''
  AS $function$
  -- Flows given as two aligned arrays (the project and the steps of each): one lookup per distinct key they name,
  -- as the caller (row-level security evaluated once), not one per step and part. Steps that are no array are
  -- the CHECK constraint's to refuse.
  select exists (
    select 1
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
  )
$function$;

CREATE OR REPLACE FUNCTION private.tg_flow_step_references()
  RETURNS TRIGGER
  LANGUAGE plpgsql
  SET search_path TO ''
  AS $function$
begin
  if private.steps_name_missing_entries(array[new.project_id], array[new.steps]) then
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
  if private.steps_name_missing_entries(project_ids, steps) then
    for flow in select n.project_id, n.steps from inserted as n loop
      perform private.valid_or_raise(
        private.step_reference_errors(flow.project_id, flow.steps), 'flows_steps_name_registry_entries', 'flows'
      );
    end loop;
  end if;
  return null;
end;
$function$;

CREATE TRIGGER _510_step_references_on_insert
  AFTER INSERT ON public.flows REFERENCING NEW TABLE AS inserted
  FOR EACH STATEMENT
  EXECUTE FUNCTION private.tg_flow_step_references_inserted();

COMMENT ON FUNCTION "private"."step_reference_errors"(uuid, jsonb) IS 'Errors for the steps that name an actor or service key the project does not have; [] when all resolve.';

COMMENT ON FUNCTION "private"."steps_name_missing_entries"(uuid[], jsonb[]) IS 'True when a step of the given flows (project_ids[i], steps[i]) names an actor or service key its project does not have.';

COMMENT ON FUNCTION "private"."tg_flow_step_references"() IS 'BEFORE UPDATE OF steps on flows: every step''s actor and service is a key of the project''s registries (23514, the step''s path in the message, all in DETAIL).';

COMMENT ON FUNCTION "private"."tg_flow_step_references_inserted"() IS 'AFTER INSERT, per statement (transition table "inserted"): every new flow''s steps name keys of its project''s registries (23514, the step''s path in the message, all in DETAIL).';

REVOKE ALL ON FUNCTION "private"."step_reference_errors"(uuid, jsonb) FROM PUBLIC;

GRANT EXECUTE ON FUNCTION "private"."step_reference_errors"(uuid, jsonb) TO "authenticated";

REVOKE ALL ON FUNCTION "private"."step_reference_errors"(uuid, jsonb) FROM "postgres";

GRANT EXECUTE ON FUNCTION "private"."step_reference_errors"(uuid, jsonb) TO "postgres";

GRANT EXECUTE ON FUNCTION "private"."step_reference_errors"(uuid, jsonb) TO "service_role";

REVOKE ALL ON FUNCTION "private"."steps_name_missing_entries"(uuid[], jsonb[]) FROM PUBLIC;

GRANT EXECUTE ON FUNCTION "private"."steps_name_missing_entries"(uuid[], jsonb[]) TO "authenticated";

REVOKE ALL ON FUNCTION "private"."steps_name_missing_entries"(uuid[], jsonb[]) FROM "postgres";

GRANT EXECUTE ON FUNCTION "private"."steps_name_missing_entries"(uuid[], jsonb[]) TO "postgres";

GRANT EXECUTE ON FUNCTION "private"."steps_name_missing_entries"(uuid[], jsonb[]) TO "service_role";

REVOKE ALL ON FUNCTION "private"."tg_flow_step_references_inserted"() FROM PUBLIC;

REVOKE ALL ON FUNCTION "private"."tg_flow_step_references_inserted"() FROM "postgres";

GRANT EXECUTE ON FUNCTION "private"."tg_flow_step_references_inserted"() TO "postgres";
