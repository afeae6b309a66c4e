-- flows: actor_ids and service/domain references stay inside the project; deleting referenced rows cleans up.
begin;
\ir helpers/auth.sql
select plan(13);

select tests.create_world();
select tests.authenticate_as(tests.id('editor'));

select throws_ok(
  $$insert into public.flows (project_id, name, actor_ids) values (tests.id('p'), 'Foreign actor', array[tests.id('actor_q')])$$,
  '23503', format('flows.actor_ids: %s is not an actor of this project', tests.id('actor_q')),
  'a flow cannot reference an actor of another project'
);
select throws_ok(
  $$update public.flows set actor_ids = array[gen_random_uuid()] where id = tests.id('flow_p')$$, '23503', null,
  'a flow cannot reference an actor that does not exist'
);
select throws_ok(
  $$insert into public.flows (project_id, name, service_id) values (tests.id('p'), 'Foreign service', tests.id('service_q'))$$,
  '23503', 'insert or update on table "flows" violates foreign key constraint "flows_service_in_project"',
  'a flow cannot belong to a service of another project'
);
select throws_ok(
  $$insert into public.flows (project_id, name, service_domain_id) values (tests.id('p'), 'Foreign domain', tests.id('domain_q'))$$,
  '23503', 'insert or update on table "flows" violates foreign key constraint "flows_service_domain_in_project"',
  'a flow cannot belong to a domain of another project'
);
select is(
  (select service_domain_id from public.flows where id = tests.id('flow_p')), tests.id('domain_p'),
  'a flow given only a service gets that service''s domain'
);
insert into public.service_domains (project_id, key, name) values (tests.id('p'), 'other', 'Other domain');
select throws_ok(
  $$update public.flows set service_domain_id = (select id from public.service_domains where key = 'other')
    where id = tests.id('flow_p')$$,
  '23514', 'flows.service_id: the service is not in the flow''s service domain',
  'a flow''s service must be in the flow''s domain'
);

-- deleting referenced rows
select is(
  tests.row_count($$delete from public.actors where id = tests.id('actor_p')$$), 1, 'an editor deletes an actor used by a flow'
);
select is(
  (select actor_ids from public.flows where id = tests.id('flow_p')), '{}'::uuid[],
  'the deleted actor is taken out of the flow''s actor_ids'
);
select is(
  (select count(*)::int from public.flow_revisions where flow_id = tests.id('flow_p')), 1,
  'removing the actor from the flow is kept as a revision'
);
select tests.clear_authentication();
set local flowatlas.hard_delete = 'on';
delete from public.services where id = tests.id('service_p');
set local flowatlas.hard_delete = 'off';
select results_eq(
  $$select service_id, service_domain_id from public.flows where id = tests.id('flow_p')$$,
  $$values (null::uuid, tests.id('domain_p'))$$,
  'deleting a service clears only the flow''s service, not its domain or project'
);
select tests.authenticate_as(tests.id('editor'));
select is(
  tests.row_count($$delete from public.service_domains where id = tests.id('domain_p')$$), 1,
  'a domain without services can be deleted'
);
select is(
  (select service_domain_id from public.flows where id = tests.id('flow_p')), null,
  'deleting a domain clears the flow''s domain'
);
select is(
  (select project_id from public.flows where id = tests.id('flow_p')), tests.id('p'), 'the flow stays in its project'
);

select * from finish();
rollback;
