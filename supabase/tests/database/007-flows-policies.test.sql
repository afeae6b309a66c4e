-- flows: readers read live flows, editors create, edit and delete them; nobody else.
begin;
\ir helpers/auth.sql
select plan(42);

select tests.create_world();

-- select
select tests.authenticate_as_anon();
select throws_ok('select count(*) from public.flows', '42501', null, 'anon cannot read flows at all');
select tests.authenticate_as(tests.id('owner'));
select results_eq(
  $$select name from public.flows where project_id in (select id from tests.fixtures) order by name$$,
  array['Flow p', 'Flow q'], 'the owner reads the flows of their project and of the public one'
);
select tests.authenticate_as(tests.id('editor'));
select results_eq(
  $$select name from public.flows where project_id in (select id from tests.fixtures) order by name$$,
  array['Flow p', 'Flow q'], 'an editor reads the flows of their project and of the public one'
);
select tests.authenticate_as(tests.id('viewer'));
select results_eq(
  $$select name from public.flows where project_id in (select id from tests.fixtures) order by name$$,
  array['Flow p', 'Flow q'], 'a viewer reads the flows of their project and of the public one'
);
select tests.authenticate_as(tests.id('guest'));
select results_eq(
  $$select name from public.flows where project_id in (select id from tests.fixtures) order by name$$,
  array['Flow p', 'Flow q'], 'a global viewer reads the flows of their project and of the public one'
);
select tests.authenticate_as(tests.id('reader'));
select results_eq(
  $$select name from public.flows where project_id in (select id from tests.fixtures) order by name$$,
  array['Flow q'], 'a non-member reads only the flows of the public project'
);
select tests.authenticate_as(tests.id('outsider'));
select results_eq(
  $$select name from public.flows where project_id in (select id from tests.fixtures) order by name$$,
  array['Flow q', 'Flow r'], 'the outsider reads the flows of their projects, none of p'
);
select tests.authenticate_as(tests.id('admin'));
select results_eq(
  $$select name from public.flows where project_id in (select id from tests.fixtures) order by name$$,
  array['Flow p', 'Flow q', 'Flow r'], 'a global admin reads every flow'
);

-- insert
select tests.authenticate_as(tests.id('editor'));
select is(
  tests.row_count($$insert into public.flows (project_id, name) values (tests.id('p'), 'Editor flow') returning id$$), 1,
  'an editor creates a flow and reads it back'
);
select results_eq(
  $$select status::text, revision, created_by, priority::text from public.flows where name = 'Editor flow'$$,
  $$values ('draft', 1, tests.id('editor'), 'Medium')$$,
  'a new flow is a draft at revision 1, created by the editor, of Medium priority'
);
select tests.authenticate_as(tests.id('owner'));
select is(
  tests.row_count($$insert into public.flows (project_id, name) values (tests.id('p'), 'Owner flow')$$), 1,
  'the owner creates a flow'
);
select tests.authenticate_as(tests.id('admin'));
select is(
  tests.row_count($$insert into public.flows (project_id, name) values (tests.id('r'), 'Admin flow')$$), 1,
  'a global admin creates a flow in any project'
);
select tests.authenticate_as(tests.id('viewer'));
select throws_ok(
  $$insert into public.flows (project_id, name) values (tests.id('p'), 'Viewer flow')$$, '42501',
  'new row violates row-level security policy for table "flows"', 'a viewer cannot create flows'
);
select tests.authenticate_as(tests.id('guest'));
select throws_ok(
  $$insert into public.flows (project_id, name) values (tests.id('p'), 'Guest flow')$$, '42501',
  'new row violates row-level security policy for table "flows"',
  'a global viewer cannot create flows even as an editor member'
);
select tests.authenticate_as(tests.id('reader'));
select throws_ok(
  $$insert into public.flows (project_id, name) values (tests.id('q'), 'Reader flow')$$, '42501',
  'new row violates row-level security policy for table "flows"', 'a non-member cannot create flows in a public project'
);
select tests.authenticate_as(tests.id('outsider'));
select throws_ok(
  $$insert into public.flows (project_id, name) values (tests.id('p'), 'Outsider flow')$$, '42501',
  'new row violates row-level security policy for table "flows"', 'a non-member cannot create flows in a private project'
);
select tests.authenticate_as_anon();
select throws_ok(
  $$insert into public.flows (project_id, name) values (tests.id('q'), 'Anon flow')$$, '42501', null,
  'anon cannot create flows'
);
select tests.authenticate_as(tests.id('editor'));
select throws_ok(
  $$insert into public.flows (project_id, name, revision) values (tests.id('p'), 'Preset revision', 9)$$, '42501', null,
  'the revision of a new flow cannot be chosen'
);
select throws_ok(
  $$insert into public.flows (project_id, name, approved_by) values (tests.id('p'), 'Self-approved', tests.id('editor'))$$,
  '42501', null, 'approved_by cannot be supplied'
);

