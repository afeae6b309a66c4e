-- search: one search box over flows and the registries of every project the caller can read.
-- Security invoker: row-level security decides what is searched, so a non-member finds nothing of a private
-- project. Flows match by full text (stored weighted tsvector + GIN), ranked; when no flow matches, flow names are
-- matched by trigram similarity instead (typos). Snippets are computed only for the returned page.

create function private.html_escape(value text)
returns text
language sql
immutable
parallel safe
set search_path = ''
as $$
  select pg_catalog.replace(pg_catalog.replace(pg_catalog.replace(value, '&', '&amp;'), '<', '&lt;'), '>', '&gt;')
$$;

comment on function private.html_escape(text) is 'Escapes &, < and > so that text can be embedded in HTML.';

create function private.jsonb_strings(value jsonb)
returns text
language sql
immutable
parallel safe
set search_path = ''
as $$
  select coalesce(pg_catalog.string_agg(s.item #>> '{}', ' '), '')
  from pg_catalog.jsonb_path_query(coalesce(value, '[]'::jsonb), 'strict $.**') as s (item)
  where pg_catalog.jsonb_typeof(s.item) = 'string'
$$;

comment on function private.jsonb_strings(jsonb) is 'Every string inside a JSON value, space separated.';

create function private.search_flow_matches(tsq tsquery, in_project uuid)
returns table (
  id uuid, project_id uuid, name text, status public.flow_status, priority public.flow_priority, tags text[],
  service_id uuid, actor_ids uuid[], rank real
)
language plpgsql
stable
security definer
set search_path = ''
as $$
-- Why a definer: under row-level security Postgres must test the policy before the (not leakproof) @@ operator,
-- so it walked every readable flow and never used the search index (member of 200 projects: 217 ms for a rare
-- word; here 21 ms). This function applies exactly the select policy of flows itself — live flows of the
-- projects the caller may read; every flow for service_role and maintenance sessions — and lets the GIN index
-- find the matches. Dynamic SQL, so each call is planned for its real project list.
declare
  readable uuid[] := case
    when private.request_role() in ('anon', 'authenticated') then private.readable_project_ids()
  end;
begin
  return query execute
    'select f.id, f.project_id, f.name, f.status, f.priority, f.tags, f.service_id, f.actor_ids,
       pg_catalog.ts_rank_cd(f.search, $1, 1)
     from public.flows as f
     where f.search operator(pg_catalog.@@) $1 and f.deleted_at is null
       and ($2::uuid is null or f.project_id = $2)
       and ($3::uuid[] is null or f.project_id = any ($3))'
    using tsq, in_project, readable;
end;
$$;

comment on function private.search_flow_matches(tsquery, uuid) is
'Live flows matching a text query, ranked, limited to what the flows select policy lets the caller read.';

create function public.search(
  query text,
  in_project uuid default null,
  statuses public.flow_status[] default null,
  priorities public.flow_priority[] default null,
  tag text default null,
  service uuid default null,
  actor uuid default null,
  kinds text[] default array['flow', 'service', 'actor', 'service_domain'],
  result_limit integer default 20,
  result_offset integer default 0
)
returns table (
  kind text,
  id uuid,
  project_id uuid,
  project_name text,
  name text,
  status public.flow_status,
  priority public.flow_priority,
  rank real,
  snippet text,
  matched text[],
  fuzzy boolean
)
language plpgsql
stable
security invoker
set search_path = ''
as $$
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
    select f.id, f.project_id, f.name, f.status, f.priority, f.rank
    from private.search_flow_matches(tsq, in_project) as f
    where 'flow' = any (kinds)
      and pg_catalog.numnode(tsq) > 0
      and (statuses is null or f.status = any (statuses))
      and (priorities is null or f.priority = any (priorities))
      and (tag is null or f.tags @> array[tag])
      and (service is null or f.service_id = service)
      and (actor is null or f.actor_ids @> array[actor])
  ),
  registry_matches as (
    select r.kind, r.id, r.project_id, r.name,
      extensions.word_similarity(query, r.name)
      + case when r.name ilike '%' || query || '%' or r.key ilike '%' || query || '%' then 1 else 0 end as rank,
      r.description
    from (
      select 'service'::text as kind, s.id, s.project_id, s.key, s.name, s.description from public.services as s
      union all
      select 'actor', a.id, a.project_id, a.key, a.name, a.description from public.actors as a
      union all
      select 'service_domain', d.id, d.project_id, d.key, d.name, d.description from public.service_domains as d
    ) as r
    where r.kind = any (kinds)
      and (in_project is null or r.project_id = in_project)
      and statuses is null and priorities is null and tag is null and service is null and actor is null
      and (
        r.name ilike '%' || query || '%'
        or r.key ilike '%' || query || '%'
        or query operator (extensions.<%) r.name
        or (pg_catalog.numnode(tsq) > 0
          and pg_catalog.to_tsvector('english'::regconfig, r.name || ' ' || r.description) @@ tsq)
      )
  ),
  fuzzy_flows as (
    -- Typo fallback, only when full text found no flow at all.
    select f.id, f.project_id, f.name, f.status, f.priority, extensions.word_similarity(query, f.name) as rank
    from public.flows as f
    where 'flow' = any (kinds)
      and not exists (select 1 from flow_matches)
      and query operator (extensions.<%) f.name
      and f.deleted_at is null
      and (in_project is null or f.project_id = in_project)
      and (statuses is null or f.status = any (statuses))
      and (priorities is null or f.priority = any (priorities))
      and (tag is null or f.tags @> array[tag])
      and (service is null or f.service_id = service)
      and (actor is null or f.actor_ids @> array[actor])
  ),
  hits as (
    select 'flow'::text as kind, m.id, m.project_id, m.name, m.status, m.priority, m.rank, false as fuzzy
    from flow_matches as m
    union all
    select 'flow', z.id, z.project_id, z.name, z.status, z.priority, z.rank, true from fuzzy_flows as z
    union all
    select g.kind, g.id, g.project_id, g.name, null, null, g.rank::real, false from registry_matches as g
  ),
  page as (
    select h.* from hits as h
    order by h.rank desc, h.name, h.id
    limit result_limit offset result_offset
  )
  select pg.kind, pg.id, pg.project_id, p.name, pg.name, pg.status, pg.priority, pg.rank,
    case
      when pg.kind = 'flow' and not pg.fuzzy then pg_catalog.ts_headline(
        'english'::regconfig,
        private.html_escape(pg_catalog.concat_ws(' … ',
          f.name, f.description, pg_catalog.array_to_string(f.tags, ' '), f.trigger_event, f.entry_point,
          private.jsonb_strings(f.steps), private.jsonb_strings(f.business_rules),
          private.jsonb_strings(f.error_scenarios), f.notes)),
        tsq, 'StartSel=<mark>, StopSel=</mark>, MaxFragments=2, MaxWords=18, MinWords=6, FragmentDelimiter=" … "')
      when pg.kind = 'flow' then private.html_escape(f.name)
      else private.html_escape(coalesce(s.description, a.description, d.description))
    end,
    case when pg.kind = 'flow' and not pg.fuzzy then array_remove(array[
      case when pg_catalog.to_tsvector('english'::regconfig, f.name) @@ tsq then 'name' end,
      case when pg_catalog.to_tsvector('english'::regconfig, f.description) @@ tsq then 'description' end,
      case when pg_catalog.to_tsvector('english'::regconfig, pg_catalog.array_to_string(f.tags, ' ')) @@ tsq
        then 'tags' end,
      case when pg_catalog.to_tsvector('english'::regconfig, coalesce(f.trigger_event, '')) @@ tsq
        then 'trigger_event' end,
      case when pg_catalog.to_tsvector('english'::regconfig, coalesce(f.entry_point, '')) @@ tsq
        then 'entry_point' end,
      case when pg_catalog.to_tsvector('english'::regconfig, private.jsonb_strings(f.steps)) @@ tsq
        then 'steps' end,
      case when pg_catalog.to_tsvector('english'::regconfig, private.jsonb_strings(f.business_rules)) @@ tsq
        then 'business_rules' end,
      case when pg_catalog.to_tsvector('english'::regconfig, private.jsonb_strings(f.error_scenarios)) @@ tsq
        then 'error_scenarios' end,
      case when pg_catalog.to_tsvector('english'::regconfig, f.notes) @@ tsq then 'notes' end
    ], null)
    else array['name']
    end,
    pg.fuzzy
  from page as pg
  inner join public.projects as p on p.id = pg.project_id
  left join public.flows as f on pg.kind = 'flow' and f.id = pg.id
  left join public.services as s on pg.kind = 'service' and s.id = pg.id
  left join public.actors as a on pg.kind = 'actor' and a.id = pg.id
  left join public.service_domains as d on pg.kind = 'service_domain' and d.id = pg.id
  order by pg.rank desc, pg.name, pg.id;
end;
$$;

comment on function public.search(
  text, uuid, public.flow_status[], public.flow_priority[], text, uuid, uuid, text[], integer, integer
) is
'Search flows, services, actors and service domains of every project you can read (or one: in_project). '
'query uses web search syntax: words, "quoted phrases", OR, -excluded (at most 200 characters). Flows are ranked '
'by full text (name weighs most); when no flow matches, flow names are matched by similarity (fuzzy = true). '
'Filters (statuses, priorities, tag, service, actor) narrow flows. snippet is HTML-escaped with <mark> around '
'the matches; matched lists the flow fields that matched. Page with result_limit (1-100) and result_offset.';

revoke all on function public.search(
  text, uuid, public.flow_status[], public.flow_priority[], text, uuid, uuid, text[], integer, integer
) from public, anon;
grant execute on function public.search(
  text, uuid, public.flow_status[], public.flow_priority[], text, uuid, uuid, text[], integer, integer
) to authenticated, service_role;
grant execute on function private.html_escape(text) to authenticated, service_role;
revoke all on function private.search_flow_matches(tsquery, uuid) from public;
grant execute on function private.search_flow_matches(tsquery, uuid) to authenticated, service_role;
grant execute on function private.jsonb_strings(jsonb) to authenticated, service_role;
