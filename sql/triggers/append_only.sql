-- History tables are append-only for every API role: even with a grant (there is none) or RLS bypass
-- (service_role), no insert, update or delete gets through. Only definer triggers (owner) write them, and
-- FK cascades (owner) remove them when a flow or project is purged.
--
-- The check sits in the triggers' WHEN, so the rows the definer triggers write (two for every flow edit) do not
-- each pay for a PL/pgSQL call that lets them through; the function only raises. The WHEN spells out
-- private.is_api_role() instead of calling it: a SQL function with a pinned search_path is parsed again on every
-- statement, which cost each history row more than the whole check.

create function private.tg_forbid_api_writes()
returns trigger
language plpgsql
security invoker
set search_path = ''
as $$
begin
  raise exception '% is read-only: it is written only by the database itself', tg_table_name
    using errcode = '42501';
end;
$$;

comment on function private.tg_forbid_api_writes() is
'BEFORE INSERT/UPDATE/DELETE when the current user is an API role (private.is_api_role()): rejects (42501) any '
'write by an API role to a history table.';

create trigger _100_append_only before insert or update or delete on public.audit_log
for each row when (current_user in ('anon', 'authenticated', 'service_role'))
execute function private.tg_forbid_api_writes();
create trigger _100_append_only before insert or update or delete on public.flow_revisions
for each row when (current_user in ('anon', 'authenticated', 'service_role'))
execute function private.tg_forbid_api_writes();
