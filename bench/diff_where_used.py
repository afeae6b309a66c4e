"""What a revision diff, a where-used and the analytics dashboard cost, as a project member, in SQL.

Builds a scratch database from supabase/migrations on the running stack's server, loads one project with N
flows (16 steps and 2 integrations each; every flow names several services and actors, a worst case for
where-used) and one flow of 200 steps edited once (steps edited, removed, added and moved; rules and SLA
changed; bench/diff_where_used.sql), then times flow_diff, where_used and project_analytics as the project's
owner and prints medians and p95.
Run: .venv/bin/python -m bench.diff_where_used [--flows 2000] [--runs 30]
"""

import argparse
import statistics
import time
from pathlib import Path

import psycopg

from scripts.schema.shadow import build_from_migrations, scratch_database
from scripts.stack.config import StackConfig

PROJECT = "b0000000-0000-4000-8000-000000000001"
OWNER = "b9000000-0000-4000-8000-000000000001"
LONG_FLOW = "b2000000-0000-4000-8000-000000000001"

LOAD = Path(__file__).with_name("diff_where_used.sql")

CASES = {
    "flow_diff, 200 steps, revision 1 -> 2": f"select count(*) from public.flow_diff('{LONG_FLOW}', 1, 2)",
    "where_used, a service": "select count(*) from public.where_used('service', "
    f"(select id from public.services where project_id = '{PROJECT}' and key = 'svc-3'))",
    "where_used, an integration type": "select count(*) from public.where_used('integration_type', "
    f"(select id from public.integration_types where project_id = '{PROJECT}' and key = 'it-1'))",
    "project_analytics": f"select length(public.project_analytics('{PROJECT}')::text)",
}

Connection = psycopg.Connection[tuple[object, ...]]


def _time(conn: Connection, sql: str) -> tuple[float, object]:
    with conn.transaction():
        claims = f'{{"role": "authenticated", "sub": "{OWNER}"}}'
        conn.execute("select set_config('request.jwt.claims', %s, true)", [claims])
        conn.execute("set local role authenticated")
        started = time.perf_counter()
        row = conn.execute(sql).fetchone()
        elapsed = time.perf_counter() - started
    assert row is not None and row[0], "the member saw nothing: the benchmark would measure nothing"
    return elapsed * 1000, row[0]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--flows", type=int, default=2000)
    parser.add_argument("--runs", type=int, default=30)
    args = parser.parse_args()
    cfg = StackConfig()
    with scratch_database(cfg, "flowatlas_bench_diff") as url:
        build_from_migrations(cfg, url)
        with psycopg.connect(url, autocommit=True) as conn:
            started = time.perf_counter()
            values = {"owner": OWNER, "project": PROJECT, "long_flow": LONG_FLOW, "flows": args.flows}
            conn.execute(LOAD.read_text().format(**values).encode())
            print(f"loaded {args.flows + 1} flows in {time.perf_counter() - started:.1f}s")
            for label, sql in CASES.items():
                samples: list[float] = []
                result: object = None
                for _ in range(args.runs):
                    elapsed, result = _time(conn, sql)
                    samples.append(elapsed)
                p95 = statistics.quantiles(samples, n=20)[-1]
                print(
                    f"{label:>40}: median {statistics.median(samples):7.1f} ms  p95 {p95:7.1f} ms  ({result})"
                )


if __name__ == "__main__":
    main()
