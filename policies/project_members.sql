-- project_members: members (not readers of a public project) see the member list; owners change and remove
-- members; any member may remove their own membership (leave). Nobody raises their own role: only owners update,
-- and private.tg_keep_project_owner keeps an owner. No insert policy: nobody is put into a project they did not
-- choose. A membership is made by accepting an invitation (rpc accept_invitation), by creating a project, or by
-- the admin backend (service_role, which bypasses row-level security).

create policy "members read the member list"
on public.project_members
for select
to authenticated
using (project_id = any((select private.member_project_ids('viewer'))::uuid[]));

create policy "owners change member roles"
on public.project_members
for update
to authenticated
using (project_id = any((select private.member_project_ids('owner'))::uuid[]))
with check (project_id = any((select private.member_project_ids('owner'))::uuid[]));

create policy "owners remove members, members leave"
on public.project_members
for delete
to authenticated
using (
  project_id = any((select private.member_project_ids('owner'))::uuid[])
  or user_id = (select auth.uid())
);
