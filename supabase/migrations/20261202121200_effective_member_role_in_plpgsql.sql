-- The effective role rule in PL/pgSQL. As a SQL function with a pinned search_path, which Postgres never inlines,
-- its body was planned again in each statement that called it: in private.member_project_ids, which every write
-- policy calls (an UPDATE twice: USING and WITH CHECK), that planning was half of the call. member_project_ids
-- ('editor'), medians of 6 alternated rounds of 2,000 calls: member of 1 project 108 -> 53 us, of 200 199 -> 138 us.
-- Same rule, same answers; private.role_in_project (every project_role check) gains as well.
-- Hand-trimmed: db diff dropped and recreated the function; CREATE OR REPLACE keeps its comment and grants.

SET local check_function_bodies = off;

CREATE OR REPLACE FUNCTION private.effective_member_role (
  global_role public.global_role,
  member_role public.member_role
)
  RETURNS public.member_role
  LANGUAGE plpgsql
  IMMUTABLE
  PARALLEL SAFE
  SET search_path TO ''
  AS $function$
begin
  -- The one rule: admins act as owners everywhere; a global viewer is capped at viewer; others have their member
  -- role; non-members (a null member role) have none.
  -- PL/pgSQL: as a SQL function with a pinned search_path (never inlined) its body was planned again in every
  -- statement that called it, 55-60 us of every private.member_project_ids call, which each write policy makes.
  return case
    when global_role = 'admin' then 'owner'::public.member_role
    when member_role is null then null
    when global_role = 'viewer' then least(member_role, 'viewer'::public.member_role)
    else member_role
  end;
end;
$function$;
