-- Written by hand: a database setting, which `db diff` does not see.
--
-- Planner costs for data on SSD or in memory, as on any current host (the default 4 models spinning disks).
-- It matters for row-level security: a policy's `project_id = any ((select private.readable_project_ids()))`
-- is estimated as an array of ten ids, so with `project_id = X` as well the planner expects a few dozen rows of
-- a 2,000-flow project. At random_page_cost 4 it then read the whole project and sorted it for a page of 50 (3 ms);
-- at 1.1 it walks the (project_id, name) index and stops after 50 rows (0.3 ms). New sessions pick it up.
DO $$
BEGIN
  EXECUTE format('ALTER DATABASE %I SET random_page_cost = 1.1', current_database());
END;
$$;
