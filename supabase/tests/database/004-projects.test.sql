-- projects: who sees, creates, edits and deletes a project; the creator becomes its owner member.
begin;
\ir helpers/auth.sql
select plan(51);

select tests.create_world();

-- select
select tests.authenticate_as_anon();
select throws_ok('select count(*) from public.projects', '42501', null, 'anon cannot read projects at all');

select tests.authenticate_as(tests.id('owner'));
select results_eq(
  $$select name from public.projects where id in (select id from tests.fixtures) order by name$$,
  array['Project p', 'Project q'],
  'the owner sees their project and the public one, not another private one'
);
select tests.authenticate_as(tests.id('editor'));
select results_eq(
  $$select name from public.projects where id in (select id from tests.fixtures) order by name$$,
  array['Project p', 'Project q'], 'an editor sees their project and the public one'
);
select tests.authenticate_as(tests.id('viewer'));
select results_eq(
  $$select name from public.projects where id in (select id from tests.fixtures) order by name$$,
  array['Project p', 'Project q'], 'a viewer sees their project and the public one'
);
select tests.authenticate_as(tests.id('guest'));
select results_eq(
  $$select name from public.projects where id in (select id from tests.fixtures) order by name$$,
  array['Project p', 'Project q'], 'a global viewer sees the project they belong to and the public one'
);
select tests.authenticate_as(tests.id('reader'));
select results_eq(
  $$select name from public.projects where id in (select id from tests.fixtures) order by name$$,
  array['Project q'], 'a signed-in non-member sees only the public project'
);
select tests.authenticate_as(tests.id('outsider'));
select results_eq(
  $$select name from public.projects where id in (select id from tests.fixtures) order by name$$,
  array['Project q', 'Project r'], 'the outsider sees their own two projects, not p'
);
select tests.authenticate_as(tests.id('admin'));
select results_eq(
  $$select name from public.projects where id in (select id from tests.fixtures) order by name$$,
  array['Project p', 'Project q', 'Project r'], 'a global admin sees every project'
);

-- insert
select tests.authenticate_as(tests.id('reader'));
select is(
  tests.row_count($$insert into public.projects (name) values ('Reader''s project') returning id$$), 1,
  'an analyst creates a project and reads it back (insert ... returning)'
);
select is(
  (select owner_id from public.projects where name = 'Reader''s project'), tests.id('reader'),
  'the creator is the project''s owner'
);
select results_eq(
  $$select user_id, role::text from public.project_members
    where project_id = (select id from public.projects where name = 'Reader''s project')$$,
  $$values (tests.id('reader'), 'owner')$$,
  'creating a project makes its creator an owner member'
);
select is(
  (select created_by from public.projects where name = 'Reader''s project'), tests.id('reader'),
  'created_by is stamped with the creator'
);
select throws_ok(
  $$insert into public.projects (name, owner_id) values ('Proxy', tests.id('owner'))$$, '42501', null,
  'nobody creates a project in someone else''s name (owner_id is not insertable)'
);
select throws_ok(
  $$insert into public.projects (name, created_by) values ('Forged', tests.id('owner'))$$, '42501', null,
  'created_by cannot be supplied'
);
select throws_ok(
  $$insert into public.projects (name) values ('')$$, '23514',
  'new row for relation "projects" violates check constraint "projects_name_length"',
  'an empty project name violates projects_name_length'
);
select throws_ok(
  $$insert into public.projects (name) values (repeat('x', 256))$$, '23514',
  'new row for relation "projects" violates check constraint "projects_name_length"',
  'a 256-character project name violates projects_name_length'
);
select throws_ok(
  $$insert into public.projects (name, settings) values ('Bad settings', '[]')$$, '23514',
  'new row for relation "projects" violates check constraint "projects_settings_is_object"',
  'settings must be a JSON object'
);
select throws_ok(
  $$insert into public.projects (name, custom_fields) values ('Bad fields', '"x"')$$, '23514',
  'new row for relation "projects" violates check constraint "projects_custom_fields_is_object"',
  'custom_fields must be a JSON object'
);
select is(
  (select version from public.projects where name = 'Reader''s project'), '1.0.0', 'a project''s version defaults to 1.0.0'
);

select tests.authenticate_as(tests.id('guest'));
select throws_ok(
  $$insert into public.projects (name) values ('Viewer''s project')$$, '42501',
  'new row violates row-level security policy for table "projects"',
  'a global viewer cannot create projects'
);
select tests.authenticate_as(tests.id('admin'));
select is(
  tests.row_count($$insert into public.projects (name, is_public) values ('Admin''s project', true)$$), 1,
  'a global admin creates projects'
);
select tests.authenticate_as_anon();
select throws_ok(
  $$insert into public.projects (name) values ('Anonymous')$$, '42501', null, 'anon cannot create projects'
);