-- update
select tests.authenticate_as(tests.id('editor'));
select is(
  tests.row_count($$update public.flows set description = 'by editor' where id = tests.id('flow_p')$$), 1,
  'an editor edits a flow'
);
select throws_ok(
  $$update public.flows set project_id = tests.id('q') where id = tests.id('flow_p')$$, '42501', null,
  'a flow cannot be moved to another project'
);
select throws_ok(
  $$update public.flows set created_by = tests.id('owner') where id = tests.id('flow_p')$$, '42501', null,
  'the creator of a flow cannot be changed'
);
select tests.authenticate_as(tests.id('owner'));
select is(
  tests.row_count($$update public.flows set notes = 'by owner' where id = tests.id('flow_p')$$), 1, 'the owner edits a flow'
);
select tests.authenticate_as(tests.id('admin'));
select is(
  tests.row_count($$update public.flows set notes = 'by admin' where id = tests.id('flow_r')$$), 1,
  'a global admin edits a flow of any project'
);
select tests.authenticate_as(tests.id('viewer'));
select is(
  tests.row_count($$update public.flows set notes = 'by viewer' where id = tests.id('flow_p')$$), 0, 'a viewer edits no flow'
);
select tests.authenticate_as(tests.id('guest'));
select is(
  tests.row_count($$update public.flows set notes = 'by guest' where id = tests.id('flow_p')$$), 0,
  'a global viewer edits no flow'
);
select tests.authenticate_as(tests.id('reader'));
select is(
  tests.row_count($$update public.flows set notes = 'by reader' where id = tests.id('flow_q')$$), 0,
  'a non-member edits no flow of a public project'
);
select tests.authenticate_as(tests.id('outsider'));
select is(
  tests.row_count($$update public.flows set notes = 'by outsider' where id = tests.id('flow_p')$$), 0,
  'a non-member edits no flow of a private project'
);
select tests.authenticate_as_anon();
select throws_ok($$update public.flows set notes = 'by anon'$$, '42501', null, 'anon cannot edit flows');
select tests.authenticate_as_service_role();
select throws_ok(
  $$update public.flows set project_id = tests.id('r') where id = tests.id('flow_q')$$, '42501',
  'flows.project_id cannot be changed', 'not even service_role moves a flow to another project'
);
select tests.clear_authentication();
select results_eq(
  $$select description, notes from public.flows where id = tests.id('flow_p')$$,
  $$values ('by editor', 'by owner')$$, 'only the editor''s and the owner''s edits reached flow p'
);

-- delete (soft)
select tests.authenticate_as(tests.id('viewer'));
select is(tests.row_count($$delete from public.flows where id = tests.id('flow_p')$$), 0, 'a viewer deletes no flow');
select tests.authenticate_as(tests.id('guest'));
select is(tests.row_count($$delete from public.flows where id = tests.id('flow_p')$$), 0, 'a global viewer deletes no flow');
select tests.authenticate_as(tests.id('reader'));
select is(
  tests.row_count($$delete from public.flows where id = tests.id('flow_q')$$), 0, 'a non-member deletes no flow of a public project'
);
select tests.authenticate_as(tests.id('outsider'));
select is(
  tests.row_count($$delete from public.flows where id = tests.id('flow_p')$$), 0,
  'a non-member deletes no flow of a private project'
);
select tests.authenticate_as_anon();
select throws_ok($$delete from public.flows$$, '42501', null, 'anon cannot delete flows');
select tests.clear_authentication();
select is(
  (select count(*)::int from public.flows where id = tests.id('flow_p') and deleted_at is null), 1,
  'flow p survived every denied delete'
);
select tests.authenticate_as(tests.id('editor'));
select lives_ok($$delete from public.flows where id = tests.id('flow_p')$$, 'an editor deletes a flow');
select is((select count(*)::int from public.flows where id = tests.id('flow_p')), 0, 'the deleted flow vanishes for the editor');
select tests.authenticate_as(tests.id('owner'));
select lives_ok($$delete from public.flows where name = 'Owner flow'$$, 'the owner deletes a flow');
select tests.authenticate_as(tests.id('admin'));
select lives_ok($$delete from public.flows where id = tests.id('flow_r')$$, 'a global admin deletes a flow of any project');
select tests.clear_authentication();
select is(
  (select count(*)::int from public.flows
    where (id in (tests.id('flow_p'), tests.id('flow_r')) or name = 'Owner flow') and deleted_at is not null), 3,
  'the three allowed deletes each marked their flow deleted'
);

select * from finish();
rollback;
