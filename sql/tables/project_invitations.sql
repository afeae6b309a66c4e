-- project_invitations: an owner's invitation of an e-mail address into a project. It becomes a membership only
-- when the person with that (confirmed) address accepts it (public.accept_invitation), so nobody is added to a
-- project they did not choose, and inviting answers the same whether the address has an account or not.

create table public.project_invitations (
  id uuid primary key default gen_random_uuid(),
  project_id uuid not null references public.projects (id) on delete cascade,
  email text not null,
  role public.member_role not null default 'viewer',
  invited_by uuid not null references public.profiles (id) on delete cascade,
  created_at timestamptz not null default now(),
  expires_at timestamptz not null default now() + interval '14 days',
  constraint project_invitations_one_per_email unique (project_id, email),
  constraint project_invitations_email_is_an_address check (
    char_length(email) <= 320 and email = pg_catalog.lower(email) and email ~ '^[^@[:space:]]+@[^@[:space:]]+$'
  ),
  constraint project_invitations_expire_after_creation check (expires_at > created_at)
);

-- the invitee's side: their invitations in every project, by address
create index project_invitations_email_idx on public.project_invitations (email);
create index project_invitations_invited_by_idx on public.project_invitations (invited_by);

comment on table public.project_invitations is
'An invitation of an e-mail address into a project with a role, made by an owner (rpc add_member). It becomes a '
'membership when the person with that confirmed address accepts it (rpc accept_invitation); owners revoke it and '
'the invitee declines it by deleting the row. Expires after 14 days.';
comment on column public.project_invitations.id is 'Invitation id.';
comment on column public.project_invitations.project_id is 'The project the invitation is into.';
comment on column public.project_invitations.email is 'The invited address, lower-case.';
comment on column public.project_invitations.role is 'The role the invitee gets on accepting: viewer, editor or owner.';
comment on column public.project_invitations.invited_by is 'The owner who (last) sent the invitation.';
comment on column public.project_invitations.created_at is 'When the invitation was (last) sent.';
comment on column public.project_invitations.expires_at is 'After this time the invitation can no longer be accepted.';

alter table public.project_invitations enable row level security;
