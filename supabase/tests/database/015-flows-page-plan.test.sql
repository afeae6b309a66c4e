-- A member's page of 50 flows reads 50 flows, not the whole project, whatever the planner estimates.
-- The policy adds `project_id = any (readable_project_ids)` to PostgREST's `project_id = X`; the planner multiplies
-- the two into an estimate of a few rows, and with another index on project_id it read a whole 2,000-flow project
-- and sorted it for one page. The statistics here are those of many small projects and one large one, as in the
-- benchmark data, so the estimate is as wrong as it was there.
begin;
\ir helpers/auth.sql
select plan(6);

-- The flows of `statement` that the plan read: rows returned by each scan of flows plus those its filters removed.
create function tests.flow_rows_read(statement text)
returns bigint
language plpgsql
set search_path = ''
as $$
declare
  plan jsonb;
begin
  execute 'explain (analyze, format json) ' || statement into plan;
  return (
    select coalesce(sum(
      (node ->> 'Actual Rows')::bigint * (node ->> 'Actual Loops')::bigint
      + coalesce((node ->> 'Rows Removed by Filter')::bigint, 0)
      + coalesce((node ->> 'Rows Removed by Index Recheck')::bigint, 0)
    ), 0)
    from pg_catalog.jsonb_path_query(plan, 'strict $.**?(@."Relation Name" == "flows")') as node
  );
end;
$$;
grant execute on function tests.flow_rows_read(text) to authenticated;

select tests.create_user('solo@test.local');
select tests.create_user('busy@test.local');
select tests.create_user('other@test.local');
select tests.create_user('stranger@test.local');
insert into tests.fixtures (name, id) values ('big', gen_random_uuid());
insert into public.projects (id, name, owner_id, created_by)
values (tests.id('big'), 'Big project', tests.user_id('other@test.local'), tests.user_id('other@test.local'));
insert into public.projects (name, owner_id, created_by)
select 'Small ' || i, tests.user_id('other@test.local'), tests.user_id('other@test.local')
from generate_series(1, 400) as i;
insert into public.project_members (project_id, user_id, role)
values (tests.id('big'), tests.user_id('solo@test.local'), 'editor'),
  (tests.id('big'), tests.user_id('busy@test.local'), 'editor');
insert into public.project_members (project_id, user_id, role)
select p.id, tests.user_id('busy@test.local'), 'viewer' from public.projects as p
where p.name like 'Small %' order by p.name limit 200;
insert into public.flows (project_id, name)
select tests.id('big'), 'Flow ' || lpad(i::text, 5, '0') from generate_series(1, 2000) as i;
insert into public.flows (project_id, name)
select p.id, 'Flow ' || i from public.projects as p cross join generate_series(1, 2) as i where p.name like 'Small %';
analyze public.flows;
analyze public.projects;
analyze public.project_members;

-- The page as PostgREST asks for it, with the project id as a literal (a custom plan) and as a parameter of a
-- prepared statement (the generic plan PostgREST's prepared statements end up with).
prepare page(uuid) as
select f.id, f.name, f.status, f.priority, f.updated_at from public.flows as f
where f.project_id = $1 and f.deleted_at is null order by f.name limit 50;
prepare page_names(uuid) as
select f.name from public.flows as f where f.project_id = $1 and f.deleted_at is null order by f.name limit 50;

select tests.authenticate_as(tests.user_id('solo@test.local'));
select cmp_ok(
  tests.flow_rows_read(format(
    'select id from public.flows where project_id = %L and deleted_at is null order by name limit 50', tests.id('big')
  )), '<=', 50::bigint,
  'a member of 1 project reads at most 50 flows of a 2,000-flow project for a page of 50'
);
select tests.authenticate_as(tests.user_id('busy@test.local'));
select cmp_ok(
  tests.flow_rows_read(format(
    'select id from public.flows where project_id = %L and deleted_at is null order by name limit 50', tests.id('big')
  )), '<=', 50::bigint,
  'a member of 201 projects reads at most 50 flows of a 2,000-flow project for a page of 50'
);
set local plan_cache_mode = force_generic_plan;
select tests.authenticate_as(tests.user_id('solo@test.local'));
select cmp_ok(
  tests.flow_rows_read(format('execute page(%L)', tests.id('big'))), '<=', 50::bigint,
  'a member reads at most 50 flows for a page of 50 through the generic plan of a prepared statement'
);
select tests.authenticate_as(tests.user_id('busy@test.local'));
select cmp_ok(
  tests.flow_rows_read(format('execute page(%L)', tests.id('big'))), '<=', 50::bigint,
  'a member of 201 projects reads at most 50 flows through the generic plan of a prepared statement'
);
reset plan_cache_mode;

-- The page is still the first 50 names, and a non-member still sees none of them.
select tests.authenticate_as(tests.user_id('solo@test.local'));
select results_eq(
  format('execute page_names(%L)', tests.id('big')),
  $$select 'Flow ' || lpad(i::text, 5, '0') from generate_series(1, 50) as i$$,
  'the member''s page is the project''s first 50 flows by name'
);
select tests.authenticate_as(tests.user_id('stranger@test.local'));
select is_empty(format('execute page_names(%L)', tests.id('big')), 'a non-member''s page of the project is empty');

select * from finish();
rollback;
