-- Schemas. `public` is what PostgREST exposes (tables under RLS); `private` is never exposed and holds the
-- security-definer helpers the policies call, the validation functions the CHECK constraints call and the
-- trigger functions. Nothing in `private` is executable unless granted function by function (sql/grants/).

create schema if not exists private;

comment on schema private is
'Flow Atlas internals: membership helpers for policies, JSON validation for CHECK constraints, trigger functions. '
'Never exposed through the API.';

revoke all on schema private from public;
revoke all on schema private from anon;
revoke all on schema private from authenticated;
