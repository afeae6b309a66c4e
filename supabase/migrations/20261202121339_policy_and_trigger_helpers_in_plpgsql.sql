-- The other functions that policies and triggers call and that were SQL functions with a pinned search_path, so
-- planned again in every statement that called them (see 20261202121200_effective_member_role_in_plpgsql):
-- co_member_ids (the profiles select policy), caller_confirmed_email (the invitations policies) and
-- step_reference_errors (the step reference triggers, when a key is missing) are PL/pgSQL now. Same queries,
-- same answers. co_member_ids was the costly one: a statement calling it took 0.95 ms, 0.22 ms now (member of 1
-- project; medians of 6 alternated rounds of 300 statements), so every read of profiles paid 0.7 ms of planning.
-- pgTAP 001 names any such function a policy or trigger reaches.
-- Hand-trimmed: db diff dropped and recreated the functions and the policies using them; CREATE OR REPLACE keeps
-- the policies, comments and grants.

SET local check_function_bodies = off;

CREATE OR REPLACE FUNCTION private.caller_confirmed_email()
  RETURNS text
  LANGUAGE plpgsql
  STABLE
  SECURITY DEFINER
  SET search_path TO ''
  AS $function$
-- PL/pgSQL, as every function a policy calls (see private.effective_member_role): its plan lasts the session.
declare
  uid constant uuid := auth.uid();
begin
  return (
    select pg_catalog.lower(u.email)
    from auth.users as u
    where u.id = uid and u.email_confirmed_at is not null
  );
end;
$function$;

CREATE OR REPLACE FUNCTION private.co_member_ids()
  RETURNS uuid[]
  LANGUAGE plpgsql
  STABLE
  SECURITY DEFINER
  SET search_path TO ''
  AS $function$
-- PL/pgSQL, as every function a policy calls (see private.effective_member_role): its plan lasts the session.
declare
  uid constant uuid := auth.uid();
begin
  return (
    select coalesce(pg_catalog.array_agg(distinct other.user_id), '{}')
    from public.project_members as mine
    inner join public.project_members as other on other.project_id = mine.project_id
    where mine.user_id = uid
  );
end;
$function$;

CREATE OR REPLACE FUNCTION private.step_reference_errors (
  project uuid,
  steps   jsonb
)
  RETURNS jsonb
  LANGUAGE plpgsql
  STABLE
  SET search_path TO ''
  AS $function$
begin
  -- [{"path": "steps[3].actor", ...}] for every step naming an actor or service the project does not have.
  -- PL/pgSQL, as every function a trigger calls: its plan lasts the session (see private.effective_member_role).
  return (
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
  );
end;
$function$;
