-- service_domains: Registry of the business domains that group services (e.g. Sales, Billing), one row per domain.

create table public.service_domains (
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
  constraint service_domains_key_unique_in_project unique (project_id, key),
  constraint service_domains_id_in_project unique (project_id, id),
  constraint service_domains_key_format check (private.is_registry_key(key)),
  constraint service_domains_name_length check (private.is_display_name(name)),
  constraint service_domains_custom_fields_is_object check (jsonb_typeof(custom_fields) = 'object'),
  constraint service_domains_json_depth_at_most_32 check (private.jsonb_depth_ok(custom_fields)),
  constraint service_domains_numbers_fit_a_double check (private.jsonb_numbers_ok(custom_fields)),
  constraint service_domains_content_at_most_256_kb check (
    coalesce(pg_column_size(description), 0) + coalesce(pg_column_size(custom_fields), 0) <= 256 * 1024
  )
);

-- For search: name or key by substring and similarity (trigrams), name and description by full text.
create index service_domains_name_key_trgm_idx on public.service_domains
using gin (name extensions.gin_trgm_ops, key extensions.gin_trgm_ops);
create index service_domains_search_idx on public.service_domains
using gin (to_tsvector('english'::regconfig, name || ' ' || description));

comment on table public.service_domains is
'Registry of the business domains that group services (e.g. Sales, Billing), one row per domain.';
comment on column public.service_domains.id is 'Id of the service domain.';
comment on column public.service_domains.project_id is 'The project the service domain belongs to; immutable.';
comment on column public.service_domains.key is
'Human key of the service domain, unique within the project:
1-100 letters, digits and _ . : - starting with a letter or digit.';
comment on column public.service_domains.name is 'Display name (1-255 characters, not blank).';
comment on column public.service_domains.description is 'Free-text description.';
comment on column public.service_domains.custom_fields is 'User-defined fields (JSON object).';
comment on column public.service_domains.position is 'Ordering position in lists (ascending).';
comment on column public.service_domains.created_at is 'When the service domain was created; immutable.';
comment on column public.service_domains.created_by is 'Who created the service domain; immutable.';
comment on column public.service_domains.updated_at is
'When the service domain last changed; never goes backwards.';
comment on column public.service_domains.updated_by is 'Who changed the service domain last.';

alter table public.service_domains enable row level security;
