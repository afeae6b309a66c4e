-- Grants: anon has nothing, authenticated only the columns it may write, history tables are read-only,
-- private functions are executable only where granted.
begin;
\ir helpers/auth.sql
select plan(132);

select is_empty(
  $$select t.table_name || ': ' || t.privilege_type from information_schema.role_table_grants t
    where t.table_schema = 'public' and t.grantee in ('anon', 'PUBLIC')$$,
  'anon (and PUBLIC) hold no privilege on any table in public'
);

select is_empty(
  $$select c.table_name || '.' || c.column_name from information_schema.column_privileges c
    where c.table_schema = 'public' and c.grantee in ('anon', 'PUBLIC')$$,
  'anon (and PUBLIC) hold no column privilege in public'
);

select ok(
  not has_table_privilege('authenticated', 'public.' || t, priv),
  'authenticated cannot ' || priv || ' ' || t
)
from unnest(array['audit_log', 'flow_revisions']) as t
cross join unnest(array['insert', 'update', 'delete', 'truncate']) as priv;

select ok(
  not has_table_privilege('service_role', 'public.' || t, priv),
  'service_role cannot ' || priv || ' ' || t
)
from unnest(array['audit_log', 'flow_revisions']) as t
cross join unnest(array['insert', 'update', 'delete', 'truncate']) as priv;

select ok(
  has_table_privilege(r, 'public.' || t, 'select'), r || ' may read ' || t
)
from unnest(array['authenticated', 'service_role']) as r
cross join unnest(array[
  'profiles', 'projects', 'project_members', 'project_invitations', 'project_ownership_offers', 'service_domains',
  'services', 'actors', 'integration_types', 'flows', 'flow_revisions', 'audit_log'
]) as t;

-- Nobody is put into a project, or made its owner, by someone else's write: memberships come from accepted
-- invitations, invitations and ownership offers from their rpcs. The API deletes them (revoke, decline, withdraw).
select ok(
  not has_table_privilege('authenticated', 'public.' || x.t, x.priv), 'authenticated cannot ' || x.priv || ' ' || x.t
)
from (values
  ('project_members', 'insert'), ('project_invitations', 'insert'), ('project_invitations', 'update'),
  ('project_ownership_offers', 'insert'), ('project_ownership_offers', 'update')
) as x (t, priv);
select ok(
  has_table_privilege('authenticated', 'public.' || t, 'delete'), 'authenticated may delete from ' || t
)
from unnest(array['project_invitations', 'project_ownership_offers']) as t;

select ok(
  not has_table_privilege('authenticated', 'public.profiles', priv), 'authenticated cannot ' || priv || ' profiles'
)
from unnest(array['insert', 'delete']) as priv;

select ok(
  not has_table_privilege('authenticated', 'public.' || t, 'truncate'), 'authenticated cannot truncate ' || t
)
from unnest(array[
  'profiles', 'projects', 'project_members', 'service_domains', 'services', 'actors', 'integration_types', 'flows'
]) as t;

-- protected columns: never updatable by authenticated
select ok(
  not has_column_privilege('authenticated', 'public.' || x.t, x.c, 'update'),
  'authenticated cannot update ' || x.t || '.' || x.c
)
from (values
  ('profiles', 'id'), ('profiles', 'email'), ('profiles', 'created_at'), ('profiles', 'updated_at'),
  ('projects', 'id'), ('projects', 'owner_id'), ('projects', 'created_at'), ('projects', 'created_by'),
  ('projects', 'updated_at'), ('projects', 'updated_by'), ('projects', 'deleted_at'), ('projects', 'deleted_by'),
  ('project_members', 'project_id'), ('project_members', 'user_id'), ('project_members', 'added_by'),
  ('project_members', 'added_at'),
  ('service_domains', 'project_id'), ('service_domains', 'created_by'), ('services', 'project_id'),
  ('actors', 'project_id'), ('integration_types', 'project_id'), ('integration_types', 'created_at'),
  ('flows', 'id'), ('flows', 'project_id'), ('flows', 'created_at'), ('flows', 'created_by'),
  ('flows', 'updated_at'), ('flows', 'submitted_by'), ('flows', 'reviewed_by'), ('flows', 'approved_by'),
  ('flows', 'approved_at'), ('flows', 'deleted_at'), ('flows', 'deleted_by')
) as x (t, c);

-- the search documents of flows are read by the search definers only
select ok(
  not has_table_privilege('authenticated', 'private.flow_search', 'select, insert, update, delete')
  and not has_table_privilege('service_role', 'private.flow_search', 'select, insert, update, delete'),
  'no API role reads or writes private.flow_search'
);

-- protected columns: never insertable by authenticated (defaults and triggers fill them)
select ok(
  not has_column_privilege('authenticated', 'public.' || x.t, x.c, 'insert'),
  'authenticated cannot insert ' || x.t || '.' || x.c
)
from (values
  ('projects', 'owner_id'), ('projects', 'created_by'), ('projects', 'deleted_at'), ('project_members', 'added_by'),
  ('flows', 'revision'), ('flows', 'created_by'), ('flows', 'approved_by'), ('flows', 'deleted_at'),
  ('services', 'created_at'),
  -- ids: a chosen id could take over a purged row's audit history or reveal that a private row exists
  ('projects', 'id'), ('project_members', 'id'), ('service_domains', 'id'), ('services', 'id'), ('actors', 'id'),
  ('integration_types', 'id'), ('flows', 'id')
) as x (t, c);

-- editable columns: updatable by authenticated
select ok(
  has_column_privilege('authenticated', 'public.' || x.t, x.c, 'update'),
  'authenticated may update ' || x.t || '.' || x.c
)
from (values
  ('profiles', 'name'), ('projects', 'name'), ('projects', 'is_public'), ('projects', 'settings'),
  ('project_members', 'role'), ('services', 'domain_id'), ('actors', 'kind'), ('flows', 'steps'),
  ('flows', 'status'), ('flows', 'revision')
) as x (t, c);

select ok(
  not has_schema_privilege('anon', 'private', 'usage'), 'anon cannot use the private schema'
);
select ok(
  has_schema_privilege('authenticated', 'private', 'usage'), 'authenticated may use the private schema (policies)'
);
select ok(
  not has_schema_privilege('authenticated', 'private', 'create'), 'authenticated cannot create in the private schema'
);

select is_empty(
  $$select p.oid::regprocedure::text from pg_proc p join pg_namespace n on n.oid = p.pronamespace
    where n.nspname = 'private' and has_function_privilege('anon', p.oid, 'execute')$$,
  'anon cannot execute any private function'
);

select is_empty(
  $$select p.oid::regprocedure::text from pg_proc p join pg_namespace n on n.oid = p.pronamespace
    where n.nspname = 'private' and p.prorettype = 'trigger'::regtype
      and has_function_privilege('authenticated', p.oid, 'execute')$$,
  'authenticated cannot execute trigger functions directly'
);

select ok(
  not has_function_privilege('authenticated', f, 'execute'), 'authenticated cannot execute ' || f
)
from unnest(array[
  'private.tg_audit()', 'private.tg_soft_delete()', 'private.tg_create_profile()', 'private.request_role()'
]) as f;

select ok(
  has_function_privilege('authenticated', f, 'execute'), 'authenticated may execute ' || f || ' (policies call it)'
)
from unnest(array[
  'private.readable_project_ids()', 'private.member_project_ids(public.member_role)', 'private.is_admin()',
  'private.co_member_ids()'
]) as f;

select * from finish();
rollback;
