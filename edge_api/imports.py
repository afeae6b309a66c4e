"""Reading an uploaded project document: JSON text in, a JSON value out. Nothing else is checked here: the
database validates the document (`import_project`), and its errors are the answer."""

import json
from typing import Any

from edge_api.documents import FieldError


class DocumentInvalid(ValueError):
    """A document that is not even JSON; `errors` holds the one reason at path `$`."""

    def __init__(self, message: str, errors: list[FieldError]):
        super().__init__(message)
        self.message = message
        self.errors = errors


def parse_json(raw: bytes | str) -> Any:
    try:
        return json.loads(raw)
    except (ValueError, UnicodeDecodeError) as exc:
        raise DocumentInvalid(
            f"the document is not JSON: {exc}", [{"path": "$", "message": str(exc)}]
        ) from exc
    except RecursionError as exc:
        message = "the document is nested too deeply"
        raise DocumentInvalid(message, [{"path": "$", "message": message}]) from exc
