-- Revision diff: what changed between two revisions of a flow, or a revision and the flow as it is now.
-- Security invoker: revisions are read through flow_revisions' policy (members) and the current flow through
-- flows' (readers), so the diff shows exactly what the caller could read row by row, and nothing for a stranger.
-- Every step is linear in the size of the two flows (hash joins on ids and keys) except the longest increasing
-- subsequence that decides which steps moved (n log n); the sizes are those the flows table already admits, and
-- the API roles' statement timeouts bound the rest.

-- Which of the common items kept their place: given the old positions of the items both versions share, in their
-- new order, marks the longest increasing subsequence (patience sorting). The items it leaves out are the fewest
-- that must move to turn the old order into the new one; reporting every shifted position would instead call a
-- whole flow "moved" when one step is inserted at its start.
create function private.unmoved_items(old_positions integer[])
returns boolean[]
language plpgsql
immutable
parallel safe
set search_path = ''
as $$
declare
  n constant integer := coalesce(pg_catalog.array_length(old_positions, 1), 0);
  tails integer[] := '{}';  -- tails[k]: index of the smallest last element of an increasing run of length k
  previous integer[] := '{}';
  kept boolean[] := '{}';
  run_length integer := 0;
  low integer;
  high integer;
  middle integer;
  i integer;
begin
  for i in 1 .. n loop
    low := 1;
    high := run_length;
    while low <= high loop
      middle := (low + high) / 2;
      if old_positions[tails[middle]] < old_positions[i] then
        low := middle + 1;
      else
        high := middle - 1;
      end if;
    end loop;
    previous[i] := case when low > 1 then tails[low - 1] else 0 end;
    tails[low] := i;
    run_length := greatest(run_length, low);
    kept[i] := false;
  end loop;
  i := case when run_length > 0 then tails[run_length] else 0 end;
  while i > 0 loop
    kept[i] := true;
    i := previous[i];
  end loop;
  return kept;
end;
$$;

comment on function private.unmoved_items(integer[]) is
'For old positions listed in new order: true for the items of a longest increasing subsequence (those that kept '
'their relative place), false for the fewest items that moved.';

-- Items of a JSON array matched by their "id": added, removed, moved (relative order), and per changed field
-- (field set: added, removed or edited, so a field that appears differs from one set to JSON null even in JSON,
-- where both values would read null). Positions are 0-based.
create function private.flow_item_changes(part_name text, old_items jsonb, new_items jsonb)
returns table (
  part text, item_id text, change text, field text, old_value jsonb, new_value jsonb, old_position integer,
  new_position integer
)
language sql
immutable
parallel safe
set search_path = ''
as $$
  with old_list as (
    select e.item ->> 'id' as id, e.item, (e.ordinality - 1)::integer as pos
    from pg_catalog.jsonb_array_elements(coalesce(old_items, '[]')) with ordinality as e (item, ordinality)
  ),
  new_list as (
    select e.item ->> 'id' as id, e.item, (e.ordinality - 1)::integer as pos
    from pg_catalog.jsonb_array_elements(coalesce(new_items, '[]')) with ordinality as e (item, ordinality)
  ),
  common as (
    select o.id, o.item as old_item, n.item as new_item, o.pos as old_pos, n.pos as new_pos
    from old_list as o inner join new_list as n on n.id = o.id
  ),
  in_new_order as (
    select
      pg_catalog.array_agg(c.id order by c.new_pos) as ids,
      pg_catalog.array_agg(c.old_pos order by c.new_pos) as old_positions
    from common as c
  ),
  moved as (
    select u.id
    from in_new_order as o
    cross join lateral rows from (
      pg_catalog.unnest(o.ids), pg_catalog.unnest(private.unmoved_items(o.old_positions))
    ) as u (id, kept)
    where not u.kept
  )
  select part_name, n.id, 'added', null::text, null::jsonb, n.item, null::integer, n.pos
  from new_list as n where not exists (select 1 from old_list as o where o.id = n.id)
  union all
  select part_name, o.id, 'removed', null, o.item, null, o.pos, null
  from old_list as o where not exists (select 1 from new_list as n where n.id = o.id)
  union all
  select part_name, c.id, 'moved', null, null, null, c.old_pos, c.new_pos
  from common as c inner join moved as m on m.id = c.id
  union all
  select part_name, c.id,
    case when not c.old_item ? k.key then 'added' when not c.new_item ? k.key then 'removed' else 'edited' end,
    k.key, c.old_item -> k.key, c.new_item -> k.key, c.old_pos, c.new_pos
  from common as c
  cross join lateral (
    select pg_catalog.jsonb_object_keys(c.old_item) as key
    union
    select pg_catalog.jsonb_object_keys(c.new_item)
  ) as k
  where c.old_item <> c.new_item and (c.old_item -> k.key) is distinct from (c.new_item -> k.key)
