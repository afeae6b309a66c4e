-- Audit entries for what is not a row change: exports, imports, duplicates. Definer: audit_log is append-only
-- and closed to every API role; this is the one door besides the audit trigger, used only by our functions.

create function private.audit_event(
  project_id uuid, action text, entity_type text, entity_id uuid, details jsonb default '{}'::jsonb
)
returns void
language sql
volatile
security definer
set search_path = ''
as $$
  insert into public.audit_log (
    project_id, actor_id, actor_role, action, entity_type, entity_id, changes, ip_address, user_agent
  )
  values (
    audit_event.project_id, (select auth.uid()), private.request_role(), audit_event.action,
    audit_event.entity_type, audit_event.entity_id, coalesce(audit_event.details, '{}'::jsonb),
    private.request_ip(), pg_catalog.left(private.request_header('user-agent'), 500)
  )
$$;

comment on function private.audit_event(uuid, text, text, uuid, jsonb) is
'Appends an audit_log entry for an event that is not a row change (export, import, duplicate).';

revoke all on function private.audit_event(uuid, text, text, uuid, jsonb) from public;
grant execute on function private.audit_event(uuid, text, text, uuid, jsonb) to authenticated, service_role;
