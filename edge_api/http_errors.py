"""Every error the edge API answers is JSON `{"message": …, "details"?: …}` with a meaningful status.

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
    """An answer other than success: status, a one-line message, optional details (e.g. field errors)."""

    def __init__(self, status: int, message: str, details: Any = None, headers: dict[str, str] | None = None):
        super().__init__(message)
        self.status = status
        self.message = message
        self.details = details
        self.headers = headers


def error_body(message: str, details: Any = None) -> dict[str, Any]:
    return {"message": message} if details is None else {"message": message, "details": details}


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
        return JSONResponse(error_body(exc.message, exc.details), status_code=exc.status, headers=exc.headers)

    @app.exception_handler(RequestValidationError)
    async def _validation_error(_: Request, exc: RequestValidationError) -> JSONResponse:
        errors = _request_field_errors(exc)
        first = f" at {errors[0]['path']}: {errors[0]['message']}" if errors else ""
        return JSONResponse(error_body(f"request is invalid{first}", errors), status_code=422)

    @app.exception_handler(StarletteHTTPException)
    async def _http_error(_: Request, exc: StarletteHTTPException) -> JSONResponse:
        return JSONResponse(error_body(str(exc.detail)), status_code=exc.status_code, headers=exc.headers)

    @app.exception_handler(Exception)
    async def _unexpected(request: Request, exc: Exception) -> JSONResponse:
        log.exception("unhandled error on %s %s", request.method, request.url.path)
        return JSONResponse(error_body("internal error; the edge API log has the details"), status_code=500)
