"""Flow Atlas benchmarks: every figure a ratio measured side by side in the same run, with medians and p95.

Starts its own stack (default /tmp/fa-bench, ports from 63321, so it never touches the development stack),
loads
the profile's data unless the database already holds it, runs the five benchmark groups, writes
bench/results/PROFILE.md and PROFILE.json, prints the table, and stops what it started.

Run: .venv/bin/python -m bench.run --profile quick     (make bench)
     .venv/bin/python -m bench.run --profile full      (make bench-full)
"""

import argparse
import shutil
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import psycopg

from bench import (
    bare_table,
    case_documents,
    case_http,
    case_rls,
    case_search,
    case_writes,
    machine,
    report,
)
from bench.dataset import Dataset, load
from bench.figures import Figure
from bench.generate import generate
from bench.profiles import PROFILES, Profile
from scripts.stack import stack
from scripts.stack.config import StackConfig
from scripts.stack.errors import StackError


@dataclass(frozen=True)
class Effort:
    """How many samples each group takes; `quick` keeps `make bench` well under 10 minutes."""

    runs: int  # fast requests (RLS, rpc/search over HTTP, PATCH)
    slow_runs: int  # search vs ILIKE (ILIKE reads the whole table)
    batches: int  # insert batches per table (~0.2 s each; with six, two runs said 1.15x and 1.42x)
    http_rounds: int
    http_seconds: int
    document_runs: int


EFFORT = {
    "tiny": Effort(runs=30, slow_runs=3, batches=2, http_rounds=1, http_seconds=2, document_runs=1),
    "quick": Effort(runs=200, slow_runs=3, batches=20, http_rounds=5, http_seconds=3, document_runs=3),
    "full": Effort(runs=300, slow_runs=3, batches=30, http_rounds=8, http_seconds=5, document_runs=3),
}


def _say(line: str) -> None:
    print(f"stack: {line}")


@contextmanager
def bench_stack(cfg: StackConfig, fresh: bool) -> Iterator[None]:
    """The stack up for the run (wiped and rebuilt from the migrations when fresh), stopped afterwards unless
    it was running before. A running stack is used as it is: no migrations are pushed into loaded data."""
    was_running = all(state.pid is not None for state in stack.status(cfg))
    try:
        if fresh:
            stack.reset(cfg, _say)
        elif not was_running:
            stack.up(cfg, _say)
        yield
    except StackError as exc:
        raise SystemExit(
            f"{exc}\n(a bench database built from older migrations: rerun with --fresh)"
        ) from exc
    finally:
        if not was_running:
            stack.down(cfg, _say)


def ensure_data(cfg: StackConfig, profile: Profile) -> Dataset:
    with psycopg.connect(cfg.db_url(), autocommit=True) as conn:
        present = load(conn)
    if present is not None and present.profile == profile.name:
        print(f"reusing the loaded {present.profile} data set ({present.flows:,} flows); --fresh reloads it")
        return present
    if present is not None:
        print(f"the bench database holds the {present.profile} data set: resetting it")
        stack.reset(cfg, _say)
    return generate(cfg.db_url(), profile)


def median_flow(cfg: StackConfig, project_id: str) -> dict[str, Any]:
    """A live flow of the bench project with a typical number of steps (about 30)."""
    with psycopg.connect(cfg.db_url()) as conn:
        row = conn.execute(
            "select id::text, steps from public.flows where project_id = %s and deleted_at is null "
            "order by abs(jsonb_array_length(steps) - 30), id limit 1",
            [project_id],
        ).fetchone()
    if row is None:
        raise RuntimeError("the bench project has no flows")
    return {"id": row[0], "steps": row[1]}


# Programs the benchmarks start, checked before anything is loaded: a missing one costs seconds, not a load.
TOOLS = {
    "wrk": "apt-get install wrk",
    "pgbench": "apt-get install postgresql-client-15",
    "node": "apt-get install nodejs (the Express peer)",
}


def require_tools() -> None:
    """One line naming every missing program and how to get it (`make bench` installs them all)."""
    missing = [f"{tool} ({how})" for tool, how in TOOLS.items() if shutil.which(tool) is None]
    if missing:
        raise SystemExit("error: the benchmarks need " + "; ".join(missing) + " — or run `make bench`")


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    parser.add_argument("--profile", choices=sorted(PROFILES), default="quick")
    parser.add_argument("--fresh", action="store_true", help="reload the data even when it is already there")
    parser.add_argument("--stack-dir", type=Path, default=Path("/tmp/fa-bench"))
    parser.add_argument("--port-base", type=int, default=63321)
    parser.add_argument("--only", nargs="*", choices=["rls", "search", "writes", "http", "documents"])
    args = parser.parse_args()
    require_tools()
    cfg = StackConfig(dir=args.stack_dir, port_base=args.port_base)
    effort = EFFORT[args.profile]
    began = time.perf_counter()
    started = datetime.now(UTC).isoformat(timespec="seconds")
    groups = set(args.only or ["rls", "search", "writes", "http", "documents"])
    figures: list[Figure] = []
    meta: dict[str, object] = {"profile": args.profile, "started": started}
    if args.only:
        meta["only"] = sorted(groups)
    with bench_stack(cfg, args.fresh):
        data = ensure_data(cfg, PROFILES[args.profile])
        meta["flows"] = data.flows
        flow = median_flow(cfg, data.bench_project)
        meta["flow_steps"] = len(flow["steps"])
        if "rls" in groups:
            print("1. RLS cost")
            figures += case_rls.run(cfg, data, flow["id"], effort.runs)
        if "search" in groups:
            print("2. search vs ILIKE")
            found, plan = case_search.run(cfg, data, effort.runs // 8, effort.slow_runs)
            figures += found
            meta["search_plan"] = plan
            meta["search_plan_seq_scan_on_flows"] = "Seq Scan on flows" in plan
            meta["search_plan_uses_gin_index"] = "flows_search_idx" in plan
        if "writes" in groups:
            print("3. writes")
            bare_table.create(cfg.db_url(), data.bench_project, extra_rows=10_000)
            bare_table.wait_exposed(f"http://127.0.0.1:{cfg.postgrest_port}", cfg.service_role_key)
            figures += case_writes.run(cfg, data, flow, effort.runs // 2, effort.batches)
        if "http" in groups:
            print("4. HTTP path")
            figures += case_http.run(cfg, data, flow["id"], effort.http_rounds, effort.http_seconds)
        if "documents" in groups:
            print("5. documents")
            figures += case_documents.run(cfg, data, effort.document_runs)
        described = machine.describe(cfg.db_url())
    meta["seconds"] = time.perf_counter() - began
    path = report.write(figures, described, meta)
    print(path.read_text())


if __name__ == "__main__":
    main()
