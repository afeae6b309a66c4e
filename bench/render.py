"""How long the renderers take: each format on a 200-step flow, and the Markdown of a 1,000-flow project.

Median of several runs after a warm-up. Goal: under 50 ms per 200-step flow in every format.
Run: .venv/bin/python -m bench.render [--runs N]
"""

import argparse
import statistics
import time
from collections.abc import Callable
from functools import partial

from edge_api.render import render_project_markdown
from scripts.admin.rendering import FLOW_RENDERERS
from tests.edge_api.builders import big_project, document_with_flows, long_flow_data

GOAL_MS = 50.0


def median_ms(work: Callable[[], str], runs: int) -> float:
    work()  # warm-up
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        work()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0] if __doc__ else None)
    parser.add_argument("--runs", type=int, default=15, help="timed runs per measurement (median reported)")
    args = parser.parse_args()

    document = document_with_flows([long_flow_data(200)])
    flow = document.flows[0]
    print(f"200-step flow, median of {args.runs} runs:")
    for name, (render, _) in FLOW_RENDERERS.items():
        ms = median_ms(partial(render, document, flow), args.runs)
        verdict = "ok" if ms < GOAL_MS else f"over the {GOAL_MS:.0f} ms goal"
        print(f"  {name.value:<9} {ms:8.2f} ms  ({verdict})")

    project = big_project(1000)
    runs = max(3, args.runs // 3)
    ms = median_ms(lambda: render_project_markdown(project), runs)
    print(f"1,000-flow project Markdown, median of {runs} runs: {ms:.0f} ms")


if __name__ == "__main__":
    main()
