// A frontend's day in a real browser: Debian's Chromium driven by playwright-core, a page served from a random
// 127.0.0.1 port (so every call to the API is cross-origin), supabase-js loaded in the page as a frontend loads
// it. The documents the edge API renders are then opened by the libraries that display them: Mermaid
// (`mermaid.parse` and `mermaid.render`), mxGraph (`mxCodec` decoding the draw.io model), bpmn-moddle (parsing
// the BPMN file) and bpmn-js (importing and drawing it).
// Run by tests/browser/test_browser.py, which passes SUPABASE_URL, SUPABASE_ANON_KEY, USER_TOKEN (a member)
// and OUTSIDER_TOKEN in the environment, and SCREENSHOT_DIR for pictures of the drawn diagrams.
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";

const here = fileURLToPath(new URL(".", import.meta.url));
const modules = join(here, "..", "..", "node_modules");
// Only these files are served: the page and the libraries' browser builds, from the pinned npm packages.
const FILES = {
  "/": [join(here, "page.html"), "text/html"],
  "/vendor/supabase.js": [join(modules, "@supabase/supabase-js/dist/umd/supabase.js"), "text/javascript"],
  "/vendor/mermaid.min.js": [join(modules, "mermaid/dist/mermaid.min.js"), "text/javascript"],
  "/vendor/mxClient.min.js": [join(modules, "mxgraph/javascript/mxClient.min.js"), "text/javascript"],
  "/vendor/bpmn-viewer.production.min.js": [join(modules, "bpmn-js/dist/bpmn-viewer.production.min.js"), "text/javascript"],
  "/vendor/diagram-js.css": [join(modules, "bpmn-js/dist/assets/diagram-js.css"), "text/css"],
  "/vendor/bpmn-js.css": [join(modules, "bpmn-js/dist/assets/bpmn-js.css"), "text/css"],
};
for (const name of ["bpmn-moddle", "moddle", "moddle-xml", "min-dash", "saxen"]) {
  FILES[`/modules/${name}/dist/index.js`] = [join(modules, name, "dist/index.js"), "text/javascript"];
}

// Names a user may type that break diagram syntaxes unless escaped: quotes, markup, Mermaid keywords and
// comment, statement and label separators, an init directive, emoji.
const HOSTILE = [
  `Quote "double" and 'single'`,
  `<script>alert(1)</script> & <b>bold</b> &amp;`,
  `#hash; semi; end`,
  `end`,
  `Emoji 🚀 | pipe || pipes`,
  `%%{init: {"theme": "forest"}}%% directive`,
  `graph TD; A-->B[x] (y) {z}`,
];

const env = {
  url: process.env.SUPABASE_URL,
  key: process.env.SUPABASE_ANON_KEY,
  token: process.env.USER_TOKEN,
  outsider: process.env.OUTSIDER_TOKEN,
};

let server;
let origin;
let browser;
let profile;
let page;
const pageErrors = [];

