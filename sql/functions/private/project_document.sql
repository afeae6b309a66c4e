-- The project document (flowatlas.project/v1): validation with the JSON path of every bad field, and the
-- conversion of the old browser app's localStorage shape into it. Pure functions: no table is read.

create function private.document_error(path text, message text)
returns jsonb
language sql
immutable
parallel safe
set search_path = ''
as $$
  select pg_catalog.jsonb_build_object('path', path, 'message', message)
$$;

comment on function private.document_error(text, text) is 'One validation error: {"path": ..., "message": ...}.';

create function private.is_nonblank_string(value jsonb, max_length integer default null)
returns boolean
language sql
immutable
parallel safe
set search_path = ''
as $$
  select coalesce(
    pg_catalog.jsonb_typeof(value) = 'string'
    and pg_catalog.btrim(value #>> '{}') <> ''
    and (max_length is null or pg_catalog.char_length(value #>> '{}') <= max_length),
    false
  )
$$;

comment on function private.is_nonblank_string(jsonb, integer) is
'True for a JSON string that is not blank and, when max_length is given, not longer.';

create function private.project_document_errors(document jsonb)
returns jsonb
language plpgsql
immutable
set search_path = ''
as $$
declare
  errors jsonb := '[]'::jsonb;
  registry text;
  item jsonb;
  part jsonb;
  keys jsonb;
  registry_keys jsonb := '{}'::jsonb;
  required_keys text [];
  required_key text;
  parts constant jsonb := '{"steps": ["id", "name"], "integrations": ["from", "to", "type"],
    "business_rules": ["id", "description"], "error_scenarios": ["id", "condition", "handling"]}'::jsonb;
  part_name text;
  i integer;
  j integer;
  domain_keys jsonb;
  service_keys jsonb;
  actor_keys jsonb;
  key_format constant text := '^[A-Za-z0-9][A-Za-z0-9_.:-]{0,99}$';
begin
  if document is null or pg_catalog.jsonb_typeof(document) <> 'object' then
    return pg_catalog.jsonb_build_array(private.document_error('$', 'the document must be a JSON object'));
  end if;
  if document ->> 'format' is distinct from 'flowatlas.project/v1' then
    errors := errors || private.document_error('format', 'must be "flowatlas.project/v1"');
  end if;
  if pg_catalog.jsonb_typeof(document -> 'project') is distinct from 'object' then
    errors := errors || private.document_error('project', 'must be an object');
  elsif not private.is_nonblank_string(document #> '{project,name}', 255) then
    errors := errors || private.document_error('project.name', 'must be a non-blank string of at most 255 characters');
  end if;

  -- Registries: arrays of objects with a unique, well-formed key and a name.
  foreach registry in array array['service_domains', 'services', 'actors', 'integration_types'] loop
    keys := '[]'::jsonb;
    if document -> registry is null then
      continue;
    end if;
    if pg_catalog.jsonb_typeof(document -> registry) <> 'array' then
      errors := errors || private.document_error(registry, 'must be an array');
      continue;
    end if;
    if pg_catalog.jsonb_array_length(document -> registry) > 5000 then
      errors := errors || private.document_error(registry, 'at most 5000 entries');
      continue;
    end if;
    -- Each loop walks its array once: `document -> registry -> i` would copy the whole array for every entry.
    for item, i in
      select e.value, (e.ord - 1)::integer
      from pg_catalog.jsonb_array_elements(document -> registry) with ordinality as e (value, ord)
    loop
      if pg_catalog.jsonb_typeof(item) <> 'object' then
        errors := errors || private.document_error(pg_catalog.format('%s[%s]', registry, i), 'must be an object');
        continue;
      end if;
      if pg_catalog.jsonb_typeof(item -> 'key') is distinct from 'string' or (item ->> 'key') !~ key_format then
        errors := errors || private.document_error(pg_catalog.format('%s[%s].key', registry, i),
          'must be 1-100 letters, digits or _.:- starting with a letter or digit');
      elsif keys ? (item ->> 'key') then
        errors := errors || private.document_error(pg_catalog.format('%s[%s].key', registry, i),
          pg_catalog.format('duplicate key "%s"', item ->> 'key'));
      else
        keys := keys || pg_catalog.to_jsonb(item ->> 'key');
      end if;
      if not private.is_nonblank_string(item -> 'name', 255) then
        errors := errors || private.document_error(pg_catalog.format('%s[%s].name', registry, i),
          'must be a non-blank string of at most 255 characters');
      end if;
      if registry = 'actors' and item ? 'kind'
        and coalesce(item ->> 'kind', '') <> all (array['person', 'system', 'external']) then
        errors := errors || private.document_error(pg_catalog.format('actors[%s].kind', i),
          'must be person, system or external');
      end if;
    end loop;
    -- As an object: `?` on an object is a binary search, on an array a scan.
    registry_keys := registry_keys || pg_catalog.jsonb_build_object(registry, (
      select coalesce(pg_catalog.jsonb_object_agg(k.key, true), '{}'::jsonb)
      from pg_catalog.jsonb_array_elements_text(keys) as k (key)
    ));
  end loop;
  domain_keys := coalesce(registry_keys -> 'service_domains', '{}');
  service_keys := coalesce(registry_keys -> 'services', '{}');
  actor_keys := coalesce(registry_keys -> 'actors', '{}');

  -- A service lives in a domain of the document.
  if pg_catalog.jsonb_typeof(document -> 'services') = 'array' then
    for item, i in
      select e.value, (e.ord - 1)::integer
      from pg_catalog.jsonb_array_elements(document -> 'services') with ordinality as e (value, ord)
    loop
      if pg_catalog.jsonb_typeof(item) = 'object' and not domain_keys ? coalesce(item ->> 'domain', '') then
        errors := errors || private.document_error(pg_catalog.format('services[%s].domain', i),
          'must be the key of one of the service_domains');
      end if;
    end loop;
  end if;

  -- Flows.
  if document -> 'flows' is not null and pg_catalog.jsonb_typeof(document -> 'flows') <> 'array' then
    errors := errors || private.document_error('flows', 'must be an array');
  elsif pg_catalog.jsonb_array_length(coalesce(document -> 'flows', '[]')) > 10000 then
    errors := errors || private.document_error('flows', 'at most 10000 flows per document');
  else
    for item, i in
      select e.value, (e.ord - 1)::integer
      from pg_catalog.jsonb_array_elements(coalesce(document -> 'flows', '[]')) with ordinality as e (value, ord)
    loop
      if pg_catalog.jsonb_typeof(item) <> 'object' then
        errors := errors || private.document_error(pg_catalog.format('flows[%s]', i), 'must be an object');
        continue;
      end if;
      if not private.is_nonblank_string(item -> 'name', 255) then
        errors := errors || private.document_error(pg_catalog.format('flows[%s].name', i),
          'must be a non-blank string of at most 255 characters');
      end if;
      if item ? 'priority' and coalesce(item ->> 'priority', '') <> all (array['Low', 'Medium', 'High', 'Critical'])
      then
        errors := errors || private.document_error(pg_catalog.format('flows[%s].priority', i),
          'must be Low, Medium, High or Critical');
      end if;
      if item ? 'status'
        and coalesce(item ->> 'status', '') <> all (array['draft', 'in_review', 'approved', 'deprecated']) then
        errors := errors || private.document_error(pg_catalog.format('flows[%s].status', i),
          'must be draft, in_review, approved or deprecated');
      end if;
      if pg_catalog.jsonb_typeof(item -> 'service_domain') = 'string'
        and not domain_keys ? (item ->> 'service_domain') then
        errors := errors || private.document_error(pg_catalog.format('flows[%s].service_domain', i),
          'must be the key of one of the service_domains');
      end if;
      if pg_catalog.jsonb_typeof(item -> 'service') = 'string'
        and not service_keys ? (item ->> 'service') then
        errors := errors || private.document_error(pg_catalog.format('flows[%s].service', i),
          'must be the key of one of the services');
      end if;
      if item ? 'actors' then
        if pg_catalog.jsonb_typeof(item -> 'actors') <> 'array' then
          errors := errors || private.document_error(pg_catalog.format('flows[%s].actors', i),
            'must be an array of actor keys');
        else
          -- One pass over the references, each a binary search in the actor keys (this was quadratic: 13 s for
          -- 160,000 references to one actor).
          for j in
            select (x.ord - 1)::integer
            from pg_catalog.jsonb_array_elements(item -> 'actors') with ordinality as x (value, ord)
            where pg_catalog.jsonb_typeof(x.value) <> 'string' or not actor_keys ? (x.value #>> '{}')
            limit 50
          loop
            errors := errors || private.document_error(pg_catalog.format('flows[%s].actors[%s]', i, j),
              'must be the key of one of the actors');
          end loop;
        end if;
      end if;
      if item ? 'tags' and (pg_catalog.jsonb_typeof(item -> 'tags') <> 'array' or exists (
        select 1 from pg_catalog.jsonb_array_elements(item -> 'tags') as t (tag)
        where not private.is_nonblank_string(t.tag, 50)
      )) then
        errors := errors || private.document_error(pg_catalog.format('flows[%s].tags', i),
          'must be an array of non-blank strings of at most 50 characters');
      end if;
      for part_name in select pg_catalog.jsonb_object_keys(parts) loop
        part := item -> part_name;
        if part is null then
          continue;
        end if;
        if pg_catalog.jsonb_typeof(part) <> 'array' then
          errors := errors || private.document_error(pg_catalog.format('flows[%s].%s', i, part_name),
            'must be an array of objects');
          continue;
        end if;
        if pg_catalog.jsonb_array_length(part) > 1000 then
          errors := errors || private.document_error(pg_catalog.format('flows[%s].%s', i, part_name),
            'at most 1000 entries');
          continue;
        end if;
        select pg_catalog.array_agg(k.value #>> '{}') into required_keys
        from pg_catalog.jsonb_array_elements(parts -> part_name) as k (value);
        for j in 0 .. pg_catalog.jsonb_array_length(part) - 1 loop
          if pg_catalog.jsonb_typeof(part -> j) <> 'object' then
            errors := errors || private.document_error(pg_catalog.format('flows[%s].%s[%s]', i, part_name, j),
              'must be an object');
            continue;
          end if;
          foreach required_key in array required_keys loop
            if not private.is_nonblank_string(part -> j -> required_key) then
              errors := errors || private.document_error(
                pg_catalog.format('flows[%s].%s[%s].%s', i, part_name, j, required_key),
                'must be a non-blank string');
            end if;
          end loop;
        end loop;
      end loop;
      if item ? 'performance_requirements'
        and pg_catalog.jsonb_typeof(item -> 'performance_requirements') <> 'object' then
        errors := errors || private.document_error(pg_catalog.format('flows[%s].performance_requirements', i),
          'must be an object');
      end if;
      exit when pg_catalog.jsonb_array_length(errors) >= 50;
    end loop;
  end if;
  return errors;
end;
$$;

comment on function private.project_document_errors(jsonb) is
'Validation errors of a flowatlas.project/v1 document as [{"path": "flows[3].steps[0].name", "message": ...}] '
'(at most about 50); [] when it is valid. The table constraints still guard what is inserted.';

create function private.legacy_key(value text, fallback text)
returns text
language sql
immutable
parallel safe
set search_path = ''
as $$
  -- The old app's ids were free strings: keep them when they fit the key format, else make one that does.
  select case
    when value ~ '^[A-Za-z0-9][A-Za-z0-9_.:-]{0,99}$' then value
    when pg_catalog.regexp_replace(coalesce(value, ''), '[^A-Za-z0-9_.:-]+', '-', 'g') ~ '^[A-Za-z0-9]'
      then pg_catalog.left(pg_catalog.regexp_replace(value, '[^A-Za-z0-9_.:-]+', '-', 'g'), 100)
    else fallback
  end
$$;

comment on function private.legacy_key(text, text) is 'A registry key from a legacy id: kept when valid, else cleaned.';

create function private.legacy_document_errors(legacy jsonb)
returns jsonb
language sql
immutable
set search_path = ''
as $$
  -- The conversion below walks these arrays: each must be an array (of objects), or be absent.
  with expected (path, value, objects) as (
    select 'serviceRegistry.domains', legacy #> '{serviceRegistry,domains}', true
    union all
    select 'actorRegistry.actors', legacy #> '{actorRegistry,actors}', true
    union all
    select 'integrationTypes.types', legacy #> '{integrationTypes,types}', true
    union all
    select 'flows', legacy -> 'flows', true
    union all
    select pg_catalog.format('serviceRegistry.domains[%s].services', d.ord - 1), d.item -> 'services', true
    from pg_catalog.jsonb_array_elements(
      case when pg_catalog.jsonb_typeof(legacy #> '{serviceRegistry,domains}') = 'array'
        then legacy #> '{serviceRegistry,domains}' else '[]'::jsonb end
    ) with ordinality as d (item, ord)
    where pg_catalog.jsonb_typeof(d.item) = 'object'
    union all
    select pg_catalog.format('flows[%s].%s', f.ord - 1, part.name), f.item -> part.name, part.name = 'steps'
    from pg_catalog.jsonb_array_elements(
      case when pg_catalog.jsonb_typeof(legacy -> 'flows') = 'array' then legacy -> 'flows' else '[]'::jsonb end
    ) with ordinality as f (item, ord)
    cross join (values ('steps'), ('actors')) as part (name)
    where pg_catalog.jsonb_typeof(f.item) = 'object'
  )
  select coalesce(pg_catalog.jsonb_agg(private.document_error(e.path,
    case when e.objects then 'must be an array of objects' else 'must be an array' end)), '[]'::jsonb)
  from expected as e
  where e.value is not null and e.value <> 'null'::jsonb
    and (pg_catalog.jsonb_typeof(e.value) <> 'array'
      or (e.objects and exists (
        select 1 from pg_catalog.jsonb_array_elements(e.value) as x (item)
        where pg_catalog.jsonb_typeof(x.item) <> 'object'
      )))
$$;

comment on function private.legacy_document_errors(jsonb) is
'Shape errors of an old-app localStorage document that would stop its conversion, by JSON path; [] when none.';

create function private.legacy_to_project_document(legacy jsonb)
returns jsonb
language sql
immutable
set search_path = ''
as $$
  -- The old browser app's localStorage export: camelCase keys, registries nested as
  -- serviceRegistry.domains[].services[], actorRegistry.actors[], integrationTypes.types[], and flows that
  -- refer to registry entries by their string ids (which become keys here).
  with domains as (
    select d.value as item, d.ord
    from pg_catalog.jsonb_array_elements(coalesce(legacy #> '{serviceRegistry,domains}', '[]')) with ordinality
      as d (value, ord)
  ),
  services as (
    select s.value as item, s.ord, private.legacy_key(d.item ->> 'id', 'domain-' || d.ord) as domain_key,
      d.ord as domain_ord
    from domains as d
    cross join lateral pg_catalog.jsonb_array_elements(coalesce(d.item -> 'services', '[]')) with ordinality
      as s (value, ord)
  ),
  actors as (
    select a.value as item, a.ord
    from pg_catalog.jsonb_array_elements(coalesce(legacy #> '{actorRegistry,actors}', '[]')) with ordinality
      as a (value, ord)
  ),
  types as (
    select t.value as item, t.ord
    from pg_catalog.jsonb_array_elements(coalesce(legacy #> '{integrationTypes,types}', '[]')) with ordinality
      as t (value, ord)
  ),
  flows as (
    select f.value as item, f.ord
    from pg_catalog.jsonb_array_elements(coalesce(legacy -> 'flows', '[]')) with ordinality as f (value, ord)
  )
  select pg_catalog.jsonb_build_object(
    'format', 'flowatlas.project/v1',
    'project', pg_catalog.jsonb_strip_nulls(pg_catalog.jsonb_build_object(
      'name', coalesce(legacy #>> '{project,name}', legacy ->> 'projectName', legacy ->> 'name', 'Imported project'),
      'description', coalesce(legacy #>> '{project,description}', legacy ->> 'description', ''),
      'version', coalesce(legacy #>> '{project,version}', legacy ->> 'version', '1.0.0'),
      'custom_fields', coalesce(legacy #> '{project,customFields}', legacy -> 'customFields', '{}')
    )),
    'service_domains', coalesce((select pg_catalog.jsonb_agg(pg_catalog.jsonb_build_object(
      'key', private.legacy_key(d.item ->> 'id', 'domain-' || d.ord),
      'name', coalesce(d.item ->> 'name', d.item ->> 'id'),
      'description', coalesce(d.item ->> 'description', ''),
      'position', d.ord - 1,
      'custom_fields', coalesce(d.item -> 'customFields', '{}')
    ) order by d.ord) from domains as d), '[]'),
    'services', coalesce((select pg_catalog.jsonb_agg(pg_catalog.jsonb_build_object(
      'key', private.legacy_key(s.item ->> 'id', 'service-' || s.domain_ord || '-' || s.ord),
      'domain', s.domain_key,
      'name', coalesce(s.item ->> 'name', s.item ->> 'id'),
      'description', coalesce(s.item ->> 'description', ''),
      'position', s.ord - 1,
      'custom_fields', coalesce(s.item -> 'customFields', '{}')
    ) order by s.domain_ord, s.ord) from services as s), '[]'),
    'actors', coalesce((select pg_catalog.jsonb_agg(pg_catalog.jsonb_build_object(
      'key', private.legacy_key(a.item ->> 'id', 'actor-' || a.ord),
      'kind', case
        when pg_catalog.lower(coalesce(a.item ->> 'kind', a.item ->> 'type', '')) in ('person', 'user', 'human', 'role')
          then 'person'
        when pg_catalog.lower(coalesce(a.item ->> 'kind', a.item ->> 'type', '')) in ('external', 'partner', 'third-party')
          then 'external'
        else 'system'
      end,
      'name', coalesce(a.item ->> 'name', a.item ->> 'id'),
      'description', coalesce(a.item ->> 'description', ''),
      'position', a.ord - 1,
      'custom_fields', coalesce(a.item -> 'customFields', '{}')
    ) order by a.ord) from actors as a), '[]'),
    'integration_types', coalesce((select pg_catalog.jsonb_agg(pg_catalog.jsonb_build_object(
      'key', private.legacy_key(t.item ->> 'id', 'type-' || t.ord),
      'name', coalesce(t.item ->> 'name', t.item ->> 'id'),
      'description', coalesce(t.item ->> 'description', ''),
      'position', t.ord - 1,
      'custom_fields', coalesce(t.item -> 'customFields', '{}')
    ) order by t.ord) from types as t), '[]'),
    'flows', coalesce((select pg_catalog.jsonb_agg(pg_catalog.jsonb_strip_nulls(pg_catalog.jsonb_build_object(
      'name', f.item -> 'name',
      'description', coalesce(f.item ->> 'description', ''),
      'priority', coalesce(f.item ->> 'priority', 'Medium'),
      'status', case f.item ->> 'status'
        when 'review' then 'in_review' when 'in-review' then 'in_review' when 'inReview' then 'in_review'
        else coalesce(f.item ->> 'status', 'draft') end,
      'version', coalesce(f.item ->> 'version', '1.0.0'),
      'service_domain', private.legacy_key(coalesce(f.item ->> 'serviceDomain', f.item ->> 'domainId'), null),
      'service', private.legacy_key(coalesce(f.item ->> 'service', f.item ->> 'serviceId'), null),
      'entry_point', f.item ->> 'entryPoint',
      'trigger_event', coalesce(f.item ->> 'triggerEvent', f.item ->> 'trigger'),
      'actors', coalesce((
        select pg_catalog.jsonb_agg(private.legacy_key(x.value #>> '{}', null) order by x.ord)
        from pg_catalog.jsonb_array_elements(coalesce(f.item -> 'actors', '[]')) with ordinality as x (value, ord)
      ), '[]'),
      'tags', coalesce(f.item -> 'tags', '[]'),
      'steps', coalesce((
        select pg_catalog.jsonb_agg(
          (st.value - 'actorId' - 'serviceId')
          || pg_catalog.jsonb_strip_nulls(pg_catalog.jsonb_build_object(
            'id', coalesce(st.value ->> 'id', 'step-' || st.ord),
            'actor', private.legacy_key(coalesce(st.value ->> 'actor', st.value ->> 'actorId'), null),
            'service', private.legacy_key(coalesce(st.value ->> 'service', st.value ->> 'serviceId'), null)
          )) order by st.ord)
        from pg_catalog.jsonb_array_elements(coalesce(f.item -> 'steps', '[]')) with ordinality as st (value, ord)
      ), '[]'),
      'integrations', coalesce(f.item -> 'integrations', '[]'),
      'business_rules', coalesce(f.item -> 'businessRules', '[]'),
      'error_scenarios', coalesce(f.item -> 'errorScenarios', '[]'),
      'performance_requirements', coalesce(f.item -> 'performanceRequirements', '{}'),
      'notes', coalesce(f.item ->> 'notes', ''),
      'custom_fields', coalesce(f.item -> 'customFields', '{}')
    )) order by f.ord) from flows as f), '[]')
  )
$$;

comment on function private.legacy_to_project_document(jsonb) is
'Converts the old browser app''s localStorage document (camelCase; serviceRegistry.domains[].services[], '
'actorRegistry.actors[], integrationTypes.types[]; flows referring to entries by string id) to '
'flowatlas.project/v1. Ids that are not valid keys are cleaned into keys.';

grant execute on function private.document_error(text, text) to authenticated, service_role;
grant execute on function private.is_nonblank_string(jsonb, integer) to authenticated, service_role;
grant execute on function private.project_document_errors(jsonb) to authenticated, service_role;
grant execute on function private.legacy_key(text, text) to authenticated, service_role;
grant execute on function private.legacy_to_project_document(jsonb) to authenticated, service_role;
grant execute on function private.legacy_document_errors(jsonb) to authenticated, service_role;
