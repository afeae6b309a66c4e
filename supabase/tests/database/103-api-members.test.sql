-- Members by invitation: add_member answers the same for every address and adds nobody; the invitee (by their
-- confirmed e-mail) sees, accepts or declines; owners see and revoke. project_invitations' policies per role.
begin;
\ir helpers/auth.sql
select plan(46);
select tests.create_world();
select tests.create_user('unconfirmed@test.local');
update auth.users set email_confirmed_at = null where id = tests.id('unconfirmed');

-- add_member: an invitation, the same answer whether or not the address has an account
select tests.authenticate_as(tests.id('owner'));
select results_eq(
  $$select email, role::text, invited_by from public.add_member(tests.id('p'), ' READER@test.local ', 'editor')$$,
  $$values ('reader@test.local', 'editor', tests.id('owner'))$$,
  'an owner invites an address (trimmed, lower-case) with a role'
);
select is(
  (select pg_catalog.array_agg(k order by k) from jsonb_object_keys(to_jsonb(public.add_member(tests.id('p'), 'nobody@test.local'))) as k),
  (select pg_catalog.array_agg(k order by k) from jsonb_object_keys(to_jsonb(public.add_member(tests.id('p'), 'outsider@test.local'))) as k),
  'an unknown address and a known one get answers of the same shape'
);
select is(
  (select pg_catalog.array_agg(k order by k) from jsonb_object_keys(to_jsonb(public.add_member(tests.id('p'), 'unconfirmed@test.local'))) as k),
  array['created_at', 'email', 'expires_at', 'id', 'invited_by', 'project_id', 'role'],
  'the answer is the invitation: no user id, no name'
);
select is(
  (select role::text from public.project_invitations where project_id = tests.id('p') and email = 'outsider@test.local'),
  'viewer', 'the default role is viewer'
);
select is(
  (select count(*)::int from public.project_members where project_id = tests.id('p') and user_id = tests.id('reader')), 0,
  'an invitation puts nobody into the project'
);
select is(
  (select role::text from public.add_member(tests.id('p'), 'reader@test.local', 'viewer')), 'viewer',
  'inviting again renews the invitation with the new role'
);
select is(
  (select count(*)::int from public.project_invitations where project_id = tests.id('p') and email = 'reader@test.local'), 1,
  'one invitation per address and project'
);
select throws_ok(
  format($$ select public.add_member(%L, 'EDITOR@test.local') $$, tests.id('p')), '23505',
  'this address belongs to a member of the project', 'a member''s address is a conflict (owners see members'' e-mails)'
);
select throws_ok(
  format($$ select public.add_member(%L, 'not an address') $$, tests.id('p')), '22023', 'email is not an e-mail address',
  'a malformed address is refused naming the field'
);
select throws_ok(
  format($$ select public.add_member(%L, '  ') $$, tests.id('p')), '22023', 'email is required', 'a blank address is refused'
);

select tests.authenticate_as(tests.id('editor'));
select throws_ok(
  format($$ select public.add_member(%L, 'someone@test.local', 'owner') $$, tests.id('p')), '42501', null,
  'an editor cannot invite'
);
select tests.authenticate_as(tests.id('guest'));
select throws_ok(
  format($$ select public.add_member(%L, 'someone@test.local') $$, tests.id('p')), '42501', null,
  'a global viewer member cannot invite'
);
select tests.authenticate_as(tests.id('reader'));
select throws_ok(
  format($$ select public.add_member(%L, 'reader@test.local', 'owner') $$, tests.id('r')), 'PT404', null,
  'a non-member cannot invite anyone, not even themselves, and learns nothing of the project'
);
select tests.authenticate_as_anon();
select throws_ok(
  format($$ select public.add_member(%L, 'anon@test.local') $$, tests.id('q')), '42501', null, 'anon cannot invite'
);
select tests.authenticate_as(tests.id('admin'));
select is(
  (select email from public.add_member(tests.id('r'), 'viewer@test.local', 'editor')), 'viewer@test.local',
  'a global admin invites into any project'
);

