-- flows: every CHECK constraint rejects its bad shape with 23514, naming itself or (the JSON parts) the bad field by
-- path and index, and accepts the good shape.
begin;
\ir helpers/auth.sql
select plan(100);

select tests.create_world();
select tests.authenticate_as(tests.id('editor'));

create temporary table bad_shapes (
  constraint_name text, col text, bad_value text, message text, why text
) on commit drop;
insert into bad_shapes values
  ('flows_name_length', 'name', $$''$$, null, 'an empty name'),
  ('flows_name_length', 'name', $$'   '$$, null, 'a blank name'),
  ('flows_name_length', 'name', $$repeat('n', 256)$$, null, 'a 256-character name'),
  ('flows_version_length', 'version', $$''$$, null, 'an empty version'),
  ('flows_entry_point_length', 'entry_point', $$repeat('e', 1001)$$, null, 'an entry point over 1000 characters'),
  ('flows_trigger_event_length', 'trigger_event', $$repeat('t', 1001)$$, null, 'a trigger event over 1000 characters'),
  ('flows_tags_are_valid', 'tags', $$array['ok', '']$$, 'tags[1]: must be a non-blank string of at most 50 characters', 'an empty tag'),
  ('flows_tags_are_valid', 'tags', $$array['ok', '   ']$$, 'tags[1]: must be a non-blank string of at most 50 characters', 'a tag of spaces'),
  ('flows_tags_are_valid', 'tags', $$array[repeat('x', 51)]$$, 'tags[0]: must be a non-blank string of at most 50 characters', 'a tag over 50 characters'),
  ('flows_tags_are_valid', 'tags', $$array['ok', null]$$, 'tags[1]: must be a non-blank string of at most 50 characters', 'a null tag'),
  ('flows_tags_are_valid', 'tags', $$array(select 't' || g from generate_series(1, 101) as g)$$, 'tags: at most 100 tags', '101 tags'),
  ('flows_steps_are_valid', 'steps', $$'{"id": "s1"}'$$, 'steps: must be a JSON array of objects', 'steps as an object instead of an array'),
  ('flows_steps_are_valid', 'steps', $$'["step one"]'$$, 'steps[0]: must be a JSON object', 'a step that is a string'),
  ('flows_steps_are_valid', 'steps', $$'[{"id": "s1", "name": "ok"}, 2]'$$, 'steps[1]: must be a JSON object', 'a step that is a number'),
  ('flows_steps_are_valid', 'steps', $$'[{"name": "no id"}]'$$, 'steps[0].id: must be a non-blank string', 'a step without id'),
  ('flows_steps_are_valid', 'steps', $$'[{"id": "s1"}]'$$, 'steps[0].name: must be a non-blank string', 'a step without name'),
  ('flows_steps_are_valid', 'steps', $$'[{"id": 1, "name": "numeric id"}]'$$, 'steps[0].id: must be a non-blank string', 'a step with a numeric id'),
  ('flows_steps_are_valid', 'steps', $$'[{"id": "s1", "name": "  "}]'$$, 'steps[0].name: must be a non-blank string', 'a step with a blank name'),
  ('flows_steps_are_valid', 'steps', $$'[{"id": "s1", "name": {"text": "n"}}]'$$, 'steps[0].name: must be a non-blank string', 'a step whose name is an object'),
  ('flows_steps_are_valid', 'steps', $$'[{"id": "s1", "name": "n", "actor": 5}]'$$, 'steps[0].actor: must be a string or null', 'a step whose actor is a number'),
  ('flows_steps_are_valid', 'steps', $$'[{"id": "s1", "name": "n", "description": ["x"]}]'$$, 'steps[0].description: must be a string or null', 'a step whose description is an array'),
  ('flows_steps_are_valid', 'steps', $$'[{"id": "s1", "name": "a"}, {"id": "s2", "name": "b"}, {"id": "s1", "name": "c"}]'$$, 'steps[2].id: duplicate id "s1" (steps[0] has it too)', 'two steps with one id'),
  ('flows_steps_are_valid', 'steps', $$(select jsonb_agg(jsonb_build_object('id', 's' || g, 'name', 'n')) from generate_series(1, 1001) as g)$$, 'steps: at most 1000 entries', '1001 steps'),
  ('flows_integrations_are_valid', 'integrations', $$'"rest"'$$, 'integrations: must be a JSON array of objects', 'integrations as a string'),
  ('flows_integrations_are_valid', 'integrations', $$'[[]]'$$, 'integrations[0]: must be a JSON object', 'an integration that is an array'),
  ('flows_integrations_are_valid', 'integrations', $$'[{"from": "a", "to": "b"}]'$$, 'integrations[0].type: must be a non-blank string', 'an integration without type'),
  ('flows_integrations_are_valid', 'integrations', $$'[{"to": "b", "type": "rest"}]'$$, 'integrations[0].from: must be a non-blank string', 'an integration without from'),
  ('flows_integrations_are_valid', 'integrations', $$'[{"from": "a", "to": null, "type": "rest"}]'$$, 'integrations[0].to: must be a non-blank string', 'an integration with a null to'),
  ('flows_integrations_are_valid', 'integrations', $$'[{"from": "a", "to": "b", "type": "rest", "protocol": 443}]'$$, 'integrations[0].protocol: must be a string or null', 'an integration whose protocol is a number'),
  ('flows_business_rules_are_valid', 'business_rules', $$'{}'$$, 'business_rules: must be a JSON array of objects', 'business rules as an object'),
  ('flows_business_rules_are_valid', 'business_rules', $$'[true]'$$, 'business_rules[0]: must be a JSON object', 'a business rule that is a boolean'),
  ('flows_business_rules_are_valid', 'business_rules', $$'[{"id": "BR-1"}]'$$, 'business_rules[0].description: must be a non-blank string', 'a business rule without description'),
  ('flows_business_rules_are_valid', 'business_rules', $$'[{"description": "d"}]'$$, 'business_rules[0].id: must be a non-blank string', 'a business rule without id'),
  ('flows_business_rules_are_valid', 'business_rules', $$'[{"id": "BR-1", "description": "a"}, {"id": "BR-1", "description": "b"}]'$$, 'business_rules[1].id: duplicate id "BR-1" (business_rules[0] has it too)', 'two business rules with one id'),
  ('flows_error_scenarios_are_valid', 'error_scenarios', $$'5'$$, 'error_scenarios: must be a JSON array of objects', 'error scenarios as a number'),
  ('flows_error_scenarios_are_valid', 'error_scenarios', $$'[null]'$$, 'error_scenarios[0]: must be a JSON object', 'an error scenario that is null'),
  ('flows_error_scenarios_are_valid', 'error_scenarios', $$'[{"id": "E-1", "condition": "c"}]'$$, 'error_scenarios[0].handling: must be a non-blank string', 'an error scenario without handling'),
  ('flows_error_scenarios_are_valid', 'error_scenarios', $$'[{"id": "E-1", "handling": "h"}]'$$, 'error_scenarios[0].condition: must be a non-blank string', 'an error scenario without condition'),
  ('flows_error_scenarios_are_valid', 'error_scenarios', $$'[{"id": "E", "condition": "c", "handling": "h"}, {"id": "E", "condition": "d", "handling": "i"}]'$$, 'error_scenarios[1].id: duplicate id "E" (error_scenarios[0] has it too)', 'two error scenarios with one id'),
  ('flows_performance_requirements_are_valid', 'performance_requirements', $$'[]'$$, 'performance_requirements: must be a JSON object', 'performance requirements as an array'),
  ('flows_performance_requirements_are_valid', 'performance_requirements', $$'"fast"'$$, 'performance_requirements: must be a JSON object', 'performance requirements as a string'),
  ('flows_performance_requirements_are_valid', 'performance_requirements', $$'{"response_time_ms": "2s"}'$$, 'performance_requirements.response_time_ms: must be a number >= 0', 'a response time that is a string'),
  ('flows_performance_requirements_are_valid', 'performance_requirements', $$'{"throughput_per_minute": -1}'$$, 'performance_requirements.throughput_per_minute: must be a number >= 0', 'a negative throughput'),
  ('flows_performance_requirements_are_valid', 'performance_requirements', $$'{"availability_percent": 101}'$$, 'performance_requirements.availability_percent: must be a number from 0 to 100', 'an availability above 100 percent'),
  ('flows_performance_requirements_are_valid', 'performance_requirements', $$'{"sla": 5}'$$, 'performance_requirements.sla: must be a string or null', 'an SLA that is a number'),
  ('flows_custom_fields_is_object', 'custom_fields', $$'[]'$$, null, 'custom fields as an array');
