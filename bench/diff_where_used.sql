-- Scale data of bench/diff_where_used.py: owner, project, long_flow and flows are filled in by str.format
-- (hence the doubled braces of the JSON literals).
insert into auth.users (id, email, aud, role, created_at, updated_at)
values ('{owner}', 'bench-owner@bench.test', 'authenticated', 'authenticated', now(), now())
on conflict do nothing;
insert into public.profiles (id, email, name) values ('{owner}', 'bench-owner@bench.test', 'Bench owner')
on conflict do nothing;
insert into public.projects (id, name, owner_id) values ('{project}', 'Bench', '{owner}');
insert into public.service_domains (id, project_id, key, name)
values ('b1000000-0000-4000-8000-000000000001', '{project}', 'dom', 'Domain');
insert into public.services (project_id, domain_id, key, name)
select '{project}', 'b1000000-0000-4000-8000-000000000001', 'svc-' || i, 'Service ' || i from generate_series(0, 19) i;
insert into public.actors (project_id, key, name) select '{project}', 'actor-' || i, 'Actor ' || i
from generate_series(0, 9) i;
insert into public.integration_types (project_id, key, name) select '{project}', 'it-' || i, 'Type ' || i
from generate_series(0, 4) i;
insert into public.flows (project_id, name, service_id, steps, integrations)
select '{project}', 'Flow ' || f,
  (select id from public.services where project_id = '{project}' and key = 'svc-' || (f % 20)),
  (select jsonb_agg(jsonb_build_object('id', 's' || s, 'name', 'Step ' || s, 'description', 'Does thing ' || s,
     'actor', 'actor-' || ((f + s) % 10), 'service', 'svc-' || ((f * s) % 20),
     'integration', case when s < 2 then 'i' || s end)) from generate_series(1, 16) s),
  (select jsonb_agg(jsonb_build_object('id', 'i' || i, 'from', 'svc-' || (f % 20), 'to', 'svc-' || ((f + i) % 20),
     'type', 'it-' || (i % 5))) from generate_series(0, 1) i)
from generate_series(1, {flows}) f;
insert into public.flows (id, project_id, name, steps, business_rules, error_scenarios, performance_requirements)
select '{long_flow}', '{project}', 'Long flow',
  (select jsonb_agg(jsonb_build_object('id', 's' || s, 'name', 'Step ' || s, 'description', 'Does thing ' || s,
     'actor', 'actor-' || (s % 10), 'service', 'svc-' || (s % 20)) order by s) from generate_series(1, 200) s),
  (select jsonb_agg(jsonb_build_object('id', 'BR-' || s, 'description', 'Rule ' || s)) from generate_series(1, 30) s),
  (select jsonb_agg(jsonb_build_object('id', 'E-' || s, 'condition', 'C ' || s, 'handling', 'H ' || s))
   from generate_series(1, 30) s),
  '{{"sla": "99.9", "response_time_ms": 200}}';
-- Revision 2: every 10th step renamed, 10 removed, 10 added, 5 moved to the front, a rule dropped, the SLA changed.
update public.flows set
  steps = (select jsonb_agg(y.item order by y.o) from (
      select case when (e.item ->> 'id') in ('s7', 's77', 's100', 's150', 's190') then e.i - 1000 else e.i end as o,
        case when e.i % 10 = 0 then e.item || '{{"name": "Edited"}}' else e.item end as item
      from jsonb_array_elements(steps) with ordinality as e (item, i) where e.i % 20 <> 5
      union all
      select 50 + n, jsonb_build_object('id', 'new' || n, 'name', 'New ' || n) from generate_series(1, 10) n
    ) as y),
  business_rules = business_rules - 0,
  performance_requirements = '{{"sla": "99.95", "notes": "x"}}'
where id = '{long_flow}';
analyze;
