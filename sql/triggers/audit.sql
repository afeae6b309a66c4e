-- Audit: every insert, update and delete of every table except the two history tables themselves
-- (audit_log, flow_revisions) writes one audit_log row. Security definer: nobody else may write audit_log.
-- Inserts are audited once per statement, from its transition table: a POST of 50 flows (or an import) writes its
-- 50 entries in one insert and reads the request's user, role, address and agent once, not 50 times.
-- Updates and deletes are audited row by row. The insert trigger's arguments name content columns an INSERT does
-- not copy (see the flows trigger at the end).
--
-- flows' search vector lives in private.flow_search, so a flow row becomes JSON as it is. No changes object is
-- built with jsonb_object_agg: on
-- PostgreSQL 15 that aggregate is quadratic in the number of elements of a value (a flow naming one actor 160,000
-- times took 12 s to audit). An update concatenates its few changed columns key by key; an insert or a delete,
-- where every column is a change, writes the object as JSON text (keys quoted by to_json, values printed by jsonb)
-- and parses it once: linear, and half the time of json_object_agg with json_build_object per column.

create function private.tg_audit()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
declare
  old_row constant jsonb := pg_catalog.to_jsonb(old);
  new_row jsonb;
  any_row jsonb := old_row;
  changes jsonb := '{}';
  column_name text;
  action text;
begin
  if tg_op = 'UPDATE' then
    new_row := pg_catalog.to_jsonb(new);
    any_row := new_row;
    for column_name in select k.key from pg_catalog.jsonb_object_keys(new_row) as k (key) loop
      if (old_row -> column_name) is distinct from (new_row -> column_name) then
        changes := changes || pg_catalog.jsonb_build_object(
          column_name, pg_catalog.jsonb_build_object('old', old_row -> column_name, 'new', new_row -> column_name)
        );
      end if;
    end loop;
    if changes = '{}'::jsonb then
      return null;  -- nothing changed: nothing to audit
    end if;
    action := case
      when old_row ->> 'deleted_at' is null and new_row ->> 'deleted_at' is not null then 'soft_delete'
      when old_row ->> 'deleted_at' is not null and new_row ->> 'deleted_at' is null then 'restore'
      else 'update'
    end;
  else
    changes := (
      select ('{' || pg_catalog.string_agg(
        pg_catalog.to_json(o.key)::text || ':{"old":' || o.value::text || ',"new":null}', ',') || '}')::jsonb
      from pg_catalog.jsonb_each(old_row) as o
    );
    action := 'delete';
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
'AFTER UPDATE/DELETE, per row: appends an audit_log row with the user, project, flow, action, entity, changed '
'columns (old/new), client ip (X-Forwarded-For) and user agent of the request. No-op updates are not logged.';

create function private.tg_audit_inserts()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
declare
  left_out constant text[] := array['search'] || tg_argv;
  blanks constant jsonb := (
    select pg_catalog.jsonb_object_agg(c.name, null) from pg_catalog.unnest(left_out) as c (name)
  );
  -- Once per statement: each of these reads and parses the request's settings.
  uid constant uuid := auth.uid();
  caller_role constant text := private.request_role();
  ip constant inet := private.request_ip();
  agent constant text := pg_catalog.left(private.request_header('user-agent'), 500);
begin
  insert into public.audit_log (
    project_id, flow_id, actor_id, actor_role, action, entity_type, entity_id, changes, ip_address, user_agent
  )
  select
    case when tg_table_name = 'projects' then r.new_row ->> 'id' else r.new_row ->> 'project_id' end::uuid,
    case when tg_table_name = 'flows' then r.new_row ->> 'id' else r.new_row ->> 'flow_id' end::uuid,
    uid,
    caller_role,
    'insert',
    tg_table_name,
    (r.new_row ->> 'id')::uuid,
    (
      select ('{' || pg_catalog.string_agg(
        pg_catalog.to_json(c.key)::text || ':{"old":null,"new":' || c.value::text || '}', ',') || '}')::jsonb
      from pg_catalog.jsonb_each(r.new_row) as c
      where c.key <> all (left_out)
    ),
    ip,
    agent
  from (
    select pg_catalog.to_jsonb(pg_catalog.jsonb_populate_record(i, blanks)) as new_row
    from inserted as i
  ) as r;
  return null;
end;
$$;

comment on function private.tg_audit_inserts() is
'AFTER INSERT, per statement (transition table "inserted"): appends one audit_log row per inserted row, as '
'private.tg_audit does for updates, with every column as new; the trigger arguments name columns left out.';

create trigger _900_audit after update or delete on public.profiles
for each row execute function private.tg_audit();
create trigger _900_audit after update or delete on public.projects
for each row execute function private.tg_audit();
create trigger _900_audit after update or delete on public.project_members
for each row execute function private.tg_audit();
create trigger _900_audit after update or delete on public.service_domains
for each row execute function private.tg_audit();
create trigger _900_audit after update or delete on public.services
for each row execute function private.tg_audit();
create trigger _900_audit after update or delete on public.actors
for each row execute function private.tg_audit();
create trigger _900_audit after update or delete on public.integration_types
for each row execute function private.tg_audit();
create trigger _900_audit after update or delete on public.flows
for each row execute function private.tg_audit();

create trigger _900_audit_inserts after insert on public.profiles
referencing new table as inserted
for each statement execute function private.tg_audit_inserts();
create trigger _900_audit_inserts after insert on public.projects
referencing new table as inserted
for each statement execute function private.tg_audit_inserts();
create trigger _900_audit_inserts after insert on public.project_members
referencing new table as inserted
for each statement execute function private.tg_audit_inserts();
create trigger _900_audit_inserts after insert on public.service_domains
referencing new table as inserted
for each statement execute function private.tg_audit_inserts();
create trigger _900_audit_inserts after insert on public.services
referencing new table as inserted
for each statement execute function private.tg_audit_inserts();
create trigger _900_audit_inserts after insert on public.actors
referencing new table as inserted
for each statement execute function private.tg_audit_inserts();
create trigger _900_audit_inserts after insert on public.integration_types
referencing new table as inserted
for each statement execute function private.tg_audit_inserts();
-- A new flow's content is not copied: it is the flow's revision 1, kept in the flow and, once the flow changes,
-- in flow_revisions. Copying it made every flow insert write its content twice.
create trigger _900_audit_inserts after insert on public.flows
referencing new table as inserted
for each statement execute function private.tg_audit_inserts(
  'steps', 'integrations', 'business_rules', 'error_scenarios', 'performance_requirements', 'custom_fields'
);
