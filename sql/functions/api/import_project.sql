-- import_project: a project document (flowatlas.project/v1, or the old app's localStorage shape) becomes a new
-- project owned by the caller, all or nothing. Every error names the JSON path of the bad field.
--
-- The work runs in a security-definer function. Flows come in as drafts when a user imports them: a document could
-- otherwise carry "approved" with no approver, or "in_review" with no submitter for the importer to approve. They
-- keep the document's review status for global admins and the maintenance path (`flowatlas restore`). Its one
-- authorisation rule is checked first: the caller may create projects. Everything it writes belongs to the new
-- project the caller owns.

create function private.import_project_document(document jsonb, project_name text)
returns uuid
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  uid constant uuid := (select auth.uid());
  doc jsonb := document;
  errors jsonb;
  new_project uuid;
  flow jsonb;
  flow_index integer := -1;
  failed_detail text;
  -- The `role` setting is the request's (PostgREST sets it; a definer changes only current_user): an API user's
  -- import is a user's, a direct maintenance session's is not.
  keep_status constant boolean := (select private.is_admin())
    or pg_catalog.current_setting('role', true) not in ('anon', 'authenticated');
begin
  if uid is null or not (select private.can_create_projects()) then
    raise exception 'you may not create projects, so you may not import one'
      using errcode = '42501', hint = 'global viewers cannot create projects; ask an admin for the analyst role';
  end if;
  if doc is null or pg_catalog.jsonb_typeof(doc) <> 'object' then
    raise exception 'document must be a JSON object' using errcode = '22023', detail = 'field: document';
  end if;
  if not doc ? 'format' and (doc ? 'serviceRegistry' or doc ? 'actorRegistry' or doc ? 'integrationTypes') then
    -- The old app's shape: refused by path where it cannot even be converted, else converted and checked.
    errors := private.legacy_document_errors(doc);
    if pg_catalog.jsonb_array_length(errors) = 0 then
      doc := private.legacy_to_project_document(doc);
    end if;
  end if;
  if project_name is not null and pg_catalog.jsonb_typeof(doc -> 'project') = 'object' then
    doc := pg_catalog.jsonb_set(doc, '{project,name}', pg_catalog.to_jsonb(project_name), true);
  end if;

  if errors is null or pg_catalog.jsonb_array_length(errors) = 0 then
    errors := private.project_document_errors(doc);
  end if;
  perform private.raise_document_errors(errors);

  insert into public.projects (name, description, version, is_public, settings, custom_fields, owner_id)
  values (
    doc #>> '{project,name}',
    coalesce(doc #>> '{project,description}', ''),
    coalesce(doc #>> '{project,version}', '1.0.0'),
    coalesce((doc #>> '{project,is_public}')::boolean, false),
    coalesce(doc #> '{project,settings}', '{}'),
    coalesce(doc #> '{project,custom_fields}', '{}'),
    uid
  )
  returning id into new_project;

  insert into public.service_domains (project_id, key, name, description, position, custom_fields)
  select new_project, d ->> 'key', d ->> 'name', coalesce(d ->> 'description', ''),
    coalesce((d ->> 'position')::integer, (o - 1)::integer), coalesce(d -> 'custom_fields', '{}')
  from pg_catalog.jsonb_array_elements(coalesce(doc -> 'service_domains', '[]')) with ordinality as x (d, o);

  insert into public.services (project_id, domain_id, key, name, description, position, custom_fields)
  select new_project, sd.id, s ->> 'key', s ->> 'name', coalesce(s ->> 'description', ''),
    coalesce((s ->> 'position')::integer, (o - 1)::integer), coalesce(s -> 'custom_fields', '{}')
  from pg_catalog.jsonb_array_elements(coalesce(doc -> 'services', '[]')) with ordinality as x (s, o)
  inner join public.service_domains as sd on sd.project_id = new_project and sd.key = s ->> 'domain';

  insert into public.actors (project_id, kind, key, name, description, position, custom_fields)
  select new_project, coalesce(a ->> 'kind', 'system')::public.actor_kind, a ->> 'key', a ->> 'name',
    coalesce(a ->> 'description', ''), coalesce((a ->> 'position')::integer, (o - 1)::integer),
    coalesce(a -> 'custom_fields', '{}')
  from pg_catalog.jsonb_array_elements(coalesce(doc -> 'actors', '[]')) with ordinality as x (a, o);

  insert into public.integration_types (project_id, key, name, description, position, custom_fields)
  select new_project, t ->> 'key', t ->> 'name', coalesce(t ->> 'description', ''),
    coalesce((t ->> 'position')::integer, (o - 1)::integer), coalesce(t -> 'custom_fields', '{}')
  from pg_catalog.jsonb_array_elements(coalesce(doc -> 'integration_types', '[]')) with ordinality as x (t, o);

  begin
    for flow in select f from pg_catalog.jsonb_array_elements(coalesce(doc -> 'flows', '[]')) as x (f) loop
      flow_index := flow_index + 1;
      insert into public.flows (
        project_id, name, description, priority, status, version, service_domain_id, service_id, entry_point,
        trigger_event, actor_ids, tags, steps, integrations, business_rules, error_scenarios,
        performance_requirements, notes, custom_fields
      )
      values (
        new_project, flow ->> 'name', coalesce(flow ->> 'description', ''),
        coalesce(flow ->> 'priority', 'Medium')::public.flow_priority,
        case when keep_status then coalesce(flow ->> 'status', 'draft') else 'draft' end::public.flow_status,
        coalesce(flow ->> 'version', '1.0.0'),
        (select d.id from public.service_domains as d
          where d.project_id = new_project and d.key = flow ->> 'service_domain'),
        (select s.id from public.services as s where s.project_id = new_project and s.key = flow ->> 'service'),
        flow ->> 'entry_point', flow ->> 'trigger_event',
        coalesce((
          select pg_catalog.array_agg(a.id order by k.ord)
          from pg_catalog.jsonb_array_elements_text(coalesce(flow -> 'actors', '[]')) with ordinality as k (key, ord)
          inner join public.actors as a on a.project_id = new_project and a.key = k.key
        ), '{}'),
        coalesce((select pg_catalog.array_agg(t) from pg_catalog.jsonb_array_elements_text(flow -> 'tags') as t), '{}'),
        coalesce(flow -> 'steps', '[]'), coalesce(flow -> 'integrations', '[]'),
        coalesce(flow -> 'business_rules', '[]'), coalesce(flow -> 'error_scenarios', '[]'),
        coalesce(flow -> 'performance_requirements', '{}'), coalesce(flow ->> 'notes', ''),
        coalesce(flow -> 'custom_fields', '{}')
      );
    end loop;
  exception
    when check_violation or not_null_violation or unique_violation or invalid_text_representation
      or foreign_key_violation or raise_exception then
      get stacked diagnostics failed_detail = pg_exception_detail;
      perform private.raise_document_errors(
        private.errors_under(pg_catalog.format('flows[%s]', flow_index), failed_detail, sqlerrm),
        'fix that flow; nothing was imported'
      );
  end;

  perform private.audit_event(
    new_project, 'import', 'projects', new_project,
    pg_catalog.jsonb_build_object('flows', pg_catalog.jsonb_array_length(coalesce(doc -> 'flows', '[]')),
      'legacy', not document ? 'format')
  );
  return new_project;
end;
$$;

comment on function private.import_project_document(jsonb, text) is
'Creates a project owned by the caller from a project document; the trusted path behind public.import_project.';

create function public.import_project(document jsonb, name text default null)
returns uuid
language plpgsql
volatile
security invoker
set search_path = ''
as $$
begin
  -- The API's limit (the gateway refuses bodies over 50 MB before they get here); duplicates are not limited.
  if pg_catalog.octet_length(import_project.document::text) > 25 * 1024 * 1024 then
    raise exception 'document is larger than 25 MB' using errcode = '54000', detail = 'field: document',
      hint = 'split the project or remove large custom fields';
  end if;
  return private.import_project_document(import_project.document, import_project.name);
end;
$$;

comment on function public.import_project(jsonb, text) is
'Import a project document (flowatlas.project/v1, or the old app''s localStorage export) as a new project you '
'own, all or nothing; name overrides the project name. Invalid documents fail with HTTP 400: message names the '
'first bad field by JSON path, details lists all as JSON [{path, message}]; documents over 25 MB are refused '
'(HTTP 413). Returns the new project id. Recorded in the audit log.';

revoke all on function private.import_project_document(jsonb, text) from public;
grant execute on function private.import_project_document(jsonb, text) to authenticated, service_role;
revoke all on function public.import_project(jsonb, text) from public, anon;
grant execute on function public.import_project(jsonb, text) to authenticated, service_role;
