-- Exports are audited for members only (issue 12, attack 13): any signed-in user could add rows to a public
-- project's audit log by exporting it in a loop. public.export_project changed (the audit condition); generated
-- by `flowatlas db diff`, nothing hand-written besides this header.
SET local check_function_bodies = off;

CREATE OR REPLACE FUNCTION public.export_project (
  project_id uuid
)
  RETURNS jsonb
  LANGUAGE plpgsql
  SET search_path TO ''
  AS $function$
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
$function$;

COMMENT ON FUNCTION "public"."export_project"(uuid) IS 'Export a project you can read as one JSON document (format flowatlas.project/v1: project, service_domains, services, actors, integration_types, flows; references by key). Recorded in the audit log when the caller is a member (not for other readers of a public project). Call with POST.';
