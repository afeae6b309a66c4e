-- An export of 2,000 flows took 2 s in the database, 2.4 s through PostgREST (goal 1.5 s). Two causes:
-- * document_of_project joined `(select private.registry_keys(p.id))` as a subquery; the planner pulled it up and
--   read the registry keys again for every flow (0.5 s).
-- * each flow was to_jsonb(row), minus the bookkeeping, minus the registry ids, plus six fields: every jsonb
--   operator decoded and encoded the 6 kB flow again (0.3 ms a flow). It is one jsonb_build_object now, written
--   from the catalog's content columns (private.flow_document_sql), for a whole project in one statement
--   (private.flow_documents). The documents are byte for byte the same.

SET local check_function_bodies = off;

DROP FUNCTION "private"."flow_document"(public.flows, jsonb);

CREATE OR REPLACE FUNCTION private.document_of_project (
  project    uuid,
  only_flow  uuid    DEFAULT NULL::uuid,
  with_flows boolean DEFAULT true
)
  RETURNS jsonb
  LANGUAGE sql
  STABLE
  SET search_path TO ''
  AS $function$
  select pg_catalog.jsonb_build_object(
    'format', 'flowatlas.project/v1',
    'exported_at', pg_catalog.to_jsonb(pg_catalog.now()),
    'project', pg_catalog.jsonb_build_object(
      'name', p.name, 'description', p.description, 'version', p.version, 'is_public', p.is_public,
      'settings', p.settings, 'custom_fields', p.custom_fields
    ),
    'service_domains', coalesce((
      select pg_catalog.jsonb_agg(pg_catalog.jsonb_build_object(
        'key', d.key, 'name', d.name, 'description', d.description, 'position', d.position,
        'custom_fields', d.custom_fields
      ) order by d.position, d.key)
      from public.service_domains as d where d.project_id = p.id
    ), '[]'::jsonb),
    'services', coalesce((
      select pg_catalog.jsonb_agg(pg_catalog.jsonb_build_object(
        'key', s.key, 'domain', d.key, 'name', s.name, 'description', s.description, 'position', s.position,
        'custom_fields', s.custom_fields
      ) order by s.position, s.key)
      from public.services as s inner join public.service_domains as d on d.id = s.domain_id
      where s.project_id = p.id
    ), '[]'::jsonb),
    'actors', coalesce((
      select pg_catalog.jsonb_agg(pg_catalog.jsonb_build_object(
        'key', a.key, 'kind', a.kind, 'name', a.name, 'description', a.description, 'position', a.position,
        'custom_fields', a.custom_fields
      ) order by a.position, a.key)
      from public.actors as a where a.project_id = p.id
    ), '[]'::jsonb),
    'integration_types', coalesce((
      select pg_catalog.jsonb_agg(pg_catalog.jsonb_build_object(
        'key', t.key, 'name', t.name, 'description', t.description, 'position', t.position,
        'custom_fields', t.custom_fields
      ) order by t.position, t.key)
      from public.integration_types as t where t.project_id = p.id
    ), '[]'::jsonb),
    -- Flows have no position: ordered by name, then by content (not by id), so flows of the same name keep one
    -- order in every database the document is imported into. Only those need their content compared: sorting
    -- every flow by its 5 kB of content spilled the export of 2,000 flows to disk (a second of 2.8).
    'flows', coalesce((
      select pg_catalog.jsonb_agg(listed.flow order by listed.name,
        case when listed.same_name > 1 then listed.flow - '{id,revision}'::text [] end)
      from (
        select d.name, d.flow, pg_catalog.count(*) over (partition by d.name) as same_name
        from private.flow_documents(p.id, only_flow, private.registry_keys(p.id)) as d
        where with_flows
      ) as listed
    ), '[]'::jsonb)
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
  execute pg_catalog.format('select %s from (select ($1).*) as f', private.flow_document_sql('f', '$2'))
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
  -- One jsonb_build_object of the content columns (read from the catalog) and the document's own fields. It
  -- costs a fifth of to_jsonb(row) with the bookkeeping removed and the fields added: every jsonb operator on a
  -- 6 kB flow decodes and encodes it again (0.07 against 0.3 ms a flow; an export builds 2,000). It takes up to
  -- 50 pairs: the content columns and six fields.
  select pg_catalog.format(
    'pg_catalog.jsonb_build_object(%1$s, ''id'', %2$s.id, ''revision'', %2$s.revision, ''status'', %2$s.status, '
    '''service_domain'', %3$s -> (%2$s.service_domain_id::text), ''service'', %3$s -> (%2$s.service_id::text), '
    '''actors'', coalesce((select pg_catalog.jsonb_agg(%3$s -> (x.actor_id::text) order by x.ord) '
    'from pg_catalog.unnest(%2$s.actor_ids) with ordinality as x (actor_id, ord) '
    'where %3$s operator(pg_catalog.?) (x.actor_id::text)), ''[]''::jsonb))',
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
    flow jsonb
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

COMMENT ON FUNCTION "private"."flow_document"(public.flows, jsonb) IS 'A flow as the project document carries it: its content columns, registries by key (service_domain, service, actors; keys from private.registry_keys), and its id, revision and status. The inverse of private.flow_row.';

COMMENT ON FUNCTION "private"."flow_document_sql"(text, text) IS 'The SQL expression of private.flow_document for a flow row named source, the keys from the JSON expression registry_keys: its content columns (the registry ids as keys) and its id, revision and status.';

COMMENT ON FUNCTION "private"."flow_documents"(uuid, uuid, jsonb) IS 'private.flow_document of every live flow of a project (or of only_flow), with the caller''s rights, and its name.';

REVOKE ALL ON FUNCTION "private"."flow_document"(public.flows, jsonb) FROM PUBLIC;

GRANT EXECUTE ON FUNCTION "private"."flow_document"(public.flows, jsonb) TO "authenticated";

REVOKE ALL ON FUNCTION "private"."flow_document"(public.flows, jsonb) FROM "postgres";

GRANT EXECUTE ON FUNCTION "private"."flow_document"(public.flows, jsonb) TO "postgres";

GRANT EXECUTE ON FUNCTION "private"."flow_document"(public.flows, jsonb) TO "service_role";

REVOKE ALL ON FUNCTION "private"."flow_document_sql"(text, text) FROM PUBLIC;

GRANT EXECUTE ON FUNCTION "private"."flow_document_sql"(text, text) TO "authenticated";

REVOKE ALL ON FUNCTION "private"."flow_document_sql"(text, text) FROM "postgres";

GRANT EXECUTE ON FUNCTION "private"."flow_document_sql"(text, text) TO "postgres";

GRANT EXECUTE ON FUNCTION "private"."flow_document_sql"(text, text) TO "service_role";

REVOKE ALL ON FUNCTION "private"."flow_documents"(uuid, uuid, jsonb) FROM PUBLIC;

GRANT EXECUTE ON FUNCTION "private"."flow_documents"(uuid, uuid, jsonb) TO "authenticated";

REVOKE ALL ON FUNCTION "private"."flow_documents"(uuid, uuid, jsonb) FROM "postgres";

GRANT EXECUTE ON FUNCTION "private"."flow_documents"(uuid, uuid, jsonb) TO "postgres";

GRANT EXECUTE ON FUNCTION "private"."flow_documents"(uuid, uuid, jsonb) TO "service_role";
