-- Signing a user up without Supabase Auth, for what runs as the database owner: the seed's demo users, the
-- pgTAP helpers, the test fixtures and the local stack's `flowatlas users create` (the local stack has no Auth
-- server; on a real project users come through Auth and its admin API). It writes the rows Auth writes for a
-- confirmed e-mail sign-up, so Auth can sign such a user in: '' in the token columns Auth scans into strings,
-- and an `email` identity. The profile trigger on auth.users does the rest. Executable by the owner only.

create function private.sign_up_user(
  user_id uuid, email text, password text, name text, bcrypt_cost integer default 10
)
returns uuid
language sql
volatile
set search_path = ''
as $$
  with new_user as (
    insert into auth.users (
      instance_id, id, aud, role, email, encrypted_password, email_confirmed_at, raw_app_meta_data,
      raw_user_meta_data, created_at, updated_at, confirmation_token, recovery_token, email_change_token_new,
      email_change
    )
    values (
      '00000000-0000-0000-0000-000000000000', sign_up_user.user_id, 'authenticated', 'authenticated',
      sign_up_user.email, extensions.crypt(sign_up_user.password, extensions.gen_salt('bf', bcrypt_cost)),
      pg_catalog.now(), '{"provider": "email", "providers": ["email"]}',
      pg_catalog.jsonb_build_object('name', sign_up_user.name), pg_catalog.now(), pg_catalog.now(), '', '', '', ''
    )
    returning id, email
  )

  insert into auth.identities (provider_id, user_id, identity_data, provider, created_at, updated_at)
  select
    new_user.id::text,
    new_user.id,
    pg_catalog.jsonb_build_object(
      'sub', new_user.id::text, 'email', new_user.email, 'email_verified', true, 'phone_verified', false
    ),
    'email',
    pg_catalog.now(),
    pg_catalog.now()
  from new_user
  returning user_id
$$;

comment on function private.sign_up_user(uuid, text, text, text, integer) is
'Sign a confirmed e-mail user up as Supabase Auth would (auth.users and an email identity; the profile follows), '
'for the seed, tests and the local stack, which has no Auth server. bcrypt cost: Auth uses 10.';

revoke all on function private.sign_up_user(uuid, text, text, text, integer) from public;
