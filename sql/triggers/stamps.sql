-- Stamps: updated_at never goes backwards (now(), or one microsecond after the previous value when the clock or
-- the transaction start is behind it); the trigger arguments name the columns that take auth.uid(): all of them on
-- insert (created_by, added_by, updated_by: the only names it knows), updated_by on update.
--
-- Every write runs this, so it compares and patches records rather than converting whole rows to JSON: a flow
-- row as JSON (its steps, its search vector as text) costs ~0.1 ms, and this trigger used to do that three times.

create function private.tg_stamp()
returns trigger
language plpgsql
security invoker
set search_path = ''
as $$
declare
  -- A plain call: in plpgsql `(select auth.uid())` runs a whole query (~25 us); the wrapper only pays in policies.
  uid constant uuid := auth.uid();
  -- Blanked in both rows to tell a no-op update.
  unstamped constant jsonb := '{"updated_at": null, "updated_by": null}';
  col text;
begin
  if tg_op = 'INSERT' then
    if uid is not null and tg_nargs > 0 then
      -- Field by field, and only where the value differs: the columns' default is already the caller, and a field
      -- assigned makes NEW a new row, copied whole (a flow's steps) on return: 0.15 ms of each flow inserted.
      foreach col in array tg_argv loop
        case col
          when 'created_by' then
            if new.created_by is distinct from uid then new.created_by := uid; end if;
          when 'added_by' then
            if new.added_by is distinct from uid then new.added_by := uid; end if;
          when 'updated_by' then
            if new.updated_by is distinct from uid then new.updated_by := uid; end if;
        end case;  -- any other argument raises case_not_found
      end loop;
    end if;
    return new;
  end if;
  if pg_catalog.jsonb_populate_record(new, unstamped) is not distinct from pg_catalog.jsonb_populate_record(old, unstamped)
  then
    return new;  -- nothing but the stamps changed (a no-op update): leave the stamps alone
  end if;
  new.updated_at := greatest(pg_catalog.now(), old.updated_at + interval '1 microsecond');
  if uid is not null and 'updated_by' = any (tg_argv) then
    new.updated_by := uid;
  end if;
  return new;
end;
$$;

comment on function private.tg_stamp() is
'BEFORE INSERT/UPDATE: sets the columns named in the trigger arguments to auth.uid() on insert, and updated_by (when '
'named) on update, when there is a user; makes updated_at monotonic: greatest(now(), previous updated_at + 1 '
'microsecond). A no-op update keeps the stamps.';

create trigger _200_stamp before insert or update on public.profiles
for each row execute function private.tg_stamp();
create trigger _200_stamp before insert or update on public.projects
for each row execute function private.tg_stamp('created_by', 'updated_by');
create trigger _200_stamp before insert or update on public.project_members
for each row execute function private.tg_stamp('added_by', 'updated_by');
create trigger _200_stamp before insert or update on public.service_domains
for each row execute function private.tg_stamp('created_by', 'updated_by');
create trigger _200_stamp before insert or update on public.services
for each row execute function private.tg_stamp('created_by', 'updated_by');
create trigger _200_stamp before insert or update on public.actors
for each row execute function private.tg_stamp('created_by', 'updated_by');
create trigger _200_stamp before insert or update on public.integration_types
for each row execute function private.tg_stamp('created_by', 'updated_by');
create trigger _200_stamp before insert or update on public.flows
for each row execute function private.tg_stamp('created_by', 'updated_by');
