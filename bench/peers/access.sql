-- The access rule both hand-written peers enforce in code, in the one statement of each route: a signed-in user
-- reads the live flows of the live projects they are a member of, and of every live public project. $1 is the
-- user id from the verified token. The peers substitute {columns} (the columns PostgREST returns) once at start.

-- name: page
select f.id, f.name, f.status, f.priority, f.updated_at
from public.flows as f
where f.project_id = $2
  and f.deleted_at is null
  and exists (
    select 1 from public.projects as p
    where p.id = f.project_id and p.deleted_at is null
      and (p.is_public or exists (
        select 1 from public.project_members as m where m.project_id = p.id and m.user_id = $1
      ))
  )
order by f.name
limit 50;

-- name: one
select {columns}
from public.flows as f
where f.id = $2
  and f.deleted_at is null
  and exists (
    select 1 from public.projects as p
    where p.id = f.project_id and p.deleted_at is null
      and (p.is_public or exists (
        select 1 from public.project_members as m where m.project_id = p.id and m.user_id = $1
      ))
  );
