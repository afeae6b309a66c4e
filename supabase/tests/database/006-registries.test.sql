-- Registries (service_domains, services, actors, integration_types): readers read, editors write, per project.
begin;
\ir helpers/auth.sql
select plan(151);

select tests.create_world();

create temporary table registries (t text primary key, extra_cols text, extra_vals text) on commit drop;
insert into registries values
  ('service_domains', '', ''),
  ('services', ', domain_id', ', tests.id(''domain_p'')'),
  ('actors', ', kind', ', ''external'''),
  ('integration_types', '', '');
grant select on registries to anon, authenticated, service_role;

-- select
select tests.authenticate_as_anon();
select throws_ok(format('select count(*) from public.%I', t), '42501', null, 'anon cannot read ' || t)
from registries;

select tests.authenticate_as(tests.id('owner'));
select is(
  tests.row_count(format('select 1 from public.%I where project_id in (select id from tests.fixtures)', t)), 2,
  'the owner reads the ' || t || ' of their project and of the public one'
)
from registries;
select tests.authenticate_as(tests.id('editor'));
select is(
  tests.row_count(format('select 1 from public.%I where project_id in (select id from tests.fixtures)', t)), 2,
  'an editor reads the ' || t || ' of their project and of the public one'
)
from registries;
select tests.authenticate_as(tests.id('viewer'));
select is(
  tests.row_count(format('select 1 from public.%I where project_id in (select id from tests.fixtures)', t)), 2,
  'a viewer reads the ' || t || ' of their project and of the public one'
)
from registries;
select tests.authenticate_as(tests.id('guest'));
select is(
  tests.row_count(format('select 1 from public.%I where project_id in (select id from tests.fixtures)', t)), 2,
  'a global viewer reads the ' || t || ' of their project and of the public one'
)
from registries;
select tests.authenticate_as(tests.id('reader'));
select is(
  tests.row_count(format('select 1 from public.%I where project_id in (select id from tests.fixtures)', t)), 1,
  'a non-member reads only the ' || t || ' of the public project'
)
from registries;
select tests.authenticate_as(tests.id('outsider'));
select is(
  tests.row_count(format('select 1 from public.%I where project_id = tests.id(''p'')', t)), 0,
  'a non-member reads none of the ' || t || ' of a private project'
)
from registries;
select tests.authenticate_as(tests.id('admin'));
select is(
  tests.row_count(format('select 1 from public.%I where project_id in (select id from tests.fixtures)', t)), 3,
  'a global admin reads the ' || t || ' of every project'
)
from registries;

-- insert
select tests.authenticate_as(tests.id('editor'));
select is(
  tests.row_count(format(
    'insert into public.%I (project_id, key, name%s) values (tests.id(''p''), ''by-editor'', ''By editor''%s) returning id',
    t, extra_cols, extra_vals
  )), 1,
  'an editor adds ' || t || ' and reads them back'
)
from registries;
select is(
  tests.row_count(format('select 1 from public.%I where key = ''by-editor'' and created_by = tests.id(''editor'')', t)), 1,
  'created_by of new ' || t || ' is the editor'
)
from registries;
select tests.authenticate_as(tests.id('owner'));
select is(
  tests.row_count(format(
    'insert into public.%I (project_id, key, name%s) values (tests.id(''p''), ''by-owner'', ''By owner''%s)',
    t, extra_cols, extra_vals
  )), 1,
  'the owner adds ' || t
)
from registries;
select tests.authenticate_as(tests.id('admin'));
select is(
  tests.row_count(format(
    'insert into public.%I (project_id, key, name%s) values (tests.id(''p''), ''by-admin'', ''By admin''%s)',
    t, extra_cols, extra_vals
  )), 1,
  'a global admin adds ' || t || ' to any project'
)
from registries;
select tests.authenticate_as(tests.id('viewer'));
select throws_ok(
  format(
    'insert into public.%I (project_id, key, name%s) values (tests.id(''p''), ''by-viewer'', ''By viewer''%s)',
    t, extra_cols, extra_vals
  ),
  '42501', format('new row violates row-level security policy for table "%s"', t), 'a viewer cannot add ' || t
)
from registries;
select tests.authenticate_as(tests.id('guest'));
select throws_ok(
  format(
    'insert into public.%I (project_id, key, name%s) values (tests.id(''p''), ''by-guest'', ''By guest''%s)',
    t, extra_cols, extra_vals
  ),
  '42501', format('new row violates row-level security policy for table "%s"', t),
  'a global viewer cannot add ' || t || ' even as an editor member'
)
from registries;
select tests.authenticate_as(tests.id('outsider'));
select throws_ok(
  format(
    'insert into public.%I (project_id, key, name%s) values (tests.id(''p''), ''by-outsider'', ''By outsider''%s)',
    t, extra_cols, extra_vals
  ),
  '42501', format('new row violates row-level security policy for table "%s"', t),
  'a non-member cannot add ' || t || ' to a private project'
)
from registries;
select tests.authenticate_as(tests.id('reader'));
select throws_ok(
  format('insert into public.%I (project_id, key, name) values (tests.id(''q''), ''by-reader'', ''By reader'')', t),
  '42501', null, 'a non-member cannot add ' || t || ' to a public project'
)
from registries;
select tests.authenticate_as_anon();
select throws_ok(
  format('insert into public.%I (project_id, key, name) values (tests.id(''q''), ''by-anon'', ''By anon'')', t),
  '42501', null, 'anon cannot add ' || t
)
from registries;

