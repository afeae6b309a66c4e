-- flows: the review state machine, who may make each transition, and approved -> draft on edit.
begin;
\ir helpers/auth.sql
select plan(38);

select tests.create_world();
-- a second owner of p, so that four-eyes approval is possible within the project
insert into public.project_members (project_id, user_id, role) values (tests.id('p'), tests.id('reader'), 'owner');

select tests.authenticate_as(tests.id('editor'));
select throws_ok(
  $$insert into public.flows (project_id, name, status) values (tests.id('p'), 'Born approved', 'approved')$$,
  'P0001', 'a new flow starts as draft, not approved', 'a flow cannot be created approved'
);
select throws_ok(
  $$update public.flows set status = 'approved' where id = tests.id('flow_p')$$,
  'P0001', 'a flow cannot go from draft to approved', 'draft cannot jump to approved'
);
select throws_ok(
  $$update public.flows set status = 'deprecated' where id = tests.id('flow_p')$$,
  'P0001', 'a flow cannot go from draft to deprecated', 'draft cannot jump to deprecated'
);

select tests.authenticate_as(tests.id('viewer'));
select is(
  tests.row_count($$update public.flows set status = 'in_review' where id = tests.id('flow_p')$$), 0,
  'a viewer cannot submit a flow for review'
);

select tests.authenticate_as(tests.id('editor'));
select is(
  tests.row_count($$update public.flows set status = 'in_review' where id = tests.id('flow_p')$$), 1,
  'an editor submits a draft for review'
);
select results_eq(
  $$select status::text, submitted_by from public.flows where id = tests.id('flow_p')$$,
  $$values ('in_review', tests.id('editor'))$$, 'the flow is in review, submitted by the editor'
);
select throws_ok(
  $$update public.flows set status = 'approved' where id = tests.id('flow_p')$$, '42501',
  'only project owners and global admins can approve or reject a flow in review', 'an editor cannot approve'
);
select throws_ok(
  $$update public.flows set status = 'draft' where id = tests.id('flow_p')$$, '42501',
  'only project owners and global admins can approve or reject a flow in review', 'an editor cannot reject'
);
select throws_ok(
  $$update public.flows set status = 'deprecated' where id = tests.id('flow_p')$$, 'P0001',
  'a flow cannot go from in_review to deprecated', 'in_review cannot jump to deprecated'
);

select tests.authenticate_as(tests.id('owner'));
select throws_ok(
  $$update public.flows set status = 'approved', notes = 'sneaked in' where id = tests.id('flow_p')$$, 'P0001',
  'a flow is approved as it was submitted: do not change its content when approving',
  'approving while changing the content is refused'
);
select is(
  tests.row_count($$update public.flows set status = 'draft' where id = tests.id('flow_p')$$), 1,
  'the owner rejects a flow in review back to draft'
);
select results_eq(
  $$select status::text, reviewed_by, approved_by from public.flows where id = tests.id('flow_p')$$,
  $$values ('draft', tests.id('owner'), null::uuid)$$, 'a rejection records the reviewer and no approver'
);
select is(
  tests.row_count($$update public.flows set status = 'in_review' where id = tests.id('flow_p')$$), 1,
  'the owner submits the flow again'
);
select throws_ok(
  $$update public.flows set status = 'approved' where id = tests.id('flow_p')$$, '42501',
  'you submitted this flow for review, so someone else must approve it', 'the submitter cannot approve their own submission'
);

select tests.authenticate_as(tests.id('reader'));
select is(
  tests.row_count($$update public.flows set status = 'approved' where id = tests.id('flow_p')$$), 1,
  'another owner approves the flow'
);
select results_eq(
  $$select status::text, approved_by, reviewed_by, approved_at is not null from public.flows where id = tests.id('flow_p')$$,
  $$values ('approved', tests.id('reader'), tests.id('reader'), true)$$,
  'approval records approved_by, reviewed_by and approved_at'
);

