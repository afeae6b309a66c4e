-- Stamps: updated_at is monotonic, created_by/updated_by/added_by follow auth.uid(), created_* never change.
begin;
\ir helpers/auth.sql
select plan(24);

select tests.create_world();

-- Inside one transaction now() stands still: without the monotonic rule updated_at would not move at all.
create temporary table seen (label text primary key, at timestamptz) on commit drop;
grant all on seen to authenticated;
insert into seen select 'before', updated_at from public.flows where id = tests.id('flow_p');

select tests.authenticate_as(tests.id('editor'));
update public.flows set notes = 'one' where id = tests.id('flow_p');
insert into seen select 'first', updated_at from public.flows where id = tests.id('flow_p');
update public.flows set notes = 'two' where id = tests.id('flow_p');
insert into seen select 'second', updated_at from public.flows where id = tests.id('flow_p');

select cmp_ok(
  (select at from seen where label = 'first'), '>', (select at from seen where label = 'before'),
  'an update moves updated_at forward even within one transaction'
);
select cmp_ok(
  (select at from seen where label = 'second'), '>', (select at from seen where label = 'first'),
  'a second update in the same transaction moves updated_at forward again'
);

select tests.clear_authentication();
update public.flows set updated_at = now() + interval '1 day' where id = tests.id('flow_p');
insert into seen select 'future', updated_at from public.flows where id = tests.id('flow_p');
select tests.authenticate_as(tests.id('editor'));
update public.flows set notes = 'three' where id = tests.id('flow_p');
select cmp_ok(
  (select updated_at from public.flows where id = tests.id('flow_p')), '>', (select at from seen where label = 'future'),
  'updated_at never goes backwards, even when the stored value is ahead of the clock'
);
select is(
  (select updated_by from public.flows where id = tests.id('flow_p')), tests.id('editor'), 'updated_by is the editing user'
);

select tests.authenticate_as(tests.id('owner'));
update public.flows set notes = 'four' where id = tests.id('flow_p');
select is(
  (select updated_by from public.flows where id = tests.id('flow_p')), tests.id('owner'), 'updated_by follows the latest editor'
);
select isnt(
  (select created_by from public.flows where id = tests.id('flow_p')), tests.id('owner'),
  'created_by does not follow later editors'
);
select throws_ok(
  $$update public.flows set updated_at = '2000-01-01' where id = tests.id('flow_p')$$, '42501', null,
  'updated_at cannot be written by a user'
);
insert into seen select 'four', updated_at from public.flows where id = tests.id('flow_p');
select tests.authenticate_as(tests.id('editor'));
update public.flows set notes = notes where id = tests.id('flow_p');
select results_eq(
  $$select updated_at, updated_by from public.flows where id = tests.id('flow_p')$$,
  $$select at, tests.id('owner') from seen where label = 'four'$$,
  'a no-op update keeps updated_at and updated_by'
);
select tests.authenticate_as(tests.id('owner'));

-- The stamp trigger's arguments name the user columns it fills: on every table exactly those it has.
select is_empty(
  $$select t.tgrelid::regclass::text
    from pg_trigger as t
    where t.tgname = '_200_stamp'
      and (
        select coalesce(array_agg(a.attname::text order by a.attname), '{}') from pg_attribute as a
        where a.attrelid = t.tgrelid and a.attname in ('created_by', 'added_by', 'updated_by') and not a.attisdropped
      ) is distinct from (
        select coalesce(array_agg(arg order by arg), '{}')
        from unnest(string_to_array(rtrim(encode(t.tgargs, 'escape'), '\000'), '\000')) as arg
      )$$,
  'every stamp trigger names exactly the created_by, added_by and updated_by columns of its table'
);

