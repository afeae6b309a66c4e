-- project_ownership_offers: ownership moves only when the recipient accepts it (public.accept_ownership), so a
-- project, which ties its owner to it (an owner cannot leave, and a user who owns a project cannot be deleted), is
-- never pushed onto anyone. One open offer per project; it goes with the recipient's membership.

create table public.project_ownership_offers (
  id uuid primary key default gen_random_uuid(),
  project_id uuid not null references public.projects (id) on delete cascade,
  offered_to uuid not null,
  offered_by uuid not null references public.profiles (id) on delete cascade,
  created_at timestamptz not null default now(),
  expires_at timestamptz not null default now() + interval '14 days',
  constraint project_ownership_offers_one_per_project unique (project_id),
  -- the recipient is a member: the offer lapses when they leave or are removed
  constraint project_ownership_offers_to_a_member foreign key (project_id, offered_to)
  references public.project_members (project_id, user_id) on delete cascade,
  constraint project_ownership_offers_expire_after_creation check (expires_at > created_at)
);

create index project_ownership_offers_member_idx on public.project_ownership_offers (project_id, offered_to);
create index project_ownership_offers_offered_to_idx on public.project_ownership_offers (offered_to);
create index project_ownership_offers_offered_by_idx on public.project_ownership_offers (offered_by);

comment on table public.project_ownership_offers is
'An open offer of a project''s ownership to one of its members (rpc transfer_ownership). The recipient accepts it '
'(rpc accept_ownership: they become the owner, the previous owner an editor) or declines it by deleting the row; '
'the owner withdraws it the same way. Expires after 14 days.';
comment on column public.project_ownership_offers.id is 'Offer id.';
comment on column public.project_ownership_offers.project_id is 'The project whose ownership is offered.';
comment on column public.project_ownership_offers.offered_to is 'The member who may accept.';
comment on column public.project_ownership_offers.offered_by is 'Who made the offer: the owner or a global admin.';
comment on column public.project_ownership_offers.created_at is 'When the offer was (last) made.';
comment on column public.project_ownership_offers.expires_at is 'After this time the offer can no longer be accepted.';

alter table public.project_ownership_offers enable row level security;
