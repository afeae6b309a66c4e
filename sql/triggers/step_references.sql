-- References that hold: a step's "actor" and "service" name entries of the project's registries by key.
--
-- A flow's steps are checked when they are written (the trigger runs only when steps are inserted or changed), and
-- a registry key that a live flow's step names cannot change and its entry cannot be deleted: renaming would have
-- to rewrite other people's flows (new revisions, approved flows back to draft), so the key stays and the error
-- says which step names it (rpc where_used lists them all). Each check is one indexed lookup per distinct key;
-- an insert checks all its new flows at once.

create function private.missing_step_keys(project_ids uuid[], steps jsonb[])
returns table (project_id uuid, part text, key text)
language plpgsql
stable
security invoker
set search_path = ''
as $$
begin
  -- Flows given as two aligned arrays (the project and the steps of each): one lookup per distinct key they name,
  -- not one per step and part. Steps that are no array are the CHECK constraint's to refuse.
  -- PL/pgSQL, not SQL: a SQL function with a pinned search_path is planned again at every call, and every flow
  -- insert calls this once.
  -- The keys of a flow's steps are picked by one jsonpath query per part, in C: a row per step and part, each
  -- asked its type in SQL, took 60% more (2,000 flows, 65,000 steps: 480-600 -> 330 ms). Only string keys of
  -- object steps count, as before.
  return query
  select named.project_id, named.part, named.key
  from (
    select distinct f.project_id, r.part, k.key
    from rows from (pg_catalog.unnest(project_ids), pg_catalog.unnest(steps)) as f (project_id, steps)
    cross join (values
      ('actor', 'strict $[*] ? (exists(@.actor ? (@.type() == "string"))).actor'::jsonpath),
      ('service', 'strict $[*] ? (exists(@.service ? (@.type() == "string"))).service'::jsonpath)
    ) as r (part, keys)
    cross join lateral pg_catalog.jsonb_array_elements_text(pg_catalog.jsonb_path_query_array(
      case when pg_catalog.jsonb_typeof(f.steps) = 'array' then f.steps else '[]'::jsonb end, r.keys
    )) as k (key)
  ) as named
  where case named.part
    when 'actor' then not exists (
      select 1 from public.actors as a where a.project_id = named.project_id and a.key = named.key
    )
    else not exists (
      select 1 from public.services as x where x.project_id = named.project_id and x.key = named.key
    )
  end;
end;
$$;

comment on function private.missing_step_keys(uuid[], jsonb[]) is
'The actor and service keys that steps of the given flows (project_ids[i], steps[i]) name and their project does '
'not have, once each: (project_id, part, key).';

create function private.step_reference_errors(project uuid, steps jsonb)
returns jsonb
language plpgsql
stable
security invoker
set search_path = ''
as $$
begin
  -- [{"path": "steps[3].actor", ...}] for every step naming an actor or service the project does not have.
  -- PL/pgSQL, as every function a trigger calls: its plan lasts the session (see private.effective_member_role).
  return (
    select coalesce(pg_catalog.jsonb_agg(private.document_error(
      pg_catalog.format('steps[%s].%s', s.ord - 1, r.part),
      pg_catalog.format('no %s with key "%s" in this project', r.part, s.value ->> r.part)
    ) order by s.ord, r.part), '[]'::jsonb)
    from pg_catalog.jsonb_array_elements(
      case when pg_catalog.jsonb_typeof(steps) = 'array' then steps else '[]'::jsonb end
    ) with ordinality as s (value, ord)
    cross join (values ('actor'), ('service')) as r (part)
    inner join private.missing_step_keys(array[project], array[steps]) as m
      on m.part = r.part and m.key = s.value ->> r.part
    where pg_catalog.jsonb_typeof(s.value -> r.part) = 'string'
  );
end;
$$;

comment on function private.step_reference_errors(uuid, jsonb) is
'Errors for the steps that name an actor or service key the project does not have; [] when all resolve.';

