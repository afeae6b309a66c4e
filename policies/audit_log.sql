-- audit_log: members of a project read its entries; global admins read every entry (profiles' too).
-- There is no insert, update or delete policy (and no grant): only the audit triggers write it.

create policy "members read the audit log"
on public.audit_log
for select
to authenticated
using (
  (select private.is_admin())
  or project_id = any((select private.member_project_ids('viewer'))::uuid[])
);