-- editing an approved flow returns it to draft
select tests.authenticate_as(tests.id('editor'));
select is(
  tests.row_count($$update public.flows set steps = '[{"id": "s1", "name": "Changed step"}]' where id = tests.id('flow_p')$$),
  1, 'an editor edits an approved flow'
);
select results_eq(
  $$select status::text, approved_by from public.flows where id = tests.id('flow_p')$$,
  $$values ('draft', null::uuid)$$, 'editing the content of an approved flow returns it to draft and clears the approval'
);
select is(
  tests.row_count($$update public.flows set status = 'in_review' where id = tests.id('flow_p')$$), 1, 'the editor resubmits'
);
select is(
  tests.row_count($$update public.flows set description = 'still polishing' where id = tests.id('flow_p')$$), 1,
  'an editor edits a flow in review'
);
select is(
  (select status::text from public.flows where id = tests.id('flow_p')), 'draft',
  'editing the content of a flow in review returns it to draft'
);
select is(
  tests.row_count($$update public.flows set status = 'in_review' where id = tests.id('flow_p')$$), 1,
  'the editor submits once more'
);

-- global roles
select tests.authenticate_as(tests.id('guest'));
select is(
  tests.row_count($$update public.flows set status = 'approved' where id = tests.id('flow_p')$$), 0,
  'a global viewer cannot approve (they cannot update flows at all)'
);
select tests.authenticate_as(tests.id('admin'));
select is(
  tests.row_count($$update public.flows set status = 'approved' where id = tests.id('flow_p')$$), 1,
  'a global admin approves a flow of any project'
);
select tests.authenticate_as(tests.id('editor'));
select throws_ok(
  $$update public.flows set status = 'deprecated' where id = tests.id('flow_p')$$, '42501',
  'only project owners and global admins can change the status of an approved or deprecated flow',
  'an editor cannot deprecate an approved flow'
);
select throws_ok(
  $$update public.flows set status = 'draft' where id = tests.id('flow_p')$$, '42501',
  'only project owners and global admins can change the status of an approved or deprecated flow',
  'an editor cannot send an approved flow back to draft by status'
);
select throws_ok(
  $$update public.flows set status = 'in_review' where id = tests.id('flow_p')$$, 'P0001',
  'a flow cannot go from approved to in_review', 'approved cannot go back to in_review'
);
select tests.authenticate_as(tests.id('owner'));
select is(
  tests.row_count($$update public.flows set status = 'deprecated' where id = tests.id('flow_p')$$), 1,
  'the owner deprecates an approved flow'
);
select throws_ok(
  $$update public.flows set status = 'approved' where id = tests.id('flow_p')$$, 'P0001',
  'a flow cannot go from deprecated to approved', 'deprecated cannot go back to approved'
);
select tests.authenticate_as(tests.id('editor'));
select throws_ok(
  $$update public.flows set status = 'draft' where id = tests.id('flow_p')$$, '42501', null,
  'an editor cannot revive a deprecated flow'
);
select is(
  tests.row_count($$update public.flows set notes = 'historic note' where id = tests.id('flow_p')$$), 1,
  'an editor may annotate a deprecated flow'
);
select is(
  (select status::text from public.flows where id = tests.id('flow_p')), 'deprecated', 'editing a deprecated flow keeps it deprecated'
);
select tests.authenticate_as(tests.id('owner'));
select is(
  tests.row_count($$update public.flows set status = 'draft' where id = tests.id('flow_p')$$), 1,
  'the owner revives a deprecated flow as draft'
);

-- Deleting a registry entry an approved flow uses changes the flow: it goes back to draft, without its approver.
select tests.clear_authentication();
update public.flows set status = 'approved', approved_by = tests.id('owner'), approved_at = now()
where id = tests.id('flow_p');
select tests.authenticate_as(tests.id('editor'));
select is(
  tests.row_count(format('delete from public.actors where id = %L', tests.id('actor_p'))), 1,
  'an editor deletes an actor an approved flow uses'
);
select is(
  (select status::text || ' ' || coalesce(approved_by::text, 'no approver') from public.flows where id = tests.id('flow_p')),
  'draft no approver', 'the flow it changed is a draft again, without its approver'
);
select tests.clear_authentication();
update public.flows set status = 'approved', approved_by = tests.id('owner'), approved_at = now()
where id = tests.id('flow_p');
select tests.authenticate_as(tests.id('owner'));
select is(
  tests.row_count(format('delete from public.services where id = %L', tests.id('service_p'))), 1,
  'an owner deletes the service of an approved flow'
);
select is(
  (select status::text from public.flows where id = tests.id('flow_p')), 'draft',
  'a flow whose service was deleted is a draft again'
);

-- service_role (imports) may create flows in any state; the maintenance path is not checked
select tests.authenticate_as_service_role();
select is(
  tests.row_count($$insert into public.flows (project_id, name, status) values (tests.id('p'), 'Imported', 'approved')$$), 1,
  'service_role imports an approved flow'
);

select * from finish();
rollback;
