-- Members by invitation, ownership by offer: nobody is put into a project, or made its owner, without choosing it.
-- add_member records an invitation that the invitee accepts (accept_invitation); transfer_ownership records an
-- offer that the recipient accepts (accept_ownership). Adding by e-mail never looks for an account: it answers
-- the same, in the same time, whether the address has one or not. Changing a role, removing a member, leaving,
-- revoking or declining an invitation and withdrawing or declining an offer are plain table calls (PATCH /
-- DELETE), decided by the policies.

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

create function private.invite_by_email(project uuid, invitee_email text, invitee_role public.member_role)
returns public.project_invitations
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  address constant text := pg_catalog.lower(pg_catalog.btrim(invitee_email));
  invitation public.project_invitations;
begin
  -- Checked again here (public.add_member checks first, as the caller, so that non-members get a 404).
  if (select private.project_role(project)) is distinct from 'owner' then
    raise exception 'only the project''s owners can manage its members' using errcode = '42501';
  end if;
  if address is null or address = '' then
    raise exception 'email is required' using errcode = '22023', detail = 'field: email';
  end if;
  if pg_catalog.char_length(address) > 320 or address !~ '^[^@[:space:]]+@[^@[:space:]]+$' then
    raise exception 'email is not an e-mail address' using errcode = '22023', detail = 'field: email',
      hint = 'send one address, like ana@example.com';
  end if;
  -- An owner reads the profiles (e-mails included) of the project's members, so this tells them nothing new; it
  -- looks at this project's members only, whether or not the address has an account elsewhere.
  if exists (
    select 1 from public.project_members as m inner join public.profiles as p on p.id = m.user_id
    where m.project_id = project and pg_catalog.lower(p.email) = address
  ) then
    raise exception 'this address belongs to a member of the project' using errcode = '23505',
      detail = 'field: email', hint = 'change their role on project_members instead';
  end if;
  -- Lapsed invitations of the project go first, so the cap counts open ones and old ones do not pile up.
  delete from public.project_invitations as i where i.project_id = project and i.expires_at <= pg_catalog.now();
  if (
    select pg_catalog.count(*) from public.project_invitations as i where i.project_id = project and i.email <> address
  ) >= 100 then
    raise exception 'a project has at most 100 open invitations' using errcode = 'P0001', detail = 'field: email',
      hint = 'revoke some (DELETE on project_invitations) or wait until they are accepted or expire';
  end if;
  -- Inviting again renews the invitation (role, inviter, 14 more days).
  insert into public.project_invitations as i (project_id, email, role, invited_by)
  values (project, address, coalesce(invitee_role, 'viewer'), (select auth.uid()))
  on conflict (project_id, email) do update
  set role = excluded.role, invited_by = excluded.invited_by, created_at = excluded.created_at,
  expires_at = excluded.expires_at
  returning i.* into invitation;
  return invitation;
end;
$$;

comment on function private.invite_by_email(uuid, text, public.member_role) is
'Invites an e-mail address into the project (renews an existing invitation); the trusted path behind '
'public.add_member. Never looks the address up among users.';

create function public.add_member(project_id uuid, email text, role public.member_role default 'viewer')
returns public.project_invitations
language plpgsql
volatile
security invoker
set search_path = ''
as $$
begin
  perform private.require_project_owner(add_member.project_id);  -- as the caller: 404 for non-members
  return private.invite_by_email(add_member.project_id, add_member.email, add_member.role);
end;
$$;

comment on function public.add_member(uuid, text, public.member_role) is
'Owners only: invite an e-mail address into the project with a role (viewer by default). Answers the invitation '
'(id, project_id, email, role, invited_by, created_at, expires_at) whether or not the address has an account; '
'the person becomes a member when they accept it (accept_invitation). A member''s address: HTTP 409; over 100 '
'open invitations: HTTP 400.';

create function private.accept_invitation_as_caller(invitation uuid)
returns public.project_members
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  uid constant uuid := auth.uid();
  open_invitation public.project_invitations;
  membership public.project_members;
