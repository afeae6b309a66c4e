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
private.is_api_role()
to authenticated, service_role;

-- called by CHECK constraints and the generated search column
grant execute on function
private.jsonb_is_array_of_objects(jsonb),
private.jsonb_objects_have_strings(jsonb, text[]),
private.jsonb_objects_optional_strings(jsonb, text[]),
private.jsonb_object_ids_unique(jsonb),
private.performance_requirements_are_valid(jsonb),
private.tags_are_valid(text[]),
private.jsonb_depth_ok(jsonb),
private.jsonb_numbers_ok(jsonb),
private.flow_search_vector(text, text, text[], text, text, jsonb, jsonb, jsonb, text)
to authenticated, service_role;
