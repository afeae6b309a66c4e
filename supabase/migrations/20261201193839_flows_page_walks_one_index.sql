-- Why: a member's page of 50 flows (`project_id = X order by name limit 50`, as PostgREST sends it) read and sorted
-- the whole 2,000-flow project (9.5 ms; 1.9x service_role). The flows policy adds `project_id = any (...)`, which
-- the planner multiplies with `project_id = X` into an estimate of about four rows; with three indexes starting
-- with project_id, "scan (project_id, service_id) and sort four rows" then costs about what "walk (project_id, name)
-- and stop at 50" does, and it took the first, whatever random_page_cost said. Now flows_project_id_idx is the only
-- index that starts with project_id, so the ordered walk is the cheapest plan whatever the estimate (custom and
-- generic plans; checked by supabase/tests/database/015-flows-page-plan.test.sql). It is no longer partial, so it
-- also serves the cascade from projects, which used the service indexes; those are now led by the referenced id.
DROP INDEX "public"."flows_project_id_idx";

DROP INDEX "public"."flows_service_domain_idx";

DROP INDEX "public"."flows_service_idx";

CREATE INDEX flows_project_id_idx ON public.flows USING btree (project_id, name);

CREATE INDEX flows_service_domain_idx ON public.flows USING btree (service_domain_id, project_id);

CREATE INDEX flows_service_idx ON public.flows USING btree (service_id, project_id);
