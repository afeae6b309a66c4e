-- References that hold: a step's "actor" and "service" name entries of the project's registries by key.
--
-- A flow's steps are checked when they are written (the trigger runs only when steps are inserted or changed), and
-- a registry key that a live flow's step names cannot change and its entry cannot be deleted: renaming would have
-- to rewrite other people's flows (new revisions, approved flows back to draft), so the key stays and the error
-- says which step names it (rpc where_used lists them all). Each check is one indexed lookup per distinct key.

create function private.step_reference_errors(project uuid, steps jsonb)
returns jsonb
language plpgsql
stable
security invoker
set search_path = ''
as $$
begin
  -- Steps that are no array are the CHECK constraint's to refuse (it runs after this trigger).
  if steps is null or pg_catalog.jsonb_typeof(steps) <> 'array' then
    return '[]'::jsonb;
  end if;
  -- Every write of steps runs this: one lookup per distinct key named (a flow names a few actors in many steps),
  -- not one per step and part; only a flow naming a missing key pays for the list of steps that name it.
  if not exists (
    select 1
    from (
      select distinct r.part, s.value ->> r.part as key
      from pg_catalog.jsonb_array_elements(steps) as s (value)
      cross join (values ('actor'), ('service')) as r (part)
      where pg_catalog.jsonb_typeof(s.value -> r.part) = 'string'
    ) as named
    where case named.part
      when 'actor' then not exists (
        select 1 from public.actors as a where a.project_id = project and a.key = named.key
      )
      else not exists (
        select 1 from public.services as x where x.project_id = project and x.key = named.key
      )
    end
  ) then
    return '[]'::jsonb;
  end if;
  -- [{"path": "steps[3].actor", ...}] for every step naming an actor or service the project does not have.
  return (
    select pg_catalog.jsonb_agg(private.document_error(
      pg_catalog.format('steps[%s].%s', s.ord - 1, r.part),
      pg_catalog.format('no %s with key "%s" in this project', r.part, s.value ->> r.part)
    ) order by s.ord, r.part)
    from pg_catalog.jsonb_array_elements(steps) with ordinality as s (value, ord)
    cross join (values ('actor'), ('service')) as r (part)
    where pg_catalog.jsonb_typeof(s.value -> r.part) = 'string'
      and case r.part
        when 'actor' then not exists (
          select 1 from public.actors as a where a.project_id = project and a.key = s.value ->> 'actor'
        )
        else not exists (
          select 1 from public.services as x where x.project_id = project and x.key = s.value ->> 'service'
        )
      end
  );
end;
$$;

comment on function private.step_reference_errors(uuid, jsonb) is
'Errors for the steps that name an actor or service key the project does not have; [] when all resolve.';

create function private.tg_flow_step_references()
returns trigger
language plpgsql
security invoker
set search_path = ''
as $$
begin
  perform private.valid_or_raise(
    private.step_reference_errors(new.project_id, new.steps), 'flows_steps_name_registry_entries', 'flows'
  );
  return new;
end;
$$;

comment on function private.tg_flow_step_references() is
'BEFORE INSERT/UPDATE OF steps on flows: every step''s actor and service is a key of the project''s registries '
'(23514, the step''s path in the message, all in DETAIL).';

create trigger _510_step_references_on_insert before insert on public.flows
for each row execute function private.tg_flow_step_references();

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
