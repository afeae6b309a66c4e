"""1. RLS cost through PostgREST: the same request as a member and as service_role, and as a member of 1 vs of
200 projects. Every URL is identical across callers; only the bearer token differs."""

from functools import partial

import httpx

from bench import api
from bench.dataset import Dataset
from bench.figures import Figure, Goal
from bench.stats import interleaved
from scripts.stack.config import StackConfig

GOAL = Goal("member <= 1.1x service_role", max_ratio=1.1)
PAGE = (
    "/flows?select=id,name,status,priority,updated_at&project_id=eq.{project}&deleted_at=is.null"
    "&order=name&limit=50"
)
ONE = "/flows?id=eq.{flow}&select=*"


def _get(http: httpx.Client, cfg: StackConfig, caller: api.Caller, path: str) -> None:
    rows = api.checked(http.get(path, headers=api.headers(cfg, caller)))
    if not rows:
        raise RuntimeError(f"{caller.label} saw no rows at {path}: the benchmark would measure nothing")


def run(cfg: StackConfig, data: Dataset, flow_id: str, runs: int) -> list[Figure]:
    solo = api.user(cfg, "solo", data.solo_user)
    busy = api.user(cfg, "busy", data.busy_user)
    service = api.service_role(cfg)
    figures: list[Figure] = []
    with api.client(api.postgrest_url(cfg)) as http:
        for name, path in (
            ("page of 50 flows of a project", PAGE.format(project=data.bench_project)),
            ("one flow by id (full row)", ONE.format(flow=flow_id)),
        ):
            callers = {c.label: c for c in (solo, busy, service)}
            # Settled: PostgREST serves these one-at-a-time requests from one pooled connection, and a
            # request in another role than that connection's last one plans its statement again (0.5 ms for
            # a member, 0.2 ms for service_role). Alternated bare, that cost fell on whoever followed the
            # other role: the middle caller half the time, the first never (member of 1 at 0.93x
            # service_role, of 200 at 1.16x).
            result = interleaved(
                {label: partial(_get, http, cfg, c, path) for label, c in callers.items()}, runs, settle=True
            )
            figures += [
                Figure(
                    "RLS",
                    f"{name}: member of 1 project vs service_role",
                    result["solo"],
                    result["service_role"],
                    GOAL,
                ),
                Figure(
                    "RLS",
                    f"{name}: member of {data.busy_memberships} projects vs service_role",
                    result["busy"],
                    result["service_role"],
                    GOAL,
                ),
                Figure(
                    "RLS",
                    f"{name}: member of {data.busy_memberships} vs of 1 project",
                    result["busy"],
                    result["solo"],
                ),
            ]
    return figures
