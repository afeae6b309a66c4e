-- Numbers inside stored JSON fit a double (|x| < 1e300): a 5,000-digit number was accepted, and then every
-- Python reader of the project (backup, renders, export) failed on it.
begin;
\ir helpers/auth.sql
select plan(6);
select tests.create_world();
select tests.authenticate_as(tests.id('owner'));

select throws_ok(
  format($$ update public.flows set custom_fields = ('{"n": ' || repeat('9', 5000) || '}')::jsonb where id = %L $$,
    tests.id('flow_p')),
  '23514', null, 'a flow''s custom fields may not hold a 5,000-digit number'
);
select throws_ok(
  format($$ update public.flows set steps = '[{"id": "s1", "name": "x", "cost": -1e300}]' where id = %L $$,
    tests.id('flow_p')),
  '23514', null, 'a step may not hold -1e300'
);
select lives_ok(
  format($$ update public.flows set custom_fields =
    '{"n": 1e299, "m": [-12.5, 3, "1e301", true, null, {"deep": [-1e299, "x"]}]}' where id = %L $$,
    tests.id('flow_p')),
  'numbers that fit a double are fine, beside strings, booleans, nulls and nested values'
);
select throws_ok(
  format($$ update public.projects set settings = ('{"n": ' || repeat('9', 400) || '}')::jsonb where id = %L $$,
    tests.id('p')),
  '23514', null, 'project settings may not hold a 400-digit number'
);
select throws_ok(
  format($$ update public.actors set custom_fields = '{"n": 1e301}' where id = %L $$, tests.id('actor_p')),
  '23514', null, 'an actor''s custom fields may not hold 1e301'
);
select throws_ok(
  format($$ update public.services set custom_fields = '{"n": 1e301}' where id = %L $$, tests.id('service_p')),
  '23514', null, 'a service''s custom fields may not hold 1e301'
);

select * from finish();
rollback;
