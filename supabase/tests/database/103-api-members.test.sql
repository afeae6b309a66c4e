-- add_member (by e-mail) and transfer_ownership: owners only, clear errors, no e-mail leaks.
begin;
\ir helpers/auth.sql
select plan(11);
select tests.create_world();

select tests.authenticate_as(tests.id('owner'));
select is(
  (public.add_member(tests.id('p'), 'READER@test.local', 'editor') ->> 'role'), 'editor',
  'an owner adds a member by e-mail (case-insensitive) with a role'
);
select ok(
  not (public.add_member(tests.id('p'), 'outsider@test.local') ? 'email'),
  'the answer names the member but never returns an e-mail'
);
select is(
  (select role::text from public.project_members where project_id = tests.id('p') and user_id = tests.id('outsider')),
  'viewer', 'the default role is viewer'
);
select throws_ok(
  format($$ select public.add_member(%L, 'nobody@test.local') $$, tests.id('p')), 'PT404',
  'no Flow Atlas user has the e-mail nobody@test.local', 'an unknown e-mail is a clear not-found error'
);
select throws_ok(
  format($$ select public.add_member(%L, 'editor@test.local') $$, tests.id('p')), '23505', null,
  'adding a member twice is a conflict'
);

select tests.authenticate_as(tests.id('editor'));
select throws_ok(
  format($$ select public.add_member(%L, 'admin@test.local', 'owner') $$, tests.id('p')), '42501', null,
  'an editor cannot add members'
);
select tests.authenticate_as(tests.id('reader'));
select throws_ok(
  format($$ select public.add_member(%L, 'reader@test.local', 'owner') $$, tests.id('r')), 'PT404', null,
  'a non-member cannot add anyone, not even themselves, and learns nothing of the project'
);

select tests.authenticate_as(tests.id('owner'));
select lives_ok(
  format($$ select public.transfer_ownership(%L, %L) $$, tests.id('p'), tests.id('editor')),
  'an owner transfers ownership to a member'
);
select is(
  (select owner_id from public.projects where id = tests.id('p')), tests.id('editor'), 'the project has its new owner'
);
select is(
  (select role::text from public.project_members where project_id = tests.id('p') and user_id = tests.id('editor')),
  'owner', 'the new owner is an owner member'
);
select throws_ok(
  format($$ select public.transfer_ownership(%L, %L) $$, tests.id('p'), tests.id('admin')), 'PT404', null,
  'ownership goes only to a member'
);

select * from finish();
rollback;
