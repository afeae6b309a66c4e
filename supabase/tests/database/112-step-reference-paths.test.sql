-- Step references, the cheap paths: an INSERT checks all its flows at once (one statement trigger), and an edit
-- of steps that names no key the flow did not name already looks nothing up; a new key is looked up as ever.
begin;
\ir helpers/auth.sql
select plan(5);

select tests.create_world();
select tests.authenticate_as(tests.id('editor'));
update public.flows set steps = '[{"id": "s1", "name": "Ask", "actor": "actor-p"}]' where id = tests.id('flow_p');

-- A key the step names vanishes behind the guard's back (its trigger off): the cheap path does not look again.
select tests.clear_authentication();
alter table public.actors disable trigger _520_key_in_use_on_delete;
set local flowatlas.hard_delete = 'on';
delete from public.actors where id = tests.id('actor_p');
set local flowatlas.hard_delete = 'off';
alter table public.actors enable trigger _520_key_in_use_on_delete;
select tests.authenticate_as(tests.id('editor'));

select lives_ok(
  $$update public.flows set steps = '[{"id": "s1", "name": "Ask again", "actor": "actor-p"}]'
    where id = tests.id('flow_p')$$,
  'an edit that keeps the keys the flow named looks nothing up'
);
select throws_ok(
  $$update public.flows set steps = '[{"id": "s1", "name": "Ask", "actor": "actor-p"},
      {"id": "s2", "name": "Ship", "service": "ghost"}]' where id = tests.id('flow_p')$$,
  '23514', 'steps[0].actor: no actor with key "actor-p" in this project',
  'an edit that names a new key looks every key up, and names the first missing one'
);
select throws_ok(
  $$insert into public.flows (project_id, name, steps) values
      (tests.id('p'), 'Fine', '[{"id": "s1", "name": "Pick", "service": "service-p"}]'),
      (tests.id('p'), 'Broken', '[{"id": "s1", "name": "Pick"}, {"id": "s2", "name": "Pack", "actor": null},
        {"id": "s3", "name": "Ship", "actor": "ghost"}]')$$,
  '23514', 'steps[2].actor: no actor with key "ghost" in this project',
  'an insert of several flows is refused by the step of the flow that names a missing key'
);
select is(
  (select count(*)::int from public.flows where project_id = tests.id('p') and name in ('Fine', 'Broken')), 0,
  'and none of its flows is stored'
);
select lives_ok(
  $$insert into public.flows (project_id, name, steps) values
      (tests.id('p'), 'Fine', '[{"id": "s1", "name": "Pick", "service": "service-p"}]')$$,
  'an insert naming keys the project has goes through'
);

select * from finish();
rollback;
