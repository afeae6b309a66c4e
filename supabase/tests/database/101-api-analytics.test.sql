-- project_analytics: counts, coverage gaps, backlog and activity of a project the caller can read; 404 otherwise.
begin;
\ir helpers/auth.sql
select plan(14);
select tests.create_world();

insert into public.services (project_id, domain_id, key, name)
values (tests.id('p'), tests.id('domain_p'), 'idle-service', 'Idle service');
insert into public.actors (project_id, key, name) values (tests.id('p'), 'idle-actor', 'Idle actor');
-- A step naming a missing actor, as data written before references were enforced (the check off; rolled back).
alter table public.flows disable trigger _510_step_references_on_update;
update public.flows set steps = '[{"id": "s1", "name": "Call", "actor": "ghost", "service": "service-p"}]'
where id = tests.id('flow_p');
alter table public.flows enable trigger _510_step_references_on_update;

select tests.authenticate_as(tests.id('viewer'));
select is((to_jsonb(public.project_analytics(tests.id('p'))) ->> 'flow_count')::int, 1, 'a viewer sees the flow count');
select is(
  (to_jsonb(public.project_analytics(tests.id('p'))) -> 'by_status' ->> 'draft')::int, 1, 'flows are counted by status'
);
select is(
  (public.project_analytics(tests.id('p'))).by_status, row(1, 0, 0, 0)::public.analytics_status_counts,
  'the dashboard is a typed row: every status is counted, zeros included'
);
select is(
  pg_typeof(public.project_analytics(tests.id('p')))::text, 'project_dashboard',
  'project_analytics returns the composite type project_dashboard (typed for supabase gen types)'
);
select is(
  to_jsonb(public.project_analytics(tests.id('p'))) #> '{gaps,services_without_flows}' -> 0 ->> 'key', 'idle-service',
  'a service without flows is a gap'
);
select is(
  to_jsonb(public.project_analytics(tests.id('p'))) #> '{gaps,unused_actors}' -> 0 ->> 'key', 'idle-actor',
  'an unused actor is a gap'
);
select is(
  to_jsonb(public.project_analytics(tests.id('p'))) #> '{gaps,steps_with_missing_references}' -> 0 ->> 'missing_actor', 'ghost',
  'a step naming a missing actor is a gap'
);
select is(
  jsonb_array_length(to_jsonb(public.project_analytics(tests.id('p'))) #> '{gaps,flows_without_error_scenarios}'), 1,
  'a flow without error scenarios is a gap'
);
select is(
  (select e - 'id' - 'name' from jsonb_array_elements(to_jsonb(public.project_analytics(tests.id('p'))) -> 'usage') as e
   where e ->> 'key' = 'service-p'),
  '{"kind": "service", "key": "service-p", "flows": 1, "uses": 2}'::jsonb,
  'usage counts a service''s flows and uses (the flow''s service and a step), like where_used'
);
select is(
  (select (e ->> 'flows')::int from jsonb_array_elements(to_jsonb(public.project_analytics(tests.id('p'))) -> 'usage') as e
   where e ->> 'key' = 'idle-service'),
  0, 'usage lists an unused entry with zero flows'
);
select is(
  to_jsonb(public.project_analytics(tests.id('p'))) -> 'by_actor' -> 0 ->> 'flows', '1',
  'by_actor counts the flows naming the actor'
);
select ok(
  jsonb_array_length(to_jsonb(public.project_analytics(tests.id('p'))) -> 'recent_activity') > 0,
  'recent activity comes from the audit log'
);

select tests.authenticate_as(tests.id('outsider'));
select throws_ok(
  format('select public.project_analytics(%L)', tests.id('p')), 'PT404', null,
  'a non-member gets not found, as if the project did not exist'
);
select tests.authenticate_as(tests.id('reader'));
select is(
  (to_jsonb(public.project_analytics(tests.id('q'))) ->> 'flow_count')::int, 1, 'anyone signed in reads a public project'
);

select * from finish();
rollback;
