-- flow_revisions: members of the project (and admins) read the history. There is no insert, update or delete
-- policy (and no grant): only private.tg_flow_keep_revision writes it.

create policy "members read flow revisions"
on public.flow_revisions
for select
to authenticated
using (project_id = any((select private.member_project_ids('viewer'))::uuid[]));
