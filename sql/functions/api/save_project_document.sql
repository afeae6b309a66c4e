-- save_project_document: apply a whole project document (flowatlas.project/v1, or the old app's localStorage
-- shape) onto an existing project, as the old frontend saves: registry entries matched by key, flows by id or by
-- their legacy id, then inserted, updated or deleted (flows softly), all or nothing.
--
-- As the caller (security invoker): row-level security and the write triggers apply to every row, so it changes
-- nothing an editor could not change one call at a time, and every change is audited and kept in flow_revisions.
-- A flow the document names with a revision that is not the server's (changed or deleted since the client read
-- it) is a conflict: every conflict is listed by path and nothing is written. Saving the same document twice
-- changes nothing the second time (an update that changes nothing is no revision and no audit entry).

create function private.document_flow_id(flow jsonb)
returns uuid
language sql
immutable
parallel safe
set search_path = ''
as $$
  select case when flow ->> 'id' ~* '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$'
    then (flow ->> 'id')::uuid end
$$;

comment on function private.document_flow_id(jsonb) is 'The id a document flow carries, when it is a uuid.';

create function private.save_registries(project uuid, document jsonb)
returns void
language sql
volatile
security invoker
set search_path = ''
as $$
  -- Upsert by key (an entry equal to the document is not touched), then delete what the document leaves out:
  -- services before domains (a domain with services cannot go).
  insert into public.service_domains as t (project_id, key, name, description, position, custom_fields)
  select project, e ->> 'key', e ->> 'name', coalesce(e ->> 'description', ''),
    coalesce((e ->> 'position')::integer, (o - 1)::integer), coalesce(e -> 'custom_fields', '{}')
  from pg_catalog.jsonb_array_elements(coalesce(document -> 'service_domains', '[]')) with ordinality as x (e, o)
  on conflict (project_id, key) do update
  set name = excluded.name, description = excluded.description, position = excluded.position,
    custom_fields = excluded.custom_fields
  where (t.name, t.description, t.position, t.custom_fields)
    is distinct from (excluded.name, excluded.description, excluded.position, excluded.custom_fields);

  insert into public.services as t (project_id, domain_id, key, name, description, position, custom_fields)
  select project, d.id, e ->> 'key', e ->> 'name', coalesce(e ->> 'description', ''),
    coalesce((e ->> 'position')::integer, (o - 1)::integer), coalesce(e -> 'custom_fields', '{}')
  from pg_catalog.jsonb_array_elements(coalesce(document -> 'services', '[]')) with ordinality as x (e, o)
  inner join public.service_domains as d on d.project_id = project and d.key = e ->> 'domain'
  on conflict (project_id, key) do update
  set domain_id = excluded.domain_id, name = excluded.name, description = excluded.description,
    position = excluded.position, custom_fields = excluded.custom_fields
  where (t.domain_id, t.name, t.description, t.position, t.custom_fields)
    is distinct from (excluded.domain_id, excluded.name, excluded.description, excluded.position, excluded.custom_fields);

  insert into public.actors as t (project_id, kind, key, name, description, position, custom_fields)
  select project, coalesce(e ->> 'kind', 'system')::public.actor_kind, e ->> 'key', e ->> 'name',
    coalesce(e ->> 'description', ''), coalesce((e ->> 'position')::integer, (o - 1)::integer),
    coalesce(e -> 'custom_fields', '{}')
  from pg_catalog.jsonb_array_elements(coalesce(document -> 'actors', '[]')) with ordinality as x (e, o)
  on conflict (project_id, key) do update
  set kind = excluded.kind, name = excluded.name, description = excluded.description, position = excluded.position,
    custom_fields = excluded.custom_fields
  where (t.kind, t.name, t.description, t.position, t.custom_fields)
    is distinct from (excluded.kind, excluded.name, excluded.description, excluded.position, excluded.custom_fields);

  insert into public.integration_types as t (project_id, key, name, description, position, custom_fields)
  select project, e ->> 'key', e ->> 'name', coalesce(e ->> 'description', ''),
    coalesce((e ->> 'position')::integer, (o - 1)::integer), coalesce(e -> 'custom_fields', '{}')
  from pg_catalog.jsonb_array_elements(coalesce(document -> 'integration_types', '[]')) with ordinality as x (e, o)
  on conflict (project_id, key) do update
  set name = excluded.name, description = excluded.description, position = excluded.position,
    custom_fields = excluded.custom_fields
  where (t.name, t.description, t.position, t.custom_fields)
    is distinct from (excluded.name, excluded.description, excluded.position, excluded.custom_fields);

  delete from public.services as t
  where t.project_id = project and not exists (
    select 1 from pg_catalog.jsonb_array_elements(coalesce(document -> 'services', '[]')) as e
    where e ->> 'key' = t.key
  );
  delete from public.service_domains as t
  where t.project_id = project and not exists (
    select 1 from pg_catalog.jsonb_array_elements(coalesce(document -> 'service_domains', '[]')) as e
    where e ->> 'key' = t.key
  );
  delete from public.actors as t
  where t.project_id = project and not exists (
    select 1 from pg_catalog.jsonb_array_elements(coalesce(document -> 'actors', '[]')) as e
    where e ->> 'key' = t.key
  );
  delete from public.integration_types as t
  where t.project_id = project and not exists (
    select 1 from pg_catalog.jsonb_array_elements(coalesce(document -> 'integration_types', '[]')) as e
    where e ->> 'key' = t.key
  );
