-- Merge of the invitations and the cheaper write triggers: private.tg_audit now audits updates and deletes only,
-- and inserts are audited once per statement from a transition table, so the invitation and offer tables get the
-- same pair of audit triggers as every other audited table (their inserts would otherwise not be audited).

DROP TRIGGER "_900_audit" ON "public"."project_invitations";

DROP TRIGGER "_900_audit" ON "public"."project_ownership_offers";

CREATE TRIGGER _900_audit_inserts
  AFTER INSERT ON public.project_invitations REFERENCING NEW TABLE AS inserted
  FOR EACH STATEMENT
  EXECUTE FUNCTION private.tg_audit_inserts();

CREATE TRIGGER _900_audit
  AFTER DELETE OR UPDATE ON public.project_invitations
  FOR EACH ROW
  EXECUTE FUNCTION private.tg_audit();

CREATE TRIGGER _900_audit_inserts
  AFTER INSERT ON public.project_ownership_offers REFERENCING NEW TABLE AS inserted
  FOR EACH STATEMENT
  EXECUTE FUNCTION private.tg_audit_inserts();

CREATE TRIGGER _900_audit
  AFTER DELETE OR UPDATE ON public.project_ownership_offers
  FOR EACH ROW
  EXECUTE FUNCTION private.tg_audit();
