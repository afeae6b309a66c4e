"""The edge API does not stall (issue 12, attack 4): a flow with a lane per step renders in linear time, off
the event loop, so /functions/v1/health answers while it renders; a body over the upload limit is refused
before it is read."""

import statistics
import threading
import time

import httpx
import pytest

from scripts.stack.config import StackConfig
from tests.http_api import Api, created
from tests.reliability.conftest import MakeUser

STEPS = 1_000  # the most a flow may have: one lane per step, each its own actor


@pytest.mark.timeout(120)
def test_a_flow_with_a_lane_per_step_renders_while_health_keeps_answering(
    api: Api, cfg: StackConfig, make_user: MakeUser
) -> None:
    author = make_user(name="Lane spammer")
    project = created(api.rest(author, "projects", {"name": "many lanes"}))["id"]
    actors = [
        {"project_id": project, "key": f"a{n}", "name": f"actor {n}", "kind": "system"} for n in range(STEPS)
    ]
    added = api.rest(author, "actors", actors)
    assert added.status == 201, added.text[:300]
    steps = [{"id": f"s{n}", "name": "x", "actor": f"a{n}"} for n in range(STEPS)]
    flow = created(api.rest(author, "flows", {"project_id": project, "name": "many lanes", "steps": steps}))[
        "id"
    ]

    outcome: dict[str, float | int] = {}

    def render() -> None:
        began = time.monotonic()
        answer = api.edge(author, f"flows/{flow}/mermaid")
        outcome["status"] = answer.status
        outcome["seconds"] = time.monotonic() - began

    thread = threading.Thread(target=render)
    thread.start()
    latencies = []
    with httpx.Client(base_url=cfg.api_url, timeout=10) as http:
        while thread.is_alive() and len(latencies) < 200:
            began = time.monotonic()
            assert http.get("/functions/v1/health").status_code == 200
            latencies.append(time.monotonic() - began)
            time.sleep(0.05)
    thread.join(60)
    assert outcome.get("status") == 200, outcome
    assert outcome["seconds"] < 15, f"the render took {outcome['seconds']:.1f} s"
    if latencies:  # a fast render may finish before the first probe
        assert statistics.median(latencies) < 0.1, latencies
        assert max(latencies) < 1.0, latencies


@pytest.mark.timeout(60)
def test_an_upload_over_the_limit_is_refused_before_it_is_read(api: Api, make_user: MakeUser) -> None:
    uploader = make_user(name="Huge uploader")
    began = time.monotonic()
    answer = api.edge(
        uploader, "projects/import", method="POST", content=b"{" + b" " * (30 * 1024 * 1024) + b"}"
    )
    assert answer.status == 413, answer.text[:200]
    assert "20 MB" in answer.body["message"]
    assert time.monotonic() - began < 10
