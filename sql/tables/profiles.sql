-- profiles: one row per Supabase Auth user, created by private.tg_create_profile when Auth inserts the user.

create table public.profiles (
  id uuid primary key references auth.users (id) on delete cascade,
  email text,
  name text not null,
  role public.global_role not null default 'analyst',
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  constraint profiles_name_length check (char_length(name) between 1 and 255),
  constraint profiles_email_length check (char_length(email) <= 320)
);

create index profiles_role_idx on public.profiles (role);

comment on table public.profiles is
'A user of Flow Atlas, 1:1 with auth.users. Users edit their own name; only global admins change roles.';
comment on column public.profiles.id is 'The auth.users id of the user.';
comment on column public.profiles.email is 'E-mail address, kept in sync with auth.users.';
comment on column public.profiles.name is 'Display name (1-255 characters).';
comment on column public.profiles.role is
'Global role: analyst (default), admin (everything), viewer (read-only everywhere, cannot create projects).';
comment on column public.profiles.created_at is 'When the profile was created.';
comment on column public.profiles.updated_at is 'When the profile last changed; never goes backwards.';

alter table public.profiles enable row level security;
