-- Stamps: updated_at never goes backwards (now(), or one microsecond after the previous value when the clock or
-- the transaction start is behind it); created_by / added_by / updated_by come from auth.uid().

create function private.tg_stamp()
returns trigger
language plpgsql
security invoker
set search_path = ''
as $$
declare
  uid uuid := (select auth.uid());
  row_now jsonb := pg_catalog.to_jsonb(new);
  patch jsonb := '{}'::jsonb;
begin
  if tg_op = 'INSERT' then
    if uid is not null then
      if row_now ? 'created_by' then
        patch := patch || pg_catalog.jsonb_build_object('created_by', uid);
      end if;
      if row_now ? 'added_by' then
        patch := patch || pg_catalog.jsonb_build_object('added_by', uid);
      end if;
      if row_now ? 'updated_by' then
        patch := patch || pg_catalog.jsonb_build_object('updated_by', uid);
      end if;
    end if;
  else
    if (row_now - array['updated_at', 'updated_by']) = (pg_catalog.to_jsonb(old) - array['updated_at', 'updated_by']) then
      return new;  -- nothing but the stamps changed (a no-op update): leave the stamps alone
    end if;
    patch := pg_catalog.jsonb_build_object(
      'updated_at',
      greatest(pg_catalog.now(), (pg_catalog.to_jsonb(old) ->> 'updated_at')::timestamptz + interval '1 microsecond')
    );
    if uid is not null and row_now ? 'updated_by' then
      patch := patch || pg_catalog.jsonb_build_object('updated_by', uid);
    end if;
  end if;
  new := pg_catalog.jsonb_populate_record(new, patch);
  return new;
end;
$$;

comment on function private.tg_stamp() is
'BEFORE INSERT/UPDATE: sets created_by, added_by and updated_by to auth.uid() (when there is a user) and makes '
'updated_at monotonic: greatest(now(), previous updated_at + 1 microsecond). A no-op update keeps the stamps.';

create trigger _200_stamp before insert or update on public.profiles
for each row execute function private.tg_stamp();
create trigger _200_stamp before insert or update on public.projects
for each row execute function private.tg_stamp();
create trigger _200_stamp before insert or update on public.project_members
for each row execute function private.tg_stamp();
create trigger _200_stamp before insert or update on public.service_domains
for each row execute function private.tg_stamp();
create trigger _200_stamp before insert or update on public.services
for each row execute function private.tg_stamp();
create trigger _200_stamp before insert or update on public.actors
for each row execute function private.tg_stamp();
create trigger _200_stamp before insert or update on public.integration_types
for each row execute function private.tg_stamp();
create trigger _200_stamp before insert or update on public.flows
for each row execute function private.tg_stamp();
