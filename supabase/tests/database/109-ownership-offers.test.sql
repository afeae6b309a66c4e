-- Ownership by offer: transfer_ownership changes nothing until the recipient accepts; then they own the project and
-- the previous owner is an editor. Nobody is trapped: the recipient may decline or leave, and can be deleted.
-- project_ownership_offers' policies per role.
begin;
\ir helpers/auth.sql
select plan(38);
select tests.create_world();

-- transfer_ownership: an offer, to a member, by the owner (or a global admin) only
select tests.authenticate_as(tests.id('owner'));
select results_eq(
  $$select project_id, offered_to, offered_by from public.transfer_ownership(tests.id('p'), tests.id('editor'))$$,
  $$values (tests.id('p'), tests.id('editor'), tests.id('owner'))$$,
  'the owner offers the ownership to a member'
);
select results_eq(
  $$select p.owner_id, m.role::text from public.projects as p
    join public.project_members as m on m.project_id = p.id and m.user_id = tests.id('editor')
    where p.id = tests.id('p')$$,
  $$values (tests.id('owner'), 'editor')$$,
  'an offer changes nothing: the owner still owns the project, the recipient is still an editor'
);
select throws_ok(
  format($$ select public.transfer_ownership(%L, %L) $$, tests.id('p'), tests.id('reader')), 'PT404',
  'the new owner must already be a member of the project', 'ownership is offered only to a member'
);
select throws_ok(
  format($$ select public.transfer_ownership(%L, %L) $$, tests.id('p'), tests.id('owner')), '22023',
  'this member already owns the project', 'the owner cannot offer the project to themself'
);
select throws_ok(
  format($$ select public.transfer_ownership(%L, null) $$, tests.id('p')), '22023', 'new_owner_id is required',
  'the recipient is required'
);
select tests.clear_authentication();
update public.project_members set role = 'owner' where project_id = tests.id('p') and user_id = tests.id('viewer');
select tests.authenticate_as(tests.id('viewer'));
select throws_ok(
  format($$ select public.transfer_ownership(%L, %L) $$, tests.id('p'), tests.id('viewer')), '42501',
  'only the project''s owner (projects.owner_id) can offer its ownership',
  'a co-owner cannot move the ownership (it would demote projects.owner_id)'
);
select tests.clear_authentication();
update public.project_members set role = 'viewer' where project_id = tests.id('p') and user_id = tests.id('viewer');
select tests.authenticate_as(tests.id('editor'));
select throws_ok(
  format($$ select public.transfer_ownership(%L, %L) $$, tests.id('p'), tests.id('editor')), '42501', null,
  'an editor cannot take the ownership'
);
select tests.authenticate_as(tests.id('reader'));
select throws_ok(
  format($$ select public.transfer_ownership(%L, %L) $$, tests.id('r'), tests.id('reader')), 'PT404', null,
  'a non-member cannot push or pull a project and learns nothing of it'
);
select tests.authenticate_as_anon();
select throws_ok(
  format($$ select public.transfer_ownership(%L, %L) $$, tests.id('q'), tests.id('reader')), '42501', null,
  'anon cannot offer ownership'
);

-- select: the owners and the recipient
select tests.authenticate_as(tests.id('owner'));
select is((select count(*)::int from public.project_ownership_offers), 1, 'the owner sees the offer');
select tests.authenticate_as(tests.id('editor'));
select is((select offered_to from public.project_ownership_offers), tests.id('editor'), 'the recipient sees the offer');
select tests.authenticate_as(tests.id('viewer'));
select is((select count(*)::int from public.project_ownership_offers), 0, 'another member does not see it');
select tests.authenticate_as(tests.id('outsider'));
select is((select count(*)::int from public.project_ownership_offers), 0, 'a non-member does not see it');
select tests.authenticate_as(tests.id('admin'));
select is(
  (select count(*)::int from public.project_ownership_offers where project_id = tests.id('p')), 1, 'a global admin sees it'
);
select tests.authenticate_as_anon();
select throws_ok('select count(*) from public.project_ownership_offers', '42501', null, 'anon cannot read offers');

-- insert and update: only through the rpcs
select tests.authenticate_as(tests.id('owner'));
select throws_ok(
  $$insert into public.project_ownership_offers (project_id, offered_to, offered_by)
    values (tests.id('p'), tests.id('viewer'), tests.id('owner'))$$,
  '42501', 'permission denied for table project_ownership_offers', 'offers are made only by transfer_ownership'
);
select throws_ok(
  $$update public.project_ownership_offers set offered_to = tests.id('viewer')$$,
  '42501', 'permission denied for table project_ownership_offers', 'nobody redirects an offer in place'
);

