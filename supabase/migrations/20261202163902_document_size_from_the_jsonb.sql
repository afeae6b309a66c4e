-- The 25 MB limit on a document sent to import_project and save_project_document lives once, in
-- private.require_document_size, and is measured as the jsonb the function holds: both printed the whole
-- document as text to count its bytes, 140-200 ms of a 10.8 MB import. Same limit, same error, now with a hint
-- from save_project_document too.

SET local check_function_bodies = off;

CREATE OR REPLACE FUNCTION private.require_document_size (
  document jsonb
)
  RETURNS void
  LANGUAGE plpgsql
  IMMUTABLE
  SET search_path TO ''
  AS $function$
begin
  -- The API's limit on a document the caller sends (the gateway refuses bodies over 50 MB before they get here).
  -- Measured as the jsonb the function holds, not as its text: printing a 10.8 MB document to count its bytes took
  -- 100-200 ms of every import and save. A document read from a table may come compressed, and is measured
  -- uncompressed, as text.
  if pg_catalog.pg_column_size(document) > 25 * 1024 * 1024
    or pg_catalog.pg_column_compression(document) is not null
      and pg_catalog.octet_length(document::text) > 25 * 1024 * 1024 then
    raise exception 'document is larger than 25 MB' using errcode = '54000', detail = 'field: document',
      hint = 'split the project or remove large custom fields';
  end if;
end;
$function$;

CREATE OR REPLACE FUNCTION public.import_project (
  document jsonb,
  name     text  DEFAULT NULL::text
)
  RETURNS uuid
  LANGUAGE plpgsql
  SET search_path TO ''
  AS $function$
begin
  perform private.require_document_size(import_project.document);  -- duplicates are not limited
  return private.import_project_document(import_project.document, import_project.name);
end;
$function$;

CREATE OR REPLACE FUNCTION public.save_project_document (
  project_id uuid,
  document   jsonb
)
  RETURNS jsonb
  LANGUAGE plpgsql
  SET search_path TO ''
  AS $function$
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
$function$;

COMMENT ON FUNCTION "private"."require_document_size"(jsonb) IS 'Raises 54000 (HTTP 413) "document is larger than 25 MB" for a document over the API''s limit.';

REVOKE ALL ON FUNCTION "private"."require_document_size"(jsonb) FROM PUBLIC;

GRANT EXECUTE ON FUNCTION "private"."require_document_size"(jsonb) TO "authenticated";

REVOKE ALL ON FUNCTION "private"."require_document_size"(jsonb) FROM "postgres";

GRANT EXECUTE ON FUNCTION "private"."require_document_size"(jsonb) TO "postgres";

GRANT EXECUTE ON FUNCTION "private"."require_document_size"(jsonb) TO "service_role";
