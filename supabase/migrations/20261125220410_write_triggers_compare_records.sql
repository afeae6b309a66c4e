SET local check_function_bodies = off;

DROP TRIGGER "_200_stamp" ON "public"."actors";

DROP TRIGGER "_200_stamp" ON "public"."flows";

DROP TRIGGER "_200_stamp" ON "public"."integration_types";

DROP TRIGGER "_200_stamp" ON "public"."project_members";

DROP TRIGGER "_200_stamp" ON "public"."projects";

DROP TRIGGER "_200_stamp" ON "public"."service_domains";

DROP TRIGGER "_200_stamp" ON "public"."services";

CREATE OR REPLACE FUNCTION private.member_project_ids (
  min_role public.member_role
)
  RETURNS uuid[]
  LANGUAGE plpgsql
  STABLE
  SECURITY DEFINER
  SET search_path TO ''
  AS $function$
-- plpgsql rather than sql: its plans are cached for the session, so a policy pays one indexed lookup per statement.
declare
  uid constant uuid := auth.uid();  -- plain: in plpgsql `(select auth.uid())` runs a whole query (~25 us)
  caller_role public.global_role;
  ids uuid[];
begin
  if uid is null then
    return '{}'::uuid[];
  end if;
  select p.role into caller_role from public.profiles as p where p.id = uid;
  if caller_role = 'admin' then
    select pg_catalog.array_agg(p.id) into ids from public.projects as p where p.deleted_at is null;
  elsif caller_role = 'viewer' and min_role > 'viewer' then
    return '{}'::uuid[];  -- a global viewer is read-only everywhere
  else
    -- Deleted projects are left out as one hashed set (see private.readable_project_ids).
    select pg_catalog.array_agg(m.project_id) into ids
    from public.project_members as m
    where m.user_id = uid
      and m.role >= min_role
      and m.project_id not in (select p.id from public.projects as p where p.deleted_at is not null);
  end if;
  return coalesce(ids, '{}'::uuid[]);
end;
$function$;

CREATE OR REPLACE FUNCTION private.readable_project_ids()
  RETURNS uuid[]
  LANGUAGE plpgsql
  STABLE
  SECURITY DEFINER
  SET search_path TO ''
  AS $function$
-- Every policy on a tenant table calls this once per statement, so its cost is the whole price of RLS on a read.
-- Memberships are not joined with projects to check each one is live: for a member of 200 projects that join was
-- 0.2 ms of a 1.5 ms request. Deleted projects (few: they are purged in time) are read once into a hashed set
-- through projects_deleted_idx instead, and public projects are appended without removing those the caller is
-- also a member of: an id may appear twice, which `= any (...)` does not mind.
declare
  uid constant uuid := auth.uid();  -- plain: in plpgsql `(select auth.uid())` runs a whole query (~25 us)
  member_ids uuid[];
  public_ids uuid[];
begin
  if uid is null then
    return '{}'::uuid[];
  end if;
  if (select p.role from public.profiles as p where p.id = uid) = 'admin' then
    select pg_catalog.array_agg(p.id) into member_ids from public.projects as p where p.deleted_at is null;
    return coalesce(member_ids, '{}'::uuid[]);
  end if;
  select pg_catalog.array_agg(m.project_id) into member_ids
  from public.project_members as m
  where m.user_id = uid
    and m.project_id not in (select p.id from public.projects as p where p.deleted_at is not null);
  select pg_catalog.array_agg(p.id) into public_ids from public.projects as p where p.is_public and p.deleted_at is null;
  return coalesce(member_ids, '{}'::uuid[]) || coalesce(public_ids, '{}'::uuid[]);
end;
$function$;

CREATE OR REPLACE FUNCTION private.request_role()
  RETURNS text
  LANGUAGE sql
  STABLE
  SET search_path TO ''
  AS $function$
  -- The API role of the request (the JWT "role" claim); outside a request the session user (maintenance).
  select coalesce(nullif(auth.jwt() ->> 'role', ''), session_user::text)
$function$;

CREATE OR REPLACE FUNCTION private.tg_audit()
  RETURNS TRIGGER
  LANGUAGE plpgsql
  SECURITY DEFINER
  SET search_path TO ''
  AS $function$
declare
  -- Columns not audited: flows' search vector, and on insert those the trigger arguments name. They are blanked
  -- before the row becomes JSON: turning a search vector into text costs more than the rest of the row.
  left_out constant text[] := case when tg_op = 'INSERT' then array['search'] || tg_argv else array['search'] end;
  blanks constant jsonb := (select pg_catalog.jsonb_object_agg(c.name, null) from pg_catalog.unnest(left_out) as c (name));
  old_row jsonb;
  new_row jsonb;
  any_row jsonb;
  changes jsonb;
  action text;
