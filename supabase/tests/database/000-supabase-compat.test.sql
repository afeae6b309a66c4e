-- The Supabase layer every policy stands on: API roles and the auth.* request helpers,
-- fed the way PostgREST feeds them (role + request.jwt.claims, per transaction).
begin;
select plan(16);

select has_role('anon', 'the anon role exists');
select has_role('authenticated', 'the authenticated role exists');
select ok(
  (select rolbypassrls from pg_roles where rolname = 'service_role'),
  'service_role bypasses row-level security'
);
select ok(
  (select rolcanlogin and not rolinherit from pg_roles where rolname = 'authenticator'),
  'authenticator can log in and does not inherit'
);
select ok(
  (select count(*) = 3 from pg_auth_members m
    join pg_roles r on r.oid = m.roleid
    join pg_roles u on u.oid = m.member
    where u.rolname = 'authenticator' and r.rolname in ('anon', 'authenticated', 'service_role')),
  'authenticator may switch to anon, authenticated and service_role'
);

select is(
  (select s.setconfig from pg_db_role_setting as s join pg_roles as r on r.oid = s.setrole
    where r.rolname = 'anon' and s.setdatabase = 0),
  array['statement_timeout=3s'],
  'anon requests are cancelled after 3 s, as on Supabase'
);
select is(
  (select s.setconfig from pg_db_role_setting as s join pg_roles as r on r.oid = s.setrole
    where r.rolname = 'authenticated' and s.setdatabase = 0),
  array['statement_timeout=8s'],
  'authenticated requests are cancelled after 8 s, as on Supabase'
);

select is(auth.uid(), null, 'auth.uid() is null without claims');

select set_config(
  'request.jwt.claims',
  '{"sub": "6f1c1c5e-58c4-4a4e-9d2b-7a0e2f0c9a11", "role": "authenticated", "email": "ana@example.test"}',
  true
);
select is(auth.uid(), '6f1c1c5e-58c4-4a4e-9d2b-7a0e2f0c9a11'::uuid, 'auth.uid() is the sub claim');
select is(auth.role(), 'authenticated', 'auth.role() is the role claim');
select is(auth.email(), 'ana@example.test', 'auth.email() is the email claim');
select is(auth.jwt() ->> 'sub', '6f1c1c5e-58c4-4a4e-9d2b-7a0e2f0c9a11', 'auth.jwt() is the whole claims object');

set local role authenticated;
select is(auth.uid(), '6f1c1c5e-58c4-4a4e-9d2b-7a0e2f0c9a11'::uuid, 'authenticated may call auth.uid()');
reset role;

select set_config('request.jwt.claim.sub', 'b0b5a1c3-0000-4000-8000-000000000001', true);
select is(
  auth.uid(), 'b0b5a1c3-0000-4000-8000-000000000001'::uuid,
  'the legacy request.jwt.claim.sub setting wins, as on Supabase'
);

select set_config('request.jwt.claim.sub', '', true);
select set_config('request.jwt.claims', '{"role": "anon"}', true);
select is(auth.uid(), null, 'an anon request has no uid');
select is(auth.role(), 'anon', 'an anon request has the anon role');

select * from finish();
rollback;
