-- The rules of a flow's list parts (steps, integrations, business rules, error scenarios) built their jsonpath
-- query from the keys on every call: 40 us of a valid step list's 80, a third of a 2,000-flow copy's checks.
-- The shape (keys, limits, query) is now a value that the parts' rules build from literals, so each session's
-- plan of a rule holds it as a constant. Same rules, same errors.

SET local check_function_bodies = off;

DROP FUNCTION "private"."json_objects_errors"(jsonb, text, text[], text[], boolean, integer);

CREATE TYPE "private"."json_objects_shape" AS (
  "required_keys" text[],
  "optional_keys" text[],
  "unique_ids"    boolean,
  "max_items"     integer,
  "invalid_item"  jsonpath
);

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
  return private.json_objects_errors(
    business_rules, path, private.json_objects_shape(array['id', 'description'], array[]::text[], true, 1000)
  );
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
  return private.json_objects_errors(error_scenarios, path, private.json_objects_shape(
    array['id', 'condition', 'handling'], array[]::text[], true, 1000
  ));
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
  return private.json_objects_errors(integrations, path, private.json_objects_shape(
    array['from', 'to', 'type'], array['id', 'description', 'protocol', 'data'], false, 1000
  ));
end;
$function$;

CREATE OR REPLACE FUNCTION private.json_objects_errors (
  items jsonb,
  path  text,
  shape private.json_objects_shape
)
  RETURNS jsonb
  LANGUAGE plpgsql
  IMMUTABLE
  PARALLEL SAFE
  SET search_path TO ''
  AS $function$
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
$function$;

CREATE OR REPLACE FUNCTION private.json_objects_shape (
  required_keys text[],
  optional_keys text[],
  unique_ids    boolean,
  max_items     integer
)
  RETURNS private.json_objects_shape
  LANGUAGE plpgsql
  IMMUTABLE
  PARALLEL SAFE
  SET search_path TO ''
  AS $function$
declare
  invalid_item text := 'strict $[*] ? (@.type() != "object"';
  key text;
begin
  -- A valid part is recognised by one jsonpath query, evaluated in C, built from the keys by plain expressions
  -- (the keys are literals of this file). A 64,000-step import spent 4 s in per-element subqueries and in
  -- starting the error query's plan, 0.4 s this way. (Strict mode: a key that is missing makes exists() unknown
  -- rather than false, hence "is unknown".)
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
  return row(required_keys, optional_keys, unique_ids, max_items, (invalid_item || ')')::jsonpath);
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
  return private.json_objects_errors(steps, path, private.json_objects_shape(
    array['id', 'name'], array['description', 'actor', 'service', 'type', 'integration'], true, 1000
  ));
end;
$function$;

COMMENT ON FUNCTION "private"."json_objects_errors"(jsonb, text, private.json_objects_shape) IS 'Errors of an array of objects by JSON path against its shape (private.json_objects_shape): required non-blank strings, optional strings, unique ids, at most max_items entries; [] when valid or null.';

COMMENT ON FUNCTION "private"."json_objects_shape"(text[], text[], boolean, integer) IS 'The rule of a list part: required keys (non-blank strings), optional keys (strings or null), whether ids are unique, at most max_items entries, and the jsonpath query finding an item that breaks them.';

COMMENT ON TYPE "private"."json_objects_shape" IS 'The rule of a list part of a flow, as private.json_objects_shape(...) builds it for private.json_objects_errors.';

REVOKE ALL ON FUNCTION "private"."json_objects_errors"(jsonb, text, private.json_objects_shape) FROM PUBLIC;

GRANT EXECUTE ON FUNCTION "private"."json_objects_errors"(jsonb, text, private.json_objects_shape) TO "authenticated";

REVOKE ALL ON FUNCTION "private"."json_objects_errors"(jsonb, text, private.json_objects_shape) FROM "postgres";

GRANT EXECUTE ON FUNCTION "private"."json_objects_errors"(jsonb, text, private.json_objects_shape) TO "postgres";

GRANT EXECUTE ON FUNCTION "private"."json_objects_errors"(jsonb, text, private.json_objects_shape) TO "service_role";

REVOKE ALL ON FUNCTION "private"."json_objects_shape"(text[], text[], boolean, integer) FROM PUBLIC;

GRANT EXECUTE ON FUNCTION "private"."json_objects_shape"(text[], text[], boolean, integer) TO "authenticated";

REVOKE ALL ON FUNCTION "private"."json_objects_shape"(text[], text[], boolean, integer) FROM "postgres";

GRANT EXECUTE ON FUNCTION "private"."json_objects_shape"(text[], text[], boolean, integer) TO "postgres";

GRANT EXECUTE ON FUNCTION "private"."json_objects_shape"(text[], text[], boolean, integer) TO "service_role";