$$;

comment on function private.save_registries(uuid, jsonb) is
'The registries of a project made equal to those of a document, by key, as the caller; entries already equal are '
'not touched.';

create function public.save_project_document(project_id uuid, document jsonb)
returns jsonb
language plpgsql
volatile
security invoker
set search_path = ''
as $$
declare
  project constant uuid := save_project_document.project_id;
  doc jsonb := save_project_document.document;
  errors jsonb := '[]'::jsonb;
  matched jsonb;
  conflicts jsonb;
  revisions_before bigint;
  inserted integer;
  updated integer;
  deleted integer;
begin
  perform private.require_readable_project(project);
  if (select private.project_role(project)) is null or (select private.project_role(project)) < 'editor' then
    raise exception 'only editors and owners can save this project' using errcode = '42501',
      hint = 'ask an owner for the editor role';
  end if;
  perform private.require_document_size(doc);
  if doc is null or pg_catalog.jsonb_typeof(doc) <> 'object' then
    raise exception 'document must be a JSON object' using errcode = '22023', detail = 'field: document';
  end if;
  if private.is_legacy_document(doc) then
    errors := private.legacy_document_errors(doc);
    if pg_catalog.jsonb_array_length(errors) = 0 then
      doc := private.legacy_to_project_document(doc);
    end if;
  end if;
  if pg_catalog.jsonb_array_length(errors) = 0 then
    errors := private.document_errors_by_its_paths(save_project_document.document, doc);
  end if;
  perform private.raise_document_errors(errors);

  -- Each document flow with the live flow it names: by id, else by the old app's id (kept in custom_fields).
  select coalesce(pg_catalog.jsonb_agg(pg_catalog.jsonb_build_object(
      'index', d.ord - 1, 'flow', d.flow, 'id', coalesce(by_id.id, by_legacy.id),
      'revision', coalesce(by_id.revision, by_legacy.revision)
    ) order by d.ord), '[]'::jsonb)
  into matched
  from pg_catalog.jsonb_array_elements(coalesce(doc -> 'flows', '[]')) with ordinality as d (flow, ord)
  left join public.flows as by_id
    on by_id.project_id = project and by_id.deleted_at is null and by_id.id = private.document_flow_id(d.flow)
  left join public.flows as by_legacy
    on by_id.id is null and private.document_flow_id(d.flow) is null
    and by_legacy.project_id = project and by_legacy.deleted_at is null
    and by_legacy.custom_fields -> 'flowatlas_legacy' ->> 'id' = d.flow #>> '{custom_fields,flowatlas_legacy,id}';

  -- Conflicts: a revision that is not the server's, a flow named twice. All listed; nothing written.
  select coalesce(pg_catalog.jsonb_agg(c.error order by c.index), '[]'::jsonb) into conflicts
  from (
    select (m ->> 'index')::integer as index, private.document_error(
      pg_catalog.format('flows[%s].revision', m ->> 'index'),
      case when m -> 'id' = 'null'::jsonb
        then 'no live flow of this project has this id: it was deleted since you read it (leave id and revision '
          || 'out to add it again)'
        else pg_catalog.format('the flow changed since you read it: you sent revision %s, it is at revision %s',
          m -> 'flow' -> 'revision', m -> 'revision')
      end
    ) as error
    from pg_catalog.jsonb_array_elements(matched) as m
    where m -> 'flow' ? 'revision' and m -> 'flow' -> 'revision' is distinct from m -> 'revision'
    union all
    select (m ->> 'index')::integer, private.document_error(
      pg_catalog.format('flows[%s].id', m ->> 'index'), 'names the same flow as an earlier flow of the document'
    )
    from (
      select m, pg_catalog.row_number() over (partition by m ->> 'id' order by (m ->> 'index')::integer) as nth
      from pg_catalog.jsonb_array_elements(matched) as m
      where m -> 'id' <> 'null'::jsonb
    ) as named
    where named.nth > 1
  ) as c;
  if pg_catalog.jsonb_array_length(conflicts) > 0 then
    raise exception 'document conflicts with the project at %: %', conflicts -> 0 ->> 'path',
      conflicts -> 0 ->> 'message'
      using errcode = 'PT409', detail = conflicts::text,
        hint = 'reload the project (project_document), reapply your changes and save again; nothing was saved';
  end if;

  update public.projects as p
  set name = doc #>> '{project,name}', description = coalesce(doc #>> '{project,description}', ''),
    version = coalesce(doc #>> '{project,version}', '1.0.0'),
    settings = coalesce(doc #> '{project,settings}', '{}'), custom_fields = coalesce(doc #> '{project,custom_fields}', '{}')
  where p.id = project and (p.name, p.description, p.version, p.settings, p.custom_fields) is distinct from (
    doc #>> '{project,name}', coalesce(doc #>> '{project,description}', ''),
    coalesce(doc #>> '{project,version}', '1.0.0'), coalesce(doc #> '{project,settings}', '{}'),
    coalesce(doc #> '{project,custom_fields}', '{}')
  );
  perform private.save_registries(project, doc);

  -- Flows: the document's review status is left alone (review has its own calls); every content column is set
  -- through the document pair, and an update that changes nothing is no revision.
  select count(*) into revisions_before from public.flow_revisions as r where r.project_id = project;
  perform private.update_flow_content((m ->> 'id')::uuid, private.flow_row(m -> 'flow', project))
  from pg_catalog.jsonb_array_elements(matched) as m
  where m -> 'id' <> 'null'::jsonb;
  select count(*) - revisions_before into updated from public.flow_revisions as r where r.project_id = project;

  -- Counted before: a soft delete returns no row (its trigger turns the delete into an update).
  select count(*) into deleted from public.flows as f
  where f.project_id = project and f.deleted_at is null and f.id not in (
    select (m ->> 'id')::uuid from pg_catalog.jsonb_array_elements(matched) as m where m -> 'id' <> 'null'::jsonb
  );
  delete from public.flows as f
  where f.project_id = project and f.deleted_at is null and f.id not in (
    select (m ->> 'id')::uuid from pg_catalog.jsonb_array_elements(matched) as m where m -> 'id' <> 'null'::jsonb
  );

  select count(*) into inserted from private.insert_flow_rows(array(
    select private.flow_row((m -> 'flow') - 'status', project)
    from pg_catalog.jsonb_array_elements(matched) as m
    where m -> 'id' = 'null'::jsonb
    order by (m ->> 'index')::integer
  ));

  if inserted + updated + deleted > 0 then
    perform private.audit_event(
      project, 'save', 'projects', project,
      pg_catalog.jsonb_build_object('inserted', inserted, 'updated', updated, 'deleted', deleted)
    );
  end if;
  return pg_catalog.jsonb_build_object('inserted', inserted, 'updated', updated, 'deleted', deleted);
end;
$$;

comment on function public.save_project_document(uuid, jsonb) is
'Editors: make a project equal to a document (flowatlas.project/v1, or the old app''s localStorage export), all or '
'nothing. Registry entries are matched by key, flows by id (as project_document gives it) or by the old app''s '
'id; then inserted, updated or deleted (flows softly). Review status is not changed (use the review calls). A flow '
'sent with a revision that is not the current one is a conflict: HTTP 409, details lists every conflict by path, '
'nothing is saved. Invalid documents: HTTP 400 with every bad field by path. Saving the same document again '
'changes nothing. Returns {"inserted", "updated", "deleted"} flow counts.';

revoke all on function private.document_flow_id(jsonb) from public;
grant execute on function private.document_flow_id(jsonb) to authenticated, service_role;
revoke all on function private.save_registries(uuid, jsonb) from public;
grant execute on function private.save_registries(uuid, jsonb) to authenticated, service_role;
revoke all on function public.save_project_document(uuid, jsonb) from public, anon;
grant execute on function public.save_project_document(uuid, jsonb) to authenticated, service_role;