begin
  select i.* into open_invitation
  from public.project_invitations as i
  where i.id = invitation
    and i.email = (select private.caller_confirmed_email())
    and exists (select 1 from public.projects as p where p.id = i.project_id and p.deleted_at is null)
  for update of i;
  if open_invitation.id is null then
    raise exception 'you have no invitation %', invitation using errcode = 'PT404', detail = 'field: invitation_id',
      hint = 'my_invitations lists yours: invitations go to your confirmed e-mail address';
  end if;
  if open_invitation.expires_at <= pg_catalog.now() then
    raise exception 'this invitation expired at %', open_invitation.expires_at using errcode = 'P0001',
      detail = 'field: invitation_id', hint = 'ask an owner of the project to invite you again';
  end if;
  -- Already a member (added by the admin backend meanwhile): the membership stays as it is.
  insert into public.project_members (project_id, user_id, role)
  values (open_invitation.project_id, uid, open_invitation.role)
  on conflict (project_id, user_id) do nothing;
  delete from public.project_invitations as i where i.id = open_invitation.id;
  select m.* into membership
  from public.project_members as m
  where m.project_id = open_invitation.project_id and m.user_id = uid;
  return membership;
end;
$$;

comment on function private.accept_invitation_as_caller(uuid) is
'Turns the caller''s open invitation into their membership; the trusted path behind public.accept_invitation.';

create function public.accept_invitation(invitation_id uuid)
returns public.project_members
language sql
volatile
security invoker
set search_path = ''
as $$
  select * from private.accept_invitation_as_caller(accept_invitation.invitation_id)
$$;

comment on function public.accept_invitation(uuid) is
'The invitee (by their confirmed e-mail): accept an open invitation and become a member with its role. Returns the '
'membership. Unknown, someone else''s or a deleted project''s invitation: HTTP 404; expired: HTTP 400. To decline, '
'delete the invitation (DELETE on project_invitations).';

create function private.invitations_for_caller()
returns table (
  id uuid,
  project_id uuid,
  project_name text,
  role public.member_role,
  invited_by_name text,
  created_at timestamptz,
  expires_at timestamptz
)
language sql
stable
security definer
set search_path = ''
as $$
  -- Definer: the invitee cannot read the project or the inviter's profile yet; these two names are what they need
  -- to choose.
  select i.id, i.project_id, p.name, i.role, inviter.name, i.created_at, i.expires_at
  from public.project_invitations as i
  inner join public.projects as p on p.id = i.project_id and p.deleted_at is null
  inner join public.profiles as inviter on inviter.id = i.invited_by
  where i.email = (select private.caller_confirmed_email()) and i.expires_at > pg_catalog.now()
  order by i.created_at desc, i.id
  limit 1000
$$;

comment on function private.invitations_for_caller() is
'The caller''s open invitations with the project''s and the inviter''s names; the trusted path behind '
'public.my_invitations.';

create function public.my_invitations()
returns table (
  id uuid,
  project_id uuid,
  project_name text,
  role public.member_role,
  invited_by_name text,
  created_at timestamptz,
  expires_at timestamptz
)
language sql
stable
security invoker
set search_path = ''
as $$
  select * from private.invitations_for_caller()
$$;

comment on function public.my_invitations() is
'The caller''s open invitations (to their confirmed e-mail address), newest first, with the project''s name and the '
'inviter''s name: accept one with accept_invitation, decline it by deleting it from project_invitations.';

create function private.offer_project_ownership(project uuid, new_owner uuid)
returns public.project_ownership_offers
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  current_owner uuid;
  offer public.project_ownership_offers;
begin
  select p.owner_id into current_owner from public.projects as p where p.id = project and p.deleted_at is null;
  -- Not any owner member: moving ownership makes projects.owner_id an editor, which co-owners cannot do either.
  if current_owner is distinct from (select auth.uid()) and not (select private.is_admin()) then
    raise exception 'only the project''s owner (projects.owner_id) can offer its ownership' using errcode = '42501',
      hint = 'ask the owner of the project';
  end if;
  if new_owner is null then
    raise exception 'new_owner_id is required' using errcode = '22023', detail = 'field: new_owner_id';
  end if;
  if new_owner = current_owner then
    raise exception 'this member already owns the project' using errcode = '22023', detail = 'field: new_owner_id';
  end if;
  if not exists (select 1 from public.project_members as m where m.project_id = project and m.user_id = new_owner) then
    raise exception 'the new owner must already be a member of the project' using errcode = 'PT404',
      detail = 'field: new_owner_id', hint = 'invite them with add_member first';
  end if;
  -- One open offer per project: offering again replaces it.
  insert into public.project_ownership_offers as o (project_id, offered_to, offered_by)
  values (project, new_owner, (select auth.uid()))
  on conflict (project_id) do update
  set offered_to = excluded.offered_to, offered_by = excluded.offered_by, created_at = excluded.created_at,
  expires_at = excluded.expires_at
  returning o.* into offer;
  return offer;
end;
$$;

comment on function private.offer_project_ownership(uuid, uuid) is
'Offers the project''s ownership to a member; the trusted path behind public.transfer_ownership.';

