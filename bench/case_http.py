"""4. The HTTP path: GET one flow through the gateway vs straight to PostgREST vs the same SQL in pgbench.

wrk and pgbench run in rounds, the three layers one after the other in each round (bounded: fixed duration,
127.0.0.1 only). The figure is throughput (requests/s, median over rounds); the ratios say what each layer
costs.
"""

import json
import os
import re
import subprocess
import tempfile
from collections.abc import Callable
from pathlib import Path

from bench import api
from bench.dataset import Dataset
from bench.figures import Figure, Goal
from bench.stats import summarize
from scripts.stack.config import StackConfig

GOAL = Goal("gateway <= 1.25x direct PostgREST", max_ratio=1.25)
CONNECTIONS = (1, 4)  # 1: the latency each layer adds; 4: throughput with the 2 cores saturated
PGBENCH_SCRIPT = """begin;
select set_config('role', 'authenticated', true), set_config('request.jwt.claims', '{claims}', true);
select coalesce(json_agg(f), '[]') from (select * from public.flows where id = '{flow}') as f;
commit;
"""


def _wrk(url: str, headers: dict[str, str], seconds: int, connections: int) -> float:
    argv = ["wrk", "-t1", f"-c{connections}", f"-d{seconds}s", "--timeout", "10s"]
    for key, value in headers.items():
        argv += ["-H", f"{key}: {value}"]
    out = subprocess.run(
        [*argv, url], capture_output=True, text=True, check=True, timeout=seconds + 30
    ).stdout
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    if non_2xx:
        raise RuntimeError(f"wrk saw {non_2xx.group(1)} error responses from {url}")
    found = re.search(r"Requests/sec:\s+([\d.]+)", out)
    if not found:
        raise RuntimeError(f"wrk printed no Requests/sec:\n{out}")
    return float(found.group(1))


def _pgbench(cfg: StackConfig, script: Path, seconds: int, connections: int) -> float:
    env = {**os.environ, "PGPASSWORD": cfg.db_password.get_secret_value()}
    argv = [
        "pgbench",
        "-n",
        f"-c{connections}",
        "-j1",
        f"-T{seconds}",
        "-M",
        "prepared",
        "-f",
        str(script),
        "-h",
        "127.0.0.1",
        "-p",
        str(cfg.db_port),
        "-U",
        "postgres",
        "postgres",
    ]
    out = subprocess.run(
        argv, capture_output=True, text=True, check=True, env=env, timeout=seconds + 30
    ).stdout
    found = re.search(r"tps = ([\d.]+) \(without initial connection time\)", out)
    if not found:
        raise RuntimeError(f"pgbench printed no tps:\n{out}")
    return float(found.group(1))


def run(cfg: StackConfig, data: Dataset, flow_id: str, rounds: int, seconds: int) -> list[Figure]:
    member = api.user(cfg, "solo", data.solo_user)
    path = f"/flows?id=eq.{flow_id}&select=*"
    claims = json.dumps({"role": "authenticated", "sub": data.solo_user})
    figures: list[Figure] = []
    with tempfile.TemporaryDirectory() as folder:
        script = Path(folder) / "one_flow.sql"
        script.write_text(PGBENCH_SCRIPT.format(claims=claims, flow=flow_id))
        layers: dict[str, Callable[[int], float]] = {
            "gateway": lambda c: _wrk(api.gateway_url(cfg) + path, api.headers(cfg, member), seconds, c),
            "postgrest": lambda c: _wrk(api.postgrest_url(cfg) + path, api.headers(cfg, member), seconds, c),
            "pgbench": lambda c: _pgbench(cfg, script, seconds, c),
        }
        for connections in CONNECTIONS:
            rps: dict[str, list[float]] = {layer: [] for layer in layers}
            for i in range(rounds):
                order = list(layers.items())
                for layer, measure in order if i % 2 == 0 else reversed(order):
                    rps[layer].append(measure(connections))
            s = {layer: summarize(layer, values, "req/s") for layer, values in rps.items()}
            tools = f"wrk -t1 / pgbench -j1 -M prepared, {connections} connection(s)"
            note = f"{tools}, {rounds} rounds of {seconds} s, interleaved"
            figures += [
                Figure(
                    "HTTP path",
                    f"GET one flow, {connections} conn.: gateway vs direct PostgREST",
                    s["gateway"],
                    s["postgrest"],
                    GOAL,
                    higher_is_better=True,
                    notes=[note],
                ),
                Figure(
                    "HTTP path",
                    f"GET one flow, {connections} conn.: PostgREST vs the SQL in pgbench",
                    s["postgrest"],
                    s["pgbench"],
                    higher_is_better=True,
                    notes=[note],
                ),
            ]
    return figures
