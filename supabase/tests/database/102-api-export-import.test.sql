-- export_project / import_project: round trip, atomicity, paths of bad fields, legacy shape, rights, audit.
begin;
\ir helpers/auth.sql
select plan(24);
select tests.create_world();

update public.flows set status = 'in_review', submitted_by = tests.id('editor'), tags = array['t1'],
  business_rules = '[{"id": "r1", "description": "Rule"}]', performance_requirements = '{"response_time_ms": 300}'
where id = tests.id('flow_p');

select tests.authenticate_as(tests.id('viewer'));
create temporary table exported on commit drop as select public.export_project(tests.id('p'))::jsonb as doc;
select is((select doc ->> 'format' from exported), 'flowatlas.project/v1', 'a viewer can export; the format is named');
select is(
  (select doc #>> '{flows,0,service}' from exported), 'service-p', 'references travel by key, not by id'
);
select is(
  (select (doc -> 'flows' -> 0) - private.flow_content_columns() from exported),
  jsonb_build_object(
    'id', tests.id('flow_p'), 'revision', (select revision from public.flows where id = tests.id('flow_p')),
    'status', 'in_review', 'service_domain', 'domain-p', 'service', 'service-p', 'actors', jsonb_build_array('actor-p')
  ),
  'a flow carries its content, id, revision, status and references by key: no other bookkeeping'
);

select tests.authenticate_as(tests.id('editor'));
create temporary table imported on commit drop as
  select public.import_project((select doc from exported), 'Imported copy') as id;
select is(
  (select name from public.projects where id = (select id from imported)), 'Imported copy', 'import creates a new project'
);
select is(
  (select role::text from public.project_members where project_id = (select id from imported) and user_id = tests.id('editor')),
  'owner', 'the importer owns the new project'
);
select is(
  (select status::text from public.flows where project_id = (select id from imported)), 'draft',
  'a user''s import comes in as draft, whatever review status the document says'
);
select tests.authenticate_as(tests.id('admin'));
create temporary table imported_by_admin on commit drop as
  select public.import_project((select doc from exported), 'Admin copy') as id;
select is(
  (select status::text from public.flows where project_id = (select id from imported_by_admin)), 'in_review',
  'a global admin''s import keeps the review status'
);
select is(
  jsonb_set(
    public.export_project((select id from imported_by_admin))::jsonb - 'exported_at' - 'project', '{flows,0}',
    (public.export_project((select id from imported_by_admin))::jsonb -> 'flows' -> 0) - '{id,revision}'::text[]
  ),
  jsonb_set(
    (select doc from exported) - 'exported_at' - 'project', '{flows,0}',
    (select (doc -> 'flows' -> 0) - '{id,revision}'::text[] from exported)
  ),
  'export -> import -> export gives the same registries and flows (new ids and revisions)'
);
select tests.authenticate_as(tests.id('editor'));
select is(
  (select count(*)::int from public.audit_log where project_id = (select id from imported) and action = 'import'), 1,
  'the import is in the audit log'
);

select throws_ok(
  $$ select public.import_project('{"format": "flowatlas.project/v1", "project": {"name": "X"},
       "flows": [{"name": "ok"}, {"name": "bad", "steps": [{"id": "s1"}]}]}') $$,
  '22023', 'document is invalid at flows[1].steps[0].name: must be a non-blank string',
  'an invalid document is refused naming the path of the bad field'
);
select throws_ok(
  $$ select public.import_project('{"format": "flowatlas.project/v1", "project": {"name": "X"},
       "flows": [{"name": "ok"}, {"name": "bad", "performance_requirements": {"availability_percent": 140}}]}') $$,
  '22023', null, 'a document the table constraints refuse is refused too'
);
select is(
  (select count(*)::int from public.projects where name = 'X'), 0, 'a refused import leaves no half-written project'
);
select throws_ok(
  $$ select public.import_project('{"format": "flowatlas.project/v1", "project": [1]}', 'New name') $$,
  '22023', 'document is invalid at project: must be a JSON object',
  'a project that is no object is named as such, even with a name override'
);
select throws_ok(
  $$ select public.import_project(jsonb_build_object(
       'format', 'flowatlas.project/v1', 'project', jsonb_build_object('name', 'X'),
       'flows', jsonb_build_array(jsonb_build_object('name', 'big', 'notes', repeat('x', 26 * 1024 * 1024))))) $$,
  '54000', 'document is larger than 25 MB', 'a document over 25 MB is refused'
);
create temporary table stored_document on commit drop as select jsonb_build_object(
  'format', 'flowatlas.project/v1', 'project', jsonb_build_object('name', 'X'),
  'flows', jsonb_build_array(jsonb_build_object('name', 'big', 'notes', repeat('x', 26 * 1024 * 1024)))) as d;
select throws_ok(
  $$ select public.import_project(d) from stored_document $$,
  '54000', 'document is larger than 25 MB', 'a document over 25 MB is refused when read from a table, compressed'
);
select throws_ok(
  $$ select public.import_project('[1, 2]') $$, '22023', 'document must be a JSON object',
  'a document that is not an object is refused'
);

create temporary table legacy on commit drop as select public.import_project('{
    "projectName": "Legacy",
    "serviceRegistry": {"domains": [{"id": "sales", "name": "Sales",
                         "services": [{"id": "svc-orders", "name": "Orders"}]}]},
    "actorRegistry": {"actors": [{"id": "customer", "name": "Customer", "type": "person"}]},
    "integrationTypes": {"types": [{"id": "rest", "name": "REST"}]},
    "flows": [{"id": "f1", "name": "Order", "serviceId": "svc-orders", "actors": ["customer"],
               "steps": [{"id": "s1", "name": "Submit", "actorId": "customer"}],
               "businessRules": [{"id": "r1", "description": "Rule"}]}]
  }') as id;
select is(
  (select jsonb_build_object('name', f.name, 'service', s.key, 'step_actor', f.steps -> 0 ->> 'actor')
   from public.flows as f join public.services as s on s.id = f.service_id
   where f.project_id = (select id from legacy)),
  '{"name": "Order", "service": "svc-orders", "step_actor": "customer"}'::jsonb,
  'the old app''s localStorage shape imports, its string ids becoming keys'
);

select throws_ok(
  $$ select public.import_project('{"projectName": "Legacy", "actorRegistry": {"actors": "nope"},
       "flows": [{"name": "x", "steps": {"id": "s1"}}]}') $$,
  '22023', 'document is invalid at actorRegistry.actors: must be an array of objects',
  'a malformed legacy document is refused naming the path, not with a conversion error'
);

select tests.authenticate_as(tests.id('guest'));
select throws_ok(
  $$ select public.import_project('{"format": "flowatlas.project/v1", "project": {"name": "Nope"}}') $$,
  '42501', null, 'a global viewer cannot import'
);
select tests.authenticate_as(tests.id('outsider'));
select throws_ok(
  format('select public.export_project(%L)', tests.id('p')), 'PT404', null, 'a non-member cannot export'
);
select tests.authenticate_as(tests.id('reader'));
select ok(public.export_project(tests.id('q')) is not null, 'a signed-in non-member exports a public project');
select tests.clear_authentication();
select is(
  (select count(*)::int from public.audit_log where project_id = tests.id('q') and action = 'export'), 0,
  'an export by a non-member of a public project adds nothing to its audit log'
);
select ok(
  (select count(*) from public.audit_log where project_id = tests.id('p') and action = 'export') >= 1,
  'an export by a member is audited'
);
select tests.authenticate_as_anon();
select throws_ok(
  format('select public.export_project(%L)', tests.id('p')), '42501', null, 'anon cannot export'
);

select * from finish();
rollback;
