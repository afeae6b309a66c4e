-- Immutable columns: the trigger arguments name the columns no API role (anon, authenticated, service_role) may
-- change. Column grants already keep authenticated away from them; this also covers service_role. The owner
-- (migrations, the seed, security-definer functions such as an ownership transfer, FK cascades) may change them.
--
-- Each trigger's WHEN compares the same columns, so the function runs only when one of them changed: it turns
-- both rows into JSON to name the column, and a flow row as JSON (its steps, its search vector as text) cost
-- every update of a flow ~0.1 ms while the columns it looks at almost never change.

create function private.tg_protect_columns()
returns trigger
language plpgsql
security invoker
set search_path = ''
as $$
declare
  col text;
  old_row jsonb := pg_catalog.to_jsonb(old);
  new_row jsonb := pg_catalog.to_jsonb(new);
begin
  if not private.is_api_role() then
    return new;
  end if;
  foreach col in array tg_argv loop
    if (old_row -> col) is distinct from (new_row -> col) then
      raise exception '%.% cannot be changed', tg_table_name, col
        using errcode = '42501',
        hint = 'the project, owner, creator and creation time of a row are fixed when it is created';
    end if;
  end loop;
  return new;
end;
$$;

comment on function private.tg_protect_columns() is
'BEFORE UPDATE: rejects (42501) a change by an API role to any column named in the trigger arguments. Its '
'triggers'' WHEN clauses call it only when one of those columns changed.';

create trigger _100_protect_columns before update on public.profiles
for each row when (
  old.id is distinct from new.id or old.email is distinct from new.email
  or old.created_at is distinct from new.created_at
)
execute function private.tg_protect_columns('id', 'email', 'created_at');
create trigger _100_protect_columns before update on public.projects
for each row when (
  old.id is distinct from new.id or old.owner_id is distinct from new.owner_id
  or old.created_at is distinct from new.created_at or old.created_by is distinct from new.created_by
)
execute function private.tg_protect_columns('id', 'owner_id', 'created_at', 'created_by');
create trigger _100_protect_columns before update on public.project_members
for each row when (
  old.id is distinct from new.id or old.project_id is distinct from new.project_id
  or old.user_id is distinct from new.user_id or old.added_by is distinct from new.added_by
  or old.added_at is distinct from new.added_at
)
execute function private.tg_protect_columns('id', 'project_id', 'user_id', 'added_by', 'added_at');
create trigger _100_protect_columns before update on public.service_domains
for each row when (
  old.id is distinct from new.id or old.project_id is distinct from new.project_id
  or old.created_at is distinct from new.created_at or old.created_by is distinct from new.created_by
)
execute function private.tg_protect_columns('id', 'project_id', 'created_at', 'created_by');
create trigger _100_protect_columns before update on public.services
for each row when (
  old.id is distinct from new.id or old.project_id is distinct from new.project_id
  or old.created_at is distinct from new.created_at or old.created_by is distinct from new.created_by
)
execute function private.tg_protect_columns('id', 'project_id', 'created_at', 'created_by');
create trigger _100_protect_columns before update on public.actors
for each row when (
  old.id is distinct from new.id or old.project_id is distinct from new.project_id
  or old.created_at is distinct from new.created_at or old.created_by is distinct from new.created_by
)
execute function private.tg_protect_columns('id', 'project_id', 'created_at', 'created_by');
create trigger _100_protect_columns before update on public.integration_types
for each row when (
  old.id is distinct from new.id or old.project_id is distinct from new.project_id
  or old.created_at is distinct from new.created_at or old.created_by is distinct from new.created_by
)
execute function private.tg_protect_columns('id', 'project_id', 'created_at', 'created_by');
create trigger _100_protect_columns before update on public.flows
for each row when (
  old.id is distinct from new.id or old.project_id is distinct from new.project_id
  or old.created_at is distinct from new.created_at or old.created_by is distinct from new.created_by
)
execute function private.tg_protect_columns('id', 'project_id', 'created_at', 'created_by');