$$;

comment on function private.flow_item_changes(text, jsonb, jsonb) is
'Changes between two JSON arrays of objects matched by "id": added/removed (the whole item), moved (relative '
'order), and one row per added, removed or edited key of an item present in both.';

-- Keys of a JSON object: added, removed or edited (performance requirements; the flow''s plain fields).
create function private.flow_key_changes(part_name text, old_object jsonb, new_object jsonb)
returns table (
  part text, item_id text, change text, field text, old_value jsonb, new_value jsonb, old_position integer,
  new_position integer
)
language sql
immutable
parallel safe
set search_path = ''
as $$
  select part_name, null::text,
    case when o.key is null then 'added' when n.key is null then 'removed' else 'edited' end,
    coalesce(o.key, n.key), o.value, n.value, null::integer, null::integer
  from pg_catalog.jsonb_each(coalesce(old_object, '{}')) as o
  full join pg_catalog.jsonb_each(coalesce(new_object, '{}')) as n on n.key = o.key
  where o.value is distinct from n.value
$$;

comment on function private.flow_key_changes(text, jsonb, jsonb) is
'Changes between two JSON objects, one row per added, removed or edited key.';

-- Every change between two stored forms of a flow (flow_revisions.content, or a flow row as JSON).
create function private.flow_content_changes(old_content jsonb, new_content jsonb)
returns table (
  part text, item_id text, change text, field text, old_value jsonb, new_value jsonb, old_position integer,
  new_position integer
)
language sql
immutable
parallel safe
set search_path = ''
as $$
  -- The plain fields are what restore_flow_revision puts back, less the parts compared item by item; ids,
  -- timestamps, who-did-what and the revision itself are bookkeeping, not content.
  with plain (names) as (
    select array[
      'name', 'description', 'priority', 'status', 'version', 'service_domain_id', 'service_id', 'entry_point',
      'trigger_event', 'actor_ids', 'tags', 'integrations', 'notes', 'custom_fields'
    ]
  ),
  changes as (
    select c.*, 1 as part_order
    from plain as p
    cross join lateral private.flow_key_changes(
      'flow',
      (select pg_catalog.jsonb_object_agg(e.key, e.value) from pg_catalog.jsonb_each(old_content) as e
       where e.key = any(p.names)),
      (select pg_catalog.jsonb_object_agg(e.key, e.value) from pg_catalog.jsonb_each(new_content) as e
       where e.key = any(p.names))
    ) as c
    union all
    select c.*, 2 from private.flow_item_changes('steps', old_content -> 'steps', new_content -> 'steps') as c
    union all
    select c.*, 3
    from private.flow_item_changes('business_rules', old_content -> 'business_rules', new_content -> 'business_rules') as c
    union all
    select c.*, 4
    from private.flow_item_changes(
      'error_scenarios', old_content -> 'error_scenarios', new_content -> 'error_scenarios'
    ) as c
    union all
    select c.*, 5
    from private.flow_key_changes(
      'performance_requirements', old_content -> 'performance_requirements', new_content -> 'performance_requirements'
    ) as c
  )
  select c.part, c.item_id, c.change, c.field, c.old_value, c.new_value, c.old_position, c.new_position
  from changes as c
  order by c.part_order, coalesce(c.new_position, c.old_position), c.item_id, c.field nulls first,
    pg_catalog.array_position(array['removed', 'added', 'moved', 'edited'], c.change)
$$;

