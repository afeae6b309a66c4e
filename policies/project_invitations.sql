-- project_invitations: the project's owners (who send invitations with rpc add_member) read and revoke them; the
-- invitee reads and declines their own, matched by their confirmed e-mail. No insert or update policy: invitations
-- are written by rpc add_member only, and become memberships by rpc accept_invitation only.

create policy "owners and the invitee read invitations"
on public.project_invitations
for select
to authenticated
using (
  project_id = any((select private.member_project_ids('owner'))::uuid[])
  or email = (select private.caller_confirmed_email())
);

create policy "owners revoke invitations, the invitee declines"
on public.project_invitations
for delete
to authenticated
using (
  project_id = any((select private.member_project_ids('owner'))::uuid[])
  or email = (select private.caller_confirmed_email())
);
