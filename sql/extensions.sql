-- Extensions live in `extensions`, never in `public` (Supabase advisor 0014 extension_in_public).
-- pgcrypto: gen_salt()/crypt() for the demo users of the seed (Supabase ships it; created here only when absent).
-- pg_trgm: trigram index on flow names for typo-tolerant search.

create extension if not exists pgcrypto with schema extensions;
create extension if not exists pg_trgm with schema extensions;
