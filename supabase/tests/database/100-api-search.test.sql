-- search: ranked full text over what the caller can read, filters, typo fallback, snippets, bad arguments.
begin;
\ir helpers/auth.sql
select plan(36);
select tests.create_world();

update public.flows set
  name = 'Invoice customer', description = 'Send the invoice after shipping', tags = array['billing'],
  business_rules = '[{"id": "r1", "description": "Invoices go out within one day"}]'
where id = tests.id('flow_p');
update public.flows set name = 'Secret invoice run' where id = tests.id('flow_r');
update public.flows set notes = 'mentions invoice only in the notes' where id = tests.id('flow_q');

select tests.authenticate_as(tests.id('owner'));
select is(
  (select count(*)::int from public.search('invoice') where kind = 'flow'), 2,
  'an owner finds flows of their project and of the public project'
);
select is(
  (select name from public.search('invoice') where kind = 'flow' order by rank desc limit 1), 'Invoice customer',
  'a match in the name ranks above a match in the notes'
);
select ok(
  (select snippet from public.search('invoice') where id = tests.id('flow_p')) like '%<mark>%nvoice</mark>%',
  'the snippet marks the matched words'
);
select ok(
  (select matched from public.search('invoice') where id = tests.id('flow_p')) @> array['name', 'description', 'business_rules'],
  'matched lists the fields that matched'
);
select is(
  (select count(*)::int from public.search('invoice', in_project => tests.id('p'))), 1,
  'in_project narrows to one project'
);
select is(
  (select count(*)::int from public.search('invoice', tag => 'billing')), 1, 'a tag filter narrows flows'
);
select is(
  (select count(*)::int from public.search('invoice -shipping') where kind = 'flow'), 1,
  'web search syntax excludes words'
);
select is(
  (select name from public.search('invoce') where kind = 'flow' and fuzzy order by rank desc limit 1),
  'Invoice customer', 'a typo still finds a readable flow, a match in the name first'
);
select is(
  (select name from public.search('Service p') where kind = 'service' order by rank desc limit 1), 'Service p',
  'services are searchable, the closest first'
);

-- Broad queries rank a bounded set of candidates: every flow whose name matches (up to the bound), then as many
-- matching anywhere. Four flows mention zebras only in their notes; the one named after them comes last.
reset role;
insert into public.flows (project_id, name, notes, status)
select tests.id('p'), 'Crossing note ' || n, 'a zebra crossing', case when n = 4 then 'approved' else 'draft' end::public.flow_status
from generate_series(1, 4) as n;
insert into public.flows (project_id, name) values (tests.id('p'), 'Zebra crossing');
select tests.authenticate_as(tests.id('owner'));
select results_eq(
  $$select count(*) between 2 and 3, bool_or(name = 'Zebra crossing') from private.search_flows(
    'zebra', pg_catalog.websearch_to_tsquery('english', 'zebra'), null, null, null, null, null, null, 2)$$,
  $$values (true, true)$$,
  'with a bound of 2, the one name match and two matches anywhere (it may be one of them) are ranked, not all five'
);
select is(
  (select name from private.search_flows(
    'zebra', pg_catalog.websearch_to_tsquery('english', 'zebra'), null, null, null, null, null, null, 1)
    order by rank desc limit 1),
  'Zebra crossing', 'a flow named after the query is ranked however many others match'
);
select is(
  (select name from private.search_flows(
    'zebra', pg_catalog.websearch_to_tsquery('english', 'zebra'), null, array['approved']::public.flow_status[],
    null, null, null, null, 1)),
  'Crossing note 4', 'filters narrow the matches before the bound, so a late match is still found'
);
select is(
  (select count(*)::int from public.search('zebra') where kind = 'flow'), 5,
  'below the bound of public.search every match is returned'
);
select ok(
  exists (select 1 from private.search_registry('Service p', null, tests.id('p'), array['service'])),
  'an owner finds the services of their project'
);

select tests.authenticate_as(tests.id('outsider'));
select is(
  (select count(*)::int from public.search('invoice', in_project => tests.id('p'))), 0,
  'a non-member finds nothing in a private project'
);
select is(
  (select count(*)::int from private.search_flows(
    'zebra', pg_catalog.websearch_to_tsquery('english', 'zebra'), null, null, null, null, null, null, 100)),
  0, 'the definer flow matcher applies the flows select policy: nothing of a private project'
);
select is(
  (select count(*)::int from private.search_registry('Service p', null, tests.id('p'), array['service'])), 0,
  'the definer registry matcher applies the registries select policy: nothing of a private project'
);

update public.flows set name = '<script>alert(1)</script> invoice' where id = tests.id('flow_r');
select ok(
  (select snippet not like '%<script>%' from public.search('alert') where id = tests.id('flow_r')),
  'snippets are HTML-escaped'
);

