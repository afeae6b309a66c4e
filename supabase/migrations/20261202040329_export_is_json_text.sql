-- The export returns the project document as JSON text. Built as jsonb, a 2,000-flow document (11 MB) was decoded
-- and encoded again by jsonb_agg and by the object around it, then printed as text for the reply: the export took
-- 1.15 s in the database (1.6 s through PostgREST). Written as JSON text once, 0.5 s.
-- * private.document_of_project and private.flow_documents return json; project_document and flow_document
--   (which SQL callers edit, e.g. before save_project_document) still return jsonb, by a cast.
-- * public.export_project returns json: through the API nothing changes but the order of the keys (as built:
--   "format" first). It counts the flows for its audit entry in the statement that builds the document.

SET local check_function_bodies = off;

DROP FUNCTION "private"."document_of_project"(uuid, uuid, boolean);

DROP FUNCTION "private"."flow_documents"(uuid, uuid, jsonb);

DROP FUNCTION "public"."export_project"(uuid);

CREATE OR REPLACE FUNCTION private.document_of_project (
  project    uuid,
  only_flow  uuid    DEFAULT NULL::uuid,
  with_flows boolean DEFAULT true
)
  RETURNS json
  LANGUAGE sql
  STABLE
  SET search_path TO ''
  AS $function$
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
$function$;

CREATE OR REPLACE FUNCTION private.flow_document (
  flow          public.flows,
  registry_keys jsonb
)
  RETURNS jsonb
  LANGUAGE plpgsql
  STABLE
  SET search_path TO ''
  AS $function$
-- The row's content as JSON, registry ids replaced by keys, and the fields a reader of the document needs: its
-- id, revision and review status. Many flows at once: private.flow_documents.
declare
  document jsonb;
begin
  execute pg_catalog.format('select (%s)::jsonb from (select ($1).*) as f', private.flow_document_sql('f', '$2'))
    into document using flow, registry_keys;
  return document;
end;
$function$;

