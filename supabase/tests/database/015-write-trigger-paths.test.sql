-- The cheap paths of the write triggers keep every rule: a multi-row insert is audited row by row from one
-- statement, the JSON written as text reads back exactly, and the immutable-column check (now behind a WHEN)
-- still rejects API roles, lets same-value updates and the owner through.
begin;
\ir helpers/auth.sql
select plan(19);

select tests.create_world();

-- one statement, three flows: three entries, each for its own row, with the request's user, role, ip and agent
select tests.authenticate_as(tests.id('editor'));
select tests.set_request_headers('{"x-forwarded-for": "198.51.100.4", "user-agent": "bulk/1.0"}');
insert into public.flows (project_id, name, tags)
select tests.id('p'), 'Bulk ' || n, array['bulk']
from generate_series(1, 3) as n;
select tests.clear_authentication();

create temporary table bulk_entries on commit drop as
select a.*, f.name as flow_name from public.audit_log as a
inner join public.flows as f on f.id = a.entity_id
where a.entity_type = 'flows' and a.action = 'insert' and f.name like 'Bulk %';

select is((select count(*)::int from bulk_entries), 3, 'a three-row insert writes three audit entries');
select ok(
  (select bool_and(changes -> 'name' ->> 'new' = flow_name and flow_id = entity_id) from bulk_entries),
  'each entry holds the name and id of its own row'
);
select ok(
  (select bool_and(
    actor_id = tests.id('editor') and actor_role = 'authenticated' and project_id = tests.id('p')
    and ip_address = '198.51.100.4'::inet and user_agent = 'bulk/1.0'
  ) from bulk_entries),
  'each entry names the user, role, project, ip and user agent of the request'
);
select ok(
  (select bool_and(
    changes -> 'id' ->> 'new' = entity_id::text and changes -> 'revision' = '{"old": null, "new": 1}'::jsonb
    and changes -> 'status' = '{"old": null, "new": "draft"}'::jsonb
  ) from bulk_entries),
  'each entry holds the columns of its row as new, old null'
);
select ok(
  (select bool_and(not changes ? 'steps' and not changes ? 'search') from bulk_entries),
  'a bulk insert leaves out the flow content and the search vector, like a single insert'
);

-- an insert that inserts nothing logs nothing and fails nothing
select tests.authenticate_as(tests.id('editor'));
select lives_ok(
  $$insert into public.flows (project_id, name) select tests.id('p'), 'Never' where false$$,
  'an insert of no rows succeeds'
);
select tests.clear_authentication();
select is(
  (select count(*)::int from public.audit_log where changes -> 'name' ->> 'new' = 'Never'), 0,
  'an insert of no rows writes no audit entry'
);

-- values written as JSON text read back exactly: quotes, backslashes, control characters, non-ASCII, arrays
select tests.authenticate_as(tests.id('editor'));
insert into public.actors (project_id, key, name, description)
values (
  tests.id('p'), 'odd-actor', E'Tab\there "quoted" \\ back\\slash', E'Line one\nline two, caf\u00e9, \u2603, {"not": "json"}'
);
select tests.clear_authentication();
select is(
  (select changes -> 'name' ->> 'new' from public.audit_log
    where entity_type = 'actors' and action = 'insert' and changes -> 'key' ->> 'new' = 'odd-actor'),
  E'Tab\there "quoted" \\ back\\slash', 'an inserted name with tabs, quotes and backslashes is logged unchanged'
);
select is(
  (select changes -> 'description' ->> 'new' from public.audit_log
    where entity_type = 'actors' and action = 'insert' and changes -> 'key' ->> 'new' = 'odd-actor'),
  E'Line one\nline two, caf\u00e9, \u2603, {"not": "json"}',
  'an inserted description with newlines, non-ASCII and braces is logged unchanged'
);
select is(
  (select changes -> 'tags' -> 'new' from bulk_entries limit 1), '["bulk"]'::jsonb,
  'an inserted array is logged as a JSON array'
);
select tests.authenticate_as(tests.id('editor'));
delete from public.actors where key = 'odd-actor';
select tests.clear_authentication();
select is(
  (select changes -> 'name' from public.audit_log
    where entity_type = 'actors' and action = 'delete' and changes -> 'key' ->> 'old' = 'odd-actor'),
  jsonb_build_object('old', E'Tab\there "quoted" \\ back\\slash', 'new', null),
  'a deleted row is logged with its exact old values'
);

-- immutable columns: the check runs only when one of them changes, and still holds for every API role
select tests.authenticate_as_service_role();
select lives_ok(
  $$update public.flows set created_by = created_by, project_id = project_id, description = 'Same stamps'
    where id = tests.id('flow_p')$$,
  'an update that writes the immutable columns with their own values goes through'
);
select throws_ok(
  $$update public.flows set created_at = created_at - interval '1 day' where id = tests.id('flow_p')$$, '42501',
  'flows.created_at cannot be changed', 'service_role still cannot move the creation time of a flow'
);
select tests.clear_authentication();
-- the owner (migrations, definer functions) is the maintenance path and may
update public.flows set created_by = tests.id('owner') where id = tests.id('flow_p');
select is(
  (select created_by from public.flows where id = tests.id('flow_p')), tests.id('owner'),
  'the owner may change a protected column'
);
select tests.authenticate_as_service_role();
select throws_ok(
  $$update public.flows set created_by = null where id = tests.id('flow_p')$$, '42501',
  'flows.created_by cannot be changed', 'a protected column emptied (set to null) counts as a change'
);
select tests.clear_authentication();

-- the append-only check in the history tables' WHEN still stops service_role
grant update on public.flow_revisions to service_role;
select tests.authenticate_as_service_role();
select throws_ok(
  $$update public.flow_revisions set revision = revision where flow_id = tests.id('flow_p')$$, '42501',
  'flow_revisions is read-only: it is written only by the database itself',
  'service_role cannot update flow_revisions even with a grant, even to the same values'
);
select tests.clear_authentication();

-- the step reference checks read the registries as their definer: the flows policies have already found the
-- caller an editor of the flow's project, so the registries' read policies are not asked again (they were, twice
-- per insert); a key of another project, even a public one the caller may read, still does not count
create temporary table readable_calls on commit drop as
select tests.count_function_calls() as counting, tests.function_calls('private.readable_project_ids()') as before;
select tests.authenticate_as(tests.id('editor'));
select lives_ok(
  $$insert into public.flows (project_id, name, steps)
    values (tests.id('p'), 'Names both', '[{"id": "s1", "name": "Ask", "actor": "actor-p", "service": "service-p"}]')$$,
  'an editor inserts a flow whose step names an actor and a service of the project'
);
select tests.clear_authentication();
select case when (select counting from readable_calls) then is(
  tests.function_calls('private.readable_project_ids()') - (select before from readable_calls), 0::bigint,
  'its step references were checked without the registries'' read policies'
) else skip('counting calls needs a superuser') end;
select tests.authenticate_as(tests.id('editor'));
select throws_ok(
  $$insert into public.flows (project_id, name, steps)
    values (tests.id('p'), 'Borrows', '[{"id": "s1", "name": "Ask", "actor": "actor-q"}]')$$,
  '23514', 'steps[0].actor: no actor with key "actor-q" in this project',
  'a step naming an actor of another (public) project is refused'
);
select tests.clear_authentication();

select * from finish();
rollback;