-- update
select tests.authenticate_as(tests.id('editor'));
select is(
  tests.row_count(format('update public.%I set description = ''edited'' where project_id = tests.id(''p'')', t)), 4,
  'an editor edits all ' || t || ' of their project'
)
from registries;
select throws_ok(
  format('update public.%I set project_id = tests.id(''q'') where project_id = tests.id(''p'')', t), '42501', null,
  'an editor cannot move ' || t || ' to another project'
)
from registries;
select tests.authenticate_as(tests.id('viewer'));
select is(
  tests.row_count(format('update public.%I set description = ''viewer'' where project_id = tests.id(''p'')', t)), 0,
  'a viewer edits no ' || t
)
from registries;
select tests.authenticate_as(tests.id('guest'));
select is(
  tests.row_count(format('update public.%I set description = ''guest'' where project_id = tests.id(''p'')', t)), 0,
  'a global viewer edits no ' || t
)
from registries;
select tests.authenticate_as(tests.id('reader'));
select is(
  tests.row_count(format('update public.%I set description = ''reader'' where project_id = tests.id(''q'')', t)), 0,
  'a non-member edits no ' || t || ' of a public project'
)
from registries;
select tests.authenticate_as(tests.id('outsider'));
select is(
  tests.row_count(format('update public.%I set description = ''outsider'' where project_id = tests.id(''p'')', t)), 0,
  'a non-member edits no ' || t || ' of a private project'
)
from registries;
select tests.authenticate_as(tests.id('admin'));
select is(
  tests.row_count(format('update public.%I set position = 7 where project_id = tests.id(''r'')', t)), 1,
  'a global admin edits ' || t || ' of any project'
)
from registries;
select tests.authenticate_as_anon();
select throws_ok(format('update public.%I set description = ''anon''', t), '42501', null, 'anon cannot edit ' || t)
from registries;
select tests.authenticate_as_service_role();
select throws_ok(
  format('update public.%I set project_id = tests.id(''q'') where project_id = tests.id(''p'')', t), '42501',
  format('%s.project_id cannot be changed', t), 'not even service_role moves ' || t || ' to another project'
)
from registries;

-- delete
select tests.authenticate_as(tests.id('viewer'));
select is(
  tests.row_count(format('delete from public.%I where project_id = tests.id(''p'')', t)), 0, 'a viewer deletes no ' || t
)
from registries;
select tests.authenticate_as(tests.id('guest'));
select is(
  tests.row_count(format('delete from public.%I where project_id = tests.id(''p'')', t)), 0,
  'a global viewer deletes no ' || t
)
from registries;
select tests.authenticate_as(tests.id('reader'));
select is(
  tests.row_count(format('delete from public.%I where project_id = tests.id(''q'')', t)), 0,
  'a non-member deletes no ' || t || ' of a public project'
)
from registries;
select tests.authenticate_as(tests.id('outsider'));
select is(
  tests.row_count(format('delete from public.%I where project_id = tests.id(''p'')', t)), 0,
  'a non-member deletes no ' || t || ' of a private project'
)
from registries;
select tests.authenticate_as_anon();
select throws_ok(format('delete from public.%I', t), '42501', null, 'anon cannot delete ' || t)
from registries;
select tests.authenticate_as(tests.id('editor'));
select is(
  tests.row_count(format('delete from public.%I where key = ''by-owner''', t)), 1, 'an editor deletes ' || t
)
from registries
order by t = 'service_domains';
select tests.authenticate_as(tests.id('admin'));
select is(
  tests.row_count(format('delete from public.%I where key = ''by-admin''', t)), 1, 'a global admin deletes ' || t
)
from registries
order by t = 'service_domains';

-- constraints
select tests.authenticate_as(tests.id('editor'));
select throws_ok(
  format('insert into public.%I (project_id, key, name%s) values (tests.id(''p''), ''by-editor'', ''Twice''%s)',
    t, extra_cols, extra_vals),
  '23505', format('duplicate key value violates unique constraint "%s_key_unique_in_project"', t),
  'a key is unique within the project''s ' || t
)
from registries;
select throws_ok(
  format('insert into public.%I (project_id, key, name%s) values (tests.id(''p''), ''has space'', ''Bad key''%s)',
    t, extra_cols, extra_vals),
  '23514', format('new row for relation "%s" violates check constraint "%s_key_format"', t, t),
  'a key with a space violates ' || t || '_key_format'
)
from registries;
select throws_ok(
  format('insert into public.%I (project_id, key, name%s) values (tests.id(''p''), ''no-name'', ''''%s)',
    t, extra_cols, extra_vals),
  '23514', format('new row for relation "%s" violates check constraint "%s_name_length"', t, t),
  'an empty name violates ' || t || '_name_length'
)
from registries;
select throws_ok(
  format('update public.%I set custom_fields = ''[1]'' where key = ''by-editor''', t),
  '23514', format('new row for relation "%s" violates check constraint "%s_custom_fields_is_object"', t, t),
  'custom_fields of ' || t || ' must be an object'
)
from registries;
select throws_ok(
  $$insert into public.services (project_id, domain_id, key, name)
    values (tests.id('p'), tests.id('domain_q'), 'cross', 'Cross-project')$$,
  '23503', 'insert or update on table "services" violates foreign key constraint "services_domain_in_project"',
  'a service cannot belong to a domain of another project'
);
select throws_ok(
  $$delete from public.service_domains where id = tests.id('domain_p')$$,
  '23503', null, 'a domain that still has services cannot be deleted'
);
select throws_ok(
  $$insert into public.actors (project_id, key, name, kind) values (tests.id('p'), 'robot', 'Robot', 'machine')$$,
  '22P02', 'invalid input value for enum actor_kind: "machine"', 'an actor kind outside person/system/external is rejected'
);

select * from finish();
rollback;
