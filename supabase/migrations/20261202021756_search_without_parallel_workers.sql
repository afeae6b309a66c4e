-- public.search runs without parallel workers: it reads a few hundred rows, and at 1M flows the planner gave its
-- flow candidates a parallel worker whose start cost more than it saved (13-16 ms of a 50-90 ms search for a
-- member of 200 projects; neutral at 100k flows).

SET local check_function_bodies = off;

CREATE OR REPLACE FUNCTION public.search (
  query         text,
  in_project    uuid                   DEFAULT NULL::uuid,
  statuses      public.flow_status[]   DEFAULT NULL::public.flow_status[],
  priorities    public.flow_priority[] DEFAULT NULL::public.flow_priority[],
  tag           text                   DEFAULT NULL::text,
  service       text                   DEFAULT NULL::text,
  actor         text                   DEFAULT NULL::text,
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
  SET max_parallel_workers_per_gather TO '0'
  AS $function$
declare
  tsq tsquery;
  -- The caller's own projects come first: a public project full of a popular word must not push them off the
  -- page (twenty flows named "order order N" filled 18 of every user's 20 results for "order").
  mine constant uuid[] := private.member_project_ids('viewer');
  uuid_shape constant text := '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$';
  service_ids uuid[];
  actor_ids uuid[];
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
  -- The service and actor filters take an id or a key (keys are per project: every readable service with that
  -- key, or the one of in_project). Looked up under row-level security, so an entry you cannot read is unknown.
  if service is not null then
    if service operator(pg_catalog.~*) uuid_shape then
      service_ids := array(select s.id from public.services as s where s.id = service::uuid);
    else
      service_ids := array(
        select s.id from public.services as s where s.key = service and (in_project is null or s.project_id = in_project)
      );
    end if;
    if service_ids = '{}' then
      raise exception 'service: no service with this id or key in the projects you can read' using errcode = '22023',
        detail = 'field: service';
    end if;
  end if;
  if actor is not null then
    if actor operator(pg_catalog.~*) uuid_shape then
      actor_ids := array(select a.id from public.actors as a where a.id = actor::uuid);
    else
      actor_ids := array(
        select a.id from public.actors as a where a.key = actor and (in_project is null or a.project_id = in_project)
      );
    end if;
    if actor_ids = '{}' then
      raise exception 'actor: no actor with this id or key in the projects you can read' using errcode = '22023',
        detail = 'field: actor';
    end if;
  end if;
  tsq := pg_catalog.websearch_to_tsquery('english'::regconfig, query);
  -- A query without a searchable word (`-`, `or`, `the`) finds nothing: matching its raw text against names and
  -- keys found every key with a hyphen and every name containing "or".
  if pg_catalog.numnode(tsq) = 0 then
    return;
  end if;

  -- The candidate bound: each candidate's search vector is fetched and ranked, 100 + 100 of them for a word found
  -- in thousands of flows (300 + 300 took three times as long; the p95 goal of a broad word is 30 ms).
  return query
  with flow_matches as (
    select f.id, f.project_id, f.name, f.status, f.priority, f.rank, f.search, f.fuzzy
    from private.search_flows(
      query, tsq, in_project, statuses, priorities, tag, service_ids, actor_ids,
      greatest(100, result_offset + result_limit)
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
    select 'flow'::text as kind, m.id, m.project_id, m.name, m.status, m.priority, m.rank, m.search, m.fuzzy
    from flow_matches as m
    union all
    select g.kind, g.id, g.project_id, g.name, null, null, g.rank, null, false from registry_matches as g
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
  left join lateral (select private.flow_matched_fields(f, pg.search, tsq) as matched where pg.kind = 'flow') as fields
    on true
  order by pg.own desc, pg.rank desc, pg.name, pg.id;
end;
$function$;
