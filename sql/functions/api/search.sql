-- search: one search box over flows and the registries of every project the caller can read.
-- public.search is security invoker; its two matching helpers are definers that apply the select policies
-- themselves (see why in private.search_flows), so a non-member finds nothing of a private project. Flows match
-- by full text (stored weighted tsvector + GIN), ranked; when no flow matches, flow names are matched by trigram
-- similarity instead (typos). Snippets are computed only for the returned page.
--
-- The helpers that make a page's snippets and matched fields are PL/pgSQL, though each is one expression or query:
-- as SQL functions with a pinned search_path (never inlined) every search planned their bodies again, once per
-- call site, and ran each one-line helper through the executor; PL/pgSQL keeps the plans for the session.

create function private.html_escape(value text)
returns text
language plpgsql
immutable
parallel safe
set search_path = ''
as $$
begin
  return pg_catalog.replace(pg_catalog.replace(pg_catalog.replace(value, '&', '&amp;'), '<', '&lt;'), '>', '&gt;');
end;
$$;

comment on function private.html_escape(text) is 'Escapes &, < and > so that text can be embedded in HTML.';

create function private.jsonb_strings(value jsonb)
returns text
language plpgsql
immutable
parallel safe
set search_path = ''
as $$
begin
  return (
    select coalesce(pg_catalog.string_agg(s.item #>> '{}', ' '), '')
    from pg_catalog.jsonb_path_query(coalesce(value, '[]'::jsonb), 'strict $.**') as s (item)
    where pg_catalog.jsonb_typeof(s.item) = 'string'
  );
end;
$$;

comment on function private.jsonb_strings(jsonb) is 'Every string inside a JSON value, space separated.';

create function private.one_edit_query(query text)
returns tsquery
language sql
immutable
parallel safe
set search_path = ''
-- The planner prices the letter-by-position joins in the hundred thousands, so JIT compiled them: 350 ms of 360.
set jit = off
as $$
  -- Why: trigram similarity misses a swapped pair of letters in a short word (`recieve` is 0.375 like `receive`),
  -- and it only ever looked at names. Instead each searched word of the query (up to eight; `-excluded` words and
  -- stop words left out) is stemmed as the search documents are, and becomes "this stem or any stem one edit away"
  -- (a letter deleted, swapped with the next, replaced or inserted: about 54 per letter; stems of 3 letters or
  -- more), the words ANDed. The search index answers it like any query: no word list to keep, nothing on writes.
  select pg_catalog.string_agg(words.alternatives, ' & ')::tsquery
  from (
    select (
      select '(' || pg_catalog.string_agg(distinct pg_catalog.quote_literal(variant.v), ' | ') || ')'
      from (
        select stem.word as v
        union all
        select c.head || e.middle || pg_catalog.substr(c.tail, e.skip)
        from (
          select pg_catalog.left(stem.word, i) as head, pg_catalog.substr(stem.word, i + 1) as tail
          from pg_catalog.generate_series(0, pg_catalog.char_length(stem.word)) as i
        ) as c
        cross join lateral (
          select '' as middle, 2 as skip where c.tail <> ''  -- deleted
          union all
          select pg_catalog.substr(c.tail, 2, 1) || pg_catalog.left(c.tail, 1), 3  -- swapped with the next
          where pg_catalog.char_length(c.tail) > 1
          union all
          select pg_catalog.chr(code), 2 from pg_catalog.generate_series(97, 122) as code  -- replaced
          where c.tail <> ''
          union all
          select pg_catalog.chr(code), 1 from pg_catalog.generate_series(97, 122) as code  -- inserted
        ) as e
        where pg_catalog.char_length(stem.word) >= 3
      ) as variant
    ) as alternatives
    from (
      select l.word
      from pg_catalog.unnest(pg_catalog.tsvector_to_array(pg_catalog.to_tsvector(
        'english'::regconfig, pg_catalog.regexp_replace(query, '(^|\s)-\S+', ' ', 'g')
      ))) as l (word)
      where pg_catalog.char_length(l.word) <= 30
      limit 8
    ) as stem
  ) as words
$$;

comment on function private.one_edit_query(text) is
'A full-text query matching the searched words of `query`, each stemmed, as typed or one edit away (a deleted, '
'swapped, replaced or inserted letter): what search falls back to when the query finds no flow.';

create function private.search_flows(
  query text, tsq tsquery, in_project uuid, statuses public.flow_status[], priorities public.flow_priority[],
  tag text, service_ids uuid[], actor_ids uuid[], candidates integer
)
returns table (
  id uuid, project_id uuid, name text, status public.flow_status, priority public.flow_priority, rank real,
  search tsvector, fuzzy boolean
)
language plpgsql
stable
security definer
set search_path = ''
set enable_seqscan = off
as $$
-- Why a definer: under row-level security Postgres must test the policy before the (not leakproof) @@ operator,
-- so it walked every readable flow and never used the search index (member of 200 projects: 217 ms for a rare
-- word; here about 2 ms). This function applies exactly the select policy of flows itself — live flows of the
-- projects the caller may read; every flow for service_role and maintenance sessions — and lets the indexes
-- find the matches. Dynamic SQL, so each call is planned for its real project list and filters.
--
-- Why candidates: ranking reads each match's whole search vector, mostly stored out of line (TOAST), and a word
-- found in most flows would rank them all (800 ms at 100k flows). So at most `candidates` flows whose name matches
-- (flows_name_search_idx: the likeliest hits, never crowded out; the whole flow must still match, e.g. `-excluded`
-- words) and as many more matching anywhere are ranked. Below that many matches the result is exact. Each
-- candidate comes with its vector: public.search reads the page's matched fields from it (looking the page's
-- vectors up again computed the caller's readable projects a second time).
--
-- Why enable_seqscan = off (it makes a table scan cost prohibitive, it does not forbid one): for a word found in
-- most flows the planner would read the table in order and test each flow's vector (a TOAST fetch, costed like a
-- mere comparison) before its project: 60 ms for a member of 200 projects at 1M flows. Instead it walks the
-- readable projects in flows_project_id_idx and stops at `candidates` matches (2 ms); rarer words still
-- intersect the search index with the projects.
declare
  readable constant uuid[] := private.policy_project_ids();
  ranked constant text := '
          select f.id, f.project_id, f.name, f.status, f.priority, pg_catalog.ts_rank(s.search, $2, 1) as rank,
            s.search
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
      and ($8::uuid[] is null or f.service_id = any ($8))
      and ($9::uuid[] is null or f.actor_ids operator(pg_catalog.&&) $9)';
  -- $11: whether these are typo-corrected (fuzzy) matches
  matching constant text := '
      select distinct on (c.id) c.*, $11 from (
        (' || ranked || '
            and pg_catalog.to_tsvector(''english''::regconfig, f.name) operator(pg_catalog.@@) $2' || narrowed || '
          limit $10)
        union all
        (' || ranked || narrowed || '
          limit $10)
      ) as c';
  corrected tsquery;
begin
  if pg_catalog.numnode(tsq) > 0 then
    return query execute matching
      using query, tsq, in_project, readable, statuses, priorities, tag, service_ids, actor_ids, candidates, false;
    if found then
      return;
    end if;
    -- Typo fallback 1, when full text found no flow: every word may be off by one edit, in any field.
    corrected := private.one_edit_query(query);
    if pg_catalog.numnode(corrected) > 0 then
      return query execute matching
        using query, corrected, in_project, readable, statuses, priorities, tag, service_ids, actor_ids, candidates,
          true;
      if found then
        return;
      end if;
    end if;
  end if;
  -- Typo fallback 2: names by trigram word similarity (flows_name_trgm_idx).
  return query execute
    'select f.id, f.project_id, f.name, f.status, f.priority, extensions.word_similarity($1, f.name), null::pg_catalog.tsvector, true
      from public.flows as f
      where $1 operator(extensions.<%) f.name' || narrowed || '
      order by 6 desc
      limit $10'
    using query, tsq, in_project, readable, statuses, priorities, tag, service_ids, actor_ids, candidates;
end;
$$;

comment on function private.search_flows(
  text, tsquery, uuid, public.flow_status[], public.flow_priority[], text, uuid[], uuid[], integer
) is
'Live flows matching a text query and the filters, ranked, limited to what the flows select policy lets the '
'caller read: up to `candidates` flows whose name matches plus as many matching anywhere; when none matches, '
'flows whose name is similar (fuzzy).';

create function private.search_registry(query text, tsq tsquery, in_project uuid, kinds text[])
returns table (kind text, id uuid, project_id uuid, name text, rank real, description text)
language plpgsql
stable
security definer
set search_path = ''
as $$
-- A definer for the same reason as private.search_flows: under row-level security every readable registry row
-- had its text vector computed before matching; here the trigram and full-text indexes find the matches.
-- Applies the select policy of the three registries (the projects the caller may read).
-- Static SQL, unlike private.search_flows: whatever the words and projects, the plan is the same (each registry's
-- trigram and full-text indexes OR-ed, the projects a filter), so the session keeps one. Planned at every call,
-- as dynamic SQL was, it cost 2-2.5 ms of a 1-1.5 ms lookup for a member of 200 projects.
declare
  readable constant uuid[] := private.policy_project_ids();
begin
  return query
  select r.kind, r.id, r.project_id, r.name,
    (extensions.word_similarity(search_registry.query, r.name)
      + case when r.name ilike '%' || search_registry.query || '%' or r.key ilike '%' || search_registry.query || '%'
        then 1 else 0 end)::real,
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
    and (readable is null or r.project_id = any (readable))
    and (
      r.name ilike '%' || search_registry.query || '%'
      or r.key ilike '%' || search_registry.query || '%'
      or search_registry.query operator(extensions.<%) r.name
      or (pg_catalog.numnode(tsq) > 0
        and pg_catalog.to_tsvector('english'::regconfig, r.name || ' ' || r.description) operator(pg_catalog.@@) tsq)
    );
end;
$$;

comment on function private.search_registry(text, tsquery, uuid, text[]) is
'Services, actors and service domains (those of kinds) whose name or key contains or resembles the query, or whose '
'name and description match it by full text, ranked by similarity; limited to the projects the caller may read.';

create function private.flow_matched_fields(flow public.flows, search tsvector, tsq tsquery)
returns text[]
language plpgsql
stable
set search_path = ''
as $$
declare
  -- Parsing a flow's text is what costs (about 0.5 ms for 30 steps), so its stored search vector answers first:
  -- the name and the steps have a weight each (private.flow_search_vector), so the part of that weight matching
  -- is the answer; a field sharing its weight is parsed only when the part of that weight matches at all. Long
  -- descriptions and notes are read up to their first 20,000 characters (a match beyond is not named here).
  a constant boolean := pg_catalog.ts_filter(search, '{a}') @@ tsq;
  b constant boolean := pg_catalog.ts_filter(search, '{b}') @@ tsq;
  c constant boolean := pg_catalog.ts_filter(search, '{c}') @@ tsq;
  d constant boolean := pg_catalog.ts_filter(search, '{d}') @@ tsq;
begin
  return pg_catalog.array_remove(array[
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
  ], null);
end;
$$;

comment on function private.flow_matched_fields(public.flows, tsvector, tsquery) is
'The fields of a flow that match a text query on their own (a query whose words are spread over several '
'fields matches none of them).';

create function private.jsonb_items_mentioning(items jsonb, tsq tsquery)
returns text
language plpgsql
immutable
parallel safe
set search_path = ''
as $$
begin
  -- What a snippet headlines of a list (steps, rules, error scenarios): the strings of the first two items whose
  -- text contains a word of the query as the index stores it (a substring test: no parsing), or of every item when
  -- none does. ts_headline parses all it is given: 4,000 characters of steps cost a selective search most of its
  -- time (16 snippets, 5 ms each), two steps a tenth of that.
  return (
    select coalesce(
      (
        select pg_catalog.string_agg(private.jsonb_strings(m.item), ' ')
        from (
          select e.item from pg_catalog.jsonb_array_elements(items) as e (item)
          where exists (
            select 1 from pg_catalog.unnest(q.words) as w (word)
            where pg_catalog.strpos(pg_catalog.lower(e.item::text), w.word) > 0
          )
          limit 2
        ) as m
      ),
      private.jsonb_strings(items)
    )
    from (
      select array(select r.m[1] from pg_catalog.regexp_matches(tsq::text, '''([^'']+)''', 'g') as r (m)) as words
    ) as q
    where pg_catalog.jsonb_typeof(items) = 'array'
  );
end;
$$;

comment on function private.jsonb_items_mentioning(jsonb, tsquery) is
'The strings of the first two items of a JSON array that contain a word of the query (all items when none does).';

create function private.flow_snippet(flow public.flows, tsq tsquery, fields text[])
returns text
language plpgsql
stable
set search_path = ''
as $$
declare
  -- Headlines only the first two of the given fields (all when none is given): ts_headline parses all the text it
  -- gets, a snippet shows at most two fragments, and the first fields (name, description, ...) are the short
  -- ones. A word found in a flow's name, description and steps no longer parses its 5 kB of steps. And each field
  -- is cut to its first 4,000 characters: a 4 MB description made every search that showed it take seconds.
  shown constant text[] := coalesce(nullif(fields[1:2], '{}'), array[
    'name', 'description', 'tags', 'trigger_event', 'entry_point', 'steps', 'business_rules', 'error_scenarios',
    'notes'
  ]);
begin
  return pg_catalog.ts_headline(
    'english'::regconfig,
    private.html_escape(pg_catalog.concat_ws(' … ',
      case when 'name' = any (shown) then flow.name end,
      case when 'description' = any (shown) then pg_catalog.left(flow.description, 4000) end,
      case when 'tags' = any (shown) then pg_catalog.array_to_string(flow.tags, ' ') end,
      case when 'trigger_event' = any (shown) then flow.trigger_event end,
      case when 'entry_point' = any (shown) then flow.entry_point end,
      case when 'steps' = any (shown) then pg_catalog.left(private.jsonb_items_mentioning(flow.steps, tsq), 4000) end,
      case when 'business_rules' = any (shown)
          then pg_catalog.left(private.jsonb_items_mentioning(flow.business_rules, tsq), 4000)
      end,
      case when 'error_scenarios' = any (shown)
          then pg_catalog.left(private.jsonb_items_mentioning(flow.error_scenarios, tsq), 4000)
      end,
      case when 'notes' = any (shown) then pg_catalog.left(flow.notes, 4000) end)),
    tsq, 'StartSel=<mark>, StopSel=</mark>, MaxFragments=2, MaxWords=18, MinWords=6, FragmentDelimiter=" … "');
end;
$$;

comment on function private.flow_snippet(public.flows, tsquery, text[]) is
'HTML-escaped excerpt of the first two of the given fields of a flow (all fields when none) with <mark> around '
'the query''s words.';

create function public.search(
  query text,
  in_project uuid default null,
  statuses public.flow_status[] default null,
  priorities public.flow_priority[] default null,
  tag text default null,
  service text default null,
  actor text default null,
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
-- A search reads a few hundred rows. At 1M flows the planner gave its candidate query a parallel worker, whose
-- start cost more than it saved: 13-16 ms of a 50-90 ms search for a member of 200 projects (neutral at 100k).
set max_parallel_workers_per_gather = 0
as $$
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
$$;

comment on function public.search(
  text, uuid, public.flow_status[], public.flow_priority[], text, text, text, text[], integer, integer
) is
'Search flows, services, actors and service domains of every project you can read (or one: in_project). '
'query uses web search syntax: words, "quoted phrases", OR, -excluded (at most 200 characters). Flows are ranked '
'by full text (name weighs most); when no flow matches, flow names are matched by similarity (fuzzy = true). '
'Filters (statuses, priorities, tag, service, actor) narrow flows. snippet is HTML-escaped with <mark> around '
'the matches; matched lists the flow fields that matched. Page with result_limit (1-100) and result_offset.';

revoke all on function public.search(
  text, uuid, public.flow_status[], public.flow_priority[], text, text, text, text[], integer, integer
) from public, anon;
grant execute on function public.search(
  text, uuid, public.flow_status[], public.flow_priority[], text, text, text, text[], integer, integer
) to authenticated, service_role;
grant execute on function private.html_escape(text) to authenticated, service_role;
grant execute on function private.flow_matched_fields(public.flows, tsvector, tsquery) to authenticated, service_role;
grant execute on function private.flow_snippet(public.flows, tsquery, text[]) to authenticated, service_role;
revoke all on function private.search_flows(
  text, tsquery, uuid, public.flow_status[], public.flow_priority[], text, uuid[], uuid[], integer
) from public;
grant execute on function private.search_flows(
  text, tsquery, uuid, public.flow_status[], public.flow_priority[], text, uuid[], uuid[], integer
) to authenticated, service_role;
revoke all on function private.search_registry(text, tsquery, uuid, text[]) from public;
grant execute on function private.search_registry(text, tsquery, uuid, text[]) to authenticated, service_role;
grant execute on function private.jsonb_strings(jsonb) to authenticated, service_role;
grant execute on function private.jsonb_items_mentioning(jsonb, tsquery) to authenticated, service_role;
grant execute on function private.one_edit_query(text) to authenticated, service_role;
