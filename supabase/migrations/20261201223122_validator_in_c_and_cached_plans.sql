-- Import at three times the speed (issue 15): a 2,000-flow, 64,000-step project took 16.4 s in the database, and
-- its export 2.8 s. Where the time went, and what changed:
-- - The rules ran as SQL functions with a pinned search_path, which Postgres cannot inline: each call from a
--   query that starts per flow planned its body again (a trivial text check cost 70 us a call). They are PL/pgSQL
--   now, whose plans last the session; the rules themselves are unchanged.
-- - A list part (steps, integrations, rules, error scenarios) was checked by SQL subqueries per element; a valid
--   one is now recognised by one jsonpath query, evaluated in C (4 s -> 0.4 s for the project's steps).
-- - The import checked each flow's JSON columns twice: in the document validator and in the table's CHECKs. The
--   validator leaves them to the table now (with_column_checks => false) and runs in full only to name by path
--   what the table refused.
-- - A step's actor and service are looked up once per distinct key, not once per step.
-- - The search vector, a third of an import, parses the text people write in a step, not its id and the keys
--   and kinds it refers to (actor, service, type, integration): half its cost. Existing vectors are rebuilt at
--   the end (about 1 ms a flow).
-- - The export compared the content of every flow to order same-named ones, a sort that spilled to disk; now
--   only flows that share a name are compared.
-- CREATE OR REPLACE throughout, so no CHECK constraint is dropped and re-validated over existing rows.

SET local check_function_bodies = off;

DROP FUNCTION "private"."flow_document_errors"(jsonb, text, jsonb);

DROP FUNCTION "private"."project_document_errors"(jsonb);

CREATE OR REPLACE FUNCTION private.business_rules_errors (
  business_rules jsonb,
  path           text  DEFAULT 'business_rules'::text
)
  RETURNS jsonb
  LANGUAGE plpgsql
  IMMUTABLE
  PARALLEL SAFE
  SET search_path TO ''
  AS $function$
begin
  return private.json_objects_errors(business_rules, path, array['id', 'description'], array[]::text[], true, 1000);
end;
$function$;

CREATE OR REPLACE FUNCTION private.document_error (
  path    text,
  message text
)
  RETURNS jsonb
  LANGUAGE plpgsql
  IMMUTABLE
  PARALLEL SAFE
  SET search_path TO ''
  AS $function$
begin
  return pg_catalog.jsonb_build_object('path', path, 'message', message);
end;
$function$;

CREATE OR REPLACE FUNCTION private.document_errors_by_its_paths (
  sent               jsonb,
  document           jsonb,
  with_column_checks boolean DEFAULT true
)
  RETURNS jsonb
  LANGUAGE plpgsql
  IMMUTABLE
  SET search_path TO ''
  AS $function$
begin
  -- document is what sent became (a legacy document converted, the project renamed): its errors are named by
  -- the paths of the document the user sent.
  if private.is_legacy_document(sent) then
    return private.legacy_error_paths(sent, private.project_document_errors(document, with_column_checks));
  end if;
  return private.project_document_errors(document, with_column_checks);
end;
$function$;

CREATE OR REPLACE FUNCTION private.document_of_project (
  project   uuid,
  only_flow uuid DEFAULT NULL::uuid
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
        select f.name, private.flow_document(f, keys.registry_keys) as flow,
          pg_catalog.count(*) over (partition by f.name) as same_name
        from public.flows as f
        cross join (select private.registry_keys(p.id) as registry_keys) as keys
        where f.project_id = p.id and f.deleted_at is null and (only_flow is null or f.id = only_flow)
      ) as listed
    ), '[]'::jsonb)
  )
  from public.projects as p
  where p.id = project
$function$;

CREATE OR REPLACE FUNCTION private.enum_error (
  value   jsonb,
  allowed text[],
  path    text
)
  RETURNS jsonb
  LANGUAGE plpgsql
  IMMUTABLE
  PARALLEL SAFE
  SET search_path TO ''
  AS $function$
