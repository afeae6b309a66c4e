-- project_ownership_offers: the project's owners and the recipient read an offer; the owners withdraw it and the
-- recipient declines it (delete). No insert or update policy: offers are made by rpc transfer_ownership and
-- accepted by rpc accept_ownership only.

create policy "owners and the recipient read ownership offers"
on public.project_ownership_offers
for select
to authenticated
using (
  project_id = any((select private.member_project_ids('owner'))::uuid[])
  or offered_to = (select auth.uid())
);

create policy "owners withdraw ownership offers, the recipient declines"
on public.project_ownership_offers
for delete
to authenticated
using (
  project_id = any((select private.member_project_ids('owner'))::uuid[])
  or offered_to = (select auth.uid())
);