-- stamps on every table with a creator
select lives_ok(
  $$insert into public.service_domains (project_id, key, name) values (tests.id('p'), 'stamped', 'Stamped')$$,
  'the owner adds a domain'
);
select results_eq(
  $$select created_by, updated_by from public.service_domains where key = 'stamped'$$,
  $$values (tests.id('owner'), tests.id('owner'))$$, 'created_by and updated_by of a new row are the creator'
);
select tests.authenticate_as(tests.id('editor'));
update public.service_domains set name = 'Restamped' where key = 'stamped';
select results_eq(
  $$select created_by, updated_by from public.service_domains where key = 'stamped'$$,
  $$values (tests.id('owner'), tests.id('editor'))$$, 'an edit changes updated_by, not created_by'
);

select tests.authenticate_as(tests.id('owner'));
select lives_ok(
  $$select public.add_member(tests.id('p'), 'reader@test.local', 'viewer')$$, 'the owner invites a member'
);
select tests.authenticate_as(tests.id('reader'));
select public.accept_invitation((select id from public.project_invitations where email = 'reader@test.local'));
select results_eq(
  $$select added_by, updated_by from public.project_members where user_id = tests.id('reader')$$,
  $$values (tests.id('reader'), tests.id('reader'))$$,
  'added_by and updated_by of a new member are the member, who made it by accepting (the inviter is in the audit log)'
);
select is(
  (select updated_at from public.profiles where id = tests.id('reader')) is not null, true, 'profiles carry updated_at'
);
update public.profiles set name = 'Renamed reader' where id = tests.id('reader');
select cmp_ok(
  (select updated_at from public.profiles where id = tests.id('reader')), '>',
  (select created_at from public.profiles where id = tests.id('reader')),
  'renaming a profile moves its updated_at past its created_at'
);

-- service_role has no uid: it may set the stamps itself, but never the immutable columns after the fact
select tests.authenticate_as_service_role();
select lives_ok(
  $$insert into public.actors (project_id, key, name, created_by) values (tests.id('p'), 'imported', 'Imported', tests.id('viewer'))$$,
  'service_role imports an actor on behalf of a user'
);
select is(
  (select created_by from public.actors where key = 'imported'), tests.id('viewer'),
  'service_role keeps the creator it was given (imports)'
);
select throws_ok(
  $$update public.actors set created_by = tests.id('owner') where key = 'imported'$$, '42501',
  'actors.created_by cannot be changed', 'service_role cannot change created_by afterwards'
);
select throws_ok(
  $$update public.actors set created_at = now() - interval '1 year' where key = 'imported'$$, '42501',
  'actors.created_at cannot be changed', 'service_role cannot change created_at afterwards'
);
select throws_ok(
  $$update public.project_members set added_by = tests.id('admin') where user_id = tests.id('reader')$$, '42501',
  'project_members.added_by cannot be changed', 'service_role cannot change who added a member'
);
select throws_ok(
  $$update public.flows set id = gen_random_uuid() where id = tests.id('flow_p')$$, '42501',
  'flows.id cannot be changed', 'service_role cannot change the id of a flow'
);

-- A session that may name the stamps (a definer, a maintenance job) acting for a user: the user is the stamp.
select tests.clear_authentication();
select set_config('request.jwt.claims', json_build_object('sub', tests.id('editor'), 'role', 'authenticated')::text, true);
insert into public.flows (project_id, name, created_by, updated_by)
values (tests.id('p'), 'Named stamps', tests.id('viewer'), tests.id('viewer'));
select results_eq(
  $$select created_by, updated_by from public.flows where name = 'Named stamps'$$,
  $$values (tests.id('editor'), tests.id('editor'))$$,
  'created_by and updated_by named by a session acting for a user become that user'
);
insert into public.project_members (project_id, user_id, role, added_by)
values (tests.id('r'), tests.id('reader'), 'viewer', tests.id('viewer'));
select is(
  (select added_by from public.project_members where project_id = tests.id('r') and user_id = tests.id('reader')),
  tests.id('editor'), 'added_by named by a session acting for a user becomes that user'
);

select * from finish();
rollback;
