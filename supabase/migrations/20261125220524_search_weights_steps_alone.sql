SET local check_function_bodies = off;

CREATE OR REPLACE FUNCTION private.flow_matched_fields (
  flow public.flows,
  tsq  tsquery
)
  RETURNS text[]
  LANGUAGE sql
  STABLE
  SET search_path TO ''
  AS $function$
  -- Parsing a flow's text is what costs (about 0.5 ms for 30 steps), so the stored search vector answers first:
  -- the name and the steps have a weight each (private.flow_search_vector), so the part of that weight matching
  -- is the answer; a field sharing its weight is parsed only when the part of that weight matches at all.
  select pg_catalog.array_remove(array[
    case when a then 'name' end,
    case when b and pg_catalog.to_tsvector('english'::regconfig, flow.description) @@ tsq then 'description' end,
    case when b and pg_catalog.to_tsvector('english'::regconfig, pg_catalog.array_to_string(flow.tags, ' ')) @@ tsq
      then 'tags' end,
    case when b and pg_catalog.to_tsvector('english'::regconfig, coalesce(flow.trigger_event, '')) @@ tsq
      then 'trigger_event' end,
    case when b and pg_catalog.to_tsvector('english'::regconfig, coalesce(flow.entry_point, '')) @@ tsq
      then 'entry_point' end,
    case when c then 'steps' end,
    case when d and pg_catalog.jsonb_to_tsvector('english'::regconfig, flow.business_rules, '["string"]') @@ tsq
      then 'business_rules' end,
    case when d and pg_catalog.jsonb_to_tsvector('english'::regconfig, flow.error_scenarios, '["string"]') @@ tsq
      then 'error_scenarios' end,
    case when d and pg_catalog.to_tsvector('english'::regconfig, flow.notes) @@ tsq then 'notes' end
  ], null)
  from (
    select pg_catalog.ts_filter(flow.search, '{a}') @@ tsq as a, pg_catalog.ts_filter(flow.search, '{b}') @@ tsq as b,
      pg_catalog.ts_filter(flow.search, '{c}') @@ tsq as c, pg_catalog.ts_filter(flow.search, '{d}') @@ tsq as d
  ) as weights
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
  LANGUAGE sql
  IMMUTABLE
  PARALLEL SAFE
  SET search_path TO ''
  AS $function$
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
$function$;

COMMENT ON FUNCTION "private"."flow_search_vector"(text, text, text[], text, text, jsonb, jsonb, jsonb, text) IS 'Weighted search document of a flow: name (A); tags, description, trigger event and entry point (B); the strings of its steps (C); the strings of its business rules and error scenarios, and its notes (D).';

-- Written by hand: flows.search is stored, and a new body of flow_search_vector does not recompute it. Dropping and
-- adding the column again recomputes every flow (a rewrite of flows under an exclusive lock: about a minute per
-- 100k flows on 2 cores). The column has no grants of its own, and only flows_search_idx depends on it.
ALTER TABLE "public"."flows" DROP COLUMN "search";

ALTER TABLE "public"."flows"
  ADD COLUMN "search" tsvector GENERATED ALWAYS AS (private.flow_search_vector(name, description, tags, trigger_event, entry_point, steps, business_rules, error_scenarios, notes))
    STORED;

COMMENT ON COLUMN "public"."flows"."search" IS 'Weighted full-text search document (generated).';

CREATE INDEX flows_search_idx ON public.flows USING gin (search);

-- The new column has no statistics yet, and the planner's estimate of a word's frequency comes from them.
ANALYZE public.flows (search);
