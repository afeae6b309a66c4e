-- The project document (flowatlas.project/v1) of a project, read with the caller's rights: the unit of export,
-- duplicate and backup, and what the renderers read. Registries and references travel by their human keys, so
-- the document imports into any database; each flow also carries its id and revision (ignored by an import,
-- matched by save_project_document). Flows are built by private.flow_documents, one expression each.

create function private.document_of_project(project uuid, only_flow uuid default null, with_flows boolean default true)
returns json
language sql
stable
security invoker
set search_path = ''
as $$
  -- JSON text, not jsonb: jsonb_agg and the object around it decoded and encoded the 11 MB of a 2,000-flow
  -- document twice more, and every reader turned it into text again (export 1.15 s in the database; as JSON text
  -- 0.5 s). Callers that edit a document cast it (public.project_document).
  select pg_catalog.json_build_object(
    'format', 'flowatlas.project/v1',
    'exported_at', pg_catalog.to_json(pg_catalog.now()),
    'project', pg_catalog.json_build_object(
      'name', p.name, 'description', p.description, 'version', p.version, 'is_public', p.is_public,
      'settings', p.settings, 'custom_fields', p.custom_fields
    ),
    'service_domains', coalesce((
      select pg_catalog.json_agg(pg_catalog.json_build_object(
        'key', d.key, 'name', d.name, 'description', d.description, 'position', d.position,
        'custom_fields', d.custom_fields
      ) order by d.position, d.key)
      from public.service_domains as d where d.project_id = p.id
    ), '[]'::json),
    'services', coalesce((
      select pg_catalog.json_agg(pg_catalog.json_build_object(
        'key', s.key, 'domain', d.key, 'name', s.name, 'description', s.description, 'position', s.position,
        'custom_fields', s.custom_fields
      ) order by s.position, s.key)
      from public.services as s inner join public.service_domains as d on d.id = s.domain_id
      where s.project_id = p.id
    ), '[]'::json),
    'actors', coalesce((
      select pg_catalog.json_agg(pg_catalog.json_build_object(
        'key', a.key, 'kind', a.kind, 'name', a.name, 'description', a.description, 'position', a.position,
        'custom_fields', a.custom_fields
      ) order by a.position, a.key)
      from public.actors as a where a.project_id = p.id
    ), '[]'::json),
    'integration_types', coalesce((
      select pg_catalog.json_agg(pg_catalog.json_build_object(
        'key', t.key, 'name', t.name, 'description', t.description, 'position', t.position,
        'custom_fields', t.custom_fields
      ) order by t.position, t.key)
      from public.integration_types as t where t.project_id = p.id
    ), '[]'::json),
    -- Flows have no position: ordered by name, then by content (not by id), so flows of the same name keep one
    -- order in every database the document is imported into. Only those need their content compared: sorting
    -- every flow by its 5 kB of content spilled the export of 2,000 flows to disk (a second of 2.8).
    'flows', coalesce((
      select pg_catalog.json_agg(listed.flow order by listed.name,
        case when listed.same_name > 1 then listed.flow::jsonb - '{id,revision}'::text [] end)
      from (
        select d.name, d.flow, pg_catalog.count(*) over (partition by d.name) as same_name
        from private.flow_documents(p.id, only_flow, private.registry_keys(p.id)) as d
        where with_flows
      ) as listed
    ), '[]'::json)
  )
  from public.projects as p
  where p.id = project
$$;

comment on function private.document_of_project(uuid, uuid, boolean) is
'The flowatlas.project/v1 document of a project (all its live flows, only_flow, or none without with_flows), with '
'the caller''s rights, as JSON text.';

create function public.project_document(project_id uuid)
returns jsonb
language plpgsql
stable
security invoker
set search_path = ''
as $$
begin
  perform private.require_readable_project(project_document.project_id);
  return private.document_of_project(project_document.project_id)::jsonb;
end;
$$;

comment on function public.project_document(uuid) is
'A project you can read as one JSON document (format flowatlas.project/v1: project, service_domains, services, '
'actors, integration_types, flows; references by key; each flow with its id and revision, for '
'save_project_document). A read: not recorded in the audit log (export_project is). HTTP 404 for a project you '
'cannot read.';

create function public.flow_document(flow_id uuid)
returns jsonb
language plpgsql
stable
security invoker
set search_path = ''
as $$
declare
  project uuid;
begin
  select f.project_id into project from public.flows as f where f.id = flow_document.flow_id and f.deleted_at is null;
  if project is null then
    raise exception 'flow % not found', flow_id using errcode = 'PT404', detail = 'field: flow_id',
      hint = 'check the id, and that you are a member of its project';
  end if;
  return private.document_of_project(project, flow_document.flow_id)::jsonb;
end;
$$;

comment on function public.flow_document(uuid) is
'The project document of one flow you can read: its project and registries, and flows holding that flow alone. '
'Not recorded in the audit log. HTTP 404 for a flow you cannot read.';

create function public.export_project(project_id uuid)
returns json
language plpgsql
volatile
security invoker
set search_path = ''
as $$
declare
  document json;
  flows bigint;
begin
  perform private.require_readable_project(export_project.project_id);
  -- The document as JSON text (private.document_of_project), the file an export is; its flows counted for the
  -- audit in the same statement, so from the same snapshot, rather than by parsing the text again (0.2 s for
  -- 2,000 flows).
  select private.document_of_project(export_project.project_id), (
      select pg_catalog.count(*) from public.flows as f
      where f.project_id = export_project.project_id and f.deleted_at is null
    )
    into document, flows;
  -- The audit log is the members' record. A signed-in reader of a public project who is no member adds nothing to
  -- it: anyone could otherwise fill any public project's log by exporting it in a loop.
  if private.project_role(export_project.project_id) is not null
    or current_user not in ('anon', 'authenticated') then  -- invoker: the request's role; service jobs audit
    perform private.audit_event(
      export_project.project_id, 'export', 'projects', export_project.project_id,
      pg_catalog.jsonb_build_object('flows', flows)
    );
  end if;
  return document;
end;
$$;

comment on function public.export_project(uuid) is
'Export a project you can read: project_document as JSON text, recorded in the audit log when the caller is a '
'member (not for other readers of a public project). Call with POST.';

revoke all on function private.document_of_project(uuid, uuid, boolean) from public;
grant execute on function private.document_of_project(uuid, uuid, boolean) to authenticated, service_role;
revoke all on function public.project_document(uuid) from public, anon;
grant execute on function public.project_document(uuid) to authenticated, service_role;
revoke all on function public.flow_document(uuid) from public, anon;
grant execute on function public.flow_document(uuid) to authenticated, service_role;
revoke all on function public.export_project(uuid) from public, anon;
grant execute on function public.export_project(uuid) to authenticated, service_role;
