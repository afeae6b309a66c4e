-- Invitations and ownership offers are audited like memberships: who invited or offered, who revoked, declined or
-- withdrew (the actor of the delete), in the project's audit log.

create trigger _900_audit after update or delete on public.project_invitations
for each row execute function private.tg_audit();
create trigger _900_audit after update or delete on public.project_ownership_offers
for each row execute function private.tg_audit();
create trigger _900_audit_inserts after insert on public.project_invitations
referencing new table as inserted
for each statement execute function private.tg_audit_inserts();
create trigger _900_audit_inserts after insert on public.project_ownership_offers
referencing new table as inserted
for each statement execute function private.tg_audit_inserts();
