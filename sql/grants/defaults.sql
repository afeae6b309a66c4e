-- Supabase grants everything created in `public` to anon, authenticated and service_role, and every function to
-- PUBLIC. Undo that for what postgres (our migrations) creates from here on, so that each object gets exactly the
-- grants written in sql/grants/. Applied before any table or function is created.

alter default privileges for role postgres in schema public revoke all on tables from anon, authenticated;
alter default privileges for role postgres in schema public revoke all on sequences from anon, authenticated;
alter default privileges for role postgres in schema public revoke all on functions from anon, authenticated;
alter default privileges for role postgres revoke execute on functions from public;
