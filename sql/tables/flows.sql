-- flows: the documented business flows. JSONB parts are validated by CHECK constraints whose names say which
-- part is wrong; the expected shapes are in the column comments.

create table public.flows (
  id uuid primary key default gen_random_uuid(),
  project_id uuid not null references public.projects (id) on delete cascade,
  name text not null,
  description text not null default '',
  priority public.flow_priority not null default 'Medium',
  status public.flow_status not null default 'draft',
  version text not null default '1.0.0',
  service_domain_id uuid,
  service_id uuid,
  entry_point text,
  trigger_event text,
  actor_ids uuid[] not null default '{}',
  tags text[] not null default '{}',
  steps jsonb not null default '[]'::jsonb,
  integrations jsonb not null default '[]'::jsonb,
  business_rules jsonb not null default '[]'::jsonb,
  error_scenarios jsonb not null default '[]'::jsonb,
  performance_requirements jsonb not null default '{}'::jsonb,
  notes text not null default '',
  custom_fields jsonb not null default '{}'::jsonb,
  revision integer not null default 1,
  created_at timestamptz not null default now(),
  created_by uuid default auth.uid(),
  updated_at timestamptz not null default now(),
  updated_by uuid default auth.uid(),
  submitted_at timestamptz,
  submitted_by uuid,
  reviewed_at timestamptz,
  reviewed_by uuid,
  approved_at timestamptz,
  approved_by uuid,
  deleted_at timestamptz,
  deleted_by uuid,
  constraint flows_service_domain_in_project foreign key (project_id, service_domain_id)
  references public.service_domains (project_id, id) on delete set null (service_domain_id),
  constraint flows_service_in_project foreign key (project_id, service_id)
  references public.services (project_id, id) on delete set null (service_id),
  constraint flows_name_length check (private.is_display_name(name)),
  constraint flows_version_length check (private.is_version_label(version)),
  constraint flows_entry_point_length check (char_length(entry_point) <= 1000),
  constraint flows_trigger_event_length check (char_length(trigger_event) <= 1000),
  constraint flows_revision_positive check (revision >= 1),
  -- The JSON parts: one rule each (sql/functions/private/validation.sql), the same the project document is
  -- checked with; a violation names the field, e.g. "steps[3].id: duplicate id "s1" (steps[1] has it too)".
  constraint flows_tags_are_valid check (
    private.valid_or_raise(private.tags_errors(to_jsonb(tags)), 'flows_tags_are_valid', 'flows')
  ),
  constraint flows_steps_are_valid check (
    private.valid_or_raise(private.steps_errors(steps), 'flows_steps_are_valid', 'flows')
  ),
  constraint flows_integrations_are_valid check (
    private.valid_or_raise(private.integrations_errors(integrations), 'flows_integrations_are_valid', 'flows')
  ),
  constraint flows_business_rules_are_valid check (
    private.valid_or_raise(private.business_rules_errors(business_rules), 'flows_business_rules_are_valid', 'flows')
  ),
  constraint flows_error_scenarios_are_valid check (
    private.valid_or_raise(
      private.error_scenarios_errors(error_scenarios), 'flows_error_scenarios_are_valid', 'flows'
    )
  ),
  constraint flows_performance_requirements_are_valid check (
    private.valid_or_raise(
      private.performance_requirements_errors(performance_requirements),
      'flows_performance_requirements_are_valid', 'flows'
    )
  ),
  constraint flows_custom_fields_is_object check (jsonb_typeof(custom_fields) = 'object'),
  constraint flows_deleted_by_needs_deleted_at check (deleted_by is null or deleted_at is not null),
  constraint flows_json_depth_at_most_32 check (
    private.jsonb_depth_ok(steps)
    and private.jsonb_depth_ok(integrations)
    and private.jsonb_depth_ok(business_rules)
    and private.jsonb_depth_ok(error_scenarios)
    and private.jsonb_depth_ok(performance_requirements)
    and private.jsonb_depth_ok(custom_fields)
  ),
  constraint flows_numbers_fit_a_double check (
    private.jsonb_numbers_ok(steps)
    and private.jsonb_numbers_ok(integrations)
    and private.jsonb_numbers_ok(business_rules)
    and private.jsonb_numbers_ok(error_scenarios)
    and private.jsonb_numbers_ok(performance_requirements)
    and private.jsonb_numbers_ok(custom_fields)
  ),
  -- Every edit keeps the previous content in flow_revisions and the audit log: without a cap, three PATCHes of a
  -- fresh 4 MB custom_fields grew them by 35 MB. The largest real flows (1,000 steps) are a few hundred kB.
  -- pg_column_size is the stored size, read without converting the values.
  constraint flows_content_at_most_2_mb check (
    coalesce(pg_column_size(description), 0) + coalesce(pg_column_size(notes), 0)
    + coalesce(pg_column_size(steps), 0) + coalesce(pg_column_size(integrations), 0)
    + coalesce(pg_column_size(business_rules), 0) + coalesce(pg_column_size(error_scenarios), 0)
    + coalesce(pg_column_size(performance_requirements), 0) + coalesce(pg_column_size(custom_fields), 0)
    <= 2 * 1024 * 1024
  )
);

