-- Keep private.flow_search in step with the searched text of public.flows.
-- Inserts are handled once per statement (an import of 2,000 flows is one INSERT ... SELECT here); updates per
-- row, and only when a searched column changed (the WHEN clause: a status change or soft delete costs nothing).
-- A statement that inserts many flows of one project (an import) has their documents computed by parallel
-- workers: to_tsvector was a third of an import's time, and it is the part that divides.

create function private.flow_search_document(flow public.flows)
returns tsvector
language plpgsql
immutable
parallel safe
set search_path = ''
as $$
begin
  -- PL/pgSQL, like the rules it calls: a SQL function with a pinned search_path is planned again for every row.
  return private.flow_search_vector(
    flow.name, flow.description, flow.tags, flow.trigger_event, flow.entry_point, flow.steps, flow.business_rules,
    flow.error_scenarios, flow.notes
  );
end;
$$;

comment on function private.flow_search_document(public.flows) is
'The search document of a flow row: the one place that lists which columns are searched.';

create function private.missing_flow_search_documents(project uuid)
returns table (flow_id uuid, search tsvector)
language plpgsql
stable
security definer
set search_path = ''
-- The planner sees a project of a few hundred flows and a cheap function, and would compute the documents in one
-- process; the caller asks only when there are many.
set parallel_setup_cost = 0
set parallel_tuple_cost = 0
set min_parallel_table_scan_size = 0
set min_parallel_index_scan_size = 0
as $$
begin
  -- RETURN QUERY may use parallel workers, where the INSERT ... SELECT that writes the documents may not. They see
  -- the flows this transaction inserted. 2,000 flows of an import, 2 cores: 1.4-2.0 s -> 1.05 s.
  return query
  select f.id, private.flow_search_document(f) from public.flows as f
  where f.project_id = project and not exists (select 1 from private.flow_search as s where s.flow_id = f.id);
end;
$$;

comment on function private.missing_flow_search_documents(uuid) is
'The search documents of the flows of a project that have none yet, computed by parallel workers.';

create function private.tg_flow_search_insert()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
-- A definer: API roles have no grant on private.flow_search.
declare
  projects uuid[];
  inserted bigint;
begin
  select pg_catalog.array_agg(distinct n.project_id), pg_catalog.count(*) into projects, inserted from new_flows as n;
  -- Many flows of one project: they are the project's flows without a document (copies come with theirs).
  -- Fewer: a parallel plan costs more to start than it saves, and the project's other flows are not read.
  if inserted >= 500 and pg_catalog.cardinality(projects) = 1 then
    insert into private.flow_search (flow_id, search)
    select d.flow_id, d.search from private.missing_flow_search_documents(projects[1]) as d;
    return null;
  end if;
  -- A flow that has one already is a copy whose document was copied with it (private.copy_flows).
  insert into private.flow_search (flow_id, search)
  select n.id, private.flow_search_document(n::public.flows) from new_flows as n
  where not exists (select 1 from private.flow_search as s where s.flow_id = n.id);
  return null;
end;
$$;

comment on function private.tg_flow_search_insert() is
'Writes the search documents of newly inserted flows that have none yet (of 500 or more flows of one project, by '
'parallel workers).';

create function private.tg_flow_search_update()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
  update private.flow_search set search = private.flow_search_document(new) where flow_id = new.id;
  return null;
end;
$$;

comment on function private.tg_flow_search_update() is 'Rewrites the search document of a flow whose text changed.';

create trigger _950_search after insert on public.flows
referencing new table as new_flows
for each statement execute function private.tg_flow_search_insert();

create trigger _950_search_update after update on public.flows
-- The nine columns of private.flow_search_document.
for each row when (
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
execute function private.tg_flow_search_update();
