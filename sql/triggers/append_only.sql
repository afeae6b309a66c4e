-- History tables are append-only for every API role: even with a grant (there is none) or RLS bypass
-- (service_role), no insert, update or delete gets through. Only definer triggers (owner) write them, and
-- FK cascades (owner) remove them when a flow or project is purged.

create function private.tg_forbid_api_writes()
returns trigger
language plpgsql
security invoker
set search_path = ''
as $$
begin
  if private.is_api_role() then
    raise exception '% is read-only: it is written only by the database itself', tg_table_name
      using errcode = '42501';
  end if;
  return coalesce(new, old);
end;
$$;

comment on function private.tg_forbid_api_writes() is
'BEFORE INSERT/UPDATE/DELETE: rejects (42501) any write by an API role to a history table.';

create trigger _100_append_only before insert or update or delete on public.audit_log
for each row execute function private.tg_forbid_api_writes();
create trigger _100_append_only before insert or update or delete on public.flow_revisions
for each row execute function private.tg_forbid_api_writes();
