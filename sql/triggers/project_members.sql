-- A project always keeps at least one owner, and the member row of projects.owner_id stays an owner
-- (ownership moves only when a member accepts an offer of it, which changes owner_id first). Skipped when the
-- project itself is being purged (cascade).

create function private.tg_keep_project_owner()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
declare
  project_owner uuid;
begin
  if old.role <> 'owner' or (tg_op = 'UPDATE' and new.role = 'owner') then
    return coalesce(new, old);
  end if;
  select p.owner_id into project_owner from public.projects as p where p.id = old.project_id;
  if not found then
    return coalesce(new, old);
  end if;
  if not exists (
    select 1 from public.project_members as m
    where m.project_id = old.project_id and m.role = 'owner' and m.id <> old.id
  ) then
    raise exception 'a project must keep at least one owner'
      using errcode = 'P0001', hint = 'make another member owner first';
  end if;
  if old.user_id = project_owner then
    raise exception 'this member is the project''s owner (projects.owner_id) and stays an owner member'
      using errcode = 'P0001',
      hint = 'offer the ownership to a member first (transfer_ownership): once they accept it you are an editor';
  end if;
  return coalesce(new, old);
end;
$$;

comment on function private.tg_keep_project_owner() is
'BEFORE UPDATE/DELETE on project_members: refuses to remove or demote the last owner or the project''s owner_id.';

create trigger _300_keep_owner before update or delete on public.project_members
for each row execute function private.tg_keep_project_owner();
