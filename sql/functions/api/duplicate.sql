-- Duplicate a project (everything, references remapped, the caller owns the copy) or a flow (same project).

create function public.duplicate_project(project_id uuid, name text default null)
returns uuid
language plpgsql
volatile
security invoker
set search_path = ''
as $$
declare
  source_name text;
  copy_id uuid;
begin
  perform private.require_readable_project(duplicate_project.project_id);
  if (select private.project_role(duplicate_project.project_id)) < 'editor'
    or (select private.project_role(duplicate_project.project_id)) is null then
    raise exception 'only editors and owners can duplicate this project' using errcode = '42501',
      hint = 'export it instead, or ask an owner for the editor role';
  end if;
  select p.name into source_name from public.projects as p where p.id = duplicate_project.project_id;
  -- Read as the caller (row-level security), then written by the import path: keys carry the references.
  copy_id := private.import_project_document(
    private.document_of_project(duplicate_project.project_id),
    coalesce(duplicate_project.name, pg_catalog.left(source_name || ' (copy)', 255))
  );
  perform private.audit_event(
    copy_id, 'duplicate', 'projects', copy_id, pg_catalog.jsonb_build_object('source_project_id', project_id)
  );
  return copy_id;
end;
$$;

comment on function public.duplicate_project(uuid, text) is
'Editors and owners: copy a project with all registries and flows (references remapped) into a new project you '
'own, named name or "<name> (copy)". Returns the new project id.';

create function public.duplicate_flow(flow_id uuid, name text default null)
returns uuid
language plpgsql
volatile
security invoker
set search_path = ''
as $$
declare
  copy_id uuid;
begin
  -- As the caller: the insert policy lets only editors add flows. Through the document pair, like every copy;
  -- without its status, so the copy starts as a draft.
  select private.insert_flow_rows(array[private.flow_row(
    private.flow_document(f) - 'status' || pg_catalog.jsonb_build_object(
      'name', coalesce(duplicate_flow.name, pg_catalog.left(f.name || ' (copy)', 255))
    ),
    f.project_id
  )]) into copy_id
  from public.flows as f
  where f.id = duplicate_flow.flow_id and f.deleted_at is null;
  if copy_id is null then
    raise exception 'flow % not found', flow_id using errcode = 'PT404', detail = 'field: flow_id';
  end if;
  return copy_id;
end;
$$;

comment on function public.duplicate_flow(uuid, text) is
'Editors: copy a flow within its project as a new draft named name or "<name> (copy)". Returns the new flow id.';

revoke all on function public.duplicate_project(uuid, text) from public, anon;
revoke all on function public.duplicate_flow(uuid, text) from public, anon;
grant execute on function public.duplicate_project(uuid, text) to authenticated, service_role;
grant execute on function public.duplicate_flow(uuid, text) to authenticated, service_role;
