DROP INDEX "public"."projects_public_idx";

CREATE INDEX projects_public_idx ON public.projects USING btree (id)
  WHERE (is_public AND (deleted_at IS NULL));
