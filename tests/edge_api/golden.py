"""Golden files: compare rendered text with tests/edge_api/golden/<name>, or rewrite them on request
(`pytest tests/edge_api --update-golden`, or `UPDATE_GOLDEN=1` with any invocation)."""

import difflib
from pathlib import Path

GOLDEN = Path(__file__).parent / "golden"


def check_golden(name: str, actual: str, update: bool) -> None:
    path = GOLDEN / name
    if update:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(actual, encoding="utf-8", newline="")
        return
    assert path.exists(), f"no golden file {path.name}: run with UPDATE_GOLDEN=1 to create it"
    expected = path.read_text(encoding="utf-8")
    if actual != expected:
        diff = "".join(
            difflib.unified_diff(
                expected.splitlines(keepends=True),
                actual.splitlines(keepends=True),
                "golden",
                "rendered",
                n=2,
            )
        )
        raise AssertionError(
            f"{name} differs from its golden file (UPDATE_GOLDEN=1 to accept):\n{diff[:4000]}"
        )