create function public.transfer_ownership(project_id uuid, new_owner_id uuid)
returns public.project_ownership_offers
language plpgsql
volatile
security invoker
set search_path = ''
as $$
begin
  perform private.require_project_owner(transfer_ownership.project_id);  -- as the caller: 404 for non-members
  return private.offer_project_ownership(transfer_ownership.project_id, transfer_ownership.new_owner_id);
end;
$$;

comment on function public.transfer_ownership(uuid, uuid) is
'The project''s owner (projects.owner_id) or a global admin: offer the ownership to a member. Nothing changes until '
'they accept it (accept_ownership); one open offer per project, a new one replaces it; withdraw it by deleting it '
'from project_ownership_offers. Returns the offer. Not a member: HTTP 404; another owner member: HTTP 403.';

create function private.accept_project_ownership(project uuid)
returns public.projects
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  uid constant uuid := auth.uid();
  offer public.project_ownership_offers;
  previous_owner uuid;
  accepted public.projects;
begin
  select o.* into offer
  from public.project_ownership_offers as o
  where o.project_id = project and o.offered_to = uid
  for update;
  select p.owner_id into previous_owner
  from public.projects as p
  where p.id = project and p.deleted_at is null
  for update;
  if offer.id is null or previous_owner is null then
    raise exception 'nobody has offered you the ownership of this project' using errcode = 'PT404',
      detail = 'field: project_id', hint = 'the owner offers it with transfer_ownership';
  end if;
  if offer.expires_at <= pg_catalog.now() then
    raise exception 'this offer expired at %', offer.expires_at using errcode = 'P0001', detail = 'field: project_id',
      hint = 'ask the owner to offer it again';
  end if;
  -- In this order: private.tg_keep_project_owner lets the previous owner's row go down to editor only once
  -- owner_id names someone else and another owner member exists.
  update public.projects set owner_id = uid where id = project;
  update public.project_members set role = 'owner' where project_id = project and user_id = uid;
  update public.project_members set role = 'editor'
  where project_id = project and user_id = previous_owner and user_id <> uid;
  delete from public.project_ownership_offers as o where o.id = offer.id;
  select p.* into accepted from public.projects as p where p.id = project;
  return accepted;
end;
$$;

comment on function private.accept_project_ownership(uuid) is
'Makes the caller the owner of the project they were offered and the previous owner an editor, in one '
'transaction; the trusted path behind public.accept_ownership.';

create function public.accept_ownership(project_id uuid)
returns public.projects
language sql
volatile
security invoker
set search_path = ''
as $$
  select * from private.accept_project_ownership(accept_ownership.project_id)
$$;

comment on function public.accept_ownership(uuid) is
'The recipient of an ownership offer: accept it. They become the project''s owner (projects.owner_id, an owner '
'member), the previous owner an editor. Returns the project. No open offer to the caller: HTTP 404; expired: '
'HTTP 400. To decline, delete the offer (DELETE on project_ownership_offers).';

revoke all on function private.require_project_owner(uuid) from public;
revoke all on function private.invite_by_email(uuid, text, public.member_role) from public;
revoke all on function private.accept_invitation_as_caller(uuid) from public;
revoke all on function private.invitations_for_caller() from public;
revoke all on function private.offer_project_ownership(uuid, uuid) from public;
revoke all on function private.accept_project_ownership(uuid) from public;
revoke all on function public.add_member(uuid, text, public.member_role) from public, anon;
revoke all on function public.accept_invitation(uuid) from public, anon;
revoke all on function public.my_invitations() from public, anon;
revoke all on function public.transfer_ownership(uuid, uuid) from public, anon;
revoke all on function public.accept_ownership(uuid) from public, anon;
grant execute on function private.require_project_owner(uuid) to authenticated, service_role;
grant execute on function private.invite_by_email(uuid, text, public.member_role) to authenticated, service_role;
grant execute on function private.accept_invitation_as_caller(uuid) to authenticated, service_role;
grant execute on function private.invitations_for_caller() to authenticated, service_role;
grant execute on function private.offer_project_ownership(uuid, uuid) to authenticated, service_role;
grant execute on function private.accept_project_ownership(uuid) to authenticated, service_role;
grant execute on function public.add_member(uuid, text, public.member_role) to authenticated, service_role;
grant execute on function public.accept_invitation(uuid) to authenticated, service_role;
grant execute on function public.my_invitations() to authenticated, service_role;
grant execute on function public.transfer_ownership(uuid, uuid) to authenticated, service_role;
grant execute on function public.accept_ownership(uuid) to authenticated, service_role;
