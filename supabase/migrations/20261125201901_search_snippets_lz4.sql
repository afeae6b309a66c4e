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
  -- Parsing a flow's text is what costs (about 0.5 ms for 30 steps), so a field is parsed only when the part of
  -- the stored search vector that holds it (its weight, see private.flow_search_vector) matches at all.
  select pg_catalog.array_remove(array[
    case when pg_catalog.to_tsvector('english'::regconfig, flow.name) @@ tsq then 'name' end,
    case when b and pg_catalog.to_tsvector('english'::regconfig, flow.description) @@ tsq then 'description' end,
    case when b and pg_catalog.to_tsvector('english'::regconfig, pg_catalog.array_to_string(flow.tags, ' ')) @@ tsq
      then 'tags' end,
    case when b and pg_catalog.to_tsvector('english'::regconfig, coalesce(flow.trigger_event, '')) @@ tsq
      then 'trigger_event' end,
    case when b and pg_catalog.to_tsvector('english'::regconfig, coalesce(flow.entry_point, '')) @@ tsq
      then 'entry_point' end,
    case when c and pg_catalog.jsonb_to_tsvector('english'::regconfig, flow.steps, '["string"]') @@ tsq
      then 'steps' end,
    case when c and pg_catalog.jsonb_to_tsvector('english'::regconfig, flow.business_rules, '["string"]') @@ tsq
      then 'business_rules' end,
    case when c and pg_catalog.jsonb_to_tsvector('english'::regconfig, flow.error_scenarios, '["string"]') @@ tsq
      then 'error_scenarios' end,
    case when d and pg_catalog.to_tsvector('english'::regconfig, flow.notes) @@ tsq then 'notes' end
  ], null)
  from (
    select pg_catalog.ts_filter(flow.search, '{b}') @@ tsq as b, pg_catalog.ts_filter(flow.search, '{c}') @@ tsq as c,
      pg_catalog.ts_filter(flow.search, '{d}') @@ tsq as d
  ) as weights
$function$;

CREATE OR REPLACE FUNCTION private.flow_snippet (
  flow   public.flows,
  tsq    tsquery,
  fields text[]
)
  RETURNS text
  LANGUAGE sql
  STABLE
  SET search_path TO ''
  AS $function$
  -- Headlines only the given fields (all when none is given): ts_headline parses all the text it gets, and the
  -- matching fields are both the relevant ones and usually the short ones.
  select pg_catalog.ts_headline(
    'english'::regconfig,
    private.html_escape(pg_catalog.concat_ws(' … ',
      case when 'name' = any (shown) then flow.name end,
      case when 'description' = any (shown) then flow.description end,
      case when 'tags' = any (shown) then pg_catalog.array_to_string(flow.tags, ' ') end,
      case when 'trigger_event' = any (shown) then flow.trigger_event end,
      case when 'entry_point' = any (shown) then flow.entry_point end,
      case when 'steps' = any (shown) then private.jsonb_strings(flow.steps) end,
      case when 'business_rules' = any (shown) then private.jsonb_strings(flow.business_rules) end,
      case when 'error_scenarios' = any (shown) then private.jsonb_strings(flow.error_scenarios) end,
      case when 'notes' = any (shown) then flow.notes end)),
    tsq, 'StartSel=<mark>, StopSel=</mark>, MaxFragments=2, MaxWords=18, MinWords=6, FragmentDelimiter=" … "')
  from (
    select coalesce(nullif(fields, '{}'), array[
      'name', 'description', 'tags', 'trigger_event', 'entry_point', 'steps', 'business_rules', 'error_scenarios',
      'notes'
    ]) as shown
  ) as s
$function$;

CREATE OR REPLACE FUNCTION public.search (
  query         text,
  in_project    uuid                   DEFAULT NULL::uuid,
  statuses      public.flow_status[]   DEFAULT NULL::public.flow_status[],
  priorities    public.flow_priority[] DEFAULT NULL::public.flow_priority[],
  tag           text                   DEFAULT NULL::text,
  service       uuid                   DEFAULT NULL::uuid,
  actor         uuid                   DEFAULT NULL::uuid,
  kinds         text[]                 DEFAULT ARRAY['flow'::text,
  'service'::text,
  'actor'::text,
  'service_domain'::text],
  result_limit  integer                DEFAULT 20,
  result_offset integer                DEFAULT 0
)
  RETURNS TABLE (
    kind         text,
    id           uuid,
    project_id   uuid,
    project_name text,
    name         text,
    status       public.flow_status,
    priority     public.flow_priority,
    rank         real,
    snippet      text,
    matched      text[],
    fuzzy        boolean
  )
  LANGUAGE plpgsql
  STABLE
  SET search_path TO ''
  AS $function$
declare
  tsq tsquery;
