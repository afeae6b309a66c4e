-- The shape of the schema: tables, RLS everywhere, pinned search paths, indexed foreign keys, comments.
begin;
\ir helpers/auth.sql
select plan(123);

select has_table('public', t, 'table public.' || t || ' exists')
from unnest(array[
  'profiles', 'projects', 'project_members', 'project_invitations', 'project_ownership_offers', 'service_domains',
  'services', 'actors', 'integration_types', 'flows', 'flow_revisions', 'audit_log'
]) as t;

select tables_are(
  'public',
  array[
    'profiles', 'projects', 'project_members', 'project_invitations', 'project_ownership_offers', 'service_domains',
    'services', 'actors', 'integration_types', 'flows', 'flow_revisions', 'audit_log'
  ],
  'public holds exactly the twelve Flow Atlas tables'
);

select is_empty(
  $$select c.relname from pg_class c join pg_namespace n on n.oid = c.relnamespace
    where n.nspname = 'public' and c.relkind in ('r', 'p') and not c.relrowsecurity$$,
  'every table in public has row-level security enabled'
);

select is_empty(
  $$select p.oid::regprocedure::text from pg_proc p join pg_namespace n on n.oid = p.pronamespace
    where n.nspname in ('public', 'private')
      and not exists (select 1 from unnest(coalesce(p.proconfig, '{}')) c where c like 'search_path=%')$$,
  'every function in public and private pins its search_path'
);

-- Supabase Auth's request helpers pin none, so Postgres inlines them; the local stack defines them the same way
-- (pinned, each statement calling auth.uid() planned its body again: 70 us).
select is_empty(
  $$select p.oid::regprocedure::text from pg_proc p
    where p.pronamespace = 'auth'::regnamespace and p.proname in ('uid', 'role', 'email', 'jwt')
      and (p.proconfig is not null or p.prolang <> (select l.oid from pg_language l where l.lanname = 'sql'))$$,
  'auth.uid(), role(), email() and jwt() are plain SQL functions without settings, as Supabase defines them'
);

-- Written on every edit of a flow: its columns, its search document, its revision and its audit entry. lz4
-- compresses them at a fraction of pglz's CPU (db diff does not see compression: this is its check).
select is_empty(
  $$select a.attrelid::regclass || '.' || a.attname from pg_attribute as a
    where a.attnum > 0 and not a.attisdropped and a.attstorage <> 'p' and a.attcompression <> 'l'
      and (a.attrelid in ('public.flows'::regclass, 'private.flow_search'::regclass)
        or (a.attrelid, a.attname) in (
          ('public.flow_revisions'::regclass, 'content'), ('public.audit_log'::regclass, 'changes')
        ))$$,
  'the columns of flows and flow_search, flow_revisions.content and audit_log.changes are compressed with lz4'
);