-- delete: the recipient declines, the owner withdraws, nobody else
select tests.authenticate_as(tests.id('viewer'));
select is(
  tests.row_count('delete from public.project_ownership_offers'), 0, 'another member cannot remove the offer'
);
select tests.authenticate_as(tests.id('editor'));
select is(
  tests.row_count('delete from public.project_ownership_offers where project_id = tests.id(''p'')'), 1,
  'the recipient declines the offer'
);
select tests.authenticate_as(tests.id('owner'));
select lives_ok(
  format($$ select public.transfer_ownership(%L, %L) $$, tests.id('p'), tests.id('guest')), 'the owner offers again'
);
select is(
  tests.row_count('delete from public.project_ownership_offers where project_id = tests.id(''p'')'), 1,
  'the owner withdraws the offer'
);
select tests.authenticate_as_anon();
select throws_ok('delete from public.project_ownership_offers', '42501', null, 'anon cannot delete offers');

-- accept_ownership: the recipient owns the project, the previous owner is an editor
select tests.authenticate_as(tests.id('owner'));
select lives_ok(
  format($$ select public.transfer_ownership(%L, %L) $$, tests.id('p'), tests.id('editor')), 'the owner offers once more'
);
select tests.authenticate_as(tests.id('viewer'));
select throws_ok(
  format($$ select public.accept_ownership(%L) $$, tests.id('p')), 'PT404',
  'nobody has offered you the ownership of this project', 'only the recipient can accept'
);
select tests.authenticate_as_anon();
select throws_ok(format($$ select public.accept_ownership(%L) $$, tests.id('p')), '42501', null, 'anon cannot accept');
select tests.authenticate_as(tests.id('editor'));
select is(
  (select owner_id from public.accept_ownership(tests.id('p'))), tests.id('editor'),
  'the recipient accepts and owns the project'
);
select tests.clear_authentication();
select results_eq(
  $$select user_id, role::text from public.project_members
    where project_id = tests.id('p') and user_id in (tests.id('owner'), tests.id('editor')) order by role$$,
  $$values (tests.id('owner'), 'editor'), (tests.id('editor'), 'owner')$$,
  'the recipient is an owner member and the previous owner an editor'
);
select is(
  (select count(*)::int from public.project_ownership_offers where project_id = tests.id('p')), 0,
  'an accepted offer is gone'
);
select results_eq(
  $$select actor_id, changes -> 'owner_id' ->> 'old', changes -> 'owner_id' ->> 'new' from public.audit_log
    where entity_type = 'projects' and entity_id = tests.id('p') and action = 'update' and changes ? 'owner_id'$$,
  $$values (tests.id('editor'), tests.id('owner')::text, tests.id('editor')::text)$$,
  'the audit log says who took the ownership from whom'
);
select tests.authenticate_as(tests.id('owner'));
select is(
  tests.row_count($$delete from public.project_members where project_id = tests.id('p') and user_id = tests.id('owner')$$),
  1, 'the previous owner may leave'
);
select tests.authenticate_as(tests.id('editor'));
select throws_ok(
  format($$ select public.accept_ownership(%L) $$, tests.id('p')), 'PT404', null, 'an offer is accepted once'
);

-- expired offers, and offers to someone who leaves
select lives_ok(
  format($$ select public.transfer_ownership(%L, %L) $$, tests.id('p'), tests.id('viewer')),
  'the new owner offers the project on'
);
select tests.clear_authentication();
update public.project_ownership_offers set created_at = now() - interval '20 days', expires_at = now() - interval '1 day'
where project_id = tests.id('p');
select tests.authenticate_as(tests.id('viewer'));
select throws_ok(
  format($$ select public.accept_ownership(%L) $$, tests.id('p')), 'P0001', null, 'an expired offer cannot be accepted'
);
select is(
  tests.row_count($$delete from public.project_members where project_id = tests.id('p') and user_id = tests.id('viewer')$$),
  1, 'a member who was offered the project may still leave'
);
select tests.clear_authentication();
select is(
  (select count(*)::int from public.project_ownership_offers where project_id = tests.id('p')), 0,
  'the offer lapses with the recipient''s membership'
);

-- deleting users: an offer ties nobody; owning a project does
select tests.authenticate_as(tests.id('admin'));
select lives_ok(
  format($$ select public.transfer_ownership(%L, %L) $$, tests.id('p'), tests.id('guest')),
  'a global admin offers a project''s ownership'
);
select tests.clear_authentication();
select lives_ok(
  format($$ delete from auth.users where id = %L $$, tests.id('guest')),
  'a user who was offered a project (and did not accept) can be deleted'
);
select throws_ok(
  format($$ delete from auth.users where id = %L $$, tests.id('editor')), 'P0001', null,
  'a user who owns a project cannot be deleted (its owner membership stays) until the ownership moves or it is purged'
);

select * from finish();
rollback;
