-- Soft delete of projects and flows: a DELETE marks the row deleted (deleted_at, deleted_by) and deletes
-- nothing; select policies hide deleted rows. Registries are deleted for real (the audit log keeps them).
--
-- The row is really removed (hard delete) only on the maintenance paths:
--   1. the row is already soft-deleted: a purge. Only roles that bypass RLS (service_role, the owner) can see
--      such rows, so only they can purge (e.g. `delete from flows where deleted_at < now() - interval '30 days'`);
--   2. the project of a flow is gone: the cascade of a project purge;
--   3. the GUC flowatlas.hard_delete is 'on' and the request is not anon/authenticated (maintenance sessions:
--      `set local flowatlas.hard_delete = 'on'` as postgres or service_role). PostgREST cannot set it.

create function private.tg_soft_delete()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
declare
  parent_gone boolean;
begin
  if old.deleted_at is not null then
    return old;
  end if;
  if tg_table_name <> 'projects' then
    select not exists (
      select 1 from public.projects as p where p.id = (pg_catalog.to_jsonb(old) ->> 'project_id')::uuid
    ) into parent_gone;
    if parent_gone then
      return old;
    end if;
  end if;
  if coalesce(pg_catalog.current_setting('flowatlas.hard_delete', true), '') = 'on'
    and private.request_role() not in ('anon', 'authenticated') then
    return old;
  end if;
  execute pg_catalog.format(
    'update %I.%I set deleted_at = pg_catalog.now(), deleted_by = $1 where id = $2', tg_table_schema, tg_table_name
  ) using (select auth.uid()), old.id;
  return null;
end;
$$;

comment on function private.tg_soft_delete() is
'BEFORE DELETE on projects and flows: marks the row deleted instead of deleting it. Hard deletes only for '
'already deleted rows (purge), cascades of a purged project, or flowatlas.hard_delete = on outside the API.';

create trigger _100_soft_delete before delete on public.projects
for each row execute function private.tg_soft_delete();
create trigger _100_soft_delete before delete on public.flows
for each row execute function private.tg_soft_delete();
