"""Text that XML 1.0 can carry, and HTML labels for draw.io cells (`html=1`)."""

import html
import re
from collections.abc import Iterable

# Characters XML 1.0 forbids even as character references; they become U+FFFD.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_NEWLINES = re.compile(r"\r\n|\r|\n")


def xml_safe(text: str) -> str:
    """The text with every character XML 1.0 cannot hold replaced by U+FFFD."""
    return _NOT_XML.sub("\ufffd", text)


def html_text(text: str) -> str:
    """Literal text as HTML: escaped, newlines as `<br>` (ElementTree escapes it again as XML)."""
    return "<br>".join(html.escape(xml_safe(line), quote=False) for line in _NEWLINES.split(text))


def html_lines(parts: Iterable[str]) -> str:
    """HTML fragments (already escaped) one per line."""
    return "<br>".join(parts)
