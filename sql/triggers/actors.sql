-- An actor that is deleted is taken out of the actor_ids of its project's flows (actor_ids cannot be a foreign key).

create function private.tg_actor_detach_from_flows()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
  update public.flows
  set actor_ids = pg_catalog.array_remove(actor_ids, old.id)
  where project_id = old.project_id and actor_ids @> array[old.id];
  return null;
end;
$$;

comment on function private.tg_actor_detach_from_flows() is
'AFTER DELETE on actors: removes the actor from actor_ids of the flows of its project.';

create trigger _500_detach_from_flows after delete on public.actors
for each row execute function private.tg_actor_detach_from_flows();
