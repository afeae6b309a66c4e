"""File downloads: safe file names, `Content-Disposition: attachment`, the media type of each format."""

import re
import unicodedata
from dataclasses import dataclass
from urllib.parse import quote

from fastapi.responses import Response


@dataclass(frozen=True)
class FileFormat:
    extension: str
    media_type: str


DRAWIO = FileFormat(".drawio", "application/vnd.jgraph.mxfile; charset=utf-8")
MARKDOWN = FileFormat(".md", "text/markdown; charset=utf-8")
MERMAID = FileFormat(".mmd", "text/vnd.mermaid; charset=utf-8")
BPMN = FileFormat(".bpmn", "application/bpmn+xml; charset=utf-8")
PROJECT_JSON = FileFormat(".flowatlas.json", "application/json")


def slug(name: str, fallback: str = "download", limit: int = 80) -> str:
    """`Order → Cash (EU)` -> `order-cash-eu`: ASCII letters, digits and dashes, never empty."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")
    text = re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-")[:limit].strip("-")
    return text or fallback


def attachment(content: str | bytes, stem: str, file_format: FileFormat) -> Response:
    """A download named `<stem><extension>` (the stem is already a slug, so the name is plain ASCII)."""
    filename = f"{stem}{file_format.extension}"
    disposition = f"attachment; filename=\"{filename}\"; filename*=UTF-8''{quote(filename)}"
    body = content.encode("utf-8") if isinstance(content, str) else content
    return Response(body, media_type=file_format.media_type, headers={"Content-Disposition": disposition})
