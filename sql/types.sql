-- Enumerated types. An enum rejects an unknown value with 22P02 (HTTP 400) naming the type and the value.
-- member_role is declared from weakest to strongest so that `role >= 'editor'` compares privileges.

create type public.global_role as enum ('analyst', 'admin', 'viewer');
comment on type public.global_role is
'Global role of a user: analyst (default, may create projects), admin (everything), viewer (read-only everywhere).';

create type public.member_role as enum ('viewer', 'editor', 'owner');
comment on type public.member_role is
'Role of a member in one project, weakest first: viewer reads, editor writes flows and registries, '
'owner also manages members, settings and deletion.';

create type public.actor_kind as enum ('person', 'system', 'external');
comment on type public.actor_kind is 'What an actor is: a person (role), an internal system, or an external party.';

create type public.flow_priority as enum ('Low', 'Medium', 'High', 'Critical');
comment on type public.flow_priority is 'Business priority of a flow.';

create type public.flow_status as enum ('draft', 'in_review', 'approved', 'deprecated');
comment on type public.flow_status is
'Review state of a flow: draft -> in_review -> approved -> deprecated (see private.tg_flow_review_state).';
