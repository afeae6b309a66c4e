-- private.member_project_ids asked the effective-role rule once per membership: a plain SQL function with a pinned
-- search_path, never inlined, so a member of 200 projects paid 200 calls (1.1 ms) in every write policy and every
-- search. It now asks the rule once per member role (three) and selects the memberships by role: 0.2 ms.

SET local check_function_bodies = off;

CREATE OR REPLACE FUNCTION private.member_project_ids (
  min_role public.member_role
)
  RETURNS uuid[]
  LANGUAGE plpgsql
  STABLE
  SECURITY DEFINER
  SET search_path TO ''
  AS $function$
-- plpgsql rather than sql: its plans are cached for the session, so a policy pays one indexed lookup per statement.
declare
  uid constant uuid := auth.uid();  -- plain: in plpgsql `(select auth.uid())` runs a whole query (~25 us)
  caller_role public.global_role;
  member_roles public.member_role[];
  ids uuid[];
begin
  if uid is null then
    return '{}'::uuid[];
  end if;
  select p.role into caller_role from public.profiles as p where p.id = uid;
  if caller_role = 'admin' then
    -- Admins need no membership row: the rule makes them owners of every live project.
    select pg_catalog.array_agg(p.id) into ids from public.projects as p where p.deleted_at is null;
  else
    -- The rule is asked once per member role, not once per membership: Postgres never inlines it (a pinned
    -- search_path), and for a member of 200 projects its 200 calls made this 1.1 ms instead of 0.2 ms, paid by every
    -- write policy and every search.
    member_roles := array(
      select r.role from pg_catalog.unnest(pg_catalog.enum_range(null::public.member_role)) as r (role)
      where private.effective_member_role(caller_role, r.role) >= min_role
    );
    -- Deleted projects are left out as one hashed set (see private.readable_project_ids).
    select pg_catalog.array_agg(m.project_id) into ids
    from public.project_members as m
    where m.user_id = uid
      and m.role = any (member_roles)
      and m.project_id not in (select p.id from public.projects as p where p.deleted_at is not null);
  end if;
  return coalesce(ids, '{}'::uuid[]);
end;
$function$;
