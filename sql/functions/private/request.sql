-- What the current API request says about itself: PostgREST puts the JWT claims in `request.jwt.claims`
-- and the HTTP headers in `request.headers` (JSON, lower-case names). Outside a request these are null.

create function private.request_header(name text)
returns text
language plpgsql
stable
set search_path = ''
as $$
begin
  return (nullif(pg_catalog.current_setting('request.headers', true), '')::jsonb) ->> request_header.name;
exception
  when invalid_text_representation then
    return null;
end;
$$;

comment on function private.request_header(text) is
'The value of an HTTP header of the current PostgREST request (lower-case name), null outside a request.';

create function private.request_ip()
returns inet
language plpgsql
stable
set search_path = ''
as $$
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
$$;

comment on function private.request_ip() is
'Client address of the current request: the first entry of X-Forwarded-For, null when absent or malformed.';

create function private.request_role()
returns text
language plpgsql
stable
set search_path = ''
as $$
-- PL/pgSQL, whose plan lasts the session: as a SQL function every statement calling it (each write's audit, each
-- search) parsed and planned it again, 0.12 ms.
begin
  -- The API role of the request (the JWT "role" claim); outside a request the session user (maintenance).
  return coalesce(nullif(auth.jwt() ->> 'role', ''), session_user::text);
end;
$$;

comment on function private.request_role() is
'The role the current request runs as: the JWT "role" claim (anon, authenticated, service_role), or the session '
'user for direct database sessions. Usable inside security-definer functions, where current_user is the owner.';

create function private.is_api_role()
returns boolean
language plpgsql
stable
set search_path = ''
as $$
begin
  return current_user in ('anon', 'authenticated', 'service_role');  -- PL/pgSQL: see private.request_role
end;
$$;

comment on function private.is_api_role() is
'True when the statement runs as an API role (anon, authenticated, service_role). False for the owner, i.e. '
'migrations, the seed and security-definer functions: the trusted maintenance path. Call only from security '
'invoker code: inside a definer function current_user is the owner.';
