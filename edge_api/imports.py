"""Checking a project document before it is sent to `import_project`: parse, name override, model validation.

The database validates again (all or nothing); checking here first gives every bad field with its path
without a round trip. The old app's localStorage shape has no model here: the database converts it.
"""

import json
from typing import Any

from pydantic import ValidationError

from edge_api.documents import FieldError, ProjectDocument, field_errors

LEGACY_KEYS = ("serviceRegistry", "actorRegistry", "integrationTypes")


class DocumentInvalid(ValueError):
    """A document that cannot be imported; `errors` lists every bad field by JSON path."""

    def __init__(self, message: str, errors: list[FieldError]):
        super().__init__(message)
        self.message = message
        self.errors = errors


def parse_json(raw: bytes | str) -> Any:
    try:
        return json.loads(raw)
    except (ValueError, UnicodeDecodeError) as exc:
        raise DocumentInvalid(
            f"the document is not JSON: {exc}", [{"path": "", "message": str(exc)}]
        ) from exc
    except RecursionError as exc:
        message = "the document is nested too deeply"
        raise DocumentInvalid(message, [{"path": "", "message": message}]) from exc


def is_legacy(data: Any) -> bool:
    """The old single-user app's export (no `format`, registries under their old names)."""
    return isinstance(data, dict) and "format" not in data and any(key in data for key in LEGACY_KEYS)


def check_document(data: Any, name: str | None = None) -> Any:
    """The document to send (with `name` as the project name when given); raises DocumentInvalid."""
    if not isinstance(data, dict):
        raise DocumentInvalid(
            "the document must be a JSON object", [{"path": "", "message": "must be a JSON object"}]
        )
    if name is not None and isinstance(data.get("project"), dict):
        data = {**data, "project": {**data["project"], "name": name}}
    if is_legacy(data):
        return data
    try:
        ProjectDocument.model_validate(data)
    except ValidationError as exc:
        errors = field_errors(exc)
        first = errors[0] if errors else FieldError(path="", message=str(exc))
        where = first["path"] or "the document"
        raise DocumentInvalid(f"document is invalid at {where}: {first['message']}", errors) from exc
    return data
