-- What a Supabase database already has and plain PostgreSQL lacks, defined as Supabase defines it:
-- the API roles, the `auth` and `extensions` schemas, the part of `auth.users` and `auth.identities` that
-- Supabase Auth reads and writes for e-mail users, owned by its admin role, the `auth.uid()/role()/email()/jwt()`
-- helpers and Supabase's default grants on `public`. Every statement creates only what is absent, so running it
-- twice changes nothing.

-- Roles: PostgREST logs in as authenticator and switches to the role named in the JWT.
do $$
begin
  if not exists (select from pg_roles where rolname = 'anon') then
    create role anon nologin noinherit;
  end if;
  if not exists (select from pg_roles where rolname = 'authenticated') then
    create role authenticated nologin noinherit;
  end if;
  if not exists (select from pg_roles where rolname = 'service_role') then
    create role service_role nologin noinherit bypassrls;
  end if;
  if not exists (select from pg_roles where rolname = 'authenticator') then
    create role authenticator login noinherit;
  end if;
end
$$;

grant anon, authenticated, service_role to authenticator;

create schema if not exists extensions;
grant usage on schema extensions to anon, authenticated, service_role;
create extension if not exists pgcrypto with schema extensions;

-- Supabase Auth's admin role owns what Auth keeps in `auth`, as in Supabase's image. Auth logs in as it where
-- Auth runs; no Auth server runs in this stack (its Go module cannot be fetched here), so nothing logs in as it.
do $$
begin
  if not exists (select from pg_roles where rolname = 'supabase_auth_admin') then
    create role supabase_auth_admin nologin noinherit createrole;
  end if;
end
$$;
alter role supabase_auth_admin set search_path = auth;

create schema if not exists auth;
grant usage on schema auth to anon, authenticated, service_role;
grant all on schema auth to supabase_auth_admin;

-- The columns of auth.users that Supabase Auth reads and writes for e-mail users: the table as this script
-- first made it, then the token and change columns, added in place so an older stack is adopted without a
-- reset. Auth scans the token columns into strings: a row it is to sign in must hold '' there, never null
-- (private.sign_up_user does).
create table if not exists auth.users (
  instance_id uuid,
  id uuid primary key,
  aud varchar(255),
  role varchar(255),
  email varchar(255),
  encrypted_password varchar(255),
  email_confirmed_at timestamptz,
  invited_at timestamptz,
  confirmation_sent_at timestamptz,
  last_sign_in_at timestamptz,
  raw_app_meta_data jsonb,
  raw_user_meta_data jsonb,
  is_super_admin boolean,
  created_at timestamptz,
  updated_at timestamptz,
  phone text unique default null,
  phone_confirmed_at timestamptz,
  confirmed_at timestamptz generated always as (least(email_confirmed_at, phone_confirmed_at)) stored,
  banned_until timestamptz,
  deleted_at timestamptz,
  is_sso_user boolean not null default false,
  is_anonymous boolean not null default false
);
alter table auth.users
  add column if not exists confirmation_token varchar(255),
  add column if not exists recovery_token varchar(255),
  add column if not exists recovery_sent_at timestamptz,
  add column if not exists email_change_token_new varchar(255),
  add column if not exists email_change varchar(255),
  add column if not exists email_change_sent_at timestamptz,
  add column if not exists phone_change text default '',
  add column if not exists phone_change_token varchar(255) default '',
  add column if not exists phone_change_sent_at timestamptz,
  add column if not exists email_change_token_current varchar(255) default '',
  add column if not exists email_change_confirm_status smallint default 0,
  add column if not exists reauthentication_token varchar(255) default '',
  add column if not exists reauthentication_sent_at timestamptz;
create unique index if not exists users_email_partial_key on auth.users (email) where is_sso_user = false;

