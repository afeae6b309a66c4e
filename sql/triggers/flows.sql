-- Flows: optimistic locking with revision history, the review state machine and reference checks.

-- Revision: the client sends the revision it read (or leaves it out). A different revision than the stored one
-- means someone else changed the flow in between: SQLSTATE PT409, which PostgREST answers with HTTP 409.
-- Any real change increments the revision; soft delete/restore alone does not.
--
-- "Anything but these columns changed" is asked by blanking them in both rows and comparing the records, not their
-- JSON: converting a flow row to JSON costs ~0.1 ms (its steps, its search vector as text), comparing ~0.02 ms.
create function private.tg_flow_revision()
returns trigger
language plpgsql
security invoker
set search_path = ''
as $$
declare
  bookkeeping constant jsonb := '{
    "revision": null, "updated_at": null, "updated_by": null, "deleted_at": null, "deleted_by": null
  }';
begin
  if new.revision is distinct from old.revision then
    raise exception 'flow "%" changed since you read it: you sent revision %, it is now at revision %',
      old.name, new.revision, old.revision
      using errcode = 'PT409', hint = 'reload the flow, reapply your change and send the new revision';
  end if;
  if pg_catalog.jsonb_populate_record(new, bookkeeping) is distinct from pg_catalog.jsonb_populate_record(old, bookkeeping)
  then
    new.revision := old.revision + 1;
  end if;
  return new;
end;
$$;

comment on function private.tg_flow_revision() is
'BEFORE UPDATE on flows: PT409 (HTTP 409) when the update names a stale revision; otherwise increments revision '
'when anything but bookkeeping changed.';

create trigger _300_revision before update on public.flows
for each row execute function private.tg_flow_revision();

-- Review state machine, for API roles (the owner's maintenance path, e.g. an import function, sets states freely):
--   draft -> in_review            editors and above (submitted_by/at)
--   in_review -> approved         owners and global admins; not the submitter unless a global admin (four eyes)
--   in_review -> draft            owners and global admins (a rejection; reviewed_by/at)
--   approved -> deprecated|draft  owners and global admins
--   deprecated -> draft           owners and global admins
-- Changing the content of an in_review or approved flow returns it to draft, whoever changes it: also the definer
-- triggers that detach a deleted actor and the foreign key that clears a deleted service, so deleting a registry
-- entry cannot alter an approved flow behind its approver. New flows start as draft (service_role may insert any
-- state, for imports).
create function private.tg_flow_review_state()
returns trigger
language plpgsql
security invoker
set search_path = ''
as $$
declare
  -- Blanked in both rows to compare the content (see private.tg_flow_revision).
  not_content constant jsonb := '{
    "id": null, "project_id": null, "status": null, "revision": null, "created_at": null, "created_by": null,
    "updated_at": null, "updated_by": null, "submitted_at": null, "submitted_by": null, "reviewed_at": null,
    "reviewed_by": null, "approved_at": null, "approved_by": null, "deleted_at": null, "deleted_by": null
  }';
  uid uuid;
  caller_role public.member_role;
  content_changed boolean;
