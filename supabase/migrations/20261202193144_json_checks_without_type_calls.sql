-- Why: the JSON checks every flow write runs (CHECK constraints, so an import or a copy of 2,000 flows runs them
-- 2,000 times) asked the type of values the next test rejects anyway: like_regex and .abs() are unknown for a
-- value of the wrong type, which a jsonpath filter drops. Same rules, same errors; the numbers check takes a third
-- of its time, the steps' shape check five sixths.

SET local check_function_bodies = off;

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
  -- .abs() of anything but a number is an error, which a filter takes as unknown: one method call per value
  -- instead of type() and two comparisons, a third of the time of this check on every write.
  return value is null or not pg_catalog.jsonb_path_exists(value, 'strict $.** ? (@.abs() >= 1e300)');
end;
$function$;