-- no more than 100 open invitations per project; lapsed ones make room
select tests.clear_authentication();
insert into public.project_invitations (project_id, email, invited_by)
select tests.id('q'), 'bulk' || n || '@test.local', tests.id('outsider') from generate_series(1, 100) as n;
select tests.authenticate_as(tests.id('outsider'));
select throws_ok(
  format($$ select public.add_member(%L, 'one-more@test.local') $$, tests.id('q')), 'P0001',
  'a project has at most 100 open invitations', 'the 101st open invitation is refused'
);
select tests.clear_authentication();
update public.project_invitations set created_at = now() - interval '20 days', expires_at = now() - interval '6 days'
where project_id = tests.id('q') and email like 'bulk1%';
select tests.authenticate_as(tests.id('outsider'));
select lives_ok(
  format($$ select public.add_member(%L, 'one-more@test.local') $$, tests.id('q')),
  'expired invitations are cleared and make room'
);
select is(
  (select count(*)::int from public.project_invitations where project_id = tests.id('q')), 89,
  'the 12 lapsed invitations are gone (bulk1, bulk10-19, bulk100), the new one is there'
);
select tests.clear_authentication();
delete from public.project_invitations where project_id = tests.id('q');

-- select: owners see their projects' invitations, the invitee their own (confirmed e-mail only)
select tests.authenticate_as(tests.id('owner'));
select is(
  (select count(*)::int from public.project_invitations where project_id = tests.id('p')), 4,
  'the owner sees the project''s four invitations'
);
select tests.authenticate_as(tests.id('editor'));
select is((select count(*)::int from public.project_invitations), 0, 'an editor sees no invitation');
select tests.authenticate_as(tests.id('guest'));
select is((select count(*)::int from public.project_invitations), 0, 'a global viewer member sees no invitation');
select tests.authenticate_as(tests.id('reader'));
select results_eq(
  $$select project_id, email from public.project_invitations$$, $$values (tests.id('p'), 'reader@test.local')$$,
  'the invitee sees their own invitation and no other'
);
select tests.authenticate_as(tests.id('unconfirmed'));
select is(
  (select count(*)::int from public.project_invitations), 0,
  'a user whose address is not confirmed sees no invitation to it'
);
select tests.authenticate_as(tests.id('admin'));
select is(
  (select count(*)::int from public.project_invitations where project_id in (tests.id('p'), tests.id('q'), tests.id('r'))),
  5, 'a global admin sees every invitation'
);
select tests.authenticate_as_anon();
select throws_ok('select count(*) from public.project_invitations', '42501', null, 'anon cannot read invitations');

-- insert and update: only through add_member
select tests.authenticate_as(tests.id('owner'));
select throws_ok(
  $$insert into public.project_invitations (project_id, email) values (tests.id('p'), 'direct@test.local')$$, '42501',
  'permission denied for table project_invitations', 'even the owner writes invitations only through add_member'
);
select throws_ok(
  $$update public.project_invitations set role = 'owner' where project_id = tests.id('p')$$, '42501',
  'permission denied for table project_invitations', 'nobody edits an invitation in place'
);

-- my_invitations: what the invitee needs to choose
select tests.authenticate_as(tests.id('reader'));
select results_eq(
  $$select project_id, project_name, role::text, invited_by_name from public.my_invitations()$$,
  $$values (tests.id('p'), 'Project p', 'viewer', 'owner')$$,
  'the invitee sees the project''s and the inviter''s names'
);
select tests.authenticate_as(tests.id('unconfirmed'));
select is_empty('select * from public.my_invitations()', 'an unconfirmed address has no invitations');
select tests.authenticate_as_anon();
select throws_ok('select * from public.my_invitations()', '42501', null, 'anon cannot list invitations');

