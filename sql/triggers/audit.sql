-- Audit: every insert, update and delete of every table except the two history tables themselves
-- (audit_log, flow_revisions) writes one audit_log row. Security definer: nobody else may write audit_log.
-- Trigger arguments name content columns an INSERT does not copy (see the flows trigger at the end).

create function private.tg_audit()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
declare
  -- Columns not audited: flows' search vector, and on insert those the trigger arguments name. They are blanked
  -- before the row becomes JSON: turning a search vector into text costs more than the rest of the row.
  left_out constant text[] := case when tg_op = 'INSERT' then array['search'] || tg_argv else array['search'] end;
  blanks constant jsonb := (select pg_catalog.jsonb_object_agg(c.name, null) from pg_catalog.unnest(left_out) as c (name));
  old_row jsonb;
  new_row jsonb;
  any_row jsonb;
  changes jsonb;
  column_name text;
  action text;
begin
  if tg_op in ('UPDATE', 'DELETE') then
    old_row := pg_catalog.to_jsonb(pg_catalog.jsonb_populate_record(old, blanks)) - left_out;
  end if;
  if tg_op in ('INSERT', 'UPDATE') then
    new_row := pg_catalog.to_jsonb(pg_catalog.jsonb_populate_record(new, blanks)) - left_out;
  end if;
  any_row := coalesce(new_row, old_row);

  -- Concatenated key by key, not jsonb_object_agg: on PostgreSQL 15 that aggregate is quadratic in the number of
  -- elements of a value (a flow naming one actor 160,000 times took 12 s to audit; this takes 0.6 s).
  changes := '{}'::jsonb;
  for column_name in select k.key from pg_catalog.jsonb_object_keys(any_row) as k (key) loop
    if tg_op <> 'UPDATE' or (old_row -> column_name) is distinct from (new_row -> column_name) then
      changes := changes || pg_catalog.jsonb_build_object(
        column_name, pg_catalog.jsonb_build_object('old', old_row -> column_name, 'new', new_row -> column_name)
      );
    end if;
  end loop;

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
    auth.uid(),  -- a plain call: in plpgsql `(select auth.uid())` runs a whole query
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
$$;

comment on function private.tg_audit() is
'AFTER INSERT/UPDATE/DELETE: appends an audit_log row with the user, project, flow, action, entity, changed '
'columns (old/new), client ip (X-Forwarded-For) and user agent of the request. No-op updates are not logged. '
'Its arguments name columns left out of an INSERT''s entry.';

create trigger _900_audit after insert or update or delete on public.profiles
for each row execute function private.tg_audit();
create trigger _900_audit after insert or update or delete on public.projects
for each row execute function private.tg_audit();
create trigger _900_audit after insert or update or delete on public.project_members
for each row execute function private.tg_audit();
create trigger _900_audit after insert or update or delete on public.service_domains
for each row execute function private.tg_audit();
create trigger _900_audit after insert or update or delete on public.services
for each row execute function private.tg_audit();
create trigger _900_audit after insert or update or delete on public.actors
for each row execute function private.tg_audit();
create trigger _900_audit after insert or update or delete on public.integration_types
for each row execute function private.tg_audit();
-- A new flow's content is not copied: it is the flow's revision 1, kept in the flow and, once the flow changes,
-- in flow_revisions. Copying it made every flow insert write its content twice.
create trigger _900_audit after insert or update or delete on public.flows
for each row execute function private.tg_audit(
  'steps', 'integrations', 'business_rules', 'error_scenarios', 'performance_requirements', 'custom_fields'
);
