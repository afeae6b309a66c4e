"""Read the edge API's Dockerfile as Docker does, so a test runs exactly its command, env and health check."""

import json
import shlex
from dataclasses import dataclass
from pathlib import Path

DOCKERFILE = Path(__file__).resolve().parents[2] / "Dockerfile"


@dataclass(frozen=True)
class Image:
    env: dict[str, str]
    cmd: list[str]
    healthcheck: list[str]
    user: str
    base: str


def _instructions(text: str) -> list[tuple[str, str]]:
    """(INSTRUCTION, arguments) with continuation lines joined and comments dropped."""
    joined = text.replace("\\\n", " ")
    result = []
    for line in joined.splitlines():
        stripped = line.strip()
        if stripped and not stripped.startswith("#"):
            keyword, _, rest = stripped.partition(" ")
            result.append((keyword.upper(), rest.strip()))
    return result


def _exec_form(arguments: str) -> list[str]:
    value = json.loads(arguments)  # the shell form would hide the real process behind /bin/sh
    assert isinstance(value, list) and all(isinstance(part, str) for part in value), arguments
    return value


def read(path: Path = DOCKERFILE) -> Image:
    env: dict[str, str] = {}
    cmd: list[str] = []
    healthcheck: list[str] = []
    user = base = ""
    for keyword, arguments in _instructions(path.read_text()):
        if keyword == "FROM":
            base = arguments
        elif keyword == "ENV":
            for pair in shlex.split(arguments):
                name, _, value = pair.partition("=")
                env[name] = value
        elif keyword == "CMD":
            cmd = _exec_form(arguments)
        elif keyword == "USER":
            user = arguments
        elif keyword == "HEALTHCHECK":
            healthcheck = _exec_form(arguments[arguments.index("CMD ") + len("CMD ") :])
    return Image(env=env, cmd=cmd, healthcheck=healthcheck, user=user, base=base)
