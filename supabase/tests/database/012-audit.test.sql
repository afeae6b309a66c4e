-- audit_log: every insert/update/delete is logged with the user, project, flow, changed columns, ip and user agent;
-- members read their project's log; nobody writes it through the API.
begin;
\ir helpers/auth.sql
select plan(43);

select tests.create_world();

select tests.authenticate_as(tests.id('editor'));
select tests.set_request_headers(
  '{"x-forwarded-for": "203.0.113.7, 10.0.0.1", "user-agent": "supabase-js/2.45 (pgTAP)", "host": "localhost"}'
);
update public.flows set name = 'Audited', priority = 'High' where id = tests.id('flow_p');

select tests.clear_authentication();
create temporary table last_entry on commit drop as
select * from public.audit_log
where entity_id = tests.id('flow_p') and action = 'update'
order by created_at desc limit 1;

select is((select count(*)::int from last_entry), 1, 'updating a flow writes an audit entry');
select is((select actor_id from last_entry), tests.id('editor'), 'the entry names the user (auth.uid())');
select is((select actor_role from last_entry), 'authenticated', 'the entry names the API role of the request');
select is((select project_id from last_entry), tests.id('p'), 'the entry names the project');
select is((select flow_id from last_entry), tests.id('flow_p'), 'the entry names the flow');
select is((select entity_type from last_entry), 'flows', 'the entry names the entity type');
select is(
  (select changes -> 'name' from last_entry), '{"old": "Flow p", "new": "Audited"}'::jsonb,
  'the entry holds the old and new name'
);
select is(
  (select changes -> 'priority' from last_entry), '{"old": "Medium", "new": "High"}'::jsonb,
  'the entry holds the old and new priority'
);
select ok((select not changes ? 'steps' from last_entry), 'unchanged columns are not in the entry');
select ok((select not changes ? 'search' from last_entry), 'the generated search column is never logged');
select is((select ip_address from last_entry), '203.0.113.7'::inet, 'the ip is the first X-Forwarded-For entry');
select is((select user_agent from last_entry), 'supabase-js/2.45 (pgTAP)', 'the user agent comes from the request headers');

-- insert and delete entries
select tests.authenticate_as(tests.id('editor'));
select tests.set_request_headers('{"x-forwarded-for": "not-an-ip"}');
insert into public.actors (project_id, key, name) values (tests.id('p'), 'audited-actor', 'Audited actor');
delete from public.actors where key = 'audited-actor';
select tests.clear_authentication();
select results_eq(
  $$select action, changes -> 'key' from public.audit_log
    where entity_type = 'actors'
      and 'audited-actor' in (changes -> 'key' ->> 'new', changes -> 'key' ->> 'old')
    order by created_at$$,
  $$values ('insert', '{"old": null, "new": "audited-actor"}'::jsonb), ('delete', '{"old": "audited-actor", "new": null}'::jsonb)$$,
  'inserting and deleting an actor log the row as new and as old values'
);
select is(
  (select ip_address from public.audit_log where entity_type = 'actors' and action = 'insert'
    and changes -> 'key' ->> 'new' = 'audited-actor'), null,
  'a malformed X-Forwarded-For is logged as no ip instead of failing the write'
);

-- a new flow's content is not copied into the log: it stays in the flow, then in flow_revisions
select tests.authenticate_as(tests.id('editor'));
insert into public.flows (project_id, name, steps)
values (tests.id('p'), 'Audited by reference', '[{"id": "s1", "name": "Only in the flow"}]');
update public.flows set steps = '[]' where name = 'Audited by reference';
select tests.clear_authentication();
select ok(
  (select changes ? 'name' and changes ? 'revision' and not changes ? 'steps' from public.audit_log
    where entity_type = 'flows' and action = 'insert' and changes -> 'name' ->> 'new' = 'Audited by reference'),
  'a flow insert logs its columns but not its content (steps and the other JSON parts)'
);
select is(
  (select r.content -> 'steps' -> 0 ->> 'name' from public.flow_revisions as r
    inner join public.flows as f on f.id = r.flow_id
    where f.name = 'Audited by reference' and r.revision = 1),
  'Only in the flow', 'the content of revision 1 is kept in flow_revisions once the flow changes'
);
select is(
  (select changes -> 'steps' from public.audit_log as a
    inner join public.flows as f on f.id = a.entity_id
    where f.name = 'Audited by reference' and a.action = 'update'),
  '{"old_revision": 1, "new_revision": 2}'::jsonb,
  'a content edit names the revisions that hold the old and the new steps instead of copying them'
);
select ok(
  (select not (changes ?| array['integrations', 'business_rules', 'error_scenarios', 'performance_requirements',
      'custom_fields'])
    from public.audit_log as a inner join public.flows as f on f.id = a.entity_id
    where f.name = 'Audited by reference' and a.action = 'update'),
  'the content parts an edit did not change are not in its entry'
);

