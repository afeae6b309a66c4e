-- Who an invitation is for: the caller's confirmed e-mail address. Read from auth.users, not from the JWT or
-- profiles, and only once Auth has confirmed it: where sign-ups are not confirmed, anyone could sign up with
-- someone else's address and claim their invitations.

create function private.caller_confirmed_email()
returns text
language plpgsql
stable
security definer
set search_path = ''
as $$
-- PL/pgSQL, as every function a policy calls (see private.effective_member_role): its plan lasts the session.
declare
  uid constant uuid := auth.uid();
begin
  return (
    select pg_catalog.lower(u.email)
    from auth.users as u
    where u.id = uid and u.email_confirmed_at is not null
  );
end;
$$;

comment on function private.caller_confirmed_email() is
'The calling user''s e-mail address, lower-case, once Supabase Auth has confirmed it; null otherwise. '
'Invitations (project_invitations.email) are matched against it.';
