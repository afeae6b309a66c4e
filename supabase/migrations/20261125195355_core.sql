SET local check_function_bodies = off;

ALTER DEFAULT PRIVILEGES FOR ROLE "postgres" IN SCHEMA "public" REVOKE ALL ON SEQUENCES FROM "anon";

ALTER DEFAULT PRIVILEGES FOR ROLE "postgres" IN SCHEMA "public" REVOKE ALL ON SEQUENCES FROM "authenticated";

ALTER DEFAULT PRIVILEGES FOR ROLE "postgres" IN SCHEMA "public" REVOKE ALL ON FUNCTIONS FROM "anon";

ALTER DEFAULT PRIVILEGES FOR ROLE "postgres" IN SCHEMA "public" REVOKE ALL ON FUNCTIONS FROM "authenticated";

ALTER DEFAULT PRIVILEGES FOR ROLE "postgres" IN SCHEMA "public" REVOKE ALL ON TABLES FROM "anon";

ALTER DEFAULT PRIVILEGES FOR ROLE "postgres" IN SCHEMA "public" REVOKE ALL ON TABLES FROM "authenticated";

CREATE SCHEMA "private";

CREATE EXTENSION "pg_trgm" SCHEMA "extensions";

CREATE TABLE "public"."actors" (
  "id"         uuid NOT NULL DEFAULT gen_random_uuid(),
  "project_id" uuid NOT NULL,
  CONSTRAINT "actors_pkey" PRIMARY KEY (id)
);

ALTER TABLE "public"."actors"
  ENABLE ROW LEVEL SECURITY;

REVOKE ALL ON TABLE "public"."actors" FROM "anon";

CREATE TABLE "public"."audit_log" (
  "id"          uuid                     NOT NULL DEFAULT gen_random_uuid(),
  "project_id"  uuid,
  "flow_id"     uuid,
  "actor_id"    uuid,
  "actor_role"  text,
  "action"      text                     NOT NULL,
  "entity_type" text                     NOT NULL,
  "entity_id"   uuid,
  "changes"     jsonb                    NOT NULL DEFAULT '{}'::jsonb,
  "ip_address"  inet,
  "user_agent"  text,
  "created_at"  timestamp with time zone NOT NULL DEFAULT clock_timestamp(),
  CONSTRAINT "audit_log_action_known"
    CHECK
    ((action = ANY (ARRAY['insert'::text, 'update'::text, 'delete'::text, 'soft_delete'::text, 'restore'::text, 'export'::text, 'import'::text, 'duplicate'::text,
    'review'::text]))),
  CONSTRAINT "audit_log_pkey" PRIMARY KEY (id)
);

ALTER TABLE "public"."audit_log"
  ENABLE ROW LEVEL SECURITY;

REVOKE ALL ON TABLE "public"."audit_log" FROM "anon";

CREATE TABLE "public"."flow_revisions" (
  "id"         uuid                     NOT NULL DEFAULT gen_random_uuid(),
  "project_id" uuid                     NOT NULL,
  "flow_id"    uuid                     NOT NULL,
  "revision"   integer                  NOT NULL,
  "content"    jsonb                    NOT NULL,
  "created_at" timestamp with time zone NOT NULL DEFAULT now(),
  "created_by" uuid,
  CONSTRAINT "flow_revisions_one_per_revision" UNIQUE (flow_id, revision),
  CONSTRAINT "flow_revisions_pkey" PRIMARY KEY (id)
);

ALTER TABLE "public"."flow_revisions"
  ENABLE ROW LEVEL SECURITY;

REVOKE ALL ON TABLE "public"."flow_revisions" FROM "anon";

CREATE TABLE "public"."flows" (
  "id"          uuid NOT NULL DEFAULT gen_random_uuid(),
  "project_id"  uuid NOT NULL,
  "name"        text NOT NULL,
  "description" text NOT NULL DEFAULT ''::text,
  CONSTRAINT "flows_name_length" CHECK (((char_length(name) >= 1) AND (char_length(name) <= 255))),
  CONSTRAINT "flows_pkey" PRIMARY KEY (id)
);

ALTER TABLE "public"."flows"
  ENABLE ROW LEVEL SECURITY;

REVOKE ALL ON TABLE "public"."flows" FROM "anon";

CREATE TABLE "public"."integration_types" (
  "id"            uuid                     NOT NULL DEFAULT gen_random_uuid(),
  "project_id"    uuid                     NOT NULL,
  "key"           text                     NOT NULL,
  "name"          text                     NOT NULL,
  "description"   text                     NOT NULL DEFAULT ''::text,
  "custom_fields" jsonb                    NOT NULL DEFAULT '{}'::jsonb,
  "position"      integer                  NOT NULL DEFAULT 0,
  "created_at"    timestamp with time zone NOT NULL DEFAULT now(),
  "updated_at"    timestamp with time zone NOT NULL DEFAULT now(),
  CONSTRAINT "integration_types_custom_fields_is_object" CHECK ((jsonb_typeof(custom_fields) = 'object'::text)),
  CONSTRAINT "integration_types_key_format" CHECK ((key ~ '^[A-Za-z0-9][A-Za-z0-9_.:-]{0,99}$'::text)),
  CONSTRAINT "integration_types_key_unique_in_project" UNIQUE (project_id, key),
  CONSTRAINT "integration_types_name_length" CHECK (((char_length(name) >= 1) AND (char_length(name) <= 255))),
  CONSTRAINT "integration_types_pkey" PRIMARY KEY (id),
  "created_by"    uuid                     DEFAULT auth.uid(),
  "updated_by"    uuid                     DEFAULT auth.uid()
);

ALTER TABLE "public"."integration_types"
  ENABLE ROW LEVEL SECURITY;

REVOKE ALL ON TABLE "public"."integration_types" FROM "anon";

CREATE TABLE "public"."profiles" (
  "id"    uuid NOT NULL,
  "email" text,
  "name"  text NOT NULL,
  CONSTRAINT "profiles_email_length" CHECK ((char_length(email) <= 320)),
  CONSTRAINT "profiles_name_length" CHECK (((char_length(name) >= 1) AND (char_length(name) <= 255))),
  CONSTRAINT "profiles_pkey" PRIMARY KEY (id)
);

ALTER TABLE "public"."profiles"
  ENABLE ROW LEVEL SECURITY;

REVOKE ALL ON TABLE "public"."profiles" FROM "anon";

CREATE TABLE "public"."project_members" (
  "id"         uuid NOT NULL DEFAULT gen_random_uuid(),
  "project_id" uuid NOT NULL,
  "user_id"    uuid NOT NULL,
  CONSTRAINT "project_members_one_row_per_user" UNIQUE (project_id, user_id),
  CONSTRAINT "project_members_pkey" PRIMARY KEY (id)
);

ALTER TABLE "public"."project_members"
  ENABLE ROW LEVEL SECURITY;

REVOKE ALL ON TABLE "public"."project_members" FROM "anon";

CREATE TABLE "public"."projects" (
  "id"            uuid                     NOT NULL DEFAULT gen_random_uuid(),
  "name"          text                     NOT NULL,
  "description"   text                     NOT NULL DEFAULT ''::text,
  "version"       text                     NOT NULL DEFAULT '1.0.0'::text,
  "is_public"     boolean                  NOT NULL DEFAULT false,
  "settings"      jsonb                    NOT NULL DEFAULT '{}'::jsonb,
  "custom_fields" jsonb                    NOT NULL DEFAULT '{}'::jsonb,
  "created_at"    timestamp with time zone NOT NULL DEFAULT now(),
  "updated_at"    timestamp with time zone NOT NULL DEFAULT now(),
  "deleted_at"    timestamp with time zone,
  "deleted_by"    uuid,
  CONSTRAINT "projects_custom_fields_is_object" CHECK ((jsonb_typeof(custom_fields) = 'object'::text)),
  CONSTRAINT "projects_deleted_by_needs_deleted_at" CHECK (((deleted_by IS NULL) OR (deleted_at IS NOT NULL))),
  CONSTRAINT "projects_name_length" CHECK (((char_length(name) >= 1) AND (char_length(name) <= 255))),
  CONSTRAINT "projects_pkey" PRIMARY KEY (id),
  CONSTRAINT "projects_settings_is_object" CHECK ((jsonb_typeof(settings) = 'object'::text)),
  CONSTRAINT "projects_version_length" CHECK (((char_length(version) >= 1) AND (char_length(version) <= 50))),
  "owner_id"      uuid                     NOT NULL DEFAULT auth.uid(),
  "created_by"    uuid                     DEFAULT auth.uid(),
  "updated_by"    uuid                     DEFAULT auth.uid()
);

ALTER TABLE "public"."projects"
  ENABLE ROW LEVEL SECURITY;

REVOKE ALL ON TABLE "public"."projects" FROM "anon";

CREATE TABLE "public"."service_domains" (
  "id"            uuid                     NOT NULL DEFAULT gen_random_uuid(),
  "project_id"    uuid                     NOT NULL,
  "key"           text                     NOT NULL,
  "name"          text                     NOT NULL,
  "description"   text                     NOT NULL DEFAULT ''::text,
  "custom_fields" jsonb                    NOT NULL DEFAULT '{}'::jsonb,
  "position"      integer                  NOT NULL DEFAULT 0,
  "created_at"    timestamp with time zone NOT NULL DEFAULT now(),
  "updated_at"    timestamp with time zone NOT NULL DEFAULT now(),
  CONSTRAINT "service_domains_custom_fields_is_object" CHECK ((jsonb_typeof(custom_fields) = 'object'::text)),
  CONSTRAINT "service_domains_id_in_project" UNIQUE (project_id, id),
  CONSTRAINT "service_domains_key_format" CHECK ((key ~ '^[A-Za-z0-9][A-Za-z0-9_.:-]{0,99}$'::text)),
  CONSTRAINT "service_domains_key_unique_in_project" UNIQUE (project_id, key),
  CONSTRAINT "service_domains_name_length" CHECK (((char_length(name) >= 1) AND (char_length(name) <= 255))),
  CONSTRAINT "service_domains_pkey" PRIMARY KEY (id),
  "created_by"    uuid                     DEFAULT auth.uid(),
  "updated_by"    uuid                     DEFAULT auth.uid()
);

ALTER TABLE "public"."service_domains"
  ENABLE ROW LEVEL SECURITY;

REVOKE ALL ON TABLE "public"."service_domains" FROM "anon";

CREATE TABLE "public"."services" (
  "id"            uuid                     NOT NULL DEFAULT gen_random_uuid(),
  "project_id"    uuid                     NOT NULL,
  "domain_id"     uuid                     NOT NULL,
  "key"           text                     NOT NULL,
  "name"          text                     NOT NULL,
  "description"   text                     NOT NULL DEFAULT ''::text,
  "custom_fields" jsonb                    NOT NULL DEFAULT '{}'::jsonb,
  "position"      integer                  NOT NULL DEFAULT 0,
  "created_at"    timestamp with time zone NOT NULL DEFAULT now(),
  "updated_at"    timestamp with time zone NOT NULL DEFAULT now(),
  CONSTRAINT "services_custom_fields_is_object" CHECK ((jsonb_typeof(custom_fields) = 'object'::text)),
  CONSTRAINT "services_id_in_project" UNIQUE (project_id, id),
  CONSTRAINT "services_key_format" CHECK ((key ~ '^[A-Za-z0-9][A-Za-z0-9_.:-]{0,99}$'::text)),
  CONSTRAINT "services_key_unique_in_project" UNIQUE (project_id, key),
  CONSTRAINT "services_name_length" CHECK (((char_length(name) >= 1) AND (char_length(name) <= 255))),
  CONSTRAINT "services_pkey" PRIMARY KEY (id),
  "created_by"    uuid                     DEFAULT auth.uid(),
  "updated_by"    uuid                     DEFAULT auth.uid()
);

ALTER TABLE "public"."services"
  ENABLE ROW LEVEL SECURITY;

REVOKE ALL ON TABLE "public"."services" FROM "anon";

CREATE TYPE "public"."actor_kind" AS ENUM (
  'person',
  'system',
  'external'
);

ALTER TABLE "public"."actors"
  ADD COLUMN "kind" public.actor_kind NOT NULL DEFAULT 'system'::public.actor_kind;

ALTER TABLE "public"."actors"
  ADD COLUMN "key" text NOT NULL;

ALTER TABLE "public"."actors"
  ADD COLUMN "name" text NOT NULL;

ALTER TABLE "public"."actors"
  ADD COLUMN "description" text NOT NULL DEFAULT ''::text;

ALTER TABLE "public"."actors"
  ADD COLUMN "custom_fields" jsonb NOT NULL DEFAULT '{}'::jsonb;

ALTER TABLE "public"."actors"
  ADD COLUMN "position" integer NOT NULL DEFAULT 0;

ALTER TABLE "public"."actors"
  ADD COLUMN "created_at" timestamp WITH time zone NOT NULL DEFAULT now();

ALTER TABLE "public"."actors"
  ADD COLUMN "updated_at" timestamp WITH time zone NOT NULL DEFAULT now();

CREATE TYPE "public"."flow_priority" AS ENUM (
  'Low',
  'Medium',
  'High',
  'Critical'
);

ALTER TABLE "public"."flows"
  ADD COLUMN "priority" public.flow_priority NOT NULL DEFAULT 'Medium'::public.flow_priority;

CREATE TYPE "public"."flow_status" AS ENUM (
  'draft',
  'in_review',
  'approved',
  'deprecated'
);

ALTER TABLE "public"."flows"
  ADD COLUMN "status" public.flow_status NOT NULL DEFAULT 'draft'::public.flow_status;

ALTER TABLE "public"."flows"
  ADD COLUMN "version" text NOT NULL DEFAULT '1.0.0'::text;

ALTER TABLE "public"."flows"
  ADD COLUMN "service_domain_id" uuid;

ALTER TABLE "public"."flows"
  ADD COLUMN "service_id" uuid;

ALTER TABLE "public"."flows"
  ADD COLUMN "entry_point" text;

ALTER TABLE "public"."flows"
  ADD COLUMN "trigger_event" text;

ALTER TABLE "public"."flows"
  ADD COLUMN "actor_ids" uuid[] NOT NULL DEFAULT '{}'::uuid[];

ALTER TABLE "public"."flows"
  ADD COLUMN "tags" text[] NOT NULL DEFAULT '{}'::text[];

ALTER TABLE "public"."flows"
  ADD COLUMN "steps" jsonb NOT NULL DEFAULT '[]'::jsonb;

ALTER TABLE "public"."flows"
  ADD COLUMN "integrations" jsonb NOT NULL DEFAULT '[]'::jsonb;

ALTER TABLE "public"."flows"
  ADD COLUMN "business_rules" jsonb NOT NULL DEFAULT '[]'::jsonb;

ALTER TABLE "public"."flows"
  ADD COLUMN "error_scenarios" jsonb NOT NULL DEFAULT '[]'::jsonb;

ALTER TABLE "public"."flows"
  ADD COLUMN "performance_requirements" jsonb NOT NULL DEFAULT '{}'::jsonb;

ALTER TABLE "public"."flows"
  ADD COLUMN "notes" text NOT NULL DEFAULT ''::text;

ALTER TABLE "public"."flows"
  ADD COLUMN "custom_fields" jsonb NOT NULL DEFAULT '{}'::jsonb;

ALTER TABLE "public"."flows"
  ADD COLUMN "revision" integer NOT NULL DEFAULT 1;

ALTER TABLE "public"."flows"
  ADD COLUMN "created_at" timestamp WITH time zone NOT NULL DEFAULT now();

ALTER TABLE "public"."flows"
  ADD COLUMN "updated_at" timestamp WITH time zone NOT NULL DEFAULT now();

ALTER TABLE "public"."flows"
  ADD COLUMN "submitted_at" timestamp WITH time zone;

ALTER TABLE "public"."flows"
  ADD COLUMN "submitted_by" uuid;

ALTER TABLE "public"."flows"
  ADD COLUMN "reviewed_at" timestamp WITH time zone;

ALTER TABLE "public"."flows"
  ADD COLUMN "reviewed_by" uuid;

ALTER TABLE "public"."flows"
  ADD COLUMN "approved_at" timestamp WITH time zone;

ALTER TABLE "public"."flows"
  ADD COLUMN "approved_by" uuid;

ALTER TABLE "public"."flows"
  ADD COLUMN "deleted_at" timestamp WITH time zone;

ALTER TABLE "public"."flows"
  ADD COLUMN "deleted_by" uuid;

CREATE TYPE "public"."global_role" AS ENUM (
  'analyst',
  'admin',
  'viewer'
);

ALTER TABLE "public"."profiles"
  ADD COLUMN "role" public.global_role NOT NULL DEFAULT 'analyst'::public.global_role;

ALTER TABLE "public"."profiles"
  ADD COLUMN "created_at" timestamp WITH time zone NOT NULL DEFAULT now();

ALTER TABLE "public"."profiles"
  ADD COLUMN "updated_at" timestamp WITH time zone NOT NULL DEFAULT now();

CREATE TYPE "public"."member_role" AS ENUM (
  'viewer',
  'editor',
  'owner'
);

ALTER TABLE "public"."project_members"
  ADD COLUMN "role" public.member_role NOT NULL DEFAULT 'viewer'::public.member_role;

ALTER TABLE "public"."project_members"
  ADD COLUMN "added_at" timestamp WITH time zone NOT NULL DEFAULT now();

ALTER TABLE "public"."project_members"
  ADD COLUMN "updated_at" timestamp WITH time zone NOT NULL DEFAULT now();

CREATE OR REPLACE FUNCTION private.add_member_by_email (
  project      uuid,
  member_email text,
  member_role  public.member_role
)
  RETURNS jsonb
  LANGUAGE plpgsql
  SECURITY DEFINER
  SET search_path TO ''
  AS $function$
declare
  member_id uuid;
  member_name text;
  row_id uuid;
begin
  -- Checked again here (public.add_member checks first, as the caller, so that non-members get a 404).
  if (select private.project_role(project)) is distinct from 'owner' then
    raise exception 'only the project''s owners can manage its members' using errcode = '42501';
  end if;
  if member_email is null or pg_catalog.btrim(member_email) = '' then
    raise exception 'email is required' using errcode = '22023', detail = 'field: email';
  end if;
  select p.id, p.name into member_id, member_name
  from public.profiles as p where pg_catalog.lower(p.email) = pg_catalog.lower(pg_catalog.btrim(member_email));
  if member_id is null then
    raise exception 'no Flow Atlas user has the e-mail %', member_email using errcode = 'PT404',
      detail = 'field: email', hint = 'they must sign up first, then add them again';
  end if;
  insert into public.project_members (project_id, user_id, role, added_by)
  values (project, member_id, coalesce(member_role, 'viewer'), (select auth.uid()))
  on conflict (project_id, user_id) do nothing
  returning id into row_id;
  if row_id is null then
    raise exception '% is already a member of this project', member_email using errcode = '23505',
      detail = 'field: email', hint = 'change their role on project_members instead';
  end if;
  return pg_catalog.jsonb_build_object(
    'id', row_id, 'project_id', project, 'user_id', member_id, 'name', member_name, 'role', coalesce(member_role, 'viewer')
  );
end;
$function$;

CREATE OR REPLACE FUNCTION private.audit_event (
  project_id  uuid,
  action      text,
  entity_type text,
  entity_id   uuid,
  details     jsonb DEFAULT '{}'::jsonb
)
  RETURNS void
  LANGUAGE sql
  SECURITY DEFINER
  SET search_path TO ''
  AS $function$
  insert into public.audit_log (
    project_id, actor_id, actor_role, action, entity_type, entity_id, changes, ip_address, user_agent
  )
  values (
    audit_event.project_id, (select auth.uid()), private.request_role(), audit_event.action,
    audit_event.entity_type, audit_event.entity_id, coalesce(audit_event.details, '{}'::jsonb),
    private.request_ip(), pg_catalog.left(private.request_header('user-agent'), 500)
  )
$function$;

CREATE OR REPLACE FUNCTION private.can_create_projects()
  RETURNS boolean
  LANGUAGE sql
  STABLE
  SECURITY DEFINER
  SET search_path TO ''
  AS $function$
  select coalesce((select private.global_role()) in ('analyst', 'admin'), false)
$function$;

CREATE OR REPLACE FUNCTION private.co_member_ids()
  RETURNS uuid[]
  LANGUAGE sql
  STABLE
  SECURITY DEFINER
  SET search_path TO ''
  AS $function$
  select coalesce(pg_catalog.array_agg(distinct other.user_id), '{}')
  from public.project_members as mine
  inner join public.project_members as other on other.project_id = mine.project_id
  where mine.user_id = (select auth.uid())
$function$;

CREATE OR REPLACE FUNCTION private.document_error (
  path    text,
  message text
)
  RETURNS jsonb
  LANGUAGE sql
  IMMUTABLE
  PARALLEL SAFE
  SET search_path TO ''
  AS $function$
  select pg_catalog.jsonb_build_object('path', path, 'message', message)
$function$;

