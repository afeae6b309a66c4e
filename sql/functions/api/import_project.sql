-- import_project: a project document (flowatlas.project/v1, or the old app's localStorage shape) becomes a new
-- project owned by the caller, all or nothing. Every error names the JSON path of the bad field.
--
-- The work runs in a security-definer function. Flows come in as drafts when a user imports them: a document could
-- otherwise carry "approved" with no approver, or "in_review" with no submitter for the importer to approve. They
-- keep the document's review status for global admins and the maintenance path (`flowatlas restore`). Its one
-- authorisation rule is checked first: the caller may create projects. Everything it writes belongs to the new
-- project the caller owns.

create function private.keeps_review_status()
returns boolean
language sql
stable
security invoker
set search_path = ''
as $$
  -- The `role` setting is the request's (PostgREST sets it; a definer changes only current_user): an API user's
  -- import or copy is a user's, a direct maintenance session's is not.
  select (select private.is_admin()) or pg_catalog.current_setting('role', true) not in ('anon', 'authenticated')
$$;

comment on function private.keeps_review_status() is
'Whether flows written by an import or a copy keep their review status: for global admins and maintenance '
'sessions; an API user''s flows start as drafts.';

create function private.first_flow_error(flows jsonb, project uuid, keep_status boolean)
returns jsonb
language plpgsql
volatile
security invoker
set search_path = ''
as $$
declare
  flow jsonb;
  i integer;
  failed_detail text;
begin
  for flow, i in
    select f.value, (f.ord - 1)::integer from pg_catalog.jsonb_array_elements(flows) with ordinality as f (value, ord)
  loop
    begin
      perform private.insert_flow_rows(array[
        private.flow_row(case when keep_status then flow else flow - 'status' end, project)
      ]);
      raise sqlstate 'FAOK0';  -- undo the try
    exception
      when sqlstate 'FAOK0' then
        null;
      when others then
        get stacked diagnostics failed_detail = pg_exception_detail;
        return pg_catalog.jsonb_build_object(
          'path', pg_catalog.format('flows[%s]', i), 'detail', failed_detail, 'message', sqlerrm
        );
    end;
  end loop;
  return null;
end;
$$;

comment on function private.first_flow_error(jsonb, uuid, boolean) is
'The error ({path, detail, message}) of the first document flow that cannot be inserted alone into the project, '
'each try undone; the error path of an import, which inserts all flows in one statement.';

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
  flow_error jsonb;
  failed_detail text;
  keep_status constant boolean := private.keeps_review_status();
begin
  if uid is null or not (select private.can_create_projects()) then
    raise exception 'you may not create projects, so you may not import one'
      using errcode = '42501', hint = 'global viewers cannot create projects; ask an admin for the analyst role';
  end if;
  if doc is null or pg_catalog.jsonb_typeof(doc) <> 'object' then
    raise exception 'document must be a JSON object' using errcode = '22023', detail = 'field: document';
  end if;
  if private.is_legacy_document(doc) then
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
    -- The flows' JSON columns are left to the table, which checks them with the same functions as it inserts:
    -- checking them here too doubled the cost of a valid import. A refused insert is explained below.
    errors := private.document_errors_by_its_paths(document, doc, with_column_checks => false);
    if pg_catalog.jsonb_array_length(errors) > 0 then
      errors := private.document_errors_by_its_paths(document, doc);  -- an invalid document: all its errors
    end if;
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

  -- All flows in one statement, through the document pair (private.flow_row).
  begin
    perform private.insert_flow_rows(array(
      select private.flow_row(case when keep_status then f.flow else f.flow - 'status' end, new_project)
      from pg_catalog.jsonb_array_elements(coalesce(doc -> 'flows', '[]')) with ordinality as f (flow, ord)
      order by f.ord
    ));
  exception
    when check_violation or not_null_violation or unique_violation or invalid_text_representation
      or foreign_key_violation or raise_exception then
      get stacked diagnostics failed_detail = pg_exception_detail;
      -- Only on failure: every error by path from the whole validator, else the first flow that fails alone.
      perform private.raise_document_errors(private.document_errors_by_its_paths(document, doc));
      flow_error := private.first_flow_error(doc -> 'flows', new_project, keep_status);
      perform private.raise_document_errors(
        private.errors_under(
          coalesce(flow_error ->> 'path', 'flows'), coalesce(flow_error ->> 'detail', failed_detail),
          coalesce(flow_error ->> 'message', sqlerrm)
        ),
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
  perform private.require_document_size(import_project.document);  -- duplicates are not limited
  return private.import_project_document(import_project.document, import_project.name);
end;
$$;

comment on function public.import_project(jsonb, text) is
'Import a project document (flowatlas.project/v1, or the old app''s localStorage export) as a new project you '
'own, all or nothing; name overrides the project name. Invalid documents fail with HTTP 400: message names the '
'first bad field by JSON path, details lists all as JSON [{path, message}]; documents over 25 MB are refused '
'(HTTP 413). Returns the new project id. Recorded in the audit log.';

revoke all on function private.keeps_review_status() from public;
grant execute on function private.keeps_review_status() to authenticated, service_role;
revoke all on function private.first_flow_error(jsonb, uuid, boolean) from public;
grant execute on function private.first_flow_error(jsonb, uuid, boolean) to authenticated, service_role;
revoke all on function private.import_project_document(jsonb, text) from public;
grant execute on function private.import_project_document(jsonb, text) to authenticated, service_role;
revoke all on function public.import_project(jsonb, text) from public, anon;
grant execute on function public.import_project(jsonb, text) to authenticated, service_role;
