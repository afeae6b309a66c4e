"""Text into Mermaid labels that cannot break a diagram.

Labels are always written inside double quotes and every character Mermaid could read as syntax becomes an
entity code (`#quot;`, `#35;` ...), which Mermaid decodes before drawing: quotes, `#`, `;`, `|`, `%`,
backticks, and `<`, `>`, `&` (labels are HTML). Newlines become `<br>`; control characters become spaces;
very long labels are shortened. Ids are never derived from text: callers generate them (`step_1`, `lane_2`).
"""

import json
import re

from edge_api.render.text import shorten

_ENTITIES = str.maketrans(
    {
        "#": "#35;",
        '"': "#quot;",
        ";": "#59;",
        "|": "#124;",
        "%": "#37;",
        "`": "#96;",
        "<": "#lt;",
        ">": "#gt;",
        "&": "#amp;",
        "\\": "#92;",
    }
)
_NEWLINES = re.compile(r"\r\n|\r|\n")
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")
_SPACES = re.compile(r"[ \t]+")

_TITLE_BRACKETS = str.maketrans({"<": "\u2039", ">": "\u203a"})

DEFAULT_LIMIT = 120


def label_text(text: str, limit: int = DEFAULT_LIMIT, *, breaks: bool = True) -> str:
    """The escaped body of a label (no quotes): safe inside `"..."` and after `:` in sequence diagrams."""
    lines = [_SPACES.sub(" ", _CONTROL.sub(" ", line)).strip() for line in _NEWLINES.split(text.strip())]
    lines = [line for line in lines if line]
    joined = shorten(" / ".join(lines) if not breaks else "\n".join(lines), limit)
    escaped = [line.translate(_ENTITIES) for line in joined.split("\n")]
    return "<br>".join(escaped) if escaped != [""] else "#160;"


def title_text(text: str, limit: int = 200) -> str:
    """A diagram title for the front matter (`title: ...`), as a JSON string (valid YAML).

    Mermaid reads a title that holds a tag as HTML, sanitizes it and then shows the result as text:
    `A <b> & C` would show as `A <b> &amp; C</b>`. Angle brackets therefore become the single angle
    quotation marks U+2039 and U+203A, so the title shows once, as written otherwise."""
    plain = _SPACES.sub(" ", _CONTROL.sub(" ", text)).strip().translate(_TITLE_BRACKETS)
    return json.dumps(shorten(plain, limit), ensure_ascii=False)


def quoted(text: str, limit: int = DEFAULT_LIMIT) -> str:
    """A double-quoted Mermaid label."""
    return '"' + label_text(text, limit) + '"'
