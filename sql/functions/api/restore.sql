-- Restore: bring back a soft-deleted project or flow, or an earlier revision of a flow.
-- Deleted rows are hidden from every API role by the select policies, so undeleting runs as a definer after
-- checking the caller's membership (owners for projects, editors for flows), which deletion does not remove.

create function private.restore_deleted_project(project_id uuid)
returns void
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  caller_role public.member_role;
begin
  if exists (select 1 from public.projects as p where p.id = restore_deleted_project.project_id and p.deleted_at is not null)
  then
    caller_role := private.role_in_project(restore_deleted_project.project_id);
  end if;
  if caller_role is null then
    raise exception 'no deleted project with id % that you can restore', project_id
      using errcode = 'PT404', detail = 'field: project_id';
  end if;
  if caller_role < 'owner' then
    raise exception 'only owners can restore this project' using errcode = '42501';
  end if;
  update public.projects as p set deleted_at = null, deleted_by = null where p.id = restore_deleted_project.project_id;
end;
$$;

comment on function private.restore_deleted_project(uuid) is
'Undeletes a soft-deleted project for its owners (effective role); the trusted path behind public.restore_project.';

create function private.restore_deleted_flow(flow_id uuid)
returns void
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  project uuid;
  caller_role public.member_role;
begin
  select f.project_id into project from public.flows as f
  where f.id = restore_deleted_flow.flow_id and f.deleted_at is not null;
  caller_role := private.project_role(project);  -- null for a deleted project: restore that first
  if caller_role is null then
    raise exception 'no deleted flow with id % that you can restore', flow_id
      using errcode = 'PT404', detail = 'field: flow_id';
  end if;
  if caller_role < 'editor' then
    raise exception 'only editors can restore this flow' using errcode = '42501';
  end if;
  update public.flows as f set deleted_at = null, deleted_by = null where f.id = restore_deleted_flow.flow_id;
end;
$$;

comment on function private.restore_deleted_flow(uuid) is
'Undeletes a soft-deleted flow of a live project for its editors (effective role: a global viewer cannot); the '
'trusted path behind public.restore_flow.';

create function public.restore_project(project_id uuid)
returns void
language sql
volatile
security invoker
set search_path = ''
as $$
  select private.restore_deleted_project(restore_project.project_id)
$$;

comment on function public.restore_project(uuid) is
'Owners: bring back a deleted project with everything in it. HTTP 404 when there is no such deleted project '
'of yours.';

create function public.restore_flow(flow_id uuid)
returns void
language sql
volatile
security invoker
set search_path = ''
as $$
  select private.restore_deleted_flow(restore_flow.flow_id)
$$;

comment on function public.restore_flow(uuid) is
'Editors: bring back a deleted flow of a live project. HTTP 404 when there is no such deleted flow of yours.';

create function public.restore_flow_revision(flow_id uuid, revision integer)
returns public.flows
language plpgsql
volatile
security invoker
set search_path = ''
as $$
declare
  old_content jsonb;
  restored public.flows;
begin
  -- As the caller: members read revisions, editors update flows; the update keeps the current content as a
  -- new revision, so restoring loses nothing either.
  select r.content into old_content from public.flow_revisions as r
  where r.flow_id = restore_flow_revision.flow_id and r.revision = restore_flow_revision.revision;
  if old_content is null then
    raise exception 'flow % has no revision % that you can read', flow_id, revision
      using errcode = 'PT404', detail = 'field: revision';
  end if;
  -- Through the document pair: the revision's registry ids become keys and back, so an actor or service
  -- deleted since drops out instead of failing the restore.
  restored := (
    select private.update_flow_content(f.id, private.flow_row(
      private.flow_document(pg_catalog.jsonb_populate_record(f, old_content)), f.project_id
    ))
    from public.flows as f
    where f.id = restore_flow_revision.flow_id
  );
  if restored.id is null then
    raise exception 'you cannot edit flow %', flow_id using errcode = '42501';
  end if;
  return restored;
end;
$$;

comment on function public.restore_flow_revision(uuid, integer) is
'Editors: put the content of an earlier revision back into the flow (a new revision; the current content is '
'kept in flow_revisions too). HTTP 404 for a revision you cannot read.';

revoke all on function private.restore_deleted_project(uuid) from public;
revoke all on function private.restore_deleted_flow(uuid) from public;
grant execute on function private.restore_deleted_project(uuid) to authenticated, service_role;
grant execute on function private.restore_deleted_flow(uuid) to authenticated, service_role;
revoke all on function public.restore_project(uuid) from public, anon;
revoke all on function public.restore_flow(uuid) from public, anon;
revoke all on function public.restore_flow_revision(uuid, integer) from public, anon;
grant execute on function public.restore_project(uuid) to authenticated, service_role;
grant execute on function public.restore_flow(uuid) to authenticated, service_role;
grant execute on function public.restore_flow_revision(uuid, integer) to authenticated, service_role;
