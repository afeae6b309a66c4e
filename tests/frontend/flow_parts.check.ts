// Type-checked by tests/frontend/test_flow_part_types.py with tsc (no emit): the right shapes pass, and every line
// marked @ts-expect-error must be refused (tsc fails on an expected error that does not happen).
import { createClient } from "@supabase/supabase-js";
import type { Database, Step } from "../../types/flows";

const supabase = createClient<Database>("http://127.0.0.1:54321", "anon-key");

export async function rightShapes(): Promise<string | undefined> {
  await supabase.from("flows").insert({
    project_id: "p",
    name: "Checkout",
    steps: [{ id: "s1", name: "Pay", actor: "customer", owner: "team-a" }],
    integrations: [{ from: "web-shop", to: "payments", type: "rest" }],
    business_rules: [{ id: "r1", description: "Pay first" }],
    error_scenarios: [{ id: "e1", condition: "declined", handling: "retry" }],
    performance_requirements: { response_time_ms: 300, sla: "p95 < 300 ms" },
  });
  const { data } = await supabase.from("flows").select("steps").eq("id", "f").single();
  const steps: Step[] | undefined = data?.steps;
  return steps?.[0]?.name;
}

export async function wrongShapes(): Promise<void> {
  // @ts-expect-error a step id is a string
  await supabase.from("flows").insert({ project_id: "p", name: "n", steps: [{ id: 1, name: "x" }] });
  // @ts-expect-error a step needs a name
  await supabase.from("flows").insert({ project_id: "p", name: "n", steps: [{ id: "s1" }] });
  // @ts-expect-error an integration needs from, to and type
  await supabase.from("flows").update({ integrations: [{ from: "a" }] }).eq("id", "f");
  // @ts-expect-error an availability is a number
  await supabase.from("flows").update({ performance_requirements: { availability_percent: "high" } }).eq("id", "f");
  // @ts-expect-error steps are an array
  await supabase.from("flows").update({ steps: { id: "s1", name: "x" } }).eq("id", "f");
}
