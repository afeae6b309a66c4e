-- Shared by the API functions: a project the caller cannot read does not exist for them.

create function private.require_readable_project(project uuid)
returns void
language plpgsql
stable
security invoker
set search_path = ''
as $$
begin
  if project is null then
    raise exception 'project_id is required' using errcode = '22023', detail = 'field: project_id';
  end if;
  -- Security invoker: row-level security hides projects the caller may not read.
  if not exists (select 1 from public.projects as p where p.id = project and p.deleted_at is null) then
    raise exception 'project % not found', project using errcode = 'PT404', detail = 'field: project_id',
      hint = 'check the id, and that you are a member of the project';
  end if;
end;
$$;

comment on function private.require_readable_project(uuid) is
'Raises PT404 (HTTP 404) when the calling user cannot read the project: missing, deleted or not theirs alike.';

grant execute on function private.require_readable_project(uuid) to authenticated, service_role;
