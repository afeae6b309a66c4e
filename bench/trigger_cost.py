"""Where the write time of a flow goes: per-trigger-function time of N statements of each kind, as an editor.

The kinds are the bench's writes: an edit of the description, an edit of one step's name (the whole steps
array changes, as in the PATCH of the bench), and an insert.

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

# Each takes (text, flow id): the text makes every statement a real change (a no-op update fires no audit).
STATEMENTS = {
    "update description": "update public.{table} set description = %s where id = %s",
    "update one step": (
        "update public.{table} set steps = jsonb_set("
        "steps, array[(jsonb_array_length(steps) / 2)::text, 'name'], to_jsonb(%s::text)"
        ") where id = %s"
    ),
    "insert": (
        "insert into public.{table} (project_id, name, steps) "
        "select project_id, name || %s, steps from public.flows where id = %s"
    ),
}
FUNCTIONS = """
select schemaname || '.' || funcname, calls, total_time, self_time from pg_stat_xact_user_functions
"""
Stats = dict[str, tuple[int, float, float]]


def _snapshot(conn: Connection) -> Stats:
    rows = conn.execute(FUNCTIONS).fetchall()
    return {str(name): (int(str(c)), float(str(t)), float(str(s))) for name, c, t, s in rows}


def _profile(conn: Connection, table: str, statement: str, flow: str, runs: int) -> float:
    started = time.perf_counter()
    for n in range(runs):
        conn.execute(statement.format(table=table), [f" profiled {n}", flow])
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
            # A flow both tables hold: the insert case leaves rows in flows_bare that flows never had.
            "select b.id::text from public.flows_bare as b inner join public.flows as f using (id) "
            "where b.project_id = %s and b.deleted_at is null and f.deleted_at is null "
            "order by abs(jsonb_array_length(b.steps) - 30), b.id limit 1",
            [data.bench_project],
        ).fetchone()
        if row is None:
            raise SystemExit("no public.flows_bare: run .venv/bin/python -m bench.run --only writes first")
        flow = str(row[0])
        conn.execute("set track_functions = 'pl'")
        for label, statement in STATEMENTS.items():
            times: dict[str, float] = {}
            for table in ("flows_bare", "flows"):
                with acting_as(conn, "authenticated", data.solo_user):
                    _profile(conn, table, statement, flow, 10)  # warm: plans cached, pages read
                    before = _snapshot(conn)
                    times[table] = ms = _profile(conn, table, statement, flow, args.runs)
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
            print(
                f"{label}: triggers add {times['flows'] - times['flows_bare']:.2f} ms "
                f"({times['flows'] / times['flows_bare']:.2f}x the trigger-free statement)\n"
            )


if __name__ == "__main__":
    main()
