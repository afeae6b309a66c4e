-- Run as supabase_admin, the bootstrap superuser, on a fresh cluster: the `postgres` role starts out as a
-- superuser that owns the database, as in supabase/postgres migrations/db/migrate.sh
-- ("create role postgres superuser login …; alter database postgres owner to postgres;"). Owning the database
-- also makes it the owner of the `public` schema (owned by pg_database_owner since PostgreSQL 15).
create role postgres superuser login password 'postgres';
alter database postgres owner to postgres;
-- Supabase Auth's schema owner (init-scripts/00000000000001-auth-schema.sql).
create role supabase_auth_admin noinherit createrole login noreplication;
