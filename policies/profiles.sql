-- profiles: a user reads their own profile, the profiles of the people they share a project with, and (admins)
-- all. A user edits their own profile (name; the role is guarded by private.tg_protect_global_role); admins edit
-- any. Profiles are created and deleted only with the auth.users row: no insert or delete policy.

create policy "users read own, co-member and (admins) all profiles"
on public.profiles
for select
to authenticated
using (
  id = (select auth.uid())
  or (select private.is_admin())
  or id = any((select private.co_member_ids())::uuid[])
);

create policy "users edit own profile, admins any"
on public.profiles
for update
to authenticated
using (id = (select auth.uid()) or (select private.is_admin()))
with check (id = (select auth.uid()) or (select private.is_admin()));
