-- One effective-role rule (private.effective_member_role) behind the policies, me() and every definer rpc:
-- restore allowed and refused per role class, a global viewer who is an editor member acting as a viewer.
begin;
\ir helpers/auth.sql
select plan(26);
select tests.create_world();

select is(private.effective_member_role('admin', null), 'owner', 'an admin is an owner without a membership');
select is(private.effective_member_role('viewer', 'owner'), 'viewer', 'a global viewer is capped at viewer');
select is(private.effective_member_role('analyst', 'editor'), 'editor', 'an analyst has their member role');
select is(private.effective_member_role('viewer', null), null, 'a global viewer who is no member has no role');

delete from public.flows where id = tests.id('flow_p');
update public.projects set deleted_at = now() where id = tests.id('r');

select tests.authenticate_as(tests.id('guest'));
select throws_ok(
  format('select public.restore_flow(%L)', tests.id('flow_p')), '42501', null,
  'a global viewer who is an editor member cannot restore a flow'
);
select is(private.member_project_ids('editor'), '{}'::uuid[], 'a global viewer edits no project');
select is(
  (to_jsonb(public.me()) -> 'memberships' -> 0 ->> 'role'), 'viewer', 'me() lists a global viewer''s effective role'
);

select tests.authenticate_as(tests.id('outsider'));
select throws_ok(
  format('select public.restore_flow(%L)', tests.id('flow_p')), 'PT404', null,
  'a non-member cannot tell a deleted flow exists'
);

select tests.authenticate_as(tests.id('viewer'));
select throws_ok(
  format('select public.restore_flow(%L)', tests.id('flow_p')), '42501', null, 'a viewer member cannot restore a flow'
);

select tests.authenticate_as(tests.id('editor'));
select lives_ok(format('select public.restore_flow(%L)', tests.id('flow_p')), 'an editor member restores a flow');
select is((select count(*)::int from public.flows where id = tests.id('flow_p')), 1, 'the flow is back');

select tests.authenticate_as(tests.id('reader'));
select throws_ok(
  format('select public.restore_project(%L)', tests.id('r')), 'PT404', null,
  'a non-member cannot restore a deleted project'
);

select tests.clear_authentication();
insert into public.project_members (project_id, user_id, role) values (tests.id('r'), tests.id('editor'), 'editor');
select tests.authenticate_as(tests.id('editor'));
select throws_ok(
  format('select public.restore_project(%L)', tests.id('r')), '42501', null, 'an editor cannot restore a project'
);

select tests.authenticate_as(tests.id('outsider'));
select lives_ok(format('select public.restore_project(%L)', tests.id('r')), 'its owner restores a deleted project');
select tests.clear_authentication();
update public.projects set deleted_at = now() where id = tests.id('r');

select tests.authenticate_as(tests.id('admin'));
select lives_ok(format('select public.restore_project(%L)', tests.id('r')), 'an admin restores any deleted project');
select is(
  (select count(*)::int from public.projects where id = tests.id('r')), 1, 'the restored project is visible again'
);

-- member_project_ids asks the rule once per member role, not once per membership (a member of 200 projects paid
-- 200 calls per write policy and per search), and still applies it: a member with each role in five projects.
select tests.clear_authentication();
select tests.create_user('multi@test.local');
insert into tests.fixtures (name, id) values ('s', gen_random_uuid()), ('t', gen_random_uuid());
insert into public.projects (id, name, owner_id)
values (tests.id('s'), 'Project s', tests.id('outsider')), (tests.id('t'), 'Project t', tests.id('outsider'));
insert into public.project_members (project_id, user_id, role)
values (tests.id('p'), tests.id('multi'), 'viewer'), (tests.id('q'), tests.id('multi'), 'editor'),
(tests.id('r'), tests.id('multi'), 'owner'), (tests.id('s'), tests.id('multi'), 'viewer'),
(tests.id('t'), tests.id('multi'), 'editor');
-- The local run counts the rule's calls; the run as hosted Supabase's postgres (tests/database/test_hosted_role.py)
-- cannot, and skips the two counts.
create function pg_temp.rule_calls() returns bigint language sql as $$
  select tests.function_calls('private.effective_member_role(public.global_role, public.member_role)')
$$;

select tests.authenticate_as(tests.id('multi'));
select set_eq(
  'select unnest(private.member_project_ids(''viewer''))',
  format('values (%L::uuid), (%L), (%L), (%L), (%L)', tests.id('p'), tests.id('q'), tests.id('r'), tests.id('s'),
    tests.id('t')),
  'a member with at least the viewer role: all five projects'
);
select set_eq(
  'select unnest(private.member_project_ids(''editor''))',
  format('values (%L::uuid), (%L), (%L)', tests.id('q'), tests.id('r'), tests.id('t')),
  'at least editor: the projects where they edit or own'
);
select set_eq(
  'select unnest(private.member_project_ids(''owner''))', format('values (%L::uuid)', tests.id('r')),
  'owner: the project they own'
);
select tests.clear_authentication();
create temp table rule_calls_before as select tests.count_function_calls() as counting, pg_temp.rule_calls() as calls;
select tests.authenticate_as(tests.id('multi'));
select is(cardinality(private.member_project_ids('viewer')), 5, 'one list of the five memberships');
select tests.clear_authentication();
select case when (select b.counting from rule_calls_before as b) then cmp_ok(
  pg_temp.rule_calls() - (select b.calls from rule_calls_before as b),
  '<=', 3::bigint, 'it asked the rule once per member role (three), not once per membership (five)'
) else skip('counting calls needs a superuser') end;

select tests.authenticate_as(tests.id('multi'));
select set_eq(
  'select m.project_id, m.role::text from unnest((public.me()).memberships) as m',
  format(
    'values (%L::uuid, %L), (%L, %L), (%L, %L), (%L, %L), (%L, %L)', tests.id('p'), 'viewer', tests.id('q'),
    'editor', tests.id('r'), 'owner', tests.id('s'), 'viewer', tests.id('t'), 'editor'
  ),
  'me() lists the five memberships with their roles'
);
select tests.clear_authentication();
update rule_calls_before set calls = pg_temp.rule_calls();
select tests.authenticate_as(tests.id('multi'));
select is(cardinality((public.me()).memberships), 5, 'me() once');
select tests.clear_authentication();
select case when (select b.counting from rule_calls_before as b) then cmp_ok(
  pg_temp.rule_calls() - (select b.calls from rule_calls_before as b),
  '<=', 6::bigint, 'me() asked the rule once per member role, not once per membership (5): three calls, and three '
  'more in the member list of the policy on project_members'
) else skip('counting calls needs a superuser') end;

select tests.authenticate_as(tests.id('guest'));
select set_eq(
  'select unnest(private.member_project_ids(''viewer''))', format('values (%L::uuid)', tests.id('p')),
  'a global viewer who is an editor member views that project'
);
select is(private.member_project_ids('owner'), '{}'::uuid[], 'a global viewer owns no project');
select tests.clear_authentication();

select * from finish();
rollback;