-- update
select tests.authenticate_as(tests.id('owner'));
select is(
  tests.row_count($$update public.projects set description = 'by owner' where id = tests.id('p')$$), 1,
  'the owner edits the project settings'
);
select throws_ok(
  $$update public.projects set owner_id = tests.id('editor') where id = tests.id('p')$$, '42501', null,
  'the owner cannot hand the project over by updating owner_id'
);
select throws_ok(
  $$update public.projects set created_at = now() where id = tests.id('p')$$, '42501', null,
  'created_at of a project cannot be changed'
);
select throws_ok(
  $$update public.projects set deleted_at = now() where id = tests.id('p')$$, '42501', null,
  'deleted_at cannot be written directly'
);
select tests.authenticate_as(tests.id('editor'));
select is(
  tests.row_count($$update public.projects set description = 'by editor' where id = tests.id('p')$$), 0,
  'an editor cannot edit project settings'
);
select tests.authenticate_as(tests.id('viewer'));
select is(
  tests.row_count($$update public.projects set description = 'by viewer' where id = tests.id('p')$$), 0,
  'a viewer cannot edit project settings'
);
select tests.authenticate_as(tests.id('guest'));
select is(
  tests.row_count($$update public.projects set description = 'by guest' where id = tests.id('p')$$), 0,
  'a global viewer cannot edit project settings'
);
select tests.authenticate_as(tests.id('reader'));
select is(
  tests.row_count($$update public.projects set description = 'by reader' where id = tests.id('q')$$), 0,
  'a non-member cannot edit a public project'
);
select tests.authenticate_as(tests.id('outsider'));
select is(
  tests.row_count($$update public.projects set description = 'by outsider' where id = tests.id('p')$$), 0,
  'a non-member cannot edit a private project'
);
select tests.authenticate_as(tests.id('admin'));
select is(
  tests.row_count($$update public.projects set description = 'by admin' where id = tests.id('r')$$), 1,
  'a global admin edits any project'
);
select tests.authenticate_as_anon();
select throws_ok(
  $$update public.projects set description = 'by anon' where id = tests.id('q')$$, '42501', null,
  'anon cannot edit projects'
);
select tests.authenticate_as_service_role();
select throws_ok(
  $$update public.projects set owner_id = tests.id('editor') where id = tests.id('p')$$, '42501',
  'projects.owner_id cannot be changed', 'not even service_role changes owner_id'
);
select throws_ok(
  $$update public.projects set created_by = tests.id('editor') where id = tests.id('p')$$, '42501',
  'projects.created_by cannot be changed', 'not even service_role changes created_by'
);
select tests.clear_authentication();
select is(
  (select description from public.projects where id = tests.id('p')), 'by owner', 'only the owner''s edit reached p'
);

-- delete
select tests.authenticate_as(tests.id('editor'));
select is(tests.row_count($$delete from public.projects where id = tests.id('p')$$), 0, 'an editor cannot delete the project');
select tests.authenticate_as(tests.id('viewer'));
select is(tests.row_count($$delete from public.projects where id = tests.id('p')$$), 0, 'a viewer cannot delete the project');
select tests.authenticate_as(tests.id('guest'));
select is(
  tests.row_count($$delete from public.projects where id = tests.id('p')$$), 0, 'a global viewer cannot delete the project'
);
select tests.authenticate_as(tests.id('reader'));
select is(
  tests.row_count($$delete from public.projects where id = tests.id('q')$$), 0, 'a non-member cannot delete a public project'
);
select tests.authenticate_as_anon();
select throws_ok($$delete from public.projects where id = tests.id('q')$$, '42501', null, 'anon cannot delete projects');
select tests.clear_authentication();
select is(
  (select count(*)::int from public.projects where id in (tests.id('p'), tests.id('q')) and deleted_at is null), 2,
  'p and q are still live after the denied deletes'
);

select tests.authenticate_as(tests.id('owner'));
select lives_ok($$delete from public.projects where id = tests.id('p')$$, 'the owner deletes the project');
select is(
  (select count(*)::int from public.projects where id = tests.id('p')), 0, 'a deleted project vanishes for its owner'
);
select is(
  (select count(*)::int from public.flows where project_id = tests.id('p')), 0, 'the flows of a deleted project vanish'
);
select is(
  (select count(*)::int from public.services where project_id = tests.id('p')), 0,
  'the registries of a deleted project vanish'
);
select tests.authenticate_as(tests.id('admin'));
select is(
  (select count(*)::int from public.projects where id = tests.id('p')), 0, 'a deleted project vanishes for admins too'
);
select tests.clear_authentication();
select isnt(
  (select deleted_at from public.projects where id = tests.id('p')), null, 'the project row is kept, marked deleted'
);
select is(
  (select deleted_by from public.projects where id = tests.id('p')), tests.id('owner'), 'deleted_by records who deleted it'
);

select tests.authenticate_as(tests.id('admin'));
select lives_ok($$delete from public.projects where id = tests.id('r')$$, 'a global admin deletes any project');
select tests.clear_authentication();
select isnt((select deleted_at from public.projects where id = tests.id('r')), null, 'the admin''s delete is a soft delete');

select * from finish();
rollback;
