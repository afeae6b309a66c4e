-- Why: `select=*` on flows (as docs/api.md shows it) returned the `search` tsvector, 1.6 kB of a 5.8 kB flow, typed
-- `unknown` in the generated TypeScript; and a stored generated column is recomputed and re-TOASTed on every
-- update of a flow, a status change or soft delete too, which also made every update rewrite all of the flow's
-- indexes. The vector moves to private.flow_search (one row per flow, not exposed), written by triggers only when
-- the searched text changes; the search definers join it.
-- Hand-written: the INSERT that carries the existing vectors over, and the order (copy, then drop the column).

SET local check_function_bodies = off;


DROP FUNCTION "private"."flow_matched_fields"(public.flows, tsquery);


CREATE TABLE "private"."flow_search" (
  "flow_id" uuid     NOT NULL,
  "search"  tsvector NOT NULL,
  CONSTRAINT "flow_search_pkey" PRIMARY KEY (flow_id)
);

-- Hand-written: carry every flow's stored vector over before the column goes (the GIN index is built after).
INSERT INTO "private"."flow_search" (flow_id, search)
SELECT
  id,
  search
FROM "public"."flows";

DROP INDEX "public"."flows_search_idx";

ALTER TABLE "public"."flows"
  DROP COLUMN "search";

ALTER TABLE "private"."flow_search"
  ENABLE ROW LEVEL SECURITY;

CREATE OR REPLACE FUNCTION private.flow_matched_fields (
  flow   public.flows,
  search tsvector,
  tsq    tsquery
)
  RETURNS text[]
  LANGUAGE sql
  STABLE
  SET search_path TO ''
  AS $function$
  -- Parsing a flow's text is what costs (about 0.5 ms for 30 steps), so its stored search vector answers first:
  -- the name and the steps have a weight each (private.flow_search_vector), so the part of that weight matching
  -- is the answer; a field sharing its weight is parsed only when the part of that weight matches at all. Long
  -- descriptions and notes are read up to their first 20,000 characters (a match beyond is not named here).
  select pg_catalog.array_remove(array[
    case when a then 'name' end,
    case when b and pg_catalog.to_tsvector('english'::regconfig, pg_catalog.left(flow.description, 20000)) @@ tsq
      then 'description' end,
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
    case when d and pg_catalog.to_tsvector('english'::regconfig, pg_catalog.left(flow.notes, 20000)) @@ tsq
      then 'notes' end
  ], null)
  from (
    select pg_catalog.ts_filter(search, '{a}') @@ tsq as a, pg_catalog.ts_filter(search, '{b}') @@ tsq as b,
      pg_catalog.ts_filter(search, '{c}') @@ tsq as c, pg_catalog.ts_filter(search, '{d}') @@ tsq as d
  ) as weights
$function$;

CREATE OR REPLACE FUNCTION private.flow_search_document (
  flow public.flows
)
  RETURNS tsvector
  LANGUAGE sql
  IMMUTABLE
  PARALLEL SAFE
  SET search_path TO ''
  AS $function$
  select private.flow_search_vector(
    flow.name, flow.description, flow.tags, flow.trigger_event, flow.entry_point, flow.steps, flow.business_rules,
    flow.error_scenarios, flow.notes
  )
$function$;

CREATE OR REPLACE FUNCTION private.flow_search_documents (
  flow_ids uuid[]
)
  RETURNS TABLE (
    flow_id uuid,
    search  tsvector
  )
  LANGUAGE sql
  STABLE
  SECURITY DEFINER
  SET search_path TO ''
  AS $function$
  -- A definer, as private.search_flows, with the same rule: only flows the select policy of flows lets the caller
  -- read (live, in a readable project; every flow for service_role and maintenance sessions).
  select s.flow_id, s.search
  from private.flow_search as s
  inner join public.flows as f on f.id = s.flow_id
  cross join (select private.policy_project_ids() as ids) as readable
  where s.flow_id = any (flow_ids)
    and f.deleted_at is null
    and (readable.ids is null or f.project_id = any (readable.ids))
$function$;

CREATE OR REPLACE FUNCTION private.search_flows (
  query      text,
  tsq        tsquery,
  in_project uuid,
  statuses   public.flow_status[],
  priorities public.flow_priority[],
  tag        text,
  service    uuid,
  actor      uuid,
  candidates integer
)
  RETURNS TABLE (
    id         uuid,
    project_id uuid,
    name       text,
    status     public.flow_status,
    priority   public.flow_priority,
    rank       real,
    fuzzy      boolean
  )
  LANGUAGE plpgsql
  STABLE
  SECURITY DEFINER
  SET search_path TO ''
  SET enable_seqscan TO 'off'
  AS $function$
