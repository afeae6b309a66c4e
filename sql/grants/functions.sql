-- Function grants. Nothing in `private` is executable by default; a role gets exactly the functions its
-- policies, CHECK constraints, generated columns and security-invoker triggers call as that role. Trigger
-- functions themselves need no grant (triggers call them without a privilege check).

revoke all on all functions in schema private from public, anon, authenticated, service_role;
revoke all on all functions in schema public from public, anon, authenticated;

grant usage on schema private to authenticated, service_role;

-- called by policies (membership) and by invoker triggers
grant execute on function
private.global_role(),
private.is_admin(),
private.can_create_projects(),
private.effective_member_role(public.global_role, public.member_role),
private.role_in_project(uuid),
private.project_role(uuid),
private.member_project_ids(public.member_role),
private.readable_project_ids(),
private.co_member_ids(),
private.caller_confirmed_email(),
private.is_api_role()
to authenticated, service_role;

-- called by domains, CHECK constraints and the generated search column
grant execute on function
private.is_registry_key(text),
private.is_display_name(text),
private.is_version_label(text),
private.document_error(text, text),
private.valid_or_raise(jsonb, text, text),
private.is_text_of(jsonb, integer),
private.json_objects_shape(text[], text[], boolean, integer),
private.json_objects_errors(jsonb, text, private.json_objects_shape),
private.steps_errors(jsonb, text),
private.integrations_errors(jsonb, text),
private.business_rules_errors(jsonb, text),
private.error_scenarios_errors(jsonb, text),
private.performance_requirements_errors(jsonb, text),
private.tags_errors(jsonb, text),
private.jsonb_depth_ok(jsonb),
private.jsonb_numbers_ok(jsonb),
private.flow_search_vector(text, text, text[], text, text, jsonb, jsonb, jsonb, text)
to authenticated, service_role;