begin
  if tg_op in ('UPDATE', 'DELETE') then
    old_row := pg_catalog.to_jsonb(pg_catalog.jsonb_populate_record(old, blanks)) - left_out;
  end if;
  if tg_op in ('INSERT', 'UPDATE') then
    new_row := pg_catalog.to_jsonb(pg_catalog.jsonb_populate_record(new, blanks)) - left_out;
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
    -- The search vector is blanked before, not removed after, the conversion: as text it is the costliest column.
    pg_catalog.to_jsonb(pg_catalog.jsonb_populate_record(old, '{"search": null}')) - 'search',
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
    "reviewed_by": null, "approved_at": null, "approved_by": null, "deleted_at": null, "deleted_by": null,
    "search": null
  }';
  uid uuid;
  caller_role public.member_role;
  content_changed boolean;
begin
  if not private.is_api_role() then
    return new;
  end if;

  if tg_op = 'INSERT' then
    if new.status <> 'draft' and current_user <> 'service_role' then
      raise exception 'a new flow starts as draft, not %', new.status
        using errcode = 'P0001', hint = 'create it as draft, then submit it for review (status in_review)';
    end if;
    return new;
  end if;

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
    "revision": null, "updated_at": null, "updated_by": null, "deleted_at": null, "deleted_by": null, "search": null
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
  -- Blanked in both rows to tell a no-op update. flows.search too: a generated column is still null in NEW here.
  unstamped constant jsonb := '{"updated_at": null, "updated_by": null, "search": null}';
begin
  if tg_op = 'INSERT' then
    if uid is not null and tg_nargs > 0 then
      new := pg_catalog.jsonb_populate_record(
        new, (select pg_catalog.jsonb_object_agg(c.name, uid) from pg_catalog.unnest(tg_argv) as c (name))
      );
    end if;
    return new;
  end if;
  if pg_catalog.jsonb_populate_record(new, unstamped) is not distinct from pg_catalog.jsonb_populate_record(old, unstamped)
  then
    return new;  -- nothing but the stamps changed (a no-op update): leave the stamps alone
  end if;
  new.updated_at := greatest(pg_catalog.now(), old.updated_at + interval '1 microsecond');
  if uid is not null and 'updated_by' = any (tg_argv) then
    new := pg_catalog.jsonb_populate_record(new, pg_catalog.jsonb_build_object('updated_by', uid));
  end if;
  return new;
end;
$function$;

CREATE TRIGGER _200_stamp
  BEFORE INSERT OR UPDATE ON public.actors
  FOR EACH ROW
  EXECUTE FUNCTION private.tg_stamp('created_by', 'updated_by');

CREATE TRIGGER _200_stamp
  BEFORE INSERT OR UPDATE ON public.flows
  FOR EACH ROW
  EXECUTE FUNCTION private.tg_stamp('created_by', 'updated_by');

CREATE TRIGGER _200_stamp
  BEFORE INSERT OR UPDATE ON public.integration_types
  FOR EACH ROW
  EXECUTE FUNCTION private.tg_stamp('created_by', 'updated_by');

CREATE TRIGGER _200_stamp
  BEFORE INSERT OR UPDATE ON public.project_members
  FOR EACH ROW
  EXECUTE FUNCTION private.tg_stamp('added_by', 'updated_by');

CREATE TRIGGER _200_stamp
  BEFORE INSERT OR UPDATE ON public.projects
  FOR EACH ROW
  EXECUTE FUNCTION private.tg_stamp('created_by', 'updated_by');

CREATE TRIGGER _200_stamp
  BEFORE INSERT OR UPDATE ON public.service_domains
  FOR EACH ROW
  EXECUTE FUNCTION private.tg_stamp('created_by', 'updated_by');

CREATE TRIGGER _200_stamp
  BEFORE INSERT OR UPDATE ON public.services
  FOR EACH ROW
  EXECUTE FUNCTION private.tg_stamp('created_by', 'updated_by');

COMMENT ON FUNCTION "private"."tg_stamp"() IS 'BEFORE INSERT/UPDATE: sets the columns named in the trigger arguments to auth.uid() on insert, and updated_by (when named) on update, when there is a user; makes updated_at monotonic: greatest(now(), previous updated_at + 1 microsecond). A no-op update keeps the stamps.';
