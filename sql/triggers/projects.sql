-- A new project's owner (its creator) becomes its first owner member.

create function private.tg_add_owner_member()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
  insert into public.project_members (project_id, user_id, role, added_by)
  values (new.id, new.owner_id, 'owner', coalesce((select auth.uid()), new.owner_id))
  on conflict (project_id, user_id) do update set role = 'owner';
  return null;
end;
$$;

comment on function private.tg_add_owner_member() is
'AFTER INSERT on projects: makes the project''s owner an owner member.';

create trigger _500_add_owner_member after insert on public.projects
for each row execute function private.tg_add_owner_member();
