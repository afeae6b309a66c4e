-- project_members: who belongs to a project and with which role. The owner is a member row too.

create table public.project_members (
  id uuid primary key default gen_random_uuid(),
  project_id uuid not null references public.projects (id) on delete cascade,
  user_id uuid not null references public.profiles (id) on delete cascade,
  role public.member_role not null default 'viewer',
  added_by uuid default auth.uid(),
  added_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  updated_by uuid default auth.uid(),
  constraint project_members_one_row_per_user unique (project_id, user_id)
);

create index project_members_user_id_idx on public.project_members (user_id, project_id, role);
create index project_members_project_role_idx on public.project_members (project_id, role);

comment on table public.project_members is
'Membership of a user in a project with a role (viewer, editor, owner). A user becomes a member by accepting an '
'invitation (rpc accept_invitation); owners change and remove members; any member but the project''s owner may '
'leave; a project always keeps at least one owner, and its owner_id stays an owner member.';
comment on column public.project_members.id is 'Membership id.';
comment on column public.project_members.project_id is 'The project; immutable.';
comment on column public.project_members.user_id is 'The member; immutable.';
comment on column public.project_members.role is 'Role in the project: viewer, editor or owner.';
comment on column public.project_members.added_by is
'Who made the membership: the member, by accepting an invitation (the audit log names the inviter); the creator '
'for a project''s owner; set by the admin backend on a restore. Immutable.';
comment on column public.project_members.added_at is 'When the member was added; immutable.';
comment on column public.project_members.updated_at is 'When the membership last changed; never goes backwards.';
comment on column public.project_members.updated_by is 'Who changed the membership last.';

alter table public.project_members enable row level security;
