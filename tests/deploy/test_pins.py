"""The image's pinned requirements are the runtime dependencies the tests ran with."""

from packaging.requirements import Requirement

from scripts.deploy import pins


def test_the_pins_file_is_what_the_installed_runtime_generates() -> None:
    assert pins.PINS_FILE.read_text() == pins.render(), (
        "runtime dependencies changed: run python -m scripts.deploy.pins --write (and make setup)"
    )


def test_every_line_pins_one_exact_version() -> None:
    lines = [line for line in pins.PINS_FILE.read_text().splitlines() if not line.startswith("#")]
    requirements = [Requirement(line) for line in lines]
    assert {"fastapi", "uvicorn", "pydantic-settings", "httpx", "pyjwt"} <= {r.name for r in requirements}
    assert all(len(r.specifier) == 1 and next(iter(r.specifier)).operator == "==" for r in requirements)