CREATE OR REPLACE FUNCTION private.export_project_document (
  project uuid
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
$function$;

CREATE OR REPLACE FUNCTION private.flow_search_vector (
  name            text,
  description     text,
  tags            text[],
  trigger_event   text,
  entry_point     text,
  steps           jsonb,
  business_rules  jsonb,
  error_scenarios jsonb,
  notes           text
)
  RETURNS tsvector
  LANGUAGE sql
  IMMUTABLE
  PARALLEL SAFE
  SET search_path TO ''
  AS $function$
  -- array_to_string is only stable because of element output functions; for text[] it is immutable.
  select pg_catalog.setweight(pg_catalog.to_tsvector('english'::regconfig, coalesce(name, '')), 'A')
    || pg_catalog.setweight(
      pg_catalog.to_tsvector(
        'english'::regconfig,
        pg_catalog.concat_ws(' ', pg_catalog.array_to_string(tags, ' '), description, trigger_event, entry_point)
      ),
      'B'
    )
    || pg_catalog.setweight(
      pg_catalog.jsonb_to_tsvector(
        'english'::regconfig,
        pg_catalog.jsonb_build_array(steps, business_rules, error_scenarios),
        '["string"]'::jsonb
      ),
      'C'
    )
    || pg_catalog.setweight(pg_catalog.to_tsvector('english'::regconfig, coalesce(notes, '')), 'D')
$function$;

CREATE OR REPLACE FUNCTION private.global_role()
  RETURNS public.global_role
  LANGUAGE sql
  STABLE
  SECURITY DEFINER
  SET search_path TO ''
  AS $function$
  select p.role from public.profiles as p where p.id = (select auth.uid())
$function$;

CREATE OR REPLACE FUNCTION private.html_escape (
  value text
)
  RETURNS text
  LANGUAGE sql
  IMMUTABLE
  PARALLEL SAFE
  SET search_path TO ''
  AS $function$
  select pg_catalog.replace(pg_catalog.replace(pg_catalog.replace(value, '&', '&amp;'), '<', '&lt;'), '>', '&gt;')
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
  flow jsonb;
  flow_index integer := -1;
begin
  if uid is null or not (select private.can_create_projects()) then
    raise exception 'you may not create projects, so you may not import one'
      using errcode = '42501', hint = 'global viewers cannot create projects; ask an admin for the analyst role';
  end if;
  if doc is null or pg_catalog.jsonb_typeof(doc) <> 'object' then
    raise exception 'document must be a JSON object' using errcode = '22023', detail = 'field: document';
  end if;
  if not doc ? 'format' and (doc ? 'serviceRegistry' or doc ? 'actorRegistry' or doc ? 'integrationTypes') then
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
    errors := private.project_document_errors(doc);
  end if;
  if pg_catalog.jsonb_array_length(errors) > 0 then
    raise exception 'document is invalid at %: %', errors -> 0 ->> 'path', errors -> 0 ->> 'message'
      using errcode = '22023', detail = errors::text, hint = 'details lists every invalid field by its JSON path';
  end if;

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

  begin
    for flow in select f from pg_catalog.jsonb_array_elements(coalesce(doc -> 'flows', '[]')) as x (f) loop
      flow_index := flow_index + 1;
      insert into public.flows (
        project_id, name, description, priority, status, version, service_domain_id, service_id, entry_point,
        trigger_event, actor_ids, tags, steps, integrations, business_rules, error_scenarios,
        performance_requirements, notes, custom_fields
      )
      values (
        new_project, flow ->> 'name', coalesce(flow ->> 'description', ''),
        coalesce(flow ->> 'priority', 'Medium')::public.flow_priority,
        coalesce(flow ->> 'status', 'draft')::public.flow_status,
        coalesce(flow ->> 'version', '1.0.0'),
        (select d.id from public.service_domains as d
          where d.project_id = new_project and d.key = flow ->> 'service_domain'),
        (select s.id from public.services as s where s.project_id = new_project and s.key = flow ->> 'service'),
        flow ->> 'entry_point', flow ->> 'trigger_event',
        coalesce((
          select pg_catalog.array_agg(a.id order by k.ord)
          from pg_catalog.jsonb_array_elements_text(coalesce(flow -> 'actors', '[]')) with ordinality as k (key, ord)
          inner join public.actors as a on a.project_id = new_project and a.key = k.key
        ), '{}'),
        coalesce((select pg_catalog.array_agg(t) from pg_catalog.jsonb_array_elements_text(flow -> 'tags') as t), '{}'),
        coalesce(flow -> 'steps', '[]'), coalesce(flow -> 'integrations', '[]'),
        coalesce(flow -> 'business_rules', '[]'), coalesce(flow -> 'error_scenarios', '[]'),
        coalesce(flow -> 'performance_requirements', '{}'), coalesce(flow ->> 'notes', ''),
        coalesce(flow -> 'custom_fields', '{}')
      );
    end loop;
  exception
    when check_violation or not_null_violation or unique_violation or invalid_text_representation
      or foreign_key_violation or raise_exception then
      raise exception 'document is invalid at flows[%]: %', flow_index, sqlerrm
        using errcode = '22023',
          detail = pg_catalog.jsonb_build_array(
            private.document_error(pg_catalog.format('flows[%s]', flow_index), sqlerrm))::text,
          hint = 'fix that flow; nothing was imported';
  end;

  perform private.audit_event(
    new_project, 'import', 'projects', new_project,
    pg_catalog.jsonb_build_object('flows', pg_catalog.jsonb_array_length(coalesce(doc -> 'flows', '[]')),
      'legacy', not document ? 'format')
  );
  return new_project;
end;
$function$;

CREATE OR REPLACE FUNCTION private.is_admin()
  RETURNS boolean
  LANGUAGE sql
  STABLE
  SECURITY DEFINER
  SET search_path TO ''
  AS $function$
  select coalesce((select private.global_role()) = 'admin', false)
$function$;

CREATE OR REPLACE FUNCTION private.is_api_role()
  RETURNS boolean
  LANGUAGE sql
  STABLE
  SET search_path TO ''
  AS $function$
  select current_user in ('anon', 'authenticated', 'service_role')
$function$;

CREATE OR REPLACE FUNCTION private.is_nonblank_string (
  value      jsonb,
  max_length integer DEFAULT NULL::integer
)
  RETURNS boolean
  LANGUAGE sql
  IMMUTABLE
  PARALLEL SAFE
  SET search_path TO ''
  AS $function$
  select coalesce(
    pg_catalog.jsonb_typeof(value) = 'string'
    and pg_catalog.btrim(value #>> '{}') <> ''
    and (max_length is null or pg_catalog.char_length(value #>> '{}') <= max_length),
    false
  )
$function$;

CREATE OR REPLACE FUNCTION private.jsonb_depth_ok (
  value jsonb
)
  RETURNS boolean
  LANGUAGE sql
  IMMUTABLE
  PARALLEL SAFE
  SET search_path TO ''
  AS $function$
  -- Nothing nested deeper than 32 levels: deeper JSON is no document, and it breaks renderers and parsers.
  select value is null or not pg_catalog.jsonb_path_exists(value, 'strict $.**{33}')
$function$;

CREATE OR REPLACE FUNCTION private.jsonb_is_array_of_objects (
  value jsonb
)
  RETURNS boolean
  LANGUAGE sql
  IMMUTABLE
  PARALLEL SAFE
  SET search_path TO ''
  AS $function$
  select case
    when value is null then true
    when pg_catalog.jsonb_typeof(value) <> 'array' then false
    else not exists (
      select 1 from pg_catalog.jsonb_array_elements(value) as e (item)
      where pg_catalog.jsonb_typeof(e.item) <> 'object'
    )
  end
$function$;

CREATE OR REPLACE FUNCTION private.jsonb_object_ids_unique (
  value jsonb
)
  RETURNS boolean
  LANGUAGE sql
  IMMUTABLE
  PARALLEL SAFE
  SET search_path TO ''
  AS $function$
  select case
    when not private.jsonb_is_array_of_objects(value) or value is null then true
    else (
      select pg_catalog.count(e.item ->> 'id') = pg_catalog.count(distinct e.item ->> 'id')
      from pg_catalog.jsonb_array_elements(value) as e (item)
    )
  end
$function$;

CREATE OR REPLACE FUNCTION private.jsonb_objects_have_strings (
  value         jsonb,
  required_keys text[]
)
  RETURNS boolean
  LANGUAGE sql
  IMMUTABLE
  PARALLEL SAFE
  SET search_path TO ''
  AS $function$
  select case
    when not private.jsonb_is_array_of_objects(value) or value is null then true
    else not exists (
      select 1
      from pg_catalog.jsonb_array_elements(value) as e (item)
      cross join pg_catalog.unnest(required_keys) as k (key)
      where pg_catalog.jsonb_typeof(e.item -> k.key) is distinct from 'string'
        or pg_catalog.btrim(e.item ->> k.key) = ''
    )
  end
$function$;

CREATE OR REPLACE FUNCTION private.jsonb_objects_optional_strings (
  value         jsonb,
  optional_keys text[]
)
  RETURNS boolean
  LANGUAGE sql
  IMMUTABLE
  PARALLEL SAFE
  SET search_path TO ''
  AS $function$
  select case
    when not private.jsonb_is_array_of_objects(value) or value is null then true
    else not exists (
      select 1
      from pg_catalog.jsonb_array_elements(value) as e (item)
      cross join pg_catalog.unnest(optional_keys) as k (key)
      where e.item ? k.key
        and pg_catalog.jsonb_typeof(e.item -> k.key) not in ('string', 'null')
    )
  end
$function$;

CREATE OR REPLACE FUNCTION private.jsonb_strings (
  value jsonb
)
  RETURNS text
  LANGUAGE sql
  IMMUTABLE
  PARALLEL SAFE
  SET search_path TO ''
  AS $function$
  select coalesce(pg_catalog.string_agg(s.item #>> '{}', ' '), '')
  from pg_catalog.jsonb_path_query(coalesce(value, '[]'::jsonb), 'strict $.**') as s (item)
  where pg_catalog.jsonb_typeof(s.item) = 'string'
$function$;

CREATE OR REPLACE FUNCTION private.legacy_document_errors (
  legacy jsonb
)
  RETURNS jsonb
  LANGUAGE sql
  IMMUTABLE
  SET search_path TO ''
  AS $function$
  -- The conversion below walks these arrays: each must be an array (of objects), or be absent.
  with expected (path, value, objects) as (
    select 'serviceRegistry.domains', legacy #> '{serviceRegistry,domains}', true
    union all
    select 'actorRegistry.actors', legacy #> '{actorRegistry,actors}', true
    union all
    select 'integrationTypes.types', legacy #> '{integrationTypes,types}', true
    union all
    select 'flows', legacy -> 'flows', true
    union all
    select pg_catalog.format('serviceRegistry.domains[%s].services', d.ord - 1), d.item -> 'services', true
    from pg_catalog.jsonb_array_elements(
      case when pg_catalog.jsonb_typeof(legacy #> '{serviceRegistry,domains}') = 'array'
        then legacy #> '{serviceRegistry,domains}' else '[]'::jsonb end
    ) with ordinality as d (item, ord)
    where pg_catalog.jsonb_typeof(d.item) = 'object'
    union all
    select pg_catalog.format('flows[%s].%s', f.ord - 1, part.name), f.item -> part.name, part.name = 'steps'
    from pg_catalog.jsonb_array_elements(
      case when pg_catalog.jsonb_typeof(legacy -> 'flows') = 'array' then legacy -> 'flows' else '[]'::jsonb end
    ) with ordinality as f (item, ord)
    cross join (values ('steps'), ('actors')) as part (name)
    where pg_catalog.jsonb_typeof(f.item) = 'object'
  )
  select coalesce(pg_catalog.jsonb_agg(private.document_error(e.path,
    case when e.objects then 'must be an array of objects' else 'must be an array' end)), '[]'::jsonb)
  from expected as e
  where e.value is not null and e.value <> 'null'::jsonb
    and (pg_catalog.jsonb_typeof(e.value) <> 'array'
      or (e.objects and exists (
        select 1 from pg_catalog.jsonb_array_elements(e.value) as x (item)
        where pg_catalog.jsonb_typeof(x.item) <> 'object'
      )))
$function$;

CREATE OR REPLACE FUNCTION private.legacy_key (
  value    text,
  fallback text
)
  RETURNS text
  LANGUAGE sql
  IMMUTABLE
  PARALLEL SAFE
  SET search_path TO ''
  AS $function$
  -- The old app's ids were free strings: keep them when they fit the key format, else make one that does.
  select case
    when value ~ '^[A-Za-z0-9][A-Za-z0-9_.:-]{0,99}$' then value
    when pg_catalog.regexp_replace(coalesce(value, ''), '[^A-Za-z0-9_.:-]+', '-', 'g') ~ '^[A-Za-z0-9]'
      then pg_catalog.left(pg_catalog.regexp_replace(value, '[^A-Za-z0-9_.:-]+', '-', 'g'), 100)
    else fallback
  end
$function$;

CREATE OR REPLACE FUNCTION private.legacy_to_project_document (
  legacy jsonb
)
  RETURNS jsonb
  LANGUAGE sql
  IMMUTABLE
  SET search_path TO ''
  AS $function$
  -- The old browser app's localStorage export: camelCase keys, registries nested as
  -- serviceRegistry.domains[].services[], actorRegistry.actors[], integrationTypes.types[], and flows that
  -- refer to registry entries by their string ids (which become keys here).
  with domains as (
    select d.value as item, d.ord
    from pg_catalog.jsonb_array_elements(coalesce(legacy #> '{serviceRegistry,domains}', '[]')) with ordinality
      as d (value, ord)
  ),
  services as (
    select s.value as item, s.ord, private.legacy_key(d.item ->> 'id', 'domain-' || d.ord) as domain_key,
      d.ord as domain_ord
    from domains as d
    cross join lateral pg_catalog.jsonb_array_elements(coalesce(d.item -> 'services', '[]')) with ordinality
      as s (value, ord)
  ),
  actors as (
    select a.value as item, a.ord
    from pg_catalog.jsonb_array_elements(coalesce(legacy #> '{actorRegistry,actors}', '[]')) with ordinality
      as a (value, ord)
  ),
  types as (
    select t.value as item, t.ord
    from pg_catalog.jsonb_array_elements(coalesce(legacy #> '{integrationTypes,types}', '[]')) with ordinality
      as t (value, ord)
  ),
  flows as (
    select f.value as item, f.ord
    from pg_catalog.jsonb_array_elements(coalesce(legacy -> 'flows', '[]')) with ordinality as f (value, ord)
  )
  select pg_catalog.jsonb_build_object(
    'format', 'flowatlas.project/v1',
    'project', pg_catalog.jsonb_strip_nulls(pg_catalog.jsonb_build_object(
      'name', coalesce(legacy #>> '{project,name}', legacy ->> 'projectName', legacy ->> 'name', 'Imported project'),
      'description', coalesce(legacy #>> '{project,description}', legacy ->> 'description', ''),
      'version', coalesce(legacy #>> '{project,version}', legacy ->> 'version', '1.0.0'),
      'custom_fields', coalesce(legacy #> '{project,customFields}', legacy -> 'customFields', '{}')
    )),
    'service_domains', coalesce((select pg_catalog.jsonb_agg(pg_catalog.jsonb_build_object(
      'key', private.legacy_key(d.item ->> 'id', 'domain-' || d.ord),
      'name', coalesce(d.item ->> 'name', d.item ->> 'id'),
      'description', coalesce(d.item ->> 'description', ''),
      'position', d.ord - 1,
      'custom_fields', coalesce(d.item -> 'customFields', '{}')
    ) order by d.ord) from domains as d), '[]'),
    'services', coalesce((select pg_catalog.jsonb_agg(pg_catalog.jsonb_build_object(
      'key', private.legacy_key(s.item ->> 'id', 'service-' || s.domain_ord || '-' || s.ord),
      'domain', s.domain_key,
      'name', coalesce(s.item ->> 'name', s.item ->> 'id'),
      'description', coalesce(s.item ->> 'description', ''),
      'position', s.ord - 1,
      'custom_fields', coalesce(s.item -> 'customFields', '{}')
    ) order by s.domain_ord, s.ord) from services as s), '[]'),
    'actors', coalesce((select pg_catalog.jsonb_agg(pg_catalog.jsonb_build_object(
      'key', private.legacy_key(a.item ->> 'id', 'actor-' || a.ord),
      'kind', case
        when pg_catalog.lower(coalesce(a.item ->> 'kind', a.item ->> 'type', '')) in ('person', 'user', 'human', 'role')
          then 'person'
        when pg_catalog.lower(coalesce(a.item ->> 'kind', a.item ->> 'type', '')) in ('external', 'partner', 'third-party')
          then 'external'
        else 'system'
      end,
      'name', coalesce(a.item ->> 'name', a.item ->> 'id'),
      'description', coalesce(a.item ->> 'description', ''),
      'position', a.ord - 1,
      'custom_fields', coalesce(a.item -> 'customFields', '{}')
    ) order by a.ord) from actors as a), '[]'),
    'integration_types', coalesce((select pg_catalog.jsonb_agg(pg_catalog.jsonb_build_object(
      'key', private.legacy_key(t.item ->> 'id', 'type-' || t.ord),
      'name', coalesce(t.item ->> 'name', t.item ->> 'id'),
      'description', coalesce(t.item ->> 'description', ''),
      'position', t.ord - 1,
      'custom_fields', coalesce(t.item -> 'customFields', '{}')
    ) order by t.ord) from types as t), '[]'),
    'flows', coalesce((select pg_catalog.jsonb_agg(pg_catalog.jsonb_strip_nulls(pg_catalog.jsonb_build_object(
      'name', f.item -> 'name',
      'description', coalesce(f.item ->> 'description', ''),
      'priority', coalesce(f.item ->> 'priority', 'Medium'),
      'status', case f.item ->> 'status'
        when 'review' then 'in_review' when 'in-review' then 'in_review' when 'inReview' then 'in_review'
        else coalesce(f.item ->> 'status', 'draft') end,
      'version', coalesce(f.item ->> 'version', '1.0.0'),
      'service_domain', private.legacy_key(coalesce(f.item ->> 'serviceDomain', f.item ->> 'domainId'), null),
      'service', private.legacy_key(coalesce(f.item ->> 'service', f.item ->> 'serviceId'), null),
      'entry_point', f.item ->> 'entryPoint',
      'trigger_event', coalesce(f.item ->> 'triggerEvent', f.item ->> 'trigger'),
      'actors', coalesce((
        select pg_catalog.jsonb_agg(private.legacy_key(x.value #>> '{}', null) order by x.ord)
        from pg_catalog.jsonb_array_elements(coalesce(f.item -> 'actors', '[]')) with ordinality as x (value, ord)
      ), '[]'),
      'tags', coalesce(f.item -> 'tags', '[]'),
      'steps', coalesce((
        select pg_catalog.jsonb_agg(
          (st.value - 'actorId' - 'serviceId')
          || pg_catalog.jsonb_strip_nulls(pg_catalog.jsonb_build_object(
            'id', coalesce(st.value ->> 'id', 'step-' || st.ord),
            'actor', private.legacy_key(coalesce(st.value ->> 'actor', st.value ->> 'actorId'), null),
            'service', private.legacy_key(coalesce(st.value ->> 'service', st.value ->> 'serviceId'), null)
          )) order by st.ord)
        from pg_catalog.jsonb_array_elements(coalesce(f.item -> 'steps', '[]')) with ordinality as st (value, ord)
      ), '[]'),
      'integrations', coalesce(f.item -> 'integrations', '[]'),
      'business_rules', coalesce(f.item -> 'businessRules', '[]'),
      'error_scenarios', coalesce(f.item -> 'errorScenarios', '[]'),
      'performance_requirements', coalesce(f.item -> 'performanceRequirements', '{}'),
      'notes', coalesce(f.item ->> 'notes', ''),
      'custom_fields', coalesce(f.item -> 'customFields', '{}')
    )) order by f.ord) from flows as f), '[]')
  )
$function$;

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
    select pg_catalog.array_agg(m.project_id) into ids
    from public.project_members as m
    inner join public.projects as p on p.id = m.project_id and p.deleted_at is null
    where m.user_id = uid and m.role >= min_role;
  end if;
  return coalesce(ids, '{}'::uuid[]);
end;
$function$;

CREATE OR REPLACE FUNCTION private.performance_requirements_are_valid (
  value jsonb
)
  RETURNS boolean
  LANGUAGE sql
  IMMUTABLE
  PARALLEL SAFE
  SET search_path TO ''
  AS $function$
  select case
    when value is null or pg_catalog.jsonb_typeof(value) <> 'object' then true
    else not exists (
      select 1
      from pg_catalog.unnest(
        array['response_time_ms', 'throughput_per_minute', 'availability_percent']
      ) as k (key)
      where value ? k.key
        and pg_catalog.jsonb_typeof(value -> k.key) <> 'null'
        and (
          pg_catalog.jsonb_typeof(value -> k.key) <> 'number'
          or (value ->> k.key)::numeric < 0
          or (k.key = 'availability_percent' and (value ->> k.key)::numeric > 100)
        )
    )
    and not exists (
      select 1
      from pg_catalog.unnest(array['sla', 'notes']) as k (key)
      where value ? k.key and pg_catalog.jsonb_typeof(value -> k.key) not in ('string', 'null')
    )
  end
$function$;

CREATE OR REPLACE FUNCTION private.project_document_errors (
  document jsonb
)
  RETURNS jsonb
  LANGUAGE plpgsql
  IMMUTABLE
  SET search_path TO ''
  AS $function$
declare
  errors jsonb := '[]'::jsonb;
  registry text;
  item jsonb;
  part jsonb;
  keys jsonb;
  registry_keys jsonb := '{}'::jsonb;
  required_keys text [];
  required_key text;
  parts constant jsonb := '{"steps": ["id", "name"], "integrations": ["from", "to", "type"],
    "business_rules": ["id", "description"], "error_scenarios": ["id", "condition", "handling"]}'::jsonb;
  part_name text;
  key_format constant text := '^[A-Za-z0-9][A-Za-z0-9_.:-]{0,99}$';
begin
  if document is null or pg_catalog.jsonb_typeof(document) <> 'object' then
    return pg_catalog.jsonb_build_array(private.document_error('$', 'the document must be a JSON object'));
  end if;
  if document ->> 'format' is distinct from 'flowatlas.project/v1' then
    errors := errors || private.document_error('format', 'must be "flowatlas.project/v1"');
  end if;
  if pg_catalog.jsonb_typeof(document -> 'project') is distinct from 'object' then
    errors := errors || private.document_error('project', 'must be an object');
  elsif not private.is_nonblank_string(document #> '{project,name}', 255) then
    errors := errors || private.document_error('project.name', 'must be a non-blank string of at most 255 characters');
  end if;

  -- Registries: arrays of objects with a unique, well-formed key and a name.
  foreach registry in array array['service_domains', 'services', 'actors', 'integration_types'] loop
    keys := '[]'::jsonb;
    if document -> registry is null then
      continue;
    end if;
    if pg_catalog.jsonb_typeof(document -> registry) <> 'array' then
      errors := errors || private.document_error(registry, 'must be an array');
      continue;
    end if;
    if pg_catalog.jsonb_array_length(document -> registry) > 5000 then
      errors := errors || private.document_error(registry, 'at most 5000 entries');
      continue;
    end if;
    for i in 0 .. pg_catalog.jsonb_array_length(document -> registry) - 1 loop
      item := document -> registry -> i;
      if pg_catalog.jsonb_typeof(item) <> 'object' then
        errors := errors || private.document_error(pg_catalog.format('%s[%s]', registry, i), 'must be an object');
        continue;
      end if;
      if pg_catalog.jsonb_typeof(item -> 'key') is distinct from 'string' or (item ->> 'key') !~ key_format then
        errors := errors || private.document_error(pg_catalog.format('%s[%s].key', registry, i),
          'must be 1-100 letters, digits or _.:- starting with a letter or digit');
      elsif keys ? (item ->> 'key') then
        errors := errors || private.document_error(pg_catalog.format('%s[%s].key', registry, i),
          pg_catalog.format('duplicate key "%s"', item ->> 'key'));
      else
        keys := keys || pg_catalog.to_jsonb(item ->> 'key');
      end if;
      if not private.is_nonblank_string(item -> 'name', 255) then
        errors := errors || private.document_error(pg_catalog.format('%s[%s].name', registry, i),
          'must be a non-blank string of at most 255 characters');
      end if;
      if registry = 'actors' and item ? 'kind'
        and coalesce(item ->> 'kind', '') <> all (array['person', 'system', 'external']) then
        errors := errors || private.document_error(pg_catalog.format('actors[%s].kind', i),
          'must be person, system or external');
      end if;
    end loop;
    registry_keys := registry_keys || pg_catalog.jsonb_build_object(registry, keys);
  end loop;

  -- A service lives in a domain of the document.
  if pg_catalog.jsonb_typeof(document -> 'services') = 'array' then
    for i in 0 .. pg_catalog.jsonb_array_length(document -> 'services') - 1 loop
      item := document -> 'services' -> i;
      if pg_catalog.jsonb_typeof(item) = 'object'
        and not coalesce(registry_keys -> 'service_domains', '[]') ? coalesce(item ->> 'domain', '') then
        errors := errors || private.document_error(pg_catalog.format('services[%s].domain', i),
          'must be the key of one of the service_domains');
      end if;
    end loop;
  end if;

  -- Flows.
  if document -> 'flows' is not null and pg_catalog.jsonb_typeof(document -> 'flows') <> 'array' then
    errors := errors || private.document_error('flows', 'must be an array');
  elsif pg_catalog.jsonb_array_length(coalesce(document -> 'flows', '[]')) > 10000 then
    errors := errors || private.document_error('flows', 'at most 10000 flows per document');
  else
    for i in 0 .. pg_catalog.jsonb_array_length(coalesce(document -> 'flows', '[]')) - 1 loop
      item := document -> 'flows' -> i;
      if pg_catalog.jsonb_typeof(item) <> 'object' then
        errors := errors || private.document_error(pg_catalog.format('flows[%s]', i), 'must be an object');
        continue;
      end if;
      if not private.is_nonblank_string(item -> 'name', 255) then
        errors := errors || private.document_error(pg_catalog.format('flows[%s].name', i),
          'must be a non-blank string of at most 255 characters');
      end if;
      if item ? 'priority' and coalesce(item ->> 'priority', '') <> all (array['Low', 'Medium', 'High', 'Critical'])
      then
        errors := errors || private.document_error(pg_catalog.format('flows[%s].priority', i),
          'must be Low, Medium, High or Critical');
      end if;
      if item ? 'status'
        and coalesce(item ->> 'status', '') <> all (array['draft', 'in_review', 'approved', 'deprecated']) then
        errors := errors || private.document_error(pg_catalog.format('flows[%s].status', i),
          'must be draft, in_review, approved or deprecated');
      end if;
      if pg_catalog.jsonb_typeof(item -> 'service_domain') = 'string'
        and not coalesce(registry_keys -> 'service_domains', '[]') ? (item ->> 'service_domain') then
        errors := errors || private.document_error(pg_catalog.format('flows[%s].service_domain', i),
          'must be the key of one of the service_domains');
      end if;
      if pg_catalog.jsonb_typeof(item -> 'service') = 'string'
        and not coalesce(registry_keys -> 'services', '[]') ? (item ->> 'service') then
        errors := errors || private.document_error(pg_catalog.format('flows[%s].service', i),
          'must be the key of one of the services');
      end if;
      if item ? 'actors' then
        if pg_catalog.jsonb_typeof(item -> 'actors') <> 'array' then
          errors := errors || private.document_error(pg_catalog.format('flows[%s].actors', i),
            'must be an array of actor keys');
        else
          for j in 0 .. pg_catalog.jsonb_array_length(item -> 'actors') - 1 loop
            if pg_catalog.jsonb_typeof(item -> 'actors' -> j) <> 'string'
              or not coalesce(registry_keys -> 'actors', '[]') ? (item -> 'actors' ->> j) then
              errors := errors || private.document_error(pg_catalog.format('flows[%s].actors[%s]', i, j),
                'must be the key of one of the actors');
            end if;
          end loop;
        end if;
      end if;
      if item ? 'tags' and (pg_catalog.jsonb_typeof(item -> 'tags') <> 'array' or exists (
        select 1 from pg_catalog.jsonb_array_elements(item -> 'tags') as t (tag)
        where not private.is_nonblank_string(t.tag, 50)
      )) then
        errors := errors || private.document_error(pg_catalog.format('flows[%s].tags', i),
          'must be an array of non-blank strings of at most 50 characters');
      end if;
      for part_name in select pg_catalog.jsonb_object_keys(parts) loop
        part := item -> part_name;
        if part is null then
          continue;
        end if;
        if pg_catalog.jsonb_typeof(part) <> 'array' then
          errors := errors || private.document_error(pg_catalog.format('flows[%s].%s', i, part_name),
            'must be an array of objects');
          continue;
        end if;
        if pg_catalog.jsonb_array_length(part) > 1000 then
          errors := errors || private.document_error(pg_catalog.format('flows[%s].%s', i, part_name),
            'at most 1000 entries');
          continue;
        end if;
        select pg_catalog.array_agg(k.value #>> '{}') into required_keys
        from pg_catalog.jsonb_array_elements(parts -> part_name) as k (value);
        for j in 0 .. pg_catalog.jsonb_array_length(part) - 1 loop
          if pg_catalog.jsonb_typeof(part -> j) <> 'object' then
            errors := errors || private.document_error(pg_catalog.format('flows[%s].%s[%s]', i, part_name, j),
              'must be an object');
            continue;
          end if;
          foreach required_key in array required_keys loop
            if not private.is_nonblank_string(part -> j -> required_key) then
              errors := errors || private.document_error(
                pg_catalog.format('flows[%s].%s[%s].%s', i, part_name, j, required_key),
                'must be a non-blank string');
            end if;
          end loop;
        end loop;
      end loop;
      if item ? 'performance_requirements'
        and pg_catalog.jsonb_typeof(item -> 'performance_requirements') <> 'object' then
        errors := errors || private.document_error(pg_catalog.format('flows[%s].performance_requirements', i),
          'must be an object');
      end if;
      exit when pg_catalog.jsonb_array_length(errors) >= 50;
    end loop;
  end if;
  return errors;
end;
$function$;

CREATE OR REPLACE FUNCTION private.project_role (
  project_id uuid
)
  RETURNS public.member_role
  LANGUAGE sql
  STABLE
  SECURITY DEFINER
  SET search_path TO ''
  AS $function$
  -- Effective role in a live project: admins act as owners everywhere; a global viewer is capped at viewer.
  select case
    when (select private.is_admin()) then 'owner'::public.member_role
    when (select private.global_role()) = 'viewer' then least(m.role, 'viewer'::public.member_role)
    else m.role
  end
  from public.projects as p
  left join public.project_members as m
    on m.project_id = p.id and m.user_id = (select auth.uid())
  where p.id = project_role.project_id
    and p.deleted_at is null
    and (m.user_id is not null or (select private.is_admin()))
$function$;

CREATE OR REPLACE FUNCTION private.readable_project_ids()
  RETURNS uuid[]
  LANGUAGE plpgsql
  STABLE
  SECURITY DEFINER
  SET search_path TO ''
  AS $function$
declare
  uid uuid := (select auth.uid());
  ids uuid[];
begin
  if uid is null then
    return '{}'::uuid[];
  end if;
  if (select p.role from public.profiles as p where p.id = uid) = 'admin' then
    select pg_catalog.array_agg(p.id) into ids from public.projects as p where p.deleted_at is null;
  else
    select pg_catalog.array_agg(s.id) into ids
    from (
      select m.project_id as id
      from public.project_members as m
      inner join public.projects as p on p.id = m.project_id and p.deleted_at is null
      where m.user_id = uid
      union
      select p.id from public.projects as p where p.is_public and p.deleted_at is null
    ) as s;
  end if;
  return coalesce(ids, '{}'::uuid[]);
end;
$function$;

CREATE OR REPLACE FUNCTION private.request_header (
  name text
)
  RETURNS text
  LANGUAGE plpgsql
  STABLE
  SET search_path TO ''
  AS $function$
begin
  return (nullif(pg_catalog.current_setting('request.headers', true), '')::jsonb) ->> request_header.name;
exception
  when invalid_text_representation then
    return null;
end;
$function$;

CREATE OR REPLACE FUNCTION private.request_ip()
  RETURNS inet
  LANGUAGE plpgsql
  STABLE
  SET search_path TO ''
  AS $function$
declare
  forwarded text := pg_catalog.btrim(pg_catalog.split_part(private.request_header('x-forwarded-for'), ',', 1));
begin
  if forwarded is null or forwarded = '' then
    return null;
  end if;
  return forwarded::inet;
exception
  when invalid_text_representation then
    return null;
end;
$function$;

CREATE OR REPLACE FUNCTION private.request_role()
  RETURNS text
  LANGUAGE sql
  STABLE
  SET search_path TO ''
  AS $function$
  -- The API role of the request (the JWT "role" claim); outside a request the session user (maintenance).
  select coalesce(nullif((select auth.jwt()) ->> 'role', ''), session_user::text)
$function$;

CREATE OR REPLACE FUNCTION private.require_project_owner (
  project uuid
)
  RETURNS void
  LANGUAGE plpgsql
  STABLE
  SET search_path TO ''
  AS $function$
begin
  perform private.require_readable_project(project);
  if (select private.project_role(project)) is distinct from 'owner' then
    raise exception 'only the project''s owners can manage its members' using errcode = '42501',
      hint = 'ask an owner of the project';
  end if;
end;
$function$;

CREATE OR REPLACE FUNCTION private.require_readable_project (
  project uuid
)
  RETURNS void
  LANGUAGE plpgsql
  STABLE
  SET search_path TO ''
  AS $function$
begin
  if project is null then
    raise exception 'project_id is required' using errcode = '22023', detail = 'field: project_id';
  end if;
  -- Security invoker: row-level security hides projects the caller may not read.
  if not exists (select 1 from public.projects as p where p.id = project and p.deleted_at is null) then
    raise exception 'project % not found', project using errcode = 'PT404', detail = 'field: project_id',
      hint = 'check the id, and that you are a member of the project';
  end if;
end;
$function$;

CREATE OR REPLACE FUNCTION private.restore_deleted (
  entity    text,
  entity_id uuid
)
  RETURNS void
  LANGUAGE plpgsql
  SECURITY DEFINER
  SET search_path TO ''
  AS $function$
declare
  project uuid;
  needed public.member_role := case entity when 'projects' then 'owner'::public.member_role else 'editor' end;
  caller_role public.member_role;
begin
  if entity = 'projects' then
    select p.id into project from public.projects as p where p.id = entity_id and p.deleted_at is not null;
  else
    select f.project_id into project from public.flows as f
    inner join public.projects as p on p.id = f.project_id and p.deleted_at is null
    where f.id = entity_id and f.deleted_at is not null;
  end if;
  select case when (select private.is_admin()) then 'owner'::public.member_role else m.role end
  into caller_role
  from (select 1) as one
  left join public.project_members as m on m.project_id = project and m.user_id = (select auth.uid());
  if project is null or caller_role is null then
    raise exception 'no deleted % with id % that you can restore', pg_catalog.rtrim(entity, 's'), entity_id
      using errcode = 'PT404', detail = 'field: id';
  end if;
  if caller_role < needed then
    raise exception 'only % can restore this %', case needed when 'owner' then 'owners' else 'editors' end,
      pg_catalog.rtrim(entity, 's') using errcode = '42501';
  end if;
  execute pg_catalog.format('update public.%I set deleted_at = null, deleted_by = null where id = $1', entity)
  using entity_id;
end;
$function$;

CREATE OR REPLACE FUNCTION private.search_flow_matches (
  tsq        tsquery,
  in_project uuid
)
  RETURNS TABLE (
    id         uuid,
    project_id uuid,
    name       text,
    status     public.flow_status,
    priority   public.flow_priority,
    tags       text[],
    service_id uuid,
    actor_ids  uuid[],
    rank       real
  )
  LANGUAGE plpgsql
  STABLE
  SECURITY DEFINER
  SET search_path TO ''
  AS $function$
-- Why a definer: under row-level security Postgres must test the policy before the (not leakproof) @@ operator,
-- so it walked every readable flow and never used the search index (member of 200 projects: 217 ms for a rare
-- word; here 21 ms). This function applies exactly the select policy of flows itself — live flows of the
-- projects the caller may read; every flow for service_role and maintenance sessions — and lets the GIN index
-- find the matches. Dynamic SQL, so each call is planned for its real project list.
declare
  readable uuid[] := case
    when private.request_role() in ('anon', 'authenticated') then private.readable_project_ids()
  end;
begin
  return query execute
    'select f.id, f.project_id, f.name, f.status, f.priority, f.tags, f.service_id, f.actor_ids,
       pg_catalog.ts_rank_cd(f.search, $1, 1)
     from public.flows as f
     where f.search operator(pg_catalog.@@) $1 and f.deleted_at is null
       and ($2::uuid is null or f.project_id = $2)
       and ($3::uuid[] is null or f.project_id = any ($3))'
    using tsq, in_project, readable;
end;
$function$;

CREATE OR REPLACE FUNCTION private.set_flow_status (
  flow       uuid,
  new_status public.flow_status
)
  RETURNS public.flows
  LANGUAGE plpgsql
  SET search_path TO ''
  AS $function$
declare
  changed public.flows;
begin
  update public.flows as f set status = new_status
  where f.id = flow and f.deleted_at is null
  returning f.* into changed;
  if changed.id is null then
    raise exception 'flow % not found', flow using errcode = 'PT404', detail = 'field: flow_id',
      hint = 'check the id, and that you are an editor of its project';
  end if;
  return changed;
end;
$function$;

CREATE OR REPLACE FUNCTION private.tags_are_valid (
  tags text[]
)
  RETURNS boolean
  LANGUAGE sql
  IMMUTABLE
  PARALLEL SAFE
  SET search_path TO ''
  AS $function$
  select tags is null or not exists (
    select 1 from pg_catalog.unnest(tags) as t (tag)
    where t.tag is null or pg_catalog.char_length(pg_catalog.btrim(t.tag)) not between 1 and 50
  )
$function$;

CREATE OR REPLACE FUNCTION private.tg_actor_detach_from_flows()
  RETURNS TRIGGER
  LANGUAGE plpgsql
  SECURITY DEFINER
  SET search_path TO ''
  AS $function$
begin
  update public.flows
  set actor_ids = pg_catalog.array_remove(actor_ids, old.id)
  where project_id = old.project_id and actor_ids @> array[old.id];
  return null;
end;
$function$;

CREATE OR REPLACE FUNCTION private.tg_add_owner_member()
  RETURNS TRIGGER
  LANGUAGE plpgsql
  SECURITY DEFINER
  SET search_path TO ''
  AS $function$
begin
  insert into public.project_members (project_id, user_id, role, added_by)
  values (new.id, new.owner_id, 'owner', coalesce((select auth.uid()), new.owner_id))
  on conflict (project_id, user_id) do update set role = 'owner';
  return null;
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
  if tg_op in ('INSERT', 'UPDATE') then
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

CREATE OR REPLACE FUNCTION private.tg_create_profile()
  RETURNS TRIGGER
  LANGUAGE plpgsql
  SECURITY DEFINER
  SET search_path TO ''
  AS $function$
begin
  insert into public.profiles (id, email, name)
  values (
    new.id,
    new.email,
    pg_catalog.left(
      coalesce(
        nullif(pg_catalog.btrim(new.raw_user_meta_data ->> 'name'), ''),
        nullif(pg_catalog.btrim(new.raw_user_meta_data ->> 'full_name'), ''),
        nullif(pg_catalog.split_part(new.email, '@', 1), ''),
        'user'
      ),
      255
    )
  )
  on conflict (id) do nothing;
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
  values (old.project_id, old.id, old.revision, pg_catalog.to_jsonb(old) - 'search', (select auth.uid()));
  return null;
end;
$function$;

CREATE OR REPLACE FUNCTION private.tg_flow_references()
  RETURNS TRIGGER
  LANGUAGE plpgsql
  SET search_path TO ''
  AS $function$
declare
  missing uuid;
  service_domain uuid;
begin
  if tg_op = 'INSERT' or new.actor_ids is distinct from old.actor_ids then
    select a.id into missing
    from pg_catalog.unnest(new.actor_ids) as a (id)
    where not exists (select 1 from public.actors as x where x.id = a.id and x.project_id = new.project_id)
    limit 1;
    if found then
      raise exception 'flows.actor_ids: % is not an actor of this project', missing
        using errcode = '23503', hint = 'create the actor first or remove it from actor_ids';
    end if;
  end if;
  if new.service_id is not null
    and (tg_op = 'INSERT' or new.service_id is distinct from old.service_id
      or new.service_domain_id is distinct from old.service_domain_id) then
    select s.domain_id into service_domain
    from public.services as s
    where s.id = new.service_id and s.project_id = new.project_id;
    if found then
      if new.service_domain_id is null then
        new.service_domain_id := service_domain;
      elsif new.service_domain_id <> service_domain then
        raise exception 'flows.service_id: the service is not in the flow''s service domain'
          using errcode = '23514', hint = 'pick a service of that domain or leave service_domain_id empty';
      end if;
    end if;
  end if;
  return new;
end;
$function$;

CREATE OR REPLACE FUNCTION private.tg_flow_review_state()
  RETURNS TRIGGER
  LANGUAGE plpgsql
  SET search_path TO ''
  AS $function$
declare
  not_content constant text[] := array[
    'id', 'project_id', 'status', 'revision', 'created_at', 'created_by', 'updated_at', 'updated_by',
    'submitted_at', 'submitted_by', 'reviewed_at', 'reviewed_by', 'approved_at', 'approved_by',
    'deleted_at', 'deleted_by', 'search'
  ];
  uid uuid := (select auth.uid());
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

  content_changed := (pg_catalog.to_jsonb(new) - not_content) is distinct from (pg_catalog.to_jsonb(old) - not_content);

  if new.status = old.status then
    if content_changed and old.status in ('in_review', 'approved') then
      new.status := 'draft';
      new.approved_at := null;
      new.approved_by := null;
    end if;
    return new;
  end if;

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
  bookkeeping constant text[] := array['revision', 'updated_at', 'updated_by', 'deleted_at', 'deleted_by', 'search'];
begin
  if new.revision is distinct from old.revision then
    raise exception 'flow "%" changed since you read it: you sent revision %, it is now at revision %',
      old.name, new.revision, old.revision
      using errcode = 'PT409', hint = 'reload the flow, reapply your change and send the new revision';
  end if;
  if (pg_catalog.to_jsonb(new) - bookkeeping) is distinct from (pg_catalog.to_jsonb(old) - bookkeeping) then
    new.revision := old.revision + 1;
  end if;
  return new;
end;
$function$;

CREATE OR REPLACE FUNCTION private.tg_forbid_api_writes()
  RETURNS TRIGGER
  LANGUAGE plpgsql
  SET search_path TO ''
  AS $function$
begin
  if private.is_api_role() then
    raise exception '% is read-only: it is written only by the database itself', tg_table_name
      using errcode = '42501';
  end if;
  return coalesce(new, old);
end;
$function$;

CREATE OR REPLACE FUNCTION private.tg_keep_project_owner()
  RETURNS TRIGGER
  LANGUAGE plpgsql
  SECURITY DEFINER
  SET search_path TO ''
  AS $function$
declare
  project_owner uuid;
begin
  if old.role <> 'owner' or (tg_op = 'UPDATE' and new.role = 'owner') then
    return coalesce(new, old);
  end if;
  select p.owner_id into project_owner from public.projects as p where p.id = old.project_id;
  if not found then
    return coalesce(new, old);
  end if;
  if not exists (
    select 1 from public.project_members as m
    where m.project_id = old.project_id and m.role = 'owner' and m.id <> old.id
  ) then
    raise exception 'a project must keep at least one owner'
      using errcode = 'P0001', hint = 'make another member owner first';
  end if;
  if old.user_id = project_owner then
    raise exception 'this member is the project''s owner (projects.owner_id) and stays an owner member'
      using errcode = 'P0001', hint = 'transfer the ownership of the project first';
  end if;
  return coalesce(new, old);
end;
$function$;

CREATE OR REPLACE FUNCTION private.tg_protect_columns()
  RETURNS TRIGGER
  LANGUAGE plpgsql
  SET search_path TO ''
  AS $function$
declare
  col text;
  old_row jsonb := pg_catalog.to_jsonb(old);
  new_row jsonb := pg_catalog.to_jsonb(new);
begin
  if not private.is_api_role() then
    return new;
  end if;
  foreach col in array tg_argv loop
    if (old_row -> col) is distinct from (new_row -> col) then
      raise exception '%.% cannot be changed', tg_table_name, col
        using errcode = '42501',
        hint = 'the project, owner, creator and creation time of a row are fixed when it is created';
    end if;
  end loop;
  return new;
end;
$function$;

CREATE OR REPLACE FUNCTION private.tg_protect_global_role()
  RETURNS TRIGGER
  LANGUAGE plpgsql
  SET search_path TO ''
  AS $function$
begin
  if new.role is distinct from old.role and private.is_api_role() and current_user <> 'service_role'
    and not (select private.is_admin()) then
    raise exception 'only a global admin can change a user''s role'
      using errcode = '42501', hint = 'ask an admin to change profiles.role';
  end if;
  return new;
end;
$function$;

CREATE OR REPLACE FUNCTION private.tg_soft_delete()
  RETURNS TRIGGER
  LANGUAGE plpgsql
  SECURITY DEFINER
  SET search_path TO ''
  AS $function$
declare
  parent_gone boolean;
begin
  if old.deleted_at is not null then
    return old;
  end if;
  if tg_table_name <> 'projects' then
    select not exists (
      select 1 from public.projects as p where p.id = (pg_catalog.to_jsonb(old) ->> 'project_id')::uuid
    ) into parent_gone;
    if parent_gone then
      return old;
    end if;
  end if;
  if coalesce(pg_catalog.current_setting('flowatlas.hard_delete', true), '') = 'on'
    and private.request_role() not in ('anon', 'authenticated') then
    return old;
  end if;
  execute pg_catalog.format(
    'update %I.%I set deleted_at = pg_catalog.now(), deleted_by = $1 where id = $2', tg_table_schema, tg_table_name
  ) using (select auth.uid()), old.id;
  return null;
end;
$function$;

CREATE OR REPLACE FUNCTION private.tg_stamp()
  RETURNS TRIGGER
  LANGUAGE plpgsql
  SET search_path TO ''
  AS $function$
declare
  uid uuid := (select auth.uid());
  row_now jsonb := pg_catalog.to_jsonb(new);
  patch jsonb := '{}'::jsonb;
begin
  if tg_op = 'INSERT' then
    if uid is not null then
      if row_now ? 'created_by' then
        patch := patch || pg_catalog.jsonb_build_object('created_by', uid);
      end if;
      if row_now ? 'added_by' then
        patch := patch || pg_catalog.jsonb_build_object('added_by', uid);
      end if;
      if row_now ? 'updated_by' then
        patch := patch || pg_catalog.jsonb_build_object('updated_by', uid);
      end if;
    end if;
  else
    if (row_now - array['updated_at', 'updated_by']) = (pg_catalog.to_jsonb(old) - array['updated_at', 'updated_by']) then
      return new;  -- nothing but the stamps changed (a no-op update): leave the stamps alone
    end if;
    patch := pg_catalog.jsonb_build_object(
      'updated_at',
      greatest(pg_catalog.now(), (pg_catalog.to_jsonb(old) ->> 'updated_at')::timestamptz + interval '1 microsecond')
    );
    if uid is not null and row_now ? 'updated_by' then
      patch := patch || pg_catalog.jsonb_build_object('updated_by', uid);
    end if;
  end if;
  new := pg_catalog.jsonb_populate_record(new, patch);
  return new;
end;
$function$;

CREATE OR REPLACE FUNCTION private.tg_sync_profile_email()
  RETURNS TRIGGER
  LANGUAGE plpgsql
  SECURITY DEFINER
  SET search_path TO ''
  AS $function$
begin
  update public.profiles set email = new.email where id = new.id and email is distinct from new.email;
  return null;
end;
$function$;

CREATE OR REPLACE FUNCTION private.transfer_project_ownership (
  project   uuid,
  new_owner uuid
)
  RETURNS void
  LANGUAGE plpgsql
  SECURITY DEFINER
  SET search_path TO ''
  AS $function$
begin
  if (select private.project_role(project)) is distinct from 'owner' then
    raise exception 'only the project''s owners can transfer its ownership' using errcode = '42501';
  end if;
  if not exists (select 1 from public.project_members as m where m.project_id = project and m.user_id = new_owner) then
    raise exception 'the new owner must already be a member of the project' using errcode = 'PT404',
      detail = 'field: new_owner_id', hint = 'add them with add_member first';
  end if;
  update public.project_members set role = 'owner' where project_id = project and user_id = new_owner;
  update public.projects set owner_id = new_owner where id = project;
end;
$function$;

CREATE OR REPLACE FUNCTION public.add_member (
  project_id uuid,
  email      text,
  role       public.member_role DEFAULT 'viewer'::public.member_role
)
  RETURNS jsonb
  LANGUAGE plpgsql
  SET search_path TO ''
  AS $function$
begin
  perform private.require_project_owner(add_member.project_id);  -- as the caller: 404 for non-members
  return private.add_member_by_email(add_member.project_id, add_member.email, add_member.role);
end;
$function$;

REVOKE ALL ON FUNCTION "public"."add_member"(uuid, text, public.member_role) FROM PUBLIC, "anon";

CREATE OR REPLACE FUNCTION public.approve_flow (
  flow_id uuid
)
  RETURNS public.flows
  LANGUAGE sql
  SET search_path TO ''
  AS $function$
  select private.set_flow_status(approve_flow.flow_id, 'approved')
$function$;

REVOKE ALL ON FUNCTION "public"."approve_flow"(uuid) FROM PUBLIC, "anon";

CREATE OR REPLACE FUNCTION public.duplicate_flow (
  flow_id uuid,
  name    text DEFAULT NULL::text
)
  RETURNS uuid
  LANGUAGE plpgsql
  SET search_path TO ''
  AS $function$
declare
  copy_id uuid;
begin
  -- As the caller: the insert policy lets only editors add flows; the copy starts as a draft.
  insert into public.flows (
    project_id, name, description, priority, version, service_domain_id, service_id, entry_point, trigger_event,
    actor_ids, tags, steps, integrations, business_rules, error_scenarios, performance_requirements, notes,
    custom_fields
  )
  select f.project_id, coalesce(duplicate_flow.name, pg_catalog.left(f.name || ' (copy)', 255)), f.description,
    f.priority, f.version, f.service_domain_id, f.service_id, f.entry_point, f.trigger_event, f.actor_ids, f.tags,
    f.steps, f.integrations, f.business_rules, f.error_scenarios, f.performance_requirements, f.notes,
    f.custom_fields
  from public.flows as f
  where f.id = duplicate_flow.flow_id and f.deleted_at is null
  returning id into copy_id;
  if copy_id is null then
    raise exception 'flow % not found', flow_id using errcode = 'PT404', detail = 'field: flow_id';
  end if;
  return copy_id;
end;
$function$;

REVOKE ALL ON FUNCTION "public"."duplicate_flow"(uuid, text) FROM PUBLIC, "anon";

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
begin
  perform private.require_readable_project(duplicate_project.project_id);
  if (select private.project_role(duplicate_project.project_id)) < 'editor'
    or (select private.project_role(duplicate_project.project_id)) is null then
    raise exception 'only editors and owners can duplicate this project' using errcode = '42501',
      hint = 'export it instead, or ask an owner for the editor role';
  end if;
  select p.name into source_name from public.projects as p where p.id = duplicate_project.project_id;
  -- Read as the caller (row-level security), then written by the import path: keys carry the references.
  copy_id := private.import_project_document(
    private.export_project_document(duplicate_project.project_id),
    coalesce(duplicate_project.name, pg_catalog.left(source_name || ' (copy)', 255))
  );
  perform private.audit_event(
    copy_id, 'duplicate', 'projects', copy_id, pg_catalog.jsonb_build_object('source_project_id', project_id)
  );
  return copy_id;
end;
$function$;

REVOKE ALL ON FUNCTION "public"."duplicate_project"(uuid, text) FROM PUBLIC, "anon";

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
  perform private.audit_event(
    export_project.project_id, 'export', 'projects', export_project.project_id,
    pg_catalog.jsonb_build_object('flows', pg_catalog.jsonb_array_length(document -> 'flows'))
  );
  return document;
end;
$function$;

REVOKE ALL ON FUNCTION "public"."export_project"(uuid) FROM PUBLIC, "anon";

CREATE OR REPLACE FUNCTION public.import_project (
  document jsonb,
  name     text  DEFAULT NULL::text
)
  RETURNS uuid
  LANGUAGE plpgsql
  SET search_path TO ''
  AS $function$
begin
  -- The API's limit (the gateway refuses bodies over 50 MB before they get here); duplicates are not limited.
  if pg_catalog.octet_length(import_project.document::text) > 25 * 1024 * 1024 then
    raise exception 'document is larger than 25 MB' using errcode = '54000', detail = 'field: document',
      hint = 'split the project or remove large custom fields';
  end if;
  return private.import_project_document(import_project.document, import_project.name);
end;
$function$;

REVOKE ALL ON FUNCTION "public"."import_project"(jsonb, text) FROM PUBLIC, "anon";

CREATE OR REPLACE FUNCTION public.me()
  RETURNS jsonb
  LANGUAGE sql
  STABLE
  SET search_path TO ''
  AS $function$
  select pg_catalog.jsonb_build_object(
    'id', p.id,
    'email', p.email,
    'name', p.name,
    'role', p.role,
    'can_create_projects', p.role in ('analyst', 'admin'),
    'memberships', coalesce((
      select pg_catalog.jsonb_agg(
        pg_catalog.jsonb_build_object('project_id', m.project_id, 'project_name', pr.name, 'role', m.role)
        order by pr.name
      )
      from public.project_members as m
      inner join public.projects as pr on pr.id = m.project_id
      where m.user_id = p.id
    ), '[]'::jsonb)
  )
  from public.profiles as p
  where p.id = (select auth.uid())
$function$;

REVOKE ALL ON FUNCTION "public"."me"() FROM PUBLIC, "anon";

CREATE OR REPLACE FUNCTION public.project_analytics (
  project_id uuid
)
  RETURNS jsonb
  LANGUAGE plpgsql
  STABLE
  SET search_path TO ''
  AS $function$
declare
  project constant uuid := project_analytics.project_id;
  result jsonb;
begin
  perform private.require_readable_project(project);

  with live_flows as (
    select f.* from public.flows as f where f.project_id = project and f.deleted_at is null
  ),
  step_refs as (
    select f.id as flow_id, f.name as flow_name, st.item ->> 'id' as step_id,
      st.item ->> 'actor' as actor_key, st.item ->> 'service' as service_key
    from live_flows as f
    cross join lateral pg_catalog.jsonb_array_elements(f.steps) as st (item)
  ),
  services as (
    select s.* from public.services as s where s.project_id = project
  ),
  actors as (
    select a.* from public.actors as a where a.project_id = project
  )
  select pg_catalog.jsonb_build_object(
    'project_id', project,
    'flow_count', (select pg_catalog.count(*) from live_flows),
    'by_status', coalesce((
      select pg_catalog.jsonb_object_agg(x.status, x.n)
      from (select f.status, pg_catalog.count(*) as n from live_flows as f group by f.status) as x
    ), '{}'::jsonb),
    'by_priority', coalesce((
      select pg_catalog.jsonb_object_agg(x.priority, x.n)
      from (select f.priority, pg_catalog.count(*) as n from live_flows as f group by f.priority) as x
    ), '{}'::jsonb),
    'by_domain', coalesce((
      select pg_catalog.jsonb_agg(pg_catalog.jsonb_build_object('id', d.id, 'key', d.key, 'name', d.name,
        'flows', (select pg_catalog.count(*) from live_flows as f where f.service_domain_id = d.id))
        order by d.position, d.name)
      from public.service_domains as d where d.project_id = project
    ), '[]'::jsonb),
    'by_service', coalesce((
      select pg_catalog.jsonb_agg(pg_catalog.jsonb_build_object('id', s.id, 'key', s.key, 'name', s.name,
        'flows', (select pg_catalog.count(*) from live_flows as f where f.service_id = s.id))
        order by s.position, s.name)
      from services as s
    ), '[]'::jsonb),
    'by_actor', coalesce((
      select pg_catalog.jsonb_agg(pg_catalog.jsonb_build_object('id', a.id, 'key', a.key, 'name', a.name,
        'flows', (select pg_catalog.count(*) from live_flows as f
                  where f.actor_ids @> array[a.id]
                     or exists (select 1 from step_refs as r where r.flow_id = f.id and r.actor_key = a.key)))
        order by a.position, a.name)
      from actors as a
    ), '[]'::jsonb),
    'gaps', pg_catalog.jsonb_build_object(
      'services_without_flows', coalesce((
        select pg_catalog.jsonb_agg(pg_catalog.jsonb_build_object('id', s.id, 'key', s.key, 'name', s.name)
          order by s.name)
        from services as s
        where not exists (select 1 from live_flows as f where f.service_id = s.id)
          and not exists (select 1 from step_refs as r where r.service_key = s.key)
      ), '[]'::jsonb),
      'unused_actors', coalesce((
        select pg_catalog.jsonb_agg(pg_catalog.jsonb_build_object('id', a.id, 'key', a.key, 'name', a.name)
          order by a.name)
        from actors as a
        where not exists (select 1 from live_flows as f where f.actor_ids @> array[a.id])
          and not exists (select 1 from step_refs as r where r.actor_key = a.key)
      ), '[]'::jsonb),
      'flows_without_error_scenarios', coalesce((
        select pg_catalog.jsonb_agg(pg_catalog.jsonb_build_object('id', f.id, 'name', f.name) order by f.name)
        from live_flows as f where pg_catalog.jsonb_array_length(f.error_scenarios) = 0
      ), '[]'::jsonb),
      'flows_without_business_rules', coalesce((
        select pg_catalog.jsonb_agg(pg_catalog.jsonb_build_object('id', f.id, 'name', f.name) order by f.name)
        from live_flows as f where pg_catalog.jsonb_array_length(f.business_rules) = 0
      ), '[]'::jsonb),
      'flows_without_performance_requirements', coalesce((
        select pg_catalog.jsonb_agg(pg_catalog.jsonb_build_object('id', f.id, 'name', f.name) order by f.name)
        from live_flows as f where f.performance_requirements = '{}'::jsonb
      ), '[]'::jsonb),
      'steps_with_missing_references', coalesce((
        select pg_catalog.jsonb_agg(pg_catalog.jsonb_build_object(
          'flow_id', r.flow_id, 'flow_name', r.flow_name, 'step_id', r.step_id,
          'missing_actor', case when r.actor_key is not null
            and not exists (select 1 from actors as a where a.key = r.actor_key) then r.actor_key end,
          'missing_service', case when r.service_key is not null
            and not exists (select 1 from services as s where s.key = r.service_key) then r.service_key end
        ) order by r.flow_name, r.step_id)
        from step_refs as r
        where (r.actor_key is not null and not exists (select 1 from actors as a where a.key = r.actor_key))
           or (r.service_key is not null and not exists (select 1 from services as s where s.key = r.service_key))
      ), '[]'::jsonb)
    ),
    'review_backlog', coalesce((
      select pg_catalog.jsonb_agg(pg_catalog.jsonb_build_object(
        'id', f.id, 'name', f.name, 'submitted_at', f.submitted_at, 'submitted_by', f.submitted_by
      ) order by f.submitted_at nulls first, f.name)
      from live_flows as f where f.status = 'in_review'
    ), '[]'::jsonb),
    'recent_activity', coalesce((
      select pg_catalog.jsonb_agg(pg_catalog.to_jsonb(x) order by x.created_at desc)
      from (
        select l.created_at, l.action, l.entity_type, l.entity_id, l.flow_id, l.actor_id
        from public.audit_log as l
        where l.project_id = project
        order by l.created_at desc
        limit 20
      ) as x
    ), '[]'::jsonb)
  ) into result;
  return result;
end;
$function$;

REVOKE ALL ON FUNCTION "public"."project_analytics"(uuid) FROM PUBLIC, "anon";

CREATE OR REPLACE FUNCTION public.reject_flow (
  flow_id uuid,
  comment text
)
  RETURNS public.flows
  LANGUAGE plpgsql
  SET search_path TO ''
  AS $function$
declare
  rejected public.flows;
begin
  if comment is null or pg_catalog.char_length(pg_catalog.btrim(comment)) not between 1 and 2000 then
    raise exception 'comment must say why, in 1 to 2000 characters' using errcode = '22023', detail = 'field: comment';
  end if;
  rejected := private.set_flow_status(reject_flow.flow_id, 'draft');
  perform private.audit_event(
    rejected.project_id, 'review', 'flows', rejected.id,
    pg_catalog.jsonb_build_object('decision', 'rejected', 'comment', pg_catalog.btrim(comment))
  );
  return rejected;
end;
$function$;

REVOKE ALL ON FUNCTION "public"."reject_flow"(uuid, text) FROM PUBLIC, "anon";

CREATE OR REPLACE FUNCTION public.restore_flow (
  flow_id uuid
)
  RETURNS void
  LANGUAGE sql
  SET search_path TO ''
  AS $function$
  select private.restore_deleted('flows', restore_flow.flow_id)
$function$;

REVOKE ALL ON FUNCTION "public"."restore_flow"(uuid) FROM PUBLIC, "anon";

CREATE OR REPLACE FUNCTION public.restore_flow_revision (
  flow_id  uuid,
  revision integer
)
  RETURNS public.flows
  LANGUAGE plpgsql
  SET search_path TO ''
  AS $function$
declare
  old_content jsonb;
  restored public.flows;
begin
  -- As the caller: members read revisions, editors update flows; the update keeps the current content as a
  -- new revision, so restoring loses nothing either.
  select r.content into old_content from public.flow_revisions as r
  where r.flow_id = restore_flow_revision.flow_id and r.revision = restore_flow_revision.revision;
  if old_content is null then
    raise exception 'flow % has no revision % that you can read', flow_id, revision
      using errcode = 'PT404', detail = 'field: revision';
  end if;
  update public.flows as f set
    name = old_content ->> 'name',
    description = old_content ->> 'description',
    priority = (old_content ->> 'priority')::public.flow_priority,
    version = old_content ->> 'version',
    service_domain_id = (old_content ->> 'service_domain_id')::uuid,
    service_id = (old_content ->> 'service_id')::uuid,
    entry_point = old_content ->> 'entry_point',
    trigger_event = old_content ->> 'trigger_event',
    actor_ids = coalesce(
      (select pg_catalog.array_agg(a::uuid) from pg_catalog.jsonb_array_elements_text(old_content -> 'actor_ids') as a),
      '{}'
    ),
    tags = coalesce(
      (select pg_catalog.array_agg(t) from pg_catalog.jsonb_array_elements_text(old_content -> 'tags') as t), '{}'
    ),
    steps = old_content -> 'steps',
    integrations = old_content -> 'integrations',
    business_rules = old_content -> 'business_rules',
    error_scenarios = old_content -> 'error_scenarios',
    performance_requirements = old_content -> 'performance_requirements',
    notes = old_content ->> 'notes',
    custom_fields = old_content -> 'custom_fields'
  where f.id = restore_flow_revision.flow_id
  returning f.* into restored;
  if restored.id is null then
    raise exception 'you cannot edit flow %', flow_id using errcode = '42501';
  end if;
  return restored;
end;
$function$;

REVOKE ALL ON FUNCTION "public"."restore_flow_revision"(uuid, integer) FROM PUBLIC, "anon";

CREATE OR REPLACE FUNCTION public.restore_project (
  project_id uuid
)
  RETURNS void
  LANGUAGE sql
  SET search_path TO ''
  AS $function$
  select private.restore_deleted('projects', restore_project.project_id)
$function$;

REVOKE ALL ON FUNCTION "public"."restore_project"(uuid) FROM PUBLIC, "anon";

CREATE OR REPLACE FUNCTION public.search (
  query         text,
  in_project    uuid                   DEFAULT NULL::uuid,
  statuses      public.flow_status[]   DEFAULT NULL::public.flow_status[],
  priorities    public.flow_priority[] DEFAULT NULL::public.flow_priority[],
  tag           text                   DEFAULT NULL::text,
  service       uuid                   DEFAULT NULL::uuid,
  actor         uuid                   DEFAULT NULL::uuid,
  kinds         text[]                 DEFAULT ARRAY['flow'::text,
  'service'::text,
  'actor'::text,
  'service_domain'::text],
  result_limit  integer                DEFAULT 20,
  result_offset integer                DEFAULT 0
)
  RETURNS TABLE (
    kind         text,
    id           uuid,
    project_id   uuid,
    project_name text,
    name         text,
    status       public.flow_status,
    priority     public.flow_priority,
    rank         real,
    snippet      text,
    matched      text[],
    fuzzy        boolean
  )
  LANGUAGE plpgsql
  STABLE
  SET search_path TO ''
  AS $function$
declare
  tsq tsquery;
begin
  -- Typo tolerance for the `<%` operator (index-backed): a query word may differ from a word of a name by about
  -- a letter or two. Transaction-local, like the request itself.
  perform pg_catalog.set_config('pg_trgm.word_similarity_threshold', '0.4', true);
  -- Bad arguments: 22023 (HTTP 400) naming the field.
  if query is null or pg_catalog.char_length(pg_catalog.btrim(query)) = 0 then
    raise exception 'query: must not be empty' using errcode = '22023', detail = 'field: query';
  elsif pg_catalog.char_length(query) > 200 then
    raise exception 'query: must be at most 200 characters' using errcode = '22023', detail = 'field: query';
  elsif result_limit is null or result_limit not between 1 and 100 then
    raise exception 'result_limit: must be between 1 and 100' using errcode = '22023', detail = 'field: result_limit';
  elsif result_offset is null or result_offset not between 0 and 10000 then
    raise exception 'result_offset: must be between 0 and 10000' using errcode = '22023',
      detail = 'field: result_offset';
  elsif kinds is null or not kinds <@ array['flow', 'service', 'actor', 'service_domain'] then
    raise exception 'kinds: may contain only flow, service, actor, service_domain' using errcode = '22023',
      detail = 'field: kinds';
  end if;
  tsq := pg_catalog.websearch_to_tsquery('english'::regconfig, query);

  return query
  with flow_matches as (
    select f.id, f.project_id, f.name, f.status, f.priority, f.rank
    from private.search_flow_matches(tsq, in_project) as f
    where 'flow' = any (kinds)
      and pg_catalog.numnode(tsq) > 0
      and (statuses is null or f.status = any (statuses))
      and (priorities is null or f.priority = any (priorities))
      and (tag is null or f.tags @> array[tag])
      and (service is null or f.service_id = service)
      and (actor is null or f.actor_ids @> array[actor])
  ),
  registry_matches as (
    select r.kind, r.id, r.project_id, r.name,
      extensions.word_similarity(query, r.name)
      + case when r.name ilike '%' || query || '%' or r.key ilike '%' || query || '%' then 1 else 0 end as rank,
      r.description
    from (
      select 'service'::text as kind, s.id, s.project_id, s.key, s.name, s.description from public.services as s
      union all
      select 'actor', a.id, a.project_id, a.key, a.name, a.description from public.actors as a
      union all
      select 'service_domain', d.id, d.project_id, d.key, d.name, d.description from public.service_domains as d
    ) as r
    where r.kind = any (kinds)
      and (in_project is null or r.project_id = in_project)
      and statuses is null and priorities is null and tag is null and service is null and actor is null
      and (
        r.name ilike '%' || query || '%'
        or r.key ilike '%' || query || '%'
        or query operator (extensions.<%) r.name
        or (pg_catalog.numnode(tsq) > 0
          and pg_catalog.to_tsvector('english'::regconfig, r.name || ' ' || r.description) @@ tsq)
      )
  ),
  fuzzy_flows as (
    -- Typo fallback, only when full text found no flow at all.
    select f.id, f.project_id, f.name, f.status, f.priority, extensions.word_similarity(query, f.name) as rank
    from public.flows as f
    where 'flow' = any (kinds)
      and not exists (select 1 from flow_matches)
      and query operator (extensions.<%) f.name
      and f.deleted_at is null
      and (in_project is null or f.project_id = in_project)
      and (statuses is null or f.status = any (statuses))
      and (priorities is null or f.priority = any (priorities))
      and (tag is null or f.tags @> array[tag])
      and (service is null or f.service_id = service)
      and (actor is null or f.actor_ids @> array[actor])
  ),
  hits as (
    select 'flow'::text as kind, m.id, m.project_id, m.name, m.status, m.priority, m.rank, false as fuzzy
    from flow_matches as m
    union all
    select 'flow', z.id, z.project_id, z.name, z.status, z.priority, z.rank, true from fuzzy_flows as z
    union all
    select g.kind, g.id, g.project_id, g.name, null, null, g.rank::real, false from registry_matches as g
  ),
  page as (
    select h.* from hits as h
    order by h.rank desc, h.name, h.id
    limit result_limit offset result_offset
  )
  select pg.kind, pg.id, pg.project_id, p.name, pg.name, pg.status, pg.priority, pg.rank,
    case
      when pg.kind = 'flow' and not pg.fuzzy then pg_catalog.ts_headline(
        'english'::regconfig,
        private.html_escape(pg_catalog.concat_ws(' … ',
          f.name, f.description, pg_catalog.array_to_string(f.tags, ' '), f.trigger_event, f.entry_point,
          private.jsonb_strings(f.steps), private.jsonb_strings(f.business_rules),
          private.jsonb_strings(f.error_scenarios), f.notes)),
        tsq, 'StartSel=<mark>, StopSel=</mark>, MaxFragments=2, MaxWords=18, MinWords=6, FragmentDelimiter=" … "')
      when pg.kind = 'flow' then private.html_escape(f.name)
      else private.html_escape(coalesce(s.description, a.description, d.description))
    end,
    case when pg.kind = 'flow' and not pg.fuzzy then array_remove(array[
      case when pg_catalog.to_tsvector('english'::regconfig, f.name) @@ tsq then 'name' end,
      case when pg_catalog.to_tsvector('english'::regconfig, f.description) @@ tsq then 'description' end,
      case when pg_catalog.to_tsvector('english'::regconfig, pg_catalog.array_to_string(f.tags, ' ')) @@ tsq
        then 'tags' end,
      case when pg_catalog.to_tsvector('english'::regconfig, coalesce(f.trigger_event, '')) @@ tsq
        then 'trigger_event' end,
      case when pg_catalog.to_tsvector('english'::regconfig, coalesce(f.entry_point, '')) @@ tsq
        then 'entry_point' end,
      case when pg_catalog.to_tsvector('english'::regconfig, private.jsonb_strings(f.steps)) @@ tsq
        then 'steps' end,
      case when pg_catalog.to_tsvector('english'::regconfig, private.jsonb_strings(f.business_rules)) @@ tsq
        then 'business_rules' end,
      case when pg_catalog.to_tsvector('english'::regconfig, private.jsonb_strings(f.error_scenarios)) @@ tsq
        then 'error_scenarios' end,
      case when pg_catalog.to_tsvector('english'::regconfig, f.notes) @@ tsq then 'notes' end
    ], null)
    else array['name']
    end,
    pg.fuzzy
  from page as pg
  inner join public.projects as p on p.id = pg.project_id
  left join public.flows as f on pg.kind = 'flow' and f.id = pg.id
  left join public.services as s on pg.kind = 'service' and s.id = pg.id
  left join public.actors as a on pg.kind = 'actor' and a.id = pg.id
  left join public.service_domains as d on pg.kind = 'service_domain' and d.id = pg.id
  order by pg.rank desc, pg.name, pg.id;
end;
$function$;

REVOKE ALL ON FUNCTION "public"."search"(text, uuid, public.flow_status[], public.flow_priority[], text, uuid, uuid, text[], integer, integer) FROM PUBLIC, "anon";

CREATE OR REPLACE FUNCTION public.submit_for_review (
  flow_id uuid
)
  RETURNS public.flows
  LANGUAGE sql
  SET search_path TO ''
  AS $function$
  select private.set_flow_status(submit_for_review.flow_id, 'in_review')
$function$;

REVOKE ALL ON FUNCTION "public"."submit_for_review"(uuid) FROM PUBLIC, "anon";

CREATE OR REPLACE FUNCTION public.transfer_ownership (
  project_id   uuid,
  new_owner_id uuid
)
  RETURNS void
  LANGUAGE plpgsql
  SET search_path TO ''
  AS $function$
begin
  perform private.require_project_owner(transfer_ownership.project_id);  -- as the caller: 404 for non-members
  perform private.transfer_project_ownership(transfer_ownership.project_id, transfer_ownership.new_owner_id);
end;
$function$;

REVOKE ALL ON FUNCTION "public"."transfer_ownership"(uuid, uuid) FROM PUBLIC, "anon";

ALTER TABLE "public"."actors"
  ADD CONSTRAINT "actors_custom_fields_is_object" CHECK ((jsonb_typeof(custom_fields) = 'object'::text));

ALTER TABLE "public"."actors"
  ADD CONSTRAINT "actors_key_format" CHECK ((key ~ '^[A-Za-z0-9][A-Za-z0-9_.:-]{0,99}$'::text));

ALTER TABLE "public"."actors"
  ADD CONSTRAINT "actors_key_unique_in_project" UNIQUE (project_id, key);

ALTER TABLE "public"."actors"
  ADD CONSTRAINT "actors_name_length" CHECK (((char_length(name) >= 1) AND (char_length(name) <= 255)));

ALTER TABLE "public"."flows"
  ADD CONSTRAINT "flows_custom_fields_is_object" CHECK ((jsonb_typeof(custom_fields) = 'object'::text));

ALTER TABLE "public"."flows"
  ADD CONSTRAINT "flows_deleted_by_needs_deleted_at" CHECK (((deleted_by IS NULL) OR (deleted_at IS NOT NULL)));

ALTER TABLE "public"."flows"
  ADD CONSTRAINT "flows_entry_point_length" CHECK ((char_length(entry_point) <= 1000));

ALTER TABLE "public"."flows"
  ADD CONSTRAINT "flows_performance_requirements_is_object" CHECK ((jsonb_typeof(performance_requirements) = 'object'::text));

ALTER TABLE "public"."flow_revisions"
  ADD CONSTRAINT "flow_revisions_flow_id_fkey" FOREIGN KEY (flow_id) REFERENCES public.flows(id) ON DELETE CASCADE;

ALTER TABLE "public"."flows"
  ADD CONSTRAINT "flows_revision_positive" CHECK ((revision >= 1));

ALTER TABLE "public"."flows"
  ADD CONSTRAINT "flows_trigger_event_length" CHECK ((char_length(trigger_event) <= 1000));

ALTER TABLE "public"."flows"
  ADD CONSTRAINT "flows_version_length" CHECK (((char_length(version) >= 1) AND (char_length(version) <= 50)));

ALTER TABLE "public"."profiles"
  ADD CONSTRAINT "profiles_id_fkey" FOREIGN KEY (id) REFERENCES auth.users(id) ON DELETE CASCADE;

ALTER TABLE "public"."project_members"
  ADD CONSTRAINT "project_members_user_id_fkey" FOREIGN KEY (user_id) REFERENCES public.profiles(id) ON DELETE CASCADE;

ALTER TABLE "public"."actors"
  ADD CONSTRAINT "actors_project_id_fkey" FOREIGN KEY (project_id) REFERENCES public.projects(id) ON DELETE CASCADE;

ALTER TABLE "public"."flow_revisions"
  ADD CONSTRAINT "flow_revisions_project_id_fkey" FOREIGN KEY (project_id) REFERENCES public.projects(id) ON DELETE CASCADE;

ALTER TABLE "public"."flows"
  ADD CONSTRAINT "flows_project_id_fkey" FOREIGN KEY (project_id) REFERENCES public.projects(id) ON DELETE CASCADE;

ALTER TABLE "public"."integration_types"
  ADD CONSTRAINT "integration_types_project_id_fkey" FOREIGN KEY (project_id) REFERENCES public.projects(id) ON DELETE CASCADE;

ALTER TABLE "public"."project_members"
  ADD CONSTRAINT "project_members_project_id_fkey" FOREIGN KEY (project_id) REFERENCES public.projects(id) ON DELETE CASCADE;

ALTER TABLE "public"."flows"
  ADD CONSTRAINT "flows_service_domain_in_project" FOREIGN KEY (project_id, service_domain_id) REFERENCES public.service_domains(project_id, id) ON DELETE
    SET NULL (service_domain_id);

ALTER TABLE "public"."service_domains"
  ADD CONSTRAINT "service_domains_project_id_fkey" FOREIGN KEY (project_id) REFERENCES public.projects(id) ON DELETE CASCADE;

ALTER TABLE "public"."services"
  ADD CONSTRAINT "services_domain_in_project" FOREIGN KEY (project_id, domain_id) REFERENCES public.service_domains(project_id, id);

ALTER TABLE "public"."flows"
  ADD CONSTRAINT "flows_service_in_project" FOREIGN KEY (project_id, service_id) REFERENCES public.services(project_id, id) ON DELETE SET NULL (service_id);

ALTER TABLE "public"."services"
  ADD CONSTRAINT "services_project_id_fkey" FOREIGN KEY (project_id) REFERENCES public.projects(id) ON DELETE CASCADE;

CREATE INDEX audit_log_actor_id_idx ON public.audit_log USING btree (actor_id, created_at DESC);

CREATE INDEX audit_log_entity_idx ON public.audit_log USING btree (entity_type, entity_id);

CREATE INDEX audit_log_flow_id_idx ON public.audit_log USING btree (flow_id, created_at DESC)
  WHERE (flow_id IS NOT NULL);

CREATE INDEX audit_log_project_id_idx ON public.audit_log USING btree (project_id, created_at DESC);

CREATE INDEX flow_revisions_project_id_idx ON public.flow_revisions USING btree (project_id);

CREATE INDEX flows_actor_ids_idx ON public.flows USING gin (actor_ids);

CREATE INDEX flows_name_trgm_idx ON public.flows USING gin (name extensions.gin_trgm_ops);

CREATE INDEX flows_project_id_idx ON public.flows USING btree (project_id, name)
  WHERE (deleted_at IS NULL);

CREATE INDEX flows_service_domain_idx ON public.flows USING btree (project_id, service_domain_id);

CREATE INDEX flows_service_idx ON public.flows USING btree (project_id, service_id);

CREATE INDEX flows_tags_idx ON public.flows USING gin (tags);

CREATE INDEX profiles_role_idx ON public.profiles USING btree (ROLE);

CREATE INDEX project_members_project_role_idx ON public.project_members USING btree (project_id, ROLE);

CREATE INDEX project_members_user_id_idx ON public.project_members USING btree (user_id, project_id, ROLE);

CREATE INDEX projects_live_idx ON public.projects USING btree (id)
  WHERE (deleted_at IS NULL);

CREATE INDEX projects_public_idx ON public.projects USING btree (is_public)
  WHERE (is_public AND (deleted_at IS NULL));

CREATE INDEX services_domain_id_idx ON public.services USING btree (project_id, domain_id);

CREATE TRIGGER on_auth_user_created
  AFTER INSERT ON auth.users
  FOR EACH ROW
  EXECUTE FUNCTION private.tg_create_profile();

CREATE TRIGGER on_auth_user_email_changed
  AFTER UPDATE OF email ON auth.users
  FOR EACH ROW
  EXECUTE FUNCTION private.tg_sync_profile_email();

CREATE TRIGGER _100_protect_columns
  BEFORE UPDATE ON public.actors
  FOR EACH ROW
  EXECUTE FUNCTION private.tg_protect_columns('id', 'project_id', 'created_at', 'created_by');

CREATE TRIGGER _200_stamp
  BEFORE INSERT OR UPDATE ON public.actors
  FOR EACH ROW
  EXECUTE FUNCTION private.tg_stamp();

CREATE TRIGGER _500_detach_from_flows
  AFTER DELETE ON public.actors
  FOR EACH ROW
  EXECUTE FUNCTION private.tg_actor_detach_from_flows();

CREATE TRIGGER _900_audit
  AFTER INSERT OR DELETE OR UPDATE ON public.actors
  FOR EACH ROW
  EXECUTE FUNCTION private.tg_audit();

CREATE TRIGGER _100_append_only
  BEFORE INSERT OR DELETE OR UPDATE ON public.audit_log
  FOR EACH ROW
  EXECUTE FUNCTION private.tg_forbid_api_writes();

CREATE TRIGGER _100_append_only
  BEFORE INSERT OR DELETE OR UPDATE ON public.flow_revisions
  FOR EACH ROW
  EXECUTE FUNCTION private.tg_forbid_api_writes();

CREATE TRIGGER _100_protect_columns
  BEFORE UPDATE ON public.flows
  FOR EACH ROW
  EXECUTE FUNCTION private.tg_protect_columns('id', 'project_id', 'created_at', 'created_by');

CREATE TRIGGER _100_soft_delete
  BEFORE DELETE ON public.flows
  FOR EACH ROW
  EXECUTE FUNCTION private.tg_soft_delete();

CREATE TRIGGER _200_stamp
  BEFORE INSERT OR UPDATE ON public.flows
  FOR EACH ROW
  EXECUTE FUNCTION private.tg_stamp();

CREATE TRIGGER _300_revision
  BEFORE UPDATE ON public.flows
  FOR EACH ROW
  EXECUTE FUNCTION private.tg_flow_revision();

CREATE TRIGGER _400_review_state
  BEFORE INSERT OR UPDATE ON public.flows
  FOR EACH ROW
  EXECUTE FUNCTION private.tg_flow_review_state();

CREATE TRIGGER _500_check_references
  BEFORE INSERT OR UPDATE ON public.flows
  FOR EACH ROW
  EXECUTE FUNCTION private.tg_flow_references();

CREATE TRIGGER _800_keep_revision
  AFTER UPDATE ON public.flows
  FOR EACH ROW
  WHEN ((new.revision <> old.revision))
  EXECUTE FUNCTION private.tg_flow_keep_revision();

CREATE TRIGGER _900_audit
  AFTER INSERT OR DELETE OR UPDATE ON public.flows
  FOR EACH ROW
  EXECUTE FUNCTION private.tg_audit();

CREATE TRIGGER _100_protect_columns
  BEFORE UPDATE ON public.integration_types
  FOR EACH ROW
  EXECUTE FUNCTION private.tg_protect_columns('id', 'project_id', 'created_at', 'created_by');

CREATE TRIGGER _200_stamp
  BEFORE INSERT OR UPDATE ON public.integration_types
  FOR EACH ROW
  EXECUTE FUNCTION private.tg_stamp();

CREATE TRIGGER _900_audit
  AFTER INSERT OR DELETE OR UPDATE ON public.integration_types
  FOR EACH ROW
  EXECUTE FUNCTION private.tg_audit();

CREATE TRIGGER _100_protect_columns
  BEFORE UPDATE ON public.profiles
  FOR EACH ROW
  EXECUTE FUNCTION private.tg_protect_columns('id', 'email', 'created_at');

CREATE TRIGGER _150_protect_role
  BEFORE UPDATE ON public.profiles
  FOR EACH ROW
  EXECUTE FUNCTION private.tg_protect_global_role();

CREATE TRIGGER _200_stamp
  BEFORE INSERT OR UPDATE ON public.profiles
  FOR EACH ROW
  EXECUTE FUNCTION private.tg_stamp();

CREATE TRIGGER _900_audit
  AFTER INSERT OR DELETE OR UPDATE ON public.profiles
  FOR EACH ROW
  EXECUTE FUNCTION private.tg_audit();

CREATE TRIGGER _100_protect_columns
  BEFORE UPDATE ON public.project_members
  FOR EACH ROW
  EXECUTE FUNCTION private.tg_protect_columns('id', 'project_id', 'user_id', 'added_by', 'added_at');

CREATE TRIGGER _200_stamp
  BEFORE INSERT OR UPDATE ON public.project_members
  FOR EACH ROW
  EXECUTE FUNCTION private.tg_stamp();

CREATE TRIGGER _300_keep_owner
  BEFORE DELETE OR UPDATE ON public.project_members
  FOR EACH ROW
  EXECUTE FUNCTION private.tg_keep_project_owner();

CREATE TRIGGER _900_audit
  AFTER INSERT OR DELETE OR UPDATE ON public.project_members
  FOR EACH ROW
  EXECUTE FUNCTION private.tg_audit();

CREATE TRIGGER _100_protect_columns
  BEFORE UPDATE ON public.projects
  FOR EACH ROW
  EXECUTE FUNCTION private.tg_protect_columns('id', 'owner_id', 'created_at', 'created_by');

CREATE TRIGGER _100_soft_delete
  BEFORE DELETE ON public.projects
  FOR EACH ROW
  EXECUTE FUNCTION private.tg_soft_delete();

CREATE TRIGGER _200_stamp
  BEFORE INSERT OR UPDATE ON public.projects
  FOR EACH ROW
  EXECUTE FUNCTION private.tg_stamp();

CREATE TRIGGER _500_add_owner_member
  AFTER INSERT ON public.projects
  FOR EACH ROW
  EXECUTE FUNCTION private.tg_add_owner_member();

CREATE TRIGGER _900_audit
  AFTER INSERT OR DELETE OR UPDATE ON public.projects
  FOR EACH ROW
  EXECUTE FUNCTION private.tg_audit();

CREATE TRIGGER _100_protect_columns
  BEFORE UPDATE ON public.service_domains
  FOR EACH ROW
  EXECUTE FUNCTION private.tg_protect_columns('id', 'project_id', 'created_at', 'created_by');

CREATE TRIGGER _200_stamp
  BEFORE INSERT OR UPDATE ON public.service_domains
  FOR EACH ROW
  EXECUTE FUNCTION private.tg_stamp();

CREATE TRIGGER _900_audit
  AFTER INSERT OR DELETE OR UPDATE ON public.service_domains
  FOR EACH ROW
  EXECUTE FUNCTION private.tg_audit();

CREATE TRIGGER _100_protect_columns
  BEFORE UPDATE ON public.services
  FOR EACH ROW
  EXECUTE FUNCTION private.tg_protect_columns('id', 'project_id', 'created_at', 'created_by');

CREATE TRIGGER _200_stamp
  BEFORE INSERT OR UPDATE ON public.services
  FOR EACH ROW
  EXECUTE FUNCTION private.tg_stamp();

CREATE TRIGGER _900_audit
  AFTER INSERT OR DELETE OR UPDATE ON public.services
  FOR EACH ROW
  EXECUTE FUNCTION private.tg_audit();

CREATE POLICY "editors add actors" ON "public"."actors"
  FOR INSERT
  TO "authenticated"
  WITH CHECK ((project_id = ANY (( SELECT private.member_project_ids('editor'::public.member_role) AS member_project_ids)::uuid[])));

CREATE POLICY "editors delete actors" ON "public"."actors"
  FOR DELETE
  TO "authenticated"
  USING ((project_id = ANY (( SELECT private.member_project_ids('editor'::public.member_role) AS member_project_ids)::uuid[])));

CREATE POLICY "editors edit actors" ON "public"."actors"
  FOR UPDATE
  TO "authenticated"
  USING ((project_id = ANY (( SELECT private.member_project_ids('editor'::public.member_role) AS member_project_ids)::uuid[])))
  WITH CHECK ((project_id = ANY (( SELECT private.member_project_ids('editor'::public.member_role) AS member_project_ids)::uuid[])));

CREATE POLICY "readers see actors" ON "public"."actors"
  FOR SELECT
  TO "authenticated"
  USING ((project_id = ANY (( SELECT private.readable_project_ids() AS readable_project_ids)::uuid[])));

CREATE POLICY "members read the audit log" ON "public"."audit_log"
  FOR SELECT
  TO "authenticated"
  USING ((( SELECT private.is_admin() AS is_admin) OR (project_id = ANY (( SELECT private.member_project_ids('viewer'::public.member_role) AS member_project_ids)::uuid[]))));

CREATE POLICY "members read flow revisions" ON "public"."flow_revisions"
  FOR SELECT
  TO "authenticated"
  USING ((project_id = ANY (( SELECT private.member_project_ids('viewer'::public.member_role) AS member_project_ids)::uuid[])));

CREATE POLICY "editors create flows" ON "public"."flows"
  FOR INSERT
  TO "authenticated"
  WITH CHECK ((project_id = ANY (( SELECT private.member_project_ids('editor'::public.member_role) AS member_project_ids)::uuid[])));

CREATE POLICY "editors delete flows" ON "public"."flows"
  FOR DELETE
  TO "authenticated"
  USING (((deleted_at IS NULL) AND (project_id = ANY (( SELECT private.member_project_ids('editor'::public.member_role) AS member_project_ids)::uuid[]))));

CREATE POLICY "editors edit flows" ON "public"."flows"
  FOR UPDATE
  TO "authenticated"
  USING (((deleted_at IS NULL) AND (project_id = ANY (( SELECT private.member_project_ids('editor'::public.member_role) AS member_project_ids)::uuid[]))))
  WITH CHECK ((project_id = ANY (( SELECT private.member_project_ids('editor'::public.member_role) AS member_project_ids)::uuid[])));

CREATE POLICY "readers see live flows" ON "public"."flows"
  FOR SELECT
  TO "authenticated"
  USING (((deleted_at IS NULL) AND (project_id = ANY (( SELECT private.readable_project_ids() AS readable_project_ids)::uuid[]))));

CREATE POLICY "editors add integration types" ON "public"."integration_types"
  FOR INSERT
  TO "authenticated"
  WITH CHECK ((project_id = ANY (( SELECT private.member_project_ids('editor'::public.member_role) AS member_project_ids)::uuid[])));

CREATE POLICY "editors delete integration types" ON "public"."integration_types"
  FOR DELETE
  TO "authenticated"
  USING ((project_id = ANY (( SELECT private.member_project_ids('editor'::public.member_role) AS member_project_ids)::uuid[])));

CREATE POLICY "editors edit integration types" ON "public"."integration_types"
  FOR UPDATE
  TO "authenticated"
  USING ((project_id = ANY (( SELECT private.member_project_ids('editor'::public.member_role) AS member_project_ids)::uuid[])))
  WITH CHECK ((project_id = ANY (( SELECT private.member_project_ids('editor'::public.member_role) AS member_project_ids)::uuid[])));

CREATE POLICY "readers see integration types" ON "public"."integration_types"
  FOR SELECT
  TO "authenticated"
  USING ((project_id = ANY (( SELECT private.readable_project_ids() AS readable_project_ids)::uuid[])));

CREATE POLICY "users edit own profile, admins any" ON "public"."profiles"
  FOR UPDATE
  TO "authenticated"
  USING (((id = ( SELECT auth.uid() AS uid)) OR ( SELECT private.is_admin() AS is_admin)))
  WITH CHECK (((id = ( SELECT auth.uid() AS uid)) OR ( SELECT private.is_admin() AS is_admin)));

CREATE POLICY "users read own, co-member and (admins) all profiles" ON "public"."profiles"
  FOR SELECT
  TO "authenticated"
  USING (((id = ( SELECT auth.uid() AS uid)) OR ( SELECT private.is_admin() AS is_admin) OR (id = ANY (( SELECT private.co_member_ids() AS co_member_ids)::uuid[]))));

CREATE POLICY "members read the member list" ON "public"."project_members"
  FOR SELECT
  TO "authenticated"
  USING ((project_id = ANY (( SELECT private.member_project_ids('viewer'::public.member_role) AS member_project_ids)::uuid[])));

CREATE POLICY "owners add members" ON "public"."project_members"
  FOR INSERT
  TO "authenticated"
  WITH CHECK ((project_id = ANY (( SELECT private.member_project_ids('owner'::public.member_role) AS member_project_ids)::uuid[])));

CREATE POLICY "owners change member roles" ON "public"."project_members"
  FOR UPDATE
  TO "authenticated"
  USING ((project_id = ANY (( SELECT private.member_project_ids('owner'::public.member_role) AS member_project_ids)::uuid[])))
  WITH CHECK ((project_id = ANY (( SELECT private.member_project_ids('owner'::public.member_role) AS member_project_ids)::uuid[])));

CREATE POLICY "owners remove members, members leave" ON "public"."project_members"
  FOR DELETE
  TO "authenticated"
  USING (((project_id = ANY (( SELECT private.member_project_ids('owner'::public.member_role) AS member_project_ids)::uuid[])) OR (user_id = ( SELECT auth.uid() AS uid))));

CREATE POLICY "owners delete projects" ON "public"."projects"
  FOR DELETE
  TO "authenticated"
  USING ((id = ANY (( SELECT private.member_project_ids('owner'::public.member_role) AS member_project_ids)::uuid[])));

CREATE POLICY "owners edit projects" ON "public"."projects"
  FOR UPDATE
  TO "authenticated"
  USING ((id = ANY (( SELECT private.member_project_ids('owner'::public.member_role) AS member_project_ids)::uuid[])))
  WITH CHECK ((id = ANY (( SELECT private.member_project_ids('owner'::public.member_role) AS member_project_ids)::uuid[])));

CREATE POLICY "editors add service domains" ON "public"."service_domains"
  FOR INSERT
  TO "authenticated"
  WITH CHECK ((project_id = ANY (( SELECT private.member_project_ids('editor'::public.member_role) AS member_project_ids)::uuid[])));

CREATE POLICY "editors delete service domains" ON "public"."service_domains"
  FOR DELETE
  TO "authenticated"
  USING ((project_id = ANY (( SELECT private.member_project_ids('editor'::public.member_role) AS member_project_ids)::uuid[])));

CREATE POLICY "editors edit service domains" ON "public"."service_domains"
  FOR UPDATE
  TO "authenticated"
  USING ((project_id = ANY (( SELECT private.member_project_ids('editor'::public.member_role) AS member_project_ids)::uuid[])))
  WITH CHECK ((project_id = ANY (( SELECT private.member_project_ids('editor'::public.member_role) AS member_project_ids)::uuid[])));

CREATE POLICY "readers see service domains" ON "public"."service_domains"
  FOR SELECT
  TO "authenticated"
  USING ((project_id = ANY (( SELECT private.readable_project_ids() AS readable_project_ids)::uuid[])));

CREATE POLICY "editors add services" ON "public"."services"
  FOR INSERT
  TO "authenticated"
  WITH CHECK ((project_id = ANY (( SELECT private.member_project_ids('editor'::public.member_role) AS member_project_ids)::uuid[])));

CREATE POLICY "editors delete services" ON "public"."services"
  FOR DELETE
  TO "authenticated"
  USING ((project_id = ANY (( SELECT private.member_project_ids('editor'::public.member_role) AS member_project_ids)::uuid[])));

CREATE POLICY "editors edit services" ON "public"."services"
  FOR UPDATE
  TO "authenticated"
  USING ((project_id = ANY (( SELECT private.member_project_ids('editor'::public.member_role) AS member_project_ids)::uuid[])))
  WITH CHECK ((project_id = ANY (( SELECT private.member_project_ids('editor'::public.member_role) AS member_project_ids)::uuid[])));

CREATE POLICY "readers see services" ON "public"."services"
  FOR SELECT
  TO "authenticated"
  USING ((project_id = ANY (( SELECT private.readable_project_ids() AS readable_project_ids)::uuid[])));

COMMENT ON COLUMN "public"."actors"."created_at" IS 'When the actor was created; immutable.';

COMMENT ON COLUMN "public"."actors"."custom_fields" IS 'User-defined fields (JSON object).';

COMMENT ON COLUMN "public"."actors"."description" IS 'Free-text description.';

COMMENT ON COLUMN "public"."actors"."id" IS 'Id of the actor.';

COMMENT ON COLUMN "public"."actors"."key" IS 'Human key of the actor, unique within the project:
1-100 letters, digits and _ . : - starting with a letter or digit.';

COMMENT ON COLUMN "public"."actors"."kind" IS 'What the actor is: person, system or external.';

COMMENT ON COLUMN "public"."actors"."name" IS 'Display name (1-255 characters).';

COMMENT ON COLUMN "public"."actors"."position" IS 'Ordering position in lists (ascending).';

COMMENT ON COLUMN "public"."actors"."project_id" IS 'The project the actor belongs to; immutable.';

COMMENT ON COLUMN "public"."actors"."updated_at" IS 'When the actor last changed; never goes backwards.';

COMMENT ON COLUMN "public"."audit_log"."action" IS 'Row changes: insert, update, delete, soft_delete, restore. Events: export, import, duplicate, review.';

COMMENT ON COLUMN "public"."audit_log"."actor_id" IS 'The user (auth.uid()) who made the change; null for maintenance.';

COMMENT ON COLUMN "public"."audit_log"."actor_role" IS 'The database role that made the change (authenticated, service_role ...).';

COMMENT ON COLUMN "public"."audit_log"."changes" IS 'Changed columns as {"column": {"old": value, "new": value}}; every column on insert (old null) and delete (new null).';

COMMENT ON COLUMN "public"."audit_log"."created_at" IS 'When the change happened.';

COMMENT ON COLUMN "public"."audit_log"."entity_id" IS 'Id of the changed row.';

COMMENT ON COLUMN "public"."audit_log"."entity_type" IS 'The table of the changed row (flows, services ...).';

COMMENT ON COLUMN "public"."audit_log"."flow_id" IS 'Flow of the changed row, where there is one.';

COMMENT ON COLUMN "public"."audit_log"."id" IS 'Entry id.';

COMMENT ON COLUMN "public"."audit_log"."ip_address" IS 'Client address: first entry of the X-Forwarded-For request header.';

COMMENT ON COLUMN "public"."audit_log"."project_id" IS 'Project of the changed row (null for profiles).';

COMMENT ON COLUMN "public"."audit_log"."user_agent" IS 'User-Agent request header.';

COMMENT ON COLUMN "public"."flow_revisions"."content" IS 'The whole flow row as it was at that revision (JSON).';

COMMENT ON COLUMN "public"."flow_revisions"."created_at" IS 'When that revision was superseded.';

COMMENT ON COLUMN "public"."flow_revisions"."created_by" IS 'Who made the change that superseded it.';

COMMENT ON COLUMN "public"."flow_revisions"."flow_id" IS 'The flow.';

COMMENT ON COLUMN "public"."flow_revisions"."id" IS 'Revision row id.';

COMMENT ON COLUMN "public"."flow_revisions"."project_id" IS 'Project of the flow.';

COMMENT ON COLUMN "public"."flow_revisions"."revision" IS 'The revision number the content had.';

COMMENT ON COLUMN "public"."flows"."actor_ids" IS 'Ids of the actors (public.actors of the same project) taking part.';

COMMENT ON COLUMN "public"."flows"."approved_at" IS 'When the flow was approved (cleared when it returns to draft).';

COMMENT ON COLUMN "public"."flows"."approved_by" IS 'Who approved the flow (cleared when it returns to draft).';

COMMENT ON COLUMN "public"."flows"."business_rules" IS 'Business rules: array of objects {"id": string, "description": string, ...}; ids unique within the flow.';

COMMENT ON COLUMN "public"."flows"."created_at" IS 'When the flow was created; immutable.';

COMMENT ON COLUMN "public"."flows"."custom_fields" IS 'User-defined fields (JSON object).';

COMMENT ON COLUMN "public"."flows"."deleted_at" IS 'When the flow was deleted (soft delete); null while live.';

COMMENT ON COLUMN "public"."flows"."deleted_by" IS 'Who deleted the flow.';

COMMENT ON COLUMN "public"."flows"."description" IS 'Free-text description.';

COMMENT ON COLUMN "public"."flows"."entry_point" IS 'Where the flow starts (screen, endpoint, job).';

COMMENT ON COLUMN "public"."flows"."error_scenarios" IS 'Error scenarios: array of objects {"id": string, "condition": string, "handling": string, ...}; ids unique.';

COMMENT ON COLUMN "public"."flows"."id" IS 'Flow id.';

COMMENT ON COLUMN "public"."flows"."integrations" IS 'Integrations: array of objects {"from": string, "to": string, "type": string, "id"?: string, "description"?: string, "protocol"?: string, "data"?: string, ...}.';

COMMENT ON COLUMN "public"."flows"."name" IS 'Flow name (1-255 characters).';

COMMENT ON COLUMN "public"."flows"."notes" IS 'Free-text notes.';

COMMENT ON COLUMN "public"."flows"."performance_requirements" IS 'Performance requirements / SLA: object {"response_time_ms"?: number >= 0, "throughput_per_minute"?: number >= 0, "availability_percent"?: number 0-100, "sla"?: string, "notes"?: string, ...}.';

COMMENT ON COLUMN "public"."flows"."priority" IS 'Business priority: Low, Medium, High or Critical.';

COMMENT ON COLUMN "public"."flows"."project_id" IS 'The project the flow belongs to; immutable.';

COMMENT ON COLUMN "public"."flows"."reviewed_at" IS 'When the last review decision (approve or reject) was made.';

COMMENT ON COLUMN "public"."flows"."reviewed_by" IS 'Who made the last review decision.';

COMMENT ON COLUMN "public"."flows"."revision" IS 'Optimistic lock: send the revision you read with an update; a stale one fails with SQLSTATE PT409 (HTTP 409). Every change increments it.';

COMMENT ON COLUMN "public"."flows"."service_domain_id" IS 'Service domain of the flow (same project); filled from the service when only the service is given.';

COMMENT ON COLUMN "public"."flows"."service_id" IS 'Service that owns the flow (same project, in the flow''s domain).';

COMMENT ON COLUMN "public"."flows"."status" IS 'Review state. draft -> in_review (editors), in_review -> approved or draft (owners, global admins; the submitter cannot approve unless a global admin), approved -> deprecated or draft, deprecated -> draft (owners, admins). Changing the content of an in_review or approved flow returns it to draft.';

COMMENT ON COLUMN "public"."flows"."steps" IS 'Ordered steps: array of objects {"id": string, "name": string, "description"?: string, "actor"?: string, "service"?: string, "type"?: string, "integration"?: string, ...}; ids unique within the flow.';

COMMENT ON COLUMN "public"."flows"."submitted_at" IS 'When the flow was last submitted for review.';

COMMENT ON COLUMN "public"."flows"."submitted_by" IS 'Who last submitted the flow for review.';

COMMENT ON COLUMN "public"."flows"."tags" IS 'Tags, each 1-50 characters.';

COMMENT ON COLUMN "public"."flows"."trigger_event" IS 'What starts the flow.';

COMMENT ON COLUMN "public"."flows"."updated_at" IS 'When the flow last changed; never goes backwards.';

COMMENT ON COLUMN "public"."flows"."version" IS 'Version label of the flow, default 1.0.0.';

COMMENT ON COLUMN "public"."integration_types"."created_at" IS 'When the integration type was created; immutable.';

COMMENT ON COLUMN "public"."integration_types"."custom_fields" IS 'User-defined fields (JSON object).';

COMMENT ON COLUMN "public"."integration_types"."description" IS 'Free-text description.';

COMMENT ON COLUMN "public"."integration_types"."id" IS 'Id of the integration type.';

COMMENT ON COLUMN "public"."integration_types"."key" IS 'Human key of the integration type, unique within the project:
1-100 letters, digits and _ . : - starting with a letter or digit.';

COMMENT ON COLUMN "public"."integration_types"."name" IS 'Display name (1-255 characters).';

COMMENT ON COLUMN "public"."integration_types"."position" IS 'Ordering position in lists (ascending).';

COMMENT ON COLUMN "public"."integration_types"."project_id" IS 'The project the integration type belongs to; immutable.';

COMMENT ON COLUMN "public"."integration_types"."updated_at" IS 'When the integration type last changed; never goes backwards.';

COMMENT ON COLUMN "public"."profiles"."created_at" IS 'When the profile was created.';

COMMENT ON COLUMN "public"."profiles"."email" IS 'E-mail address, kept in sync with auth.users.';

COMMENT ON COLUMN "public"."profiles"."id" IS 'The auth.users id of the user.';

COMMENT ON COLUMN "public"."profiles"."name" IS 'Display name (1-255 characters).';

COMMENT ON COLUMN "public"."profiles"."role" IS 'Global role: analyst (default), admin (everything), viewer (read-only everywhere, cannot create projects).';

COMMENT ON COLUMN "public"."profiles"."updated_at" IS 'When the profile last changed; never goes backwards.';

COMMENT ON COLUMN "public"."project_members"."added_at" IS 'When the member was added; immutable.';

COMMENT ON COLUMN "public"."project_members"."id" IS 'Membership id.';

COMMENT ON COLUMN "public"."project_members"."project_id" IS 'The project; immutable.';

COMMENT ON COLUMN "public"."project_members"."role" IS 'Role in the project: viewer, editor or owner.';

COMMENT ON COLUMN "public"."project_members"."updated_at" IS 'When the membership last changed; never goes backwards.';

COMMENT ON COLUMN "public"."project_members"."user_id" IS 'The member; immutable.';

COMMENT ON COLUMN "public"."projects"."created_at" IS 'When the project was created; immutable.';

COMMENT ON COLUMN "public"."projects"."custom_fields" IS 'User-defined fields (JSON object).';

COMMENT ON COLUMN "public"."projects"."deleted_at" IS 'When the project was deleted (soft delete); null while live.';

COMMENT ON COLUMN "public"."projects"."deleted_by" IS 'Who deleted the project.';

COMMENT ON COLUMN "public"."projects"."description" IS 'Free-text description.';

COMMENT ON COLUMN "public"."projects"."id" IS 'Project id.';

COMMENT ON COLUMN "public"."projects"."is_public" IS 'When true every signed-in user may read the project (read-only).';

COMMENT ON COLUMN "public"."projects"."name" IS 'Project name (1-255 characters).';

COMMENT ON COLUMN "public"."projects"."settings" IS 'Project settings (JSON object), free-form for the frontend.';

COMMENT ON COLUMN "public"."projects"."updated_at" IS 'When the project last changed; never goes backwards.';

COMMENT ON COLUMN "public"."projects"."version" IS 'Version label of the documentation, default 1.0.0.';

COMMENT ON COLUMN "public"."service_domains"."created_at" IS 'When the service domain was created; immutable.';

COMMENT ON COLUMN "public"."service_domains"."custom_fields" IS 'User-defined fields (JSON object).';

COMMENT ON COLUMN "public"."service_domains"."description" IS 'Free-text description.';

COMMENT ON COLUMN "public"."service_domains"."id" IS 'Id of the service domain.';

COMMENT ON COLUMN "public"."service_domains"."key" IS 'Human key of the service domain, unique within the project:
1-100 letters, digits and _ . : - starting with a letter or digit.';

COMMENT ON COLUMN "public"."service_domains"."name" IS 'Display name (1-255 characters).';

COMMENT ON COLUMN "public"."service_domains"."position" IS 'Ordering position in lists (ascending).';

COMMENT ON COLUMN "public"."service_domains"."project_id" IS 'The project the service domain belongs to; immutable.';

COMMENT ON COLUMN "public"."service_domains"."updated_at" IS 'When the service domain last changed; never goes backwards.';

COMMENT ON COLUMN "public"."services"."created_at" IS 'When the service was created; immutable.';

COMMENT ON COLUMN "public"."services"."custom_fields" IS 'User-defined fields (JSON object).';

COMMENT ON COLUMN "public"."services"."description" IS 'Free-text description.';

COMMENT ON COLUMN "public"."services"."domain_id" IS 'The service domain the service belongs to, a domain of the same project. A domain with services cannot be deleted.';

COMMENT ON COLUMN "public"."services"."id" IS 'Id of the service.';

COMMENT ON COLUMN "public"."services"."key" IS 'Human key of the service, unique within the project:
1-100 letters, digits and _ . : - starting with a letter or digit.';

COMMENT ON COLUMN "public"."services"."name" IS 'Display name (1-255 characters).';

COMMENT ON COLUMN "public"."services"."position" IS 'Ordering position in lists (ascending).';

COMMENT ON COLUMN "public"."services"."project_id" IS 'The project the service belongs to; immutable.';

COMMENT ON COLUMN "public"."services"."updated_at" IS 'When the service last changed; never goes backwards.';

COMMENT ON EXTENSION "pg_trgm" IS 'text similarity measurement and index searching based on trigrams';

COMMENT ON FUNCTION "private"."add_member_by_email"(uuid, text, public.member_role) IS 'Adds the user with this e-mail to the project; the trusted path behind public.add_member.';

COMMENT ON FUNCTION "private"."audit_event"(uuid, text, text, uuid, jsonb) IS 'Appends an audit_log entry for an event that is not a row change (export, import, duplicate).';

COMMENT ON FUNCTION "private"."can_create_projects"() IS 'True when the calling user may create projects: analysts and admins, not global viewers.';

COMMENT ON FUNCTION "private"."co_member_ids"() IS 'Ids of the users who share at least one project with the calling user.';

COMMENT ON FUNCTION "private"."document_error"(text, text) IS 'One validation error: {"path": ..., "message": ...}.';

COMMENT ON FUNCTION "private"."export_project_document"(uuid) IS 'The flowatlas.project/v1 document of a project, built with the caller''s rights (row-level security applies).';

COMMENT ON FUNCTION "private"."flow_search_vector"(text, text, text[], text, text, jsonb, jsonb, jsonb, text) IS 'Weighted search document of a flow: name (A); tags, description, trigger event and entry point (B); the strings of its steps, business rules and error scenarios (C); notes (D).';

COMMENT ON FUNCTION "private"."global_role"() IS 'Global role of the calling user (null when not signed in).';

COMMENT ON FUNCTION "private"."html_escape"(text) IS 'Escapes &, < and > so that text can be embedded in HTML.';

COMMENT ON FUNCTION "private"."import_project_document"(jsonb, text) IS 'Creates a project owned by the caller from a project document; the trusted path behind public.import_project.';

COMMENT ON FUNCTION "private"."is_admin"() IS 'True when the calling user is a global admin.';

COMMENT ON FUNCTION "private"."is_api_role"() IS 'True when the statement runs as an API role (anon, authenticated, service_role). False for the owner, i.e. migrations, the seed and security-definer functions: the trusted maintenance path. Call only from security invoker code: inside a definer function current_user is the owner.';

COMMENT ON FUNCTION "private"."is_nonblank_string"(jsonb, integer) IS 'True for a JSON string that is not blank and, when max_length is given, not longer.';

COMMENT ON FUNCTION "private"."jsonb_depth_ok"(jsonb) IS 'True when no value inside the JSON is nested deeper than 32 levels (null counts as valid).';

COMMENT ON FUNCTION "private"."jsonb_is_array_of_objects"(jsonb) IS 'True when the value is a JSON array whose every element is an object (null counts as valid).';

COMMENT ON FUNCTION "private"."jsonb_object_ids_unique"(jsonb) IS 'True when no two objects of the array share the same "id".';

COMMENT ON FUNCTION "private"."jsonb_objects_have_strings"(jsonb, text[]) IS 'True when every object of the array has each of the required keys as a non-empty string.';

COMMENT ON FUNCTION "private"."jsonb_objects_optional_strings"(jsonb, text[]) IS 'True when each of the optional keys, where an object of the array has it, is a string or null.';

COMMENT ON FUNCTION "private"."jsonb_strings"(jsonb) IS 'Every string inside a JSON value, space separated.';

COMMENT ON FUNCTION "private"."legacy_document_errors"(jsonb) IS 'Shape errors of an old-app localStorage document that would stop its conversion, by JSON path; [] when none.';

COMMENT ON FUNCTION "private"."legacy_key"(text, text) IS 'A registry key from a legacy id: kept when valid, else cleaned.';

COMMENT ON FUNCTION "private"."legacy_to_project_document"(jsonb) IS 'Converts the old browser app''s localStorage document (camelCase; serviceRegistry.domains[].services[], actorRegistry.actors[], integrationTypes.types[]; flows referring to entries by string id) to flowatlas.project/v1. Ids that are not valid keys are cleaned into keys.';

COMMENT ON FUNCTION "private"."member_project_ids"(public.member_role) IS 'Ids of the live projects in which the calling user has at least the given effective role (all for global admins; a global viewer counts as viewer everywhere).';

COMMENT ON FUNCTION "private"."performance_requirements_are_valid"(jsonb) IS 'True when the known keys of a performance requirements object have the right types: response_time_ms, throughput_per_minute (numbers >= 0), availability_percent (0-100), sla and notes (strings).';

COMMENT ON FUNCTION "private"."project_document_errors"(jsonb) IS 'Validation errors of a flowatlas.project/v1 document as [{"path": "flows[3].steps[0].name", "message": ...}] (at most about 50); [] when it is valid. The table constraints still guard what is inserted.';

COMMENT ON FUNCTION "private"."project_role"(uuid) IS 'Effective role of the calling user in a live project: owner for global admins, the member role capped at viewer for global viewers, null for non-members and deleted projects.';

COMMENT ON FUNCTION "private"."readable_project_ids"() IS 'Ids of the live projects the calling user may read: their projects, every public project, all for global admins.';

COMMENT ON FUNCTION "private"."request_header"(text) IS 'The value of an HTTP header of the current PostgREST request (lower-case name), null outside a request.';

COMMENT ON FUNCTION "private"."request_ip"() IS 'Client address of the current request: the first entry of X-Forwarded-For, null when absent or malformed.';

COMMENT ON FUNCTION "private"."request_role"() IS 'The role the current request runs as: the JWT "role" claim (anon, authenticated, service_role), or the session user for direct database sessions. Usable inside security-definer functions, where current_user is the owner.';

COMMENT ON FUNCTION "private"."require_project_owner"(uuid) IS 'Raises 404 for a project the caller cannot read and 403 when the caller is not one of its owners.';

COMMENT ON FUNCTION "private"."require_readable_project"(uuid) IS 'Raises PT404 (HTTP 404) when the calling user cannot read the project: missing, deleted or not theirs alike.';

COMMENT ON FUNCTION "private"."restore_deleted"(text, uuid) IS 'Undeletes a soft-deleted project (owners) or flow (editors); the trusted path behind the restore functions.';

COMMENT ON FUNCTION "private"."search_flow_matches"(tsquery, uuid) IS 'Live flows matching a text query, ranked, limited to what the flows select policy lets the caller read.';

COMMENT ON FUNCTION "private"."set_flow_status"(uuid, public.flow_status) IS 'Sets a flow''s review status as the caller; 404 when the caller cannot see or change the flow.';

COMMENT ON FUNCTION "private"."tags_are_valid"(text[]) IS 'True when every tag is a non-blank string of at most 50 characters.';

COMMENT ON FUNCTION "private"."tg_actor_detach_from_flows"() IS 'AFTER DELETE on actors: removes the actor from actor_ids of the flows of its project.';

COMMENT ON FUNCTION "private"."tg_add_owner_member"() IS 'AFTER INSERT on projects: makes the project''s owner an owner member.';

COMMENT ON FUNCTION "private"."tg_audit"() IS 'AFTER INSERT/UPDATE/DELETE: appends an audit_log row with the user, project, flow, action, entity, changed columns (old/new), client ip (X-Forwarded-For) and user agent of the request. No-op updates are not logged.';

COMMENT ON FUNCTION "private"."tg_create_profile"() IS 'AFTER INSERT on auth.users: creates the profile (name from user metadata "name"/"full_name" or the e-mail''s local part, role analyst).';

COMMENT ON FUNCTION "private"."tg_flow_keep_revision"() IS 'AFTER UPDATE on flows (when revision changed): stores the previous row in flow_revisions.';

COMMENT ON FUNCTION "private"."tg_flow_references"() IS 'BEFORE INSERT/UPDATE on flows: actor_ids must be actors of the same project (23503); the service must be in the flow''s service domain (23514), which is filled from the service when missing.';

COMMENT ON FUNCTION "private"."tg_flow_review_state"() IS 'BEFORE INSERT/UPDATE on flows: enforces the review state machine and who may make each transition, records submitted/reviewed/approved by and at, and returns an edited in_review or approved flow to draft.';

COMMENT ON FUNCTION "private"."tg_flow_revision"() IS 'BEFORE UPDATE on flows: PT409 (HTTP 409) when the update names a stale revision; otherwise increments revision when anything but bookkeeping changed.';

COMMENT ON FUNCTION "private"."tg_forbid_api_writes"() IS 'BEFORE INSERT/UPDATE/DELETE: rejects (42501) any write by an API role to a history table.';

COMMENT ON FUNCTION "private"."tg_keep_project_owner"() IS 'BEFORE UPDATE/DELETE on project_members: refuses to remove or demote the last owner or the project''s owner_id.';

COMMENT ON FUNCTION "private"."tg_protect_columns"() IS 'BEFORE UPDATE: rejects (42501) a change by an API role to any column named in the trigger arguments.';

COMMENT ON FUNCTION "private"."tg_protect_global_role"() IS 'BEFORE UPDATE on profiles: only global admins (and service_role) change profiles.role (42501 otherwise).';

COMMENT ON FUNCTION "private"."tg_soft_delete"() IS 'BEFORE DELETE on projects and flows: marks the row deleted instead of deleting it. Hard deletes only for already deleted rows (purge), cascades of a purged project, or flowatlas.hard_delete = on outside the API.';

COMMENT ON FUNCTION "private"."tg_stamp"() IS 'BEFORE INSERT/UPDATE: sets created_by, added_by and updated_by to auth.uid() (when there is a user) and makes updated_at monotonic: greatest(now(), previous updated_at + 1 microsecond). A no-op update keeps the stamps.';

COMMENT ON FUNCTION "private"."tg_sync_profile_email"() IS 'AFTER UPDATE OF email on auth.users: copies the new e-mail.';

COMMENT ON FUNCTION "private"."transfer_project_ownership"(uuid, uuid) IS 'Makes a member the owner of the project; the trusted path behind public.transfer_ownership.';

COMMENT ON FUNCTION "public"."add_member"(uuid, text, public.member_role) IS 'Owners only: add a user to the project by e-mail with a role (viewer by default). Unknown e-mail: HTTP 404; already a member: HTTP 409. Returns the membership (id, project_id, user_id, name, role), never e-mails.';

COMMENT ON FUNCTION "public"."approve_flow"(uuid) IS 'Owners and global admins: in_review -> approved (not by the submitter, unless a global admin). Returns the flow.';

COMMENT ON FUNCTION "public"."duplicate_flow"(uuid, text) IS 'Editors: copy a flow within its project as a new draft named name or "<name> (copy)". Returns the new flow id.';

COMMENT ON FUNCTION "public"."duplicate_project"(uuid, text) IS 'Editors and owners: copy a project with all registries and flows (references remapped) into a new project you own, named name or "<name> (copy)". Returns the new project id.';

COMMENT ON FUNCTION "public"."export_project"(uuid) IS 'Export a project you can read as one JSON document (format flowatlas.project/v1: project, service_domains, services, actors, integration_types, flows; references by key). Recorded in the audit log. Call with POST.';

COMMENT ON FUNCTION "public"."import_project"(jsonb, text) IS 'Import a project document (flowatlas.project/v1, or the old app''s localStorage export) as a new project you own, all or nothing; name overrides the project name. Invalid documents fail with HTTP 400: message names the first bad field by JSON path, details lists all; documents over 25 MB are refused (HTTP 413). Returns the new project id. Recorded in the audit log.';

COMMENT ON FUNCTION "public"."me"() IS 'The signed-in user: profile (id, email, name, global role, can_create_projects) and memberships (project_id, project_name, role). Null for anonymous callers.';

COMMENT ON FUNCTION "public"."project_analytics"(uuid) IS 'Dashboard of one project you can read: flow counts by status, priority, domain, service and actor; coverage gaps (services without flows, unused actors, flows without error scenarios / business rules / performance requirements, steps naming a missing actor or service key); review backlog (in review, oldest first); the 20 latest audit entries. HTTP 404 for a project you cannot read.';

COMMENT ON FUNCTION "public"."reject_flow"(uuid, text) IS 'Owners and global admins: in_review -> draft with a comment saying why (kept in the audit log as action "review"). Returns the flow.';

COMMENT ON FUNCTION "public"."restore_flow"(uuid) IS 'Editors: bring back a deleted flow of a live project. HTTP 404 when there is no such deleted flow of yours.';

COMMENT ON FUNCTION "public"."restore_flow_revision"(uuid, integer) IS 'Editors: put the content of an earlier revision back into the flow (a new revision; the current content is kept in flow_revisions too). HTTP 404 for a revision you cannot read.';

COMMENT ON FUNCTION "public"."restore_project"(uuid) IS 'Owners: bring back a deleted project with everything in it. HTTP 404 when there is no such deleted project of yours.';

COMMENT ON FUNCTION "public"."search"(text, uuid, public.flow_status[], public.flow_priority[], text, uuid, uuid, text[], integer, integer) IS 'Search flows, services, actors and service domains of every project you can read (or one: in_project). query uses web search syntax: words, "quoted phrases", OR, -excluded (at most 200 characters). Flows are ranked by full text (name weighs most); when no flow matches, flow names are matched by similarity (fuzzy = true). Filters (statuses, priorities, tag, service, actor) narrow flows. snippet is HTML-escaped with <mark> around the matches; matched lists the flow fields that matched. Page with result_limit (1-100) and result_offset.';

COMMENT ON FUNCTION "public"."submit_for_review"(uuid) IS 'Editors: draft -> in_review. Returns the flow.';

COMMENT ON FUNCTION "public"."transfer_ownership"(uuid, uuid) IS 'Owners only: make another member the project''s owner (projects.owner_id). The previous owner stays an owner member and may then step down by changing their own role.';

COMMENT ON SCHEMA "private" IS 'Flow Atlas internals: membership helpers for policies, JSON validation for CHECK constraints, trigger functions. Never exposed through the API.';

COMMENT ON TABLE "public"."actors" IS 'Registry of actors: people (roles), internal systems and external parties that take part in flows.';

COMMENT ON TABLE "public"."audit_log" IS 'Append-only audit trail: who changed what, where and when. Written only by triggers; members of a project read its entries, global admins read all. Nobody can write, change or delete it through the API.';

COMMENT ON TABLE "public"."flow_revisions" IS 'Prior versions of flows: on every change the previous row is kept here, so no edit is ever lost. Read-only through the API; members of the project may read it.';

COMMENT ON TABLE "public"."flows" IS 'A documented business flow: ordered steps, integrations, business rules, error scenarios and performance requirements. Updates bump revision (send the revision you read: a stale one fails with HTTP 409) and keep the previous content in flow_revisions. DELETE marks it deleted. Review: draft -> in_review -> approved -> deprecated.';

COMMENT ON TABLE "public"."integration_types" IS 'Registry of integration types (REST, events, batch files ...) used by the integrations of flows.';

COMMENT ON TABLE "public"."profiles" IS 'A user of Flow Atlas, 1:1 with auth.users. Users edit their own name; only global admins change roles.';

COMMENT ON TABLE "public"."project_members" IS 'Membership of a user in a project with a role (viewer, editor, owner). Owners manage members; a member may leave; a project always keeps at least one owner, and its owner_id stays an owner member.';

COMMENT ON TABLE "public"."projects" IS 'A project: one landscape of services, actors and flows, shared by its members. DELETE marks it deleted (deleted_at); deleted projects and everything in them vanish from reads.';

COMMENT ON TABLE "public"."service_domains" IS 'Registry of the business domains that group services (e.g. Sales, Billing), one row per domain.';

COMMENT ON TABLE "public"."services" IS 'Registry of services (applications, APIs), each in a service domain of the same project.';

COMMENT ON TYPE "public"."actor_kind" IS 'What an actor is: a person (role), an internal system, or an external party.';

COMMENT ON TYPE "public"."flow_priority" IS 'Business priority of a flow.';

COMMENT ON TYPE "public"."flow_status" IS 'Review state of a flow: draft -> in_review -> approved -> deprecated (see private.tg_flow_review_state).';

COMMENT ON TYPE "public"."global_role" IS 'Global role of a user: analyst (default, may create projects), admin (everything), viewer (read-only everywhere).';

COMMENT ON TYPE "public"."member_role" IS 'Role of a member in one project, weakest first: viewer reads, editor writes flows and registries, owner also manages members, settings and deletion.';

REVOKE ALL ON FUNCTION "private"."add_member_by_email"(uuid, text, public.member_role) FROM PUBLIC;

GRANT EXECUTE ON FUNCTION "private"."add_member_by_email"(uuid, text, public.member_role) TO "authenticated";

REVOKE ALL ON FUNCTION "private"."add_member_by_email"(uuid, text, public.member_role) FROM "postgres";

GRANT EXECUTE ON FUNCTION "private"."add_member_by_email"(uuid, text, public.member_role) TO "postgres";

GRANT EXECUTE ON FUNCTION "private"."add_member_by_email"(uuid, text, public.member_role) TO "service_role";

REVOKE ALL ON FUNCTION "private"."audit_event"(uuid, text, text, uuid, jsonb) FROM PUBLIC;

GRANT EXECUTE ON FUNCTION "private"."audit_event"(uuid, text, text, uuid, jsonb) TO "authenticated";

REVOKE ALL ON FUNCTION "private"."audit_event"(uuid, text, text, uuid, jsonb) FROM "postgres";

GRANT EXECUTE ON FUNCTION "private"."audit_event"(uuid, text, text, uuid, jsonb) TO "postgres";

GRANT EXECUTE ON FUNCTION "private"."audit_event"(uuid, text, text, uuid, jsonb) TO "service_role";

REVOKE ALL ON FUNCTION "private"."can_create_projects"() FROM PUBLIC;

GRANT EXECUTE ON FUNCTION "private"."can_create_projects"() TO "authenticated";

REVOKE ALL ON FUNCTION "private"."can_create_projects"() FROM "postgres";

GRANT EXECUTE ON FUNCTION "private"."can_create_projects"() TO "postgres";

GRANT EXECUTE ON FUNCTION "private"."can_create_projects"() TO "service_role";

REVOKE ALL ON FUNCTION "private"."co_member_ids"() FROM PUBLIC;

GRANT EXECUTE ON FUNCTION "private"."co_member_ids"() TO "authenticated";

REVOKE ALL ON FUNCTION "private"."co_member_ids"() FROM "postgres";

GRANT EXECUTE ON FUNCTION "private"."co_member_ids"() TO "postgres";

GRANT EXECUTE ON FUNCTION "private"."co_member_ids"() TO "service_role";

REVOKE ALL ON FUNCTION "private"."document_error"(text, text) FROM PUBLIC;

GRANT EXECUTE ON FUNCTION "private"."document_error"(text, text) TO "authenticated";

REVOKE ALL ON FUNCTION "private"."document_error"(text, text) FROM "postgres";

GRANT EXECUTE ON FUNCTION "private"."document_error"(text, text) TO "postgres";

GRANT EXECUTE ON FUNCTION "private"."document_error"(text, text) TO "service_role";

REVOKE ALL ON FUNCTION "private"."export_project_document"(uuid) FROM PUBLIC;

GRANT EXECUTE ON FUNCTION "private"."export_project_document"(uuid) TO "authenticated";

REVOKE ALL ON FUNCTION "private"."export_project_document"(uuid) FROM "postgres";

GRANT EXECUTE ON FUNCTION "private"."export_project_document"(uuid) TO "postgres";

GRANT EXECUTE ON FUNCTION "private"."export_project_document"(uuid) TO "service_role";

REVOKE ALL ON FUNCTION "private"."flow_search_vector"(text, text, text[], text, text, jsonb, jsonb, jsonb, text) FROM PUBLIC;

GRANT EXECUTE ON FUNCTION "private"."flow_search_vector"(text, text, text[], text, text, jsonb, jsonb, jsonb, text) TO "authenticated";

REVOKE ALL ON FUNCTION "private"."flow_search_vector"(text, text, text[], text, text, jsonb, jsonb, jsonb, text) FROM "postgres";

GRANT EXECUTE ON FUNCTION "private"."flow_search_vector"(text, text, text[], text, text, jsonb, jsonb, jsonb, text) TO "postgres";

GRANT EXECUTE ON FUNCTION "private"."flow_search_vector"(text, text, text[], text, text, jsonb, jsonb, jsonb, text) TO "service_role";

REVOKE ALL ON FUNCTION "private"."global_role"() FROM PUBLIC;

GRANT EXECUTE ON FUNCTION "private"."global_role"() TO "authenticated";

REVOKE ALL ON FUNCTION "private"."global_role"() FROM "postgres";

GRANT EXECUTE ON FUNCTION "private"."global_role"() TO "postgres";

GRANT EXECUTE ON FUNCTION "private"."global_role"() TO "service_role";

REVOKE ALL ON FUNCTION "private"."html_escape"(text) FROM PUBLIC;

GRANT EXECUTE ON FUNCTION "private"."html_escape"(text) TO "authenticated";

REVOKE ALL ON FUNCTION "private"."html_escape"(text) FROM "postgres";

GRANT EXECUTE ON FUNCTION "private"."html_escape"(text) TO "postgres";

GRANT EXECUTE ON FUNCTION "private"."html_escape"(text) TO "service_role";

REVOKE ALL ON FUNCTION "private"."import_project_document"(jsonb, text) FROM PUBLIC;

GRANT EXECUTE ON FUNCTION "private"."import_project_document"(jsonb, text) TO "authenticated";

REVOKE ALL ON FUNCTION "private"."import_project_document"(jsonb, text) FROM "postgres";

GRANT EXECUTE ON FUNCTION "private"."import_project_document"(jsonb, text) TO "postgres";

GRANT EXECUTE ON FUNCTION "private"."import_project_document"(jsonb, text) TO "service_role";

REVOKE ALL ON FUNCTION "private"."is_admin"() FROM PUBLIC;

GRANT EXECUTE ON FUNCTION "private"."is_admin"() TO "authenticated";

REVOKE ALL ON FUNCTION "private"."is_admin"() FROM "postgres";

GRANT EXECUTE ON FUNCTION "private"."is_admin"() TO "postgres";

GRANT EXECUTE ON FUNCTION "private"."is_admin"() TO "service_role";

REVOKE ALL ON FUNCTION "private"."is_api_role"() FROM PUBLIC;

GRANT EXECUTE ON FUNCTION "private"."is_api_role"() TO "authenticated";

REVOKE ALL ON FUNCTION "private"."is_api_role"() FROM "postgres";

GRANT EXECUTE ON FUNCTION "private"."is_api_role"() TO "postgres";

GRANT EXECUTE ON FUNCTION "private"."is_api_role"() TO "service_role";

REVOKE ALL ON FUNCTION "private"."is_nonblank_string"(jsonb, integer) FROM PUBLIC;

GRANT EXECUTE ON FUNCTION "private"."is_nonblank_string"(jsonb, integer) TO "authenticated";

REVOKE ALL ON FUNCTION "private"."is_nonblank_string"(jsonb, integer) FROM "postgres";

GRANT EXECUTE ON FUNCTION "private"."is_nonblank_string"(jsonb, integer) TO "postgres";

GRANT EXECUTE ON FUNCTION "private"."is_nonblank_string"(jsonb, integer) TO "service_role";

REVOKE ALL ON FUNCTION "private"."jsonb_depth_ok"(jsonb) FROM PUBLIC;

GRANT EXECUTE ON FUNCTION "private"."jsonb_depth_ok"(jsonb) TO "authenticated";

REVOKE ALL ON FUNCTION "private"."jsonb_depth_ok"(jsonb) FROM "postgres";

GRANT EXECUTE ON FUNCTION "private"."jsonb_depth_ok"(jsonb) TO "postgres";

GRANT EXECUTE ON FUNCTION "private"."jsonb_depth_ok"(jsonb) TO "service_role";

REVOKE ALL ON FUNCTION "private"."jsonb_is_array_of_objects"(jsonb) FROM PUBLIC;

GRANT EXECUTE ON FUNCTION "private"."jsonb_is_array_of_objects"(jsonb) TO "authenticated";

REVOKE ALL ON FUNCTION "private"."jsonb_is_array_of_objects"(jsonb) FROM "postgres";

GRANT EXECUTE ON FUNCTION "private"."jsonb_is_array_of_objects"(jsonb) TO "postgres";

GRANT EXECUTE ON FUNCTION "private"."jsonb_is_array_of_objects"(jsonb) TO "service_role";

REVOKE ALL ON FUNCTION "private"."jsonb_object_ids_unique"(jsonb) FROM PUBLIC;

GRANT EXECUTE ON FUNCTION "private"."jsonb_object_ids_unique"(jsonb) TO "authenticated";

REVOKE ALL ON FUNCTION "private"."jsonb_object_ids_unique"(jsonb) FROM "postgres";

GRANT EXECUTE ON FUNCTION "private"."jsonb_object_ids_unique"(jsonb) TO "postgres";

GRANT EXECUTE ON FUNCTION "private"."jsonb_object_ids_unique"(jsonb) TO "service_role";

REVOKE ALL ON FUNCTION "private"."jsonb_objects_have_strings"(jsonb, text[]) FROM PUBLIC;

GRANT EXECUTE ON FUNCTION "private"."jsonb_objects_have_strings"(jsonb, text[]) TO "authenticated";

REVOKE ALL ON FUNCTION "private"."jsonb_objects_have_strings"(jsonb, text[]) FROM "postgres";

GRANT EXECUTE ON FUNCTION "private"."jsonb_objects_have_strings"(jsonb, text[]) TO "postgres";

GRANT EXECUTE ON FUNCTION "private"."jsonb_objects_have_strings"(jsonb, text[]) TO "service_role";

REVOKE ALL ON FUNCTION "private"."jsonb_objects_optional_strings"(jsonb, text[]) FROM PUBLIC;

GRANT EXECUTE ON FUNCTION "private"."jsonb_objects_optional_strings"(jsonb, text[]) TO "authenticated";

REVOKE ALL ON FUNCTION "private"."jsonb_objects_optional_strings"(jsonb, text[]) FROM "postgres";

GRANT EXECUTE ON FUNCTION "private"."jsonb_objects_optional_strings"(jsonb, text[]) TO "postgres";

GRANT EXECUTE ON FUNCTION "private"."jsonb_objects_optional_strings"(jsonb, text[]) TO "service_role";

REVOKE ALL ON FUNCTION "private"."jsonb_strings"(jsonb) FROM PUBLIC;

GRANT EXECUTE ON FUNCTION "private"."jsonb_strings"(jsonb) TO "authenticated";

REVOKE ALL ON FUNCTION "private"."jsonb_strings"(jsonb) FROM "postgres";

GRANT EXECUTE ON FUNCTION "private"."jsonb_strings"(jsonb) TO "postgres";

GRANT EXECUTE ON FUNCTION "private"."jsonb_strings"(jsonb) TO "service_role";

REVOKE ALL ON FUNCTION "private"."legacy_document_errors"(jsonb) FROM PUBLIC;

GRANT EXECUTE ON FUNCTION "private"."legacy_document_errors"(jsonb) TO "authenticated";

REVOKE ALL ON FUNCTION "private"."legacy_document_errors"(jsonb) FROM "postgres";

GRANT EXECUTE ON FUNCTION "private"."legacy_document_errors"(jsonb) TO "postgres";

GRANT EXECUTE ON FUNCTION "private"."legacy_document_errors"(jsonb) TO "service_role";

REVOKE ALL ON FUNCTION "private"."legacy_key"(text, text) FROM PUBLIC;

GRANT EXECUTE ON FUNCTION "private"."legacy_key"(text, text) TO "authenticated";

REVOKE ALL ON FUNCTION "private"."legacy_key"(text, text) FROM "postgres";

GRANT EXECUTE ON FUNCTION "private"."legacy_key"(text, text) TO "postgres";

GRANT EXECUTE ON FUNCTION "private"."legacy_key"(text, text) TO "service_role";

REVOKE ALL ON FUNCTION "private"."legacy_to_project_document"(jsonb) FROM PUBLIC;

GRANT EXECUTE ON FUNCTION "private"."legacy_to_project_document"(jsonb) TO "authenticated";

REVOKE ALL ON FUNCTION "private"."legacy_to_project_document"(jsonb) FROM "postgres";

GRANT EXECUTE ON FUNCTION "private"."legacy_to_project_document"(jsonb) TO "postgres";

GRANT EXECUTE ON FUNCTION "private"."legacy_to_project_document"(jsonb) TO "service_role";

REVOKE ALL ON FUNCTION "private"."member_project_ids"(public.member_role) FROM PUBLIC;

GRANT EXECUTE ON FUNCTION "private"."member_project_ids"(public.member_role) TO "authenticated";

REVOKE ALL ON FUNCTION "private"."member_project_ids"(public.member_role) FROM "postgres";

GRANT EXECUTE ON FUNCTION "private"."member_project_ids"(public.member_role) TO "postgres";

GRANT EXECUTE ON FUNCTION "private"."member_project_ids"(public.member_role) TO "service_role";

REVOKE ALL ON FUNCTION "private"."performance_requirements_are_valid"(jsonb) FROM PUBLIC;

GRANT EXECUTE ON FUNCTION "private"."performance_requirements_are_valid"(jsonb) TO "authenticated";

REVOKE ALL ON FUNCTION "private"."performance_requirements_are_valid"(jsonb) FROM "postgres";

GRANT EXECUTE ON FUNCTION "private"."performance_requirements_are_valid"(jsonb) TO "postgres";

GRANT EXECUTE ON FUNCTION "private"."performance_requirements_are_valid"(jsonb) TO "service_role";

REVOKE ALL ON FUNCTION "private"."project_document_errors"(jsonb) FROM PUBLIC;

GRANT EXECUTE ON FUNCTION "private"."project_document_errors"(jsonb) TO "authenticated";

REVOKE ALL ON FUNCTION "private"."project_document_errors"(jsonb) FROM "postgres";

GRANT EXECUTE ON FUNCTION "private"."project_document_errors"(jsonb) TO "postgres";

GRANT EXECUTE ON FUNCTION "private"."project_document_errors"(jsonb) TO "service_role";

REVOKE ALL ON FUNCTION "private"."project_role"(uuid) FROM PUBLIC;

GRANT EXECUTE ON FUNCTION "private"."project_role"(uuid) TO "authenticated";

REVOKE ALL ON FUNCTION "private"."project_role"(uuid) FROM "postgres";

GRANT EXECUTE ON FUNCTION "private"."project_role"(uuid) TO "postgres";

GRANT EXECUTE ON FUNCTION "private"."project_role"(uuid) TO "service_role";

REVOKE ALL ON FUNCTION "private"."readable_project_ids"() FROM PUBLIC;

GRANT EXECUTE ON FUNCTION "private"."readable_project_ids"() TO "authenticated";

REVOKE ALL ON FUNCTION "private"."readable_project_ids"() FROM "postgres";

GRANT EXECUTE ON FUNCTION "private"."readable_project_ids"() TO "postgres";

GRANT EXECUTE ON FUNCTION "private"."readable_project_ids"() TO "service_role";

REVOKE ALL ON FUNCTION "private"."request_header"(text) FROM PUBLIC;

REVOKE ALL ON FUNCTION "private"."request_header"(text) FROM "postgres";

GRANT EXECUTE ON FUNCTION "private"."request_header"(text) TO "postgres";

REVOKE ALL ON FUNCTION "private"."request_ip"() FROM PUBLIC;

REVOKE ALL ON FUNCTION "private"."request_ip"() FROM "postgres";

GRANT EXECUTE ON FUNCTION "private"."request_ip"() TO "postgres";

REVOKE ALL ON FUNCTION "private"."request_role"() FROM PUBLIC;

REVOKE ALL ON FUNCTION "private"."request_role"() FROM "postgres";

GRANT EXECUTE ON FUNCTION "private"."request_role"() TO "postgres";

REVOKE ALL ON FUNCTION "private"."require_project_owner"(uuid) FROM PUBLIC;

GRANT EXECUTE ON FUNCTION "private"."require_project_owner"(uuid) TO "authenticated";

REVOKE ALL ON FUNCTION "private"."require_project_owner"(uuid) FROM "postgres";

GRANT EXECUTE ON FUNCTION "private"."require_project_owner"(uuid) TO "postgres";

GRANT EXECUTE ON FUNCTION "private"."require_project_owner"(uuid) TO "service_role";

REVOKE ALL ON FUNCTION "private"."require_readable_project"(uuid) FROM PUBLIC;

GRANT EXECUTE ON FUNCTION "private"."require_readable_project"(uuid) TO "authenticated";

REVOKE ALL ON FUNCTION "private"."require_readable_project"(uuid) FROM "postgres";

GRANT EXECUTE ON FUNCTION "private"."require_readable_project"(uuid) TO "postgres";

GRANT EXECUTE ON FUNCTION "private"."require_readable_project"(uuid) TO "service_role";

REVOKE ALL ON FUNCTION "private"."restore_deleted"(text, uuid) FROM PUBLIC;

GRANT EXECUTE ON FUNCTION "private"."restore_deleted"(text, uuid) TO "authenticated";

REVOKE ALL ON FUNCTION "private"."restore_deleted"(text, uuid) FROM "postgres";

GRANT EXECUTE ON FUNCTION "private"."restore_deleted"(text, uuid) TO "postgres";

GRANT EXECUTE ON FUNCTION "private"."restore_deleted"(text, uuid) TO "service_role";

REVOKE ALL ON FUNCTION "private"."search_flow_matches"(tsquery, uuid) FROM PUBLIC;

GRANT EXECUTE ON FUNCTION "private"."search_flow_matches"(tsquery, uuid) TO "authenticated";

REVOKE ALL ON FUNCTION "private"."search_flow_matches"(tsquery, uuid) FROM "postgres";

GRANT EXECUTE ON FUNCTION "private"."search_flow_matches"(tsquery, uuid) TO "postgres";

GRANT EXECUTE ON FUNCTION "private"."search_flow_matches"(tsquery, uuid) TO "service_role";

REVOKE ALL ON FUNCTION "private"."set_flow_status"(uuid, public.flow_status) FROM PUBLIC;

GRANT EXECUTE ON FUNCTION "private"."set_flow_status"(uuid, public.flow_status) TO "authenticated";

REVOKE ALL ON FUNCTION "private"."set_flow_status"(uuid, public.flow_status) FROM "postgres";

GRANT EXECUTE ON FUNCTION "private"."set_flow_status"(uuid, public.flow_status) TO "postgres";

GRANT EXECUTE ON FUNCTION "private"."set_flow_status"(uuid, public.flow_status) TO "service_role";

REVOKE ALL ON FUNCTION "private"."tags_are_valid"(text[]) FROM PUBLIC;

GRANT EXECUTE ON FUNCTION "private"."tags_are_valid"(text[]) TO "authenticated";

REVOKE ALL ON FUNCTION "private"."tags_are_valid"(text[]) FROM "postgres";

GRANT EXECUTE ON FUNCTION "private"."tags_are_valid"(text[]) TO "postgres";

GRANT EXECUTE ON FUNCTION "private"."tags_are_valid"(text[]) TO "service_role";

REVOKE ALL ON FUNCTION "private"."tg_actor_detach_from_flows"() FROM PUBLIC;

REVOKE ALL ON FUNCTION "private"."tg_actor_detach_from_flows"() FROM "postgres";

GRANT EXECUTE ON FUNCTION "private"."tg_actor_detach_from_flows"() TO "postgres";

REVOKE ALL ON FUNCTION "private"."tg_add_owner_member"() FROM PUBLIC;

REVOKE ALL ON FUNCTION "private"."tg_add_owner_member"() FROM "postgres";

GRANT EXECUTE ON FUNCTION "private"."tg_add_owner_member"() TO "postgres";

REVOKE ALL ON FUNCTION "private"."tg_audit"() FROM PUBLIC;

REVOKE ALL ON FUNCTION "private"."tg_audit"() FROM "postgres";

GRANT EXECUTE ON FUNCTION "private"."tg_audit"() TO "postgres";

REVOKE ALL ON FUNCTION "private"."tg_create_profile"() FROM PUBLIC;

REVOKE ALL ON FUNCTION "private"."tg_create_profile"() FROM "postgres";

GRANT EXECUTE ON FUNCTION "private"."tg_create_profile"() TO "postgres";

REVOKE ALL ON FUNCTION "private"."tg_flow_keep_revision"() FROM PUBLIC;

REVOKE ALL ON FUNCTION "private"."tg_flow_keep_revision"() FROM "postgres";

GRANT EXECUTE ON FUNCTION "private"."tg_flow_keep_revision"() TO "postgres";

REVOKE ALL ON FUNCTION "private"."tg_flow_references"() FROM PUBLIC;

REVOKE ALL ON FUNCTION "private"."tg_flow_references"() FROM "postgres";

GRANT EXECUTE ON FUNCTION "private"."tg_flow_references"() TO "postgres";

REVOKE ALL ON FUNCTION "private"."tg_flow_review_state"() FROM PUBLIC;

REVOKE ALL ON FUNCTION "private"."tg_flow_review_state"() FROM "postgres";

GRANT EXECUTE ON FUNCTION "private"."tg_flow_review_state"() TO "postgres";

REVOKE ALL ON FUNCTION "private"."tg_flow_revision"() FROM PUBLIC;

REVOKE ALL ON FUNCTION "private"."tg_flow_revision"() FROM "postgres";

GRANT EXECUTE ON FUNCTION "private"."tg_flow_revision"() TO "postgres";

REVOKE ALL ON FUNCTION "private"."tg_forbid_api_writes"() FROM PUBLIC;

REVOKE ALL ON FUNCTION "private"."tg_forbid_api_writes"() FROM "postgres";

GRANT EXECUTE ON FUNCTION "private"."tg_forbid_api_writes"() TO "postgres";

REVOKE ALL ON FUNCTION "private"."tg_keep_project_owner"() FROM PUBLIC;

REVOKE ALL ON FUNCTION "private"."tg_keep_project_owner"() FROM "postgres";

GRANT EXECUTE ON FUNCTION "private"."tg_keep_project_owner"() TO "postgres";

REVOKE ALL ON FUNCTION "private"."tg_protect_columns"() FROM PUBLIC;

REVOKE ALL ON FUNCTION "private"."tg_protect_columns"() FROM "postgres";

GRANT EXECUTE ON FUNCTION "private"."tg_protect_columns"() TO "postgres";

REVOKE ALL ON FUNCTION "private"."tg_protect_global_role"() FROM PUBLIC;

REVOKE ALL ON FUNCTION "private"."tg_protect_global_role"() FROM "postgres";

GRANT EXECUTE ON FUNCTION "private"."tg_protect_global_role"() TO "postgres";

REVOKE ALL ON FUNCTION "private"."tg_soft_delete"() FROM PUBLIC;

REVOKE ALL ON FUNCTION "private"."tg_soft_delete"() FROM "postgres";

GRANT EXECUTE ON FUNCTION "private"."tg_soft_delete"() TO "postgres";

REVOKE ALL ON FUNCTION "private"."tg_stamp"() FROM PUBLIC;

REVOKE ALL ON FUNCTION "private"."tg_stamp"() FROM "postgres";

GRANT EXECUTE ON FUNCTION "private"."tg_stamp"() TO "postgres";

REVOKE ALL ON FUNCTION "private"."tg_sync_profile_email"() FROM PUBLIC;

REVOKE ALL ON FUNCTION "private"."tg_sync_profile_email"() FROM "postgres";

GRANT EXECUTE ON FUNCTION "private"."tg_sync_profile_email"() TO "postgres";

REVOKE ALL ON FUNCTION "private"."transfer_project_ownership"(uuid, uuid) FROM PUBLIC;

GRANT EXECUTE ON FUNCTION "private"."transfer_project_ownership"(uuid, uuid) TO "authenticated";

REVOKE ALL ON FUNCTION "private"."transfer_project_ownership"(uuid, uuid) FROM "postgres";

GRANT EXECUTE ON FUNCTION "private"."transfer_project_ownership"(uuid, uuid) TO "postgres";

GRANT EXECUTE ON FUNCTION "private"."transfer_project_ownership"(uuid, uuid) TO "service_role";

GRANT EXECUTE ON FUNCTION "public"."add_member"(uuid, text, public.member_role) TO "authenticated";

REVOKE ALL ON FUNCTION "public"."add_member"(uuid, text, public.member_role) FROM "postgres";

GRANT EXECUTE ON FUNCTION "public"."add_member"(uuid, text, public.member_role) TO "postgres";

GRANT EXECUTE ON FUNCTION "public"."add_member"(uuid, text, public.member_role) TO "service_role";

GRANT EXECUTE ON FUNCTION "public"."approve_flow"(uuid) TO "authenticated";

REVOKE ALL ON FUNCTION "public"."approve_flow"(uuid) FROM "postgres";

GRANT EXECUTE ON FUNCTION "public"."approve_flow"(uuid) TO "postgres";

GRANT EXECUTE ON FUNCTION "public"."approve_flow"(uuid) TO "service_role";

GRANT EXECUTE ON FUNCTION "public"."duplicate_flow"(uuid, text) TO "authenticated";

REVOKE ALL ON FUNCTION "public"."duplicate_flow"(uuid, text) FROM "postgres";

GRANT EXECUTE ON FUNCTION "public"."duplicate_flow"(uuid, text) TO "postgres";

GRANT EXECUTE ON FUNCTION "public"."duplicate_flow"(uuid, text) TO "service_role";

GRANT EXECUTE ON FUNCTION "public"."duplicate_project"(uuid, text) TO "authenticated";

REVOKE ALL ON FUNCTION "public"."duplicate_project"(uuid, text) FROM "postgres";

GRANT EXECUTE ON FUNCTION "public"."duplicate_project"(uuid, text) TO "postgres";

GRANT EXECUTE ON FUNCTION "public"."duplicate_project"(uuid, text) TO "service_role";

GRANT EXECUTE ON FUNCTION "public"."export_project"(uuid) TO "authenticated";

REVOKE ALL ON FUNCTION "public"."export_project"(uuid) FROM "postgres";

GRANT EXECUTE ON FUNCTION "public"."export_project"(uuid) TO "postgres";

GRANT EXECUTE ON FUNCTION "public"."export_project"(uuid) TO "service_role";

GRANT EXECUTE ON FUNCTION "public"."import_project"(jsonb, text) TO "authenticated";

REVOKE ALL ON FUNCTION "public"."import_project"(jsonb, text) FROM "postgres";

GRANT EXECUTE ON FUNCTION "public"."import_project"(jsonb, text) TO "postgres";

GRANT EXECUTE ON FUNCTION "public"."import_project"(jsonb, text) TO "service_role";

GRANT EXECUTE ON FUNCTION "public"."me"() TO "authenticated";

REVOKE ALL ON FUNCTION "public"."me"() FROM "postgres";

GRANT EXECUTE ON FUNCTION "public"."me"() TO "postgres";

GRANT EXECUTE ON FUNCTION "public"."me"() TO "service_role";

GRANT EXECUTE ON FUNCTION "public"."project_analytics"(uuid) TO "authenticated";

REVOKE ALL ON FUNCTION "public"."project_analytics"(uuid) FROM "postgres";

GRANT EXECUTE ON FUNCTION "public"."project_analytics"(uuid) TO "postgres";

GRANT EXECUTE ON FUNCTION "public"."project_analytics"(uuid) TO "service_role";

GRANT EXECUTE ON FUNCTION "public"."reject_flow"(uuid, text) TO "authenticated";

REVOKE ALL ON FUNCTION "public"."reject_flow"(uuid, text) FROM "postgres";

GRANT EXECUTE ON FUNCTION "public"."reject_flow"(uuid, text) TO "postgres";

GRANT EXECUTE ON FUNCTION "public"."reject_flow"(uuid, text) TO "service_role";

GRANT EXECUTE ON FUNCTION "public"."restore_flow"(uuid) TO "authenticated";

REVOKE ALL ON FUNCTION "public"."restore_flow"(uuid) FROM "postgres";

GRANT EXECUTE ON FUNCTION "public"."restore_flow"(uuid) TO "postgres";

GRANT EXECUTE ON FUNCTION "public"."restore_flow"(uuid) TO "service_role";

GRANT EXECUTE ON FUNCTION "public"."restore_flow_revision"(uuid, integer) TO "authenticated";

REVOKE ALL ON FUNCTION "public"."restore_flow_revision"(uuid, integer) FROM "postgres";

GRANT EXECUTE ON FUNCTION "public"."restore_flow_revision"(uuid, integer) TO "postgres";

GRANT EXECUTE ON FUNCTION "public"."restore_flow_revision"(uuid, integer) TO "service_role";

GRANT EXECUTE ON FUNCTION "public"."restore_project"(uuid) TO "authenticated";

REVOKE ALL ON FUNCTION "public"."restore_project"(uuid) FROM "postgres";

GRANT EXECUTE ON FUNCTION "public"."restore_project"(uuid) TO "postgres";

GRANT EXECUTE ON FUNCTION "public"."restore_project"(uuid) TO "service_role";

GRANT EXECUTE ON FUNCTION "public"."search"(text, uuid, public.flow_status[], public.flow_priority[], text, uuid, uuid, text[], integer, integer) TO "authenticated";

REVOKE ALL ON FUNCTION "public"."search"(text, uuid, public.flow_status[], public.flow_priority[], text, uuid, uuid, text[], integer, integer) FROM "postgres";

GRANT EXECUTE ON FUNCTION "public"."search"(text, uuid, public.flow_status[], public.flow_priority[], text, uuid, uuid, text[], integer, integer) TO "postgres";

GRANT EXECUTE ON FUNCTION "public"."search"(text, uuid, public.flow_status[], public.flow_priority[], text, uuid, uuid, text[], integer, integer) TO "service_role";

GRANT EXECUTE ON FUNCTION "public"."submit_for_review"(uuid) TO "authenticated";

REVOKE ALL ON FUNCTION "public"."submit_for_review"(uuid) FROM "postgres";

GRANT EXECUTE ON FUNCTION "public"."submit_for_review"(uuid) TO "postgres";

GRANT EXECUTE ON FUNCTION "public"."submit_for_review"(uuid) TO "service_role";

GRANT EXECUTE ON FUNCTION "public"."transfer_ownership"(uuid, uuid) TO "authenticated";

REVOKE ALL ON FUNCTION "public"."transfer_ownership"(uuid, uuid) FROM "postgres";

GRANT EXECUTE ON FUNCTION "public"."transfer_ownership"(uuid, uuid) TO "postgres";

GRANT EXECUTE ON FUNCTION "public"."transfer_ownership"(uuid, uuid) TO "service_role";

GRANT USAGE ON SCHEMA "private" TO "authenticated", "service_role";

REVOKE ALL ON TABLE "public"."actors" FROM "authenticated";

REVOKE ALL ("custom_fields") ON TABLE "public"."actors" FROM "authenticated";

GRANT INSERT ("custom_fields"), UPDATE ("custom_fields") ON TABLE "public"."actors" TO "authenticated";

REVOKE ALL ("description") ON TABLE "public"."actors" FROM "authenticated";

GRANT INSERT ("description"), UPDATE ("description") ON TABLE "public"."actors" TO "authenticated";

REVOKE ALL ("id") ON TABLE "public"."actors" FROM "authenticated";

GRANT INSERT ("id") ON TABLE "public"."actors" TO "authenticated";

REVOKE ALL ("key") ON TABLE "public"."actors" FROM "authenticated";

GRANT INSERT ("key"), UPDATE ("key") ON TABLE "public"."actors" TO "authenticated";

REVOKE ALL ("kind") ON TABLE "public"."actors" FROM "authenticated";

GRANT INSERT ("kind"), UPDATE ("kind") ON TABLE "public"."actors" TO "authenticated";

REVOKE ALL ("name") ON TABLE "public"."actors" FROM "authenticated";

GRANT INSERT ("name"), UPDATE ("name") ON TABLE "public"."actors" TO "authenticated";

REVOKE ALL ("position") ON TABLE "public"."actors" FROM "authenticated";

GRANT INSERT ("position"), UPDATE ("position") ON TABLE "public"."actors" TO "authenticated";

REVOKE ALL ("project_id") ON TABLE "public"."actors" FROM "authenticated";

GRANT INSERT ("project_id") ON TABLE "public"."actors" TO "authenticated";

GRANT DELETE, SELECT ON TABLE "public"."actors" TO "authenticated";

REVOKE ALL ON TABLE "public"."actors" FROM "postgres";

GRANT DELETE, INSERT, REFERENCES, SELECT, TRIGGER, TRUNCATE, UPDATE ON TABLE "public"."actors" TO "postgres";

REVOKE ALL ON TABLE "public"."actors" FROM "service_role";

GRANT DELETE, INSERT, SELECT, UPDATE ON TABLE "public"."actors" TO "service_role";

REVOKE ALL ON TABLE "public"."audit_log" FROM "authenticated";

GRANT SELECT ON TABLE "public"."audit_log" TO "authenticated";

REVOKE ALL ON TABLE "public"."audit_log" FROM "postgres";

GRANT DELETE, INSERT, REFERENCES, SELECT, TRIGGER, TRUNCATE, UPDATE ON TABLE "public"."audit_log" TO "postgres";

REVOKE ALL ON TABLE "public"."audit_log" FROM "service_role";

GRANT SELECT ON TABLE "public"."audit_log" TO "service_role";

REVOKE ALL ON TABLE "public"."flow_revisions" FROM "authenticated";

GRANT SELECT ON TABLE "public"."flow_revisions" TO "authenticated";

REVOKE ALL ON TABLE "public"."flow_revisions" FROM "postgres";

GRANT DELETE, INSERT, REFERENCES, SELECT, TRIGGER, TRUNCATE, UPDATE ON TABLE "public"."flow_revisions" TO "postgres";

REVOKE ALL ON TABLE "public"."flow_revisions" FROM "service_role";

GRANT SELECT ON TABLE "public"."flow_revisions" TO "service_role";

REVOKE ALL ON TABLE "public"."flows" FROM "authenticated";

REVOKE ALL ("actor_ids") ON TABLE "public"."flows" FROM "authenticated";

GRANT INSERT ("actor_ids"), UPDATE ("actor_ids") ON TABLE "public"."flows" TO "authenticated";

REVOKE ALL ("business_rules") ON TABLE "public"."flows" FROM "authenticated";

GRANT INSERT ("business_rules"), UPDATE ("business_rules") ON TABLE "public"."flows" TO "authenticated";

REVOKE ALL ("custom_fields") ON TABLE "public"."flows" FROM "authenticated";

GRANT INSERT ("custom_fields"), UPDATE ("custom_fields") ON TABLE "public"."flows" TO "authenticated";

REVOKE ALL ("description") ON TABLE "public"."flows" FROM "authenticated";

GRANT INSERT ("description"), UPDATE ("description") ON TABLE "public"."flows" TO "authenticated";

REVOKE ALL ("entry_point") ON TABLE "public"."flows" FROM "authenticated";

GRANT INSERT ("entry_point"), UPDATE ("entry_point") ON TABLE "public"."flows" TO "authenticated";

REVOKE ALL ("error_scenarios") ON TABLE "public"."flows" FROM "authenticated";

GRANT INSERT ("error_scenarios"), UPDATE ("error_scenarios") ON TABLE "public"."flows" TO "authenticated";

REVOKE ALL ("id") ON TABLE "public"."flows" FROM "authenticated";

GRANT INSERT ("id") ON TABLE "public"."flows" TO "authenticated";

REVOKE ALL ("integrations") ON TABLE "public"."flows" FROM "authenticated";

GRANT INSERT ("integrations"), UPDATE ("integrations") ON TABLE "public"."flows" TO "authenticated";

REVOKE ALL ("name") ON TABLE "public"."flows" FROM "authenticated";

GRANT INSERT ("name"), UPDATE ("name") ON TABLE "public"."flows" TO "authenticated";

REVOKE ALL ("notes") ON TABLE "public"."flows" FROM "authenticated";

GRANT INSERT ("notes"), UPDATE ("notes") ON TABLE "public"."flows" TO "authenticated";

REVOKE ALL ("performance_requirements") ON TABLE "public"."flows" FROM "authenticated";

GRANT INSERT ("performance_requirements"), UPDATE ("performance_requirements") ON TABLE "public"."flows" TO "authenticated";

REVOKE ALL ("priority") ON TABLE "public"."flows" FROM "authenticated";

GRANT INSERT ("priority"), UPDATE ("priority") ON TABLE "public"."flows" TO "authenticated";

REVOKE ALL ("project_id") ON TABLE "public"."flows" FROM "authenticated";

GRANT INSERT ("project_id") ON TABLE "public"."flows" TO "authenticated";

REVOKE ALL ("revision") ON TABLE "public"."flows" FROM "authenticated";

GRANT UPDATE ("revision") ON TABLE "public"."flows" TO "authenticated";

REVOKE ALL ("service_domain_id") ON TABLE "public"."flows" FROM "authenticated";

GRANT INSERT ("service_domain_id"), UPDATE ("service_domain_id") ON TABLE "public"."flows" TO "authenticated";

REVOKE ALL ("service_id") ON TABLE "public"."flows" FROM "authenticated";

GRANT INSERT ("service_id"), UPDATE ("service_id") ON TABLE "public"."flows" TO "authenticated";

REVOKE ALL ("status") ON TABLE "public"."flows" FROM "authenticated";

GRANT INSERT ("status"), UPDATE ("status") ON TABLE "public"."flows" TO "authenticated";

REVOKE ALL ("steps") ON TABLE "public"."flows" FROM "authenticated";

GRANT INSERT ("steps"), UPDATE ("steps") ON TABLE "public"."flows" TO "authenticated";

REVOKE ALL ("tags") ON TABLE "public"."flows" FROM "authenticated";

GRANT INSERT ("tags"), UPDATE ("tags") ON TABLE "public"."flows" TO "authenticated";

REVOKE ALL ("trigger_event") ON TABLE "public"."flows" FROM "authenticated";

GRANT INSERT ("trigger_event"), UPDATE ("trigger_event") ON TABLE "public"."flows" TO "authenticated";

REVOKE ALL ("version") ON TABLE "public"."flows" FROM "authenticated";

GRANT INSERT ("version"), UPDATE ("version") ON TABLE "public"."flows" TO "authenticated";

GRANT DELETE, SELECT ON TABLE "public"."flows" TO "authenticated";

REVOKE ALL ON TABLE "public"."flows" FROM "postgres";

GRANT DELETE, INSERT, REFERENCES, SELECT, TRIGGER, TRUNCATE, UPDATE ON TABLE "public"."flows" TO "postgres";

REVOKE ALL ON TABLE "public"."flows" FROM "service_role";

GRANT DELETE, INSERT, SELECT, UPDATE ON TABLE "public"."flows" TO "service_role";

REVOKE ALL ON TABLE "public"."integration_types" FROM "authenticated";

REVOKE ALL ("custom_fields") ON TABLE "public"."integration_types" FROM "authenticated";

GRANT INSERT ("custom_fields"), UPDATE ("custom_fields") ON TABLE "public"."integration_types" TO "authenticated";

REVOKE ALL ("description") ON TABLE "public"."integration_types" FROM "authenticated";

GRANT INSERT ("description"), UPDATE ("description") ON TABLE "public"."integration_types" TO "authenticated";

REVOKE ALL ("id") ON TABLE "public"."integration_types" FROM "authenticated";

GRANT INSERT ("id") ON TABLE "public"."integration_types" TO "authenticated";

REVOKE ALL ("key") ON TABLE "public"."integration_types" FROM "authenticated";

GRANT INSERT ("key"), UPDATE ("key") ON TABLE "public"."integration_types" TO "authenticated";

REVOKE ALL ("name") ON TABLE "public"."integration_types" FROM "authenticated";

GRANT INSERT ("name"), UPDATE ("name") ON TABLE "public"."integration_types" TO "authenticated";

REVOKE ALL ("position") ON TABLE "public"."integration_types" FROM "authenticated";

GRANT INSERT ("position"), UPDATE ("position") ON TABLE "public"."integration_types" TO "authenticated";

REVOKE ALL ("project_id") ON TABLE "public"."integration_types" FROM "authenticated";

GRANT INSERT ("project_id") ON TABLE "public"."integration_types" TO "authenticated";

GRANT DELETE, SELECT ON TABLE "public"."integration_types" TO "authenticated";

REVOKE ALL ON TABLE "public"."integration_types" FROM "postgres";

GRANT DELETE, INSERT, REFERENCES, SELECT, TRIGGER, TRUNCATE, UPDATE ON TABLE "public"."integration_types" TO "postgres";

REVOKE ALL ON TABLE "public"."integration_types" FROM "service_role";

GRANT DELETE, INSERT, SELECT, UPDATE ON TABLE "public"."integration_types" TO "service_role";

REVOKE ALL ON TABLE "public"."profiles" FROM "authenticated";

REVOKE ALL ("name") ON TABLE "public"."profiles" FROM "authenticated";

GRANT UPDATE ("name") ON TABLE "public"."profiles" TO "authenticated";

REVOKE ALL ("role") ON TABLE "public"."profiles" FROM "authenticated";

GRANT UPDATE ("role") ON TABLE "public"."profiles" TO "authenticated";

GRANT SELECT ON TABLE "public"."profiles" TO "authenticated";

REVOKE ALL ON TABLE "public"."profiles" FROM "postgres";

GRANT DELETE, INSERT, REFERENCES, SELECT, TRIGGER, TRUNCATE, UPDATE ON TABLE "public"."profiles" TO "postgres";

REVOKE ALL ON TABLE "public"."profiles" FROM "service_role";

GRANT SELECT, UPDATE ON TABLE "public"."profiles" TO "service_role";

REVOKE ALL ON TABLE "public"."project_members" FROM "authenticated";

REVOKE ALL ("id") ON TABLE "public"."project_members" FROM "authenticated";

GRANT INSERT ("id") ON TABLE "public"."project_members" TO "authenticated";

REVOKE ALL ("project_id") ON TABLE "public"."project_members" FROM "authenticated";

GRANT INSERT ("project_id") ON TABLE "public"."project_members" TO "authenticated";

REVOKE ALL ("role") ON TABLE "public"."project_members" FROM "authenticated";

GRANT INSERT ("role"), UPDATE ("role") ON TABLE "public"."project_members" TO "authenticated";

REVOKE ALL ("user_id") ON TABLE "public"."project_members" FROM "authenticated";

GRANT INSERT ("user_id") ON TABLE "public"."project_members" TO "authenticated";

GRANT DELETE, SELECT ON TABLE "public"."project_members" TO "authenticated";

REVOKE ALL ON TABLE "public"."project_members" FROM "postgres";

GRANT DELETE, INSERT, REFERENCES, SELECT, TRIGGER, TRUNCATE, UPDATE ON TABLE "public"."project_members" TO "postgres";

REVOKE ALL ON TABLE "public"."project_members" FROM "service_role";

GRANT DELETE, INSERT, SELECT, UPDATE ON TABLE "public"."project_members" TO "service_role";

REVOKE ALL ON TABLE "public"."projects" FROM "authenticated";

REVOKE ALL ("custom_fields") ON TABLE "public"."projects" FROM "authenticated";

GRANT INSERT ("custom_fields"), UPDATE ("custom_fields") ON TABLE "public"."projects" TO "authenticated";

REVOKE ALL ("description") ON TABLE "public"."projects" FROM "authenticated";

GRANT INSERT ("description"), UPDATE ("description") ON TABLE "public"."projects" TO "authenticated";

REVOKE ALL ("id") ON TABLE "public"."projects" FROM "authenticated";

GRANT INSERT ("id") ON TABLE "public"."projects" TO "authenticated";

REVOKE ALL ("is_public") ON TABLE "public"."projects" FROM "authenticated";

GRANT INSERT ("is_public"), UPDATE ("is_public") ON TABLE "public"."projects" TO "authenticated";

REVOKE ALL ("name") ON TABLE "public"."projects" FROM "authenticated";

GRANT INSERT ("name"), UPDATE ("name") ON TABLE "public"."projects" TO "authenticated";

REVOKE ALL ("settings") ON TABLE "public"."projects" FROM "authenticated";

GRANT INSERT ("settings"), UPDATE ("settings") ON TABLE "public"."projects" TO "authenticated";

REVOKE ALL ("version") ON TABLE "public"."projects" FROM "authenticated";

GRANT INSERT ("version"), UPDATE ("version") ON TABLE "public"."projects" TO "authenticated";

GRANT DELETE, SELECT ON TABLE "public"."projects" TO "authenticated";

REVOKE ALL ON TABLE "public"."projects" FROM "postgres";

GRANT DELETE, INSERT, REFERENCES, SELECT, TRIGGER, TRUNCATE, UPDATE ON TABLE "public"."projects" TO "postgres";

REVOKE ALL ON TABLE "public"."projects" FROM "service_role";

GRANT DELETE, INSERT, SELECT, UPDATE ON TABLE "public"."projects" TO "service_role";

REVOKE ALL ON TABLE "public"."service_domains" FROM "authenticated";

REVOKE ALL ("custom_fields") ON TABLE "public"."service_domains" FROM "authenticated";

GRANT INSERT ("custom_fields"), UPDATE ("custom_fields") ON TABLE "public"."service_domains" TO "authenticated";

REVOKE ALL ("description") ON TABLE "public"."service_domains" FROM "authenticated";

GRANT INSERT ("description"), UPDATE ("description") ON TABLE "public"."service_domains" TO "authenticated";

REVOKE ALL ("id") ON TABLE "public"."service_domains" FROM "authenticated";

GRANT INSERT ("id") ON TABLE "public"."service_domains" TO "authenticated";

REVOKE ALL ("key") ON TABLE "public"."service_domains" FROM "authenticated";

GRANT INSERT ("key"), UPDATE ("key") ON TABLE "public"."service_domains" TO "authenticated";

REVOKE ALL ("name") ON TABLE "public"."service_domains" FROM "authenticated";

GRANT INSERT ("name"), UPDATE ("name") ON TABLE "public"."service_domains" TO "authenticated";

REVOKE ALL ("position") ON TABLE "public"."service_domains" FROM "authenticated";

GRANT INSERT ("position"), UPDATE ("position") ON TABLE "public"."service_domains" TO "authenticated";

REVOKE ALL ("project_id") ON TABLE "public"."service_domains" FROM "authenticated";

GRANT INSERT ("project_id") ON TABLE "public"."service_domains" TO "authenticated";

GRANT DELETE, SELECT ON TABLE "public"."service_domains" TO "authenticated";

REVOKE ALL ON TABLE "public"."service_domains" FROM "postgres";

GRANT DELETE, INSERT, REFERENCES, SELECT, TRIGGER, TRUNCATE, UPDATE ON TABLE "public"."service_domains" TO "postgres";

REVOKE ALL ON TABLE "public"."service_domains" FROM "service_role";

GRANT DELETE, INSERT, SELECT, UPDATE ON TABLE "public"."service_domains" TO "service_role";

REVOKE ALL ON TABLE "public"."services" FROM "authenticated";

REVOKE ALL ("custom_fields") ON TABLE "public"."services" FROM "authenticated";

GRANT INSERT ("custom_fields"), UPDATE ("custom_fields") ON TABLE "public"."services" TO "authenticated";

REVOKE ALL ("description") ON TABLE "public"."services" FROM "authenticated";

GRANT INSERT ("description"), UPDATE ("description") ON TABLE "public"."services" TO "authenticated";

REVOKE ALL ("domain_id") ON TABLE "public"."services" FROM "authenticated";

GRANT INSERT ("domain_id"), UPDATE ("domain_id") ON TABLE "public"."services" TO "authenticated";

REVOKE ALL ("id") ON TABLE "public"."services" FROM "authenticated";

GRANT INSERT ("id") ON TABLE "public"."services" TO "authenticated";

REVOKE ALL ("key") ON TABLE "public"."services" FROM "authenticated";

GRANT INSERT ("key"), UPDATE ("key") ON TABLE "public"."services" TO "authenticated";

REVOKE ALL ("name") ON TABLE "public"."services" FROM "authenticated";

GRANT INSERT ("name"), UPDATE ("name") ON TABLE "public"."services" TO "authenticated";

REVOKE ALL ("position") ON TABLE "public"."services" FROM "authenticated";

GRANT INSERT ("position"), UPDATE ("position") ON TABLE "public"."services" TO "authenticated";

REVOKE ALL ("project_id") ON TABLE "public"."services" FROM "authenticated";

GRANT INSERT ("project_id") ON TABLE "public"."services" TO "authenticated";

GRANT DELETE, SELECT ON TABLE "public"."services" TO "authenticated";

REVOKE ALL ON TABLE "public"."services" FROM "postgres";

GRANT DELETE, INSERT, REFERENCES, SELECT, TRIGGER, TRUNCATE, UPDATE ON TABLE "public"."services" TO "postgres";

REVOKE ALL ON TABLE "public"."services" FROM "service_role";

GRANT DELETE, INSERT, SELECT, UPDATE ON TABLE "public"."services" TO "service_role";

ALTER DEFAULT PRIVILEGES FOR ROLE "postgres" REVOKE ALL ON FUNCTIONS FROM PUBLIC;

ALTER TABLE "public"."actors"
  ADD COLUMN "created_by" uuid DEFAULT auth.uid();

COMMENT ON COLUMN "public"."actors"."created_by" IS 'Who created the actor; immutable.';

ALTER TABLE "public"."actors"
  ADD COLUMN "updated_by" uuid DEFAULT auth.uid();

COMMENT ON COLUMN "public"."actors"."updated_by" IS 'Who changed the actor last.';

ALTER TABLE "public"."flows"
  ADD COLUMN "created_by" uuid DEFAULT auth.uid();

COMMENT ON COLUMN "public"."flows"."created_by" IS 'Who created the flow; immutable.';

ALTER TABLE "public"."flows"
  ADD COLUMN "updated_by" uuid DEFAULT auth.uid();

COMMENT ON COLUMN "public"."flows"."updated_by" IS 'Who changed the flow last.';

ALTER TABLE "public"."flows"
  ADD COLUMN "search" tsvector GENERATED ALWAYS AS (private.flow_search_vector(name, description, tags, trigger_event, entry_point, steps, business_rules, error_scenarios, notes))
    STORED;

COMMENT ON COLUMN "public"."flows"."search" IS 'Weighted full-text search document (generated).';

COMMENT ON COLUMN "public"."integration_types"."created_by" IS 'Who created the integration type; immutable.';

COMMENT ON COLUMN "public"."integration_types"."updated_by" IS 'Who changed the integration type last.';

ALTER TABLE "public"."project_members"
  ADD COLUMN "added_by" uuid DEFAULT auth.uid();

COMMENT ON COLUMN "public"."project_members"."added_by" IS 'Who added the member; immutable.';

ALTER TABLE "public"."project_members"
  ADD COLUMN "updated_by" uuid DEFAULT auth.uid();

COMMENT ON COLUMN "public"."project_members"."updated_by" IS 'Who changed the membership last.';

ALTER TABLE "public"."projects"
  ADD CONSTRAINT "projects_owner_id_fkey" FOREIGN KEY (owner_id) REFERENCES public.profiles(id) ON DELETE RESTRICT;

CREATE INDEX projects_owner_id_idx ON public.projects USING btree (owner_id);

CREATE POLICY "analysts and admins create projects" ON "public"."projects"
  FOR INSERT
  TO "authenticated"
  WITH CHECK ((( SELECT private.can_create_projects() AS can_create_projects) AND (owner_id = ( SELECT auth.uid() AS uid))));

CREATE POLICY "readers see live projects" ON "public"."projects"
  FOR SELECT
  TO "authenticated"
  USING (((deleted_at IS NULL) AND ((id = ANY (( SELECT private.readable_project_ids() AS readable_project_ids)::uuid[])) OR (owner_id = ( SELECT auth.uid() AS uid)))));

COMMENT ON COLUMN "public"."projects"."owner_id" IS 'The owner: the creator, also an owner member. Cannot be changed through the API (ownership transfer is an RPC).';

COMMENT ON COLUMN "public"."projects"."created_by" IS 'Who created the project; immutable.';

COMMENT ON COLUMN "public"."projects"."updated_by" IS 'Who changed the project last.';

COMMENT ON COLUMN "public"."service_domains"."created_by" IS 'Who created the service domain; immutable.';

COMMENT ON COLUMN "public"."service_domains"."updated_by" IS 'Who changed the service domain last.';

COMMENT ON COLUMN "public"."services"."created_by" IS 'Who created the service; immutable.';

COMMENT ON COLUMN "public"."services"."updated_by" IS 'Who changed the service last.';

ALTER TABLE "public"."actors"
  ADD CONSTRAINT "actors_json_depth_at_most_32" CHECK (private.jsonb_depth_ok(custom_fields));

ALTER TABLE "public"."flows"
  ADD CONSTRAINT "flows_business_rule_ids_unique" CHECK (private.jsonb_object_ids_unique(business_rules));

ALTER TABLE "public"."flows"
  ADD CONSTRAINT "flows_business_rules_are_objects" CHECK (private.jsonb_is_array_of_objects(business_rules));

ALTER TABLE "public"."flows"
  ADD CONSTRAINT "flows_business_rules_have_id_and_description" CHECK (private.jsonb_objects_have_strings(business_rules, ARRAY['id'::text, 'description'::text]));

ALTER TABLE "public"."flows"
  ADD CONSTRAINT "flows_error_scenario_ids_unique" CHECK (private.jsonb_object_ids_unique(error_scenarios));

ALTER TABLE "public"."flows"
  ADD CONSTRAINT "flows_error_scenarios_are_objects" CHECK (private.jsonb_is_array_of_objects(error_scenarios));

ALTER TABLE "public"."flows"
  ADD CONSTRAINT "flows_error_scenarios_have_id_condition_handling"
    CHECK (private.jsonb_objects_have_strings(error_scenarios, ARRAY['id'::text, 'condition'::text, 'handling'::text]));

ALTER TABLE "public"."flows"
  ADD CONSTRAINT "flows_integrations_are_objects" CHECK (private.jsonb_is_array_of_objects(integrations));

ALTER TABLE "public"."flows"
  ADD CONSTRAINT "flows_integrations_fields_are_strings"
    CHECK (private.jsonb_objects_optional_strings(integrations, ARRAY['id'::text, 'description'::text, 'protocol'::text, 'data'::text]));

ALTER TABLE "public"."flows"
  ADD CONSTRAINT "flows_integrations_have_from_to_type" CHECK (private.jsonb_objects_have_strings(integrations, ARRAY['from'::text, 'to'::text, 'type'::text]));

ALTER TABLE "public"."flows"
  ADD CONSTRAINT "flows_json_depth_at_most_32"
    CHECK
    ((private.jsonb_depth_ok(steps) AND private.jsonb_depth_ok(integrations) AND private.jsonb_depth_ok(business_rules) AND private.jsonb_depth_ok(error_scenarios) AND
    private.jsonb_depth_ok(performance_requirements) AND private.jsonb_depth_ok(custom_fields)));

ALTER TABLE "public"."flows"
  ADD CONSTRAINT "flows_performance_requirements_are_valid" CHECK (private.performance_requirements_are_valid(performance_requirements));

ALTER TABLE "public"."flows"
  ADD CONSTRAINT "flows_step_ids_unique" CHECK (private.jsonb_object_ids_unique(steps));

ALTER TABLE "public"."flows"
  ADD CONSTRAINT "flows_steps_are_objects" CHECK (private.jsonb_is_array_of_objects(steps));

ALTER TABLE "public"."flows"
  ADD CONSTRAINT "flows_steps_fields_are_strings"
    CHECK (private.jsonb_objects_optional_strings(steps, ARRAY['description'::text, 'actor'::text, 'service'::text, 'type'::text, 'integration'::text]));

ALTER TABLE "public"."flows"
  ADD CONSTRAINT "flows_steps_have_id_and_name" CHECK (private.jsonb_objects_have_strings(steps, ARRAY['id'::text, 'name'::text]));

ALTER TABLE "public"."flows"
  ADD CONSTRAINT "flows_tags_are_valid" CHECK (private.tags_are_valid(tags));

ALTER TABLE "public"."integration_types"
  ADD CONSTRAINT "integration_types_json_depth_at_most_32" CHECK (private.jsonb_depth_ok(custom_fields));

ALTER TABLE "public"."projects"
  ADD CONSTRAINT "projects_json_depth_at_most_32" CHECK ((private.jsonb_depth_ok(settings) AND private.jsonb_depth_ok(custom_fields)));

ALTER TABLE "public"."service_domains"
  ADD CONSTRAINT "service_domains_json_depth_at_most_32" CHECK (private.jsonb_depth_ok(custom_fields));

ALTER TABLE "public"."services"
  ADD CONSTRAINT "services_json_depth_at_most_32" CHECK (private.jsonb_depth_ok(custom_fields));

CREATE INDEX flows_search_idx ON public.flows USING gin (search);
