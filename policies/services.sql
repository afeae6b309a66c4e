-- services: readers of the project (members; any signed-in user for a public project; admins) read;
-- editors, owners and admins add, edit and delete.

create policy "readers see services"
on public.services
for select
to authenticated
using (project_id = any((select private.readable_project_ids())::uuid[]));

create policy "editors add services"
on public.services
for insert
to authenticated
with check (project_id = any((select private.member_project_ids('editor'))::uuid[]));

create policy "editors edit services"
on public.services
for update
to authenticated
using (project_id = any((select private.member_project_ids('editor'))::uuid[]))
with check (project_id = any((select private.member_project_ids('editor'))::uuid[]));

create policy "editors delete services"
on public.services
for delete
to authenticated
using (project_id = any((select private.member_project_ids('editor'))::uuid[]));