comment on function private.flow_content_changes(jsonb, jsonb) is
'Every change between two contents of a flow: plain fields, steps, business rules, error scenarios (by id) and '
'performance requirements (by key).';

-- A flow's content at a revision, read as the caller: the current row when the revision is the current one (or
-- null), else its flow_revisions row. Null when the caller cannot read it.
create function private.flow_content_at(flow uuid, at_revision integer)
returns jsonb
language plpgsql
stable
security invoker
set search_path = ''
as $$
declare
  current_row public.flows;
  content jsonb;
begin
  select f.* into current_row from public.flows as f where f.id = flow and f.deleted_at is null;
  if current_row.id is not null and (at_revision is null or at_revision = current_row.revision) then
    -- The same form private.tg_flow_keep_revision stores.
    return pg_catalog.to_jsonb(current_row);
  end if;
  if at_revision is null then
    return null;
  end if;
  select r.content into content from public.flow_revisions as r where r.flow_id = flow and r.revision = at_revision;
  return content;
end;
$$;

comment on function private.flow_content_at(uuid, integer) is
'The content of a flow at a revision (null: the current one) as the caller may read it; null when not readable.';

create function public.flow_diff(flow_id uuid, from_revision integer, to_revision integer default null)
returns table (
  part text, item_id text, change text, field text, old_value jsonb, new_value jsonb, old_position integer,
  new_position integer
)
language plpgsql
stable
security invoker
set search_path = ''
as $$
declare
  old_content jsonb;
  new_content jsonb;
begin
  if flow_diff.flow_id is null then
    raise exception 'flow_id is required' using errcode = '22023', detail = 'field: flow_id';
  end if;
  if flow_diff.from_revision is null then
    raise exception 'from_revision is required' using errcode = '22023', detail = 'field: from_revision',
      hint = 'list the revisions: flow_revisions?flow_id=eq.<id>';
  end if;
  old_content := private.flow_content_at(flow_diff.flow_id, flow_diff.from_revision);
  if old_content is null then
    raise exception 'flow % has no revision % that you can read', flow_diff.flow_id, flow_diff.from_revision
      using errcode = 'PT404', detail = 'field: from_revision';
  end if;
  new_content := private.flow_content_at(flow_diff.flow_id, flow_diff.to_revision);
  if new_content is null then
    raise exception 'flow % has no revision % that you can read', flow_diff.flow_id,
      coalesce(flow_diff.to_revision::text, '(current)')
      using errcode = 'PT404', detail = 'field: to_revision';
  end if;
  return query select c.* from private.flow_content_changes(old_content, new_content) as c;
end;
$$;

comment on function public.flow_diff(uuid, integer, integer) is
'What changed in a flow from revision from_revision to to_revision (default: the flow as it is now), one row per '
'change: part (flow | steps | business_rules | error_scenarios | performance_requirements), item_id (the step, '
'rule or error scenario id), field (the changed field or SLA key; null for a whole item), change (added | '
'removed | moved | edited), old_value / new_value (JSON; null when absent), old_position / new_position '
'(0-based, items only). Steps, rules and errors are matched by id; "moved" marks the fewest items whose relative '
'order changed. Members read revisions; HTTP 404 for a revision you cannot read.';

revoke all on function private.unmoved_items(integer[]) from public;
revoke all on function private.flow_item_changes(text, jsonb, jsonb) from public;
revoke all on function private.flow_key_changes(text, jsonb, jsonb) from public;
revoke all on function private.flow_content_changes(jsonb, jsonb) from public;
revoke all on function private.flow_content_at(uuid, integer) from public;
grant execute on function private.unmoved_items(integer[]) to authenticated, service_role;
grant execute on function private.flow_item_changes(text, jsonb, jsonb) to authenticated, service_role;
grant execute on function private.flow_key_changes(text, jsonb, jsonb) to authenticated, service_role;
grant execute on function private.flow_content_changes(jsonb, jsonb) to authenticated, service_role;
grant execute on function private.flow_content_at(uuid, integer) to authenticated, service_role;
revoke all on function public.flow_diff(uuid, integer, integer) from public, anon;
grant execute on function public.flow_diff(uuid, integer, integer) to authenticated, service_role;
