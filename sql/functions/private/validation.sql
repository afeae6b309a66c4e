-- The rules of a project's content, one set for the tables and the project document alike. Each rule is an
-- immutable function: the tables call it from a CHECK constraint (sql/tables/*), the document validator
-- (private.project_document_errors) calls the same function for every part of a document, so what a table
-- stores a document carries, and back.
--
-- The rules of the JSON parts list their errors as [{"path": "steps[3].id", "message": ...}]. Inside a CHECK they
-- go through private.valid_or_raise, which raises the first one as the message (SQLSTATE 23514, the constraint's
-- name, every error in DETAIL as JSON): "steps[3].id: duplicate id "s1" (steps[1] has it too)" instead of only
-- the constraint's name. Each walks its array once (with ordinality), so a check is linear in the part's size.
--
-- They are PL/pgSQL, not SQL, though most are one expression: a SQL function with a pinned search_path is never
-- inlined, and called from a query that starts again for each row or flow (the validator, a trigger) it was
-- planned again on every call, about 70 us for a one-line check. PL/pgSQL keeps its plans for the session.

-- The text columns every table and the project document share: each rule is one function, called by the tables'
-- CHECK constraints and by the document validator, so a key's format is written only here. (Not domains: a domain
-- column changes the type of every function result and comparison that reads it.)

create function private.is_registry_key(value text)
returns boolean
language plpgsql
immutable
parallel safe
set search_path = ''
as $$
begin
  return value ~ '^[A-Za-z0-9][A-Za-z0-9_.:-]{0,99}$';
end;
$$;

comment on function private.is_registry_key(text) is
'True for a registry key: 1-100 letters, digits and _ . : - starting with a letter or digit.';

create function private.is_display_name(value text)
returns boolean
language plpgsql
immutable
parallel safe
set search_path = ''
as $$
begin
  return value ~ '\S' and pg_catalog.char_length(value) <= 255;
end;
$$;

comment on function private.is_display_name(text) is
'True for a display name: at most 255 characters, not blank (at least one character that is not white space).';

create function private.is_version_label(value text)
returns boolean
language plpgsql
immutable
parallel safe
set search_path = ''
as $$
begin
  return value ~ '\S' and pg_catalog.char_length(value) <= 50;
end;
$$;

comment on function private.is_version_label(text) is 'True for a version label: at most 50 characters, not blank.';

create function private.document_error(path text, message text)
returns jsonb
language plpgsql
immutable
parallel safe
set search_path = ''
as $$
begin
  return pg_catalog.jsonb_build_object('path', path, 'message', message);
end;
$$;

comment on function private.document_error(text, text) is 'One validation error: {"path": ..., "message": ...}.';

create function private.valid_or_raise(errors jsonb, constraint_name text, table_name text)
returns boolean
language plpgsql
immutable
parallel safe
set search_path = ''
as $$
begin
  if errors is null or errors = '[]'::jsonb then
    return true;
  end if;
  raise exception '%: %', errors -> 0 ->> 'path', errors -> 0 ->> 'message'
    using errcode = 'check_violation', constraint = constraint_name, table = table_name,
      detail = errors::text, hint = 'details lists every invalid field by its JSON path';
end;
$$;

comment on function private.valid_or_raise(jsonb, text, text) is
'For CHECK constraints: true when errors is empty, else raises 23514 naming the first error (path: message), '
'with every error as the JSON array in DETAIL.';

create function private.is_text_of(value jsonb, max_length integer)
returns boolean
language plpgsql
immutable
parallel safe
set search_path = ''
as $$
begin
  -- Not blank: at least one character that is not white space.
  return coalesce(
    pg_catalog.jsonb_typeof(value) = 'string'
    and (value #>> '{}') ~ '\S'
    and (max_length is null or pg_catalog.char_length(value #>> '{}') <= max_length),
    false
  );
end;
$$;

comment on function private.is_text_of(jsonb, integer) is
'True for a JSON string that is not blank and, when max_length is given, not longer.';

create function private.json_type_error(value jsonb, expected text, path text)
returns jsonb
language plpgsql
immutable
parallel safe
set search_path = ''
as $$
begin
  -- The one error of a part that is not of its JSON type, or [] (null counts as absent).
  return case
    when value is null or pg_catalog.jsonb_typeof(value) = expected then '[]'::jsonb
    else pg_catalog.jsonb_build_array(private.document_error(path, pg_catalog.format('must be a JSON %s', expected)))
  end;
end;
$$;

comment on function private.json_type_error(jsonb, text, text) is
'[] when the value is absent or of the expected JSON type, else the one error at path.';

-- The shape of a list part: its keys and limits, and the one jsonpath query that finds an item breaking them. The
-- parts' rules build it from literals (private.steps_errors and the others), so each session's plan of the rule
-- holds it as a constant: built on every call it was half of a valid part's check (40 us of a step list's 80).
-- (The noqa: sqlfluff reads a composite type's array column as an index.)
create type private.json_objects_shape as (
  required_keys text[],  -- noqa: LT01
  optional_keys text[],  -- noqa: LT01
  unique_ids boolean,
  max_items integer,
  invalid_item jsonpath
);

comment on type private.json_objects_shape is
'The rule of a list part of a flow, as private.json_objects_shape(...) builds it for private.json_objects_errors.';

create function private.json_objects_shape(
  required_keys text[], optional_keys text[], unique_ids boolean, max_items integer
)
returns private.json_objects_shape
language plpgsql
immutable
parallel safe
set search_path = ''
as $$
declare
  invalid_item text := 'strict $[*] ? (@.type() != "object"';
  key text;
begin
  -- A valid part is recognised by one jsonpath query, evaluated in C, built from the keys by plain expressions
  -- (the keys are literals of this file). A 64,000-step import spent 4 s in per-element subqueries and in
  -- starting the error query's plan, 0.4 s this way. (Strict mode: a key that is missing makes exists() unknown
  -- rather than false, hence "is unknown"; like_regex on a value that is no string is unknown too, so the filter
  -- drops it without asking its type, which cost a sixth of the steps' check.)
  foreach key in array required_keys loop
    invalid_item := invalid_item || pg_catalog.format(
      ' || !(exists(@.%1$s ? (@ like_regex "\\S"))) || (exists(@.%1$s)) is unknown',
      pg_catalog.to_jsonb(key)
    );
  end loop;
  foreach key in array optional_keys loop
    invalid_item := invalid_item || pg_catalog.format(
      ' || exists(@.%s ? (@.type() != "string" && @.type() != "null"))', pg_catalog.to_jsonb(key)
    );
  end loop;
  return row(required_keys, optional_keys, unique_ids, max_items, (invalid_item || ')')::jsonpath);
end;
$$;

comment on function private.json_objects_shape(text[], text[], boolean, integer) is
'The rule of a list part: required keys (non-blank strings), optional keys (strings or null), whether ids are '
'unique, at most max_items entries, and the jsonpath query finding an item that breaks them.';

create function private.json_objects_errors(items jsonb, path text, shape private.json_objects_shape)
returns jsonb
language plpgsql
immutable
parallel safe
set search_path = ''
as $$
begin
  -- A list part of a flow (steps, integrations, business rules, error scenarios): an array of at most max_items
  -- objects, each with the required keys as non-blank strings, the optional keys as strings (or null), and, when
  -- unique_ids, an "id" that no earlier object has. Extra keys are the user's.
  if items is null then
    return '[]'::jsonb;
  elsif pg_catalog.jsonb_typeof(items) <> 'array' then
    return pg_catalog.jsonb_build_array(private.document_error(path, 'must be a JSON array of objects'));
  elsif pg_catalog.jsonb_array_length(items) > shape.max_items then
    return pg_catalog.jsonb_build_array(
      private.document_error(path, pg_catalog.format('at most %s entries', shape.max_items))
    );
  end if;
  -- Every write runs this, an import for every part of every flow: the shape's query finds no invalid item in
  -- most parts, and then only the ids are left to compare.
  if not pg_catalog.jsonb_path_exists(items, shape.invalid_item) then
    if not shape.unique_ids or pg_catalog.jsonb_array_length(items) < 2 then
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
      from item as x cross join pg_catalog.unnest(shape.required_keys) with ordinality as r (key, k)
      where x.is_object and not private.is_text_of(x.value -> r.key, null)
      union all
      select x.i, 100 + o.k,
        private.document_error(pg_catalog.format('%s[%s].%s', path, x.i, o.key), 'must be a string or null')
      from item as x cross join pg_catalog.unnest(shape.optional_keys) with ordinality as o (key, k)
      where x.is_object and pg_catalog.jsonb_typeof(x.value -> o.key) not in ('string', 'null')
      union all
      select x.i, 1000, private.document_error(pg_catalog.format('%s[%s].id', path, x.i),
        pg_catalog.format('duplicate id "%s" (%s[%s] has it too)', x.value ->> 'id', path, x.first_i))
      from item as x
      where shape.unique_ids and x.is_object and x.i > x.first_i and x.value ->> 'id' is not null
    )
    select coalesce(pg_catalog.jsonb_agg(p.error order by p.i, p.k), '[]'::jsonb) from problem as p
  );
end;
$$;

comment on function private.json_objects_errors(jsonb, text, private.json_objects_shape) is
'Errors of an array of objects by JSON path against its shape (private.json_objects_shape): required non-blank '
'strings, optional strings, unique ids, at most max_items entries; [] when valid or null.';

create function private.steps_errors(steps jsonb, path text default 'steps')
returns jsonb
language plpgsql
immutable
parallel safe
set search_path = ''
as $$
begin
  return private.json_objects_errors(steps, path, private.json_objects_shape(
    array['id', 'name'], array['description', 'actor', 'service', 'type', 'integration'], true, 1000
  ));
end;
$$;

comment on function private.steps_errors(jsonb, text) is
'Errors of a flow''s steps: at most 1000 objects, each with a non-blank id (unique) and name; description, actor, '
'service, type and integration strings.';

create function private.integrations_errors(integrations jsonb, path text default 'integrations')
returns jsonb
language plpgsql
immutable
parallel safe
set search_path = ''
as $$
begin
  return private.json_objects_errors(integrations, path, private.json_objects_shape(
    array['from', 'to', 'type'], array['id', 'description', 'protocol', 'data'], false, 1000
  ));
end;
$$;

comment on function private.integrations_errors(jsonb, text) is
'Errors of a flow''s integrations: at most 1000 objects with non-blank from, to and type; id, description, '
'protocol and data strings.';

create function private.business_rules_errors(business_rules jsonb, path text default 'business_rules')
returns jsonb
language plpgsql
immutable
parallel safe
set search_path = ''
as $$
begin
  return private.json_objects_errors(
    business_rules, path, private.json_objects_shape(array['id', 'description'], array[]::text[], true, 1000)
  );
end;
$$;

comment on function private.business_rules_errors(jsonb, text) is
'Errors of a flow''s business rules: at most 1000 objects with a non-blank id (unique) and description.';

create function private.error_scenarios_errors(error_scenarios jsonb, path text default 'error_scenarios')
returns jsonb
language plpgsql
immutable
parallel safe
set search_path = ''
as $$
begin
  return private.json_objects_errors(error_scenarios, path, private.json_objects_shape(
    array['id', 'condition', 'handling'], array[]::text[], true, 1000
  ));
end;
$$;

comment on function private.error_scenarios_errors(jsonb, text) is
'Errors of a flow''s error scenarios: at most 1000 objects with a non-blank id (unique), condition and handling.';

create function private.performance_requirements_errors(
  value jsonb, path text default 'performance_requirements'
)
returns jsonb
language plpgsql
immutable
parallel safe
set search_path = ''
as $$
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
$$;

comment on function private.performance_requirements_errors(jsonb, text) is
'Errors of a performance requirements object, each naming its key: response_time_ms and throughput_per_minute '
'(numbers >= 0), availability_percent (0-100), sla and notes (strings).';

create function private.tags_errors(tags jsonb, path text default 'tags')
returns jsonb
language plpgsql
immutable
parallel safe
set search_path = ''
as $$
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
$$;

comment on function private.tags_errors(jsonb, text) is
'Errors of a list of tags: at most 100, each a non-blank string of at most 50 characters.';

create function private.enum_error(value jsonb, allowed text[], path text)
returns jsonb
language plpgsql
immutable
parallel safe
set search_path = ''
as $$
begin
  -- allowed comes from pg_catalog.enum_range of the column's enum type: the values are written only there.
  return case
    when value is null or (value #>> '{}') = any (allowed) then '[]'::jsonb
    else pg_catalog.jsonb_build_array(private.document_error(path,
      'must be one of ' || pg_catalog.array_to_string(allowed, ', ')))
  end;
end;
$$;

comment on function private.enum_error(jsonb, text[], text) is
'[] when the value is absent or one of the allowed values, else the one error at path.';

create function private.jsonb_depth_ok(value jsonb)
returns boolean
language plpgsql
immutable
parallel safe
set search_path = ''
as $$
begin
  -- Nothing nested deeper than 32 levels: deeper JSON is no document, and it breaks renderers and parsers.
  return value is null or not pg_catalog.jsonb_path_exists(value, 'strict $.**{33}');
end;
$$;

comment on function private.jsonb_depth_ok(jsonb) is
'True when no value inside the JSON is nested deeper than 32 levels (null counts as valid).';

create function private.jsonb_numbers_ok(value jsonb)
returns boolean
language plpgsql
immutable
parallel safe
set search_path = ''
as $$
begin
  -- Every number fits a double (|x| < 1e300), as the frontend's JavaScript reads it: a 5,000-digit number was
  -- stored, and then every Python reader of the project (backup, renders, export) failed on it.
  -- .abs() of anything but a number is an error, which a filter takes as unknown: one method call per value
  -- instead of type() and two comparisons, a third of the time of this check on every write.
  return value is null or not pg_catalog.jsonb_path_exists(value, 'strict $.** ? (@.abs() >= 1e300)');
end;
$$;

comment on function private.jsonb_numbers_ok(jsonb) is
'True when every number inside the JSON is smaller in magnitude than 1e300 (null counts as valid).';

create function private.flow_search_vector(
  name text, description text, tags text[], trigger_event text, entry_point text,
  steps jsonb, business_rules jsonb, error_scenarios jsonb, notes text
)
returns tsvector
language plpgsql
immutable
parallel safe
set search_path = ''
as $$
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
$$;

comment on function private.flow_search_vector(text, text, text[], text, text, jsonb, jsonb, jsonb, text) is
'Weighted search document of a flow: name (A); tags, description, trigger event and entry point (B); the strings '
'of its steps but their id, actor, service, type and integration (C); the strings of its business rules and error '
'scenarios, and its notes (D).';
