-- Duplicate a project (everything, references remapped, the caller owns the copy) or a flow (same project).

create function private.copy_flows(source uuid, target uuid)
returns integer
language plpgsql
volatile
security definer
set search_path = ''
as $$
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
$$;

comment on function private.copy_flows(uuid, uuid) is
'Copies the live flows of project source (the caller edits it) into project target (the caller owns it), whose '
'registries hold the same keys: content as it is, registry ids by key, status as private.keeps_review_status '
'says. Returns how many.';

create function public.duplicate_project(project_id uuid, name text default null)
returns uuid
language plpgsql
volatile
security invoker
set search_path = ''
as $$
declare
  source_name text;
  copy_id uuid;
  copied integer;
begin
  perform private.require_readable_project(duplicate_project.project_id);
  if (select private.project_role(duplicate_project.project_id)) < 'editor'
    or (select private.project_role(duplicate_project.project_id)) is null then
    raise exception 'only editors and owners can duplicate this project' using errcode = '42501',
      hint = 'export it instead, or ask an owner for the editor role';
  end if;
  select p.name into source_name from public.projects as p where p.id = duplicate_project.project_id;
  -- The project and its registries by the import path (read as the caller, keys carry the references), then the
  -- flows row to row.
  copy_id := private.import_project_document(
    private.document_of_project(duplicate_project.project_id, with_flows => false)::jsonb,
    coalesce(duplicate_project.name, pg_catalog.left(source_name || ' (copy)', 255))
  );
  copied := private.copy_flows(duplicate_project.project_id, copy_id);
  perform private.audit_event(
    copy_id, 'duplicate', 'projects', copy_id,
    pg_catalog.jsonb_build_object('source_project_id', project_id, 'flows', copied)
  );
  return copy_id;
end;
$$;

comment on function public.duplicate_project(uuid, text) is
'Editors and owners: copy a project with all registries and flows (references remapped) into a new project you '
'own, named name or "<name> (copy)". Returns the new project id.';

create function public.duplicate_flow(flow_id uuid, name text default null)
returns uuid
language plpgsql
volatile
security invoker
set search_path = ''
as $$
declare
  copy_id uuid;
begin
  -- As the caller: the insert policy lets only editors add flows. Through the document pair, like every copy;
  -- without its status, so the copy starts as a draft.
  select private.insert_flow_rows(array[private.flow_row(
    private.flow_document(f) - 'status' || pg_catalog.jsonb_build_object(
      'name', coalesce(duplicate_flow.name, pg_catalog.left(f.name || ' (copy)', 255))
    ),
    f.project_id
  )]) into copy_id
  from public.flows as f
  where f.id = duplicate_flow.flow_id and f.deleted_at is null;
  if copy_id is null then
    raise exception 'flow % not found', flow_id using errcode = 'PT404', detail = 'field: flow_id';
  end if;
  return copy_id;
end;
$$;

comment on function public.duplicate_flow(uuid, text) is
'Editors: copy a flow within its project as a new draft named name or "<name> (copy)". Returns the new flow id.';

revoke all on function private.copy_flows(uuid, uuid) from public;
grant execute on function private.copy_flows(uuid, uuid) to authenticated, service_role;
revoke all on function public.duplicate_project(uuid, text) from public, anon;
revoke all on function public.duplicate_flow(uuid, text) from public, anon;
grant execute on function public.duplicate_project(uuid, text) to authenticated, service_role;
grant execute on function public.duplicate_flow(uuid, text) to authenticated, service_role;
