"""Field errors as the database reports them (`[{path, message}]`), and pydantic locations as such paths."""

import re
from collections.abc import Sequence
from typing import TypedDict

_PLAIN_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")


class FieldError(TypedDict):
    """One error: `path` like `flows[3].steps[0].name` (`$` for the whole document), and a message."""

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
