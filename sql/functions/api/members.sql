-- Membership by e-mail and ownership transfer. Changing a role, removing a member and leaving are plain
-- table calls on project_members (PATCH / DELETE), decided by its policies.

create function private.require_project_owner(project uuid)
returns void
language plpgsql
stable
security invoker
set search_path = ''
as $$
begin
  perform private.require_readable_project(project);
  if (select private.project_role(project)) is distinct from 'owner' then
    raise exception 'only the project''s owners can manage its members' using errcode = '42501',
      hint = 'ask an owner of the project';
  end if;
end;
$$;

comment on function private.require_project_owner(uuid) is
'Raises 404 for a project the caller cannot read and 403 when the caller is not one of its owners.';

create function private.add_member_by_email(project uuid, member_email text, member_role public.member_role)
returns jsonb
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  member_id uuid;
  member_name text;
  row_id uuid;
begin
  -- Checked again here (public.add_member checks first, as the caller, so that non-members get a 404).
  if (select private.project_role(project)) is distinct from 'owner' then
    raise exception 'only the project''s owners can manage its members' using errcode = '42501';
  end if;
  if member_email is null or pg_catalog.btrim(member_email) = '' then
    raise exception 'email is required' using errcode = '22023', detail = 'field: email';
  end if;
  select p.id, p.name into member_id, member_name
  from public.profiles as p where pg_catalog.lower(p.email) = pg_catalog.lower(pg_catalog.btrim(member_email));
  if member_id is null then
    raise exception 'no Flow Atlas user has the e-mail %', member_email using errcode = 'PT404',
      detail = 'field: email', hint = 'they must sign up first, then add them again';
  end if;
  insert into public.project_members (project_id, user_id, role, added_by)
  values (project, member_id, coalesce(member_role, 'viewer'), (select auth.uid()))
  on conflict (project_id, user_id) do nothing
  returning id into row_id;
  if row_id is null then
    raise exception '% is already a member of this project', member_email using errcode = '23505',
      detail = 'field: email', hint = 'change their role on project_members instead';
  end if;
  return pg_catalog.jsonb_build_object(
    'id', row_id, 'project_id', project, 'user_id', member_id, 'name', member_name, 'role', coalesce(member_role, 'viewer')
  );
end;
$$;

comment on function private.add_member_by_email(uuid, text, public.member_role) is
'Adds the user with this e-mail to the project; the trusted path behind public.add_member.';

create function public.add_member(project_id uuid, email text, role public.member_role default 'viewer')
returns jsonb
language plpgsql
volatile
security invoker
set search_path = ''
as $$
begin
  perform private.require_project_owner(add_member.project_id);  -- as the caller: 404 for non-members
  return private.add_member_by_email(add_member.project_id, add_member.email, add_member.role);
end;
$$;

comment on function public.add_member(uuid, text, public.member_role) is
'Owners only: add a user to the project by e-mail with a role (viewer by default). Unknown e-mail: HTTP 404; '
'already a member: HTTP 409. Returns the membership (id, project_id, user_id, name, role), never e-mails.';

create function private.transfer_project_ownership(project uuid, new_owner uuid)
returns void
language plpgsql
volatile
security definer
set search_path = ''
as $$
begin
  if (select private.project_role(project)) is distinct from 'owner' then
    raise exception 'only the project''s owners can transfer its ownership' using errcode = '42501';
  end if;
  if not exists (select 1 from public.project_members as m where m.project_id = project and m.user_id = new_owner) then
    raise exception 'the new owner must already be a member of the project' using errcode = 'PT404',
      detail = 'field: new_owner_id', hint = 'add them with add_member first';
  end if;
  update public.project_members set role = 'owner' where project_id = project and user_id = new_owner;
  update public.projects set owner_id = new_owner where id = project;
end;
$$;

comment on function private.transfer_project_ownership(uuid, uuid) is
'Makes a member the owner of the project; the trusted path behind public.transfer_ownership.';

create function public.transfer_ownership(project_id uuid, new_owner_id uuid)
returns void
language plpgsql
volatile
security invoker
set search_path = ''
as $$
begin
  perform private.require_project_owner(transfer_ownership.project_id);  -- as the caller: 404 for non-members
  perform private.transfer_project_ownership(transfer_ownership.project_id, transfer_ownership.new_owner_id);
end;
$$;

comment on function public.transfer_ownership(uuid, uuid) is
'Owners only: make another member the project''s owner (projects.owner_id). The previous owner stays an owner '
'member and may then step down by changing their own role.';

revoke all on function private.require_project_owner(uuid) from public;
revoke all on function private.add_member_by_email(uuid, text, public.member_role) from public;
revoke all on function private.transfer_project_ownership(uuid, uuid) from public;
revoke all on function public.add_member(uuid, text, public.member_role) from public, anon;
revoke all on function public.transfer_ownership(uuid, uuid) from public, anon;
grant execute on function private.require_project_owner(uuid) to authenticated, service_role;
grant execute on function private.add_member_by_email(uuid, text, public.member_role) to authenticated, service_role;
grant execute on function private.transfer_project_ownership(uuid, uuid) to authenticated, service_role;
grant execute on function public.add_member(uuid, text, public.member_role) to authenticated, service_role;
grant execute on function public.transfer_ownership(uuid, uuid) to authenticated, service_role;
