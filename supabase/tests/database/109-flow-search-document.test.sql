-- The search document of a flow lives in private.flow_search, kept by triggers: out of `select *`, written on
-- insert, rewritten when the searched text changes and only then, gone with the flow.
begin;
\ir helpers/auth.sql
select plan(13);
select tests.create_world();

select hasnt_column('public', 'flows', 'search', 'flows has no search column: select * returns no vector');
select is(
  (select count(*)::int from public.flows as f where not exists (
    select 1 from private.flow_search as s where s.flow_id = f.id)),
  0, 'every flow has its search document'
);

select tests.authenticate_as(tests.id('editor'));
insert into public.flows (project_id, name, steps)
values (tests.id('p'), 'Quarterly audit', '[{"id": "s1", "name": "Reconcile ledgers"}]');
reset role;
select ok(
  (select s.search @@ to_tsquery('english', 'reconcile & ledger') from private.flow_search as s
    inner join public.flows as f on f.id = s.flow_id where f.name = 'Quarterly audit'),
  'an insert by an editor writes the search document (steps included)'
);

create temporary table before_status as
select s.ctid as place, s.search from private.flow_search as s
inner join public.flows as f on f.id = s.flow_id where f.name = 'Quarterly audit';
select tests.authenticate_as(tests.id('editor'));
update public.flows set priority = 'High' where name = 'Quarterly audit';
reset role;
select is(
  (select s.ctid from private.flow_search as s inner join public.flows as f on f.id = s.flow_id
    where f.name = 'Quarterly audit'),
  (select place from before_status),
  'a change of a column that is not searched leaves the search document untouched'
);

select tests.authenticate_as(tests.id('editor'));
update public.flows set description = 'Signed off by the treasurer' where name = 'Quarterly audit';
reset role;
select ok(
  (select s.search @@ to_tsquery('english', 'treasurer') from private.flow_search as s
    inner join public.flows as f on f.id = s.flow_id where f.name = 'Quarterly audit'),
  'an edit of the description rewrites the search document'
);
select tests.authenticate_as(tests.id('editor'));
select is(
  (select name from public.search('treasurer') where kind = 'flow'), 'Quarterly audit',
  'search finds the flow by its new text'
);
select throws_ok(
  $$select * from private.flow_search$$, '42501', null, 'an API user cannot read the search documents directly'
);

reset role;
create temporary table gone as select id from public.flows where name = 'Quarterly audit';
delete from public.flows where id = (select id from gone);  -- a soft delete first
delete from public.flows where id = (select id from gone);  -- then the purge
select is(
  (select count(*)::int from private.flow_search where flow_id = (select id from gone)), 0,
  'a purged flow takes its search document with it'
);

-- A statement of 500 flows or more of one project (an import) has their documents computed by parallel workers:
-- the documents their text gives, and the project's other documents left as they were. (The duplicate below then
-- copies over 500 flows, whose documents come with them.)
create temporary table before_bulk as
select s.flow_id, s.ctid as place from private.flow_search as s
inner join public.flows as f on f.id = s.flow_id where f.project_id = tests.id('p');
select tests.authenticate_as(tests.id('editor'));
insert into public.flows (project_id, name, steps)
select tests.id('p'), 'Bulk ' || g, pg_catalog.jsonb_build_array(pg_catalog.jsonb_build_object(
  'id', 's1', 'name', 'Unpack crate ' || g
))
from generate_series(1, 500) as g;
reset role;
select is(
  (select count(*)::int from public.flows as f inner join private.flow_search as s on s.flow_id = f.id
    where f.name like 'Bulk %' and s.search = private.flow_search_document(f) and s.search @@ 'crate'::tsquery),
  500, 'an insert of 500 flows of one project writes the document each one''s text gives'
);
select is(
  (select count(*)::int from before_bulk as b inner join private.flow_search as s on s.flow_id = b.flow_id
    where s.ctid = b.place),
  (select count(*)::int from before_bulk),
  'and leaves the documents of the project''s other flows untouched'
);

-- A duplicate copies the search documents instead of computing them: they must be what the copy's text gives.
select tests.authenticate_as(tests.id('editor'));
create temporary table copy as select public.duplicate_project(tests.id('p'), 'Copy') as id;
reset role;
select is(
  (select count(*)::int from public.flows as f inner join private.flow_search as s on s.flow_id = f.id
    where f.project_id = (select id from copy) and s.search = private.flow_search_document(f)),
  (select count(*)::int from public.flows where project_id = tests.id('p') and deleted_at is null),
  'a duplicate''s flows have the search documents their text gives, copied with them'
);
select tests.authenticate_as(tests.id('editor'));
select is(
  (select count(*)::int from public.search('first step', in_project => (select id from copy)) where kind = 'flow'),
  1, 'search finds the copied flow in the copy'
);
reset role;
select throws_ok(
  $$insert into private.flow_search (flow_id, search) values (gen_random_uuid(), ''::tsvector)$$, '23503', null,
  'after a duplicate, a search document of no flow is refused at once: the copy''s deferral ended with it'
);

select * from finish();
rollback;
