"""Medians, p95 and ratios of timing samples (milliseconds)."""

import statistics
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass


@dataclass(frozen=True)
class Summary:
    """One series of timings in milliseconds."""

    label: str
    runs: int
    median: float
    p95: float
    unit: str = "ms"

    def as_dict(self) -> dict[str, object]:
        return {
            "label": self.label,
            "runs": self.runs,
            "median": self.median,
            "p95": self.p95,
            "unit": self.unit,
        }


def p95(samples: list[float]) -> float:
    if len(samples) < 2:
        return samples[0]
    return statistics.quantiles(samples, n=20, method="inclusive")[-1]


def summarize(label: str, samples: list[float], unit: str = "ms") -> Summary:
    return Summary(label, len(samples), round(statistics.median(samples), 3), round(p95(samples), 3), unit)


def timed_ms(work: Callable[[], object]) -> float:
    started = time.perf_counter()
    work()
    return (time.perf_counter() - started) * 1000


def interleaved(
    works: Mapping[str, Callable[[], object]], runs: int, warmup: int = 3, settle: bool = False
) -> dict[str, Summary]:
    """Run each work `runs` times, alternating between them so that machine noise hits all alike.

    settle: each timed run comes right after an untimed run of the same work, so that it meets the state its
    own kind leaves behind rather than the previous work's (see case_rls: PostgREST's connection replans a
    statement when the role changes)."""
    for _ in range(warmup):
        for work in works.values():
            work()
    samples: dict[str, list[float]] = {label: [] for label in works}
    for i in range(runs):
        order = list(works.items())
        if i % 2:
            order.reverse()  # neither side always runs first (caches, connection reuse)
        for label, work in order:
            if settle:
                work()
            samples[label].append(timed_ms(work))
    return {label: summarize(label, values) for label, values in samples.items()}
