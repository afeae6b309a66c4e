-- JSON nested deeper than 32 levels is refused everywhere it is stored: it is no document, and it breaks
-- the renderers (found by the hostile-input suite: 300 levels of custom_fields made every document a 500).
begin;
\ir helpers/auth.sql
select plan(6);
select tests.create_world();
select tests.authenticate_as(tests.id('owner'));

select throws_ok(
  format($$ update public.flows set custom_fields = (repeat('{"a":', 40) || '1' || repeat('}', 40))::jsonb
            where id = %L $$, tests.id('flow_p')),
  '23514', null, 'a flow''s custom fields may not nest 40 levels deep'
);
select throws_ok(
  format($$ update public.flows set steps = jsonb_build_array(jsonb_build_object('id', 's1', 'name', 'x',
            'detail', (repeat('[', 40) || repeat(']', 40))::jsonb)) where id = %L $$, tests.id('flow_p')),
  '23514', null, 'a step may not nest 40 levels deep'
);
select lives_ok(
  format($$ update public.flows set custom_fields = (repeat('{"a":', 20) || '1' || repeat('}', 20))::jsonb
            where id = %L $$, tests.id('flow_p')),
  'twenty levels are fine'
);
select throws_ok(
  format($$ update public.projects set settings = (repeat('{"a":', 40) || '1' || repeat('}', 40))::jsonb
            where id = %L $$, tests.id('p')),
  '23514', null, 'project settings may not nest 40 levels deep'
);
select throws_ok(
  format($$ update public.actors set custom_fields = (repeat('{"a":', 40) || '1' || repeat('}', 40))::jsonb
            where id = %L $$, tests.id('actor_p')),
  '23514', null, 'registry custom fields may not nest 40 levels deep'
);
select throws_ok(
  $$ select public.import_project(('{"format": "flowatlas.project/v1", "project": {"name": "Deep"},
       "flows": [{"name": "f", "custom_fields": ' || repeat('{"a":', 40) || '1' || repeat('}', 40) || '}]}')::jsonb) $$,
  '22023', null, 'an import with a too deeply nested flow is refused'
);

select * from finish();
rollback;
