-- actors: readers of the project (members; any signed-in user for a public project; admins) read;
-- editors, owners and admins add, edit and delete.

create policy "readers see actors"
on public.actors
for select
to authenticated
using (project_id = any((select private.readable_project_ids())::uuid[]));

create policy "editors add actors"
on public.actors
for insert
to authenticated
with check (project_id = any((select private.member_project_ids('editor'))::uuid[]));

create policy "editors edit actors"
on public.actors
for update
to authenticated
using (project_id = any((select private.member_project_ids('editor'))::uuid[]))
with check (project_id = any((select private.member_project_ids('editor'))::uuid[]));

create policy "editors delete actors"
on public.actors
for delete
to authenticated
using (project_id = any((select private.member_project_ids('editor'))::uuid[]));
