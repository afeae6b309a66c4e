-- The policies' membership lookups, readable_project_ids and member_project_ids, collect the ids with array()
-- instead of array_agg: the aggregate's per-row calls cost a member of 200 projects 45-65 us a statement
-- (backend CPU per pgbench transaction calling readable_project_ids, medians of 10 alternated rounds of 2,000:
-- 392 -> 328-348 us; member of 1 project: 285 -> 278-280 us, within noise). member_project_ids asks the role
-- rule per member role in a loop of expressions rather than a query. Same answers (compared for a member of 1 and
-- of 200 projects, each minimum role).

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
  role_of_member public.member_role;
  member_roles public.member_role[] := '{}';
begin
  if uid is null then
    return '{}'::uuid[];
  end if;
  select p.role into caller_role from public.profiles as p where p.id = uid;
  if caller_role = 'admin' then
    -- Admins need no membership row: the rule makes them owners of every live project.
    return array(select p.id from public.projects as p where p.deleted_at is null);
  end if;
  -- The rule is asked once per member role, not once per membership (for a member of 200 projects, 200 calls made
  -- this 1.1 ms instead of 0.2 ms, paid by every write policy and every search), in expressions: no query.
  foreach role_of_member in array pg_catalog.enum_range(null::public.member_role) loop
    if private.effective_member_role(caller_role, role_of_member) >= min_role then
      member_roles := member_roles || role_of_member;
    end if;
  end loop;
  -- Deleted projects are left out as one hashed set, and the ids collected by array() (see
  -- private.readable_project_ids).
  return array(
    select m.project_id from public.project_members as m
    where m.user_id = uid
      and m.role = any (member_roles)
      and m.project_id not in (select p.id from public.projects as p where p.deleted_at is not null)
  );
end;
$function$;

CREATE OR REPLACE FUNCTION private.readable_project_ids()
  RETURNS uuid[]
  LANGUAGE plpgsql
  STABLE
  SECURITY DEFINER
  SET search_path TO ''
  AS $function$
-- Every policy on a tenant table calls this once per statement, so its cost is the whole price of RLS on a read.
-- Memberships are not joined with projects to check each one is live: for a member of 200 projects that join was
-- 0.2 ms of a 1.5 ms request. Deleted projects (few: they are purged in time) are read once into a hashed set
-- through projects_deleted_idx instead, and public projects are appended without removing those the caller is
-- also a member of: an id may appear twice, which `= any (...)` does not mind. The ids are collected by array(),
-- not array_agg: an aggregate's per-row calls cost a member of 200 projects 45-65 us a statement.
declare
  uid constant uuid := auth.uid();  -- plain: in plpgsql `(select auth.uid())` runs a whole query (~25 us)
  caller_role public.global_role;
begin
  if uid is null then
    return '{}'::uuid[];
  end if;
  select p.role into caller_role from public.profiles as p where p.id = uid;
  if caller_role = 'admin' then
    return array(select p.id from public.projects as p where p.deleted_at is null);
  end if;
  return array(
    select m.project_id from public.project_members as m
    where m.user_id = uid
      and m.project_id not in (select p.id from public.projects as p where p.deleted_at is not null)
  ) || array(select p.id from public.projects as p where p.is_public and p.deleted_at is null);
end;
$function$;
