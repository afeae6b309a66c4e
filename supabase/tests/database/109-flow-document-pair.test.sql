-- The flow document pair: content is every flows column but the bookkeeping list, and every path carries a new
-- column without another edit; project_document and flow_document are unaudited reads under row-level security.
begin;
\ir helpers/auth.sql
select plan(17);
select tests.create_world();

-- The grants name content columns too: they must be exactly the content (plus what a write may say besides).
select is(
  (select array_agg(c order by c) from unnest(private.flow_content_columns() || array['project_id', 'status']) as c),
  (select array_agg(column_name::text order by column_name) from information_schema.column_privileges
   where table_schema = 'public' and table_name = 'flows' and grantee = 'authenticated' and privilege_type = 'INSERT'),
  'authenticated may insert exactly the content columns, project_id and status'
);
select is(
  (select array_agg(c order by c) from unnest(private.flow_content_columns() || array['status', 'revision']) as c),
  (select array_agg(column_name::text order by column_name) from information_schema.column_privileges
   where table_schema = 'public' and table_name = 'flows' and grantee = 'authenticated' and privilege_type = 'UPDATE'),
  'authenticated may update exactly the content columns, status and revision'
);
select ok(
  (select string_to_array(rtrim(encode(t.tgargs, 'escape'), '\000'), '\000') <@ private.flow_content_columns()
   from pg_trigger as t where t.tgrelid = 'public.flows'::regclass and t.tgname = '_900_audit'),
  'the columns an insert''s audit entry leaves out are content columns'
);

-- A column added to flows is content: copied, exported, imported and restored with no other change.
alter table public.flows add column test_extra text not null default 'unset';
grant insert (test_extra), update (test_extra) on public.flows to authenticated;
update public.flows set test_extra = 'first' where id = tests.id('flow_p');

select tests.authenticate_as(tests.id('editor'));
-- (A function that writes is called in a statement of its own: a statement does not see its own writes.)
create temporary table copied on commit drop as select public.duplicate_flow(tests.id('flow_p')) as id;
select is(
  (select test_extra from public.flows where id = (select id from copied)), 'first', 'duplicate_flow copies a new column'
);
select is(
  public.project_document(tests.id('p')) #>> '{flows,0,test_extra}', 'first', 'project_document exports a new column'
);
select is(
  (select array_agg(k order by k) from jsonb_object_keys(public.project_document(tests.id('p')) #> '{flows,0}') as k),
  (select array_agg(c order by c) from unnest(
    array_remove(array_remove(array_remove(private.flow_content_columns(), 'service_domain_id'), 'service_id'), 'actor_ids')
    || '{id,revision,status,service_domain,service,actors}'::text[]
  ) as c),
  'a document flow holds the content columns, registries by key, its id, revision and status: nothing else'
);
update public.flows set test_extra = 'second' where id = tests.id('flow_p');
select is(
  (public.restore_flow_revision(tests.id('flow_p'), 2)).test_extra, 'first', 'restore_flow_revision restores a new column'
);
create temporary table imported on commit drop as
select public.import_project(public.project_document(tests.id('p')), 'Copy') as id
union all
select public.import_project('{"format": "flowatlas.project/v1", "project": {"name": "Defaults"},
  "flows": [{"name": "Bare"}]}');
select is(
  (select f.test_extra from public.flows as f where f.project_id in (select id from imported) and f.name = 'Flow p'),
  'first', 'import writes a new column'
);
select is(
  (select count(*)::int from public.flows as f
   where f.project_id in (select id from imported) and f.name = 'Bare'
     and f.test_extra = 'unset' and f.description = '' and f.steps = '[]' and f.status = 'draft'),
  1, 'a field a document leaves out takes the column default'
);

-- References travel by key both ways; a restore drops a registry entry deleted since instead of failing.
select is(
  (select (f.actor_ids = array[tests.id('actor_p')]) and f.service_id = tests.id('service_p') and f.name = 'Flow p (copy)'
   from public.flows as f where f.id = (select id from copied)),
  true, 'a copy keeps the flow''s actor and service, named "<name> (copy)"'
);
select tests.clear_authentication();
insert into public.actors (project_id, kind, key, name) values (tests.id('p'), 'person', 'actor-extra', 'Extra');
update public.flows set actor_ids = actor_ids || (select id from public.actors where key = 'actor-extra')
where id = tests.id('flow_p');
delete from public.actors where key = 'actor-extra';
select tests.authenticate_as(tests.id('editor'));
select is(
  (public.restore_flow_revision(
    tests.id('flow_p'), (select max(revision) from public.flow_revisions where flow_id = tests.id('flow_p')) - 1
  )).actor_ids,
  array[tests.id('actor_p')], 'restoring a revision that named a deleted actor leaves that actor out'
);

-- project_document and flow_document: reads, under row-level security, not audited.
select tests.authenticate_as(tests.id('viewer'));
select is(
  public.project_document(tests.id('p')) - 'exported_at', public.export_project(tests.id('p'))::jsonb - 'exported_at',
  'export_project is project_document'
);
select is(
  (select count(*)::int from public.audit_log where project_id = tests.id('p') and action = 'export'), 1,
  'only export_project writes an audit entry'
);
select is(
  public.flow_document(tests.id('flow_p')) -> 'flows',
  jsonb_build_array(private.flow_document((select f from public.flows as f where f.id = tests.id('flow_p')))),
  'flow_document holds that flow alone'
);
select is(public.flow_document(tests.id('flow_p')) -> 'actors', public.project_document(tests.id('p')) -> 'actors',
  'flow_document holds the project''s registries');
select tests.authenticate_as(tests.id('outsider'));
select throws_ok(
  format('select public.project_document(%L)', tests.id('p')), 'PT404', null, 'a stranger cannot read the document'
);
select throws_ok(
  format('select public.flow_document(%L)', tests.id('flow_p')), 'PT404', null, 'nor the document of one of its flows'
);

select * from finish();
rollback;
