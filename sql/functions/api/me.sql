-- me: the signed-in user's profile and memberships, in one call (the old frontend's /auth/me).

-- Typed rows, not JSON: `supabase gen types` turns these composite types into real TypeScript types.
create type public.membership as (
  project_id uuid,
  project_name text,
  role public.member_role
);

comment on type public.membership is 'A project the signed-in user is a member of, with their effective role.';

create type public.signed_in_user as (
  id uuid,
  email text,
  name text,
  role public.global_role,
  can_create_projects boolean,
  memberships public.membership[]  -- noqa: LT01
);

comment on type public.signed_in_user is 'The signed-in user as public.me returns it.';

create function public.me()
returns public.signed_in_user
language sql
stable
security invoker
set search_path = ''
as $$
  select p.id, p.email, p.name, p.role, p.role in ('analyst', 'admin'),
    array(
      -- The rule once per member role, not once per membership (see private.member_project_ids).
      with effective as materialized (
        select r.role, private.effective_member_role(p.role, r.role) as role_in_effect
        from pg_catalog.unnest(pg_catalog.enum_range(null::public.member_role)) as r (role)
      )
      select (m.project_id, pr.name, e.role_in_effect)::public.membership
      from public.project_members as m
      inner join public.projects as pr on pr.id = m.project_id
      inner join effective as e on e.role = m.role
      where m.user_id = p.id
      order by pr.name
    )
  from public.profiles as p
  where p.id = (select auth.uid())
$$;

comment on function public.me() is
'The signed-in user: profile (id, email, name, global role, can_create_projects) and memberships '
'(project_id, project_name, effective role: a global viewer is a viewer everywhere). Null for anonymous callers.';

revoke all on function public.me() from public, anon;
grant execute on function public.me() to authenticated, service_role;
