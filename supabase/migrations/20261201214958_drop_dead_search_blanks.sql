-- The search vector moved out of flows (into private.flow_search), yet the audit, stamp and revision triggers and
-- flow_document still blanked a "search" key, rebuilding the whole row through jsonb_populate_record on every
-- audited update and delete, every revision and every document read for nothing. They convert the row as it is.

SET local check_function_bodies = off;

CREATE OR REPLACE FUNCTION private.flow_document (
  flow          public.flows,
  registry_keys jsonb
)
  RETURNS jsonb
  LANGUAGE sql
  IMMUTABLE
  SET search_path TO ''
  AS $function$
  -- The row's content as JSON, registry ids replaced by keys, and the fields a reader of the document needs: its id, revision and review status.
  select (
    pg_catalog.to_jsonb(flow)
    - private.flow_bookkeeping_columns() - '{service_domain_id,service_id,actor_ids}'::text[]
  ) || pg_catalog.jsonb_build_object(
    'id', flow.id,
    'revision', flow.revision,
    'status', flow.status,
    'service_domain', registry_keys -> (flow.service_domain_id::text),
    'service', registry_keys -> (flow.service_id::text),
    'actors', coalesce((
      select pg_catalog.jsonb_agg(registry_keys -> (x.actor_id::text) order by x.ord)
      from pg_catalog.unnest(flow.actor_ids) with ordinality as x (actor_id, ord)
      where registry_keys ? (x.actor_id::text)
    ), '[]'::jsonb)
  )
$function$;

CREATE OR REPLACE FUNCTION private.tg_audit()
  RETURNS TRIGGER
  LANGUAGE plpgsql
  SECURITY DEFINER
  SET search_path TO ''
  AS $function$
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
$function$;

CREATE OR REPLACE FUNCTION private.tg_flow_keep_revision()
  RETURNS TRIGGER
  LANGUAGE plpgsql
  SECURITY DEFINER
  SET search_path TO ''
  AS $function$
begin
  insert into public.flow_revisions (project_id, flow_id, revision, content, created_by)
  values (
    old.project_id, old.id, old.revision,
    pg_catalog.to_jsonb(old),
    auth.uid()
  );
  return null;
end;
$function$;

CREATE OR REPLACE FUNCTION private.tg_flow_review_state()
  RETURNS TRIGGER
  LANGUAGE plpgsql
  SET search_path TO ''
  AS $function$
declare
  -- Blanked in both rows to compare the content (see private.tg_flow_revision).
  not_content constant jsonb := '{
    "id": null, "project_id": null, "status": null, "revision": null, "created_at": null, "created_by": null,
    "updated_at": null, "updated_by": null, "submitted_at": null, "submitted_by": null, "reviewed_at": null,
    "reviewed_by": null, "approved_at": null, "approved_by": null, "deleted_at": null, "deleted_by": null
  }';
  uid uuid;
  caller_role public.member_role;
  content_changed boolean;
