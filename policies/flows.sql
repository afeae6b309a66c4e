-- flows: readers of the project read live flows; editors, owners and admins create, edit and delete them
-- (a delete is a soft delete: private.tg_soft_delete). Who may change the status: private.tg_flow_review_state.

create policy "readers see live flows"
on public.flows
for select
to authenticated
using (deleted_at is null and project_id = any((select private.readable_project_ids())::uuid[]));

create policy "editors create flows"
on public.flows
for insert
to authenticated
with check (project_id = any((select private.member_project_ids('editor'))::uuid[]));

create policy "editors edit flows"
on public.flows
for update
to authenticated
using (deleted_at is null and project_id = any((select private.member_project_ids('editor'))::uuid[]))
with check (project_id = any((select private.member_project_ids('editor'))::uuid[]));

create policy "editors delete flows"
on public.flows
for delete
to authenticated
using (deleted_at is null and project_id = any((select private.member_project_ids('editor'))::uuid[]));
