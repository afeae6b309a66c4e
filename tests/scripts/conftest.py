"""Fixtures of the CLI tests: `flowatlas` run as a subprocess against the running stack."""

import os
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest

from scripts.stack.config import PROJECT_DIR
from tests.conftest import User
from tests.projects import fixture_copy, flows_of, import_project

Cli = Callable[..., subprocess.CompletedProcess[str]]


@pytest.fixture(scope="session")
def cli() -> Cli:
    def run(*args: str, expect: int | None = 0) -> subprocess.CompletedProcess[str]:
        result = subprocess.run(
            [sys.executable, "-m", "scripts.cli", *args],
            capture_output=True,
            text=True,
            cwd=PROJECT_DIR,
            timeout=120,
            # A clean environment (settings must come from the stack), keeping which stack that is.
            env={
                "PATH": "/usr/bin:/bin",
                "COLUMNS": "200",
                "HOME": str(PROJECT_DIR),
                **{k: v for k, v in os.environ.items() if k.startswith("FLOWATLAS_STACK_")},
            },
        )
        if expect is not None:
            assert result.returncode == expect, f"exit {result.returncode}\n{result.stdout}\n{result.stderr}"
        return result

    return run


@dataclass(frozen=True)
class CliProject:
    owner: User
    project_id: str
    flows: list[dict[str, Any]]


@pytest.fixture(scope="session")
def cli_project(make_user: Callable[..., User]) -> CliProject:
    owner = make_user(name="Cli owner")
    project_id = import_project(owner, fixture_copy("CLI project"))
    return CliProject(owner, project_id, flows_of(owner, project_id))
