-- profiles: created from auth.users, visible to self, co-members and admins, editable by self (name) and admins.
begin;
\ir helpers/auth.sql
select plan(29);

select tests.create_world();

-- created by the auth.users trigger
select is(
  (select name from public.profiles where id = tests.id('owner')), 'owner',
  'a new auth user gets a profile named from raw_user_meta_data'
);
insert into auth.users (instance_id, id, aud, role, email, raw_user_meta_data, created_at, updated_at)
values ('00000000-0000-0000-0000-000000000000', '00000000-0000-4000-8000-0000000000aa', 'authenticated',
  'authenticated', 'jane.doe@test.local', '{}', now(), now());
select is(
  (select name from public.profiles where id = '00000000-0000-4000-8000-0000000000aa'), 'jane.doe',
  'without a name in the metadata the profile is named after the e-mail''s local part'
);
select is(
  (select role::text from public.profiles where id = '00000000-0000-4000-8000-0000000000aa'), 'analyst',
  'a new profile starts as analyst'
);
insert into auth.users (instance_id, id, aud, role, email, raw_user_meta_data, created_at, updated_at)
values ('00000000-0000-0000-0000-000000000000', '00000000-0000-4000-8000-0000000000ab', 'authenticated',
  'authenticated', 'sneaky@test.local', '{"name": "Sneaky", "role": "admin"}', now(), now());
select is(
  (select role::text from public.profiles where id = '00000000-0000-4000-8000-0000000000ab'), 'analyst',
  'a role in the user''s own sign-up metadata is ignored'
);
update auth.users set email = 'jane@test.local' where id = '00000000-0000-4000-8000-0000000000aa';
select is(
  (select email from public.profiles where id = '00000000-0000-4000-8000-0000000000aa'), 'jane@test.local',
  'changing the e-mail in auth.users changes it in the profile'
);
select is(
  (select email from public.profiles where id = tests.id('editor')), 'editor@test.local',
  'the profile carries the user''s e-mail'
);

-- select matrix (fixture users only: the database may hold other users)
select tests.authenticate_as_anon();
select throws_ok('select count(*) from public.profiles', '42501', null, 'anon cannot read profiles at all');

select tests.authenticate_as(tests.id('owner'));
select is(
  (select count(*)::int from public.profiles where id in (select id from tests.fixtures)), 4,
  'a project owner sees their own profile and those of their three co-members'
);
select is(
  (select count(*)::int from public.profiles where id = tests.id('outsider')), 0,
  'a project owner does not see a user they share no project with'
);

select tests.authenticate_as(tests.id('viewer'));
select is(
  (select count(*)::int from public.profiles where id in (select id from tests.fixtures)), 4,
  'a viewer sees the profiles of their co-members'
);

select tests.authenticate_as(tests.id('reader'));
select results_eq(
  $$select id from public.profiles where id in (select id from tests.fixtures)$$,
  $$select tests.id('reader')$$,
  'a user who belongs to no project sees only their own profile'
);

select tests.authenticate_as(tests.id('outsider'));
select is(
  (select count(*)::int from public.profiles where id in (select id from tests.fixtures)), 1,
  'membership of a public project''s readers is not shared: the outsider sees only themself'
);

select tests.authenticate_as(tests.id('admin'));
select is(
  (select count(*)::int from public.profiles where id in (select id from tests.fixtures)), 7,
  'a global admin sees every profile'
);

select tests.authenticate_as(tests.id('guest'));
select is(
  (select count(*)::int from public.profiles where id in (select id from tests.fixtures)), 4,
  'a global viewer sees the profiles of their co-members'
);

-- update: own name yes, others no, own role never
select tests.authenticate_as(tests.id('editor'));
select is(
  tests.row_count($$update public.profiles set name = 'Ed' where id = tests.id('editor')$$), 1,
  'a user renames their own profile'
);
select is(
  tests.row_count($$update public.profiles set name = 'Hacked' where id = tests.id('owner')$$), 0,
  'a user cannot rename a co-member''s profile'
);
select throws_ok(
  $$update public.profiles set role = 'admin' where id = tests.id('editor')$$, '42501',
  'only a global admin can change a user''s role', 'a user cannot make themself admin'
);
select throws_ok(
  $$update public.profiles set email = 'x@y.z' where id = tests.id('editor')$$, '42501', null,
  'a user cannot change their profile e-mail (it follows auth.users)'
);
select throws_ok(
  $$update public.profiles set created_at = now() - interval '1 year' where id = tests.id('editor')$$, '42501', null,
  'a user cannot change when their profile was created'
);
select throws_ok(
  $$insert into public.profiles (id, name) values (gen_random_uuid(), 'ghost')$$, '42501', null,
  'a user cannot insert a profile'
);
select throws_ok(
  $$delete from public.profiles where id = tests.id('editor')$$, '42501', null, 'a user cannot delete a profile'
);

select tests.authenticate_as(tests.id('guest'));
select throws_ok(
  $$update public.profiles set role = 'analyst' where id = tests.id('guest')$$, '42501',
  'only a global admin can change a user''s role', 'a global viewer cannot promote themself to analyst'
);
select is(
  tests.row_count($$update public.profiles set name = 'Gina' where id = tests.id('guest')$$), 1,
  'a global viewer may still rename themself'
);

select tests.authenticate_as_anon();
select throws_ok(
  $$update public.profiles set name = 'anon' where id = tests.id('editor')$$, '42501', null,
  'anon cannot update profiles'
);

select tests.authenticate_as(tests.id('admin'));
select is(
  tests.row_count($$update public.profiles set role = 'viewer' where id = tests.id('reader')$$), 1,
  'a global admin changes another user''s role'
);
select is(
  tests.row_count($$update public.profiles set name = 'Renamed by admin' where id = tests.id('outsider')$$), 1,
  'a global admin renames any profile'
);

select tests.authenticate_as_service_role();
select is(
  tests.row_count($$update public.profiles set role = 'analyst' where id = tests.id('reader')$$), 1,
  'service_role changes roles (admin backend)'
);

select tests.clear_authentication();
select is(
  (select role::text from public.profiles where id = tests.id('editor')), 'analyst',
  'after all attempts the editor is still an analyst'
);
select is(
  (select name from public.profiles where id = tests.id('owner')), 'owner',
  'after all attempts the owner''s name is unchanged'
);

select * from finish();
rollback;
