-- me: the signed-in user's profile and memberships, in one call (the old frontend's /auth/me).

create function public.me()
returns jsonb
language sql
stable
security invoker
set search_path = ''
as $$
  select pg_catalog.jsonb_build_object(
    'id', p.id,
    'email', p.email,
    'name', p.name,
    'role', p.role,
    'can_create_projects', p.role in ('analyst', 'admin'),
    'memberships', coalesce((
      select pg_catalog.jsonb_agg(
        pg_catalog.jsonb_build_object(
          'project_id', m.project_id, 'project_name', pr.name, 'role', private.effective_member_role(p.role, m.role)
        )
        order by pr.name
      )
      from public.project_members as m
      inner join public.projects as pr on pr.id = m.project_id
      where m.user_id = p.id
    ), '[]'::jsonb)
  )
  from public.profiles as p
  where p.id = (select auth.uid())
$$;

comment on function public.me() is
'The signed-in user: profile (id, email, name, global role, can_create_projects) and memberships '
'(project_id, project_name, effective role: a global viewer is a viewer everywhere). Null for anonymous callers.';

revoke all on function public.me() from public, anon;
grant execute on function public.me() to authenticated, service_role;