begin
  -- Typo tolerance for the `<%` operator (index-backed): a query word may differ from a word of a name by about
  -- a letter or two. Transaction-local, like the request itself.
  perform pg_catalog.set_config('pg_trgm.word_similarity_threshold', '0.4', true);
  -- Bad arguments: 22023 (HTTP 400) naming the field.
  if query is null or pg_catalog.char_length(pg_catalog.btrim(query)) = 0 then
    raise exception 'query: must not be empty' using errcode = '22023', detail = 'field: query';
  elsif pg_catalog.char_length(query) > 200 then
    raise exception 'query: must be at most 200 characters' using errcode = '22023', detail = 'field: query';
  elsif result_limit is null or result_limit not between 1 and 100 then
    raise exception 'result_limit: must be between 1 and 100' using errcode = '22023', detail = 'field: result_limit';
  elsif result_offset is null or result_offset not between 0 and 10000 then
    raise exception 'result_offset: must be between 0 and 10000' using errcode = '22023',
      detail = 'field: result_offset';
  elsif kinds is null or not kinds <@ array['flow', 'service', 'actor', 'service_domain'] then
    raise exception 'kinds: may contain only flow, service, actor, service_domain' using errcode = '22023',
      detail = 'field: kinds';
  end if;
  tsq := pg_catalog.websearch_to_tsquery('english'::regconfig, query);

  return query
  with flow_matches as (
    select f.id, f.project_id, f.name, f.status, f.priority, f.rank, f.fuzzy
    from private.search_flows(
      query, tsq, in_project, statuses, priorities, tag, service, actor,
      greatest(1000, result_offset + result_limit)
    ) as f
    where 'flow' = any (kinds)
  ),
  registry_matches as (
    select g.kind, g.id, g.project_id, g.name, g.rank
    from private.search_registry(query, tsq, in_project, kinds) as g
    where statuses is null and priorities is null and tag is null and service is null and actor is null
  ),
  hits as (
    select 'flow'::text as kind, m.id, m.project_id, m.name, m.status, m.priority, m.rank, m.fuzzy
    from flow_matches as m
    union all
    select g.kind, g.id, g.project_id, g.name, null, null, g.rank, false from registry_matches as g
  ),
  page as (
    select h.* from hits as h
    order by h.rank desc, h.name, h.id
    limit result_limit offset result_offset
  )
  select pg.kind, pg.id, pg.project_id, p.name, pg.name, pg.status, pg.priority, pg.rank,
    case
      when pg.kind = 'flow' and not pg.fuzzy then private.flow_snippet(f, tsq, fields.matched)
      when pg.kind = 'flow' then private.html_escape(f.name)
      else private.html_escape(coalesce(s.description, a.description, d.description))
    end,
    case when pg.kind = 'flow' and not pg.fuzzy then fields.matched else array['name'] end,
    pg.fuzzy
  from page as pg
  inner join public.projects as p on p.id = pg.project_id
  left join public.flows as f on pg.kind = 'flow' and f.id = pg.id
  left join public.services as s on pg.kind = 'service' and s.id = pg.id
  left join public.actors as a on pg.kind = 'actor' and a.id = pg.id
  left join public.service_domains as d on pg.kind = 'service_domain' and d.id = pg.id
  left join lateral (select private.flow_matched_fields(f, tsq) as matched where pg.kind = 'flow') as fields on true
  order by pg.rank desc, pg.name, pg.id;
end;
$function$;

COMMENT ON FUNCTION "private"."flow_matched_fields"(public.flows, tsquery) IS 'The fields of a flow that match a text query on their own (a query whose words are spread over several fields matches none of them).';

COMMENT ON FUNCTION "private"."flow_snippet"(public.flows, tsquery, text[]) IS 'HTML-escaped excerpt of the given fields of a flow (all fields when none) with <mark> around the query''s words.';

REVOKE ALL ON FUNCTION "private"."flow_matched_fields"(public.flows, tsquery) FROM PUBLIC;

GRANT EXECUTE ON FUNCTION "private"."flow_matched_fields"(public.flows, tsquery) TO "authenticated";

REVOKE ALL ON FUNCTION "private"."flow_matched_fields"(public.flows, tsquery) FROM "postgres";

GRANT EXECUTE ON FUNCTION "private"."flow_matched_fields"(public.flows, tsquery) TO "postgres";

GRANT EXECUTE ON FUNCTION "private"."flow_matched_fields"(public.flows, tsquery) TO "service_role";

REVOKE ALL ON FUNCTION "private"."flow_snippet"(public.flows, tsquery, text[]) FROM PUBLIC;

GRANT EXECUTE ON FUNCTION "private"."flow_snippet"(public.flows, tsquery, text[]) TO "authenticated";

REVOKE ALL ON FUNCTION "private"."flow_snippet"(public.flows, tsquery, text[]) FROM "postgres";

GRANT EXECUTE ON FUNCTION "private"."flow_snippet"(public.flows, tsquery, text[]) TO "postgres";

GRANT EXECUTE ON FUNCTION "private"."flow_snippet"(public.flows, tsquery, text[]) TO "service_role";

-- Added by hand: `db diff` does not see column compression (sql/tables/audit_log.sql, flow_revisions.sql).
-- Only new values are compressed with lz4; existing ones stay readable as they are.
ALTER TABLE public.audit_log ALTER COLUMN changes SET COMPRESSION lz4;

ALTER TABLE public.flow_revisions ALTER COLUMN content SET COMPRESSION lz4;
