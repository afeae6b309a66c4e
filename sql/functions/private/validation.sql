-- Immutable validation functions called from CHECK constraints. Each returns true when its part is valid
-- and true as well when the part is not even an array of objects, so that only the constraint about the
-- shape (`…_are_objects`) fails and the error names the real problem.

create function private.jsonb_is_array_of_objects(value jsonb)
returns boolean
language sql
immutable
parallel safe
set search_path = ''
as $$
  select case
    when value is null then true
    when pg_catalog.jsonb_typeof(value) <> 'array' then false
    else not exists (
      select 1 from pg_catalog.jsonb_array_elements(value) as e (item)
      where pg_catalog.jsonb_typeof(e.item) <> 'object'
    )
  end
$$;

comment on function private.jsonb_is_array_of_objects(jsonb) is
'True when the value is a JSON array whose every element is an object (null counts as valid).';

create function private.jsonb_objects_have_strings(value jsonb, required_keys text[])
returns boolean
language sql
immutable
parallel safe
set search_path = ''
as $$
  select case
    when not private.jsonb_is_array_of_objects(value) or value is null then true
    else not exists (
      select 1
      from pg_catalog.jsonb_array_elements(value) as e (item)
      cross join pg_catalog.unnest(required_keys) as k (key)
      where pg_catalog.jsonb_typeof(e.item -> k.key) is distinct from 'string'
        or pg_catalog.btrim(e.item ->> k.key) = ''
    )
  end
$$;

comment on function private.jsonb_objects_have_strings(jsonb, text[]) is
'True when every object of the array has each of the required keys as a non-empty string.';

create function private.jsonb_objects_optional_strings(value jsonb, optional_keys text[])
returns boolean
language sql
immutable
parallel safe
set search_path = ''
as $$
  select case
    when not private.jsonb_is_array_of_objects(value) or value is null then true
    else not exists (
      select 1
      from pg_catalog.jsonb_array_elements(value) as e (item)
      cross join pg_catalog.unnest(optional_keys) as k (key)
      where e.item ? k.key
        and pg_catalog.jsonb_typeof(e.item -> k.key) not in ('string', 'null')
    )
  end
$$;

comment on function private.jsonb_objects_optional_strings(jsonb, text[]) is
'True when each of the optional keys, where an object of the array has it, is a string or null.';

create function private.jsonb_object_ids_unique(value jsonb)
returns boolean
language sql
immutable
parallel safe
set search_path = ''
as $$
  select case
    when not private.jsonb_is_array_of_objects(value) or value is null then true
    else (
      select pg_catalog.count(e.item ->> 'id') = pg_catalog.count(distinct e.item ->> 'id')
      from pg_catalog.jsonb_array_elements(value) as e (item)
    )
  end
$$;

comment on function private.jsonb_object_ids_unique(jsonb) is
'True when no two objects of the array share the same "id".';

create function private.performance_requirements_are_valid(value jsonb)
returns boolean
language sql
immutable
parallel safe
set search_path = ''
as $$
  select case
    when value is null or pg_catalog.jsonb_typeof(value) <> 'object' then true
    else not exists (
      select 1
      from pg_catalog.unnest(
        array['response_time_ms', 'throughput_per_minute', 'availability_percent']
      ) as k (key)
      where value ? k.key
        and pg_catalog.jsonb_typeof(value -> k.key) <> 'null'
        and (
          pg_catalog.jsonb_typeof(value -> k.key) <> 'number'
          or (value ->> k.key)::numeric < 0
          or (k.key = 'availability_percent' and (value ->> k.key)::numeric > 100)
        )
    )
    and not exists (
      select 1
      from pg_catalog.unnest(array['sla', 'notes']) as k (key)
      where value ? k.key and pg_catalog.jsonb_typeof(value -> k.key) not in ('string', 'null')
    )
  end
$$;

comment on function private.performance_requirements_are_valid(jsonb) is
'True when the known keys of a performance requirements object have the right types: response_time_ms, '
'throughput_per_minute (numbers >= 0), availability_percent (0-100), sla and notes (strings).';

create function private.tags_are_valid(tags text[])
returns boolean
language sql
immutable
parallel safe
set search_path = ''
as $$
  select tags is null or not exists (
    select 1 from pg_catalog.unnest(tags) as t (tag)
    where t.tag is null or pg_catalog.char_length(pg_catalog.btrim(t.tag)) not between 1 and 50
  )
$$;

comment on function private.tags_are_valid(text[]) is
'True when every tag is a non-blank string of at most 50 characters.';

create function private.flow_search_vector(
  name text, description text, tags text[], trigger_event text, entry_point text,
  steps jsonb, business_rules jsonb, error_scenarios jsonb, notes text
)
returns tsvector
language sql
immutable
parallel safe
set search_path = ''
as $$
  -- The name and the steps each have a weight of their own, so search can tell that they matched from this
  -- vector alone (see private.flow_matched_fields): the steps are most of a flow's text, and parsing them again
  -- for every result was the slowest part of a search.
  -- array_to_string is only stable because of element output functions; for text[] it is immutable.
  select pg_catalog.setweight(pg_catalog.to_tsvector('english'::regconfig, coalesce(name, '')), 'A')
    || pg_catalog.setweight(
      pg_catalog.to_tsvector(
        'english'::regconfig,
        pg_catalog.concat_ws(' ', pg_catalog.array_to_string(tags, ' '), description, trigger_event, entry_point)
      ),
      'B'
    )
    || pg_catalog.setweight(pg_catalog.jsonb_to_tsvector('english'::regconfig, steps, '["string"]'::jsonb), 'C')
    || pg_catalog.setweight(
      pg_catalog.jsonb_to_tsvector(
        'english'::regconfig, pg_catalog.jsonb_build_array(business_rules, error_scenarios), '["string"]'::jsonb
      )
      || pg_catalog.to_tsvector('english'::regconfig, coalesce(notes, '')),
      'D'
    )
$$;

comment on function private.flow_search_vector(text, text, text[], text, text, jsonb, jsonb, jsonb, text) is
'Weighted search document of a flow: name (A); tags, description, trigger event and entry point (B); the strings '
'of its steps (C); the strings of its business rules and error scenarios, and its notes (D).';

create function private.jsonb_depth_ok(value jsonb)
returns boolean
language sql
immutable
parallel safe
set search_path = ''
as $$
  -- Nothing nested deeper than 32 levels: deeper JSON is no document, and it breaks renderers and parsers.
  select value is null or not pg_catalog.jsonb_path_exists(value, 'strict $.**{33}')
$$;

comment on function private.jsonb_depth_ok(jsonb) is
'True when no value inside the JSON is nested deeper than 32 levels (null counts as valid).';

create function private.jsonb_numbers_ok(value jsonb)
returns boolean
language sql
immutable
parallel safe
set search_path = ''
as $$
  -- Every number fits a double (|x| < 1e300), as the frontend's JavaScript reads it: a 5,000-digit number was
  -- stored, and then every Python reader of the project (backup, renders, export) failed on it.
  select value is null
    or not pg_catalog.jsonb_path_exists(value, 'strict $.** ? (@.type() == "number" && (@ >= 1e300 || @ <= -1e300))')
$$;

comment on function private.jsonb_numbers_ok(jsonb) is
'True when every number inside the JSON is smaller in magnitude than 1e300 (null counts as valid).';