-- soft delete is logged as such
select tests.authenticate_as(tests.id('editor'));
delete from public.flows where id = tests.id('flow_p');
select tests.clear_authentication();
select is(
  (select count(*)::int from public.audit_log where entity_id = tests.id('flow_p') and action = 'soft_delete'), 1,
  'deleting a flow logs a soft_delete'
);

-- no-op updates are not logged
select tests.authenticate_as(tests.id('outsider'));
update public.service_domains set name = name where id = tests.id('domain_r');
select tests.clear_authentication();
select is(
  (select count(*)::int from public.audit_log where entity_id = tests.id('domain_r') and action = 'update'), 0,
  'an update that changes nothing logs nothing'
);

-- every audited table
select tests.clear_authentication();
select ok(
  exists (select 1 from public.audit_log where entity_type = t and action = 'insert'),
  'inserts into ' || t || ' are audited'
)
from unnest(array[
  'profiles', 'projects', 'project_members', 'service_domains', 'services', 'actors', 'integration_types', 'flows'
]) as t;

-- who reads the log
select tests.authenticate_as(tests.id('viewer'));
select cmp_ok(
  (select count(*)::int from public.audit_log where project_id = tests.id('p')), '>', 0, 'a viewer reads the project''s log'
);
select is(
  (select count(*)::int from public.audit_log where project_id in (tests.id('q'), tests.id('r'))), 0,
  'a viewer reads no log of projects they are not a member of'
);
select is(
  (select count(*)::int from public.audit_log where project_id is null and entity_id in (select id from tests.fixtures)), 0,
  'a viewer reads no profile entries'
);
select tests.authenticate_as(tests.id('reader'));
select is(
  (select count(*)::int from public.audit_log where project_id in (select id from tests.fixtures)), 0,
  'a non-member reads no log, not even of a public project'
);
select tests.authenticate_as(tests.id('outsider'));
select is(
  (select count(*)::int from public.audit_log where project_id = tests.id('p')), 0,
  'the outsider reads nothing of p''s log'
);
select cmp_ok(
  (select count(*)::int from public.audit_log where project_id = tests.id('r')), '>', 0, 'the outsider reads r''s log'
);
select tests.authenticate_as(tests.id('admin'));
select cmp_ok(
  (select count(*)::int from public.audit_log where project_id is null and entity_id in (select id from tests.fixtures)),
  '>', 0, 'a global admin reads the profile entries too'
);
select tests.authenticate_as_anon();
select throws_ok('select count(*) from public.audit_log', '42501', null, 'anon cannot read the audit log');

-- nobody writes it
select tests.authenticate_as(tests.id('owner'));
select throws_ok(
  $$insert into public.audit_log (action, entity_type) values ('insert', 'flows')$$, '42501', null,
  'the owner cannot forge an audit entry'
);
select throws_ok(
  $$update public.audit_log set actor_id = null where project_id = tests.id('p')$$, '42501', null,
  'the owner cannot alter audit entries'
);
select throws_ok(
  $$delete from public.audit_log where project_id = tests.id('p')$$, '42501', null, 'the owner cannot erase audit entries'
);
select tests.authenticate_as(tests.id('admin'));
select throws_ok(
  $$delete from public.audit_log$$, '42501', null, 'a global admin cannot erase audit entries'
);
select tests.authenticate_as_service_role();
select throws_ok(
  $$insert into public.audit_log (action, entity_type) values ('insert', 'flows')$$, '42501', null,
  'service_role cannot forge an audit entry'
);
select throws_ok(
  $$delete from public.audit_log$$, '42501', null, 'service_role cannot erase audit entries'
);
select tests.clear_authentication();
grant insert, update, delete on public.audit_log to service_role;
select tests.authenticate_as_service_role();
select throws_ok(
  $$delete from public.audit_log where project_id = tests.id('p')$$, '42501',
  'audit_log is read-only: it is written only by the database itself',
  'even with a grant, the append-only trigger stops service_role'
);

select * from finish();
rollback;
