-- project_members: members see the member list, owners manage it (but add nobody), members may leave, an owner
-- always remains.
begin;
\ir helpers/auth.sql
select plan(40);

select tests.create_world();

-- select
select tests.authenticate_as_anon();
select throws_ok('select count(*) from public.project_members', '42501', null, 'anon cannot read memberships');
select tests.authenticate_as(tests.id('owner'));
select is(
  (select count(*)::int from public.project_members where project_id = tests.id('p')), 4,
  'the owner sees all four members of p'
);
select tests.authenticate_as(tests.id('editor'));
select is(
  (select count(*)::int from public.project_members where project_id = tests.id('p')), 4, 'an editor sees the member list'
);
select tests.authenticate_as(tests.id('viewer'));
select is(
  (select count(*)::int from public.project_members where project_id = tests.id('p')), 4, 'a viewer sees the member list'
);
select tests.authenticate_as(tests.id('guest'));
select is(
  (select count(*)::int from public.project_members where project_id = tests.id('p')), 4,
  'a global viewer member sees the member list'
);
select tests.authenticate_as(tests.id('reader'));
select is(
  (select count(*)::int from public.project_members where project_id in (tests.id('p'), tests.id('q'), tests.id('r'))), 0,
  'a non-member sees no member list, not even of a public project'
);
select tests.authenticate_as(tests.id('outsider'));
select is(
  (select count(*)::int from public.project_members where project_id = tests.id('p')), 0,
  'the outsider sees nothing of p''s members'
);
select tests.authenticate_as(tests.id('admin'));
select is(
  (select count(*)::int from public.project_members where project_id in (tests.id('p'), tests.id('q'), tests.id('r'))), 6,
  'a global admin sees every membership'
);

-- insert: nobody puts anyone, themself included, into a project; memberships come from accepted invitations
-- (103-api-members) and from the admin backend
select tests.authenticate_as(tests.id('owner'));
select throws_ok(
  $$insert into public.project_members (project_id, user_id, role) values (tests.id('p'), tests.id('reader'), 'viewer')$$,
  '42501', 'permission denied for table project_members',
  'not even the owner puts a user into the project: they invite them (rpc add_member)'
);
select tests.authenticate_as(tests.id('editor'));
select throws_ok(
  $$insert into public.project_members (project_id, user_id, role) values (tests.id('p'), tests.id('outsider'), 'editor')$$,
  '42501', 'permission denied for table project_members', 'an editor cannot add members'
);
select tests.authenticate_as(tests.id('viewer'));
select throws_ok(
  $$insert into public.project_members (project_id, user_id, role) values (tests.id('p'), tests.id('outsider'), 'owner')$$,
  '42501', 'permission denied for table project_members', 'a viewer cannot add members'
);
select tests.authenticate_as(tests.id('reader'));
select throws_ok(
  $$insert into public.project_members (project_id, user_id, role) values (tests.id('q'), tests.id('reader'), 'editor')$$,
  '42501', 'permission denied for table project_members', 'nobody joins a public project by themself'
);
select tests.authenticate_as(tests.id('guest'));
select throws_ok(
  $$insert into public.project_members (project_id, user_id, role) values (tests.id('p'), tests.id('admin'), 'viewer')$$,
  '42501', 'permission denied for table project_members', 'a global viewer member cannot add members'
);
select tests.authenticate_as(tests.id('admin'));
select throws_ok(
  $$insert into public.project_members (project_id, user_id, role) values (tests.id('r'), tests.id('editor'), 'editor')$$,
  '42501', 'permission denied for table project_members', 'not even a global admin puts a user into a project'
);
select tests.authenticate_as_anon();
select throws_ok(
  $$insert into public.project_members (project_id, user_id, role) values (tests.id('q'), tests.id('reader'), 'owner')$$,
  '42501', null, 'anon cannot add members'
);
select tests.authenticate_as_service_role();
select is(
  tests.row_count($$insert into public.project_members (project_id, user_id, role)
    values (tests.id('p'), tests.id('reader'), 'viewer')$$), 1,
  'the admin backend (service_role, as a restore does) adds a member'
);
select is(
  tests.row_count($$insert into public.project_members (project_id, user_id, role)
    values (tests.id('r'), tests.id('editor'), 'editor')$$), 1,
  'the admin backend adds members to any project'
);
select throws_ok(
  $$insert into public.project_members (project_id, user_id, role) values (tests.id('p'), tests.id('reader'), 'editor')$$,
  '23505', 'duplicate key value violates unique constraint "project_members_one_row_per_user"',
  'a user is a member of a project only once'
);

