-- Review calls, restore of deleted rows and revisions, duplicates, me().
begin;
\ir helpers/auth.sql
select plan(18);
select tests.create_world();

select tests.authenticate_as(tests.id('editor'));
select is((public.submit_for_review(tests.id('flow_p'))).status::text, 'in_review', 'an editor submits for review');
select throws_ok(
  format('select public.approve_flow(%L)', tests.id('flow_p')), '42501', null, 'an editor cannot approve'
);
select tests.authenticate_as(tests.id('owner'));
select throws_ok(
  format('select public.reject_flow(%L, %L)', tests.id('flow_p'), ''), '22023', null, 'a rejection needs a comment'
);
select is(
  (public.reject_flow(tests.id('flow_p'), 'Steps 3-5 are missing')).status::text, 'draft',
  'an owner rejects back to draft'
);
select is(
  (select changes ->> 'comment' from public.audit_log where entity_id = tests.id('flow_p') and action = 'review'),
  'Steps 3-5 are missing', 'the rejection comment is kept in the audit log'
);

select tests.authenticate_as(tests.id('editor'));
update public.flows set description = 'second version' where id = tests.id('flow_p');
select is(
  (public.restore_flow_revision(tests.id('flow_p'), 1)).description, '', 'an editor restores an earlier revision'
);
select ok(
  (select revision from public.flows where id = tests.id('flow_p')) > 2, 'restoring a revision is a new revision'
);

delete from public.flows where id = tests.id('flow_p');
select is((select count(*)::int from public.flows where id = tests.id('flow_p')), 0, 'a deleted flow is hidden');
select lives_ok(format('select public.restore_flow(%L)', tests.id('flow_p')), 'an editor restores a deleted flow');
select is((select count(*)::int from public.flows where id = tests.id('flow_p')), 1, 'the restored flow is back');

select tests.authenticate_as(tests.id('viewer'));
select throws_ok(
  format('select public.duplicate_project(%L)', tests.id('p')), '42501', null, 'a viewer cannot duplicate a project'
);
select tests.authenticate_as(tests.id('editor'));
create temporary table copies on commit drop as
  select public.duplicate_project(tests.id('p'), 'Copy of P') as project, public.duplicate_flow(tests.id('flow_p')) as flow;
select is(
  (select count(*)::int from public.flows where project_id = (select project from copies)), 1,
  'an editor duplicates a project with its flows'
);
select is(
  (select name from public.flows where id = (select flow from copies)), 'Flow p (copy)', 'an editor duplicates a flow'
);
select is(
  (select array[s.key, d.key, a.key]
    from public.flows as f
    inner join public.services as s on s.id = f.service_id and s.project_id = f.project_id
    inner join public.service_domains as d on d.id = f.service_domain_id and d.project_id = f.project_id
    inner join public.actors as a on a.id = f.actor_ids[1] and a.project_id = f.project_id
    where f.project_id = (select project from copies)),
  array['service-p', 'domain-p', 'actor-p'],
  'a copied flow names the copy''s own service, domain and actor'
);
select throws_ok(
  format('select private.copy_flows(%L, %L)', tests.id('p'), tests.id('p')), '42501', null,
  'flows are copied only into a project the caller owns'
);
select throws_ok(
  format('select private.copy_flows(%L, %L)', tests.id('q'), (select project from copies)), '42501', null,
  'flows are copied only from a project the caller edits (a public one is not enough)'
);
select is(
  (to_jsonb(public.me()) ->> 'email'), 'editor@test.local', 'me() returns the signed-in profile'
);
select tests.authenticate_as_anon();
select throws_ok('select public.me()', '42501', null, 'anon has no me()');

select * from finish();
rollback;