-- An e-mail user signs in through their `email` identity: Auth refuses a password sign-in without one.
create table if not exists auth.identities (
  provider_id text not null,
  user_id uuid not null references auth.users (id) on delete cascade,
  identity_data jsonb not null,
  provider text not null,
  last_sign_in_at timestamptz,
  created_at timestamptz,
  updated_at timestamptz,
  email text generated always as (lower(identity_data ->> 'email')) stored,
  id uuid not null default gen_random_uuid() primary key,
  constraint identities_provider_id_provider_unique unique (provider_id, provider)
);
create index if not exists identities_user_id_idx on auth.identities (user_id);
create index if not exists identities_email_idx on auth.identities (email text_pattern_ops);

alter table auth.users owner to supabase_auth_admin;
alter table auth.identities owner to supabase_auth_admin;

-- Supabase's request helpers: the claims PostgREST puts in `request.jwt.claims` (and the older
-- per-claim settings). Created only when absent: on Supabase they belong to the auth service. Defined as Supabase
-- Auth defines them, plain SQL without a pinned search_path, which Postgres inlines into the calling query.
do $$
declare
  helper regprocedure;
begin
  if to_regprocedure('auth.uid()') is null then
    create function auth.uid() returns uuid language sql stable as $fn$
      select coalesce(
        nullif(current_setting('request.jwt.claim.sub', true), ''),
        (nullif(current_setting('request.jwt.claims', true), '')::jsonb ->> 'sub')
      )::uuid
    $fn$;
  end if;
  if to_regprocedure('auth.role()') is null then
    create function auth.role() returns text language sql stable as $fn$
      select coalesce(
        nullif(current_setting('request.jwt.claim.role', true), ''),
        (nullif(current_setting('request.jwt.claims', true), '')::jsonb ->> 'role')
      )::text
    $fn$;
  end if;
  if to_regprocedure('auth.email()') is null then
    create function auth.email() returns text language sql stable as $fn$
      select coalesce(
        nullif(current_setting('request.jwt.claim.email', true), ''),
        (nullif(current_setting('request.jwt.claims', true), '')::jsonb ->> 'email')
      )::text
    $fn$;
  end if;
  if to_regprocedure('auth.jwt()') is null then
    create function auth.jwt() returns jsonb language sql stable as $fn$
      select coalesce(
        nullif(current_setting('request.jwt.claim', true), ''),
        nullif(current_setting('request.jwt.claims', true), '')
      )::jsonb
    $fn$;
  end if;
  -- Stacks made before pinned `search_path = ''` on ours. That kept Postgres from inlining them: every statement
  -- calling auth.uid() parsed and planned its body again (77 us against 9 us inlined, per transaction).
  for helper in
    select p.oid::regprocedure from pg_proc as p
    where p.pronamespace = 'auth'::regnamespace and p.proname in ('uid', 'role', 'email', 'jwt')
      and p.proconfig = array['search_path=""']
  loop
    execute format('alter function %s reset search_path', helper);
  end loop;
end
$$;

grant execute on function auth.uid(), auth.role(), auth.email(), auth.jwt()
  to anon, authenticated, service_role;
alter function auth.uid() owner to supabase_auth_admin;
alter function auth.role() owner to supabase_auth_admin;
alter function auth.email() owner to supabase_auth_admin;
alter function auth.jwt() owner to supabase_auth_admin;

-- Supabase's defaults on `public`: the API roles may use it, and everything created there is granted
-- to them. Our migrations revoke these per object; keeping them here keeps local grants honest.
grant usage on schema public to anon, authenticated, service_role;
alter default privileges in schema public grant all on tables to anon, authenticated, service_role;
alter default privileges in schema public grant all on functions to anon, authenticated, service_role;
alter default privileges in schema public grant all on sequences to anon, authenticated, service_role;

-- Supabase's per-role time limits: PostgREST 12 applies an impersonated role's settings to each request it runs
-- as that role, so one user's slow call is cancelled instead of holding a pooled connection. Only the API roles
-- get them: the admin command line, migrations and the benchmarks connect as postgres and switch with SET ROLE,
-- which does not apply role settings.
alter role anon set statement_timeout = '3s';
alter role authenticated set statement_timeout = '8s';

-- Supabase puts `extensions` on the search path of its database roles (pgTAP, pgcrypto resolve there).
alter role postgres set search_path = "$user", public, extensions;