-- The two triggers are definers: the registries they read are those of the flow's own project, in which the row
-- policies of flows have already found the caller an editor (an insert's WITH CHECK, an update's USING), so
-- reading them as the caller only paid for the registries' own policies again, twice per statement.
create function private.tg_flow_step_references()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
  -- Most edits of steps name no key the live flow did not name already (a step renamed, described, reordered):
  -- those keys still hold, since a key a live step names cannot be renamed or deleted, so there is nothing to
  -- look up.
  if old.deleted_at is null
    and pg_catalog.jsonb_path_query_array(old.steps, '$[*].actor')
      @> pg_catalog.jsonb_path_query_array(new.steps, '$[*].actor')
    and pg_catalog.jsonb_path_query_array(old.steps, '$[*].service')
      @> pg_catalog.jsonb_path_query_array(new.steps, '$[*].service') then
    return new;
  end if;
  if exists (select 1 from private.missing_step_keys(array[new.project_id], array[new.steps])) then
    perform private.valid_or_raise(
      private.step_reference_errors(new.project_id, new.steps), 'flows_steps_name_registry_entries', 'flows'
    );
  end if;
  return new;
end;
$$;

comment on function private.tg_flow_step_references() is
'BEFORE UPDATE OF steps on flows: every step''s actor and service is a key of the project''s registries '
'(23514, the step''s path in the message, all in DETAIL).';

create function private.tg_flow_step_references_inserted()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
declare
  project_ids uuid[];
  steps jsonb[];
  flow record;
begin
  -- Once per statement: an import's 2,000 flows, or a POST of 50, read the registries once (a row trigger read
  -- them, under row-level security, once per flow). Only when a key is missing are the flows named one by one.
  select pg_catalog.array_agg(n.project_id), pg_catalog.array_agg(n.steps) into project_ids, steps from inserted as n;
  if exists (select 1 from private.missing_step_keys(project_ids, steps)) then
    for flow in select n.project_id, n.steps from inserted as n loop
      perform private.valid_or_raise(
        private.step_reference_errors(flow.project_id, flow.steps), 'flows_steps_name_registry_entries', 'flows'
      );
    end loop;
  end if;
  return null;
end;
$$;

comment on function private.tg_flow_step_references_inserted() is
'AFTER INSERT, per statement (transition table "inserted"): every new flow''s steps name keys of its project''s '
'registries (23514, the step''s path in the message, all in DETAIL).';

create trigger _510_step_references_on_insert after insert on public.flows
referencing new table as inserted
for each statement execute function private.tg_flow_step_references_inserted();

create trigger _510_step_references_on_update before update of steps on public.flows
for each row when (new.steps is distinct from old.steps) execute function private.tg_flow_step_references();

create function private.tg_registry_key_in_use()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
declare
  part constant text := tg_argv[0];
  named_by record;
begin
  if not exists (select 1 from public.projects as p where p.id = old.project_id) then
    return null;  -- the whole project is being deleted (a cascade): its flows go with it
  end if;
  -- A live flow of the project whose steps name the old key (steps @> [{part: key}]), first by name.
  select f.name, (s.ord - 1)::integer as step_index into named_by
  from public.flows as f
  cross join lateral pg_catalog.jsonb_array_elements(f.steps) with ordinality as s (value, ord)
  where f.project_id = old.project_id and f.deleted_at is null
    and f.steps @> pg_catalog.jsonb_build_array(pg_catalog.jsonb_build_object(part, old.key))
    and s.value ->> part = old.key
  order by f.name, s.ord
  limit 1;
  if found then
    raise exception '% "%" is named by steps: flow "%" steps[%].%', part, old.key, named_by.name,
      named_by.step_index, part
      using errcode = 'foreign_key_violation',
        hint = pg_catalog.format('rpc where_used lists every step naming it; change those steps first, then %s it',
          case when tg_op = 'DELETE' then 'delete' else 'rename' end);
  end if;
  return null;
end;
$$;

comment on function private.tg_registry_key_in_use() is
'AFTER UPDATE OF key / DELETE on actors and services (argument: actor or service): refuses (23503, HTTP 409) when '
'a live flow''s step names the old key, naming the first such step.';

create trigger _520_key_in_use_on_update after update of key on public.actors
for each row when (new.key is distinct from old.key) execute function private.tg_registry_key_in_use('actor');

create trigger _520_key_in_use_on_delete after delete on public.actors
for each row execute function private.tg_registry_key_in_use('actor');

create trigger _520_key_in_use_on_update after update of key on public.services
for each row when (new.key is distinct from old.key) execute function private.tg_registry_key_in_use('service');

create trigger _520_key_in_use_on_delete after delete on public.services
for each row execute function private.tg_registry_key_in_use('service');
