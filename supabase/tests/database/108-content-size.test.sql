-- Size caps per write: a flow holds at most 2 MB of content, a project 1 MB, a registry entry 256 kB, so no
-- single edit can grow the revision history and the audit log by megabytes.
begin;
\ir helpers/auth.sql
select plan(6);
select tests.create_world();
select tests.authenticate_as(tests.id('editor'));

select throws_ok(
  format($$ update public.flows set custom_fields = jsonb_build_object('x', repeat(md5('a'), 80000)) where id = %L $$,
    tests.id('flow_p')),
  '23514', null, 'an editor cannot store 2.5 MB of custom fields in a flow'
);
select is(
  tests.row_count(format($$ update public.flows set notes = repeat('n', 500000) where id = %L $$, tests.id('flow_p'))),
  1, 'half a megabyte of notes is fine'
);
select throws_ok(
  format($$ update public.actors set description = repeat(md5('b'), 10000) where id = %L $$, tests.id('actor_p')),
  '23514', null, 'an actor''s description cannot hold 320 kB'
);
select is(
  tests.row_count(format($$ update public.actors set description = repeat('d', 100000) where id = %L $$, tests.id('actor_p'))),
  1, 'an actor''s description of 100 kB is fine'
);
select tests.authenticate_as(tests.id('owner'));
select throws_ok(
  format($$ update public.projects set custom_fields = jsonb_build_object('x', repeat(md5('c'), 40000)) where id = %L $$,
    tests.id('p')),
  '23514', null, 'a project cannot hold 1.3 MB of custom fields'
);
select is(
  (select count(*)::int from public.flow_revisions where flow_id = tests.id('flow_p')), 1,
  'only the accepted edit left a revision'
);

select * from finish();
rollback;
