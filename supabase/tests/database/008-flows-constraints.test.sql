-- flows: every CHECK constraint rejects its bad shape, names itself, and accepts the good shape.
begin;
\ir helpers/auth.sql
select plan(87);

select tests.create_world();
select tests.authenticate_as(tests.id('editor'));

create temporary table bad_shapes (constraint_name text, col text, bad_value text, why text) on commit drop;
insert into bad_shapes values
  ('flows_name_length', 'name', $$''$$, 'an empty name'),
  ('flows_name_length', 'name', $$repeat('n', 256)$$, 'a 256-character name'),
  ('flows_version_length', 'version', $$''$$, 'an empty version'),
  ('flows_entry_point_length', 'entry_point', $$repeat('e', 1001)$$, 'an entry point over 1000 characters'),
  ('flows_trigger_event_length', 'trigger_event', $$repeat('t', 1001)$$, 'a trigger event over 1000 characters'),
  ('flows_tags_are_valid', 'tags', $$array['ok', '']$$, 'an empty tag'),
  ('flows_tags_are_valid', 'tags', $$array[repeat('x', 51)]$$, 'a tag over 50 characters'),
  ('flows_tags_are_valid', 'tags', $$array['ok', null]$$, 'a null tag'),
  ('flows_steps_are_objects', 'steps', $$'{"id": "s1"}'$$, 'steps as an object instead of an array'),
  ('flows_steps_are_objects', 'steps', $$'["step one"]'$$, 'a step that is a string'),
  ('flows_steps_are_objects', 'steps', $$'[{"id": "s1", "name": "ok"}, 2]'$$, 'a step that is a number'),
  ('flows_steps_have_id_and_name', 'steps', $$'[{"name": "no id"}]'$$, 'a step without id'),
  ('flows_steps_have_id_and_name', 'steps', $$'[{"id": "s1"}]'$$, 'a step without name'),
  ('flows_steps_have_id_and_name', 'steps', $$'[{"id": 1, "name": "numeric id"}]'$$, 'a step with a numeric id'),
  ('flows_steps_have_id_and_name', 'steps', $$'[{"id": "s1", "name": "  "}]'$$, 'a step with a blank name'),
  ('flows_steps_fields_are_strings', 'steps', $$'[{"id": "s1", "name": "n", "actor": 5}]'$$, 'a step whose actor is a number'),
  ('flows_steps_fields_are_strings', 'steps', $$'[{"id": "s1", "name": "n", "description": ["x"]}]'$$,
    'a step whose description is an array'),
  ('flows_step_ids_unique', 'steps', $$'[{"id": "s1", "name": "a"}, {"id": "s1", "name": "b"}]'$$, 'two steps with one id'),
  ('flows_integrations_are_objects', 'integrations', $$'"rest"'$$, 'integrations as a string'),
  ('flows_integrations_are_objects', 'integrations', $$'[[]]'$$, 'an integration that is an array'),
  ('flows_integrations_have_from_to_type', 'integrations', $$'[{"from": "a", "to": "b"}]'$$, 'an integration without type'),
  ('flows_integrations_have_from_to_type', 'integrations', $$'[{"to": "b", "type": "rest"}]'$$,
    'an integration without from'),
  ('flows_integrations_have_from_to_type', 'integrations', $$'[{"from": "a", "to": null, "type": "rest"}]'$$,
    'an integration with a null to'),
  ('flows_integrations_fields_are_strings', 'integrations',
    $$'[{"from": "a", "to": "b", "type": "rest", "protocol": 443}]'$$, 'an integration whose protocol is a number'),
  ('flows_business_rules_are_objects', 'business_rules', $$'{}'$$, 'business rules as an object'),
  ('flows_business_rules_are_objects', 'business_rules', $$'[true]'$$, 'a business rule that is a boolean'),
  ('flows_business_rules_have_id_and_description', 'business_rules', $$'[{"id": "BR-1"}]'$$,
    'a business rule without description'),
  ('flows_business_rules_have_id_and_description', 'business_rules', $$'[{"description": "d"}]'$$,
    'a business rule without id'),
  ('flows_business_rule_ids_unique', 'business_rules',
    $$'[{"id": "BR-1", "description": "a"}, {"id": "BR-1", "description": "b"}]'$$, 'two business rules with one id'),
  ('flows_error_scenarios_are_objects', 'error_scenarios', $$'5'$$, 'error scenarios as a number'),
  ('flows_error_scenarios_are_objects', 'error_scenarios', $$'[null]'$$, 'an error scenario that is null'),
  ('flows_error_scenarios_have_id_condition_handling', 'error_scenarios', $$'[{"id": "E-1", "condition": "c"}]'$$,
    'an error scenario without handling'),
  ('flows_error_scenarios_have_id_condition_handling', 'error_scenarios', $$'[{"id": "E-1", "handling": "h"}]'$$,
    'an error scenario without condition'),
  ('flows_error_scenario_ids_unique', 'error_scenarios',
    $$'[{"id": "E", "condition": "c", "handling": "h"}, {"id": "E", "condition": "d", "handling": "i"}]'$$,
    'two error scenarios with one id'),
  ('flows_performance_requirements_is_object', 'performance_requirements', $$'[]'$$,
    'performance requirements as an array'),
  ('flows_performance_requirements_is_object', 'performance_requirements', $$'"fast"'$$,
    'performance requirements as a string'),
  ('flows_performance_requirements_are_valid', 'performance_requirements', $$'{"response_time_ms": "2s"}'$$,
    'a response time that is a string'),
  ('flows_performance_requirements_are_valid', 'performance_requirements', $$'{"throughput_per_minute": -1}'$$,
    'a negative throughput'),
  ('flows_performance_requirements_are_valid', 'performance_requirements', $$'{"availability_percent": 101}'$$,
    'an availability above 100 percent'),
  ('flows_performance_requirements_are_valid', 'performance_requirements', $$'{"sla": 5}'$$, 'an SLA that is a number'),
  ('flows_custom_fields_is_object', 'custom_fields', $$'[]'$$, 'custom fields as an array');
