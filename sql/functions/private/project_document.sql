-- The project document (flowatlas.project/v1): the conversion of the old browser app's localStorage shape into
-- it (its validator is private.project_document_errors, document_errors.sql). Pure functions: no table is read.

create function private.is_legacy_document(document jsonb)
returns boolean
language sql
immutable
parallel safe
set search_path = ''
as $$
  -- Every v1 document names its format; the old app's never did (some hold only "flows").
  select pg_catalog.jsonb_typeof(document) = 'object' and not document ? 'format'
$$;

comment on function private.is_legacy_document(jsonb) is
'True for the old browser app''s localStorage document: an object that names no format.';

create function private.snake_case_keys(value jsonb)
returns jsonb
language sql
immutable
parallel safe
set search_path = ''
as $$
  -- The old app's camelCase keys (responseTimeMs) as the document's (response_time_ms); one level deep.
  select case when pg_catalog.jsonb_typeof(value) = 'object' then coalesce((
    select pg_catalog.jsonb_object_agg(
      pg_catalog.lower(pg_catalog.regexp_replace(e.key, '([a-z0-9])([A-Z])', '\1_\2', 'g')), e.value
    )
    from pg_catalog.jsonb_each(value) as e
  ), '{}'::jsonb) else value end
$$;

comment on function private.snake_case_keys(jsonb) is
'An object with its camelCase keys written in snake_case (one level); any other value as it is.';

create function private.legacy_key(value text, fallback text)
returns text
language sql
immutable
parallel safe
set search_path = ''
as $$
  -- The old app's ids were free strings: keep them when they fit the key format, else make one that does.
  select case
    when private.is_registry_key(value) then value
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

create function private.legacy_error_paths(legacy jsonb, errors jsonb)
returns jsonb
language sql
immutable
set search_path = ''
as $$
  -- Errors of the converted document, named by the paths of the document the user sent: services[k] is the
  -- k-th service of serviceRegistry.domains[].services[] in order, a registry key its old id, flow fields camelCase.
  with services as (
    select (pg_catalog.row_number() over (order by d.ord, s.ord) - 1)::integer as k, d.ord - 1 as di, s.ord - 1 as si
    from pg_catalog.jsonb_array_elements(
      case when pg_catalog.jsonb_typeof(legacy #> '{serviceRegistry,domains}') = 'array'
        then legacy #> '{serviceRegistry,domains}' else '[]'::jsonb end
    ) with ordinality as d (item, ord)
    cross join lateral pg_catalog.jsonb_array_elements(
      case when pg_catalog.jsonb_typeof(d.item -> 'services') = 'array' then d.item -> 'services' else '[]'::jsonb end
    ) with ordinality as s (item, ord)
  ),
  parts as (
    select e.ord, e.error, pg_catalog.regexp_match(e.error ->> 'path', '^([a-z_]+)\[(\d+)\]\.?([a-z_]*)(.*)$') as m
    from pg_catalog.jsonb_array_elements(errors) with ordinality as e (error, ord)
  )
  select coalesce(pg_catalog.jsonb_agg(p.error || pg_catalog.jsonb_build_object('path', coalesce(
    case p.m[1]
      when 'service_domains' then pg_catalog.format('serviceRegistry.domains[%s]', p.m[2])
      when 'services' then (
        select pg_catalog.format('serviceRegistry.domains[%s].services[%s]', s.di, s.si) from services as s
        where s.k = p.m[2]::integer
      )
      when 'actors' then pg_catalog.format('actorRegistry.actors[%s]', p.m[2])
      when 'integration_types' then pg_catalog.format('integrationTypes.types[%s]', p.m[2])
      when 'flows' then pg_catalog.format('flows[%s]', p.m[2])
    end
    || case
      when p.m[3] = '' then ''
      when p.m[1] <> 'flows' then '.' || case p.m[3] when 'key' then 'id' when 'domain' then 'id' else p.m[3] end
      else '.' || case p.m[3]
        when 'business_rules' then 'businessRules'
        when 'error_scenarios' then 'errorScenarios'
        when 'performance_requirements' then 'performanceRequirements'
        when 'entry_point' then 'entryPoint'
        when 'trigger_event' then 'triggerEvent'
        when 'custom_fields' then 'customFields'
        when 'service' then case when legacy -> 'flows' -> p.m[2]::integer ? 'serviceId' then 'serviceId' else 'service' end
        when 'service_domain' then
          case when legacy -> 'flows' -> p.m[2]::integer ? 'domainId' then 'domainId' else 'serviceDomain' end
        else p.m[3]
      end
    end || p.m[4],
    case when p.error ->> 'path' = 'project.name' and not legacy ? 'project' then 'projectName' end,
    p.error ->> 'path'
  )) order by p.ord), '[]'::jsonb)
  from parts as p
$$;

comment on function private.legacy_error_paths(jsonb, jsonb) is
'Errors of a converted legacy document with the paths of the legacy document itself '
'(services[6].key -> serviceRegistry.domains[2].services[0].id, flows[0].business_rules -> flows[0].businessRules).';

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
      'performance_requirements', private.snake_case_keys(coalesce(f.item -> 'performanceRequirements', '{}')),
      'notes', coalesce(f.item ->> 'notes', ''),
      -- The old app's id and times are kept in custom_fields.flowatlas_legacy: save_project_document matches
      -- flows by that id.
      'custom_fields', coalesce(f.item -> 'customFields', '{}') || coalesce(pg_catalog.jsonb_build_object(
        'flowatlas_legacy', nullif(pg_catalog.jsonb_strip_nulls(pg_catalog.jsonb_build_object(
          'id', f.item -> 'id', 'createdAt', f.item -> 'createdAt', 'updatedAt', f.item -> 'updatedAt'
        )), '{}'::jsonb)
      ), '{}'::jsonb)
    )) order by f.ord) from flows as f), '[]')
  )
$$;

comment on function private.legacy_to_project_document(jsonb) is
'Converts the old browser app''s localStorage document (camelCase; serviceRegistry.domains[].services[], '
'actorRegistry.actors[], integrationTypes.types[]; flows referring to entries by string id) to '
'flowatlas.project/v1. Ids that are not valid keys are cleaned into keys.';

create function private.document_errors_by_its_paths(
  sent jsonb, document jsonb, with_column_checks boolean default true
)
returns jsonb
language plpgsql
immutable
set search_path = ''
as $$
begin
  -- document is what sent became (a legacy document converted, the project renamed): its errors are named by
  -- the paths of the document the user sent.
  if private.is_legacy_document(sent) then
    return private.legacy_error_paths(sent, private.project_document_errors(document, with_column_checks));
  end if;
  return private.project_document_errors(document, with_column_checks);
end;
$$;

comment on function private.document_errors_by_its_paths(jsonb, jsonb, boolean) is
'private.project_document_errors of a document, by the paths of the document it was made from (sent: a legacy '
'document is converted before it is checked).';

grant execute on function private.legacy_key(text, text) to authenticated, service_role;
grant execute on function private.is_legacy_document(jsonb) to authenticated, service_role;
grant execute on function private.legacy_error_paths(jsonb, jsonb) to authenticated, service_role;
grant execute on function private.snake_case_keys(jsonb) to authenticated, service_role;
grant execute on function private.legacy_to_project_document(jsonb) to authenticated, service_role;
grant execute on function private.legacy_document_errors(jsonb) to authenticated, service_role;
grant execute on function private.document_errors_by_its_paths(jsonb, jsonb, boolean) to authenticated, service_role;
