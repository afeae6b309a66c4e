-- save_project_document: a whole document applied onto a project (matched by key, id or legacy id), conflicts by
-- path with nothing applied, idempotent, rights; the old app's documents (flows-only too) and what they keep.
begin;
\ir helpers/auth.sql
select plan(20);
select tests.create_world();

select tests.authenticate_as(tests.id('editor'));
create temporary table doc on commit drop as select public.project_document(tests.id('p')) as d;
select is(
  public.save_project_document(tests.id('p'), (select d from doc)),
  '{"inserted": 0, "updated": 0, "deleted": 0}'::jsonb, 'saving the document as read changes nothing'
);
select is(
  (select count(*)::int from public.audit_log where project_id = tests.id('p') and action = 'save'), 0,
  'a save that changes nothing writes no audit entry'
);

-- One edited flow, one new flow, a new actor; the same document again changes nothing.
update doc set d = jsonb_set(
  d || jsonb_build_object('actors', d -> 'actors' || '[{"key": "actor-new", "name": "New actor"}]')
  || jsonb_build_object('flows', (d -> 'flows') || '[{"name": "Added", "actors": ["actor-new"]}]'),
  '{flows,0,description}', '"edited"'
);
select is(
  public.save_project_document(tests.id('p'), (select d from doc)),
  '{"inserted": 1, "updated": 1, "deleted": 0}'::jsonb, 'an edited flow is updated and a new one inserted'
);
select is(
  (select description || ' @' || revision from public.flows where id = tests.id('flow_p')), 'edited @2',
  'the edited flow keeps its id and moves to the next revision'
);
select ok(
  (select actor_ids = array[(select id from public.actors where key = 'actor-new')] from public.flows
   where project_id = tests.id('p') and name = 'Added'),
  'a new registry entry is added by key and flows may name it'
);
-- A new flow has an id once saved: the client reads the document again (as the docs say).
update doc set d = public.project_document(tests.id('p'));
select is(
  public.save_project_document(tests.id('p'), (select d from doc)),
  '{"inserted": 0, "updated": 0, "deleted": 0}'::jsonb,
  'the same document again (with the revision now current) changes nothing'
);

-- Conflicts: a stale revision; nothing applied.
-- (flows are ordered by name: Added, Flow p)
update doc set d = jsonb_set(jsonb_set(d, '{flows,1,revision}', '1'), '{flows,1,name}', '"Stale rename"');
select throws_ok(
  format('select public.save_project_document(%L, %L)', tests.id('p'), (select d from doc)), 'PT409',
  'document conflicts with the project at flows[1].revision: the flow changed since you read it: you sent revision 1, it is at revision 2',
  'a flow changed since the client read it is a conflict named by path'
);
select is((select name from public.flows where id = tests.id('flow_p')), 'Flow p', 'a conflict applies nothing');

-- Deleting: a flow the document leaves out is soft-deleted.
select is(
  public.save_project_document(tests.id('p'), (select jsonb_set(d, '{flows}', '[]') from doc)),
  '{"inserted": 0, "updated": 0, "deleted": 2}'::jsonb, 'flows the document leaves out are deleted'
);
select tests.clear_authentication();
select ok(
  (select deleted_at is not null from public.flows where id = tests.id('flow_p')), 'softly: the flow can be restored'
);

-- Rights.
select tests.authenticate_as(tests.id('viewer'));
select throws_ok(
  format('select public.save_project_document(%L, %L)', tests.id('p'), (select d from doc)), '42501', null,
  'a viewer cannot save'
);
select tests.authenticate_as(tests.id('outsider'));
select throws_ok(
  format('select public.save_project_document(%L, %L)', tests.id('p'), (select d from doc)), 'PT404', null,
  'a stranger cannot save, nor tell that the project exists'
);

-- The old app's document: dual mode saves it whole, again and again.
select tests.authenticate_as(tests.id('editor'));
create temporary table legacy on commit drop as select '{
  "projectName": "Flow p",
  "serviceRegistry": {"domains": [{"id": "sales", "name": "Sales", "services": [{"id": "orders", "name": "Orders"}]}]},
  "actorRegistry": {"actors": [{"id": "customer", "name": "Customer", "type": "person"}]},
  "flows": [{"id": "flow-17", "name": "Order", "serviceId": "orders", "actors": ["customer"],
             "createdAt": "2024-03-01T10:00:00Z", "updatedAt": "2024-03-02T10:00:00Z",
             "performanceRequirements": {"responseTimeMs": 300, "availabilityPercent": 99.9},
             "steps": [{"id": "s1", "name": "Submit", "actorId": "customer"}]}]
}'::jsonb as d;
select is(
  public.save_project_document(tests.id('p'), (select d from legacy)),
  '{"inserted": 1, "updated": 0, "deleted": 0}'::jsonb, 'a legacy document saves onto a project'
);
select is(
  (select custom_fields -> 'flowatlas_legacy' from public.flows where project_id = tests.id('p') and name = 'Order'),
  '{"id": "flow-17", "createdAt": "2024-03-01T10:00:00Z", "updatedAt": "2024-03-02T10:00:00Z"}'::jsonb,
  'the old app''s flow id and times are kept in custom_fields.flowatlas_legacy'
);
select is(
  (select performance_requirements from public.flows where project_id = tests.id('p') and name = 'Order'),
  '{"response_time_ms": 300, "availability_percent": 99.9}'::jsonb,
  'camelCase keys inside performanceRequirements are converted'
);
select is(
  public.save_project_document(tests.id('p'), (select d from legacy)),
  '{"inserted": 0, "updated": 0, "deleted": 0}'::jsonb, 'the same legacy document again changes nothing'
);
select is(
  public.save_project_document(tests.id('p'), (select jsonb_set(d, '{flows,0,name}', '"Order renamed"') from legacy)),
  '{"inserted": 0, "updated": 1, "deleted": 0}'::jsonb, 'a legacy flow is matched by its old id'
);

-- A flows-only legacy document is recognised as legacy.
select isnt(
  public.import_project('{"flows": [{"id": "f1", "name": "Only flows", "businessRules": [{"id": "r1", "description": "R"}]}]}'),
  null, 'a legacy document with only flows imports'
);
select is(
  (select business_rules from public.flows where name = 'Only flows'), '[{"id": "r1", "description": "R"}]'::jsonb,
  'its businessRules land in business_rules'
);

select throws_ok(
  $$ select public.save_project_document(tests.id('p'), jsonb_build_object(
       'format', 'flowatlas.project/v1', 'project', jsonb_build_object('name', 'P'),
       'flows', jsonb_build_array(jsonb_build_object('name', 'big', 'notes', repeat('x', 26 * 1024 * 1024))))) $$,
  '54000', 'document is larger than 25 MB', 'a document over 25 MB is refused before anything is read from it'
);

select * from finish();
rollback;