grant select on bad_shapes to authenticated;

select throws_ok(
  format('insert into public.flows (project_id, name, %I) values (tests.id(''p''), ''Bad'', %s)',
    col, bad_value),
  '23514', format('new row for relation "flows" violates check constraint "%s"', constraint_name),
  format('inserting %s violates %s', why, constraint_name)
)
from bad_shapes
where col <> 'name';

select throws_ok(
  format('insert into public.flows (project_id, name) values (tests.id(''p''), %s)', bad_value),
  '23514', format('new row for relation "flows" violates check constraint "%s"', constraint_name),
  format('inserting %s violates %s', why, constraint_name)
)
from bad_shapes
where col = 'name';

select throws_ok(
  format('update public.flows set %I = %s where id = tests.id(''flow_p'')', col, bad_value),
  '23514', format('new row for relation "flows" violates check constraint "%s"', constraint_name),
  format('updating to %s violates %s', why, constraint_name)
)
from bad_shapes;

select throws_ok(
  $$insert into public.flows (project_id, name, priority) values (tests.id('p'), 'Urgent', 'Urgent')$$,
  '22P02', 'invalid input value for enum flow_priority: "Urgent"', 'a priority outside Low..Critical is rejected'
);
select throws_ok(
  $$update public.flows set status = 'archived' where id = tests.id('flow_p')$$,
  '22P02', 'invalid input value for enum flow_status: "archived"', 'an unknown status is rejected'
);

select lives_ok(
  $$insert into public.flows (
      project_id, name, tags, steps, integrations, business_rules, error_scenarios, performance_requirements
    ) values (
      tests.id('p'), 'Well-formed', array['checkout', 'b2c'],
      '[{"id": "s1", "name": "Submit", "actor": "customer", "service": "web-shop", "description": "d", "type": "action"},
        {"id": "s2", "name": "Confirm", "actor": null, "extra": {"anything": true}}]',
      '[{"id": "i1", "from": "web-shop", "to": "order-service", "type": "rest", "protocol": "HTTPS", "data": "basket"}]',
      '[{"id": "BR-1", "description": "Orders above 10k need review", "severity": "high"}]',
      '[{"id": "E-1", "condition": "timeout", "handling": "retry once", "description": "slow upstream"}]',
      '{"response_time_ms": 1500, "throughput_per_minute": 600, "availability_percent": 99.9, "sla": "p95 < 1.5 s"}'
    )$$,
  'a flow with every part in the documented shape is accepted'
);
select is(
  (select jsonb_array_length(steps) from public.flows where name = 'Well-formed'), 2,
  'the well-formed flow keeps its two steps'
);
select ok(
  (select search @@ to_tsquery('english', 'submit & checkout') from public.flows where name = 'Well-formed'),
  'the generated search document covers step names and tags'
);

select * from finish();
rollback;
