"""Validation errors as a list a user (or an HTTP 422 body) can read: the JSON path and a message."""

import re
from collections.abc import Sequence
from typing import TypedDict

from pydantic import ValidationError

_PLAIN_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")


class FieldError(TypedDict):
    """One error: `path` like `flows[3].steps[0].name` (empty for the document itself), and a message."""

    path: str
    message: str


def json_path(loc: Sequence[str | int]) -> str:
    """`("flows", 3, "steps", 0, "name")` -> `flows[3].steps[0].name`; odd keys as `["my key"]`."""
    path = ""
    for part in loc:
        if isinstance(part, int):
            path += f"[{part}]"
        elif _PLAIN_NAME.match(part):
            path += f".{part}" if path else part
        else:
            escaped = part.replace("\\", "\\\\").replace('"', '\\"')
            path += f'["{escaped}"]'
    return path


def field_errors(error: ValidationError) -> list[FieldError]:
    """Every error of a ValidationError, in pydantic's order, as path + message."""
    return [FieldError(path=json_path(e["loc"]), message=e["msg"]) for e in error.errors()]
