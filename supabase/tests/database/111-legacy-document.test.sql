-- The old app's localStorage document: every field of its shape and where it lands in flowatlas.project/v1, and
-- errors named by the paths of the document the user sent.
begin;
\ir helpers/auth.sql
select plan(5);
select tests.create_world();

-- Every field of the legacy shape (left) and the v1 field it becomes (right). Ids become keys; a flow's id,
-- createdAt and updatedAt are kept in custom_fields.flowatlas_legacy; camelCase becomes snake_case, inside
-- performanceRequirements too; actorId/serviceId of a step become actor/service.
select is(
  private.legacy_to_project_document('{
    "projectName": "Shop", "description": "Project text", "version": "2.0.0", "customFields": {"team": "web"},
    "serviceRegistry": {"domains": [{"id": "sales", "name": "Sales", "description": "D", "customFields": {"c": 1},
      "services": [{"id": "orders", "name": "Orders", "description": "S", "customFields": {"c": 2}}]}]},
    "actorRegistry": {"actors": [{"id": "customer", "name": "Customer", "type": "person", "description": "A",
      "customFields": {"c": 3}}]},
    "integrationTypes": {"types": [{"id": "rest", "name": "REST", "description": "T", "customFields": {"c": 4}}]},
    "flows": [{"id": "flow-1", "name": "Order", "description": "F", "priority": "High", "status": "review",
      "version": "1.1.0", "domainId": "sales", "serviceId": "orders", "entryPoint": "/checkout",
      "triggerEvent": "click", "actors": ["customer"], "tags": ["web"],
      "steps": [{"id": "s1", "name": "Submit", "actorId": "customer", "serviceId": "orders", "type": "action"}],
      "integrations": [{"from": "web", "to": "orders", "type": "rest"}],
      "businessRules": [{"id": "r1", "description": "Rule"}],
      "errorScenarios": [{"id": "e1", "condition": "down", "handling": "retry"}],
      "performanceRequirements": {"responseTimeMs": 300, "throughputPerMinute": 60, "availabilityPercent": 99.9},
      "notes": "N", "customFields": {"c": 5}, "createdAt": "2024-03-01T10:00:00Z", "updatedAt": "2024-03-02T10:00:00Z"}]
  }'),
  '{
    "format": "flowatlas.project/v1",
    "project": {"name": "Shop", "description": "Project text", "version": "2.0.0", "custom_fields": {"team": "web"}},
    "service_domains": [{"key": "sales", "name": "Sales", "description": "D", "position": 0, "custom_fields": {"c": 1}}],
    "services": [{"key": "orders", "domain": "sales", "name": "Orders", "description": "S", "position": 0,
      "custom_fields": {"c": 2}}],
    "actors": [{"key": "customer", "kind": "person", "name": "Customer", "description": "A", "position": 0,
      "custom_fields": {"c": 3}}],
    "integration_types": [{"key": "rest", "name": "REST", "description": "T", "position": 0, "custom_fields": {"c": 4}}],
    "flows": [{"name": "Order", "description": "F", "priority": "High", "status": "in_review", "version": "1.1.0",
      "service_domain": "sales", "service": "orders", "entry_point": "/checkout", "trigger_event": "click",
      "actors": ["customer"], "tags": ["web"],
      "steps": [{"id": "s1", "name": "Submit", "actor": "customer", "service": "orders", "type": "action"}],
      "integrations": [{"from": "web", "to": "orders", "type": "rest"}],
      "business_rules": [{"id": "r1", "description": "Rule"}],
      "error_scenarios": [{"id": "e1", "condition": "down", "handling": "retry"}],
      "performance_requirements": {"response_time_ms": 300, "throughput_per_minute": 60, "availability_percent": 99.9},
      "notes": "N",
      "custom_fields": {"c": 5, "flowatlas_legacy": {"id": "flow-1", "createdAt": "2024-03-01T10:00:00Z",
        "updatedAt": "2024-03-02T10:00:00Z"}}}]
  }'::jsonb,
  'every field of the legacy shape lands in its v1 field; nothing is dropped'
);

select tests.authenticate_as(tests.id('editor'));
select throws_ok(
  $$ select public.import_project('{"flows": [{"name": "Only flows", "businessRules": [{"id": "r1"}]}]}') $$,
  '22023', 'document is invalid at flows[0].businessRules[0].description: must be a non-blank string',
  'a legacy error names the legacy path (businessRules), in a flows-only legacy document too'
);
select throws_ok(
  $$ select public.import_project('{"serviceRegistry": {"domains": [{"id": "a", "name": "A", "services": [{"id": "x", "name": "X"}]},
       {"id": "b", "name": "B"}, {"id": "c", "name": "C", "services": [{"id": "x", "name": "Twice"}]}]}}') $$,
  '22023', 'document is invalid at serviceRegistry.domains[2].services[0].id: duplicate key "x"',
  'a registry error names the entry where the user wrote it'
);
select throws_ok(
  $$ select public.import_project('{"projectName": "P", "flows": [{"name": "F", "serviceId": "missing"}]}') $$,
  '22023', 'document is invalid at flows[0].serviceId: must be the key of one of the services',
  'a missing reference is refused by its legacy path'
);
select throws_ok(
  format('select public.save_project_document(%L, %L)', tests.id('p'),
    '{"actorRegistry": {"actors": [{"id": "a b", "name": " "}]}}'),
  '22023', 'document is invalid at actorRegistry.actors[0].name: must be a non-blank string of at most 255 characters',
  'save_project_document names legacy paths too'
);

select * from finish();
rollback;
