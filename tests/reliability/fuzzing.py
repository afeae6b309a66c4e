"""The bounded fuzz loop both fuzzers share: every operation of an OpenAPI document, positive and
negative cases.

A case fails when the answer is a 5xx, when no answer comes within the timeout, or when the answer contains
anything from `forbidden`. Failures are collected (with a curl command to replay each), not raised, so one run
covers every operation. Reproducible by default; FLOWATLAS_FUZZ_RANDOM=1 draws fresh inputs and
FLOWATLAS_FUZZ_EXAMPLES=N sets the positive cases per operation (negative cases: half as many).
"""

import contextlib
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import requests
import schemathesis
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from hypothesis.errors import Unsatisfiable
from schemathesis import GenerationMode
from schemathesis.core.result import Ok

from tests.reliability.tenants import leaks

EXAMPLES = int(os.environ.get("FLOWATLAS_FUZZ_EXAMPLES", "5"))
DERANDOMIZE = os.environ.get("FLOWATLAS_FUZZ_RANDOM") != "1"
REQUEST_TIMEOUT = 30.0

# Extra strategies for an operation (e.g. real ids pinned into its path), given the operation and the mode.
Extra = Callable[[Any, GenerationMode], list[st.SearchStrategy[Any]]]


@dataclass
class FuzzRun:
    base_url: str
    headers: dict[str, str]
    forbidden: tuple[str, ...]
    failures: list[str] = field(default_factory=list)
    calls: int = 0
    statuses: set[int] = field(default_factory=set)
    session: requests.Session = field(default_factory=requests.Session)

    def check(self, label: str, case: Any) -> None:
        self.calls += 1
        replay = case.as_curl_command()
        try:
            response = case.call(
                base_url=self.base_url, session=self.session, headers=self.headers, timeout=REQUEST_TIMEOUT
            )
        except requests.RequestException as exc:
            self.failures.append(f"{label}: no answer ({type(exc).__name__})\n    {replay}")
            return
        self.statuses.add(response.status_code)
        if response.status_code >= 500:
            self.failures.append(f"{label}: HTTP {response.status_code} {response.text[:300]}\n    {replay}")
        leaked = leaks(response.text, self.forbidden)
        if leaked:
            self.failures.append(f"{label}: response leaks {leaked}\n    {replay}")

    def report(self, who: str) -> str:
        shown = "\n".join(self.failures[:20])
        return f"{len(self.failures)} of {self.calls} fuzzed calls as {who} failed:\n{shown}"


def _run_operation(
    run: FuzzRun, operation: Any, mode: GenerationMode, examples: int, extra: Extra | None
) -> None:
    strategies = [operation.as_strategy(generation_mode=mode), *(extra(operation, mode) if extra else [])]
    label = f"{operation.label} [{mode.value}]"

    @settings(
        max_examples=examples,
        deadline=None,
        database=None,
        derandomize=DERANDOMIZE,
        phases=[Phase.explicit, Phase.generate],  # failures are collected, never shrunk: bounded time
        suppress_health_check=list(HealthCheck),
    )
    @given(case=st.one_of(*strategies))
    def fuzz_case(case: Any) -> None:
        run.check(label, case)

    with contextlib.suppress(Unsatisfiable):  # an operation without parameters has no negative variant
        fuzz_case()


def fuzz(
    document: dict[str, Any], run: FuzzRun, examples: int = EXAMPLES, extra: Extra | None = None
) -> FuzzRun:
    schema = schemathesis.openapi.from_dict(document)
    for result in schema.get_all_operations():
        assert isinstance(result, Ok), f"schemathesis cannot read an operation: {result}"
        operation = result.ok()
        _run_operation(run, operation, GenerationMode.POSITIVE, examples, extra)
        _run_operation(run, operation, GenerationMode.NEGATIVE, max(1, examples // 2), extra)
    run.session.close()
    return run
