"""2. Search: rpc search (stored tsvector + GIN) vs a plain ILIKE over the JSON text, same queries, same
caller.

Both run as the same caller in the database (row-level security applies alike): a member of 200 projects, and
service_role (every project: the whole table). The HTTP p95 of rpc/search is measured as the frontend calls
it.
The plan of the search's inner query is captured with auto_explain (the function is plpgsql).
"""

from functools import partial

import httpx
import psycopg

from bench import api, content
from bench.dataset import Dataset
from bench.figures import Figure, Goal
from bench.sql_session import Connection, acting_as
from bench.stats import interleaved
from scripts.stack.config import StackConfig

GOAL = Goal("search >= 50x faster than ILIKE", min_speedup=50)
# Issue 15: p95 under 30 ms at 100k flows, under 50 ms at 1M.
HTTP_GOALS = {"full": Goal("p95 < 50 ms", max_p95=50)}
HTTP_GOAL = Goal("p95 < 30 ms", max_p95=30)
QUERIES = {
    "selective": content.RARE_TERM,
    "medium": content.MEDIUM_TERM,
    "broad": content.BROAD_TERM,
    "two words": f"{content.MEDIUM_TERM} refund",
}
ILIKE_QUERIES = ("selective", "medium", "broad")  # the ILIKE of "two words" is the medium one (first word)
SEARCH = "select * from public.search(%(q)s, kinds => array['flow'])"
# What an app without the search function would do: the first page of flows whose text contains the words.
ILIKE = """
select f.id, f.name from public.flows as f
where f.deleted_at is null
  and (f.name ilike %(pattern)s or f.description ilike %(pattern)s or f.steps::text ilike %(pattern)s
       or f.business_rules::text ilike %(pattern)s or f.error_scenarios::text ilike %(pattern)s)
order by f.name limit 20
"""


def _sql(conn: Connection, role: str, user_id: str | None, statement: str, query: str) -> None:
    pattern = "%" + query.split()[0] + "%"
    with acting_as(conn, role, user_id):
        conn.execute(statement, {"q": query, "pattern": pattern}).fetchall()


def explain_search(url: str, user_id: str, statement: str, query: str) -> str:
    """The plans of the statements the search function runs on flows (auto_explain), as the user."""
    notices: list[str] = []
    with psycopg.connect(url, autocommit=True) as conn:
        conn.add_notice_handler(lambda diag: notices.append(diag.message_primary or ""))
        conn.execute("load 'auto_explain'")
        for setting in (
            "log_min_duration = 0",
            "log_nested_statements = on",
            "log_analyze = on",
            "log_level = notice",
            "log_format = text",
        ):
            conn.execute(f"set auto_explain.{setting}")
        with acting_as(conn, "authenticated", user_id):
            conn.execute(statement, {"q": query}).fetchall()
    nested = [n for n in notices if "public.flows as f" in n and "Query Text: select * from" not in n]
    return "\n".join(nested[:2]) if nested else "\n".join(notices)


def _versus_ilike(conn: Connection, data: Dataset, slow_runs: int) -> list[Figure]:
    figures: list[Figure] = []
    for scope, role, user_id in (
        (f"member of {data.busy_memberships} projects", "authenticated", data.busy_user),
        ("service_role, all projects", "service_role", None),
    ):
        for kind, query in QUERIES.items():
            if kind not in ILIKE_QUERIES:
                continue
            works = {
                "search": partial(_sql, conn, role, user_id, SEARCH, query),
                "ilike": partial(_sql, conn, role, user_id, ILIKE, query),
            }
            result = interleaved(works, slow_runs, warmup=1)
            name = f"{kind} '{query}', {scope}"
            figures.append(
                Figure("Search", f"{name}: search vs ILIKE", result["search"], result["ilike"], GOAL)
            )
    return figures


def run(cfg: StackConfig, data: Dataset, runs: int, slow_runs: int) -> tuple[list[Figure], str]:
    busy = api.user(cfg, "busy", data.busy_user)
    with psycopg.connect(cfg.db_url(), autocommit=True) as conn:
        figures = _versus_ilike(conn, data, slow_runs)
    with api.client(api.postgrest_url(cfg)) as http:
        for kind, query in QUERIES.items():
            result = interleaved({"rpc": partial(_rpc, http, cfg, busy, query)}, runs)
            figures.append(
                Figure(
                    "Search",
                    f"rpc/search over HTTP (all kinds), {kind} '{query}', member of {data.busy_memberships}",
                    result["rpc"],
                    None,
                    HTTP_GOALS.get(data.profile, HTTP_GOAL),
                )
            )
    plan = "-- public.search, selective query:\n" + explain_search(
        cfg.db_url(), data.busy_user, SEARCH, content.RARE_TERM
    )
    return figures, plan


def _rpc(http: httpx.Client, cfg: StackConfig, caller: api.Caller, query: str) -> None:
    api.checked(http.post("/rpc/search", json={"query": query}, headers=api.headers(cfg, caller)))
