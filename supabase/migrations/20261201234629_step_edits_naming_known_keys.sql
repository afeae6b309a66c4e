-- An edit of a flow's steps that names no key the live flow did not name already (a step renamed, described or
-- reordered: most PATCHes of steps) skips the reference lookup (issue 15: a PATCH of one step cost 1.34x-1.48x
-- of the trigger-free copy, and the lookup under row-level security was a part of it). The keys it keeps still
-- hold: a key that a live step names cannot be renamed nor its entry deleted (_520_key_in_use_*). A new key is
-- looked up as before.

SET local check_function_bodies = off;

CREATE OR REPLACE FUNCTION private.tg_flow_step_references()
  RETURNS TRIGGER
  LANGUAGE plpgsql
  SET search_path TO ''
  AS $function$
begin
  -- Most edits of steps name no key the live flow did not name already (a step renamed, described, reordered):
  -- those keys still hold, since a key a live step names cannot be renamed or deleted, so there is nothing to
  -- look up.
  if old.deleted_at is null
    and pg_catalog.jsonb_path_query_array(old.steps, '$[*].actor')
      @> pg_catalog.jsonb_path_query_array(new.steps, '$[*].actor')
    and pg_catalog.jsonb_path_query_array(old.steps, '$[*].service')
      @> pg_catalog.jsonb_path_query_array(new.steps, '$[*].service') then
    return new;
  end if;
  if private.steps_name_missing_entries(array[new.project_id], array[new.steps]) then
    perform private.valid_or_raise(
      private.step_reference_errors(new.project_id, new.steps), 'flows_steps_name_registry_entries', 'flows'
    );
  end if;
  return new;
end;
$function$;