-- Why a definer: under row-level security Postgres must test the policy before the (not leakproof) @@ operator,
-- so it walked every readable flow and never used the search index (member of 200 projects: 217 ms for a rare
-- word; here about 2 ms). This function applies exactly the select policy of flows itself — live flows of the
-- projects the caller may read; every flow for service_role and maintenance sessions — and lets the indexes
-- find the matches. Dynamic SQL, so each call is planned for its real project list and filters.
--
-- Why candidates: ranking reads each match's whole search vector, mostly stored out of line (TOAST), and a word
-- found in most flows would rank them all (800 ms at 100k flows). So at most `candidates` flows whose name matches
-- (flows_name_search_idx: the likeliest hits, never crowded out; the whole flow must still match, e.g. `-excluded`
-- words) and as many more matching anywhere are ranked. Below that many matches the result is exact.
--
-- Why enable_seqscan = off (it makes a table scan cost prohibitive, it does not forbid one): for a word found in
-- most flows the planner would read the table in order and test each flow's vector (a TOAST fetch, costed like a
-- mere comparison) before its project: 60 ms for a member of 200 projects at 1M flows. Instead it walks the
-- readable projects in flows_project_id_idx and stops at `candidates` matches (2 ms); rarer words still
-- intersect the search index with the projects.
declare
  readable constant uuid[] := private.policy_project_ids();
  ranked constant text := '
          select f.id, f.project_id, f.name, f.status, f.priority, pg_catalog.ts_rank(s.search, $2, 1), false
          from public.flows as f
          inner join private.flow_search as s on s.flow_id = f.id
          where s.search operator(pg_catalog.@@) $2';
  narrowed constant text := '
      and f.deleted_at is null
      and ($3::uuid is null or f.project_id = $3)
      and ($4::uuid[] is null or f.project_id = any ($4))
      and ($5::public.flow_status[] is null or f.status = any ($5))
      and ($6::public.flow_priority[] is null or f.priority = any ($6))
      and ($7::text is null or f.tags @> array[$7])
      and ($8::uuid is null or f.service_id = $8)
      and ($9::uuid is null or f.actor_ids @> array[$9])';
begin
  if pg_catalog.numnode(tsq) > 0 then
    return query execute
      'select distinct on (c.id) c.* from (
        (' || ranked || '
            and pg_catalog.to_tsvector(''english''::regconfig, f.name) operator(pg_catalog.@@) $2' || narrowed || '
          limit $10)
        union all
        (' || ranked || narrowed || '
          limit $10)
      ) as c'
      using query, tsq, in_project, readable, statuses, priorities, tag, service, actor, candidates;
    if found then
      return;
    end if;
  end if;
  -- Typo fallback, only when full text found no flow: names by trigram word similarity (flows_name_trgm_idx).
  return query execute
    'select f.id, f.project_id, f.name, f.status, f.priority, extensions.word_similarity($1, f.name), true
      from public.flows as f
      where $1 operator(extensions.<%) f.name' || narrowed || '
      order by 6 desc
      limit $10'
    using query, tsq, in_project, readable, statuses, priorities, tag, service, actor, candidates;
end;
$function$;

CREATE OR REPLACE FUNCTION private.tg_flow_search_insert()
  RETURNS TRIGGER
  LANGUAGE plpgsql
  SECURITY DEFINER
  SET search_path TO ''
  AS $function$
-- A definer: API roles have no grant on private.flow_search.
begin
  insert into private.flow_search (flow_id, search)
  select n.id, private.flow_search_document(n::public.flows) from new_flows as n;
  return null;
end;
$function$;

CREATE OR REPLACE FUNCTION private.tg_flow_search_update()
  RETURNS TRIGGER
  LANGUAGE plpgsql
  SECURITY DEFINER
  SET search_path TO ''
  AS $function$
begin
  update private.flow_search set search = private.flow_search_document(new) where flow_id = new.id;
  return null;
