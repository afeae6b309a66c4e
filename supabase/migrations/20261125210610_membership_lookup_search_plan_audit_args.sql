SET local check_function_bodies = off;

DROP TRIGGER "_900_audit" ON "public"."flows";

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
  uid uuid := (select auth.uid());
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

CREATE OR REPLACE FUNCTION private.policy_project_ids()
  RETURNS uuid[]
  LANGUAGE sql
  STABLE
  SET search_path TO ''
  AS $function$
  select case when (select private.request_role()) in ('anon', 'authenticated') then private.readable_project_ids() end
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
  uid uuid := (select auth.uid());
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

CREATE OR REPLACE FUNCTION private.search_flows (
  query      text,
  tsq        tsquery,
  in_project uuid,
  statuses   public.flow_status[],
  priorities public.flow_priority[],
  tag        text,
  service    uuid,
  actor      uuid,
  candidates integer
)
  RETURNS TABLE (
    id         uuid,
    project_id uuid,
    name       text,
    status     public.flow_status,
    priority   public.flow_priority,
    rank       real,
    fuzzy      boolean
  )
  LANGUAGE plpgsql
  STABLE
  SECURITY DEFINER
  SET search_path TO ''
  AS $function$
-- Why a definer: under row-level security Postgres must test the policy before the (not leakproof) @@ operator,
-- so it walked every readable flow and never used the search index (member of 200 projects: 217 ms for a rare
-- word; here about 2 ms). This function applies exactly the select policy of flows itself — live flows of the
-- projects the caller may read; every flow for service_role and maintenance sessions — and lets the indexes
-- find the matches. Dynamic SQL, so each call is planned for its real project list and filters.
--
-- Why candidates: ranking reads each match's whole search vector, mostly stored out of line (TOAST), and a word
-- found in most flows would rank them all (800 ms at 100k flows). So at most `candidates` flows whose name matches
-- (flows_name_search_idx: the likeliest hits, never crowded out; the whole flow must still match, e.g. `-excluded`
-- words) and as many more matching anywhere are ranked. Below that many matches the result is exact.
--
-- Why `order by f.project_id` in the second branch: for a word found in most flows the planner would otherwise
-- read the table in order and test each flow's vector (a TOAST fetch, costed like a mere comparison) before its
-- project — 60 ms for a member of 200 projects at 1M flows. Ordered, it walks the readable projects in
-- flows_project_id_idx and stops at `candidates` matches (2 ms); a rare word still intersects the search index.
declare
  readable constant uuid[] := private.policy_project_ids();
  ranked constant text := '
          select f.id, f.project_id, f.name, f.status, f.priority, pg_catalog.ts_rank(f.search, $2, 1), false
          from public.flows as f
          where f.search operator(pg_catalog.@@) $2';
  narrowed constant text := '
      and f.deleted_at is null
      and ($3::uuid is null or f.project_id = $3)
      and ($4::uuid[] is null or f.project_id = any ($4))
      and ($5::public.flow_status[] is null or f.status = any ($5))
      and ($6::public.flow_priority[] is null or f.priority = any ($6))
      and ($7::text is null or f.tags @> array[$7])
      and ($8::uuid is null or f.service_id = $8)
      and ($9::uuid is null or f.actor_ids @> array[$9])';
begin
  if pg_catalog.numnode(tsq) > 0 then
    return query execute
      'select distinct on (c.id) c.* from (
        (' || ranked || '
            and pg_catalog.to_tsvector(''english''::regconfig, f.name) operator(pg_catalog.@@) $2' || narrowed || '
          limit $10)
        union all
        (' || ranked || narrowed || '
          order by f.project_id
          limit $10)
      ) as c'
      using query, tsq, in_project, readable, statuses, priorities, tag, service, actor, candidates;
    if found then
      return;
    end if;
  end if;
  -- Typo fallback, only when full text found no flow: names by trigram word similarity (flows_name_trgm_idx).
  return query execute
    'select f.id, f.project_id, f.name, f.status, f.priority, extensions.word_similarity($1, f.name), true
      from public.flows as f
      where $1 operator(extensions.<%) f.name' || narrowed || '
      order by 6 desc
      limit $10'
    using query, tsq, in_project, readable, statuses, priorities, tag, service, actor, candidates;
