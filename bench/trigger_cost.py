"""Where the write time of a flow goes: per-trigger-function time of N updates and N inserts, as an editor.

Uses track_functions = 'pl' and pg_stat_xact_user_functions inside rolled-back transactions, next to the same
statements on public.flows_bare (created by `bench.run --only writes`). Needs the bench stack with data.
Run: .venv/bin/python -m bench.trigger_cost [--runs N]
"""

import argparse
import time

import psycopg

from bench.dataset import load
from bench.sql_session import Connection, acting_as
from scripts.stack.config import StackConfig

UPDATE = "update public.{table} set description = %s where id = %s"
INSERT = (
    "insert into public.{table} (project_id, name, steps) "
    "select project_id, name || ' copy', steps from public.flows where id = %s"
)
FUNCTIONS = """
select schemaname || '.' || funcname, calls, total_time, self_time from pg_stat_xact_user_functions
"""
Stats = dict[str, tuple[int, float, float]]


def _snapshot(conn: Connection) -> Stats:
    rows = conn.execute(FUNCTIONS).fetchall()
    return {str(name): (int(str(c)), float(str(t)), float(str(s))) for name, c, t, s in rows}


def _profile(conn: Connection, user: str, table: str, statement: str, flow: str, runs: int) -> float:
    started = time.perf_counter()
    for n in range(runs):
        args = [f"profiled edit {n}", flow] if statement == UPDATE else [flow]
        conn.execute(statement.format(table=table), args)
    return (time.perf_counter() - started) * 1000 / runs


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    parser.add_argument("--runs", type=int, default=100)
    args = parser.parse_args()
    cfg = StackConfig()
    with psycopg.connect(cfg.db_url(), autocommit=True) as conn:
        data = load(conn)
        if data is None:
            raise SystemExit("no bench data: run .venv/bin/python -m bench.run first")
        row = conn.execute(
            "select id::text from public.flows_bare where project_id = %s and deleted_at is null "
            "order by abs(jsonb_array_length(steps) - 30), id limit 1",
            [data.bench_project],
        ).fetchone()
        if row is None:
            raise SystemExit("no public.flows_bare: run .venv/bin/python -m bench.run --only writes first")
        flow = str(row[0])
        conn.execute("set track_functions = 'pl'")
        for label, statement in (("update", UPDATE), ("insert", INSERT)):
            for table in ("flows_bare", "flows"):
                with acting_as(conn, "authenticated", data.solo_user):
                    before = _snapshot(conn)
                    ms = _profile(conn, data.solo_user, table, statement, flow, args.runs)
                    after = _snapshot(conn)
                print(
                    f"{label} {table}: {ms:.2f} ms per statement; per statement in each function (self time):"
                )
                deltas = {
                    name: (
                        calls - before.get(name, (0, 0.0, 0.0))[0],
                        own - before.get(name, (0, 0.0, 0.0))[2],
                    )
                    for name, (calls, _, own) in after.items()
                }
                for name, (calls, own) in sorted(deltas.items(), key=lambda item: -item[1][1]):
                    if calls:
                        print(f"    {name:<42} {calls / args.runs:>4.1f} calls  {own / args.runs:7.3f} ms")


if __name__ == "__main__":
    main()
