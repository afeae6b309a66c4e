-- A flow and its document form (the flow object of flowatlas.project/v1): the one pair every path goes through.
--
-- The content of a flow is every column of public.flows that is not named in private.flow_bookkeeping_columns():
-- that list is the one place content is decided. A column added to flows is content unless it is added there,
-- so export, import, duplicate and revision restore carry it without another edit. The column list of the writes
-- is read from the catalog (its defaults too), not typed again.

create function private.flow_bookkeeping_columns()
returns text[]
language sql
immutable
parallel safe
set search_path = ''
as $$
  -- Identity, tenancy, review bookkeeping, stamps, the optimistic lock, deletion and the generated search vector.
  -- status is a document field but not content: a copy or an import starts as a draft, a restore keeps it.
  select array[
    'id', 'project_id', 'status', 'revision', 'created_at', 'created_by', 'updated_at', 'updated_by',
    'submitted_at', 'submitted_by', 'reviewed_at', 'reviewed_by', 'approved_at', 'approved_by',
    'deleted_at', 'deleted_by', 'search'
  ]
$$;

comment on function private.flow_bookkeeping_columns() is
'The columns of public.flows that are not a flow''s content; every other column is content (copied, exported, '
'imported and restored).';

create function private.flow_reference_columns()
returns text[]
language sql
immutable
parallel safe
set search_path = ''
as $$
  -- Content columns holding registry ids: a document carries them by key instead (service_domain, service, actors).
  select array['service_domain_id', 'service_id', 'actor_ids']
$$;

comment on function private.flow_reference_columns() is
'The content columns of public.flows that hold registry ids, which a flow''s document carries by key.';

create function private.flow_content_columns()
returns text[]
language sql
stable
set search_path = ''
as $$
  select pg_catalog.array_agg(a.attname::text order by a.attnum)
  from pg_catalog.pg_attribute as a
  where a.attrelid = 'public.flows'::regclass and a.attnum > 0 and not a.attisdropped
    and a.attname <> all (private.flow_bookkeeping_columns())
$$;

comment on function private.flow_content_columns() is
'The content columns of public.flows, in table order: every column but private.flow_bookkeeping_columns().';

create function private.registry_keys(project uuid)
returns jsonb
language sql
stable
security invoker
set search_path = ''
as $$
  -- Read once per document: a lookup per flow paid the row-level security check of each registry per flow.
  select coalesce(pg_catalog.jsonb_object_agg(r.id, r.key), '{}'::jsonb)
  from (
    select d.id, d.key from public.service_domains as d where d.project_id = project
    union all
    select s.id, s.key from public.services as s where s.project_id = project
    union all
    select a.id, a.key from public.actors as a where a.project_id = project
  ) as r
$$;

comment on function private.registry_keys(uuid) is
'The keys of a project''s service domains, services and actors by id, as one JSON object {"<id>": "<key>"}.';

