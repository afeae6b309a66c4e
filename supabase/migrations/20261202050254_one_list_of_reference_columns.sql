-- The content columns that hold registry ids (service_domain_id, service_id, actor_ids), which a document carries
-- by key, were listed twice: where a flow becomes its document and where a document becomes a flow. One list now,
-- private.flow_reference_columns(), read by both. Behaviour is unchanged.

SET local check_function_bodies = off;

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
      where c.name <> all (private.flow_reference_columns())
    ),
    source, registry_keys
  )
$function$;

CREATE OR REPLACE FUNCTION private.flow_reference_columns()
  RETURNS text[]
  LANGUAGE sql
  IMMUTABLE
  PARALLEL SAFE
  SET search_path TO ''
  AS $function$
  -- Content columns holding registry ids: a document carries them by key instead (service_domain, service, actors).
  select array['service_domain_id', 'service_id', 'actor_ids']
$function$;

CREATE OR REPLACE FUNCTION private.flow_row (
  document jsonb,
  project  uuid
)
  RETURNS public.flows
  LANGUAGE sql
  STABLE
  SET search_path TO ''
  AS $function$
  -- The document's fields by column name (jsonb_populate_record skips keys that name no column; a null is
  -- written as the column default), bookkeeping left out, keys resolved to the ids of the project's registries,
  -- and status when the document gives one.
  select pg_catalog.jsonb_populate_record(null::public.flows, (
    document - private.flow_bookkeeping_columns() - private.flow_reference_columns()
  ) || pg_catalog.jsonb_strip_nulls(pg_catalog.jsonb_build_object(
    'project_id', project,
    'status', document -> 'status',
    -- A flow's domain is its service's when the document names none (as private.tg_flow_references fills it).
    'service_domain_id', coalesce(
      (select d.id from public.service_domains as d where d.project_id = project and d.key = document ->> 'service_domain'),
      (select s.domain_id from public.services as s where s.project_id = project and s.key = document ->> 'service')
    ),
    'service_id', (
      select s.id from public.services as s where s.project_id = project and s.key = document ->> 'service'
    ),
    'actor_ids', (
      select pg_catalog.jsonb_agg(a.id order by k.ord)
      from pg_catalog.jsonb_array_elements_text(
        case when pg_catalog.jsonb_typeof(document -> 'actors') = 'array' then document -> 'actors' end
      ) with ordinality as k (key, ord)
      inner join public.actors as a on a.project_id = project and a.key = k.key
    )
  )))
$function$;

COMMENT ON FUNCTION "private"."flow_reference_columns"() IS 'The content columns of public.flows that hold registry ids, which a flow''s document carries by key.';

REVOKE ALL ON FUNCTION "private"."flow_reference_columns"() FROM PUBLIC;

GRANT EXECUTE ON FUNCTION "private"."flow_reference_columns"() TO "authenticated";

REVOKE ALL ON FUNCTION "private"."flow_reference_columns"() FROM "postgres";

GRANT EXECUTE ON FUNCTION "private"."flow_reference_columns"() TO "postgres";

GRANT EXECUTE ON FUNCTION "private"."flow_reference_columns"() TO "service_role";
