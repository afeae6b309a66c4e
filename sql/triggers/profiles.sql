-- Profiles follow Supabase Auth: a profile is created when Auth inserts a user and its e-mail follows the user's.
-- The global role is never taken from user metadata (a user writes that at sign-up); it starts as analyst and
-- only a global admin changes it.

create function private.tg_create_profile()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
  insert into public.profiles (id, email, name)
  values (
    new.id,
    new.email,
    pg_catalog.left(
      coalesce(
        nullif(pg_catalog.btrim(new.raw_user_meta_data ->> 'name'), ''),
        nullif(pg_catalog.btrim(new.raw_user_meta_data ->> 'full_name'), ''),
        nullif(pg_catalog.split_part(new.email, '@', 1), ''),
        'user'
      ),
      255
    )
  )
  on conflict (id) do nothing;
  return null;
end;
$$;

comment on function private.tg_create_profile() is
'AFTER INSERT on auth.users: creates the profile (name from user metadata "name"/"full_name" or the e-mail''s '
'local part, role analyst).';

create function private.tg_sync_profile_email()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
  update public.profiles set email = new.email where id = new.id and email is distinct from new.email;
  return null;
end;
$$;

comment on function private.tg_sync_profile_email() is 'AFTER UPDATE OF email on auth.users: copies the new e-mail.';

create trigger on_auth_user_created after insert on auth.users
for each row execute function private.tg_create_profile();
create trigger on_auth_user_email_changed after update of email on auth.users
for each row execute function private.tg_sync_profile_email();

create function private.tg_protect_global_role()
returns trigger
language plpgsql
security invoker
set search_path = ''
as $$
begin
  if new.role is distinct from old.role and private.is_api_role() and current_user <> 'service_role'
    and not (select private.is_admin()) then
    raise exception 'only a global admin can change a user''s role'
      using errcode = '42501', hint = 'ask an admin to change profiles.role';
  end if;
  return new;
end;
$$;

comment on function private.tg_protect_global_role() is
'BEFORE UPDATE on profiles: only global admins (and service_role) change profiles.role (42501 otherwise).';

create trigger _150_protect_role before update on public.profiles
for each row execute function private.tg_protect_global_role();