end;
$function$;

CREATE OR REPLACE FUNCTION private.search_registry (
  query      text,
  tsq        tsquery,
  in_project uuid,
  kinds      text[]
)
  RETURNS TABLE (
    kind        text,
    id          uuid,
    project_id  uuid,
    name        text,
    rank        real,
    description text
  )
  LANGUAGE plpgsql
  STABLE
  SECURITY DEFINER
  SET search_path TO ''
  AS $function$
-- A definer for the same reason as private.search_flows: under row-level security every readable registry row
-- had its text vector computed before matching; here the trigram and full-text indexes find the matches.
-- Applies the select policy of the three registries (the projects the caller may read).
declare
  readable constant uuid[] := private.policy_project_ids();
begin
  return query execute
    'select r.kind, r.id, r.project_id, r.name,
      (extensions.word_similarity($1, r.name)
        + case when r.name ilike ''%'' || $1 || ''%'' or r.key ilike ''%'' || $1 || ''%'' then 1 else 0 end)::real,
      r.description
    from (
      select ''service''::text as kind, s.id, s.project_id, s.key, s.name, s.description from public.services as s
      union all
      select ''actor'', a.id, a.project_id, a.key, a.name, a.description from public.actors as a
      union all
      select ''service_domain'', d.id, d.project_id, d.key, d.name, d.description from public.service_domains as d
    ) as r
    where r.kind = any ($5)
      and ($3::uuid is null or r.project_id = $3)
      and ($4::uuid[] is null or r.project_id = any ($4))
      and (
        r.name ilike ''%'' || $1 || ''%''
        or r.key ilike ''%'' || $1 || ''%''
        or $1 operator(extensions.<%) r.name
        or (pg_catalog.numnode($2) > 0
          and pg_catalog.to_tsvector(''english''::regconfig, r.name || '' '' || r.description) operator(pg_catalog.@@) $2)
      )'
    using query, tsq, in_project, readable, kinds;
end;
$function$;

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
  if tg_op = 'INSERT' then
    new_row := pg_catalog.to_jsonb(new) - 'search' - coalesce(tg_argv, '{}'::text[]);
  elsif tg_op = 'UPDATE' then
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

CREATE INDEX projects_deleted_idx ON public.projects USING btree (id)
  WHERE (deleted_at IS NOT NULL);

CREATE TRIGGER _900_audit
  AFTER INSERT OR DELETE OR UPDATE ON public.flows
  FOR EACH ROW
  EXECUTE FUNCTION private.tg_audit('steps', 'integrations', 'business_rules', 'error_scenarios', 'performance_requirements', 'custom_fields');

COMMENT ON FUNCTION "private"."policy_project_ids"() IS 'The projects the select policies limit the request to, for definers that apply those policies themselves: private.readable_project_ids() for API users, null (no limit) for service_role and maintenance sessions, which bypass row-level security.';

COMMENT ON FUNCTION "private"."readable_project_ids"() IS 'Ids of the live projects the calling user may read: their projects, every public project, all for global admins. An id may be listed twice (a public project the caller is a member of).';

COMMENT ON FUNCTION "private"."tg_audit"() IS 'AFTER INSERT/UPDATE/DELETE: appends an audit_log row with the user, project, flow, action, entity, changed columns (old/new), client ip (X-Forwarded-For) and user agent of the request. No-op updates are not logged. Its arguments name columns left out of an INSERT''s entry.';

REVOKE ALL ON FUNCTION "private"."policy_project_ids"() FROM PUBLIC;

REVOKE ALL ON FUNCTION "private"."policy_project_ids"() FROM "postgres";

GRANT EXECUTE ON FUNCTION "private"."policy_project_ids"() TO "postgres";
