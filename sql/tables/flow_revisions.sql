-- flow_revisions: the content of a flow before each change, written only by private.tg_flow_keep_revision.

create table public.flow_revisions (
  id uuid primary key default gen_random_uuid(),
  project_id uuid not null references public.projects (id) on delete cascade,
  flow_id uuid not null references public.flows (id) on delete cascade,
  revision integer not null,
  content jsonb not null,
  created_at timestamptz not null default now(),
  created_by uuid,
  constraint flow_revisions_one_per_revision unique (flow_id, revision)
);

-- lz4, like audit_log.changes: written on every flow edit.
alter table public.flow_revisions alter column content set compression lz4;

create index flow_revisions_project_id_idx on public.flow_revisions (project_id);

comment on table public.flow_revisions is
'Prior versions of flows: on every change the previous row is kept here, so no edit is ever lost. '
'Read-only through the API; members of the project may read it.';
comment on column public.flow_revisions.id is 'Revision row id.';
comment on column public.flow_revisions.project_id is 'Project of the flow.';
comment on column public.flow_revisions.flow_id is 'The flow.';
comment on column public.flow_revisions.revision is 'The revision number the content had.';
comment on column public.flow_revisions.content is 'The whole flow row as it was at that revision (JSON).';
comment on column public.flow_revisions.created_at is 'When that revision was superseded.';
comment on column public.flow_revisions.created_by is 'Who made the change that superseded it.';

alter table public.flow_revisions enable row level security;
