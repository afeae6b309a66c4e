-- export_project: a whole project as one JSON document, format flowatlas.project/v1.
-- Registries and references travel by their human keys, never by internal ids, so the document imports into
-- any database. Internal-only fields (ids, stamps, revisions, review bookkeeping) are left out.

create function private.export_project_document(project uuid)
returns jsonb
language sql
stable
security invoker
set search_path = ''
as $$
  select pg_catalog.jsonb_build_object(
    'format', 'flowatlas.project/v1',
    'exported_at', pg_catalog.to_jsonb(pg_catalog.now()),
    'project', pg_catalog.jsonb_build_object(
      'name', p.name, 'description', p.description, 'version', p.version, 'is_public', p.is_public,
      'settings', p.settings, 'custom_fields', p.custom_fields
    ),
    'service_domains', coalesce((
      select pg_catalog.jsonb_agg(pg_catalog.jsonb_build_object(
        'key', d.key, 'name', d.name, 'description', d.description, 'position', d.position,
        'custom_fields', d.custom_fields
      ) order by d.position, d.key)
      from public.service_domains as d where d.project_id = p.id
    ), '[]'::jsonb),
    'services', coalesce((
      select pg_catalog.jsonb_agg(pg_catalog.jsonb_build_object(
        'key', s.key, 'domain', d.key, 'name', s.name, 'description', s.description, 'position', s.position,
        'custom_fields', s.custom_fields
      ) order by s.position, s.key)
      from public.services as s inner join public.service_domains as d on d.id = s.domain_id
      where s.project_id = p.id
    ), '[]'::jsonb),
    'actors', coalesce((
      select pg_catalog.jsonb_agg(pg_catalog.jsonb_build_object(
        'key', a.key, 'kind', a.kind, 'name', a.name, 'description', a.description, 'position', a.position,
        'custom_fields', a.custom_fields
      ) order by a.position, a.key)
      from public.actors as a where a.project_id = p.id
    ), '[]'::jsonb),
    'integration_types', coalesce((
      select pg_catalog.jsonb_agg(pg_catalog.jsonb_build_object(
        'key', t.key, 'name', t.name, 'description', t.description, 'position', t.position,
        'custom_fields', t.custom_fields
      ) order by t.position, t.key)
      from public.integration_types as t where t.project_id = p.id
    ), '[]'::jsonb),
    -- Flows have no position: ordered by name, then by content, so equal names still export in one order.
    'flows', coalesce((
      select pg_catalog.jsonb_agg(listed.flow order by listed.name, listed.flow::text)
      from (
        select f.name, pg_catalog.jsonb_build_object(
          'name', f.name, 'description', f.description, 'priority', f.priority, 'status', f.status,
          'version', f.version,
          'service_domain', (select d.key from public.service_domains as d where d.id = f.service_domain_id),
          'service', (select s.key from public.services as s where s.id = f.service_id),
          'entry_point', f.entry_point, 'trigger_event', f.trigger_event,
          'actors', coalesce((
            select pg_catalog.jsonb_agg(a.key order by x.ord)
            from pg_catalog.unnest(f.actor_ids) with ordinality as x (actor_id, ord)
            inner join public.actors as a on a.id = x.actor_id
          ), '[]'::jsonb),
          'tags', pg_catalog.to_jsonb(f.tags), 'steps', f.steps, 'integrations', f.integrations,
          'business_rules', f.business_rules, 'error_scenarios', f.error_scenarios,
          'performance_requirements', f.performance_requirements, 'notes', f.notes,
          'custom_fields', f.custom_fields
        ) as flow
        from public.flows as f where f.project_id = p.id and f.deleted_at is null
      ) as listed
    ), '[]'::jsonb)
  )
  from public.projects as p
  where p.id = project
$$;

comment on function private.export_project_document(uuid) is
'The flowatlas.project/v1 document of a project, built with the caller''s rights (row-level security applies).';

create function public.export_project(project_id uuid)
returns jsonb
language plpgsql
volatile
security invoker
set search_path = ''
as $$
declare
  document jsonb;
begin
  perform private.require_readable_project(export_project.project_id);
  document := private.export_project_document(export_project.project_id);
  -- The audit log is the members' record. A signed-in reader of a public project who is no member adds nothing to
  -- it: anyone could otherwise fill any public project's log by exporting it in a loop.
  if private.project_role(export_project.project_id) is not null
    or current_user not in ('anon', 'authenticated') then  -- invoker: the request's role; service jobs audit
    perform private.audit_event(
      export_project.project_id, 'export', 'projects', export_project.project_id,
      pg_catalog.jsonb_build_object('flows', pg_catalog.jsonb_array_length(document -> 'flows'))
    );
  end if;
  return document;
end;
$$;

comment on function public.export_project(uuid) is
'Export a project you can read as one JSON document (format flowatlas.project/v1: project, service_domains, '
'services, actors, integration_types, flows; references by key). Recorded in the audit log when the caller is a '
'member (not for other readers of a public project). Call with POST.';

revoke all on function private.export_project_document(uuid) from public;
grant execute on function private.export_project_document(uuid) to authenticated, service_role;
revoke all on function public.export_project(uuid) from public, anon;
grant execute on function public.export_project(uuid) to authenticated, service_role;
