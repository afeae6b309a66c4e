// A frontend's day with @supabase/supabase-js, as the React app does it: no service key, the user's token only.
// Run by tests/frontend/test_supabase_js.py, which signs the user up and passes SUPABASE_URL,
// SUPABASE_ANON_KEY and USER_TOKEN in the environment. Node 20 needs --experimental-websocket for realtime-js.
import assert from "node:assert/strict";
import { test } from "node:test";
import { createClient } from "@supabase/supabase-js";

const supabase = createClient(process.env.SUPABASE_URL, process.env.SUPABASE_ANON_KEY, {
  accessToken: async () => process.env.USER_TOKEN,
});

let project;
let flow;

test("create a project and list my projects with their members embedded", async () => {
  const created = await supabase.from("projects").insert({ name: "Frontend day" }).select().single();
  assert.equal(created.error, null);
  project = created.data;
  const listed = await supabase.from("projects").select("id, name, project_members(role)").eq("id", project.id);
  assert.equal(listed.error, null);
  assert.deepEqual(listed.data, [{ id: project.id, name: "Frontend day", project_members: [{ role: "owner" }] }]);
});

test("create a flow with steps", async () => {
  const created = await supabase
    .from("flows")
    .insert({
      project_id: project.id,
      name: "Refund a damaged parcel",
      steps: [
        { id: "s1", name: "Customer reports the damage" },
        { id: "s2", name: "Support issues the refund" },
      ],
      business_rules: [{ id: "r1", description: "Refunds above 500 EUR need a second approval" }],
    })
    .select("id, revision, status")
    .single();
  assert.equal(created.error, null);
  flow = created.data;
  assert.equal(flow.revision, 1);
  assert.equal(flow.status, "draft");
});

test("update with the revision read succeeds; a stale revision is a 409 conflict", async () => {
  const first = await supabase
    .from("flows")
    .update({ description: "Parcel arrived broken", revision: flow.revision })
    .eq("id", flow.id)
    .select("revision")
    .single();
  assert.equal(first.error, null);
  assert.equal(first.data.revision, 2);
  const stale = await supabase
    .from("flows")
    .update({ description: "Someone else's edit", revision: flow.revision })
    .eq("id", flow.id)
    .select("revision");
  assert.equal(stale.status, 409);
  assert.equal(stale.error.code, "PT409");
  assert.match(stale.error.message, /changed since you read it/);
});

test("search finds the flow with a highlighted snippet", async () => {
  const found = await supabase.rpc("search", { query: "refund", in_project: project.id });
  assert.equal(found.error, null);
  assert.equal(found.data.length, 1);
  assert.equal(found.data[0].id, flow.id);
  assert.match(found.data[0].snippet, /<mark>Refund/i);
});

test("analytics count the flow and list its gaps", async () => {
  const analytics = await supabase.rpc("project_analytics", { project_id: project.id });
  assert.equal(analytics.error, null);
  assert.equal(analytics.data.flow_count, 1);
  assert.equal(analytics.data.by_status.draft, 1);
  assert.equal(analytics.data.gaps.flows_without_error_scenarios[0].id, flow.id);
});