CREATE OR REPLACE FUNCTION private.flow_document_sql (
  source        text,
  registry_keys text
)
  RETURNS text
  LANGUAGE sql
  STABLE
  SET search_path TO ''
  AS $function$
  -- One json_build_object of the content columns (read from the catalog) and the document's own fields, as JSON
  -- text: to_jsonb(row) with the bookkeeping removed and the fields added decoded and encoded each 6 kB flow
  -- three times (0.3 ms a flow; an export builds 2,000), this writes it once (0.07 ms). It takes up to 50 pairs:
  -- the content columns and six fields.
  select pg_catalog.format(
    'pg_catalog.json_build_object(%1$s, ''id'', %2$s.id, ''revision'', %2$s.revision, ''status'', %2$s.status, '
    '''service_domain'', %3$s -> (%2$s.service_domain_id::text), ''service'', %3$s -> (%2$s.service_id::text), '
    '''actors'', coalesce((select pg_catalog.json_agg(%3$s -> (x.actor_id::text) order by x.ord) '
    'from pg_catalog.unnest(%2$s.actor_ids) with ordinality as x (actor_id, ord) '
    'where %3$s operator(pg_catalog.?) (x.actor_id::text)), ''[]''::json))',
    (
      select pg_catalog.string_agg(pg_catalog.format('%L, %s.%I', c.name, source, c.name), ', ' order by c.ord)
      from pg_catalog.unnest(private.flow_content_columns()) with ordinality as c (name, ord)
      where c.name <> all ('{service_domain_id,service_id,actor_ids}')
    ),
    source, registry_keys
  )
$function$;

CREATE OR REPLACE FUNCTION private.flow_documents (
  project       uuid,
  only_flow     uuid,
  registry_keys jsonb
)
  RETURNS TABLE (
    name text,
    flow json
  )
  LANGUAGE plpgsql
  STABLE
  SET search_path TO ''
  AS $function$
begin
  -- One statement for the whole project: private.flow_document plans its statement per flow.
  return query execute pg_catalog.format(
    'select f.name, %s from public.flows as f '
    'where f.project_id = $1 and f.deleted_at is null and ($2::uuid is null or f.id = $2)',
    private.flow_document_sql('f', '$3')
  ) using project, only_flow, registry_keys;
end;
$function$;

CREATE OR REPLACE FUNCTION public.duplicate_project (
  project_id uuid,
  name       text DEFAULT NULL::text
)
  RETURNS uuid
  LANGUAGE plpgsql
  SET search_path TO ''
  AS $function$
declare
  source_name text;
  copy_id uuid;
  copied integer;
begin
  perform private.require_readable_project(duplicate_project.project_id);
  if (select private.project_role(duplicate_project.project_id)) < 'editor'
    or (select private.project_role(duplicate_project.project_id)) is null then
    raise exception 'only editors and owners can duplicate this project' using errcode = '42501',
      hint = 'export it instead, or ask an owner for the editor role';
  end if;
  select p.name into source_name from public.projects as p where p.id = duplicate_project.project_id;
  -- The project and its registries by the import path (read as the caller, keys carry the references), then the
  -- flows row to row.
  copy_id := private.import_project_document(
    private.document_of_project(duplicate_project.project_id, with_flows => false)::jsonb,
    coalesce(duplicate_project.name, pg_catalog.left(source_name || ' (copy)', 255))
  );
  copied := private.copy_flows(duplicate_project.project_id, copy_id);
  perform private.audit_event(
    copy_id, 'duplicate', 'projects', copy_id,
    pg_catalog.jsonb_build_object('source_project_id', project_id, 'flows', copied)
  );
  return copy_id;
end;
$function$;

CREATE OR REPLACE FUNCTION public.export_project (
  project_id uuid
)
  RETURNS json
  LANGUAGE plpgsql
  SET search_path TO ''
  AS $function$
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
$function$;

REVOKE ALL ON FUNCTION "public"."export_project"(uuid) FROM PUBLIC, "anon";

CREATE OR REPLACE FUNCTION public.flow_document (
  flow_id uuid
)
  RETURNS jsonb
  LANGUAGE plpgsql
  STABLE
  SET search_path TO ''
  AS $function$
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
$function$;

CREATE OR REPLACE FUNCTION public.project_document (
  project_id uuid
)
  RETURNS jsonb
  LANGUAGE plpgsql
  STABLE
  SET search_path TO ''
  AS $function$
begin
  perform private.require_readable_project(project_document.project_id);
  return private.document_of_project(project_document.project_id)::jsonb;
end;
$function$;

COMMENT ON FUNCTION "private"."document_of_project"(uuid, uuid, boolean) IS 'The flowatlas.project/v1 document of a project (all its live flows, only_flow, or none without with_flows), with the caller''s rights, as JSON text.';

COMMENT ON FUNCTION "private"."flow_document_sql"(text, text) IS 'The SQL expression (of type json) of a flow''s document for a flow row named source, the keys from the jsonb expression registry_keys: its content columns (the registry ids as keys) and its id, revision and status.';

COMMENT ON FUNCTION "private"."flow_documents"(uuid, uuid, jsonb) IS 'The document of every live flow of a project (or of only_flow) as JSON text, with the caller''s rights, and its name.';

COMMENT ON FUNCTION "public"."export_project"(uuid) IS 'Export a project you can read: project_document as JSON text, recorded in the audit log when the caller is a member (not for other readers of a public project). Call with POST.';

REVOKE ALL ON FUNCTION "private"."document_of_project"(uuid, uuid, boolean) FROM PUBLIC;

GRANT EXECUTE ON FUNCTION "private"."document_of_project"(uuid, uuid, boolean) TO "authenticated";

REVOKE ALL ON FUNCTION "private"."document_of_project"(uuid, uuid, boolean) FROM "postgres";

GRANT EXECUTE ON FUNCTION "private"."document_of_project"(uuid, uuid, boolean) TO "postgres";

GRANT EXECUTE ON FUNCTION "private"."document_of_project"(uuid, uuid, boolean) TO "service_role";

REVOKE ALL ON FUNCTION "private"."flow_documents"(uuid, uuid, jsonb) FROM PUBLIC;

GRANT EXECUTE ON FUNCTION "private"."flow_documents"(uuid, uuid, jsonb) TO "authenticated";

REVOKE ALL ON FUNCTION "private"."flow_documents"(uuid, uuid, jsonb) FROM "postgres";

GRANT EXECUTE ON FUNCTION "private"."flow_documents"(uuid, uuid, jsonb) TO "postgres";

GRANT EXECUTE ON FUNCTION "private"."flow_documents"(uuid, uuid, jsonb) TO "service_role";

GRANT EXECUTE ON FUNCTION "public"."export_project"(uuid) TO "authenticated";

REVOKE ALL ON FUNCTION "public"."export_project"(uuid) FROM "postgres";

GRANT EXECUTE ON FUNCTION "public"."export_project"(uuid) TO "postgres";

GRANT EXECUTE ON FUNCTION "public"."export_project"(uuid) TO "service_role";