-- update
select tests.authenticate_as(tests.id('editor'));
select is(
  tests.row_count($$update public.project_members set role = 'owner'
    where project_id = tests.id('p') and user_id = tests.id('editor')$$), 0,
  'an editor cannot raise their own role'
);
select tests.authenticate_as(tests.id('viewer'));
select is(
  tests.row_count($$update public.project_members set role = 'editor'
    where project_id = tests.id('p') and user_id = tests.id('viewer')$$), 0,
  'a viewer cannot raise their own role'
);
select tests.authenticate_as(tests.id('guest'));
select is(
  tests.row_count($$update public.project_members set role = 'owner'
    where project_id = tests.id('p') and user_id = tests.id('guest')$$), 0,
  'a global viewer cannot raise their own role'
);
select tests.authenticate_as(tests.id('outsider'));
select is(
  tests.row_count($$update public.project_members set role = 'viewer' where project_id = tests.id('p')$$), 0,
  'a non-member changes no role'
);
select tests.authenticate_as(tests.id('owner'));
select is(
  tests.row_count($$update public.project_members set role = 'editor'
    where project_id = tests.id('p') and user_id = tests.id('viewer')$$), 1,
  'the owner changes a member''s role'
);
select throws_ok(
  $$update public.project_members set user_id = tests.id('outsider')
    where project_id = tests.id('p') and user_id = tests.id('viewer')$$, '42501', null,
  'a membership cannot be moved to another user'
);
select throws_ok(
  $$update public.project_members set project_id = tests.id('q')
    where project_id = tests.id('p') and user_id = tests.id('viewer')$$, '42501', null,
  'a membership cannot be moved to another project'
);
select throws_ok(
  $$update public.project_members set role = 'editor' where project_id = tests.id('p') and user_id = tests.id('owner')$$,
  'P0001', 'a project must keep at least one owner', 'the last owner cannot demote themself'
);
select tests.authenticate_as(tests.id('admin'));
select is(
  tests.row_count($$update public.project_members set role = 'viewer'
    where project_id = tests.id('p') and user_id = tests.id('editor')$$), 1,
  'a global admin changes roles in any project'
);
select tests.authenticate_as_service_role();
select throws_ok(
  $$update public.project_members set user_id = tests.id('admin')
    where project_id = tests.id('p') and user_id = tests.id('editor')$$, '42501',
  'project_members.user_id cannot be changed', 'not even service_role moves a membership to another user'
);

-- delete
select tests.authenticate_as(tests.id('owner'));
select throws_ok(
  $$delete from public.project_members where project_id = tests.id('p') and user_id = tests.id('owner')$$,
  'P0001', 'a project must keep at least one owner', 'the last owner cannot leave'
);
select is(
  tests.row_count($$update public.project_members set role = 'owner'
    where project_id = tests.id('p') and user_id = tests.id('viewer')$$), 1,
  'the owner makes a second owner'
);
select throws_ok(
  $$delete from public.project_members where project_id = tests.id('p') and user_id = tests.id('owner')$$,
  'P0001', 'this member is the project''s owner (projects.owner_id) and stays an owner member',
  'the project''s owner_id cannot leave even with another owner'
);
select tests.authenticate_as(tests.id('viewer'));
select is(
  tests.row_count($$update public.project_members set role = 'editor'
    where project_id = tests.id('p') and user_id = tests.id('viewer')$$), 1,
  'a co-owner may step down to editor while another owner remains'
);
select tests.authenticate_as(tests.id('guest'));
select is(
  tests.row_count($$delete from public.project_members where project_id = tests.id('p') and user_id = tests.id('editor')$$),
  0, 'a member cannot remove another member'
);
select is(
  tests.row_count($$delete from public.project_members where project_id = tests.id('p') and user_id = tests.id('guest')$$),
  1, 'a member leaves the project'
);
select is(
  (select count(*)::int from public.projects where id = tests.id('p')), 0, 'after leaving, the private project is gone from view'
);
select tests.authenticate_as(tests.id('owner'));
select is(
  tests.row_count($$delete from public.project_members where project_id = tests.id('p') and user_id = tests.id('reader')$$),
  1, 'the owner removes a member'
);
select tests.authenticate_as(tests.id('reader'));
select is(
  tests.row_count($$delete from public.project_members where project_id = tests.id('r')$$), 0,
  'a non-member removes nobody'
);
select tests.authenticate_as(tests.id('admin'));
select is(
  tests.row_count($$delete from public.project_members where project_id = tests.id('r') and user_id = tests.id('editor')$$),
  1, 'a global admin removes members of any project'
);
select tests.authenticate_as_anon();
select throws_ok($$delete from public.project_members$$, '42501', null, 'anon cannot remove members');

select tests.clear_authentication();
select results_eq(
  $$select u.name, m.role::text from public.project_members m join tests.fixtures u on u.id = m.user_id
    where m.project_id = tests.id('p') order by u.name$$,
  $$values ('editor', 'viewer'), ('owner', 'owner'), ('viewer', 'editor')$$,
  'p ends with exactly the memberships the allowed changes left'
);

select * from finish();
rollback;