begin
  if tg_op = 'UPDATE' then
    content_changed := pg_catalog.jsonb_populate_record(new, not_content)
      is distinct from pg_catalog.jsonb_populate_record(old, not_content);
    if new.status = old.status then
      if content_changed and old.status in ('in_review', 'approved') then
        new.status := 'draft';
        new.approved_at := null;
        new.approved_by := null;
      end if;
      return new;
    end if;
  end if;

  if tg_op = 'INSERT' then
    -- The role is asked last: most new flows are drafts, and each call of a function costs a few microseconds.
    if new.status <> 'draft' and current_user <> 'service_role' and private.is_api_role() then
      raise exception 'a new flow starts as draft, not %', new.status
        using errcode = 'P0001', hint = 'create it as draft, then submit it for review (status in_review)';
    end if;
    return new;
  end if;

  if not private.is_api_role() then
    return new;
  end if;

  uid := auth.uid();  -- only a status change needs the caller
  caller_role := case
    when current_user = 'service_role' then 'owner'::public.member_role
    else private.project_role(new.project_id)
  end;

  if old.status = 'draft' and new.status = 'in_review' then
    if caller_role is null or caller_role < 'editor' then
      raise exception 'only editors can submit a flow for review' using errcode = '42501';
    end if;
    new.submitted_at := pg_catalog.now();
    new.submitted_by := uid;
  elsif old.status = 'in_review' and new.status in ('approved', 'draft') then
    if caller_role is distinct from 'owner' then
      raise exception 'only project owners and global admins can approve or reject a flow in review'
        using errcode = '42501';
    end if;
    if new.status = 'approved' then
      if content_changed then
        raise exception 'a flow is approved as it was submitted: do not change its content when approving'
          using errcode = 'P0001', hint = 'approve first, then edit (which returns it to draft)';
      end if;
      if old.submitted_by = uid and not (select private.is_admin()) then
        raise exception 'you submitted this flow for review, so someone else must approve it'
          using errcode = '42501', hint = 'ask another project owner or a global admin to approve it';
      end if;
      new.approved_at := pg_catalog.now();
      new.approved_by := uid;
    end if;
    new.reviewed_at := pg_catalog.now();
    new.reviewed_by := uid;
  elsif (old.status = 'approved' and new.status in ('deprecated', 'draft'))
    or (old.status = 'deprecated' and new.status = 'draft') then
    if caller_role is distinct from 'owner' then
      raise exception 'only project owners and global admins can change the status of an approved or deprecated flow'
        using errcode = '42501';
    end if;
    if new.status = 'draft' then
      new.approved_at := null;
      new.approved_by := null;
    end if;
  else
    raise exception 'a flow cannot go from % to %', old.status, new.status
      using errcode = 'P0001',
      hint = 'allowed: draft -> in_review -> approved or draft; approved -> deprecated or draft; deprecated -> draft';
  end if;
  return new;
end;
$$;

comment on function private.tg_flow_review_state() is
'BEFORE INSERT/UPDATE on flows: enforces the review state machine and who may make each transition, records '
'submitted/reviewed/approved by and at, and returns an edited in_review or approved flow to draft.';

create trigger _400_review_state before insert or update on public.flows
for each row execute function private.tg_flow_review_state();

-- References the foreign keys cannot express: actor_ids must be actors of the flow's project, and the service
-- must be in the flow's service domain (the domain is filled from the service when left out).
create function private.tg_flow_references()
returns trigger
language plpgsql
security invoker
set search_path = ''
as $$
declare
  missing uuid;
  service_domain uuid;
begin
  if pg_catalog.cardinality(new.actor_ids) > 0
    and (tg_op = 'INSERT' or new.actor_ids is distinct from old.actor_ids) then
    select a.id into missing
    from pg_catalog.unnest(new.actor_ids) as a (id)
    where not exists (select 1 from public.actors as x where x.id = a.id and x.project_id = new.project_id)
    limit 1;
    if found then
      raise exception 'flows.actor_ids: % is not an actor of this project', missing
        using errcode = '23503', hint = 'create the actor first or remove it from actor_ids';
    end if;
  end if;
  if new.service_id is not null
    and (tg_op = 'INSERT' or new.service_id is distinct from old.service_id
      or new.service_domain_id is distinct from old.service_domain_id) then
    select s.domain_id into service_domain
    from public.services as s
    where s.id = new.service_id and s.project_id = new.project_id;
    if found then
      if new.service_domain_id is null then
        new.service_domain_id := service_domain;
      elsif new.service_domain_id <> service_domain then
        raise exception 'flows.service_id: the service is not in the flow''s service domain'
          using errcode = '23514', hint = 'pick a service of that domain or leave service_domain_id empty';
      end if;
    end if;
  end if;
  return new;
end;
$$;

comment on function private.tg_flow_references() is
'BEFORE INSERT/UPDATE on flows: actor_ids must be actors of the same project (23503); the service must be in the '
'flow''s service domain (23514), which is filled from the service when missing.';

create trigger _500_check_references before insert or update on public.flows
for each row execute function private.tg_flow_references();

-- Keep the previous content of the flow whenever its revision moved on.
create function private.tg_flow_keep_revision()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
  insert into public.flow_revisions (project_id, flow_id, revision, content, created_by)
  values (
    old.project_id, old.id, old.revision,
    pg_catalog.to_jsonb(old),
    auth.uid()
  );
  return null;
end;
$$;

comment on function private.tg_flow_keep_revision() is
'AFTER UPDATE on flows (when revision changed): stores the previous row in flow_revisions.';

create trigger _800_keep_revision after update on public.flows
for each row when (new.revision <> old.revision) execute function private.tg_flow_keep_revision();