-- The only index that starts with project_id, in the order of a page: whatever the planner estimates for a
-- project's flows (under row-level security the policy's `project_id = any (...)` multiplies a project's flows down
-- to a few), the cheapest way to `project_id = X order by name limit 50` is then to walk this index and stop after
-- the page. With a second index on project_id a page could read and sort the whole project (3,000 flows for 50).
-- Not partial, so it also serves the cascade from projects; deleted flows (few: purged in time) are filtered out.
create index flows_project_id_idx on public.flows (project_id, name);
-- The composite foreign keys to service domains and services (`on delete set null`), led by the referenced id so
-- they do not compete with flows_project_id_idx for a project's pages.
create index flows_service_domain_idx on public.flows (service_domain_id, project_id);
create index flows_service_idx on public.flows (service_id, project_id);
create index flows_actor_ids_idx on public.flows using gin (actor_ids);
create index flows_tags_idx on public.flows using gin (tags);
create index flows_name_trgm_idx on public.flows using gin (name extensions.gin_trgm_ops);
-- The trash (public.trash): a project's deleted flows without reading its live ones.
create index flows_deleted_idx on public.flows (project_id, deleted_at) where deleted_at is not null;
-- Full text over the name alone: search considers every flow whose name matches, however broad the query.
create index flows_name_search_idx on public.flows using gin (to_tsvector('english'::regconfig, name))
where deleted_at is null;

comment on table public.flows is
'A documented business flow: ordered steps, integrations, business rules, error scenarios and performance '
'requirements. Updates bump revision (send the revision you read: a stale one fails with HTTP 409) and keep the '
'previous content in flow_revisions. DELETE marks it deleted. Review: draft -> in_review -> approved -> deprecated.';
comment on column public.flows.id is 'Flow id.';
comment on column public.flows.project_id is 'The project the flow belongs to; immutable.';
comment on column public.flows.name is 'Flow name (1-255 characters, not blank).';
comment on column public.flows.description is 'Free-text description.';
comment on column public.flows.priority is 'Business priority: Low, Medium, High or Critical.';
comment on column public.flows.status is
'Review state. draft -> in_review (editors), in_review -> approved or draft (owners, global admins; the submitter '
'cannot approve unless a global admin), approved -> deprecated or draft, deprecated -> draft (owners, admins). '
'Changing the content of an in_review or approved flow returns it to draft.';
comment on column public.flows.version is 'Version label of the flow, default 1.0.0.';
comment on column public.flows.service_domain_id is
'Service domain of the flow (same project); filled from the service when only the service is given.';
comment on column public.flows.service_id is 'Service that owns the flow (same project, in the flow''s domain).';
comment on column public.flows.entry_point is 'Where the flow starts (screen, endpoint, job).';
comment on column public.flows.trigger_event is 'What starts the flow.';
comment on column public.flows.actor_ids is 'Ids of the actors (public.actors of the same project) taking part.';
comment on column public.flows.tags is 'Tags: at most 100, each 1-50 characters, not blank.';
comment on column public.flows.steps is
'Ordered steps: array of objects {"id": string, "name": string, "description"?: string, "actor"?: string, '
'"service"?: string, "type"?: string, "integration"?: string, ...}; ids unique within the flow; at most 1000.';
comment on column public.flows.integrations is
'Integrations: array of objects {"from": string, "to": string, "type": string, "id"?: string, '
'"description"?: string, "protocol"?: string, "data"?: string, ...}.';
comment on column public.flows.business_rules is
'Business rules: array of objects {"id": string, "description": string, ...}; ids unique within the flow; '
'at most 1000.';
comment on column public.flows.error_scenarios is
'Error scenarios: array of objects {"id": string, "condition": string, "handling": string, ...}; ids unique.';
comment on column public.flows.performance_requirements is
'Performance requirements / SLA: object {"response_time_ms"?: number >= 0, "throughput_per_minute"?: number >= 0, '
'"availability_percent"?: number 0-100, "sla"?: string, "notes"?: string, ...}.';
comment on column public.flows.notes is 'Free-text notes.';
comment on column public.flows.custom_fields is 'User-defined fields (JSON object).';
comment on column public.flows.revision is
'Optimistic lock: send the revision you read with an update; a stale one fails with SQLSTATE PT409 (HTTP 409). '
'Every change increments it.';
comment on column public.flows.created_at is 'When the flow was created; immutable.';
comment on column public.flows.created_by is 'Who created the flow; immutable.';
comment on column public.flows.updated_at is 'When the flow last changed; never goes backwards.';
comment on column public.flows.updated_by is 'Who changed the flow last.';
comment on column public.flows.submitted_at is 'When the flow was last submitted for review.';
comment on column public.flows.submitted_by is 'Who last submitted the flow for review.';
comment on column public.flows.reviewed_at is 'When the last review decision (approve or reject) was made.';
comment on column public.flows.reviewed_by is 'Who made the last review decision.';
comment on column public.flows.approved_at is 'When the flow was approved (cleared when it returns to draft).';
comment on column public.flows.approved_by is 'Who approved the flow (cleared when it returns to draft).';
comment on column public.flows.deleted_at is 'When the flow was deleted (soft delete); null while live.';
comment on column public.flows.deleted_by is 'Who deleted the flow.';

-- lz4, like audit_log.changes and flow_revisions.content: an edit of a flow compresses its steps anew (pglz spent
-- ~4% of a one-step update's CPU more), and every read of a whole flow decompresses them. Existing values keep
-- the compression they were written with.
alter table public.flows
alter column name set compression lz4,
alter column description set compression lz4,
alter column version set compression lz4,
alter column entry_point set compression lz4,
alter column trigger_event set compression lz4,
alter column actor_ids set compression lz4,
alter column tags set compression lz4,
alter column steps set compression lz4,
alter column integrations set compression lz4,
alter column business_rules set compression lz4,
alter column error_scenarios set compression lz4,
alter column performance_requirements set compression lz4,
alter column notes set compression lz4,
alter column custom_fields set compression lz4;

alter table public.flows enable row level security;
