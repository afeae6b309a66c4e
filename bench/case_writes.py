"""3. Writes: PATCH of a flow through PostgREST with all triggers (stamps, revision, review state, references,
audit, revision history) vs the same PATCH on the trigger-free copy; and bulk insert throughput."""

import json
import random
import time
from functools import partial
from typing import Any

import httpx
import psycopg

from bench import api, content
from bench.dataset import Dataset
from bench.figures import Figure, Goal
from bench.stats import interleaved, summarize, timed_ms
from scripts.stack.config import StackConfig

GOAL = Goal("triggers <= 1.3x trigger-free", max_ratio=1.3)


class Patcher:
    """PATCHes one flow again and again, each time with a real change (a no-op update fires no audit)."""

    def __init__(
        self, http: httpx.Client, cfg: StackConfig, caller: api.Caller, table: str, flow: dict[str, Any]
    ):
        self.http, self.cfg, self.caller, self.table = http, cfg, caller, table
        self.flow_id = flow["id"]
        self.steps: list[dict[str, Any]] = flow["steps"]
        self.count = 0

    def _patch(self, body: dict[str, Any]) -> None:
        self.count += 1
        headers = api.headers(self.cfg, self.caller, Prefer="return=minimal")
        api.checked(self.http.patch(f"/{self.table}?id=eq.{self.flow_id}", json=body, headers=headers))

    def wait_ready(self, timeout: float = 30) -> None:
        """The first PATCHes after a schema reload may still meet the old schema cache (404): retry them."""
        deadline = time.monotonic() + timeout
        while True:
            try:
                self.description()
                return
            except RuntimeError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.5)

    def description(self) -> None:
        self._patch({"description": f"Edited description number {self.count}."})

    def one_step(self) -> None:
        steps = [dict(step) for step in self.steps]
        steps[len(steps) // 2]["name"] = f"Validate order, edit {self.count}"
        self._patch({"steps": steps})


def project_registry(cfg: StackConfig, project_id: str) -> content.Registry:
    """The project's registry entries: the steps of inserted flows name them, as the flows trigger demands."""
    with psycopg.connect(cfg.db_url()) as conn:

        def rows(columns: str, table: str) -> list[Any]:
            sql = f"select {columns} from public.{table} where project_id = %s"  # this module's names
            return conn.execute(sql, [project_id]).fetchall()

        return content.Registry(
            domains=rows("id::text, key, name", "service_domains"),
            services=rows("id::text, domain_id::text, key, name", "services"),
            actors=rows("id::text, kind::text, key, name", "actors"),
            integration_types=rows("id::text, key, name", "integration_types"),
        )


def _flows(registry: content.Registry, project_id: str, start: int, count: int) -> list[dict[str, Any]]:
    rng = random.Random(start)
    rows = []
    for n in range(start, start + count):
        f = content.flow(rng, registry, n)
        rows.append(
            {
                "project_id": project_id,
                "name": f"Inserted {f.name}",
                "description": f.description,
                "tags": f.tags,
                "steps": f.steps,
                "integrations": f.integrations,
                "business_rules": f.business_rules,
                "error_scenarios": f.error_scenarios,
                "performance_requirements": f.performance_requirements,
                "notes": f.notes,
            }
        )
    return rows


def _post(http: httpx.Client, path: str, body: str, headers: dict[str, str]) -> None:
    api.checked(http.post(path, content=body, headers=headers))


def run(cfg: StackConfig, data: Dataset, flow: dict[str, Any], runs: int, batches: int) -> list[Figure]:
    editor = api.user(cfg, "solo", data.solo_user)
    figures: list[Figure] = []
    with api.client(api.postgrest_url(cfg)) as http:
        full, bare = Patcher(http, cfg, editor, "flows", flow), Patcher(http, cfg, editor, "flows_bare", flow)
        bare.wait_ready()
        for name, subject, baseline in (
            ("PATCH description", full.description, bare.description),
            (f"PATCH one step of {len(flow['steps'])}", full.one_step, bare.one_step),
        ):
            result = interleaved({"flows": subject, "bare": baseline}, runs)
            figures.append(
                Figure(
                    "Writes", f"{name}: with triggers vs trigger-free", result["flows"], result["bare"], GOAL
                )
            )
        batch = 50
        samples: dict[str, list[float]] = {"flows": [], "flows_bare": []}
        headers = api.headers(cfg, editor, Prefer="return=minimal")
        registry = project_registry(cfg, data.bench_project)
        for i in range(batches):
            rows = json.dumps(_flows(registry, data.bench_project, 1_000_000 + i * batch, batch))
            for table in ("flows", "flows_bare") if i % 2 == 0 else ("flows_bare", "flows"):
                elapsed = timed_ms(partial(_post, http, f"/{table}", rows, headers))
                samples[table].append(batch / (elapsed / 1000))
        figures.append(
            Figure(
                "Writes",
                f"insert throughput, POST of {batch} flows: with triggers vs trigger-free",
                summarize("flows", samples["flows"], "rows/s"),
                summarize("flows_bare", samples["flows_bare"], "rows/s"),
                GOAL,
                higher_is_better=True,
            )
        )
    return figures