grant select on bad_shapes to authenticated;

-- A JSON part's error names the field by path; a column's names its constraint.
select throws_ok(
  format('insert into public.flows (project_id, name, %I) values (tests.id(''p''), ''Bad'', %s)', col, bad_value),
  '23514', coalesce(message, format('new row for relation "flows" violates check constraint "%s"', constraint_name)),
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
  '23514', coalesce(message, format('new row for relation "flows" violates check constraint "%s"', constraint_name)),
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
      '[{"id": "s1", "name": "Submit", "actor": "actor-p", "service": "service-p", "description": "d", "type": "action"},
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
reset role;  -- the search documents are readable by their owner only
select ok(
  (select s.search @@ to_tsquery('english', 'submit & checkout') from private.flow_search as s
    inner join public.flows as f on f.id = s.flow_id where f.name = 'Well-formed'),
  'the search document written on insert covers step names and tags'
);

-- A list part's shape (its keys and its jsonpath query) is built once per session, when the part's rule is first
-- planned, not on every check: built per call it cost a valid step list half its check. The run as hosted
-- Supabase's postgres cannot count calls and skips the counts.
create temp table calls_before on commit drop as
select tests.count_function_calls() as counting,
  tests.function_calls('private.json_objects_shape(text[], text[], boolean, integer)') as shapes,
  tests.function_calls('private.json_objects_errors(jsonb, text, private.json_objects_shape)') as checks;
select is(
  (select count(*) from generate_series(1, 20) as g (i)
    where private.steps_errors(jsonb_build_array(jsonb_build_object('id', 's' || g.i, 'name', 'Step'))) = '[]'),
  20::bigint, 'twenty valid step lists'
);
select case when (select b.counting from calls_before as b) then is(
  tests.function_calls('private.json_objects_errors(jsonb, text, private.json_objects_shape)')
  - (select b.checks from calls_before as b), 20::bigint, 'twenty step lists checked, each counted'
) else skip('counting calls needs a superuser') end;
select case when (select b.counting from calls_before as b) then cmp_ok(
  tests.function_calls('private.json_objects_shape(text[], text[], boolean, integer)')
  - (select b.shapes from calls_before as b), '<=', 1::bigint,
  'the steps'' shape was built at most once for them, not once per check'
) else skip('counting calls needs a superuser') end;

select * from finish();
rollback;
