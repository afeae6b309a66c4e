-- projects: members read their projects, every signed-in user reads public ones, admins read all (live ones only;
-- the owner_id clause lets INSERT ... RETURNING show the new project before its owner member row exists).
-- Analysts and admins create projects (global viewers cannot); owners edit and delete them.

create policy "readers see live projects"
on public.projects
for select
to authenticated
using (
  deleted_at is null
  and (
    id = any((select private.readable_project_ids())::uuid[])
    or owner_id = (select auth.uid())
  )
);

create policy "analysts and admins create projects"
on public.projects
for insert
to authenticated
with check ((select private.can_create_projects()) and owner_id = (select auth.uid()));

create policy "owners edit projects"
on public.projects
for update
to authenticated
using (id = any((select private.member_project_ids('owner'))::uuid[]))
with check (id = any((select private.member_project_ids('owner'))::uuid[]));

create policy "owners delete projects"
on public.projects
for delete
to authenticated
using (id = any((select private.member_project_ids('owner'))::uuid[]));
