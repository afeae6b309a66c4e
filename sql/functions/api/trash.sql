-- trash: what the caller deleted and may bring back. Deleted rows are hidden by every select policy, so this is a
-- definer that applies the restore rules instead: deleted projects for their owners (restore_project), deleted
-- flows of live projects for their editors (restore_flow). The same effective roles as those two functions.

create function private.restorable_items(in_project uuid)
returns table (
  kind text, id uuid, project_id uuid, project_name text, name text, deleted_at timestamptz, deleted_by uuid
)
language sql
stable
security definer
set search_path = ''
as $$
  select 'project'::text, p.id, p.id, p.name, p.name, p.deleted_at, p.deleted_by
  from public.projects as p
  where p.deleted_at is not null
    and (in_project is null or p.id = in_project)
    and (
      (select private.is_admin())
      or p.id in (select m.project_id from public.project_members as m where m.user_id = (select auth.uid()))
    )
    and private.role_in_project(p.id) = 'owner'
  union all
  select 'flow', f.id, f.project_id, p.name, f.name, f.deleted_at, f.deleted_by
  from public.flows as f
  inner join public.projects as p on p.id = f.project_id
  where f.deleted_at is not null
    and (in_project is null or f.project_id = in_project)
    and f.project_id = any ((select private.member_project_ids('editor'))::uuid[])
$$;

comment on function private.restorable_items(uuid) is
'Deleted projects the caller owns and deleted flows of live projects the caller edits (effective roles); the '
'trusted path behind public.trash.';

create function public.trash(in_project uuid default null)
returns table (
  kind text,
  id uuid,
  project_id uuid,
  project_name text,
  name text,
  deleted_at timestamptz,
  deleted_by uuid
)
language sql
stable
security invoker
set search_path = ''
as $$
  select t.kind, t.id, t.project_id, t.project_name, t.name, t.deleted_at, t.deleted_by
  from private.restorable_items(trash.in_project) as t
  order by t.deleted_at desc, t.kind, t.id
$$;

comment on function public.trash(uuid) is
'What you may restore: your deleted projects (owners; restore_project) and the deleted flows of live projects you '
'edit (editors; restore_flow), newest deletion first; in_project narrows to one project. kind is project or flow.';

revoke all on function private.restorable_items(uuid) from public;
grant execute on function private.restorable_items(uuid) to authenticated, service_role;
revoke all on function public.trash(uuid) from public, anon;
grant execute on function public.trash(uuid) to authenticated, service_role;
