"""Plain-text shaping shared by every renderer: one-line labels, shortening, numbers."""

import re

_WHITESPACE = re.compile(r"\s+")
ELLIPSIS = "\u2026"


def one_line(text: str) -> str:
    """Whitespace runs (newlines included) collapsed to single spaces, ends trimmed."""
    return _WHITESPACE.sub(" ", text).strip()


def shorten(text: str, limit: int) -> str:
    """At most `limit` characters; longer text is cut and ends with an ellipsis."""
    if len(text) <= limit:
        return text
    return text[: limit - 1].rstrip() + ELLIPSIS


def number_text(value: int | float) -> str:
    """A number as people write it: 300 not 300.0, 99.95 as is."""
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    return str(value)
