-- services: Registry of services (applications, APIs), each in a service domain of the same project.

create table public.services (
  id uuid primary key default gen_random_uuid(),
  project_id uuid not null references public.projects (id) on delete cascade,
  domain_id uuid not null,
  key text not null,
  name text not null,
  description text not null default '',
  custom_fields jsonb not null default '{}'::jsonb,
  position integer not null default 0,
  created_at timestamptz not null default now(),
  created_by uuid default auth.uid(),
  updated_at timestamptz not null default now(),
  updated_by uuid default auth.uid(),
  constraint services_key_unique_in_project unique (project_id, key),
  constraint services_id_in_project unique (project_id, id),
  constraint services_domain_in_project foreign key (project_id, domain_id)
  references public.service_domains (project_id, id) on delete no action,
  constraint services_key_format check (private.is_registry_key(key)),
  constraint services_name_length check (private.is_display_name(name)),
  constraint services_custom_fields_is_object check (jsonb_typeof(custom_fields) = 'object'),
  constraint services_json_depth_at_most_32 check (private.jsonb_depth_ok(custom_fields)),
  constraint services_numbers_fit_a_double check (private.jsonb_numbers_ok(custom_fields)),
  constraint services_content_at_most_256_kb check (
    coalesce(pg_column_size(description), 0) + coalesce(pg_column_size(custom_fields), 0) <= 256 * 1024
  )
);

create index services_domain_id_idx on public.services (project_id, domain_id);

-- For search: name or key by substring and similarity (trigrams), name and description by full text.
create index services_name_key_trgm_idx on public.services
using gin (name extensions.gin_trgm_ops, key extensions.gin_trgm_ops);
create index services_search_idx on public.services
using gin (to_tsvector('english'::regconfig, name || ' ' || description));

comment on table public.services is
'Registry of services (applications, APIs), each in a service domain of the same project.';
comment on column public.services.id is 'Id of the service.';
comment on column public.services.project_id is 'The project the service belongs to; immutable.';
comment on column public.services.domain_id is
'The service domain the service belongs to, a domain of the same project. A domain with services cannot be deleted.';
comment on column public.services.key is
'Human key of the service, unique within the project:
1-100 letters, digits and _ . : - starting with a letter or digit.';
comment on column public.services.name is 'Display name (1-255 characters, not blank).';
comment on column public.services.description is 'Free-text description.';
comment on column public.services.custom_fields is 'User-defined fields (JSON object).';
comment on column public.services.position is 'Ordering position in lists (ascending).';
comment on column public.services.created_at is 'When the service was created; immutable.';
comment on column public.services.created_by is 'Who created the service; immutable.';
comment on column public.services.updated_at is
'When the service last changed; never goes backwards.';
comment on column public.services.updated_by is 'Who changed the service last.';

alter table public.services enable row level security;