-- Postgres never inlines a SQL function with settings, and plans its body again in every statement that calls it
-- (55-60 us for the effective role rule, half of each write policy's membership lookup). Whatever a policy or a
-- trigger calls, directly or through the functions it calls, is PL/pgSQL then, whose plans last the session.
select is_empty(
  $$with recursive called (name) as (
      select m[1] collate "C"
      from pg_policy as pol
      cross join lateral regexp_matches(
        coalesce(pg_get_expr(pol.polqual, pol.polrelid), '') || ' '
        || coalesce(pg_get_expr(pol.polwithcheck, pol.polrelid), ''),
        '(private\.\w+)\(', 'g'
      ) as m
      union
      select ('private.' || p.proname) collate "C"
      from pg_trigger as t join pg_proc as p on p.oid = t.tgfoid
      where not t.tgisinternal and p.pronamespace = 'private'::regnamespace
      union
      select m[1] collate "C"
      from called as c
      join pg_proc as p on p.pronamespace = 'private'::regnamespace and 'private.' || p.proname = c.name
      cross join lateral regexp_matches(p.prosrc, '(private\.\w+)\(', 'g') as m
    )
    select p.oid::regprocedure::text
    from called as c
    join pg_proc as p on p.pronamespace = 'private'::regnamespace and 'private.' || p.proname = c.name
    where p.prolang = (select l.oid from pg_language as l where l.lanname = 'sql') and p.proconfig is not null$$,
  'no function that a policy or trigger calls, directly or not, is a SQL function with settings (planned per call)'
);

select is_empty(
  $$select p.oid::regprocedure::text from pg_proc p join pg_namespace n on n.oid = p.pronamespace
    where n.nspname = 'public' and p.prosecdef$$,
  'no security-definer function lives in the exposed public schema'
);

select is_empty(
  $$select c.conrelid::regclass || '.' || c.conname from pg_constraint c
    join pg_namespace n on n.oid = c.connamespace
    where c.contype = 'f' and n.nspname = 'public'
      and not exists (
        select 1 from pg_index i
        where i.indrelid = c.conrelid
          and (i.indkey::int2[])[0:cardinality(c.conkey) - 1] @> c.conkey
          and (i.indkey::int2[])[0:cardinality(c.conkey) - 1] <@ c.conkey
      )$$,
  'every foreign key in public is backed by an index'
);

select is_empty(
  $$select c.relname from pg_class c join pg_namespace n on n.oid = c.relnamespace
    where n.nspname = 'public' and c.relkind = 'r' and obj_description(c.oid, 'pg_class') is null$$,
  'every table in public has a comment'
);

select is_empty(
  $$select c.relname || '.' || a.attname from pg_attribute a
    join pg_class c on c.oid = a.attrelid join pg_namespace n on n.oid = c.relnamespace
    where n.nspname = 'public' and c.relkind = 'r' and a.attnum > 0 and not a.attisdropped
      and col_description(c.oid, a.attnum) is null$$,
  'every column in public has a comment'
);

select is_empty(
  $$select p.oid::regprocedure::text from pg_proc p join pg_namespace n on n.oid = p.pronamespace
    where n.nspname = 'private' and obj_description(p.oid, 'pg_proc') is null$$,
  'every private function has a comment'
);

select is_empty(
  $$select n.nspname || '.' || p.proname from pg_proc p join pg_namespace n on n.oid = p.pronamespace
    where n.nspname in ('public', 'private') and p.prokind = 'f' and p.provolatile = 'v'
      and p.prorettype <> 'trigger'::regtype and p.proname not like 'tg\_%'
      -- The functions that write (rpc calls with side effects and their trusted paths) are volatile on purpose.
      and p.proname not in (
        'audit_event', 'export_project', 'import_project', 'import_project_document', 'add_member',
        'invite_by_email', 'accept_invitation', 'accept_invitation_as_caller', 'transfer_ownership',
        'offer_project_ownership', 'accept_ownership', 'accept_project_ownership', 'restore_deleted_project',
        'restore_deleted_flow',
        'restore_project', 'restore_flow', 'restore_flow_revision', 'duplicate_project', 'duplicate_flow',
        'set_flow_status', 'submit_for_review', 'approve_flow', 'reject_flow', 'sign_up_user',
        'insert_flow_rows', 'update_flow_content', 'first_flow_error', 'save_project_document', 'save_registries',
        'copy_flows'
      )$$,
  'only the functions that write are volatile; every other declares stable or immutable'
);

select has_extension('extensions', 'pg_trgm', 'pg_trgm is installed in the extensions schema');
select has_extension('extensions', 'pgcrypto', 'pgcrypto is installed in the extensions schema');
select has_schema('private', 'the private schema exists');

select enum_has_labels('public', 'global_role', array['analyst', 'admin', 'viewer'], 'global roles are analyst, admin, viewer');
select enum_has_labels('public', 'member_role', array['viewer', 'editor', 'owner'], 'member roles rank viewer < editor < owner');
select enum_has_labels('public', 'actor_kind', array['person', 'system', 'external'], 'actor kinds are person, system, external');
select enum_has_labels(
  'public', 'flow_priority', array['Low', 'Medium', 'High', 'Critical'], 'flow priorities are Low, Medium, High, Critical'
);
select enum_has_labels(
  'public', 'flow_status', array['draft', 'in_review', 'approved', 'deprecated'],
  'flow statuses are draft, in_review, approved, deprecated'
);

select col_is_pk('public', t, 'id', 'public.' || t || '.id is the primary key')
from unnest(array[
  'profiles', 'projects', 'project_members', 'project_invitations', 'project_ownership_offers', 'service_domains',
  'services', 'actors', 'integration_types', 'flows', 'flow_revisions', 'audit_log'
]) as t;

select col_type_is('public', t, 'id', 'uuid', 'public.' || t || '.id is a uuid')
from unnest(array[
  'profiles', 'projects', 'project_members', 'project_invitations', 'project_ownership_offers', 'service_domains',
  'services', 'actors', 'integration_types', 'flows', 'flow_revisions', 'audit_log'
]) as t;

select has_column('public', t, 'project_id', 'tenant table public.' || t || ' has project_id')
from unnest(array[
  'project_members', 'project_invitations', 'project_ownership_offers', 'service_domains', 'services', 'actors',
  'integration_types', 'flows', 'flow_revisions', 'audit_log'
]) as t;

select has_trigger('public', t, '_900_audit', 'public.' || t || ' is audited')
from unnest(array[
  'profiles', 'projects', 'project_members', 'project_invitations', 'project_ownership_offers', 'service_domains',
  'services', 'actors', 'integration_types', 'flows'
]) as t;

select has_trigger('public', t, '_900_audit_inserts', 'public.' || t || ' audits its inserts once per statement')
from unnest(array[
  'profiles', 'projects', 'project_members', 'project_invitations', 'project_ownership_offers', 'service_domains',
  'services', 'actors', 'integration_types', 'flows'
]) as t;

select has_trigger('public', t, '_200_stamp', 'public.' || t || ' stamps updated_at and the user columns')
from unnest(array[
  'profiles', 'projects', 'project_members', 'service_domains', 'services', 'actors', 'integration_types', 'flows'
]) as t;

select has_trigger('public', t, '_100_protect_columns', 'public.' || t || ' protects its immutable columns')
from unnest(array[
  'profiles', 'projects', 'project_members', 'service_domains', 'services', 'actors', 'integration_types', 'flows'
]) as t;

select has_trigger('public', t, '_100_soft_delete', 'public.' || t || ' soft-deletes')
from unnest(array['projects', 'flows']) as t;

select has_trigger('public', t, '_100_append_only', 'public.' || t || ' is append-only')
from unnest(array['audit_log', 'flow_revisions']) as t;

select has_trigger('public', 'flows', tg, 'flows has trigger ' || tg)
from unnest(array['_300_revision', '_400_review_state', '_500_check_references', '_800_keep_revision']) as tg;

select has_trigger('auth', 'users', 'on_auth_user_created', 'auth.users creates a profile for each new user');

select policies_are('public', 'profiles', array[
  'users read own, co-member and (admins) all profiles', 'users edit own profile, admins any'
], 'profiles has exactly its select and update policies');
select policies_are('public', 'projects', array[
  'readers see live projects', 'analysts and admins create projects', 'owners edit projects', 'owners delete projects'
], 'projects has one policy per command');
select policies_are('public', 'project_members', array[
  'members read the member list', 'owners change member roles', 'owners remove members, members leave'
], 'project_members has no insert policy: nobody is put into a project by someone else');
select policies_are('public', 'project_invitations', array[
  'owners and the invitee read invitations', 'owners revoke invitations, the invitee declines'
], 'project_invitations is read and deleted through the API, written by its rpcs only');
select policies_are('public', 'project_ownership_offers', array[
  'owners and the recipient read ownership offers', 'owners withdraw ownership offers, the recipient declines'
], 'project_ownership_offers is read and deleted through the API, written by its rpcs only');
select policies_are('public', 'flows', array[
  'readers see live flows', 'editors create flows', 'editors edit flows', 'editors delete flows'
], 'flows has one policy per command');
select policies_are('public', 'flow_revisions', array['members read flow revisions'], 'flow_revisions only has a read policy');
select policies_are('public', 'audit_log', array['members read the audit log'], 'audit_log only has a read policy');

select is_empty(
  $$select tablename || ': ' || policyname from pg_policies
    where schemaname = 'public' and not (roles @> array['authenticated']::name[] or roles @> array['anon']::name[])$$,
  'every policy names its role (authenticated or anon), none applies to public'
);

select is_empty(
  $$select tablename || ': ' || policyname from pg_policies
    where schemaname = 'public' and (coalesce(qual, '') || coalesce(with_check, '')) ~* '(?<!select )auth\.uid\(\)'$$,
  'every policy wraps auth.uid() in a scalar subquery'
);

-- The migration sets these by hand (db diff does not compare compression): check it did.
select is(
  (select pg_catalog.string_agg(a.attname::text || '=' || a.attcompression::text, ', ' order by a.attname)
    from pg_catalog.pg_attribute as a
    where (a.attrelid, a.attname) in (('public.audit_log'::regclass, 'changes'), ('public.flow_revisions'::regclass, 'content'))),
  'changes=l, content=l',
  'the history columns written on every change are compressed with lz4'
);

-- Planner costs for SSD or memory: with the default 4 a member's page of a large project read and sorted the
-- whole project (see the migration planner_random_page_cost_for_ssd).
select is(current_setting('random_page_cost'), '1.1', 'the database plans for data on SSD or in memory');

select * from finish();
rollback;
