"""4. The HTTP path: PostgREST direct and through the gateway against two hand-written peers (Express + pg,
FastAPI + asyncpg, bench/peers) and the same SQL in pgbench, on two routes: a page of 50 flows and one flow.

Every subject first answers each route for the same user, and the rows must be the same (and none for a user
without memberships). Then wrk and pgbench run in rounds, the subjects one after the other in each round, the
order reversed every other round (bounded: fixed duration, 127.0.0.1 only). The figure is throughput
(requests/s, median over rounds), at 1 connection (the latency each subject adds) and at 4 (cores saturated).
"""

import json
import os
import re
import subprocess
import tempfile
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from functools import partial
from pathlib import Path

import httpx

from bench import api, peers
from bench.dataset import Dataset
from bench.figures import Figure, Goal
from bench.stats import Summary, summarize
from scripts.stack.config import StackConfig

GATEWAY_GOAL = Goal("gateway <= 1.1x direct PostgREST", max_ratio=1.1)
FASTAPI_GOAL = Goal("PostgREST >= 1.0x the FastAPI peer", max_ratio=1.0)
EXPRESS_GOAL = Goal("PostgREST >= 0.9x the Express peer", max_ratio=1 / 0.9)
# PostgREST 12.0.2 spends CPU per select= item (docs/api.md says why a whole flow is asked for with select=*).
NAMED_GOAL = Goal("columns named within 1.2x of select=*", max_ratio=1.2)
# Where that CPU goes: the same named columns followed by an item that cannot parse. PostgREST answers 400 as
# soon as its parser of select= reaches it, before any plan or SQL; what that costs is parsing the names.
UNPARSABLE_ITEM = ",("
CONNECTIONS = (1, 4)
PAGE_COLUMNS = ["id", "name", "status", "priority", "updated_at"]
PGBENCH_SCRIPT = """begin;
select set_config('role', 'authenticated', true), set_config('request.jwt.claims', '{claims}', true);
select coalesce(json_agg(f), '[]') from (select * from public.flows where id = '{flow}') as f;
commit;
"""


@dataclass(frozen=True)
class Route:
    name: str
    postgrest_path: str  # under PostgREST's root and the gateway's /rest/v1
    peer_path: str


def routes(project: str, flow: str) -> list[Route]:
    return [
        Route(
            "page of 50 flows",
            f"/flows?select={','.join(PAGE_COLUMNS)}&project_id=eq.{project}&deleted_at=is.null"
            "&order=name&limit=50",
            f"/flows?project_id={project}",
        ),
        Route("one flow (select=*)", f"/flows?id=eq.{flow}&select=*", f"/flows/{flow}"),
    ]


def _wrk(url: str, headers: dict[str, str], seconds: int, connections: int, refused: bool = False) -> float:
    """Requests per second; every answer must be a success, or with refused every answer an error."""
    argv = ["wrk", "-t1", f"-c{connections}", f"-d{seconds}s", "--timeout", "10s"]
    for key, value in headers.items():
        argv += ["-H", f"{key}: {value}"]
    out = subprocess.run(
        [*argv, url], capture_output=True, text=True, check=True, timeout=seconds + 30
    ).stdout
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    total = re.search(r"(\d+) requests in", out)
    errors = int(non_2xx.group(1)) if non_2xx else 0
    if refused and (total is None or errors != int(total.group(1))):
        raise RuntimeError(f"wrk saw {errors} error responses from {url}; every request must be refused")
    if not refused and errors:
        raise RuntimeError(f"wrk saw {errors} error responses from {url}")
    found = re.search(r"Requests/sec:\s+([\d.]+)", out)
    if not found:
        raise RuntimeError(f"wrk printed no Requests/sec:\n{out}")
    return float(found.group(1))


def _pgbench(cfg: StackConfig, script: Path, seconds: int, connections: int) -> float:
    env = {**os.environ, "PGPASSWORD": cfg.db_password.get_secret_value()}
    argv = ["pgbench", "-n", f"-c{connections}", "-j1", f"-T{seconds}", "-M", "prepared", "-f", str(script)]
    argv += ["-h", "127.0.0.1", "-p", str(cfg.db_port), "-U", "postgres", "postgres"]
    out = subprocess.run(
        argv, capture_output=True, text=True, check=True, env=env, timeout=seconds + 30
    ).stdout
    found = re.search(r"tps = ([\d.]+) \(without initial connection time\)", out)
    if not found:
        raise RuntimeError(f"pgbench printed no tps:\n{out}")
    return float(found.group(1))


def _normal(value: object) -> object:
    """One spelling per value: timestamps as instants (PostgREST writes +00:00, Postgres' text +00)."""
    if isinstance(value, str) and re.fullmatch(r"\d{4}-\d\d-\d\dT[\d:.]+(Z|[+-]\d\d(:\d\d)?)", value):
        return datetime.fromisoformat(value)
    return value


def _rows(response: httpx.Response) -> list[dict[str, object]]:
    rows = api.checked(response)
    normal = [{key: _normal(value) for key, value in row.items()} for row in rows]
    return sorted(normal, key=lambda row: str(row["id"]))


