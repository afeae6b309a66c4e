-- Soft delete of projects and flows, and the maintenance paths that really delete (purge, cascade, GUC).
begin;
\ir helpers/auth.sql
select plan(32);

select tests.create_world();

-- a flow: delete marks it, select hides it, update cannot reach it
select tests.authenticate_as(tests.id('editor'));
select is(
  tests.row_count($$delete from public.flows where id = tests.id('flow_p')$$), 0,
  'a DELETE of a flow reports no deleted row: it was marked instead'
);
select is((select count(*)::int from public.flows where id = tests.id('flow_p')), 0, 'the deleted flow is hidden from its editor');
select is(
  tests.row_count($$update public.flows set notes = 'zombie' where id = tests.id('flow_p')$$), 0,
  'a deleted flow cannot be edited'
);
select tests.authenticate_as(tests.id('viewer'));
select is((select count(*)::int from public.flows where id = tests.id('flow_p')), 0, 'the deleted flow is hidden from viewers');
select tests.authenticate_as(tests.id('admin'));
select is((select count(*)::int from public.flows where id = tests.id('flow_p')), 0, 'the deleted flow is hidden from admins');
select tests.clear_authentication();
select results_eq(
  $$select deleted_at is not null, deleted_by, revision from public.flows where id = tests.id('flow_p')$$,
  $$values (true, tests.id('editor'), 1)$$,
  'the row stays, marked with deleted_at and deleted_by, its revision untouched'
);
select is(
  (select count(*)::int from public.flow_revisions where flow_id = tests.id('flow_p')), 0,
  'a soft delete is not a new revision'
);

-- a second delete by a user cannot purge: the row is invisible to them
select tests.authenticate_as(tests.id('owner'));
select is(tests.row_count($$delete from public.flows where id = tests.id('flow_p')$$), 0, 'a user cannot purge a deleted flow');
select tests.clear_authentication();
select is((select count(*)::int from public.flows where id = tests.id('flow_p')), 1, 'the deleted flow is still kept');

-- purge: service_role sees deleted rows and deleting one again removes it
select tests.authenticate_as_service_role();
select is(
  (select count(*)::int from public.flows where id = tests.id('flow_p') and deleted_at is not null), 1,
  'service_role (RLS bypass) sees the deleted flow'
);
select is(
  tests.row_count($$delete from public.flows where id = tests.id('flow_p')$$), 1,
  'service_role purges an already deleted flow'
);
select tests.clear_authentication();
select is((select count(*)::int from public.flows where id = tests.id('flow_p')), 0, 'the purged flow is gone');

-- service_role deleting a live flow still only marks it, unless the maintenance GUC is on
select tests.authenticate_as_service_role();
select is(
  tests.row_count($$delete from public.flows where id = tests.id('flow_q')$$), 0, 'service_role''s delete of a live flow is soft'
);
select is(
  (select count(*)::int from public.flows where id = tests.id('flow_q') and deleted_at is not null), 1,
  'the live flow was marked deleted'
);
select tests.clear_authentication();
set local flowatlas.hard_delete = 'on';
select tests.authenticate_as(tests.id('outsider'));
select is(
  tests.row_count($$delete from public.flows where id = tests.id('flow_r')$$), 0,
  'flowatlas.hard_delete does not make an authenticated delete hard'
);
select tests.clear_authentication();
select is(
  (select count(*)::int from public.flows where id = tests.id('flow_r') and deleted_at is not null), 1,
  'the authenticated delete under the GUC was still soft'
);
set local flowatlas.hard_delete = 'on';
insert into public.flows (project_id, name) values (tests.id('r'), 'Maintenance victim');
select is(
  tests.row_count($$delete from public.flows where name = 'Maintenance victim'$$), 1,
  'with flowatlas.hard_delete = on a maintenance session deletes a live flow for real'
);
set local flowatlas.hard_delete = 'off';

-- projects
select tests.authenticate_as(tests.id('owner'));
select is(tests.row_count($$delete from public.projects where id = tests.id('p')$$), 0, 'a DELETE of a project marks it');
select is((select count(*)::int from public.projects where id = tests.id('p')), 0, 'the deleted project is hidden from its owner');
select is(
  (select count(*)::int from public.flows where project_id = tests.id('p')), 0, 'flows of a deleted project are hidden'
);
select is(
  (select count(*)::int from public.project_members where project_id = tests.id('p')), 0,
  'members of a deleted project are hidden'
);
select is(
  tests.row_count($$update public.projects set name = 'zombie' where id = tests.id('p')$$), 0,
  'a deleted project cannot be edited'
);
select throws_ok(
  $$insert into public.flows (project_id, name) values (tests.id('p'), 'Into the void')$$, '42501', null,
  'no flow can be added to a deleted project'
);
select tests.authenticate_as(tests.id('editor'));
select is(
  (select count(*)::int from public.service_domains where project_id = tests.id('p')), 0,
  'registries of a deleted project are hidden from its editors'
);
select ok(
  not tests.id('p') = any (private.readable_project_ids()), 'the policies'' readable list leaves the deleted project out'
);
select ok(
  not tests.id('p') = any (private.member_project_ids('viewer')), 'so does the list the write policies use'
);
select ok(tests.id('q') = any (private.readable_project_ids()), 'a public project is in every reader''s list');
select tests.authenticate_as_service_role();
reset role;  -- the search definers run as their owner, with the request's claims
select is(private.policy_project_ids(), null, 'a service_role request has no project limit in the search definers');
select tests.clear_authentication();
select is(
  (select count(*)::int from public.project_members where project_id = tests.id('p')), 4,
  'the memberships of the deleted project are kept for a restore'
);

-- purge of a project cascades through everything it holds
select tests.authenticate_as_service_role();
select is(
  tests.row_count($$delete from public.projects where id = tests.id('p')$$), 1,
  'service_role purges the deleted project'
);
select tests.clear_authentication();
select results_eq(
  $$select (select count(*)::int from public.flows where project_id = tests.id('p')),
           (select count(*)::int from public.services where project_id = tests.id('p')),
           (select count(*)::int from public.service_domains where project_id = tests.id('p')),
           (select count(*)::int from public.actors where project_id = tests.id('p')),
           (select count(*)::int from public.project_members where project_id = tests.id('p'))$$,
  $$values (0, 0, 0, 0, 0)$$,
  'purging a project removes its flows, registries and memberships'
);
select cmp_ok(
  (select count(*)::int from public.audit_log where project_id = tests.id('p') and action = 'delete'), '>', 0,
  'the purge is in the audit log, which outlives the project'
);

select * from finish();
rollback;