reset role;
insert into public.flows (project_id, name, description, steps) values (
  tests.id('p'), 'Walrus intake', 'Counts every walrus',
  '[{"id": "s1", "name": "Weigh the walrus", "description": "deep in the steps"}]'
);
select tests.authenticate_as(tests.id('owner'));
select results_eq(
  $$select matched, snippet like '%<mark>Walrus</mark>%', snippet like '%deep in the steps%'
    from public.search('walrus') where name = 'Walrus intake'$$,
  $$values (array['name', 'description', 'steps'], true, false)$$,
  'matched lists every field; the snippet shows the first two and does not parse the steps'
);

-- The stored vector alone says whether the name or the steps matched (a weight each); rules share theirs.
reset role;
insert into public.flows (project_id, name, steps, business_rules, error_scenarios) values
  (tests.id('p'), 'Penguin census', '[{"id": "s1", "name": "Count the penguins"}]', '[]', '[]'),
  (tests.id('p'), 'Colony rules', '[{"id": "s1", "name": "Count the colony"}]',
    '[{"id": "r1", "description": "Every penguin is counted once"}]',
    '[{"id": "e1", "condition": "Seal alarm", "handling": "Walk the ice floe"}]');
select tests.authenticate_as(tests.id('owner'));
select results_eq(
  $$select name, matched from public.search('penguin') where name in ('Penguin census', 'Colony rules')
    order by rank desc$$,
  $$values ('Penguin census', array['name', 'steps']), ('Colony rules', array['business_rules'])$$,
  'a match in the steps ranks above one in the business rules, and matched names each field exactly'
);
select is(
  (select matched from public.search('seal floe') where name = 'Colony rules'), array['error_scenarios'],
  'a field sharing its weight with others is matched on its own'
);
select is(
  (select matched from public.search('colony seal') where name = 'Colony rules'), array[]::text[],
  'words spread over the name, steps and error scenarios match the flow but no single field'
);

select throws_ok(
  $$ select * from public.search(repeat('x', 201)) $$, '22023', 'query: must be at most 200 characters',
  'an oversized query is refused naming the field'
);
select throws_ok(
  $$ select * from public.search('x', result_limit => 100000) $$, '22023', 'result_limit: must be between 1 and 100',
  'a huge limit is refused naming the field'
);

-- The service and actor filters take an id or a key; an unknown one is refused naming the parameter.
select is(
  (select array_agg(id) from public.search('invoice', service => 'service-p')), array[tests.id('flow_p')],
  'the service filter takes a key'
);
select is(
  (select array_agg(id) from public.search('invoice', service => tests.id('service_p')::text)),
  array[tests.id('flow_p')], 'the service filter takes an id'
);
select is(
  (select array_agg(id) from public.search('invoice', actor => 'actor-p', in_project => tests.id('p'))),
  array[tests.id('flow_p')], 'the actor filter takes a key'
);
select throws_ok(
  $$ select * from public.search('invoice', service => 'no-such-service') $$, '22023',
  'service: no service with this id or key in the projects you can read', 'an unknown service key names the parameter'
);
select throws_ok(
  $$ select * from public.search('invoice', actor => 'not a key!') $$, '22023',
  'actor: no actor with this id or key in the projects you can read', 'a malformed actor names the parameter'
);
select throws_ok(
  $$ select * from public.search('invoice', service => 'service-r') $$, '22023',
  'service: no service with this id or key in the projects you can read',
  'a service of a project you cannot read is unknown'
);

-- Queries without a searchable word find nothing (the raw text matched every hyphenated key and every "or").
select is((select count(*)::int from public.search('-')), 0, 'the query - finds nothing');
select is((select count(*)::int from public.search('or')), 0, 'the query or finds nothing');

-- The typo fallback: each word may be one edit away, in any field (recieve is 0.375 similar to receive).
reset role;
insert into public.flows (project_id, name, steps) values
  (tests.id('p'), 'Goods intake', '[{"id": "s1", "name": "Receive the pallets"}]');
select tests.authenticate_as(tests.id('owner'));
select results_eq(
  $$select name, fuzzy from public.search('recieve') where kind = 'flow'$$,
  $$values ('Goods intake'::text, true)$$,
  'a swapped pair of letters finds a word of the steps'
);
select results_eq(
  $$select name from public.search('palets recieve') where kind = 'flow'$$,
  $$values ('Goods intake'::text)$$,
  'every word of the query may carry a typo'
);
select tests.authenticate_as(tests.id('outsider'));
select is(
  (select count(*)::int from public.search('recieve', in_project => tests.id('p'))), 0,
  'the typo fallback finds nothing in a project you cannot read'
);

select tests.authenticate_as_anon();
select throws_ok($$ select * from public.search('invoice') $$, '42501', null, 'anon may not search');

select * from finish();
rollback;
