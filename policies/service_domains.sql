-- service_domains: readers of the project (members; any signed-in user for a public project; admins) read;
-- editors, owners and admins add, edit and delete.

create policy "readers see service domains"
on public.service_domains
for select
to authenticated
using (project_id = any((select private.readable_project_ids())::uuid[]));

create policy "editors add service domains"
on public.service_domains
for insert
to authenticated
with check (project_id = any((select private.member_project_ids('editor'))::uuid[]));

create policy "editors edit service domains"
on public.service_domains
for update
to authenticated
using (project_id = any((select private.member_project_ids('editor'))::uuid[]))
with check (project_id = any((select private.member_project_ids('editor'))::uuid[]));

create policy "editors delete service domains"
on public.service_domains
for delete
to authenticated
using (project_id = any((select private.member_project_ids('editor'))::uuid[]));
