-- actors: Registry of actors: people (roles), internal systems and external parties that take part in flows.

create table public.actors (
  id uuid primary key default gen_random_uuid(),
  project_id uuid not null references public.projects (id) on delete cascade,
  kind public.actor_kind not null default 'system',
  key text not null,
  name text not null,
  description text not null default '',
  custom_fields jsonb not null default '{}'::jsonb,
  position integer not null default 0,
  created_at timestamptz not null default now(),
  created_by uuid default auth.uid(),
  updated_at timestamptz not null default now(),
  updated_by uuid default auth.uid(),
  constraint actors_key_unique_in_project unique (project_id, key),
  constraint actors_key_format check (private.is_registry_key(key)),
  constraint actors_name_length check (private.is_display_name(name)),
  constraint actors_custom_fields_is_object check (jsonb_typeof(custom_fields) = 'object'),
  constraint actors_json_depth_at_most_32 check (private.jsonb_depth_ok(custom_fields)),
  constraint actors_numbers_fit_a_double check (private.jsonb_numbers_ok(custom_fields)),
  constraint actors_content_at_most_256_kb check (
    coalesce(pg_column_size(description), 0) + coalesce(pg_column_size(custom_fields), 0) <= 256 * 1024
  )
);

-- For search: name or key by substring and similarity (trigrams), name and description by full text.
create index actors_name_key_trgm_idx on public.actors
using gin (name extensions.gin_trgm_ops, key extensions.gin_trgm_ops);
create index actors_search_idx on public.actors
using gin (to_tsvector('english'::regconfig, name || ' ' || description));

comment on table public.actors is
'Registry of actors: people (roles), internal systems and external parties that take part in flows.';
comment on column public.actors.id is 'Id of the actor.';
comment on column public.actors.project_id is 'The project the actor belongs to; immutable.';
comment on column public.actors.kind is 'What the actor is: person, system or external.';
comment on column public.actors.key is
'Human key of the actor, unique within the project:
1-100 letters, digits and _ . : - starting with a letter or digit.';
comment on column public.actors.name is 'Display name (1-255 characters, not blank).';
comment on column public.actors.description is 'Free-text description.';
comment on column public.actors.custom_fields is 'User-defined fields (JSON object).';
comment on column public.actors.position is 'Ordering position in lists (ascending).';
comment on column public.actors.created_at is 'When the actor was created; immutable.';
comment on column public.actors.created_by is 'Who created the actor; immutable.';
comment on column public.actors.updated_at is
'When the actor last changed; never goes backwards.';
comment on column public.actors.updated_by is 'Who changed the actor last.';

alter table public.actors enable row level security;
