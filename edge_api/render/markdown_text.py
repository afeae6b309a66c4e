"""Text into GitHub-flavoured Markdown that shows it literally: inline escapes, table cells that survive pipes
and newlines, paragraphs that never turn into headings, lists, quotes or code blocks.
"""

import re
from collections.abc import Sequence

# Backslash-escaped wherever they appear (CommonMark lets any ASCII punctuation be escaped). The backslash
# comes first: a table cell splits on every `|` not preceded by a backslash escape, so `\` itself must
# be escaped.
_INLINE = str.maketrans({c: "\\" + c for c in "\\`*_[]<>|~&#"})
_LINE_START = re.compile(r"^(\s*)([-+=]|\d+[.)])")
_NEWLINES = re.compile(r"\r\n|\r|\n")


def inline(text: str) -> str:
    """One line of literal text (newlines become spaces)."""
    return _NEWLINES.sub(" ", text).translate(_INLINE)


def cell(text: str) -> str:
    """A table cell: literal text, newlines as `<br>`, never a bare `|`."""
    lines = [line.strip().translate(_INLINE) for line in _NEWLINES.split(text.strip())]
    return "<br>".join(lines)


def block(text: str) -> str:
    """Paragraphs of literal text: line breaks kept (hard breaks), blank lines separate paragraphs."""
    paragraphs: list[str] = []
    current: list[str] = []
    for raw in _NEWLINES.split(text.strip()):
        line = raw.strip()
        if not line:
            if current:
                paragraphs.append("\\\n".join(current))
                current = []
            continue
        escaped = line.translate(_INLINE)
        current.append(_LINE_START.sub(lambda m: m.group(1) + _escape_marker(m.group(2)), escaped, count=1))
    if current:
        paragraphs.append("\\\n".join(current))
    return "\n\n".join(paragraphs)


def _escape_marker(marker: str) -> str:
    # "-", "+", "=" start lists or setext underlines; "12." or "3)" start ordered lists.
    if marker[0].isdigit():
        return marker[:-1] + "\\" + marker[-1]
    return "\\" + marker


def table(headers: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    """A GFM table of literal text; every row has exactly as many cells as the header."""
    width = len(headers)
    lines = [_row([cell(h) for h in headers]), _row(["---"] * width)]
    for row in rows:
        if len(row) != width:
            raise ValueError(f"a row has {len(row)} cells, the header {width}")
        lines.append(_row([cell(value) for value in row]))
    return "\n".join(lines)


def _row(cells: Sequence[str]) -> str:
    return "| " + " | ".join(cells) + " |"


def heading(level: int, text: str) -> str:
    return "#" * level + " " + (inline(text).strip() or "\\-")
