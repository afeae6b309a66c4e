-- private.copy_flows sets flow_search's key back to immediate once the flows are in: the deferral it needs to
-- write the copies' search documents first ended only at commit, so anything later in the same transaction had
-- its missing flows found at commit instead of at once. Checked here now; the copy is unchanged.

SET local check_function_bodies = off;

CREATE OR REPLACE FUNCTION private.copy_flows (
  source uuid,
  target uuid
)
  RETURNS integer
  LANGUAGE plpgsql
  SECURITY DEFINER
  SET search_path TO ''
  AS $function$
declare
  keep_status constant boolean := private.keeps_review_status();
  source_ids uuid[];
  copy_ids uuid[];
begin
  -- A definer, like the import path: row-level security and the reference triggers' lookups as the caller cost
  -- more than the copy itself. Its one rule, checked first: an editor of the source copies into a project they own.
  if coalesce(private.project_role(source) < 'editor', true)
    or private.project_role(target) is distinct from 'owner' then
    raise exception 'only an editor of the source may copy its flows, into a project they own'
      using errcode = '42501';
  end if;
  -- Locked until the copy commits: its search documents and its rows are read by two statements, and an edit
  -- between them would give a copy the document of text it does not have.
  select pg_catalog.array_agg(f.id order by f.name, f.id), pg_catalog.array_agg(pg_catalog.gen_random_uuid())
  into source_ids, copy_ids
  from (
    select l.id, l.name from public.flows as l where l.project_id = source and l.deleted_at is null for share
  ) as f;

  -- The copies' search documents are the sources': written first, so private.tg_flow_search_insert has none to
  -- compute (a quarter of the copy's time). The key to each flow is checked once the flows are in (below).
  set constraints private.flow_search_flow_id_fkey deferred;
  insert into private.flow_search (flow_id, search)
  select c.copy_id, s.search
  from rows from (pg_catalog.unnest(source_ids), pg_catalog.unnest(copy_ids)) as c (source_id, copy_id)
  inner join private.flow_search as s on s.flow_id = c.source_id;

  -- Row to row, not through the document: the source's live flows are valid as stored (the table checked them),
  -- and the keys their steps name are the target's, whose registries were made from the source's. Only the ids
  -- change: the flow's own, and its registry entries' matched by key. Through the document it took 6.8 s for
  -- 2,000 flows.
  perform private.insert_flow_rows(array(
    select pg_catalog.jsonb_populate_record(f, pg_catalog.jsonb_build_object(
      'id', c.copy_id,
      'project_id', target,
      'status', case when keep_status then f.status end,
      'service_domain_id', (
        select t.id from public.service_domains as s
        inner join public.service_domains as t on t.project_id = target and t.key = s.key
        where s.id = f.service_domain_id
      ),
      'service_id', (
        select t.id from public.services as s
        inner join public.services as t on t.project_id = target and t.key = s.key
        where s.id = f.service_id
      ),
      'actor_ids', (
        select pg_catalog.jsonb_agg(t.id order by x.ord)
        from pg_catalog.unnest(f.actor_ids) with ordinality as x (actor_id, ord)
        inner join public.actors as s on s.id = x.actor_id
        inner join public.actors as t on t.project_id = target and t.key = s.key
      )
    ))
    from rows from (pg_catalog.unnest(source_ids), pg_catalog.unnest(copy_ids)) with ordinality
      as c (source_id, copy_id, ord)
    inner join public.flows as f on f.id = c.source_id
    order by c.ord
  ));
  -- Checked here, not at commit: the deferral ends with the copy, and nothing else in the transaction inherits it.
  set constraints private.flow_search_flow_id_fkey immediate;
  return coalesce(pg_catalog.cardinality(copy_ids), 0);
end;
$function$;
