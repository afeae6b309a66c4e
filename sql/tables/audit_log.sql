-- audit_log: append-only history of every insert, update and delete, written only by the audit triggers
-- (private.tg_audit_inserts, private.tg_audit).
-- No foreign keys on purpose: the history outlives the rows it describes.

create table public.audit_log (
  id uuid primary key default gen_random_uuid(),
  project_id uuid,
  flow_id uuid,
  actor_id uuid,
  actor_role text,
  action text not null,
  entity_type text not null,
  entity_id uuid,
  changes jsonb not null default '{}'::jsonb,
  ip_address inet,
  user_agent text,
  created_at timestamptz not null default clock_timestamp(),
  constraint audit_log_action_known check (
    action in (
      'insert', 'update', 'delete', 'soft_delete', 'restore', 'export', 'import', 'duplicate', 'review', 'save'
    )
  )
);

-- lz4: written on every audited change (a full flow is several KB) and much faster to compress than pglz.
alter table public.audit_log alter column changes set compression lz4;

create index audit_log_project_id_idx on public.audit_log (project_id, created_at desc);
create index audit_log_flow_id_idx on public.audit_log (flow_id, created_at desc) where flow_id is not null;
create index audit_log_entity_idx on public.audit_log (entity_type, entity_id);
create index audit_log_actor_id_idx on public.audit_log (actor_id, created_at desc);

comment on table public.audit_log is
'Append-only audit trail: who changed what, where and when. Written only by triggers; members of a project read '
'its entries, global admins read all. Nobody can write, change or delete it through the API.';
comment on column public.audit_log.id is 'Entry id.';
comment on column public.audit_log.project_id is 'Project of the changed row (null for profiles).';
comment on column public.audit_log.flow_id is 'Flow of the changed row, where there is one.';
comment on column public.audit_log.actor_id is 'The user (auth.uid()) who made the change; null for maintenance.';
comment on column public.audit_log.actor_role is
'The database role that made the change (authenticated, service_role ...).';
comment on column public.audit_log.action is
'Row changes: insert, update, delete, soft_delete, restore. Events: export, import, duplicate, review, save.';
comment on column public.audit_log.entity_type is 'The table of the changed row (flows, services ...).';
comment on column public.audit_log.entity_id is 'Id of the changed row.';
comment on column public.audit_log.changes is
'Changed columns as {"column": {"old": value, "new": value}}; every column on insert (old null) and delete (new null). '
'A flow''s JSON content (steps, integrations, business_rules, error_scenarios, performance_requirements, '
'custom_fields) is not copied on insert (it is revision 1) and named by revision on update: '
'{"steps": {"old_revision": 3, "new_revision": 4}}; each revision is in the flow or, once it changed, in '
'flow_revisions.';
comment on column public.audit_log.ip_address is 'Client address: first entry of the X-Forwarded-For request header.';
comment on column public.audit_log.user_agent is 'User-Agent request header.';
comment on column public.audit_log.created_at is 'When the change happened.';

alter table public.audit_log enable row level security;