begin
  if tg_op = 'UPDATE' then
    content_changed := pg_catalog.jsonb_populate_record(new, not_content)
      is distinct from pg_catalog.jsonb_populate_record(old, not_content);
    if new.status = old.status then
      if content_changed and old.status in ('in_review', 'approved') then
        new.status := 'draft';
        new.approved_at := null;
        new.approved_by := null;
      end if;
      return new;
    end if;
  end if;

  if tg_op = 'INSERT' then
    -- The role is asked last: most new flows are drafts, and each call of a function costs a few microseconds.
    if new.status <> 'draft' and current_user <> 'service_role' and private.is_api_role() then
      raise exception 'a new flow starts as draft, not %', new.status
        using errcode = 'P0001', hint = 'create it as draft, then submit it for review (status in_review)';
    end if;
    return new;
  end if;

  if not private.is_api_role() then
    return new;
  end if;

  uid := auth.uid();  -- only a status change needs the caller
  caller_role := case
    when current_user = 'service_role' then 'owner'::public.member_role
    else private.project_role(new.project_id)
  end;

  if old.status = 'draft' and new.status = 'in_review' then
    if caller_role is null or caller_role < 'editor' then
      raise exception 'only editors can submit a flow for review' using errcode = '42501';
    end if;
    new.submitted_at := pg_catalog.now();
    new.submitted_by := uid;
  elsif old.status = 'in_review' and new.status in ('approved', 'draft') then
    if caller_role is distinct from 'owner' then
      raise exception 'only project owners and global admins can approve or reject a flow in review'
        using errcode = '42501';
    end if;
    if new.status = 'approved' then
      if content_changed then
        raise exception 'a flow is approved as it was submitted: do not change its content when approving'
          using errcode = 'P0001', hint = 'approve first, then edit (which returns it to draft)';
      end if;
      if old.submitted_by = uid and not (select private.is_admin()) then
        raise exception 'you submitted this flow for review, so someone else must approve it'
          using errcode = '42501', hint = 'ask another project owner or a global admin to approve it';
      end if;
      new.approved_at := pg_catalog.now();
      new.approved_by := uid;
    end if;
    new.reviewed_at := pg_catalog.now();
    new.reviewed_by := uid;
  elsif (old.status = 'approved' and new.status in ('deprecated', 'draft'))
    or (old.status = 'deprecated' and new.status = 'draft') then
    if caller_role is distinct from 'owner' then
      raise exception 'only project owners and global admins can change the status of an approved or deprecated flow'
        using errcode = '42501';
    end if;
    if new.status = 'draft' then
      new.approved_at := null;
      new.approved_by := null;
    end if;
  else
    raise exception 'a flow cannot go from % to %', old.status, new.status
      using errcode = 'P0001',
      hint = 'allowed: draft -> in_review -> approved or draft; approved -> deprecated or draft; deprecated -> draft';
  end if;
  return new;
end;
$function$;

CREATE OR REPLACE FUNCTION private.tg_flow_revision()
  RETURNS TRIGGER
  LANGUAGE plpgsql
  SET search_path TO ''
  AS $function$
declare
  bookkeeping constant jsonb := '{
    "revision": null, "updated_at": null, "updated_by": null, "deleted_at": null, "deleted_by": null
  }';
begin
  if new.revision is distinct from old.revision then
    raise exception 'flow "%" changed since you read it: you sent revision %, it is now at revision %',
      old.name, new.revision, old.revision
      using errcode = 'PT409', hint = 'reload the flow, reapply your change and send the new revision';
  end if;
  if pg_catalog.jsonb_populate_record(new, bookkeeping) is distinct from pg_catalog.jsonb_populate_record(old, bookkeeping)
  then
    new.revision := old.revision + 1;
  end if;
  return new;
end;
$function$;

CREATE OR REPLACE FUNCTION private.tg_stamp()
  RETURNS TRIGGER
  LANGUAGE plpgsql
  SET search_path TO ''
  AS $function$
declare
  -- A plain call: in plpgsql `(select auth.uid())` runs a whole query (~25 us); the wrapper only pays in policies.
  uid constant uuid := auth.uid();
  -- Blanked in both rows to tell a no-op update.
  unstamped constant jsonb := '{"updated_at": null, "updated_by": null}';
  col text;
begin
  if tg_op = 'INSERT' then
    if uid is not null and tg_nargs > 0 then
      -- Field by field: a record rebuilt from JSON copies the whole row (a flow's steps) for each insert.
      foreach col in array tg_argv loop
        case col
          when 'created_by' then new.created_by := uid;
          when 'added_by' then new.added_by := uid;
          when 'updated_by' then new.updated_by := uid;
        end case;  -- any other argument raises case_not_found
      end loop;
    end if;
    return new;
  end if;
  if pg_catalog.jsonb_populate_record(new, unstamped) is not distinct from pg_catalog.jsonb_populate_record(old, unstamped)
  then
    return new;  -- nothing but the stamps changed (a no-op update): leave the stamps alone
  end if;
  new.updated_at := greatest(pg_catalog.now(), old.updated_at + interval '1 microsecond');
  if uid is not null and 'updated_by' = any (tg_argv) then
    new.updated_by := uid;
  end if;
  return new;
end;
$function$;
