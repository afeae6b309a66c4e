-- where_used: every flow, step and integration using a registry entry, within the entry's project only.
begin;
\ir helpers/auth.sql
select plan(13);
select tests.create_world();

-- p (private, owner's) and r (private, outsider's) both have a service keyed "shared", used by a step in each.
insert into tests.fixtures (name, id) values ('shared_p', gen_random_uuid()), ('shared_r', gen_random_uuid());
insert into public.services (id, project_id, domain_id, key, name)
values (tests.id('shared_p'), tests.id('p'), tests.id('domain_p'), 'shared', 'Shared in p'),
(tests.id('shared_r'), tests.id('r'), tests.id('domain_r'), 'shared', 'Shared in r');
update public.flows set
  steps = '[{"id": "s1", "name": "Call", "service": "shared", "actor": "actor-p", "integration": "i1"},
            {"id": "s2", "name": "Answer", "service": "shared", "integration": "i1"}]',
  integrations = '[{"id": "i1", "from": "shared", "to": "actor-p", "type": "itype-p"},
                   {"id": "i2", "from": "elsewhere", "to": "nowhere", "type": "itype-p"}]'
where id = tests.id('flow_p');
update public.flows set steps = '[{"id": "s1", "name": "Call r", "service": "shared"}]' where id = tests.id('flow_r');
-- A deleted flow of p that used the key does not count.
insert into public.flows (project_id, name, steps, deleted_at)
values (tests.id('p'), 'Deleted flow', '[{"id": "s1", "name": "Old", "service": "shared"}]', now());

select tests.authenticate_as(tests.id('viewer'));
select results_eq(
  format($$select flow_id, used_as, step_id, step_index, integration_id from public.where_used('service', %L)$$,
    tests.id('shared_p')),
  format($$values (%1$L::uuid, 'step_service', 's1', 0, null::text), (%1$L, 'integration_from', 's1', 0, 'i1'),
    (%1$L, 'step_service', 's2', 1, null), (%1$L, 'integration_from', 's2', 1, 'i1')$$, tests.id('flow_p')),
  'a member sees each step and integration of the project''s live flows using the service'
);
select is(
  (select count(*)::int from public.where_used('service', tests.id('shared_p')) where flow_id = tests.id('flow_r')),
  0, 'the same key in another project is not a use'
);
select results_eq(
  format($$select used_as, step_id from public.where_used('actor', %L)$$, tests.id('actor_p')),
  $$values ('flow_actor', null::text), ('step_actor', 's1'), ('integration_to', 's1'), ('integration_to', 's2')$$,
  'an actor is used by the flow''s actor list, a step and an integration'
);
select results_eq(
  format($$select used_as, integration_id, integration_index, step_id from public.where_used('integration_type', %L)$$,
    tests.id('itype_p')),
  $$values ('integration_type', 'i2', 1, null::text), ('integration_type', 'i1', 0, 's1'),
    ('integration_type', 'i1', 0, 's2')$$,
  'an integration type is used by the integrations naming its key: once per step carrying one, or once alone'
);
select results_eq(
  format($$select used_as from public.where_used('service_domain', %L)$$, tests.id('domain_p')),
  $$values ('flow_service_domain')$$, 'a service domain is used by the flows in it'
);
select results_eq(
  format($$select used_as from public.where_used('service', %L)$$, tests.id('service_p')),
  $$values ('flow_service')$$, 'a service is used by the flows it owns'
);
select throws_ok(
  format('select * from public.where_used(%L, %L)', 'service', tests.id('shared_r')), 'PT404', null,
  'a member of p gets not found for an entry of a project they cannot read'
);
select throws_ok(
  format('select * from public.where_used(%L, %L)', 'actor', tests.id('shared_p')), 'PT404', null,
  'an id of another kind is not found'
);
select throws_ok(
  format('select * from public.where_used(%L, %L)', 'flow', tests.id('shared_p')), '22023',
  'kind must be service, actor, service_domain or integration_type, not flow', 'a bad kind names the field'
);

select tests.authenticate_as(tests.id('outsider'));
select results_eq(
  format($$select flow_id, used_as from public.where_used('service', %L)$$, tests.id('shared_r')),
  format($$values (%L::uuid, 'step_service')$$, tests.id('flow_r')),
  'the outsider sees only their own project''s use of the same-named key'
);
select throws_ok(
  format('select * from public.where_used(%L, %L)', 'service', tests.id('shared_p')), 'PT404', null,
  'a non-member of a private project gets not found, never its flows'
);

select tests.authenticate_as(tests.id('reader'));
select results_eq(
  format($$select flow_id, used_as from public.where_used('service', %L)$$, tests.id('service_q')),
  format($$values (%L::uuid, 'flow_service')$$, tests.id('flow_q')),
  'anyone signed in reads the uses in a public project'
);

select tests.authenticate_as_anon();
select throws_ok(
  format('select * from public.where_used(%L, %L)', 'service', tests.id('service_q')), '42501', null,
  'anon may not call it'
);

select * from finish();
rollback;
