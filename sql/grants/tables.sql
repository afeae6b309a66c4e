-- Table grants, per table and per column where a column is protected. RLS decides which rows; these decide which
-- operations and columns. anon gets nothing: the API requires sign-in. service_role (the admin backend) bypasses
-- RLS but not these grants; the history tables are read-only for everyone.

revoke all on all tables in schema public from anon, authenticated, service_role;

-- No API user chooses a row id (none of the insert grants below has `id`): a chosen id could take over the audit
-- history of a purged row, and a 409 on an id that is taken tells that a private row exists.

-- profiles: created by the auth.users trigger; a user edits their name, admins also the role (see the trigger).
grant select on public.profiles to authenticated;
grant update (name, role) on public.profiles to authenticated;
grant select, update on public.profiles to service_role;

-- projects: owner_id, created_*, updated_*, deleted_* are set by defaults and triggers.
grant select, delete on public.projects to authenticated;
grant insert (name, description, version, is_public, settings, custom_fields) on public.projects to authenticated;
grant update (name, description, version, is_public, settings, custom_fields) on public.projects to authenticated;
grant select, insert, update, delete on public.projects to service_role;

-- project_members: only the role of a membership changes. No insert: memberships come from accepted invitations.
grant select, delete on public.project_members to authenticated;
grant update (role) on public.project_members to authenticated;
grant select, insert, update, delete on public.project_members to service_role;

-- invitations and ownership offers: written by their rpcs; owners and the person concerned read and delete them.
grant select, delete on public.project_invitations to authenticated;
grant select, insert, update, delete on public.project_invitations to service_role;
grant select, delete on public.project_ownership_offers to authenticated;
grant select, insert, update, delete on public.project_ownership_offers to service_role;

-- registries
grant select, delete on public.service_domains to authenticated;
grant insert (project_id, key, name, description, custom_fields, position) on public.service_domains
to authenticated;
grant update (key, name, description, custom_fields, position) on public.service_domains to authenticated;
grant select, insert, update, delete on public.service_domains to service_role;

grant select, delete on public.services to authenticated;
grant insert (project_id, domain_id, key, name, description, custom_fields, position) on public.services
to authenticated;
grant update (domain_id, key, name, description, custom_fields, position) on public.services to authenticated;
grant select, insert, update, delete on public.services to service_role;

grant select, delete on public.actors to authenticated;
grant insert (project_id, kind, key, name, description, custom_fields, position) on public.actors
to authenticated;
grant update (kind, key, name, description, custom_fields, position) on public.actors to authenticated;
grant select, insert, update, delete on public.actors to service_role;

grant select, delete on public.integration_types to authenticated;
grant insert (project_id, key, name, description, custom_fields, position) on public.integration_types
to authenticated;
grant update (key, name, description, custom_fields, position) on public.integration_types to authenticated;
grant select, insert, update, delete on public.integration_types to service_role;

-- flows: review stamps, revision history and deletion are the triggers' business; revision is sent back as the
-- optimistic lock.
grant select, delete on public.flows to authenticated;
grant insert (
  project_id, name, description, priority, status, version, service_domain_id, service_id, entry_point,
  trigger_event, actor_ids, tags, steps, integrations, business_rules, error_scenarios, performance_requirements,
  notes, custom_fields
) on public.flows to authenticated;
grant update (
  name, description, priority, status, version, service_domain_id, service_id, entry_point, trigger_event,
  actor_ids, tags, steps, integrations, business_rules, error_scenarios, performance_requirements, notes,
  custom_fields, revision
) on public.flows to authenticated;
grant select, insert, update, delete on public.flows to service_role;

-- history: read-only
grant select on public.flow_revisions to authenticated, service_role;
grant select on public.audit_log to authenticated, service_role;
