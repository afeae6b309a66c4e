-- flow_diff reads as the caller: members see the history, strangers nothing, anon is refused.
begin;
\ir helpers/auth.sql
select plan(8);
select tests.create_world();

select tests.authenticate_as(tests.id('editor'));
update public.flows set description = 'second' where id = tests.id('flow_p');
select tests.authenticate_as(tests.id('outsider'));
update public.flows set description = 'second' where id = tests.id('flow_q');

select tests.authenticate_as(tests.id('viewer'));
select results_eq(
  format($$select field, new_value from public.flow_diff(%L, 1)$$, tests.id('flow_p')),
  $$values ('description', '"second"'::jsonb)$$, 'a viewer of the project reads the diff'
);

select tests.authenticate_as(tests.id('outsider'));
select throws_ok(
  format('select * from public.flow_diff(%L, 1)', tests.id('flow_p')), 'PT404', null,
  'a non-member of a private project gets not found for a revision'
);
select throws_ok(
  format('select * from public.flow_diff(%L, 2)', tests.id('flow_p')), 'PT404', null,
  'a non-member of a private project gets not found for the current flow too'
);

select tests.authenticate_as(tests.id('reader'));
select is(
  (select count(*)::int from public.flow_diff(tests.id('flow_q'), 2)), 0,
  'a reader of a public project may diff the current flow (with itself)'
);
select throws_ok(
  format('select * from public.flow_diff(%L, 1)', tests.id('flow_q')), 'PT404', null,
  'but the history of a public project is for its members, as in flow_revisions'
);

select tests.authenticate_as(tests.id('admin'));
select is(
  (select count(*)::int from public.flow_diff(tests.id('flow_r'), 1)), 0, 'a global admin reads any flow'
);

select tests.authenticate_as_anon();
select throws_ok(
  format('select * from public.flow_diff(%L, 1)', tests.id('flow_p')), '42501', null, 'anon may not call it'
);

select tests.authenticate_as_service_role();
select is(
  (select count(*)::int from public.flow_diff(tests.id('flow_p'), 1, 2)), 1, 'service_role reads every revision'
);

select * from finish();
rollback;