end;
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
  -- The caller's own projects come first: a public project full of a popular word must not push them off the
  -- page (twenty flows named "order order N" filled 18 of every user's 20 results for "order").
  mine constant uuid[] := private.member_project_ids('viewer');
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
      greatest(300, result_offset + result_limit)
    ) as f
    where 'flow' = any (kinds)
  ),
  registry_matches as (
    select g.kind, g.id, g.project_id, g.name, g.rank
    from private.search_registry(query, tsq, in_project, kinds) as g
    where kinds && array['service', 'actor', 'service_domain']  -- a constant test: no registry query otherwise
      and statuses is null and priorities is null and tag is null and service is null and actor is null
  ),
  hits as (
    select 'flow'::text as kind, m.id, m.project_id, m.name, m.status, m.priority, m.rank, m.fuzzy
    from flow_matches as m
    union all
    select g.kind, g.id, g.project_id, g.name, null, null, g.rank, false from registry_matches as g
  ),
  page as (
    select h.*, h.project_id = any (mine) as own from hits as h
    order by own desc, h.rank desc, h.name, h.id
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
  left join private.flow_search_documents(array(select x.id from page as x where x.kind = 'flow')) as v
    on v.flow_id = pg.id
  left join lateral (select private.flow_matched_fields(f, v.search, tsq) as matched where pg.kind = 'flow') as fields
    on true
  order by pg.own desc, pg.rank desc, pg.name, pg.id;
end;
$function$;

ALTER TABLE "private"."flow_search"
  ADD CONSTRAINT "flow_search_flow_id_fkey" FOREIGN KEY (flow_id) REFERENCES public.flows(id) ON DELETE CASCADE;

CREATE INDEX flow_search_search_idx ON private.flow_search USING gin (search);

CREATE TRIGGER _950_search_update
  AFTER UPDATE ON public.flows
  FOR EACH ROW WHEN (
    old.name is distinct from new.name
    or old.description is distinct from new.description
    or old.tags is distinct from new.tags
    or old.trigger_event is distinct from new.trigger_event
    or old.entry_point is distinct from new.entry_point
    or old.steps is distinct from new.steps
    or old.business_rules is distinct from new.business_rules
    or old.error_scenarios is distinct from new.error_scenarios
    or old.notes is distinct from new.notes
  )
  EXECUTE FUNCTION private.tg_flow_search_update();

CREATE TRIGGER _950_search
  AFTER INSERT ON public.flows REFERENCING NEW TABLE AS new_flows
  FOR EACH STATEMENT
  EXECUTE FUNCTION private.tg_flow_search_insert();

COMMENT ON COLUMN "private"."flow_search"."flow_id" IS 'The flow (one row per flow, deleted flows included).';

COMMENT ON COLUMN "private"."flow_search"."search" IS 'Weighted search document: name A; tags, description, trigger event, entry point B; steps C; rules, error scenarios, notes D.';

COMMENT ON FUNCTION "private"."flow_matched_fields"(public.flows, tsvector, tsquery) IS 'The fields of a flow that match a text query on their own (a query whose words are spread over several fields matches none of them).';

COMMENT ON FUNCTION "private"."flow_search_document"(public.flows) IS 'The search document of a flow row: the one place that lists which columns are searched.';

COMMENT ON FUNCTION "private"."flow_search_documents"(uuid[]) IS 'The search documents (private.flow_search) of those of the given flows the caller may read.';

COMMENT ON FUNCTION "private"."tg_flow_search_insert"() IS 'Writes the search documents of newly inserted flows.';

COMMENT ON FUNCTION "private"."tg_flow_search_update"() IS 'Rewrites the search document of a flow whose text changed.';

COMMENT ON TABLE "private"."flow_search" IS 'The weighted full-text search document of each flow (private.flow_search_vector), kept by triggers on public.flows; read by the search functions. Not exposed.';

REVOKE ALL ON FUNCTION "private"."flow_matched_fields"(public.flows, tsvector, tsquery) FROM PUBLIC;

GRANT EXECUTE ON FUNCTION "private"."flow_matched_fields"(public.flows, tsvector, tsquery) TO "authenticated";

REVOKE ALL ON FUNCTION "private"."flow_matched_fields"(public.flows, tsvector, tsquery) FROM "postgres";

GRANT EXECUTE ON FUNCTION "private"."flow_matched_fields"(public.flows, tsvector, tsquery) TO "postgres";

GRANT EXECUTE ON FUNCTION "private"."flow_matched_fields"(public.flows, tsvector, tsquery) TO "service_role";

REVOKE ALL ON FUNCTION "private"."flow_search_document"(public.flows) FROM PUBLIC;

REVOKE ALL ON FUNCTION "private"."flow_search_document"(public.flows) FROM "postgres";

GRANT EXECUTE ON FUNCTION "private"."flow_search_document"(public.flows) TO "postgres";

REVOKE ALL ON FUNCTION "private"."flow_search_documents"(uuid[]) FROM PUBLIC;

GRANT EXECUTE ON FUNCTION "private"."flow_search_documents"(uuid[]) TO "authenticated";

REVOKE ALL ON FUNCTION "private"."flow_search_documents"(uuid[]) FROM "postgres";

GRANT EXECUTE ON FUNCTION "private"."flow_search_documents"(uuid[]) TO "postgres";

GRANT EXECUTE ON FUNCTION "private"."flow_search_documents"(uuid[]) TO "service_role";

REVOKE ALL ON FUNCTION "private"."tg_flow_search_insert"() FROM PUBLIC;

REVOKE ALL ON FUNCTION "private"."tg_flow_search_insert"() FROM "postgres";

GRANT EXECUTE ON FUNCTION "private"."tg_flow_search_insert"() TO "postgres";

REVOKE ALL ON FUNCTION "private"."tg_flow_search_update"() FROM PUBLIC;

REVOKE ALL ON FUNCTION "private"."tg_flow_search_update"() FROM "postgres";

GRANT EXECUTE ON FUNCTION "private"."tg_flow_search_update"() TO "postgres";
