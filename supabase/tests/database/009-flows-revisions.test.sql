-- flows: optimistic locking (revision, PT409 on a stale revision) and the revision history in flow_revisions.
begin;
\ir helpers/auth.sql
select plan(27);

select tests.create_world();

select tests.authenticate_as(tests.id('editor'));
select is(
  tests.row_count($$update public.flows set name = 'Flow p v2', revision = 1 where id = tests.id('flow_p')$$), 1,
  'an update that sends the current revision succeeds'
);
select is((select revision from public.flows where id = tests.id('flow_p')), 2, 'a change increments the revision');
select is(
  tests.row_count($$update public.flows set notes = 'no revision sent' where id = tests.id('flow_p')$$), 1,
  'an update that does not send a revision succeeds'
);
select is((select revision from public.flows where id = tests.id('flow_p')), 3, 'every change increments the revision');
select throws_ok(
  $$update public.flows set name = 'Lost update', revision = 2 where id = tests.id('flow_p')$$, 'PT409',
  'flow "Flow p v2" changed since you read it: you sent revision 2, it is now at revision 3',
  'an update that sends a stale revision fails with PT409 (HTTP 409) and says the flow changed'
);
select throws_ok(
  $$update public.flows set name = 'Future', revision = 7 where id = tests.id('flow_p')$$, 'PT409', null,
  'an update that sends a revision from the future fails with PT409 too'
);
select is((select name from public.flows where id = tests.id('flow_p')), 'Flow p v2', 'the conflicting updates changed nothing');
select is(
  tests.row_count($$update public.flows set notes = 'no revision sent' where id = tests.id('flow_p')$$), 1,
  'a no-op update succeeds'
);
select is((select revision from public.flows where id = tests.id('flow_p')), 3, 'a no-op update keeps the revision');

-- history
select results_eq(
  $$select revision, content ->> 'name', content ->> 'notes' from public.flow_revisions
    where flow_id = tests.id('flow_p') order by revision$$,
  $$values (1, 'Flow p', ''), (2, 'Flow p v2', '')$$,
  'flow_revisions keeps the content of revisions 1 and 2'
);
select is(
  (select created_by from public.flow_revisions where flow_id = tests.id('flow_p') and revision = 2), tests.id('editor'),
  'a revision records who superseded it'
);
select is(
  (select project_id from public.flow_revisions where flow_id = tests.id('flow_p') and revision = 1), tests.id('p'),
  'a revision carries the project of its flow'
);
select ok(
  (select not (content ? 'search') and content ? 'steps' from public.flow_revisions
    where flow_id = tests.id('flow_p') and revision = 1),
  'a revision stores the whole row except the generated search document'
);
select throws_ok(
  $$insert into public.flow_revisions (project_id, flow_id, revision, content)
    values (tests.id('p'), tests.id('flow_p'), 99, '{}')$$, '42501', null,
  'an editor cannot write a revision'
);
select throws_ok(
  $$update public.flow_revisions set content = '{}' where flow_id = tests.id('flow_p')$$, '42501', null,
  'an editor cannot change a revision'
);
select throws_ok(
  $$delete from public.flow_revisions where flow_id = tests.id('flow_p')$$, '42501', null,
  'an editor cannot delete a revision'
);

-- who reads the history
select tests.authenticate_as(tests.id('viewer'));
select is(
  (select count(*)::int from public.flow_revisions where flow_id = tests.id('flow_p')), 2, 'a viewer reads the revisions'
);
select tests.authenticate_as(tests.id('owner'));
select is(
  (select count(*)::int from public.flow_revisions where flow_id = tests.id('flow_p')), 2, 'the owner reads the revisions'
);
select tests.authenticate_as(tests.id('guest'));
select is(
  (select count(*)::int from public.flow_revisions where flow_id = tests.id('flow_p')), 2,
  'a global viewer member reads the revisions'
);
select tests.authenticate_as(tests.id('outsider'));
select is(
  (select count(*)::int from public.flow_revisions where flow_id = tests.id('flow_p')), 0,
  'a non-member reads no revision of a private project'
);
select tests.authenticate_as(tests.id('admin'));
select is(
  (select count(*)::int from public.flow_revisions where flow_id = tests.id('flow_p')), 2, 'a global admin reads the revisions'
);
select tests.authenticate_as_anon();
select throws_ok('select count(*) from public.flow_revisions', '42501', null, 'anon cannot read revisions');

-- public project: readers read the flow, not its history
select tests.authenticate_as(tests.id('outsider'));
select is(
  tests.row_count($$update public.flows set notes = 'changed' where id = tests.id('flow_q')$$), 1,
  'the outsider edits the public project''s flow'
);
select tests.authenticate_as(tests.id('reader'));
select is(
  (select count(*)::int from public.flow_revisions where flow_id = tests.id('flow_q')), 0,
  'a non-member reader of a public project does not read its revision history'
);

select tests.authenticate_as_service_role();
select is(
  (select count(*)::int from public.flow_revisions where flow_id = tests.id('flow_p')), 2, 'service_role reads the revisions'
);
select throws_ok(
  $$delete from public.flow_revisions where flow_id = tests.id('flow_p')$$, '42501', null,
  'service_role cannot delete a revision'
);
select throws_ok(
  $$update public.flows set name = 'Stale', revision = 1 where id = tests.id('flow_p')$$, 'PT409', null,
  'the stale-revision check applies to service_role too'
);

select * from finish();
rollback;