create function private.flow_document_sql(source text, registry_keys text)
returns text
language sql
stable
set search_path = ''
as $$
  -- One json_build_object of the content columns (read from the catalog) and the document's own fields, as JSON
  -- text: to_jsonb(row) with the bookkeeping removed and the fields added decoded and encoded each 6 kB flow
  -- three times (0.3 ms a flow; an export builds 2,000), this writes it once (0.07 ms). It takes up to 50 pairs:
  -- the content columns and six fields.
  select pg_catalog.format(
    'pg_catalog.json_build_object(%1$s, ''id'', %2$s.id, ''revision'', %2$s.revision, ''status'', %2$s.status, '
    '''service_domain'', %3$s -> (%2$s.service_domain_id::text), ''service'', %3$s -> (%2$s.service_id::text), '
    '''actors'', coalesce((select pg_catalog.json_agg(%3$s -> (x.actor_id::text) order by x.ord) '
    'from pg_catalog.unnest(%2$s.actor_ids) with ordinality as x (actor_id, ord) '
    'where %3$s operator(pg_catalog.?) (x.actor_id::text)), ''[]''::json))',
    (
      select pg_catalog.string_agg(pg_catalog.format('%L, %s.%I', c.name, source, c.name), ', ' order by c.ord)
      from pg_catalog.unnest(private.flow_content_columns()) with ordinality as c (name, ord)
      where c.name <> all (private.flow_reference_columns())
    ),
    source, registry_keys
  )
$$;

comment on function private.flow_document_sql(text, text) is
'The SQL expression (of type json) of a flow''s document for a flow row named source, the keys from the jsonb '
'expression registry_keys: its content columns (the registry ids as keys) and its id, revision and status.';

create function private.flow_document(flow public.flows, registry_keys jsonb)
returns jsonb
language plpgsql
stable
set search_path = ''
as $$
-- The row's content as JSON, registry ids replaced by keys, and the fields a reader of the document needs: its
-- id, revision and review status. Many flows at once: private.flow_documents.
declare
  document jsonb;
begin
  execute pg_catalog.format('select (%s)::jsonb from (select ($1).*) as f', private.flow_document_sql('f', '$2'))
    into document using flow, registry_keys;
  return document;
end;
$$;

comment on function private.flow_document(public.flows, jsonb) is
'A flow as the project document carries it: its content columns, registries by key (service_domain, service, '
'actors; keys from private.registry_keys), and its id, revision and status. The inverse of private.flow_row.';

create function private.flow_documents(project uuid, only_flow uuid, registry_keys jsonb)
returns table (name text, flow json)
language plpgsql
stable
security invoker
set search_path = ''
as $$
begin
  -- One statement for the whole project: private.flow_document plans its statement per flow.
  return query execute pg_catalog.format(
    'select f.name, %s from public.flows as f '
    'where f.project_id = $1 and f.deleted_at is null and ($2::uuid is null or f.id = $2)',
    private.flow_document_sql('f', '$3')
  ) using project, only_flow, registry_keys;
end;
$$;

comment on function private.flow_documents(uuid, uuid, jsonb) is
'The document of every live flow of a project (or of only_flow) as JSON text, with the caller''s rights, and its '
'name.';

create function private.flow_document(flow public.flows)
returns jsonb
language sql
stable
security invoker
set search_path = ''
as $$
  select private.flow_document(flow, private.registry_keys(flow.project_id))
$$;

comment on function private.flow_document(public.flows) is
'private.flow_document of one flow, its project''s registry keys read as the caller.';

create function private.flow_row(document jsonb, project uuid)
returns public.flows
language sql
stable
security invoker
set search_path = ''
as $$
  -- The document's fields by column name (jsonb_populate_record skips keys that name no column; a null is
  -- written as the column default), bookkeeping left out, keys resolved to the ids of the project's registries,
  -- and status when the document gives one.
  -- Each jsonb operator on the document rewrites all of it (its steps too): one `-` and a second populate over
  -- the first row instead of two `-` and a `||`: 2,000 rows of an import 451-721 -> 360-554 ms.
  select pg_catalog.jsonb_populate_record(pg_catalog.jsonb_populate_record(
    null::public.flows, document - (private.flow_bookkeeping_columns() || private.flow_reference_columns())
  ), pg_catalog.jsonb_strip_nulls(pg_catalog.jsonb_build_object(
    'project_id', project,
    'status', document -> 'status',
    -- A flow's domain is its service's when the document names none (as private.tg_flow_references fills it).
    'service_domain_id', coalesce(
      (select d.id from public.service_domains as d where d.project_id = project and d.key = document ->> 'service_domain'),
      (select s.domain_id from public.services as s where s.project_id = project and s.key = document ->> 'service')
    ),
    'service_id', (
      select s.id from public.services as s where s.project_id = project and s.key = document ->> 'service'
    ),
    'actor_ids', (
      select pg_catalog.jsonb_agg(a.id order by k.ord)
      from pg_catalog.jsonb_array_elements_text(
        case when pg_catalog.jsonb_typeof(document -> 'actors') = 'array' then document -> 'actors' end
      ) with ordinality as k (key, ord)
      inner join public.actors as a on a.project_id = project and a.key = k.key
    )
  )))
$$;

comment on function private.flow_row(jsonb, uuid) is
'A flow''s document form as a row of the given project: content fields, registry keys resolved to ids, status; '
'every other column null (the writes give null columns their defaults). The inverse of private.flow_document.';

create function private.flow_content_values(source text)
returns text
language sql
stable
set search_path = ''
as $$
  -- `source.column`, or its default where the column has one and the value is null.
  select pg_catalog.string_agg(
    case when d.adbin is null then pg_catalog.format('%s.%I', source, a.attname)
      else pg_catalog.format('coalesce(%s.%I, %s)', source, a.attname, pg_catalog.pg_get_expr(d.adbin, d.adrelid))
    end, ', ' order by a.attnum
  )
  from pg_catalog.pg_attribute as a
  left join pg_catalog.pg_attrdef as d on d.adrelid = a.attrelid and d.adnum = a.attnum
  where a.attrelid = 'public.flows'::regclass and a.attname = any (private.flow_content_columns())
$$;

comment on function private.flow_content_values(text) is
'SQL expressions for the content columns of a flow row named source, nulls replaced by the column defaults.';

create function private.insert_flow_rows(rows public.flows[])
returns setof uuid
language plpgsql
volatile
security invoker
set search_path = ''
as $$
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
$$;

comment on function private.insert_flow_rows(public.flows[]) is
'Inserts flow rows (as private.flow_row makes them) in one statement, as the caller; returns the new ids, drawn '
'for rows that bring none.';

create function private.update_flow_content(flow_id uuid, content public.flows)
returns public.flows
language plpgsql
volatile
security invoker
set search_path = ''
as $$
declare
  updated public.flows;
begin
  execute pg_catalog.format(
    'update public.flows as f set (%s) = (select %s from (select ($1).*) as r) where f.id = $2 returning f.*',
    (select pg_catalog.string_agg(pg_catalog.quote_ident(c), ', ') from pg_catalog.unnest(private.flow_content_columns()) as c),
    private.flow_content_values('r')
  ) into updated using content, flow_id;
  return updated;
end;
$$;

comment on function private.update_flow_content(uuid, public.flows) is
'Sets the content of a flow to that of a row (as private.flow_row makes it), as the caller; null when the caller '
'may not update it.';

grant execute on function private.flow_bookkeeping_columns() to authenticated, service_role;
grant execute on function private.flow_reference_columns() to authenticated, service_role;
grant execute on function private.flow_content_columns() to authenticated, service_role;
grant execute on function private.registry_keys(uuid) to authenticated, service_role;
grant execute on function private.flow_document(public.flows, jsonb) to authenticated, service_role;
grant execute on function private.flow_document(public.flows) to authenticated, service_role;
grant execute on function private.flow_document_sql(text, text) to authenticated, service_role;
grant execute on function private.flow_documents(uuid, uuid, jsonb) to authenticated, service_role;
grant execute on function private.flow_row(jsonb, uuid) to authenticated, service_role;
grant execute on function private.flow_content_values(text) to authenticated, service_role;
grant execute on function private.insert_flow_rows(public.flows[]) to authenticated, service_role;
grant execute on function private.update_flow_content(uuid, public.flows) to authenticated, service_role;
