-- Who an invitation is for: the caller's confirmed e-mail address. Read from auth.users, not from the JWT or
-- profiles, and only once Auth has confirmed it: where sign-ups are not confirmed, anyone could sign up with
-- someone else's address and claim their invitations.

create function private.caller_confirmed_email()
returns text
language sql
stable
security definer
set search_path = ''
as $$
  select pg_catalog.lower(u.email)
  from auth.users as u
  where u.id = (select auth.uid()) and u.email_confirmed_at is not null
$$;

comment on function private.caller_confirmed_email() is
'The calling user''s e-mail address, lower-case, once Supabase Auth has confirmed it; null otherwise. '
'Invitations (project_invitations.email) are matched against it.';