def check_same_rows(urls: dict[str, str], headers: dict[str, str], stranger: dict[str, str]) -> int:
    """Every subject returns the same rows for the user, and nothing for a stranger; the number of rows."""
    answers = {name: _rows(httpx.get(url, headers=headers, timeout=30)) for name, url in urls.items()}
    first_name, first = next(iter(answers.items()))
    if not first:
        raise RuntimeError(f"{first_name} returned no rows: the benchmark would measure nothing")
    for name, rows in answers.items():
        if rows != first:
            differ = next((f"{a} vs {b}" for a, b in zip(rows, first, strict=False) if a != b), "the count")
            raise RuntimeError(f"{name} and {first_name} return different rows ({differ[:600]})")
    for name, url in urls.items():
        seen = _rows(httpx.get(url, headers=stranger, timeout=30))
        if seen:
            raise RuntimeError(f"{name} shows a user without memberships {len(seen)} private rows")
    return len(first)


def _check_parse_error(url: str, headers: dict[str, str]) -> None:
    """The URL is refused by PostgREST's parser of select= (PGRST100), not later."""
    response = httpx.get(url, headers=headers, timeout=30)
    code = response.json().get("code") if response.status_code == 400 else None
    if code != "PGRST100":
        answer = f"{response.status_code} {response.text[:300]}"
        raise RuntimeError(f"{url} answered {answer}: not a parse error of select=")


COMPARISONS: list[tuple[str, str, str, Goal | None]] = [
    ("gateway vs direct PostgREST", "gateway", "postgrest", GATEWAY_GOAL),
    ("PostgREST vs the FastAPI peer", "postgrest", "fastapi", FASTAPI_GOAL),
    ("PostgREST vs the Express peer", "postgrest", "express", EXPRESS_GOAL),
    ("gateway vs the Express peer", "gateway", "express", None),
    ("PostgREST vs its SQL in pgbench", "postgrest", "pgbench", None),
    ("PostgREST, every column named in select= vs select=*", "named", "postgrest", NAMED_GOAL),
    ("PostgREST parsing those names alone (then a 400) vs select=*", "named_parse", "postgrest", None),
]


def _figures(label: str, s: dict[str, Summary], note: str) -> list[Figure]:
    return [
        Figure("HTTP path", f"{label}: {name}", s[subject], s[baseline], goal, True, [note])
        for name, subject, baseline, goal in COMPARISONS
        if subject in s and baseline in s
    ]


def run(cfg: StackConfig, data: Dataset, flow_id: str, rounds: int, seconds: int) -> list[Figure]:
    member = api.user(cfg, "solo", data.solo_user)
    stranger = api.user(cfg, "stranger", str(uuid.uuid4()))
    headers = api.headers(cfg, member)
    every_route = routes(data.bench_project, flow_id)
    one = httpx.get(api.postgrest_url(cfg) + every_route[1].postgrest_path, headers=headers, timeout=30)
    columns = list(api.checked(one)[0])  # the peers serve exactly what PostgREST returns for select=*
    claims = json.dumps({"role": "authenticated", "sub": data.solo_user})
    figures: list[Figure] = []
    with tempfile.TemporaryDirectory() as folder, peers.running(cfg, columns) as started:
        script = Path(folder) / "one_flow.sql"
        script.write_text(PGBENCH_SCRIPT.format(claims=claims, flow=flow_id))
        for route in every_route:
            urls = {
                "gateway": api.gateway_url(cfg) + route.postgrest_path,
                "postgrest": api.postgrest_url(cfg) + route.postgrest_path,
                **{name: peer.url + route.peer_path for name, peer in started.items()},
            }
            rows = check_same_rows(urls, headers, api.headers(cfg, stranger))
            subjects: dict[str, Callable[[int], float]] = {
                name: partial(_wrk, url, headers, seconds) for name, url in urls.items()
            }
            if route.peer_path.startswith("/flows/"):
                subjects["pgbench"] = lambda c: _pgbench(cfg, script, seconds, c)
                named = f"{api.postgrest_url(cfg)}/flows?id=eq.{flow_id}&select={','.join(columns)}"
                subjects["named"] = partial(_wrk, named, headers, seconds)
                unparsable = named + UNPARSABLE_ITEM
                _check_parse_error(unparsable, headers)
                subjects["named_parse"] = partial(_wrk, unparsable, headers, seconds, refused=True)
            for connections in CONNECTIONS:
                rps: dict[str, list[float]] = {name: [] for name in subjects}
                for i in range(rounds):
                    order = list(subjects.items())
                    for name, measure in order if i % 2 == 0 else reversed(order):
                        rps[name].append(measure(connections))
                s = {name: summarize(name, values, "req/s") for name, values in rps.items()}
                note = (
                    f"wrk -t1 / pgbench -j1 -M prepared, {rounds} rounds of {seconds} s, interleaved; "
                    f"{rows} row(s), the same from every subject"
                )
                label = f"{route.name}, {connections} conn."
                figures += _figures(label, s, note)
    return figures
