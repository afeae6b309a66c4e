"""Every error the edge API answers has PostgREST's shape, `{code, message, details, hint}`, with the
status PostgREST gives the same problem, and `details` always a JSON array of `{path, message}` (empty
when the error is about no field). An invalid document or value is 400 on both surfaces.

Handlers turn FastAPI's own errors (validation, unknown routes) into that shape; anything unexpected becomes
a 500 with a generic message (the traceback goes to the log, never to the caller).
"""

import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from edge_api.documents import FieldError, json_path

log = logging.getLogger("edge_api")


class ApiError(Exception):
    """An answer other than success: status, a one-line message, field errors, PostgREST's code and hint."""

    def __init__(
        self,
        status: int,
        message: str,
        details: list[FieldError] | None = None,
        headers: dict[str, str] | None = None,
        code: str = "",
        hint: str = "",
    ):
        super().__init__(message)
        self.status = status
        self.message = message
        self.details = details or []
        self.headers = headers
        self.code = code
        self.hint = hint


def error_body(
    message: str, details: list[FieldError] | None = None, code: str = "", hint: str = ""
) -> dict[str, Any]:
    return {"code": code or None, "message": message, "details": details or [], "hint": hint or None}


def field_errors(details: Any) -> list[FieldError]:
    """The database's DETAIL as field errors: its [{path, message}] as they are, any other text as one error
    about the whole request (path `$`)."""
    if isinstance(details, list) and all(isinstance(e, dict) and "path" in e for e in details):
        return [FieldError(path=str(e["path"]), message=str(e.get("message", ""))) for e in details]
    if details:
        return [FieldError(path="$", message=str(details))]
    return []


def not_found(what: str) -> ApiError:
    """The same answer whether the row does not exist or the caller may not see it."""
    return ApiError(404, f"{what} not found (or you may not read it)")


def _request_field_errors(exc: RequestValidationError) -> list[FieldError]:
    errors: list[FieldError] = []
    for error in exc.errors():
        loc = [part for part in error.get("loc", ()) if isinstance(part, str | int)]
        errors.append(FieldError(path=json_path(loc), message=str(error.get("msg", "invalid"))))
    return errors


def install_handlers(app: FastAPI) -> None:
    @app.exception_handler(ApiError)
    async def _api_error(_: Request, exc: ApiError) -> JSONResponse:
        body = error_body(exc.message, exc.details, exc.code, exc.hint)
        return JSONResponse(body, status_code=exc.status, headers=exc.headers)

    @app.exception_handler(RequestValidationError)
    async def _validation_error(_: Request, exc: RequestValidationError) -> JSONResponse:
        # 400 like PostgREST's answer to a bad value (22P02, 23514), not FastAPI's 422.
        errors = _request_field_errors(exc)
        first = f" at {errors[0]['path']}: {errors[0]['message']}" if errors else ""
        return JSONResponse(error_body(f"request is invalid{first}", errors), status_code=400)

    @app.exception_handler(StarletteHTTPException)
    async def _http_error(_: Request, exc: StarletteHTTPException) -> JSONResponse:
        return JSONResponse(error_body(str(exc.detail)), status_code=exc.status_code, headers=exc.headers)

    @app.exception_handler(Exception)
    async def _unexpected(request: Request, exc: Exception) -> JSONResponse:
        log.exception("unhandled error on %s %s", request.method, request.url.path)
        return JSONResponse(error_body("internal error; the edge API log has the details"), status_code=500)