-- accept_invitation
select tests.authenticate_as(tests.id('unconfirmed'));
select throws_ok(
  'select public.accept_invitation(gen_random_uuid())', 'PT404', null, 'accepting an unknown invitation is a not-found'
);
select tests.clear_authentication();
insert into tests.fixtures (name, id)
select 'invitation_' || split_part(email, '@', 1), id from public.project_invitations
where project_id in (tests.id('p'), tests.id('r'));
select tests.authenticate_as(tests.id('unconfirmed'));
select throws_ok(
  format($$ select public.accept_invitation(%L) $$, tests.id('invitation_unconfirmed')), 'PT404', null,
  'an unconfirmed address cannot accept the invitation to it'
);
select tests.authenticate_as(tests.id('outsider'));
select throws_ok(
  format($$ select public.accept_invitation(%L) $$, tests.id('invitation_reader')), 'PT404', null,
  'nobody accepts someone else''s invitation'
);
select tests.authenticate_as(tests.id('reader'));
select results_eq(
  format($$ select project_id, user_id, role::text from public.accept_invitation(%L) $$, tests.id('invitation_reader')),
  $$values (tests.id('p'), tests.id('reader'), 'viewer')$$,
  'the invitee accepts and becomes a member with the invitation''s role'
);
select is(
  (select count(*)::int from public.project_invitations where id = tests.id('invitation_reader')), 0,
  'an accepted invitation is gone'
);
select throws_ok(
  format($$ select public.accept_invitation(%L) $$, tests.id('invitation_reader')), 'PT404', null,
  'an invitation is accepted once'
);
select tests.clear_authentication();
update public.project_invitations set created_at = now() - interval '20 days', expires_at = now() - interval '1 day'
where id = tests.id('invitation_viewer');
select tests.authenticate_as(tests.id('viewer'));
select throws_ok(
  format($$ select public.accept_invitation(%L) $$, tests.id('invitation_viewer')), 'P0001', null,
  'an expired invitation cannot be accepted'
);
select tests.authenticate_as_anon();
select throws_ok(
  format($$ select public.accept_invitation(%L) $$, tests.id('invitation_outsider')), '42501', null,
  'anon cannot accept'
);

-- delete: the owner revokes, the invitee declines, nobody else
select tests.authenticate_as(tests.id('editor'));
select is(
  tests.row_count(format($$delete from public.project_invitations where id = %L$$, tests.id('invitation_outsider'))), 0,
  'an editor cannot revoke an invitation'
);
select tests.authenticate_as(tests.id('reader'));
select is(
  tests.row_count(format($$delete from public.project_invitations where id = %L$$, tests.id('invitation_outsider'))), 0,
  'nobody declines someone else''s invitation'
);
select tests.authenticate_as(tests.id('outsider'));
select is(
  tests.row_count(format($$delete from public.project_invitations where id = %L$$, tests.id('invitation_outsider'))), 1,
  'the invitee declines their invitation'
);
select tests.authenticate_as(tests.id('owner'));
select is(
  tests.row_count(format($$delete from public.project_invitations where id = %L$$, tests.id('invitation_nobody'))), 1,
  'the owner revokes an invitation'
);
select tests.authenticate_as_anon();
select throws_ok('delete from public.project_invitations', '42501', null, 'anon cannot delete invitations');

-- audited: who invited, who declined
select tests.clear_authentication();
select results_eq(
  format(
    $$select action, actor_id from public.audit_log where entity_type = 'project_invitations' and entity_id = %L
      order by created_at$$,
    tests.id('invitation_outsider')
  ),
  $$values ('insert', tests.id('owner')), ('delete', tests.id('outsider'))$$,
  'the invitation and its decline are in the audit log with who did them'
);

-- an address invited before its account exists: after signing up, that person sees and accepts it
select tests.authenticate_as(tests.id('owner'));
select lives_ok(
  format($$ select public.add_member(%L, 'newcomer@test.local', 'editor') $$, tests.id('p')),
  'an owner invites an address nobody has signed up with'
);
select tests.clear_authentication();
select tests.create_user('newcomer@test.local');
select tests.authenticate_as(tests.id('newcomer'));
select is(
  (select role::text from public.accept_invitation((select id from public.my_invitations()))), 'editor',
  'who signs up with the address finds the invitation and joins by accepting it'
);

select * from finish();
rollback;
