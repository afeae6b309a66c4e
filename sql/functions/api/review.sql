-- Review: submit, approve, reject. Thin calls over an UPDATE of flows.status, so the review state machine
-- (private.tg_flow_review_state) decides who may do what, exactly as for a direct PATCH.

create function private.set_flow_status(flow uuid, new_status public.flow_status)
returns public.flows
language plpgsql
volatile
security invoker
set search_path = ''
as $$
declare
  changed public.flows;
begin
  update public.flows as f set status = new_status
  where f.id = flow and f.deleted_at is null
  returning f.* into changed;
  if changed.id is null then
    raise exception 'flow % not found', flow using errcode = 'PT404', detail = 'field: flow_id',
      hint = 'check the id, and that you are an editor of its project';
  end if;
  return changed;
end;
$$;

comment on function private.set_flow_status(uuid, public.flow_status) is
'Sets a flow''s review status as the caller; 404 when the caller cannot see or change the flow.';

create function public.submit_for_review(flow_id uuid)
returns public.flows
language sql
volatile
security invoker
set search_path = ''
as $$
  select private.set_flow_status(submit_for_review.flow_id, 'in_review')
$$;

comment on function public.submit_for_review(uuid) is 'Editors: draft -> in_review. Returns the flow.';

create function public.approve_flow(flow_id uuid)
returns public.flows
language sql
volatile
security invoker
set search_path = ''
as $$
  select private.set_flow_status(approve_flow.flow_id, 'approved')
$$;

comment on function public.approve_flow(uuid) is
'Owners and global admins: in_review -> approved (not by the submitter, unless a global admin). Returns the flow.';

create function public.reject_flow(flow_id uuid, comment text)
returns public.flows
language plpgsql
volatile
security invoker
set search_path = ''
as $$
declare
  rejected public.flows;
begin
  if comment is null or pg_catalog.char_length(pg_catalog.btrim(comment)) not between 1 and 2000 then
    raise exception 'comment must say why, in 1 to 2000 characters' using errcode = '22023', detail = 'field: comment';
  end if;
  rejected := private.set_flow_status(reject_flow.flow_id, 'draft');
  perform private.audit_event(
    rejected.project_id, 'review', 'flows', rejected.id,
    pg_catalog.jsonb_build_object('decision', 'rejected', 'comment', pg_catalog.btrim(comment))
  );
  return rejected;
end;
$$;

comment on function public.reject_flow(uuid, text) is
'Owners and global admins: in_review -> draft with a comment saying why (kept in the audit log as action '
'"review"). Returns the flow.';

revoke all on function private.set_flow_status(uuid, public.flow_status) from public;
grant execute on function private.set_flow_status(uuid, public.flow_status) to authenticated, service_role;
revoke all on function public.submit_for_review(uuid) from public, anon;
revoke all on function public.approve_flow(uuid) from public, anon;
revoke all on function public.reject_flow(uuid, text) from public, anon;
grant execute on function public.submit_for_review(uuid) to authenticated, service_role;
grant execute on function public.approve_flow(uuid) to authenticated, service_role;
grant execute on function public.reject_flow(uuid, text) to authenticated, service_role;
