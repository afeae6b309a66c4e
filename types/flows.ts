// The JSON parts of a flow as the database accepts them, for the frontend: `supabase gen types` can only say `Json`
// for a jsonb column, so `steps: [{ id: 1 }]` type-checked. This file adds the shapes with the override pattern
// supabase-js documents (a Database type that replaces the generated column types), so
// `createClient<Database>(...)` checks them. Written by hand from the database's rule set (private.steps_errors
// and its siblings, behind the flows_*_are_valid constraints); tests/frontend/test_flow_part_types.py fails when
// their required or optional keys differ from these.
// Like the database, every shape allows extra keys.

import type { Database as Generated, Json } from "./database";

/** Keys the database does not know: kept as they are. */
type Extra = { [key: string]: Json | undefined };

/** A step (flows_steps_are_valid); `id` unique within the flow. */
export type Step = Extra & {
  id: string;
  name: string;
  description?: string | null;
  actor?: string | null;
  service?: string | null;
  type?: string | null;
  integration?: string | null;
};

/** An integration (flows_integrations_are_valid). */
export type Integration = Extra & {
  from: string;
  to: string;
  type: string;
  id?: string | null;
  description?: string | null;
  protocol?: string | null;
  data?: string | null;
};

/** A business rule (flows_business_rules_are_valid); `id` unique within the flow. */
export type BusinessRule = Extra & {
  id: string;
  description: string;
};

/** An error scenario (flows_error_scenarios_are_valid); `id` unique within the flow. */
export type ErrorScenario = Extra & {
  id: string;
  condition: string;
  handling: string;
};

/** Performance requirements (flows_performance_requirements_are_valid): numbers >= 0, availability 0-100. */
export type PerformanceRequirements = Extra & {
  response_time_ms?: number | null;
  throughput_per_minute?: number | null;
  availability_percent?: number | null;
  sla?: string | null;
  notes?: string | null;
};

type FlowParts = {
  steps: Step[];
  integrations: Integration[];
  business_rules: BusinessRule[];
  error_scenarios: ErrorScenario[];
  performance_requirements: PerformanceRequirements;
};

type GeneratedFlows = Generated["public"]["Tables"]["flows"];

type Flows = Omit<GeneratedFlows, "Row" | "Insert" | "Update"> & {
  Row: Omit<GeneratedFlows["Row"], keyof FlowParts> & FlowParts;
  Insert: Omit<GeneratedFlows["Insert"], keyof FlowParts> & Partial<FlowParts>;
  Update: Omit<GeneratedFlows["Update"], keyof FlowParts> & Partial<FlowParts>;
};

/** The generated Database with the flow parts typed: pass it to createClient<Database>(). */
export type Database = Omit<Generated, "public"> & {
  public: Omit<Generated["public"], "Tables"> & {
    Tables: Omit<Generated["public"]["Tables"], "flows"> & { flows: Flows };
  };
};

export type { Json };
