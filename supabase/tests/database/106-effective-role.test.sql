-- One effective-role rule (private.effective_member_role) behind the policies, me() and every definer rpc:
-- restore allowed and refused per role class, a global viewer who is an editor member acting as a viewer.
begin;
\ir helpers/auth.sql
select plan(16);
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

select * from finish();
rollback;