before(async () => {
  server = createServer((request, response) => {
    const file = FILES[new URL(request.url, "http://x").pathname];
    if (!file) {
      response.writeHead(404).end();
      return;
    }
    response.writeHead(200, { "content-type": `${file[1]}; charset=utf-8` }).end(readFileSync(file[0]));
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  origin = `http://127.0.0.1:${server.address().port}`;
  profile = mkdtempSync(join(tmpdir(), "flowatlas-chromium-"));
  browser = await chromium.launchPersistentContext(profile, {
    executablePath: "/usr/bin/chromium",
    headless: true,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
  page = browser.pages()[0] ?? (await browser.newPage());
  page.on("pageerror", (error) => pageErrors.push(String(error)));
  await page.goto(`${origin}/`);
});

after(async () => {
  await browser?.close();
  server?.close();
  // Chromium's helper processes may still be writing the profile for a moment after it closes.
  if (profile) rmSync(profile, { recursive: true, force: true, maxRetries: 20, retryDelay: 100 });
});

// Runs `work` in the page with the API's settings; what it returns comes back as JSON.
const inPage = (work, args = {}) => page.evaluate(work, { ...env, ...args });

test("the page runs on another origin than the API, with supabase-js, Mermaid and mxGraph loaded", async () => {
  assert.notEqual(new URL(origin).origin, new URL(env.url).origin);
  const loaded = await inPage(() => ({
    supabase: typeof window.supabase?.createClient,
    mermaid: typeof window.mermaid?.render,
    mxCodec: typeof window.mxCodec,
    BpmnJS: typeof window.BpmnJS,
    BpmnModdle: typeof window.BpmnModdle,
  }));
  assert.deepEqual(loaded, {
    supabase: "function",
    mermaid: "function",
    mxCodec: "function",
    BpmnJS: "function",
    BpmnModdle: "function",
  });
});

test("sign-up reaches Auth across origins and says, as an Auth error, how to sign in locally", async () => {
  const answer = await inPage(async ({ url, key }) => {
    const client = window.supabase.createClient(url, key, { auth: { persistSession: false } });
    const { data, error } = await client.auth.signUp({
      email: `browser.${Date.now()}@tests.flowatlas.test`,
      password: "a long enough password",
      options: { data: { name: "Browser User" } },
    });
    return { user: data.user, name: error?.name, status: error?.status, code: error?.code, message: error?.message };
  });
  // A CORS failure would be an AuthRetryableFetchError with status 0; this is Auth's own error shape.
  assert.equal(answer.user, null);
  assert.equal(answer.name, "AuthApiError");
  assert.equal(answer.status, 422);
  assert.equal(answer.code, "auth_not_running");
  assert.match(answer.message, /flowatlas users token EMAIL/);
});

test("a member creates a project, its registries and a flow with hostile names", async () => {
  const made = await inPage(async ({ url, key, token, hostile }) => {
    const api = window.supabase.createClient(url, key, { accessToken: async () => token });
    window.api = api;
    const fail = (what, error) => {
      throw new Error(`${what}: ${JSON.stringify(error)}`);
    };
    const project = await api.from("projects").insert({ name: `Browser day ${hostile[0]}` }).select().single();
    if (project.error) fail("project", project.error);
    const project_id = project.data.id;
    const actors = await api
      .from("actors")
      .insert(hostile.map((name, i) => ({ project_id, key: `actor-${i}`, name, kind: i % 2 ? "system" : "person" })))
      .select("id, key");
    if (actors.error) fail("actors", actors.error);
    const domain = await api
      .from("service_domains")
      .insert({ project_id, key: "dom", name: hostile[1] })
      .select()
      .single();
    if (domain.error) fail("domain", domain.error);
    const services = await api
      .from("services")
      .insert(hostile.slice(0, 3).map((name, i) => ({ project_id, domain_id: domain.data.id, key: `svc-${i}`, name })))
      .select("id");
    if (services.error) fail("services", services.error);
    const types = await api.from("integration_types").insert({ project_id, key: "rest", name: hostile[4] }).select();
    if (types.error) fail("integration types", types.error);
    const steps = hostile.map((name, i) => ({
      id: `s${i + 1}`,
      name,
      description: hostile[(i + 1) % hostile.length],
      // Every other step names an actor; the rest only a service, or nothing, so lanes of both kinds appear.
      ...(i % 2 === 0 ? { actor: `actor-${i}` } : i % 3 === 0 ? {} : { service: `svc-${i % 3}` }),
    }));
    const flow = await api
      .from("flows")
      .insert({
        project_id,
        name: hostile.join(" "),
        description: hostile[5],
        steps,
        integrations: [
          { id: "i1", from: "s1", to: "s2", type: "rest", description: hostile[2] },
          { id: "i2", from: "s1", to: "s4", type: "rest", description: hostile[6] },
        ],
        business_rules: [{ id: "BR-1", description: hostile[3] }],
        error_scenarios: [
          { id: "E-1", condition: hostile[0], handling: hostile[1], step: "s2" },
          { id: "E-2", condition: hostile[5], handling: hostile[6] },
        ],
        performance_requirements: { response_time_ms: 800, sla: hostile[4] },
        tags: ["browser", "hostile"],
      })
      .select("id, revision, status")
      .single();
    if (flow.error) fail("flow", flow.error);
    window.made = { project_id, flow: flow.data, steps: steps.length };
    return window.made;
  }, { hostile: HOSTILE });
  assert.equal(made.flow.revision, 1);
  assert.equal(made.flow.status, "draft");
  assert.equal(made.steps, HOSTILE.length);
});

test("an update with the revision read succeeds; a stale revision is a 409 the page can show", async () => {
  const result = await inPage(async () => {
    const { flow } = window.made;
    const first = await window.api
      .from("flows")
      .update({ description: "Edited in the browser", revision: flow.revision })
      .eq("id", flow.id)
      .select("revision")
      .single();
    const stale = await window.api
      .from("flows")
      .update({ description: "A stale edit", revision: flow.revision })
      .eq("id", flow.id)
      .select("revision");
    return { revision: first.data?.revision, error: first.error, staleStatus: stale.status, staleCode: stale.error?.code };
  });
  assert.equal(result.error, null);
  assert.equal(result.revision, 2);
  assert.equal(result.staleStatus, 409);
  assert.equal(result.staleCode, "PT409");
});

test("search finds the flow by a word of its steps", async () => {
  const found = await inPage(async () => {
    const { data, error } = await window.api.rpc("search", {
      query: "semi",
      in_project: window.made.project_id,
      kinds: ["flow"],
    });
    return { ids: (data ?? []).map((hit) => hit.id), error };
  });
  assert.equal(found.error, null);
  assert.deepEqual(found.ids, [(await inPage(() => window.made.flow.id))]);
});

test("an outsider's token reads nothing of the project", async () => {
  const seen = await inPage(async ({ url, key, outsider }) => {
    const other = window.supabase.createClient(url, key, { accessToken: async () => outsider });
    const { project_id, flow } = window.made;
    const projects = await other.from("projects").select("id").eq("id", project_id);
    const flows = await other.from("flows").select("id").eq("id", flow.id);
    const drawio = await other.functions.invoke(`flows/${flow.id}/drawio`, { method: "GET" });
    return { projects: projects.data, flows: flows.data, drawioStatus: drawio.response?.status };
  });
  assert.deepEqual(seen, { projects: [], flows: [], drawioStatus: 404 });
});

test("functions.invoke renders the flow and the project across origins", async () => {
  const sizes = await inPage(async () => {
    const { project_id, flow } = window.made;
    const paths = {
      drawio: `flows/${flow.id}/drawio`,
      markdown: `flows/${flow.id}/markdown`,
      mermaid: `flows/${flow.id}/mermaid`,
      projectMarkdown: `projects/${project_id}/markdown`,
      bpmn: `flows/${flow.id}/bpmn`,
    };
    window.docs = {};
    const sizes = {};
    for (const [name, path] of Object.entries(paths)) {
      const { data, error } = await window.api.functions.invoke(path, { method: "GET" });
      if (error) throw new Error(`${path}: ${error.message} ${await error.context?.text?.()}`);
      window.docs[name] = data;
      sizes[name] = typeof data === "string" ? data.length : -1;
    }
    return sizes;
  });
  for (const [name, size] of Object.entries(sizes)) assert.ok(size > 200, `${name}: ${size} characters`);
});

test("every Mermaid diagram parses and renders with mermaid, one node per step", async () => {
  const results = await inPage(async ({ steps }) => {
    window.mermaid.initialize({ startOnLoad: false, securityLevel: "strict" });
    const fenced = (markdown) => [...markdown.matchAll(/```mermaid\n([\s\S]*?)\n```/g)].map((m) => m[1]);
    const diagrams = [
      ["mermaid file", window.docs.mermaid],
      ...fenced(window.docs.markdown).map((text, i) => [`flow markdown block ${i + 1}`, text]),
      ...fenced(window.docs.projectMarkdown).map((text, i) => [`project markdown block ${i + 1}`, text]),
    ];
    const results = [];
    for (const [name, text] of diagrams) {
      try {
        const parsed = await window.mermaid.parse(text);
        const { svg } = await window.mermaid.render(`diagram${results.length}`, text);
        // As a page shows it: mermaid's SVG holds HTML labels, so it is parsed as HTML, not as strict XML.
        const dom = document.createElement("div");
        dom.innerHTML = svg;
        const stepNodes = [...dom.querySelectorAll("g.node")].filter((n) => /step_\d+/.test(n.id)).length;
        const actors = dom.querySelectorAll("rect.actor, g.actor-man, text.actor").length;
        const title = dom.querySelector(".flowchartTitleText")?.textContent ?? null;
        results.push({ name, type: parsed.diagramType, stepNodes, actors, title, error: null });
      } catch (error) {
        results.push({ name, error: String(error?.message ?? error).slice(0, 400) });
      }
    }
    return results;
  }, { steps: HOSTILE.length });
  assert.ok(results.length >= 3, JSON.stringify(results));
  for (const result of results) assert.equal(result.error, null, `${result.name}: ${result.error}`);
  const flowchart = results.find((result) => result.name === "mermaid file");
  assert.equal(flowchart.stepNodes, HOSTILE.length);
  // The title shows once, as typed (angle brackets as ‹ ›): no "&amp;amp;", no closing tag added by a sanitizer.
  const typed = HOSTILE.join(" ").replaceAll("<", "\u2039").replaceAll(">", "\u203a");
  assert.equal(flowchart.title, typed.length <= 200 ? typed : `${typed.slice(0, 199).trimEnd()}\u2026`);
  for (const result of results.filter((r) => r.type === "sequence")) assert.ok(result.actors > 0, result.name);
});

test("the draw.io file decodes with mxCodec: each step a vertex with geometry, each edge joins existing cells", async () => {
  const model = await inPage(() => {
    const doc = window.mxUtils.parseXml(window.docs.drawio);
    const graphModelNode = doc.documentElement.getElementsByTagName("mxGraphModel")[0];
    const model = new window.mxGraphModel();
    new window.mxCodec(doc).decode(graphModelNode, model);
    const cells = Object.values(model.cells);
    const steps = cells.filter((cell) => /^step-\d+$/.test(cell.id));
    const edges = cells.filter((cell) => cell.edge);
    return {
      cells: cells.length,
      steps: steps.map((cell) => ({
        vertex: Boolean(cell.vertex),
        geometry: Boolean(cell.geometry && cell.geometry.width > 0 && cell.geometry.height > 0),
        stepId: cell.value?.getAttribute?.("step_id") ?? null,
      })),
      edges: edges.length,
      dangling: edges
        .filter((edge) => !edge.source || !edge.target || !model.getCell(edge.source.id) || !model.getCell(edge.target.id))
        .map((edge) => edge.id),
    };
  });
  assert.equal(model.steps.length, HOSTILE.length);
  model.steps.forEach((step, i) => assert.deepEqual(step, { vertex: true, geometry: true, stepId: `s${i + 1}` }));
  assert.ok(model.edges >= HOSTILE.length - 1, `${model.edges} edges`);
  assert.deepEqual(model.dangling, []);
});

test("the BPMN file parses with bpmn-moddle without warnings: every step a task in its lane, every error a boundary event", async () => {
  const model = await inPage(async () => {
    const { rootElement, warnings } = await new window.BpmnModdle().fromXML(window.docs.bpmn);
    const process = rootElement.rootElements.find((element) => element.$type === "bpmn:Process");
    const laneOf = {};
    for (const lane of process.laneSets[0].lanes) {
      for (const node of lane.flowNodeRef ?? []) laneOf[node.id] = lane.name;
    }
    const elements = process.flowElements;
    const tasks = elements.filter((e) => e.$type === "bpmn:Task" && e.$attrs["flowatlas:stepId"]);
    return {
      warnings: warnings.map((warning) => warning.message),
      participants: rootElement.rootElements.find((e) => e.$type === "bpmn:Collaboration").participants.length,
      tasks: tasks.map((task) => ({ stepId: task.$attrs["flowatlas:stepId"], lane: laneOf[task.id] })),
      boundaries: elements
        .filter((e) => e.$type === "bpmn:BoundaryEvent")
        .map((e) => ({ on: e.attachedToRef.$attrs["flowatlas:stepId"], error: e.eventDefinitions[0].$type })),
    };
  });
  assert.deepEqual(model.warnings, []);
  assert.equal(model.participants, 1);
  // The steps of the day's flow: even ones name actor-i (a lane named after HOSTILE[i]), steps 4 and 6 (index
  // 3, 5) nothing ("Unassigned" lane, or the service), the others a service.
  assert.deepEqual(
    model.tasks.map((task) => task.stepId),
    HOSTILE.map((_, i) => `s${i + 1}`),
  );
  model.tasks.forEach((task, i) => {
    if (i % 2 === 0) assert.equal(task.lane, HOSTILE[i].replace(/\s+/g, " ").trim(), `step s${i + 1}`);
  });
  assert.deepEqual(model.boundaries, [
    { on: "s2", error: "bpmn:ErrorEventDefinition" },
    { on: "s1", error: "bpmn:ErrorEventDefinition" },
  ]);
});

test("bpmn-js imports and draws the BPMN file: a pool, its lanes, a task per step and handler, no warnings", async () => {
  const drawn = await inPage(async () => {
    const viewer = new window.BpmnJS({ container: "#bpmn" });
    const { warnings } = await viewer.importXML(window.docs.bpmn);
    viewer.get("canvas").zoom("fit-viewport");
    const registry = viewer.get("elementRegistry");
    const count = (type) => registry.filter((element) => element.type === type).length;
    const svgTasks = document.querySelectorAll("#bpmn g.djs-element[data-element-id^='Task_']").length;
    return {
      warnings: warnings.map((warning) => warning.message),
      pools: count("bpmn:Participant"),
      lanes: count("bpmn:Lane"),
      tasks: count("bpmn:Task"),
      boundaries: count("bpmn:BoundaryEvent"),
      svgTasks,
    };
  });
  assert.deepEqual(drawn.warnings, []);
  assert.equal(drawn.pools, 1);
  assert.ok(drawn.lanes >= 4, `${drawn.lanes} lanes`);
  assert.equal(drawn.tasks, HOSTILE.length + 2); // a task per step and one per error scenario's handling
  assert.equal(drawn.boundaries, 2);
  assert.equal(drawn.svgTasks, HOSTILE.length);
  if (process.env.SCREENSHOT_DIR) {
    await page.locator("#bpmn").screenshot({ path: join(process.env.SCREENSHOT_DIR, "flow.bpmn.png") });
  }
});

test("the page threw no uncaught error", () => {
  assert.deepEqual(pageErrors, []);
});
