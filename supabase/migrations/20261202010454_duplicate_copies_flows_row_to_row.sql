-- duplicate_project copies flows row to row (private.copy_flows) instead of exporting the whole project as a
-- document and importing it again: the source's flows are valid as stored, only their ids and registry ids change,
-- and their search documents are copied, not computed again (so flow_search's key to flows is deferrable, the
-- insert trigger skips a flow that has a document, and insert_flow_rows takes ids a row brings). The project and
-- its registries still come through the import path (document_of_project gains with_flows). Which flows keep their
-- review status is one function (private.keeps_review_status), asked by both.

SET local check_function_bodies = off;

DROP FUNCTION "private"."document_of_project"(uuid, uuid);

CREATE OR REPLACE FUNCTION private.copy_flows (
  source uuid,
  target uuid
)
  RETURNS integer
  LANGUAGE plpgsql
  SECURITY DEFINER
  SET search_path TO ''
  AS $function$
declare
  keep_status constant boolean := private.keeps_review_status();
  source_ids uuid[];
  copy_ids uuid[];
begin
  -- A definer, like the import path: row-level security and the reference triggers' lookups as the caller cost
  -- more than the copy itself. Its one rule, checked first: an editor of the source copies into a project they own.
  if coalesce(private.project_role(source) < 'editor', true)
    or private.project_role(target) is distinct from 'owner' then
    raise exception 'only an editor of the source may copy its flows, into a project they own'
      using errcode = '42501';
  end if;
  -- Locked until the copy commits: its search documents and its rows are read by two statements, and an edit
  -- between them would give a copy the document of text it does not have.
  select pg_catalog.array_agg(f.id order by f.name, f.id), pg_catalog.array_agg(pg_catalog.gen_random_uuid())
  into source_ids, copy_ids
  from (
    select l.id, l.name from public.flows as l where l.project_id = source and l.deleted_at is null for share
  ) as f;

  -- The copies' search documents are the sources': written first, so private.tg_flow_search_insert has none to
  -- compute (a quarter of the copy's time). The key to each flow is checked when the transaction commits.
  set constraints private.flow_search_flow_id_fkey deferred;
  insert into private.flow_search (flow_id, search)
  select c.copy_id, s.search
  from rows from (pg_catalog.unnest(source_ids), pg_catalog.unnest(copy_ids)) as c (source_id, copy_id)
  inner join private.flow_search as s on s.flow_id = c.source_id;

  -- Row to row, not through the document: the source's live flows are valid as stored (the table checked them),
  -- and the keys their steps name are the target's, whose registries were made from the source's. Only the ids
  -- change: the flow's own, and its registry entries' matched by key. Through the document it took 6.8 s for
  -- 2,000 flows.
  perform private.insert_flow_rows(array(
    select pg_catalog.jsonb_populate_record(f, pg_catalog.jsonb_build_object(
      'id', c.copy_id,
      'project_id', target,
      'status', case when keep_status then f.status end,
      'service_domain_id', (
        select t.id from public.service_domains as s
        inner join public.service_domains as t on t.project_id = target and t.key = s.key
        where s.id = f.service_domain_id
      ),
      'service_id', (
        select t.id from public.services as s
        inner join public.services as t on t.project_id = target and t.key = s.key
        where s.id = f.service_id
      ),
      'actor_ids', (
        select pg_catalog.jsonb_agg(t.id order by x.ord)
        from pg_catalog.unnest(f.actor_ids) with ordinality as x (actor_id, ord)
        inner join public.actors as s on s.id = x.actor_id
        inner join public.actors as t on t.project_id = target and t.key = s.key
      )
    ))
    from rows from (pg_catalog.unnest(source_ids), pg_catalog.unnest(copy_ids)) with ordinality
      as c (source_id, copy_id, ord)
    inner join public.flows as f on f.id = c.source_id
    order by c.ord
  ));
  return coalesce(pg_catalog.cardinality(copy_ids), 0);
end;
$function$;

CREATE OR REPLACE FUNCTION private.document_of_project (
  project    uuid,
  only_flow  uuid    DEFAULT NULL::uuid,
  with_flows boolean DEFAULT true
)
  RETURNS jsonb
  LANGUAGE sql
  STABLE
  SET search_path TO ''
  AS $function$
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
    -- Flows have no position: ordered by name, then by content (not by id), so flows of the same name keep one
    -- order in every database the document is imported into. Only those need their content compared: sorting
    -- every flow by its 5 kB of content spilled the export of 2,000 flows to disk (a second of 2.8).
    'flows', coalesce((
      select pg_catalog.jsonb_agg(listed.flow order by listed.name,
        case when listed.same_name > 1 then listed.flow - '{id,revision}'::text [] end)
      from (
        select f.name, private.flow_document(f, keys.registry_keys) as flow,
          pg_catalog.count(*) over (partition by f.name) as same_name
        from public.flows as f
        cross join (select private.registry_keys(p.id) as registry_keys) as keys
        where with_flows and f.project_id = p.id and f.deleted_at is null and (only_flow is null or f.id = only_flow)
      ) as listed
    ), '[]'::jsonb)
  )
  from public.projects as p
  where p.id = project
