-- Restore: bring back a soft-deleted project or flow, or an earlier revision of a flow.
-- Deleted rows are hidden from every API role by the select policies, so undeleting runs as a definer after
-- checking the caller's membership (owners for projects, editors for flows), which deletion does not remove.

create function private.restore_deleted(entity text, entity_id uuid)
returns void
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  project uuid;
  needed public.member_role := case entity when 'projects' then 'owner'::public.member_role else 'editor' end;
  caller_role public.member_role;
begin
  if entity = 'projects' then
    select p.id into project from public.projects as p where p.id = entity_id and p.deleted_at is not null;
  else
    select f.project_id into project from public.flows as f
    inner join public.projects as p on p.id = f.project_id and p.deleted_at is null
    where f.id = entity_id and f.deleted_at is not null;
  end if;
  select case when (select private.is_admin()) then 'owner'::public.member_role else m.role end
  into caller_role
  from (select 1) as one
  left join public.project_members as m on m.project_id = project and m.user_id = (select auth.uid());
  if project is null or caller_role is null then
    raise exception 'no deleted % with id % that you can restore', pg_catalog.rtrim(entity, 's'), entity_id
      using errcode = 'PT404', detail = 'field: id';
  end if;
  if caller_role < needed then
    raise exception 'only % can restore this %', case needed when 'owner' then 'owners' else 'editors' end,
      pg_catalog.rtrim(entity, 's') using errcode = '42501';
  end if;
  execute pg_catalog.format('update public.%I set deleted_at = null, deleted_by = null where id = $1', entity)
  using entity_id;
end;
$$;

comment on function private.restore_deleted(text, uuid) is
'Undeletes a soft-deleted project (owners) or flow (editors); the trusted path behind the restore functions.';

create function public.restore_project(project_id uuid)
returns void
language sql
volatile
security invoker
set search_path = ''
as $$
  select private.restore_deleted('projects', restore_project.project_id)
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
  select private.restore_deleted('flows', restore_flow.flow_id)
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
  update public.flows as f set
    name = old_content ->> 'name',
    description = old_content ->> 'description',
    priority = (old_content ->> 'priority')::public.flow_priority,
    version = old_content ->> 'version',
    service_domain_id = (old_content ->> 'service_domain_id')::uuid,
    service_id = (old_content ->> 'service_id')::uuid,
    entry_point = old_content ->> 'entry_point',
    trigger_event = old_content ->> 'trigger_event',
    actor_ids = coalesce(
      (select pg_catalog.array_agg(a::uuid) from pg_catalog.jsonb_array_elements_text(old_content -> 'actor_ids') as a),
      '{}'
    ),
    tags = coalesce(
      (select pg_catalog.array_agg(t) from pg_catalog.jsonb_array_elements_text(old_content -> 'tags') as t), '{}'
    ),
    steps = old_content -> 'steps',
    integrations = old_content -> 'integrations',
    business_rules = old_content -> 'business_rules',
    error_scenarios = old_content -> 'error_scenarios',
    performance_requirements = old_content -> 'performance_requirements',
    notes = old_content ->> 'notes',
    custom_fields = old_content -> 'custom_fields'
  where f.id = restore_flow_revision.flow_id
  returning f.* into restored;
  if restored.id is null then
    raise exception 'you cannot edit flow %', flow_id using errcode = '42501';
  end if;
  return restored;
end;
$$;

comment on function public.restore_flow_revision(uuid, integer) is
'Editors: put the content of an earlier revision back into the flow (a new revision; the current content is '
'kept in flow_revisions too). HTTP 404 for a revision you cannot read.';

revoke all on function private.restore_deleted(text, uuid) from public;
grant execute on function private.restore_deleted(text, uuid) to authenticated, service_role;
revoke all on function public.restore_project(uuid) from public, anon;
revoke all on function public.restore_flow(uuid) from public, anon;
revoke all on function public.restore_flow_revision(uuid, integer) from public, anon;
grant execute on function public.restore_project(uuid) to authenticated, service_role;
grant execute on function public.restore_flow(uuid) to authenticated, service_role;
grant execute on function public.restore_flow_revision(uuid, integer) to authenticated, service_role;
