-- Shared pgTAP helpers, included by every test right after `begin;` with `\ir helpers/auth.sql`.
-- Everything here is created inside the test's transaction and disappears with its rollback.
--
--   tests.create_user(email, global_role)   sign a user up as Supabase Auth does (private.sign_up_user); returns its id
--   tests.authenticate_as(id | email)        act as that user, exactly like PostgREST: role + request.jwt.claims
--   tests.authenticate_as_anon()             act as the anon key
--   tests.authenticate_as_service_role()     act as the service_role key
--   tests.clear_authentication()             back to postgres, no claims
--   tests.set_request_headers(json)          the request.headers PostgREST would set
--   tests.create_world()                     the standard fixture (users, three projects, registries, flows)
--   tests.id(name)                           id of a fixture by name (users by their local part)
--   tests.row_count(sql)                     run a statement as the current role, return the rows it affected
--   tests.count_function_calls()             count calls of our functions in this transaction (superuser only:
--                                            returns false where it cannot, e.g. as hosted Supabase's postgres)
--   tests.function_calls(regprocedure)       how often that function ran in this transaction so far

set local search_path = public, extensions, tests;
set local client_min_messages = warning;

-- sql/grants/defaults.sql revokes the default EXECUTE for PUBLIC on functions postgres creates afterwards; where
-- pgTAP was installed after the migrations its functions are then not callable by the API roles. Tests only.
grant execute on all functions in schema extensions to anon, authenticated, service_role;

create schema tests;
grant usage on schema tests to anon, authenticated, service_role;

create table tests.fixtures (name text primary key, id uuid not null);
grant select on tests.fixtures to anon, authenticated, service_role;

create function tests.id(fixture text)
returns uuid
language sql
stable
set search_path = ''
as $$
  select f.id from tests.fixtures as f where f.name = fixture
$$;

create function tests.row_count(statement text)
returns integer
language plpgsql
set search_path = ''
as $$
declare
  affected integer;
begin
  execute statement;
  get diagnostics affected = row_count;
  return affected;
end;
$$;

-- track_functions may be set by a superuser only. No pinned search_path here: a function with a SET clause
-- undoes the transaction-local settings made inside it when it returns.
create function tests.count_function_calls()
returns boolean
language plpgsql
as $$
begin
  if current_setting('is_superuser') <> 'on' then
    return false;
  end if;
  perform pg_catalog.set_config('track_functions', 'all', true);
  return true;
end;
$$;

create function tests.function_calls(fn regprocedure)
returns bigint
language sql
stable
set search_path = ''
as $$
  select coalesce((select f.calls from pg_catalog.pg_stat_xact_user_functions as f where f.funcid = fn), 0)
$$;

create function tests.create_user(email text, global_role public.global_role default 'analyst')
returns uuid
language plpgsql
set search_path = ''
as $$
declare
  new_id uuid := gen_random_uuid();
begin
  perform private.sign_up_user(new_id, email, 'password', split_part(email, '@', 1), 4);
  if global_role <> 'analyst' then
    update public.profiles set role = global_role where id = new_id;
  end if;
  insert into tests.fixtures (name, id) values (split_part(email, '@', 1), new_id) on conflict (name) do nothing;
  return new_id;
end;
$$;

-- auth.users is not readable by the API roles: look users up as the helper's owner.
create function tests.user_email(user_id uuid)
returns text
language sql
stable
security definer
set search_path = ''
as $$
  select u.email::text from auth.users as u where u.id = user_id
$$;

create function tests.user_id(email text)
returns uuid
language sql
stable
security definer
set search_path = ''
as $$
  select u.id from auth.users as u where u.email = user_id.email
$$;

create function tests.authenticate_as(user_id uuid)
returns void
language plpgsql
set search_path = ''
as $$
declare
  user_email text := tests.user_email(user_id);
begin
  perform set_config('role', 'authenticated', true);
  perform set_config(
    'request.jwt.claims',
    pg_catalog.json_build_object(
      'sub', user_id, 'role', 'authenticated', 'email', user_email, 'aud', 'authenticated',
      'app_metadata', pg_catalog.json_build_object('provider', 'email')
    )::text,
    true
  );
end;
$$;

create function tests.authenticate_as(email text)
returns void
language plpgsql
set search_path = ''
as $$
declare
  found_id uuid := tests.user_id(email);
begin
  if found_id is null then
    raise exception 'tests.authenticate_as: no user %', email;
  end if;
  perform tests.authenticate_as(found_id);
end;
$$;

create function tests.authenticate_as_anon()
returns void
language plpgsql
set search_path = ''
as $$
begin
  perform set_config('role', 'anon', true);
  perform set_config('request.jwt.claims', '{"role":"anon"}', true);
end;
$$;

create function tests.authenticate_as_service_role()
returns void
language plpgsql
set search_path = ''
as $$
begin
  perform set_config('role', 'service_role', true);
  perform set_config('request.jwt.claims', '{"role":"service_role"}', true);
end;
$$;

create function tests.clear_authentication()
returns void
language plpgsql
set search_path = ''
as $$
begin
  perform set_config('role', 'none', true);
  perform set_config('request.jwt.claims', '', true);
  perform set_config('request.headers', '', true);
end;
$$;

create function tests.set_request_headers(headers json)
returns void
language plpgsql
set search_path = ''
as $$
begin
  perform set_config('request.headers', headers::text, true);
end;
$$;

-- The standard world, created as postgres:
--   users   owner, editor, viewer (members of p), guest (global viewer, editor member of p: capped to viewer),
--           outsider (owner of q and r, member of nothing else), admin (global admin, member of nothing),
--           reader (analyst, member of nothing)
--   p       private project of owner;  q  public project of outsider;  r  private project of outsider
--   per project x in (p, q, r): domain_x, service_x, actor_x, itype_x, flow_x (draft, revision 1)
create function tests.create_world()
returns void
language plpgsql
set search_path = ''
as $$
declare
  x text;
  owner_of uuid;
begin
  perform tests.create_user('owner@test.local');
  perform tests.create_user('editor@test.local');
  perform tests.create_user('viewer@test.local');
  perform tests.create_user('guest@test.local', 'viewer');
  perform tests.create_user('outsider@test.local');
  perform tests.create_user('admin@test.local', 'admin');
  perform tests.create_user('reader@test.local');

  foreach x in array array['p', 'q', 'r'] loop
    owner_of := case x when 'p' then tests.id('owner') else tests.id('outsider') end;
    insert into tests.fixtures (name, id) values (x, gen_random_uuid());
    insert into public.projects (id, name, owner_id, is_public)
    values (tests.id(x), 'Project ' || x, owner_of, x = 'q');
    insert into tests.fixtures (name, id)
    values ('domain_' || x, gen_random_uuid()), ('service_' || x, gen_random_uuid()),
    ('actor_' || x, gen_random_uuid()), ('itype_' || x, gen_random_uuid()), ('flow_' || x, gen_random_uuid());
    insert into public.service_domains (id, project_id, key, name)
    values (tests.id('domain_' || x), tests.id(x), 'domain-' || x, 'Domain ' || x);
    insert into public.services (id, project_id, domain_id, key, name)
    values (tests.id('service_' || x), tests.id(x), tests.id('domain_' || x), 'service-' || x, 'Service ' || x);
    insert into public.actors (id, project_id, kind, key, name)
    values (tests.id('actor_' || x), tests.id(x), 'person', 'actor-' || x, 'Actor ' || x);
    insert into public.integration_types (id, project_id, key, name)
    values (tests.id('itype_' || x), tests.id(x), 'itype-' || x, 'Integration type ' || x);
    insert into public.flows (id, project_id, name, service_id, actor_ids, steps)
    values (
      tests.id('flow_' || x), tests.id(x), 'Flow ' || x, tests.id('service_' || x), array[tests.id('actor_' || x)],
      '[{"id": "s1", "name": "First step"}]'
    );
  end loop;

  insert into public.project_members (project_id, user_id, role)
  values (tests.id('p'), tests.id('editor'), 'editor'),
  (tests.id('p'), tests.id('viewer'), 'viewer'),
  (tests.id('p'), tests.id('guest'), 'editor');
end;
$$;

grant execute on all functions in schema tests to anon, authenticated, service_role;