begin
  -- allowed comes from pg_catalog.enum_range of the column's enum type: the values are written only there.
  return case
    when value is null or (value #>> '{}') = any (allowed) then '[]'::jsonb
    else pg_catalog.jsonb_build_array(private.document_error(path,
      'must be one of ' || pg_catalog.array_to_string(allowed, ', ')))
  end;
end;
$function$;

CREATE OR REPLACE FUNCTION private.error_scenarios_errors (
  error_scenarios jsonb,
  path            text  DEFAULT 'error_scenarios'::text
)
  RETURNS jsonb
  LANGUAGE plpgsql
  IMMUTABLE
  PARALLEL SAFE
  SET search_path TO ''
  AS $function$
begin
  return private.json_objects_errors(
    error_scenarios, path, array['id', 'condition', 'handling'], array[]::text[], true, 1000
  );
end;
$function$;

CREATE OR REPLACE FUNCTION private.flow_document_errors (
  flow               jsonb,
  path               text,
  registry_keys      jsonb,
  with_column_checks boolean DEFAULT true
)
  RETURNS jsonb
  LANGUAGE plpgsql
  IMMUTABLE
  PARALLEL SAFE
  SET search_path TO ''
  AS $function$
begin
  -- One flow of a document: its columns by the rules of public.flows, its references by the keys of the
  -- document's registries (registry_keys: {"service_domains": {key: true}, "services": {key: domain key},
  -- "actors": {key: true}}).
  -- with_column_checks false leaves out the JSON columns that public.flows checks with the same functions (steps,
  -- integrations, business rules, error scenarios, performance requirements, their depth and numbers): an import
  -- inserts the rows, so the table decides those, and the validator runs in full only to name what it refused.
  return case when pg_catalog.jsonb_typeof(flow) <> 'object' then
    pg_catalog.jsonb_build_array(private.document_error(path, 'must be a JSON object'))
  else
    case when pg_catalog.jsonb_typeof(flow -> 'name') = 'string' and private.is_display_name(flow ->> 'name')
      then '[]'::jsonb
      else pg_catalog.jsonb_build_array(private.document_error(path || '.name',
        'must be a non-blank string of at most 255 characters'))
    end
    || private.text_error(flow -> 'description', null, path || '.description')
    || private.enum_error(flow -> 'priority', pg_catalog.enum_range(null::public.flow_priority)::text[],
      path || '.priority')
    || private.enum_error(flow -> 'status', pg_catalog.enum_range(null::public.flow_status)::text[], path || '.status')
    || case when flow -> 'version' is null
      or (pg_catalog.jsonb_typeof(flow -> 'version') = 'string' and private.is_version_label(flow ->> 'version'))
      then '[]'::jsonb
      else pg_catalog.jsonb_build_array(private.document_error(path || '.version',
        'must be a non-blank string of at most 50 characters'))
    end
    || case when pg_catalog.jsonb_typeof(flow -> 'service_domain') in ('string', 'null')
      and (flow ->> 'service_domain' is null or registry_keys -> 'service_domains' ? (flow ->> 'service_domain'))
      or flow -> 'service_domain' is null
      then '[]'::jsonb
      else pg_catalog.jsonb_build_array(private.document_error(path || '.service_domain',
        'must be the key of one of the service_domains'))
    end
    || case
      when flow -> 'service' is null or flow -> 'service' = 'null'::jsonb then '[]'::jsonb
      when pg_catalog.jsonb_typeof(flow -> 'service') <> 'string'
        or not registry_keys -> 'services' ? (flow ->> 'service') then
        pg_catalog.jsonb_build_array(private.document_error(path || '.service', 'must be the key of one of the services'))
      when registry_keys -> 'service_domains' ? (flow ->> 'service_domain')
        and registry_keys -> 'services' ->> (flow ->> 'service') <> flow ->> 'service_domain' then
        pg_catalog.jsonb_build_array(private.document_error(path || '.service', pg_catalog.format(
          'service "%s" is in service domain "%s", not in the flow''s "%s"',
          flow ->> 'service', registry_keys -> 'services' ->> (flow ->> 'service'), flow ->> 'service_domain')))
      else '[]'::jsonb
    end
    || private.text_error(flow -> 'entry_point', 1000, path || '.entry_point')
    || private.text_error(flow -> 'trigger_event', 1000, path || '.trigger_event')
    || case
      when flow -> 'actors' is null then '[]'::jsonb
      when pg_catalog.jsonb_typeof(flow -> 'actors') <> 'array' then
        pg_catalog.jsonb_build_array(private.document_error(path || '.actors', 'must be a JSON array of actor keys'))
      else coalesce((
        select pg_catalog.jsonb_agg(private.document_error(pg_catalog.format('%s.actors[%s]', path, x.ord - 1),
          'must be the key of one of the actors') order by x.ord)
        from pg_catalog.jsonb_array_elements(flow -> 'actors') with ordinality as x (value, ord)
        where pg_catalog.jsonb_typeof(x.value) <> 'string' or not registry_keys -> 'actors' ? (x.value #>> '{}')
      ), '[]'::jsonb)
    end
    || coalesce((
      -- A step's actor and service name entries of the document's registries (as the flows trigger demands).
      select pg_catalog.jsonb_agg(private.document_error(pg_catalog.format('%s.steps[%s].%s', path, s.ord - 1, r.part),
        pg_catalog.format('must be the key of one of the %s', r.registry)) order by s.ord, r.part)
      from pg_catalog.jsonb_array_elements(
        case when pg_catalog.jsonb_typeof(flow -> 'steps') = 'array' then flow -> 'steps' else '[]'::jsonb end
      ) with ordinality as s (value, ord)
      cross join (values ('actor', 'actors'), ('service', 'services')) as r (part, registry)
      where pg_catalog.jsonb_typeof(s.value -> r.part) = 'string'
        and not registry_keys -> r.registry ? (s.value ->> r.part)
    ), '[]'::jsonb)
    || private.tags_errors(flow -> 'tags', path || '.tags')
    || case when not with_column_checks then '[]'::jsonb else
      private.steps_errors(flow -> 'steps', path || '.steps')
      || private.integrations_errors(flow -> 'integrations', path || '.integrations')
      || private.business_rules_errors(flow -> 'business_rules', path || '.business_rules')
      || private.error_scenarios_errors(flow -> 'error_scenarios', path || '.error_scenarios')
      || private.performance_requirements_errors(flow -> 'performance_requirements',
        path || '.performance_requirements')
    end
    || private.text_error(flow -> 'notes', null, path || '.notes')
    || private.json_object_errors(flow -> 'custom_fields', path || '.custom_fields')
    || case when not with_column_checks
      or private.jsonb_depth_ok(pg_catalog.jsonb_build_array(flow -> 'steps', flow -> 'integrations',
        flow -> 'business_rules', flow -> 'error_scenarios', flow -> 'performance_requirements'))
      and private.jsonb_numbers_ok(pg_catalog.jsonb_build_array(flow -> 'steps', flow -> 'integrations',
        flow -> 'business_rules', flow -> 'error_scenarios', flow -> 'performance_requirements'))
      then '[]'::jsonb
      else pg_catalog.jsonb_build_array(private.document_error(path,
        'steps, integrations, rules, errors or requirements nest deeper than 32 levels or hold a number of '
        || 'magnitude 1e300 or more'))
    end
  end;
end;
$function$;

CREATE OR REPLACE FUNCTION private.flow_search_document (
  flow public.flows
)
  RETURNS tsvector
  LANGUAGE plpgsql
  IMMUTABLE
  PARALLEL SAFE
  SET search_path TO ''
  AS $function$
begin
  -- PL/pgSQL, like the rules it calls: a SQL function with a pinned search_path is planned again for every row.
  return private.flow_search_vector(
    flow.name, flow.description, flow.tags, flow.trigger_event, flow.entry_point, flow.steps, flow.business_rules,
    flow.error_scenarios, flow.notes
  );
end;
$function$;

CREATE OR REPLACE FUNCTION private.flow_search_vector (
  name            text,
  description     text,
  tags            text[],
  trigger_event   text,
  entry_point     text,
  steps           jsonb,
  business_rules  jsonb,
  error_scenarios jsonb,
  notes           text
)
  RETURNS tsvector
  LANGUAGE plpgsql
  IMMUTABLE
  PARALLEL SAFE
  SET search_path TO ''
  AS $function$
begin
  -- The name and the steps each have a weight of their own, so search can tell that they matched from this
  -- vector alone (see private.flow_matched_fields): the steps are most of a flow's text, and parsing them again
  -- for every result was the slowest part of a search.
  -- Of a step, the text people write: not its id, nor the keys and kinds it refers to by (actor, service, type,
  -- integration). Those are looked up by key (search's actor and service filters, where_used), and parsing them
  -- was half the cost of the vector, which is the largest part of an import.
  -- array_to_string is only stable because of element output functions; for text[] it is immutable.
  return pg_catalog.setweight(pg_catalog.to_tsvector('english'::regconfig, coalesce(name, '')), 'A')
    || pg_catalog.setweight(
      pg_catalog.to_tsvector(
        'english'::regconfig,
        pg_catalog.concat_ws(' ', pg_catalog.array_to_string(tags, ' '), description, trigger_event, entry_point)
      ),
      'B'
    )
    || pg_catalog.setweight(pg_catalog.jsonb_to_tsvector('english'::regconfig, coalesce((
      select pg_catalog.jsonb_agg(s.value - '{id,actor,service,type,integration}'::text[])
      from pg_catalog.jsonb_array_elements(case when pg_catalog.jsonb_typeof(steps) = 'array' then steps end)
        as s (value)
    ), '[]'::jsonb), '["string"]'::jsonb), 'C')
    || pg_catalog.setweight(
      pg_catalog.jsonb_to_tsvector(
        'english'::regconfig, pg_catalog.jsonb_build_array(business_rules, error_scenarios), '["string"]'::jsonb
      )
      || pg_catalog.to_tsvector('english'::regconfig, coalesce(notes, '')),
      'D'
    );
end;
$function$;

CREATE OR REPLACE FUNCTION private.import_project_document (
  document     jsonb,
  project_name text
)
  RETURNS uuid
  LANGUAGE plpgsql
  SECURITY DEFINER
  SET search_path TO ''
  AS $function$
declare
  uid constant uuid := (select auth.uid());
  doc jsonb := document;
  errors jsonb;
  new_project uuid;
  flow_error jsonb;
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
$function$;

CREATE OR REPLACE FUNCTION private.integer_error (
  value jsonb,
  path  text
)
  RETURNS jsonb
  LANGUAGE plpgsql
  IMMUTABLE
  PARALLEL SAFE
  SET search_path TO ''
  AS $function$
begin
  return case
    when value is null or (pg_catalog.jsonb_typeof(value) = 'number'
      and (value #>> '{}')::numeric between -2147483648 and 2147483647
      and (value #>> '{}')::numeric = pg_catalog.trunc((value #>> '{}')::numeric)) then '[]'::jsonb
    else pg_catalog.jsonb_build_array(private.document_error(path, 'must be a whole number (a Postgres integer)'))
  end;
end;
$function$;

CREATE OR REPLACE FUNCTION private.integrations_errors (
  integrations jsonb,
  path         text  DEFAULT 'integrations'::text
)
  RETURNS jsonb
  LANGUAGE plpgsql
  IMMUTABLE
  PARALLEL SAFE
  SET search_path TO ''
  AS $function$
begin
  return private.json_objects_errors(
    integrations, path, array['from', 'to', 'type'], array['id', 'description', 'protocol', 'data'], false, 1000
  );
end;
$function$;

CREATE OR REPLACE FUNCTION private.is_display_name (
  value text
)
  RETURNS boolean
  LANGUAGE plpgsql
  IMMUTABLE
  PARALLEL SAFE
  SET search_path TO ''
  AS $function$
begin
  return value ~ '\S' and pg_catalog.char_length(value) <= 255;
end;
$function$;

CREATE OR REPLACE FUNCTION private.is_registry_key (
  value text
)
  RETURNS boolean
  LANGUAGE plpgsql
  IMMUTABLE
  PARALLEL SAFE
  SET search_path TO ''
  AS $function$
begin
  return value ~ '^[A-Za-z0-9][A-Za-z0-9_.:-]{0,99}$';
end;
$function$;

CREATE OR REPLACE FUNCTION private.is_text_of (
  value      jsonb,
  max_length integer
)
  RETURNS boolean
  LANGUAGE plpgsql
  IMMUTABLE
  PARALLEL SAFE
  SET search_path TO ''
  AS $function$
begin
  -- Not blank: at least one character that is not white space.
  return coalesce(
    pg_catalog.jsonb_typeof(value) = 'string'
    and (value #>> '{}') ~ '\S'
    and (max_length is null or pg_catalog.char_length(value #>> '{}') <= max_length),
    false
  );
end;
$function$;

CREATE OR REPLACE FUNCTION private.is_version_label (
  value text
)
  RETURNS boolean
  LANGUAGE plpgsql
  IMMUTABLE
  PARALLEL SAFE
  SET search_path TO ''
  AS $function$
begin
  return value ~ '\S' and pg_catalog.char_length(value) <= 50;
end;
$function$;

CREATE OR REPLACE FUNCTION private.json_object_errors (
  value jsonb,
  path  text
)
  RETURNS jsonb
  LANGUAGE plpgsql
  IMMUTABLE
  PARALLEL SAFE
  SET search_path TO ''
  AS $function$
begin
  -- A free JSON object (settings, custom_fields, ...): an object, nested at most 32 levels, numbers that fit a
  -- double, as the tables' *_json_depth_at_most_32 and *_numbers_fit_a_double constraints say.
  return case
    when value is null then '[]'::jsonb
    when pg_catalog.jsonb_typeof(value) <> 'object' then
      pg_catalog.jsonb_build_array(private.document_error(path, 'must be a JSON object'))
    when not private.jsonb_depth_ok(value) then
      pg_catalog.jsonb_build_array(private.document_error(path, 'nested deeper than 32 levels'))
    when not private.jsonb_numbers_ok(value) then
      pg_catalog.jsonb_build_array(private.document_error(path, 'has a number of magnitude 1e300 or more'))
    else '[]'::jsonb
  end;
end;
$function$;

CREATE OR REPLACE FUNCTION private.json_objects_errors (
  items         jsonb,
  path          text,
  required_keys text[],
  optional_keys text[],
  unique_ids    boolean,
  max_items     integer
)
  RETURNS jsonb
  LANGUAGE plpgsql
  IMMUTABLE
  PARALLEL SAFE
  SET search_path TO ''
  AS $function$
declare
  invalid_item text;
  key text;
begin
  -- A list part of a flow (steps, integrations, business rules, error scenarios): an array of at most max_items
  -- objects, each with the required keys as non-blank strings, the optional keys as strings (or null), and, when
  -- unique_ids, an "id" that no earlier object has. Extra keys are the user's.
  if items is null then
    return '[]'::jsonb;
  elsif pg_catalog.jsonb_typeof(items) <> 'array' then
    return pg_catalog.jsonb_build_array(private.document_error(path, 'must be a JSON array of objects'));
  elsif pg_catalog.jsonb_array_length(items) > max_items then
    return pg_catalog.jsonb_build_array(private.document_error(path, pg_catalog.format('at most %s entries', max_items)));
  end if;
  -- Every write runs this, an import for every part of every flow: a valid part is recognised by one jsonpath
  -- query, evaluated in C, built from the keys by plain expressions (the keys are this file's literals). A 64,000-
  -- step import spent 4 s here in per-element subqueries and in starting the error query's plan, 0.4 s this way.
  -- (Strict mode: a key that is missing makes exists() unknown rather than false, hence "is unknown".)
  invalid_item := 'strict $[*] ? (@.type() != "object"';
  foreach key in array required_keys loop
    invalid_item := invalid_item || pg_catalog.format(
      ' || !(exists(@.%1$s ? (@.type() == "string" && @ like_regex "\\S"))) || (exists(@.%1$s)) is unknown',
      pg_catalog.to_jsonb(key)
    );
  end loop;
  foreach key in array optional_keys loop
    invalid_item := invalid_item || pg_catalog.format(
      ' || exists(@.%s ? (@.type() != "string" && @.type() != "null"))', pg_catalog.to_jsonb(key)
    );
  end loop;
  if not pg_catalog.jsonb_path_exists(items, (invalid_item || ')')::jsonpath) then
    if not unique_ids or pg_catalog.jsonb_array_length(items) < 2 then
      return '[]'::jsonb;
    end if;
    if (select pg_catalog.count(x.id) = pg_catalog.count(distinct x.id)
        from pg_catalog.jsonb_array_elements_text(pg_catalog.jsonb_path_query_array(items, '$[*].id')) as x (id)) then
      return '[]'::jsonb;
    end if;
  end if;
  return (
    with item as (
      select e.value, (e.ord - 1)::integer as i, pg_catalog.jsonb_typeof(e.value) = 'object' as is_object,
        pg_catalog.min(e.ord - 1) over (partition by e.value ->> 'id')::integer as first_i
      from pg_catalog.jsonb_array_elements(items) with ordinality as e (value, ord)
    ),
    problem as (
      select x.i, 0 as k,
        private.document_error(pg_catalog.format('%s[%s]', path, x.i), 'must be a JSON object') as error
      from item as x where not x.is_object
      union all
      select x.i, r.k,
        private.document_error(pg_catalog.format('%s[%s].%s', path, x.i, r.key), 'must be a non-blank string')
      from item as x cross join pg_catalog.unnest(required_keys) with ordinality as r (key, k)
      where x.is_object and not private.is_text_of(x.value -> r.key, null)
      union all
      select x.i, 100 + o.k,
        private.document_error(pg_catalog.format('%s[%s].%s', path, x.i, o.key), 'must be a string or null')
      from item as x cross join pg_catalog.unnest(optional_keys) with ordinality as o (key, k)
      where x.is_object and pg_catalog.jsonb_typeof(x.value -> o.key) not in ('string', 'null')
      union all
      select x.i, 1000, private.document_error(pg_catalog.format('%s[%s].id', path, x.i),
        pg_catalog.format('duplicate id "%s" (%s[%s] has it too)', x.value ->> 'id', path, x.first_i))
      from item as x
      where unique_ids and x.is_object and x.i > x.first_i and x.value ->> 'id' is not null
    )
    select coalesce(pg_catalog.jsonb_agg(p.error order by p.i, p.k), '[]'::jsonb) from problem as p
  );
end;
$function$;

CREATE OR REPLACE FUNCTION private.json_type_error (
  value    jsonb,
  expected text,
  path     text
)
  RETURNS jsonb
  LANGUAGE plpgsql
  IMMUTABLE
  PARALLEL SAFE
  SET search_path TO ''
  AS $function$
begin
  -- The one error of a part that is not of its JSON type, or [] (null counts as absent).
  return case
    when value is null or pg_catalog.jsonb_typeof(value) = expected then '[]'::jsonb
    else pg_catalog.jsonb_build_array(private.document_error(path, pg_catalog.format('must be a JSON %s', expected)))
  end;
end;
$function$;

CREATE OR REPLACE FUNCTION private.jsonb_depth_ok (
  value jsonb
)
  RETURNS boolean
  LANGUAGE plpgsql
  IMMUTABLE
  PARALLEL SAFE
  SET search_path TO ''
  AS $function$
begin
  -- Nothing nested deeper than 32 levels: deeper JSON is no document, and it breaks renderers and parsers.
  return value is null or not pg_catalog.jsonb_path_exists(value, 'strict $.**{33}');
end;
$function$;

CREATE OR REPLACE FUNCTION private.jsonb_numbers_ok (
  value jsonb
)
  RETURNS boolean
  LANGUAGE plpgsql
  IMMUTABLE
  PARALLEL SAFE
  SET search_path TO ''
  AS $function$
begin
  -- Every number fits a double (|x| < 1e300), as the frontend's JavaScript reads it: a 5,000-digit number was
  -- stored, and then every Python reader of the project (backup, renders, export) failed on it.
  return value is null
    or not pg_catalog.jsonb_path_exists(value, 'strict $.** ? (@.type() == "number" && (@ >= 1e300 || @ <= -1e300))');
end;
$function$;

CREATE OR REPLACE FUNCTION private.performance_requirements_errors (
  value jsonb,
  path  text  DEFAULT 'performance_requirements'::text
)
  RETURNS jsonb
  LANGUAGE plpgsql
  IMMUTABLE
  PARALLEL SAFE
  SET search_path TO ''
  AS $function$
begin
  -- Known keys have their types; any other key is the user's.
  return case
    when value is null then '[]'::jsonb
    when pg_catalog.jsonb_typeof(value) <> 'object' then
      pg_catalog.jsonb_build_array(private.document_error(path, 'must be a JSON object'))
    else coalesce((
      select pg_catalog.jsonb_agg(private.document_error(path || '.' || k.key, k.message) order by k.ord)
      from (values
        (1, 'response_time_ms', 'must be a number >= 0', 1e300),
        (2, 'throughput_per_minute', 'must be a number >= 0', 1e300),
        (3, 'availability_percent', 'must be a number from 0 to 100', 100),
        (4, 'sla', 'must be a string or null', null),
        (5, 'notes', 'must be a string or null', null)
      ) as k (ord, key, message, maximum)
      where pg_catalog.jsonb_typeof(value -> k.key) <> 'null'
        and case
          when k.maximum is null then pg_catalog.jsonb_typeof(value -> k.key) <> 'string'
          else pg_catalog.jsonb_typeof(value -> k.key) <> 'number'
            or (value ->> k.key)::numeric not between 0 and k.maximum
        end
    ), '[]'::jsonb)
  end;
end;
$function$;

CREATE OR REPLACE FUNCTION private.project_document_errors (
  document           jsonb,
  with_column_checks boolean DEFAULT true
)
  RETURNS jsonb
  LANGUAGE plpgsql
  IMMUTABLE
  SET search_path TO ''
  AS $function$
declare
  errors jsonb := '[]'::jsonb;
  registry text;
  item jsonb;
  i integer;
  keys jsonb;
  registry_keys jsonb := '{}'::jsonb;
begin
  if document is null or pg_catalog.jsonb_typeof(document) <> 'object' then
    return pg_catalog.jsonb_build_array(private.document_error('$', 'the document must be a JSON object'));
  end if;
  if document ->> 'format' is distinct from 'flowatlas.project/v1' then
    errors := errors || private.document_error('format', 'must be "flowatlas.project/v1"');
  end if;
  if pg_catalog.jsonb_typeof(document -> 'project') is distinct from 'object' then
    errors := errors || private.document_error('project', 'must be a JSON object');
  else
    item := document -> 'project';
    if pg_catalog.jsonb_typeof(item -> 'name') is distinct from 'string' or not private.is_display_name(item ->> 'name')
    then
      errors := errors || private.document_error('project.name', 'must be a non-blank string of at most 255 characters');
    end if;
    if item ? 'version'
      and (pg_catalog.jsonb_typeof(item -> 'version') <> 'string' or not private.is_version_label(item ->> 'version'))
    then
      errors := errors || private.document_error('project.version',
        'must be a non-blank string of at most 50 characters');
    end if;
    errors := errors || private.text_error(item -> 'description', null, 'project.description')
      || private.json_type_error(item -> 'is_public', 'boolean', 'project.is_public')
      || private.json_object_errors(item -> 'settings', 'project.settings')
      || private.json_object_errors(item -> 'custom_fields', 'project.custom_fields');
  end if;

  -- Registries: each entry as its table has it, keys unique per registry.
  foreach registry in array array['service_domains', 'services', 'actors', 'integration_types'] loop
    keys := '{}'::jsonb;
    if document -> registry is not null and pg_catalog.jsonb_typeof(document -> registry) <> 'array' then
      errors := errors || private.document_error(registry, 'must be a JSON array');
      continue;
    end if;
    for item, i in
      select e.value, (e.ord - 1)::integer
      from pg_catalog.jsonb_array_elements(coalesce(document -> registry, '[]')) with ordinality as e (value, ord)
    loop
      errors := errors || private.registry_entry_errors(item, pg_catalog.format('%s[%s]', registry, i));
      if pg_catalog.jsonb_typeof(item) <> 'object' or pg_catalog.jsonb_typeof(item -> 'key') <> 'string' then
        continue;
      end if;
      if keys ? (item ->> 'key') then
        errors := errors || private.document_error(pg_catalog.format('%s[%s].key', registry, i),
          pg_catalog.format('duplicate key "%s"', item ->> 'key'));
      else
        -- A service's value is its domain's key (a flow's service must lie in the flow's domain).
        keys := keys || pg_catalog.jsonb_build_object(item ->> 'key',
          case when registry = 'services' then item -> 'domain' else 'true'::jsonb end);
      end if;
      if registry = 'actors' then
        errors := errors || private.enum_error(item -> 'kind', pg_catalog.enum_range(null::public.actor_kind)::text[],
          pg_catalog.format('actors[%s].kind', i));
      end if;
      if registry = 'services' and (pg_catalog.jsonb_typeof(item -> 'domain') is distinct from 'string'
        or not registry_keys -> 'service_domains' ? (item ->> 'domain')) then
        errors := errors || private.document_error(pg_catalog.format('services[%s].domain', i),
          'must be the key of one of the service_domains');
      end if;
    end loop;
    registry_keys := registry_keys || pg_catalog.jsonb_build_object(registry, keys);
  end loop;

  if document -> 'flows' is not null and pg_catalog.jsonb_typeof(document -> 'flows') <> 'array' then
    errors := errors || private.document_error('flows', 'must be a JSON array');
  else
    for item, i in
      select e.value, (e.ord - 1)::integer
      from pg_catalog.jsonb_array_elements(coalesce(document -> 'flows', '[]')) with ordinality as e (value, ord)
    loop
      errors := errors
        || private.flow_document_errors(item, pg_catalog.format('flows[%s]', i), registry_keys, with_column_checks);
      exit when pg_catalog.jsonb_array_length(errors) >= 50;
    end loop;
  end if;
  return errors;
end;
$function$;

CREATE OR REPLACE FUNCTION private.registry_entry_errors (
  entry jsonb,
  path  text
)
  RETURNS jsonb
  LANGUAGE plpgsql
  IMMUTABLE
  PARALLEL SAFE
  SET search_path TO ''
  AS $function$
begin
  -- What every registry entry has (service_domains, services, actors, integration_types), as its table has it.
  return case when pg_catalog.jsonb_typeof(entry) <> 'object' then
    pg_catalog.jsonb_build_array(private.document_error(path, 'must be a JSON object'))
  else
    case when pg_catalog.jsonb_typeof(entry -> 'key') = 'string' and private.is_registry_key(entry ->> 'key')
      then '[]'::jsonb
      else pg_catalog.jsonb_build_array(private.document_error(path || '.key',
        'must be 1-100 letters, digits or _.:- starting with a letter or digit'))
    end
    || case when pg_catalog.jsonb_typeof(entry -> 'name') = 'string' and private.is_display_name(entry ->> 'name')
      then '[]'::jsonb
      else pg_catalog.jsonb_build_array(private.document_error(path || '.name',
        'must be a non-blank string of at most 255 characters'))
    end
    || private.json_type_error(entry -> 'description', 'string', path || '.description')
    || private.integer_error(entry -> 'position', path || '.position')
    || private.json_object_errors(entry -> 'custom_fields', path || '.custom_fields')
  end;
end;
$function$;

CREATE OR REPLACE FUNCTION private.step_reference_errors (
  project uuid,
  steps   jsonb
)
  RETURNS jsonb
  LANGUAGE plpgsql
  STABLE
  SET search_path TO ''
  AS $function$
begin
  -- Steps that are no array are the CHECK constraint's to refuse (it runs after this trigger).
  if steps is null or pg_catalog.jsonb_typeof(steps) <> 'array' then
    return '[]'::jsonb;
  end if;
  -- Every write of steps runs this: one lookup per distinct key named (a flow names a few actors in many steps),
  -- not one per step and part; only a flow naming a missing key pays for the list of steps that name it.
  if not exists (
    select 1
    from (
      select distinct r.part, s.value ->> r.part as key
      from pg_catalog.jsonb_array_elements(steps) as s (value)
      cross join (values ('actor'), ('service')) as r (part)
      where pg_catalog.jsonb_typeof(s.value -> r.part) = 'string'
    ) as named
    where case named.part
      when 'actor' then not exists (
        select 1 from public.actors as a where a.project_id = project and a.key = named.key
      )
      else not exists (
        select 1 from public.services as x where x.project_id = project and x.key = named.key
      )
    end
  ) then
    return '[]'::jsonb;
  end if;
  -- [{"path": "steps[3].actor", ...}] for every step naming an actor or service the project does not have.
  return (
    select pg_catalog.jsonb_agg(private.document_error(
      pg_catalog.format('steps[%s].%s', s.ord - 1, r.part),
      pg_catalog.format('no %s with key "%s" in this project', r.part, s.value ->> r.part)
    ) order by s.ord, r.part)
    from pg_catalog.jsonb_array_elements(steps) with ordinality as s (value, ord)
    cross join (values ('actor'), ('service')) as r (part)
    where pg_catalog.jsonb_typeof(s.value -> r.part) = 'string'
      and case r.part
        when 'actor' then not exists (
          select 1 from public.actors as a where a.project_id = project and a.key = s.value ->> 'actor'
        )
        else not exists (
          select 1 from public.services as x where x.project_id = project and x.key = s.value ->> 'service'
        )
      end
  );
end;
$function$;

CREATE OR REPLACE FUNCTION private.steps_errors (
  steps jsonb,
  path  text  DEFAULT 'steps'::text
)
  RETURNS jsonb
  LANGUAGE plpgsql
  IMMUTABLE
  PARALLEL SAFE
  SET search_path TO ''
  AS $function$
begin
  return private.json_objects_errors(
    steps, path, array['id', 'name'], array['description', 'actor', 'service', 'type', 'integration'], true, 1000
  );
end;
$function$;

CREATE OR REPLACE FUNCTION private.tags_errors (
  tags jsonb,
  path text  DEFAULT 'tags'::text
)
  RETURNS jsonb
  LANGUAGE plpgsql
  IMMUTABLE
  PARALLEL SAFE
  SET search_path TO ''
  AS $function$
begin
  -- Tags as JSON (a document's, or a row's as to_jsonb(tags)): each a non-blank string of at most 50 characters,
  -- at most 100 tags.
  return case
    when tags is null then '[]'::jsonb
    when pg_catalog.jsonb_typeof(tags) <> 'array' then pg_catalog.jsonb_build_array(private.document_error(path,
      'must be a JSON array of strings, e.g. ["billing", "orders"]'))
    when pg_catalog.jsonb_array_length(tags) > 100 then
      pg_catalog.jsonb_build_array(private.document_error(path, 'at most 100 tags'))
    else coalesce((
      select pg_catalog.jsonb_agg(private.document_error(pg_catalog.format('%s[%s]', path, t.ord - 1),
        'must be a non-blank string of at most 50 characters') order by t.ord)
      from pg_catalog.jsonb_array_elements(tags) with ordinality as t (tag, ord)
      where not private.is_text_of(t.tag, 50)
    ), '[]'::jsonb)
  end;
end;
$function$;

CREATE OR REPLACE FUNCTION private.text_error (
  value      jsonb,
  max_length integer,
  path       text
)
  RETURNS jsonb
  LANGUAGE plpgsql
  IMMUTABLE
  PARALLEL SAFE
  SET search_path TO ''
  AS $function$
begin
  -- An optional text column (description, notes, entry_point, ...): a string (or null) of at most max_length.
  return case
    when value is null or pg_catalog.jsonb_typeof(value) = 'null' then '[]'::jsonb
    when pg_catalog.jsonb_typeof(value) <> 'string' then
      pg_catalog.jsonb_build_array(private.document_error(path, 'must be a string'))
    when max_length is not null and pg_catalog.char_length(value #>> '{}') > max_length then
      pg_catalog.jsonb_build_array(private.document_error(path,
        pg_catalog.format('must be at most %s characters', max_length)))
    else '[]'::jsonb
  end;
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
  if pg_catalog.octet_length(doc::text) > 25 * 1024 * 1024 then
    raise exception 'document is larger than 25 MB' using errcode = '54000', detail = 'field: document';
  end if;
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

COMMENT ON FUNCTION "private"."business_rules_errors"(jsonb, text) IS 'Errors of a flow''s business rules: at most 1000 objects with a non-blank id (unique) and description.';

COMMENT ON FUNCTION "private"."document_error"(text, text) IS 'One validation error: {"path": ..., "message": ...}.';

COMMENT ON FUNCTION "private"."document_errors_by_its_paths"(jsonb, jsonb, boolean) IS 'private.project_document_errors of a document, by the paths of the document it was made from (sent: a legacy document is converted before it is checked).';

COMMENT ON FUNCTION "private"."enum_error"(jsonb, text[], text) IS '[] when the value is absent or one of the allowed values, else the one error at path.';

COMMENT ON FUNCTION "private"."error_scenarios_errors"(jsonb, text) IS 'Errors of a flow''s error scenarios: at most 1000 objects with a non-blank id (unique), condition and handling.';

COMMENT ON FUNCTION "private"."flow_document_errors"(jsonb, text, jsonb, boolean) IS 'Errors of one flow of a project document, by JSON path under path (e.g. flows[3]); with_column_checks false leaves out what the flows table checks with the same functions.';

COMMENT ON FUNCTION "private"."flow_search_document"(public.flows) IS 'The search document of a flow row: the one place that lists which columns are searched.';

COMMENT ON FUNCTION "private"."flow_search_vector"(text, text, text[], text, text, jsonb, jsonb, jsonb, text) IS 'Weighted search document of a flow: name (A); tags, description, trigger event and entry point (B); the strings of its steps but their id, actor, service, type and integration (C); the strings of its business rules and error scenarios, and its notes (D).';

COMMENT ON FUNCTION "private"."integer_error"(jsonb, text) IS '[] when the value is absent or fits a Postgres integer.';

COMMENT ON FUNCTION "private"."integrations_errors"(jsonb, text) IS 'Errors of a flow''s integrations: at most 1000 objects with non-blank from, to and type; id, description, protocol and data strings.';

COMMENT ON FUNCTION "private"."is_display_name"(text) IS 'True for a display name: at most 255 characters, not blank (at least one character that is not white space).';

COMMENT ON FUNCTION "private"."is_registry_key"(text) IS 'True for a registry key: 1-100 letters, digits and _ . : - starting with a letter or digit.';

COMMENT ON FUNCTION "private"."is_text_of"(jsonb, integer) IS 'True for a JSON string that is not blank and, when max_length is given, not longer.';

COMMENT ON FUNCTION "private"."is_version_label"(text) IS 'True for a version label: at most 50 characters, not blank.';

COMMENT ON FUNCTION "private"."json_object_errors"(jsonb, text) IS 'Errors of a free JSON object of a document (settings, custom_fields): type, depth, number range.';

COMMENT ON FUNCTION "private"."json_type_error"(jsonb, text, text) IS '[] when the value is absent or of the expected JSON type, else the one error at path.';

COMMENT ON FUNCTION "private"."jsonb_depth_ok"(jsonb) IS 'True when no value inside the JSON is nested deeper than 32 levels (null counts as valid).';

COMMENT ON FUNCTION "private"."jsonb_numbers_ok"(jsonb) IS 'True when every number inside the JSON is smaller in magnitude than 1e300 (null counts as valid).';

COMMENT ON FUNCTION "private"."performance_requirements_errors"(jsonb, text) IS 'Errors of a performance requirements object, each naming its key: response_time_ms and throughput_per_minute (numbers >= 0), availability_percent (0-100), sla and notes (strings).';

COMMENT ON FUNCTION "private"."project_document_errors"(jsonb, boolean) IS 'Validation errors of a flowatlas.project/v1 document as [{"path": "flows[3].steps[0].name", "message": ...}] (the first flows'' errors, stopping after the flow that brings them to 50); [] when it is valid. It applies the rules of the tables, so a valid document imports and an exported project is valid. with_column_checks false: without the flows'' JSON columns, which the table checks with the same functions (for the import, which inserts).';

COMMENT ON FUNCTION "private"."registry_entry_errors"(jsonb, text) IS 'Errors of one registry entry of a document: key, name, description, position, custom_fields.';

COMMENT ON FUNCTION "private"."step_reference_errors"(uuid, jsonb) IS 'Errors for the steps that name an actor or service key the project does not have; [] when all resolve.';

COMMENT ON FUNCTION "private"."steps_errors"(jsonb, text) IS 'Errors of a flow''s steps: at most 1000 objects, each with a non-blank id (unique) and name; description, actor, service, type and integration strings.';

COMMENT ON FUNCTION "private"."tags_errors"(jsonb, text) IS 'Errors of a list of tags: at most 100, each a non-blank string of at most 50 characters.';

COMMENT ON FUNCTION "private"."text_error"(jsonb, integer, text) IS '[] when the value is absent, null or a string of at most max_length characters.';

REVOKE ALL ON FUNCTION "private"."document_errors_by_its_paths"(jsonb, jsonb, boolean) FROM PUBLIC;

GRANT EXECUTE ON FUNCTION "private"."document_errors_by_its_paths"(jsonb, jsonb, boolean) TO "authenticated";

REVOKE ALL ON FUNCTION "private"."document_errors_by_its_paths"(jsonb, jsonb, boolean) FROM "postgres";

GRANT EXECUTE ON FUNCTION "private"."document_errors_by_its_paths"(jsonb, jsonb, boolean) TO "postgres";

GRANT EXECUTE ON FUNCTION "private"."document_errors_by_its_paths"(jsonb, jsonb, boolean) TO "service_role";

REVOKE ALL ON FUNCTION "private"."flow_document_errors"(jsonb, text, jsonb, boolean) FROM PUBLIC;

GRANT EXECUTE ON FUNCTION "private"."flow_document_errors"(jsonb, text, jsonb, boolean) TO "authenticated";

REVOKE ALL ON FUNCTION "private"."flow_document_errors"(jsonb, text, jsonb, boolean) FROM "postgres";

GRANT EXECUTE ON FUNCTION "private"."flow_document_errors"(jsonb, text, jsonb, boolean) TO "postgres";

GRANT EXECUTE ON FUNCTION "private"."flow_document_errors"(jsonb, text, jsonb, boolean) TO "service_role";

REVOKE ALL ON FUNCTION "private"."project_document_errors"(jsonb, boolean) FROM PUBLIC;

GRANT EXECUTE ON FUNCTION "private"."project_document_errors"(jsonb, boolean) TO "authenticated";

REVOKE ALL ON FUNCTION "private"."project_document_errors"(jsonb, boolean) FROM "postgres";

GRANT EXECUTE ON FUNCTION "private"."project_document_errors"(jsonb, boolean) TO "postgres";

GRANT EXECUTE ON FUNCTION "private"."project_document_errors"(jsonb, boolean) TO "service_role";

-- The search documents of the flows there are, as private.flow_search_vector now makes them.
update private.flow_search as s
set search = private.flow_search_document(f)
from public.flows as f
where f.id = s.flow_id;
