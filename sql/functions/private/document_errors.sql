-- The validator of a project document (flowatlas.project/v1): every error with the JSON path of the bad field.
-- It asks each part the question its table asks (the rules of sql/functions/private/validation.sql, the enum
-- types), so a document it accepts imports, and rows the tables hold export to a document it accepts. What it
-- checks beyond the tables is what a document adds: the format, the JSON types of its values, and that every
-- reference by key names an entry of the document. Keys it does not know are left alone (the tables would ignore
-- them). Linear: each array is walked once, every key lookup is a binary search in a JSON object.

create function private.integer_error(value jsonb, path text)
returns jsonb
language plpgsql
immutable
parallel safe
set search_path = ''
as $$
begin
  return case
    when value is null or (pg_catalog.jsonb_typeof(value) = 'number'
      and (value #>> '{}')::numeric between -2147483648 and 2147483647
      and (value #>> '{}')::numeric = pg_catalog.trunc((value #>> '{}')::numeric)) then '[]'::jsonb
    else pg_catalog.jsonb_build_array(private.document_error(path, 'must be a whole number (a Postgres integer)'))
  end;
end;
$$;

comment on function private.integer_error(jsonb, text) is '[] when the value is absent or fits a Postgres integer.';

create function private.json_object_errors(value jsonb, path text)
returns jsonb
language plpgsql
immutable
parallel safe
set search_path = ''
as $$
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
$$;

comment on function private.json_object_errors(jsonb, text) is
'Errors of a free JSON object of a document (settings, custom_fields): type, depth, number range.';

create function private.text_error(value jsonb, max_length integer, path text)
returns jsonb
language plpgsql
immutable
parallel safe
set search_path = ''
as $$
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
$$;

comment on function private.text_error(jsonb, integer, text) is
'[] when the value is absent, null or a string of at most max_length characters.';

create function private.registry_entry_errors(entry jsonb, path text)
returns jsonb
language plpgsql
immutable
parallel safe
set search_path = ''
as $$
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
$$;

comment on function private.registry_entry_errors(jsonb, text) is
'Errors of one registry entry of a document: key, name, description, position, custom_fields.';

create function private.flow_document_errors(
  flow jsonb, path text, registry_keys jsonb, with_column_checks boolean default true
)
returns jsonb
language plpgsql
immutable
parallel safe
set search_path = ''
as $$
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
$$;

comment on function private.flow_document_errors(jsonb, text, jsonb, boolean) is
'Errors of one flow of a project document, by JSON path under path (e.g. flows[3]); with_column_checks false '
'leaves out what the flows table checks with the same functions.';

create function private.project_document_errors(document jsonb, with_column_checks boolean default true)
returns jsonb
language plpgsql
immutable
set search_path = ''
as $$
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
$$;

comment on function private.project_document_errors(jsonb, boolean) is
'Validation errors of a flowatlas.project/v1 document as [{"path": "flows[3].steps[0].name", "message": ...}] '
'(the first flows'' errors, stopping after the flow that brings them to 50); [] when it is valid. It applies the '
'rules of the tables, so a valid document imports and an exported project is valid. with_column_checks false: '
'without the flows'' JSON columns, which the table checks with the same functions (for the import, which inserts).';

grant execute on function private.registry_entry_errors(jsonb, text) to authenticated, service_role;
grant execute on function private.integer_error(jsonb, text) to authenticated, service_role;
grant execute on function private.json_object_errors(jsonb, text) to authenticated, service_role;
grant execute on function private.text_error(jsonb, integer, text) to authenticated, service_role;
grant execute on function private.flow_document_errors(jsonb, text, jsonb, boolean) to authenticated, service_role;
grant execute on function private.json_type_error(jsonb, text, text) to authenticated, service_role;
grant execute on function private.enum_error(jsonb, text[], text) to authenticated, service_role;
grant execute on function private.project_document_errors(jsonb, boolean) to authenticated, service_role;

create function private.raise_document_errors(errors jsonb, hint text default null)
returns void
language plpgsql
immutable
set search_path = ''
as $$
begin
  -- The error contract of an invalid document on every surface: SQLSTATE 22023 (HTTP 400 from PostgREST and the
  -- edge API alike), the first error as the message, every error as the JSON array in DETAIL.
  if errors is not null and pg_catalog.jsonb_array_length(errors) > 0 then
    raise exception 'document is invalid at %: %', errors -> 0 ->> 'path', errors -> 0 ->> 'message'
      using errcode = '22023', detail = errors::text,
        hint = coalesce(hint, 'details lists every invalid field by its JSON path; nothing was saved');
  end if;
end;
$$;

comment on function private.raise_document_errors(jsonb, text) is
'Raises 22023 "document is invalid at <path>: <message>" with every error ([{path, message}]) as DETAIL, when '
'there are errors.';

create function private.require_document_size(document jsonb)
returns void
language plpgsql
immutable
set search_path = ''
as $$
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
$$;

comment on function private.require_document_size(jsonb) is
'Raises 54000 (HTTP 413) "document is larger than 25 MB" for a document over the API''s limit.';

create function private.errors_under(path text, detail text, message text)
returns jsonb
language plpgsql
immutable
set search_path = ''
as $$
begin
  -- A table's error (a CHECK of validation.sql puts its errors in DETAIL) placed under the document path of the
  -- row, e.g. "steps[3].id" under "flows[2]"; any other error stays one error at the row's path.
  if detail like '[%' then
    return (
      select pg_catalog.jsonb_agg(private.document_error(path || '.' || (e.value ->> 'path'), e.value ->> 'message'))
      from pg_catalog.jsonb_array_elements(detail::jsonb) as e (value)
    );
  end if;
  return pg_catalog.jsonb_build_array(private.document_error(path, message));
exception
  when invalid_text_representation then
    return pg_catalog.jsonb_build_array(private.document_error(path, message));
end;
$$;

comment on function private.errors_under(text, text, text) is
'The errors of a failed row write as document errors under path: the [{path, message}] of DETAIL when it has them, '
'else the message at path.';

grant execute on function private.raise_document_errors(jsonb, text) to authenticated, service_role;
grant execute on function private.errors_under(text, text, text) to authenticated, service_role;
grant execute on function private.require_document_size(jsonb) to authenticated, service_role;
