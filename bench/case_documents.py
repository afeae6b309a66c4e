"""5. Documents: export, import and duplicate of the 2,000-flow project through PostgREST (as its owner), and
every flow renderer on a 200-step flow (bench/render.py's subjects)."""

import gc
from functools import partial
from typing import Any

import httpx

from bench import api
from bench.dataset import Dataset
from bench.figures import Figure, Goal
from bench.stats import interleaved, summarize, timed_ms
from scripts.admin.rendering import FLOW_RENDERERS
from scripts.stack.config import StackConfig
from tests.edge_api.builders import document_with_flows, long_flow_data

RENDER_GOAL = Goal("< 50 ms per 200-step flow", max_p95=50)
DOCUMENT_GOAL = Goal("<= 1.5 s", max_p95=1500)  # issue 15: about 50,000 steps a second


def _rpc(http: httpx.Client, cfg: StackConfig, caller: api.Caller, name: str, body: dict[str, Any]) -> Any:
    return api.checked(http.post(f"/rpc/{name}", json=body, headers=api.headers(cfg, caller)))


def run(cfg: StackConfig, data: Dataset, runs: int) -> list[Figure]:
    owner = api.user(cfg, "big-owner", data.big_owner)
    figures: list[Figure] = []
    samples: dict[str, list[float]] = {"export": [], "import": [], "duplicate": []}
    errors: dict[str, str] = {}
    document: Any = None
    with api.client(api.postgrest_url(cfg)) as http:

        def export() -> None:
            nonlocal document
            document = _rpc(http, cfg, owner, "export_project", {"project_id": data.big_project})

        for _ in range(runs):
            samples["export"].append(timed_ms(export))
            for name, body in (
                ("import", {"document": document, "name": "Bench import"}),
                ("duplicate", {"project_id": data.big_project, "name": "Bench duplicate"}),
            ):
                try:
                    samples[name].append(timed_ms(partial(_rpc, http, cfg, owner, f"{name}_project", body)))
                except RuntimeError as exc:
                    errors[name] = str(exc)
    size_mb = len(httpx.Response(200, json=document).content) / 1e6
    flows = len(document["flows"]) if document else 0
    for name, values in samples.items():
        if values:
            figures.append(
                Figure(
                    "Documents",
                    f"{name} of a {flows:,}-flow project ({size_mb:.1f} MB)",
                    summarize(name, values),
                    None,
                    DOCUMENT_GOAL,
                )
            )
        else:
            figures.append(
                Figure(
                    "Documents",
                    f"{name} of a {flows:,}-flow project ({size_mb:.1f} MB): FAILED",
                    summarize(name, [0.0]),
                    notes=[errors.get(name, "")],
                )
            )
    doc = document_with_flows([long_flow_data(200)])
    flow = doc.flows[0]
    # As the edge API does at startup (edge_api/app.py): what this process holds by now is kept out of the
    # cyclic collector, whose full collections would otherwise walk it during the renders.
    gc.freeze()
    result = interleaved(
        {fmt.value: partial(render, doc, flow) for fmt, (render, _) in FLOW_RENDERERS.items()},
        max(5, runs * 5),
    )
    figures += [
        Figure("Documents", f"render {fmt} of a 200-step flow", s, None, RENDER_GOAL)
        for fmt, s in result.items()
    ]
    return figures
