-- flow_diff: what changed between revisions of a flow, step by step (by id), rule by rule, key by key.
begin;
\ir helpers/auth.sql
select plan(14);
select tests.create_world();

select tests.authenticate_as(tests.id('editor'));
-- Revision 1 -> 2: a step inserted before s1, s1 renamed and given an actor, a rule, an SLA key, name and tags.
update public.flows set
  name = 'Flow p v2', tags = '{checkout}',
  steps = '[{"id": "s0", "name": "New first"}, {"id": "s1", "name": "First step renamed", "actor": "actor-p"}]',
  business_rules = '[{"id": "BR-1", "description": "Orders over 1000 need approval"}]',
  performance_requirements = '{"sla": "99.9%"}'
where id = tests.id('flow_p');
-- Revision 2 -> 3: s1 moved before s0, the rule dropped, an error scenario added.
update public.flows set
  steps = '[{"id": "s1", "name": "First step renamed", "actor": "actor-p"}, {"id": "s0", "name": "New first"}]',
  business_rules = '[]',
  error_scenarios = '[{"id": "E-1", "condition": "Timeout", "handling": "Retry"}]'
where id = tests.id('flow_p');

select is(
  (select array_agg(field order by field) from public.flow_diff(tests.id('flow_p'), 1, 2) where part = 'flow'),
  array['name', 'tags'], 'the changed plain fields are listed by name, bookkeeping left out'
);
select results_eq(
  format($$select old_value, new_value from public.flow_diff(%L, 1, 2) where part = 'flow' and field = 'tags'$$,
    tests.id('flow_p')),
  $$values ('[]'::jsonb, '["checkout"]'::jsonb)$$, 'a plain field''s old and new values are its JSON values'
);
select is(
  (select new_value from public.flow_diff(tests.id('flow_p'), 1, 2) where part = 'flow' and field = 'name'),
  '"Flow p v2"'::jsonb, 'an edited field carries its new value'
);
select results_eq(
  format($$select change, item_id, new_position from public.flow_diff(%L, 1, 2) where part = 'steps' and field is null$$,
    tests.id('flow_p')),
  $$values ('added', 's0', 0)$$,
  'an inserted step is added at its position, and the step after it is not reported as moved'
);
select results_eq(
  format($$select field, change, old_value, new_value from public.flow_diff(%L, 1, 2)
           where part = 'steps' and item_id = 's1' and field is not null$$, tests.id('flow_p')),
  $$values ('actor', 'added', null::jsonb, '"actor-p"'::jsonb), ('name', 'edited', '"First step"', '"First step renamed"')$$,
  'an edited step lists each changed field: added where it was absent, edited where it differs'
);
select results_eq(
  format($$select change, item_id from public.flow_diff(%L, 1, 2) where part = 'business_rules'$$, tests.id('flow_p')),
  $$values ('added', 'BR-1')$$, 'a new business rule is added by id'
);
select results_eq(
  format($$select change, field, new_value from public.flow_diff(%L, 1, 2) where part = 'performance_requirements'$$,
    tests.id('flow_p')),
  $$values ('added', 'sla', '"99.9%"'::jsonb)$$, 'a new SLA key is added'
);
select results_eq(
  format($$select part, change, item_id, old_position, new_position from public.flow_diff(%L, 2)$$, tests.id('flow_p')),
  $$values ('steps', 'moved', 's1', 1, 0), ('business_rules', 'removed', 'BR-1', 0, null),
    ('error_scenarios', 'added', 'E-1', null, 0)$$,
  'to the current flow: one of two swapped steps moved, a rule removed, an error scenario added, in flow order'
);
select is(
  (select count(*)::int from public.flow_diff(tests.id('flow_p'), 3)), 0,
  'the current revision against the current flow is no change'
);
select is(
  (select count(*)::int from public.flow_diff(tests.id('flow_p'), 1, 1)), 0, 'a revision against itself is no change'
);
select is(
  (select count(*)::int from public.flow_diff(tests.id('flow_p'), 3, 1)),
  (select count(*)::int from public.flow_diff(tests.id('flow_p'), 1, 3)),
  'a diff backwards lists as many changes as forwards'
);
select throws_ok(
  format('select * from public.flow_diff(%L, 99)', tests.id('flow_p')), 'PT404', null,
  'a revision that does not exist is not found'
);
select throws_ok(
  format('select * from public.flow_diff(%L, null)', tests.id('flow_p')), '22023', 'from_revision is required',
  'from_revision is required, and the error names it'
);
select throws_ok(
  format('select * from public.flow_diff(%L, 1, 99)', tests.id('flow_p')), 'PT404', null,
  'a to_revision that does not exist is not found'
);

select * from finish();
rollback;
