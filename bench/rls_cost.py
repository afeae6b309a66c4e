"""What row-level security costs: one project's flows listed as a member vs as service_role.

Builds a scratch database from supabase/migrations, bulk-loads N flows spread over projects (COPY-speed SQL,
triggers off for the load only), then times the same statements as each role, interleaved so machine noise
hits both alike, and prints medians, p95 and the ratio. Run: .venv/bin/python -m bench.rls_cost [--flows N]
"""

import argparse
import statistics
import time

import psycopg

from scripts.schema.shadow import build_from_migrations, scratch_database
from scripts.stack.config import StackConfig

LOAD = """
set session_replication_role = replica;  -- bulk load: no audit or revision triggers
insert into auth.users (id, email, aud, role, created_at, updated_at)
  select ('00000000-0000-4000-8000-' || lpad(i::text, 12, '0'))::uuid, 'bench' || i || '@bench.test',
         'authenticated', 'authenticated', now(), now()
  from generate_series(1, %(users)s) as i;
insert into public.profiles (id, email, name)
  select id, email, email from auth.users where email like '%%@bench.test';
insert into public.projects (id, name, owner_id, created_by)
  select ('10000000-0000-4000-8000-' || lpad(p::text, 12, '0'))::uuid, 'Project ' || p,
         ('00000000-0000-4000-8000-' || lpad((1 + p %% %(users)s)::text, 12, '0'))::uuid,
         ('00000000-0000-4000-8000-' || lpad((1 + p %% %(users)s)::text, 12, '0'))::uuid
  from generate_series(1, %(projects)s) as p;
insert into public.project_members (project_id, user_id, role)
  select id, owner_id, 'owner' from public.projects;
insert into public.flows (project_id, name, description, tags, steps)
  select ('10000000-0000-4000-8000-' || lpad((1 + f %% %(projects)s)::text, 12, '0'))::uuid,
         'Flow ' || f, 'Bench flow number ' || f, array['bench', 'tag' || (f %% 20)],
         jsonb_build_array(jsonb_build_object('id', 's1', 'name', 'Receive order ' || f),
                           jsonb_build_object('id', 's2', 'name', 'Check credit'))
  from generate_series(1, %(flows)s) as f;
set session_replication_role = origin;
analyze;
"""

LIST_PAGE = "select id, name, status from public.flows where project_id = %s order by name limit 50"
# The same page asking for live rows explicitly: service_role sees deleted rows, members never do.
LIST_LIVE_PAGE = (
    "select id, name, status from public.flows where project_id = %s and deleted_at is null "
    "order by name limit 50"
)
# Every live flow of the project: shows that the policy costs per statement, not per row.
LIST_ALL_LIVE = "select id, name, status from public.flows where project_id = %s and deleted_at is null"
ONE_FLOW = "select * from public.flows where id = %s"


Connection = psycopg.Connection[tuple[object, ...]]


def p95(samples: list[float]) -> float:
    return statistics.quantiles(samples, n=20)[-1]


def _act_as(conn: Connection, role: str, user_id: str | None) -> None:
    claims = f'{{"role": "{role}", "sub": "{user_id}"}}' if user_id else f'{{"role": "{role}"}}'
    conn.execute("select set_config('request.jwt.claims', %s, true)", [claims])
    conn.execute(f"set local role {role}")


def _time(conn: Connection, role: str, user: str | None, sql: str, arg: str) -> float:
    with conn.transaction():
        _act_as(conn, role, user)
        started = time.perf_counter()
        rows = conn.execute(sql, [arg]).fetchall()
        elapsed = time.perf_counter() - started
    assert rows, f"{role} saw no rows: the benchmark would measure nothing"
    return elapsed * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--flows", type=int, default=100_000)
    parser.add_argument("--projects", type=int, default=100)
    parser.add_argument("--runs", type=int, default=200)
    args = parser.parse_args()
    cfg = StackConfig()
    with scratch_database(cfg, "flowatlas_bench_rls") as url:
        build_from_migrations(cfg, url)
        with psycopg.connect(url, autocommit=True) as conn:
            started = time.perf_counter()
            conn.execute(LOAD % {"users": 50, "projects": args.projects, "flows": args.flows})
            print(f"loaded {args.flows} flows in {time.perf_counter() - started:.1f}s")
            project, owner, flow = conn.execute(
                "select p.id::text, p.owner_id::text, f.id::text from public.projects p "
                "join public.flows f on f.project_id = p.id limit 1"
            ).fetchone()  # type: ignore[misc]
            cases = {
                "list 50 of a project": (LIST_PAGE, project),
                "list 50 live flows": (LIST_LIVE_PAGE, project),
                "list all live flows": (LIST_ALL_LIVE, project),
                "read one flow by id": (ONE_FLOW, flow),
            }
            for label, (sql, arg) in cases.items():
                member: list[float] = []
                service: list[float] = []
                for _ in range(args.runs):  # interleaved: noise hits both alike
                    member.append(_time(conn, "authenticated", owner, sql, arg))
                    service.append(_time(conn, "service_role", None, sql, arg))
                m, s = statistics.median(member), statistics.median(service)
                print(
                    f"{label:>22}: member median {m:.3f} ms p95 {p95(member):.3f} | service_role median "
                    f"{s:.3f} ms p95 {p95(service):.3f} | ratio {m / s:.2f}x"
                )
            with conn.transaction():
                _act_as(conn, "authenticated", owner)
                explain = "explain (analyze, costs off, timing on) " + LIST_PAGE
                plan = conn.execute(explain, [project]).fetchall()
            print("\n".join(str(row[0]) for row in plan))


if __name__ == "__main__":
    main()
