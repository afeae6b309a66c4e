-- Membership helpers for policies and triggers. Security definer so they can read profiles and
-- project_members regardless of the caller's RLS (they only ever answer about the caller).
-- Policies call them wrapped in a scalar subquery, `(select private.fn(...))`, so they run once per statement;
-- the *_ids functions return arrays for `project_id = any ((select private.member_project_ids('editor')))`.
-- Those called once per statement are PL/pgSQL: Postgres never inlines a SQL function with a pinned search_path,
-- so each statement calling one parsed and planned its body again (global_role 0.23 ms, project_role 0.58 ms);
-- a PL/pgSQL function keeps its plans for the session.

create function private.global_role()
returns public.global_role
language plpgsql
stable
security definer
set search_path = ''
as $$
begin
  return (select p.role from public.profiles as p where p.id = auth.uid());
end;
$$;

comment on function private.global_role() is 'Global role of the calling user (null when not signed in).';

create function private.is_admin()
returns boolean
language plpgsql
stable
security definer
set search_path = ''
as $$
begin
  return coalesce(private.global_role() = 'admin', false);
end;
$$;

comment on function private.is_admin() is 'True when the calling user is a global admin.';

create function private.can_create_projects()
returns boolean
language plpgsql
stable
security definer
set search_path = ''
as $$
begin
  return coalesce(private.global_role() in ('analyst', 'admin'), false);
end;
$$;

comment on function private.can_create_projects() is
'True when the calling user may create projects: analysts and admins, not global viewers.';

create function private.effective_member_role(global_role public.global_role, member_role public.member_role)
returns public.member_role
language plpgsql
immutable
parallel safe
set search_path = ''
as $$
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
$$;

comment on function private.effective_member_role(public.global_role, public.member_role) is
'The effective role rule, in one place: owner for global admins, the member role capped at viewer for global '
'viewers, the member role otherwise, null for non-members. Every policy, list and definer rpc goes through it.';

create function private.role_in_project(project_id uuid)
returns public.member_role
language plpgsql
stable
security definer
set search_path = ''
as $$
begin
  -- Deleted projects included: restoring one needs its owner's role in it.
  return (
    select private.effective_member_role(
      private.global_role(),
      (select m.role from public.project_members as m
        where m.project_id = role_in_project.project_id and m.user_id = auth.uid())
    )
    from public.projects as p
    where p.id = role_in_project.project_id
  );
end;
$$;

comment on function private.role_in_project(uuid) is
'Effective role of the calling user in a project, live or deleted (see private.effective_member_role); null for '
'non-members and unknown projects.';

create function private.project_role(project_id uuid)
returns public.member_role
language plpgsql
stable
security definer
set search_path = ''
as $$
begin
  return (
    select case when p.deleted_at is null then private.role_in_project(p.id) end
    from public.projects as p
    where p.id = project_role.project_id
  );
end;
$$;

comment on function private.project_role(uuid) is
'Effective role of the calling user in a live project (see private.effective_member_role): owner for global '
'admins, the member role capped at viewer for global viewers, null for non-members and deleted projects.';

create function private.member_project_ids(min_role public.member_role)
returns uuid[]
language plpgsql
stable
security definer
set search_path = ''
as $$
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
$$;

comment on function private.member_project_ids(public.member_role) is
'Ids of the live projects in which the calling user has at least the given effective role (all for global admins; '
'a global viewer counts as viewer everywhere).';

create function private.readable_project_ids()
returns uuid[]
language plpgsql
stable
security definer
set search_path = ''
as $$
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
$$;

comment on function private.readable_project_ids() is
'Ids of the live projects the calling user may read: their projects, every public project, all for global admins. '
'An id may be listed twice (a public project the caller is a member of).';

create function private.policy_project_ids()
returns uuid[]
language plpgsql
stable
set search_path = ''
as $$
begin
  return case when private.request_role() in ('anon', 'authenticated') then private.readable_project_ids() end;
end;
$$;

comment on function private.policy_project_ids() is
'The projects the select policies limit the request to, for definers that apply those policies themselves: '
'private.readable_project_ids() for API users, null (no limit) for service_role and maintenance sessions, '
'which bypass row-level security.';

create function private.co_member_ids()
returns uuid[]
language plpgsql
stable
security definer
set search_path = ''
as $$
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
$$;

comment on function private.co_member_ids() is 'Ids of the users who share at least one project with the calling user.';