$function$;

CREATE OR REPLACE FUNCTION private.import_project_document (
  document     jsonb,
  project_name text
)
  RETURNS uuid
  LANGUAGE plpgsql
  SECURITY DEFINER
  SET search_path TO ''
  AS $function$
declare
  uid constant uuid := (select auth.uid());
  doc jsonb := document;
  errors jsonb;
  new_project uuid;
  flow_error jsonb;
  failed_detail text;
  keep_status constant boolean := private.keeps_review_status();
begin
  if uid is null or not (select private.can_create_projects()) then
    raise exception 'you may not create projects, so you may not import one'
      using errcode = '42501', hint = 'global viewers cannot create projects; ask an admin for the analyst role';
  end if;
  if doc is null or pg_catalog.jsonb_typeof(doc) <> 'object' then
    raise exception 'document must be a JSON object' using errcode = '22023', detail = 'field: document';
  end if;
  if private.is_legacy_document(doc) then
    -- The old app's shape: refused by path where it cannot even be converted, else converted and checked.
    errors := private.legacy_document_errors(doc);
    if pg_catalog.jsonb_array_length(errors) = 0 then
      doc := private.legacy_to_project_document(doc);
    end if;
  end if;
  if project_name is not null and pg_catalog.jsonb_typeof(doc -> 'project') = 'object' then
    doc := pg_catalog.jsonb_set(doc, '{project,name}', pg_catalog.to_jsonb(project_name), true);
  end if;

  if errors is null or pg_catalog.jsonb_array_length(errors) = 0 then
    -- The flows' JSON columns are left to the table, which checks them with the same functions as it inserts:
    -- checking them here too doubled the cost of a valid import. A refused insert is explained below.
    errors := private.document_errors_by_its_paths(document, doc, with_column_checks => false);
    if pg_catalog.jsonb_array_length(errors) > 0 then
      errors := private.document_errors_by_its_paths(document, doc);  -- an invalid document: all its errors
    end if;
  end if;
  perform private.raise_document_errors(errors);

  insert into public.projects (name, description, version, is_public, settings, custom_fields, owner_id)
  values (
    doc #>> '{project,name}',
    coalesce(doc #>> '{project,description}', ''),
    coalesce(doc #>> '{project,version}', '1.0.0'),
    coalesce((doc #>> '{project,is_public}')::boolean, false),
    coalesce(doc #> '{project,settings}', '{}'),
    coalesce(doc #> '{project,custom_fields}', '{}'),
    uid
  )
  returning id into new_project;

  insert into public.service_domains (project_id, key, name, description, position, custom_fields)
  select new_project, d ->> 'key', d ->> 'name', coalesce(d ->> 'description', ''),
    coalesce((d ->> 'position')::integer, (o - 1)::integer), coalesce(d -> 'custom_fields', '{}')
  from pg_catalog.jsonb_array_elements(coalesce(doc -> 'service_domains', '[]')) with ordinality as x (d, o);

  insert into public.services (project_id, domain_id, key, name, description, position, custom_fields)
  select new_project, sd.id, s ->> 'key', s ->> 'name', coalesce(s ->> 'description', ''),
    coalesce((s ->> 'position')::integer, (o - 1)::integer), coalesce(s -> 'custom_fields', '{}')
  from pg_catalog.jsonb_array_elements(coalesce(doc -> 'services', '[]')) with ordinality as x (s, o)
  inner join public.service_domains as sd on sd.project_id = new_project and sd.key = s ->> 'domain';

  insert into public.actors (project_id, kind, key, name, description, position, custom_fields)
  select new_project, coalesce(a ->> 'kind', 'system')::public.actor_kind, a ->> 'key', a ->> 'name',
    coalesce(a ->> 'description', ''), coalesce((a ->> 'position')::integer, (o - 1)::integer),
    coalesce(a -> 'custom_fields', '{}')
  from pg_catalog.jsonb_array_elements(coalesce(doc -> 'actors', '[]')) with ordinality as x (a, o);

  insert into public.integration_types (project_id, key, name, description, position, custom_fields)
  select new_project, t ->> 'key', t ->> 'name', coalesce(t ->> 'description', ''),
    coalesce((t ->> 'position')::integer, (o - 1)::integer), coalesce(t -> 'custom_fields', '{}')
  from pg_catalog.jsonb_array_elements(coalesce(doc -> 'integration_types', '[]')) with ordinality as x (t, o);

  -- All flows in one statement, through the document pair (private.flow_row).
  begin
    perform private.insert_flow_rows(array(
      select private.flow_row(case when keep_status then f.flow else f.flow - 'status' end, new_project)
      from pg_catalog.jsonb_array_elements(coalesce(doc -> 'flows', '[]')) with ordinality as f (flow, ord)
      order by f.ord
    ));
  exception
    when check_violation or not_null_violation or unique_violation or invalid_text_representation
      or foreign_key_violation or raise_exception then
      get stacked diagnostics failed_detail = pg_exception_detail;
      -- Only on failure: every error by path from the whole validator, else the first flow that fails alone.
      perform private.raise_document_errors(private.document_errors_by_its_paths(document, doc));
      flow_error := private.first_flow_error(doc -> 'flows', new_project, keep_status);
      perform private.raise_document_errors(
        private.errors_under(
          coalesce(flow_error ->> 'path', 'flows'), coalesce(flow_error ->> 'detail', failed_detail),
          coalesce(flow_error ->> 'message', sqlerrm)
        ),
        'fix that flow; nothing was imported'
      );
  end;

  perform private.audit_event(
    new_project, 'import', 'projects', new_project,
    pg_catalog.jsonb_build_object('flows', pg_catalog.jsonb_array_length(coalesce(doc -> 'flows', '[]')),
      'legacy', not document ? 'format')
  );
  return new_project;
end;
$function$;

CREATE OR REPLACE FUNCTION private.insert_flow_rows (
  rows public.flows[]
)
  RETURNS SETOF uuid
  LANGUAGE plpgsql
  SET search_path TO ''
  AS $function$
declare
  -- API roles may not choose ids (no grant on flows.id): the id is named only when a row brings one, as a copy
  -- does (it names its new ids up front). A row without one gets the column's default.
  ids text := case when exists (select 1 from pg_catalog.unnest(rows) as r where r.id is not null)
    then 'id, ' end;
begin
  -- One statement for all rows. project_id and status come from the rows; stamps and the rest are the table's
  -- and its triggers' business.
  return query execute pg_catalog.format(
    'insert into public.flows (%sproject_id, status, %s) select %sr.project_id, coalesce(r.status, %L), %s '
    'from pg_catalog.unnest($1) with ordinality as r order by r.ordinality returning id',
    ids,
    (select pg_catalog.string_agg(pg_catalog.quote_ident(c), ', ') from pg_catalog.unnest(private.flow_content_columns()) as c),
    case when ids is not null then 'coalesce(r.id, pg_catalog.gen_random_uuid()), ' end,
    'draft', private.flow_content_values('r')
  ) using rows;
end;
$function$;

CREATE OR REPLACE FUNCTION private.keeps_review_status()
  RETURNS boolean
  LANGUAGE sql
  STABLE
  SET search_path TO ''
  AS $function$
  -- The `role` setting is the request's (PostgREST sets it; a definer changes only current_user): an API user's
  -- import or copy is a user's, a direct maintenance session's is not.
  select (select private.is_admin()) or pg_catalog.current_setting('role', true) not in ('anon', 'authenticated')
$function$;

CREATE OR REPLACE FUNCTION private.tg_flow_search_insert()
  RETURNS TRIGGER
  LANGUAGE plpgsql
  SECURITY DEFINER
  SET search_path TO ''
  AS $function$
-- A definer: API roles have no grant on private.flow_search.
begin
  -- A flow that has one already is a copy whose document was copied with it (private.copy_flows).
  insert into private.flow_search (flow_id, search)
  select n.id, private.flow_search_document(n::public.flows) from new_flows as n
  where not exists (select 1 from private.flow_search as s where s.flow_id = n.id);
  return null;
end;
$function$;

CREATE OR REPLACE FUNCTION public.duplicate_project (
  project_id uuid,
  name       text DEFAULT NULL::text
)
  RETURNS uuid
  LANGUAGE plpgsql
  SET search_path TO ''
  AS $function$
declare
  source_name text;
  copy_id uuid;
  copied integer;
begin
  perform private.require_readable_project(duplicate_project.project_id);
  if (select private.project_role(duplicate_project.project_id)) < 'editor'
    or (select private.project_role(duplicate_project.project_id)) is null then
    raise exception 'only editors and owners can duplicate this project' using errcode = '42501',
      hint = 'export it instead, or ask an owner for the editor role';
  end if;
  select p.name into source_name from public.projects as p where p.id = duplicate_project.project_id;
  -- The project and its registries by the import path (read as the caller, keys carry the references), then the
  -- flows row to row.
  copy_id := private.import_project_document(
    private.document_of_project(duplicate_project.project_id, with_flows => false),
    coalesce(duplicate_project.name, pg_catalog.left(source_name || ' (copy)', 255))
  );
  copied := private.copy_flows(duplicate_project.project_id, copy_id);
  perform private.audit_event(
    copy_id, 'duplicate', 'projects', copy_id,
    pg_catalog.jsonb_build_object('source_project_id', project_id, 'flows', copied)
  );
  return copy_id;
end;
$function$;

-- Altered in place: dropping and adding the key would check every row again.
ALTER TABLE "private"."flow_search"
  ALTER CONSTRAINT "flow_search_flow_id_fkey" DEFERRABLE;

COMMENT ON FUNCTION "private"."copy_flows"(uuid, uuid) IS 'Copies the live flows of project source (the caller edits it) into project target (the caller owns it), whose registries hold the same keys: content as it is, registry ids by key, status as private.keeps_review_status says. Returns how many.';

COMMENT ON FUNCTION "private"."document_of_project"(uuid, uuid, boolean) IS 'The flowatlas.project/v1 document of a project (all its live flows, only_flow, or none without with_flows), with the caller''s rights.';

COMMENT ON FUNCTION "private"."insert_flow_rows"(public.flows[]) IS 'Inserts flow rows (as private.flow_row makes them) in one statement, as the caller; returns the new ids, drawn for rows that bring none.';

COMMENT ON FUNCTION "private"."keeps_review_status"() IS 'Whether flows written by an import or a copy keep their review status: for global admins and maintenance sessions; an API user''s flows start as drafts.';

COMMENT ON FUNCTION "private"."tg_flow_search_insert"() IS 'Writes the search documents of newly inserted flows that have none yet.';

REVOKE ALL ON FUNCTION "private"."copy_flows"(uuid, uuid) FROM PUBLIC;

GRANT EXECUTE ON FUNCTION "private"."copy_flows"(uuid, uuid) TO "authenticated";

REVOKE ALL ON FUNCTION "private"."copy_flows"(uuid, uuid) FROM "postgres";

GRANT EXECUTE ON FUNCTION "private"."copy_flows"(uuid, uuid) TO "postgres";

GRANT EXECUTE ON FUNCTION "private"."copy_flows"(uuid, uuid) TO "service_role";

REVOKE ALL ON FUNCTION "private"."document_of_project"(uuid, uuid, boolean) FROM PUBLIC;

GRANT EXECUTE ON FUNCTION "private"."document_of_project"(uuid, uuid, boolean) TO "authenticated";

REVOKE ALL ON FUNCTION "private"."document_of_project"(uuid, uuid, boolean) FROM "postgres";

GRANT EXECUTE ON FUNCTION "private"."document_of_project"(uuid, uuid, boolean) TO "postgres";

GRANT EXECUTE ON FUNCTION "private"."document_of_project"(uuid, uuid, boolean) TO "service_role";

REVOKE ALL ON FUNCTION "private"."keeps_review_status"() FROM PUBLIC;

GRANT EXECUTE ON FUNCTION "private"."keeps_review_status"() TO "authenticated";

REVOKE ALL ON FUNCTION "private"."keeps_review_status"() FROM "postgres";

GRANT EXECUTE ON FUNCTION "private"."keeps_review_status"() TO "postgres";

GRANT EXECUTE ON FUNCTION "private"."keeps_review_status"() TO "service_role";
