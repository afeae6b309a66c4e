-- search: ranked full text over what the caller can read, filters, typo fallback, snippets, bad arguments.
begin;
\ir helpers/auth.sql
select plan(14);
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
  (select name from public.search('invoce') where kind = 'flow' and fuzzy), 'Invoice customer',
  'a typo still finds a readable flow by name similarity'
);
select is(
  (select name from public.search('Service p') where kind = 'service' order by rank desc limit 1), 'Service p',
  'services are searchable, the closest first'
);

select tests.authenticate_as(tests.id('outsider'));
select is(
  (select count(*)::int from public.search('invoice', in_project => tests.id('p'))), 0,
  'a non-member finds nothing in a private project'
);

update public.flows set name = '<script>alert(1)</script> invoice' where id = tests.id('flow_r');
select ok(
  (select snippet not like '%<script>%' from public.search('alert') where id = tests.id('flow_r')),
  'snippets are HTML-escaped'
);

select throws_ok(
  $$ select * from public.search(repeat('x', 201)) $$, '22023', 'query: must be at most 200 characters',
  'an oversized query is refused naming the field'
);
select throws_ok(
  $$ select * from public.search('x', result_limit => 100000) $$, '22023', 'result_limit: must be between 1 and 100',
  'a huge limit is refused naming the field'
);

select tests.authenticate_as_anon();
select throws_ok($$ select * from public.search('invoice') $$, '42501', null, 'anon may not search');

select * from finish();
rollback;
