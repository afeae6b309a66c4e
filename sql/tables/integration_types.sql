-- integration_types: Registry of integration types (REST, events, batch files ...) used by the integrations of flows.

create table public.integration_types (
  id uuid primary key default gen_random_uuid(),
  project_id uuid not null references public.projects (id) on delete cascade,
  key text not null,
  name text not null,
  description text not null default '',
  custom_fields jsonb not null default '{}'::jsonb,
  position integer not null default 0,
  created_at timestamptz not null default now(),
  created_by uuid default auth.uid(),
  updated_at timestamptz not null default now(),
  updated_by uuid default auth.uid(),
  constraint integration_types_key_unique_in_project unique (project_id, key),
  constraint integration_types_key_format check (private.is_registry_key(key)),
  constraint integration_types_name_length check (private.is_display_name(name)),
  constraint integration_types_custom_fields_is_object check (jsonb_typeof(custom_fields) = 'object'),
  constraint integration_types_json_depth_at_most_32 check (private.jsonb_depth_ok(custom_fields)),
  constraint integration_types_numbers_fit_a_double check (private.jsonb_numbers_ok(custom_fields)),
  constraint integration_types_content_at_most_256_kb check (
    coalesce(pg_column_size(description), 0) + coalesce(pg_column_size(custom_fields), 0) <= 256 * 1024
  )
);

comment on table public.integration_types is
'Registry of integration types (REST, events, batch files ...) used by the integrations of flows.';
comment on column public.integration_types.id is 'Id of the integration type.';
comment on column public.integration_types.project_id is 'The project the integration type belongs to; immutable.';
comment on column public.integration_types.key is
'Human key of the integration type, unique within the project:
1-100 letters, digits and _ . : - starting with a letter or digit.';
comment on column public.integration_types.name is 'Display name (1-255 characters, not blank).';
comment on column public.integration_types.description is 'Free-text description.';
comment on column public.integration_types.custom_fields is 'User-defined fields (JSON object).';
comment on column public.integration_types.position is 'Ordering position in lists (ascending).';
comment on column public.integration_types.created_at is 'When the integration type was created; immutable.';
comment on column public.integration_types.created_by is 'Who created the integration type; immutable.';
comment on column public.integration_types.updated_at is
'When the integration type last changed; never goes backwards.';
comment on column public.integration_types.updated_by is 'Who changed the integration type last.';

alter table public.integration_types enable row level security;
