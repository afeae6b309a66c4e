-- trash: deleted projects for their owners, deleted flows of live projects for their editors; per role, allowed
-- and denied; each listed item comes back with the existing restore functions.
begin;
\ir helpers/auth.sql
select plan(14);
select tests.create_world();

-- p: owner, editor, viewer, guest (a global viewer, member as editor); r: owned by outsider.
insert into tests.fixtures (name, id) values ('flow_p2', gen_random_uuid());
insert into public.flows (id, project_id, name) values (tests.id('flow_p2'), tests.id('p'), 'Second flow of p');
select tests.authenticate_as(tests.id('editor'));
delete from public.flows where id = tests.id('flow_p2');
select tests.authenticate_as(tests.id('outsider'));
delete from public.projects where id = tests.id('r');

select tests.authenticate_as(tests.id('editor'));
select results_eq(
  $$select kind, id, name, deleted_by from public.trash()$$,
  $$values ('flow'::text, tests.id('flow_p2'), 'Second flow of p'::text, tests.id('editor'))$$,
  'an editor sees the flow they deleted, with who deleted it'
);
select tests.authenticate_as(tests.id('owner'));
select is(
  (select array_agg(kind order by kind) from public.trash()), array['flow'],
  'the owner of p sees its deleted flow (and no project of others)'
);
select tests.authenticate_as(tests.id('viewer'));
select is((select count(*)::int from public.trash()), 0, 'a viewer sees nothing: viewers cannot restore');
select tests.authenticate_as(tests.id('guest'));
select is((select count(*)::int from public.trash()), 0, 'a global viewer who is an editor sees nothing');
select tests.authenticate_as(tests.id('reader'));
select is((select count(*)::int from public.trash()), 0, 'a stranger sees nothing');

select tests.authenticate_as(tests.id('outsider'));
select results_eq(
  $$select kind, id, project_name from public.trash() where kind = 'project'$$,
  $$values ('project'::text, tests.id('r'), 'Project r'::text)$$,
  'the owner of a deleted project sees it'
);
select is(
  (select count(*)::int from public.trash() where kind = 'flow'), 0,
  'the flows of a deleted project are not listed on their own (restoring the project brings them back)'
);
select tests.authenticate_as(tests.id('admin'));
select ok(
  (select array_agg(id) from public.trash()) @> array[tests.id('r'), tests.id('flow_p2')],
  'a global admin sees every deleted project and flow'
);
select is(
  (select count(*)::int from public.trash(in_project => tests.id('p'))), 1, 'in_project narrows to one project'
);

select tests.authenticate_as_anon();
select throws_ok($$select * from public.trash()$$, '42501', null, 'anonymous callers cannot list the trash');

-- What is listed comes back through the restore functions.
select tests.authenticate_as(tests.id('editor'));
select lives_ok($$select public.restore_flow(tests.id('flow_p2'))$$, 'the editor restores the listed flow');
select is((select count(*)::int from public.trash()), 0, 'a restored flow leaves the trash');
select tests.authenticate_as(tests.id('outsider'));
select lives_ok($$select public.restore_project(tests.id('r'))$$, 'the owner restores the listed project');
select is(
  (select count(*)::int from public.projects where id = tests.id('r')), 1, 'the restored project is readable again'
);

select * from finish();
rollback;
