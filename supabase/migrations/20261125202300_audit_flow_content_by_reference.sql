SET local check_function_bodies = off;

CREATE OR REPLACE FUNCTION private.tg_audit()
  RETURNS TRIGGER
  LANGUAGE plpgsql
  SECURITY DEFINER
  SET search_path TO ''
  AS $function$
declare
  old_row jsonb;
  new_row jsonb;
  any_row jsonb;
  changes jsonb;
  action text;
begin
  if tg_op in ('UPDATE', 'DELETE') then
    old_row := pg_catalog.to_jsonb(old) - 'search';
  end if;
  if tg_op = 'INSERT' and tg_table_name = 'flows' then
    -- A new flow's content is not copied: it is the flow's revision 1, kept in the flow and, once the flow
    -- changes, in flow_revisions. Copying it made every flow insert write its content twice.
    new_row := pg_catalog.to_jsonb(new) - array['search', 'steps', 'integrations', 'business_rules',
      'error_scenarios', 'performance_requirements', 'custom_fields'];
  elsif tg_op in ('INSERT', 'UPDATE') then
    new_row := pg_catalog.to_jsonb(new) - 'search';
  end if;
  any_row := coalesce(new_row, old_row);

  select coalesce(
    pg_catalog.jsonb_object_agg(k.key, pg_catalog.jsonb_build_object('old', old_row -> k.key, 'new', new_row -> k.key)),
    '{}'::jsonb
  )
  into changes
  from pg_catalog.jsonb_object_keys(any_row) as k (key)
  where tg_op <> 'UPDATE' or (old_row -> k.key) is distinct from (new_row -> k.key);

  if tg_op = 'UPDATE' then
    if changes = '{}'::jsonb then
      return null;  -- nothing changed: nothing to audit
    end if;
    action := case
      when old_row ->> 'deleted_at' is null and new_row ->> 'deleted_at' is not null then 'soft_delete'
      when old_row ->> 'deleted_at' is not null and new_row ->> 'deleted_at' is null then 'restore'
      else 'update'
    end;
  else
    action := pg_catalog.lower(tg_op);
  end if;

  insert into public.audit_log (
    project_id, flow_id, actor_id, actor_role, action, entity_type, entity_id, changes, ip_address, user_agent
  )
  values (
    case when tg_table_name = 'projects' then any_row ->> 'id' else any_row ->> 'project_id' end::uuid,
    case when tg_table_name = 'flows' then any_row ->> 'id' else any_row ->> 'flow_id' end::uuid,
    (select auth.uid()),
    private.request_role(),
    action,
    tg_table_name,
    (any_row ->> 'id')::uuid,
    changes,
    private.request_ip(),
    pg_catalog.left(private.request_header('user-agent'), 500)
  );
  return null;
end;
$function$;

COMMENT ON COLUMN "public"."audit_log"."changes" IS 'Changed columns as {"column": {"old": value, "new": value}}; every column on insert (old null) and delete (new null), except the content of a new flow (steps, integrations, business_rules, error_scenarios, performance_requirements, custom_fields): that is its revision 1, in the flow and, once it changes, in flow_revisions.';
