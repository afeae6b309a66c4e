"""The edge API: what Supabase serves at /functions/v1 — rendered documents, project export and import.

Every request carries the user's access token; every read and write goes to PostgREST with that token (and the
anon key), so row-level security decides exactly as it does for the frontend. The service key is never used.
"""

import asyncio
import gc
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from typing import Annotated, Any, TypeVar

import httpx
from fastapi import Depends, FastAPI, Query, Request
from fastapi.responses import JSONResponse, Response
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile

from edge_api import diff_reads, downloads, imports, project_reads
from edge_api.auth import Caller, current_caller
from edge_api.cors import allow_cross_origin
from edge_api.diffs import render_diff_markdown
from edge_api.documents import Flow, ProjectDocument
from edge_api.downloads import FileFormat
from edge_api.http_errors import ApiError, field_errors, install_handlers, not_found
from edge_api.postgrest import PostgrestError, UserApi
from edge_api.render import (
    render_bpmn,
    render_drawio,
    render_flow_markdown,
    render_mermaid,
    render_project_markdown,
)
from edge_api.settings import Settings, get_settings

MAX_UPLOAD_BYTES = 20 * 1024 * 1024
# Rendering is CPU-bound: it runs in a worker thread, so the event loop (and /health) keeps answering, and
# the request gives up after this long. The thread cannot be stopped; the renderers are linear, so it ends
# soon after.
RENDER_SECONDS = 20.0


@asynccontextmanager
async def lifespan(app: FastAPI) -> AsyncIterator[None]:
    # What is loaded by now (FastAPI, pydantic's schemas: some 60,000 objects) lives as long as the process.
    # Out of the cyclic collector's reach, its full collections stop walking them: each took 60 ms and fell on
    # about one BPMN render in 17 (p95 of a 200-step flow 98 ms, median 35 ms).
    gc.freeze()
    async with httpx.AsyncClient(timeout=httpx.Timeout(60.0, connect=5.0)) as http:
        app.state.http = http
        yield


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or get_settings()
    app = FastAPI(
        title="Flow Atlas edge API",
        description=(
            "Rendered documents (draw.io, Markdown, Mermaid), project export and import, read as the calling "
            "user: send `Authorization: Bearer <access token>`; row-level security decides what you see. "
            "Errors are JSON `{message, details?}`."
        ),
        version="0.1.0",
        lifespan=lifespan,
    )
    install_handlers(app)
    allow_cross_origin(app, settings.edge_cors_origins)
    _routes(app)
    return app


def user_api(
    request: Request,
    caller: Annotated[Caller, Depends(current_caller)],
    settings: Annotated[Settings, Depends(get_settings)],
) -> UserApi:
    """PostgREST as the verified caller."""
    if settings.supabase_anon_key is None:
        raise ApiError(503, "the edge API is not configured: set SUPABASE_ANON_KEY")
    http: httpx.AsyncClient = request.app.state.http
    return UserApi(http, settings.rest_url, settings.supabase_anon_key.get_secret_value(), caller.token)


Api = Annotated[UserApi, Depends(user_api)]

_ERRORS: dict[int | str, dict[str, Any]] = {
    401: {"description": "No valid access token."},
    404: {"description": "No such flow or project, or you may not read it."},
}


def api_error(exc: PostgrestError) -> ApiError:
    """A PostgREST error as the edge API answers it: PostgREST's status, code, message and hint;
    `details` as the JSON array the database sent ([{path, message}] for a bad value), so both surfaces
    say the same."""
    if exc.status == 0:
        return ApiError(503, "the data API is unavailable; try again shortly")
    details = field_errors(exc.detail_json())
    if exc.code == "54000":  # a size limit: PostgREST says 500, but it is the request that is too large
        return ApiError(413, exc.message, details, code=exc.code, hint=exc.hint)
    if exc.code == "42501":
        return ApiError(
            exc.status if exc.status in (401, 403) else 403,
            exc.message,
            details,
            code=exc.code,
            hint=exc.hint,
        )
    if 400 <= exc.status < 500:
        return ApiError(exc.status, exc.message, details, code=exc.code, hint=exc.hint)
    return ApiError(502, f"the data API failed: {exc.message}", code=exc.code)


T = TypeVar("T")


async def _guard(what: str, work: Awaitable[T]) -> T:
    try:
        return await work
    except project_reads.NotVisible:
        raise not_found(what) from None
    except PostgrestError as exc:
        raise api_error(exc) from exc
    except project_reads.StoredDataInvalid as exc:
        raise ApiError(500, str(exc)) from exc


Renderer = Callable[[ProjectDocument, Flow], str]


async def _off_the_loop(render: Callable[..., str], *args: Any) -> str:
    try:
        return await asyncio.wait_for(run_in_threadpool(render, *args), RENDER_SECONDS)
    except TimeoutError:
        raise ApiError(
            503, f"rendering took longer than {RENDER_SECONDS:.0f} s: try again later, or split the flow"
        ) from None


async def _flow_file(api: UserApi, flow_id: uuid.UUID, render: Renderer, file_format: FileFormat) -> Response:
    loaded = await _guard("flow", project_reads.read_flow(api, flow_id))
    content = await _off_the_loop(render, loaded.document, loaded.flow)
    return downloads.attachment(content, downloads.slug(loaded.flow.name, "flow"), file_format)


async def _document_body(request: Request) -> bytes:
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > MAX_UPLOAD_BYTES + 64 * 1024:  # refused before it is read
        raise ApiError(413, f"the document is larger than {MAX_UPLOAD_BYTES // (1024 * 1024)} MB")
    content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if content_type == "multipart/form-data":
        form = await request.form(max_files=1, max_fields=10)
        upload = form.get("file")
        if not isinstance(upload, UploadFile):
            raise ApiError(
                400, "the upload has no file field named 'file'", [{"path": "file", "message": "required"}]
            )
        raw = await upload.read(MAX_UPLOAD_BYTES + 1)
    elif content_type in ("application/json", "") or content_type.endswith("+json"):
        raw = await request.body()
    else:
        raise ApiError(415, "send the document as application/json or as multipart/form-data field 'file'")
    if len(raw) > MAX_UPLOAD_BYTES:
        raise ApiError(413, f"the document is larger than {MAX_UPLOAD_BYTES // (1024 * 1024)} MB")
    return raw


_IMPORT_BODY: dict[str, Any] = {
    "requestBody": {
        "required": True,
        "description": "A flowatlas.project/v1 document (or the old app's localStorage export).",
        "content": {
            "application/json": {
                "schema": ProjectDocument.model_json_schema(ref_template="#/components/schemas/{model}")
            },
            "multipart/form-data": {
                "schema": {
                    "type": "object",
                    "properties": {"file": {"type": "string", "format": "binary"}},
                    "required": ["file"],
                }
            },
        },
    }
}


def _routes(app: FastAPI) -> None:
    @app.get("/health", summary="Liveness check", tags=["health"])
    def health() -> dict[str, str]:
        return {"status": "ok"}

    flow_responses: dict[int | str, dict[str, Any]] = {**_ERRORS}

    @app.get(
        "/flows/{flow_id}/drawio",
        summary="A flow as a draw.io diagram",
        tags=["flows"],
        response_class=Response,
        responses={200: {"content": {"application/vnd.jgraph.mxfile": {}}}, **flow_responses},
    )
    async def flow_drawio(flow_id: uuid.UUID, api: Api) -> Response:
        """One swimlane per actor, one box per step; opens in diagrams.net."""
        return await _flow_file(api, flow_id, render_drawio, downloads.DRAWIO)

    @app.get(
        "/flows/{flow_id}/markdown",
        summary="A flow as a Markdown document",
        tags=["flows"],
        response_class=Response,
        responses={200: {"content": {"text/markdown": {}}}, **flow_responses},
    )
    async def flow_markdown(flow_id: uuid.UUID, api: Api) -> Response:
        """Metadata, a Mermaid sequence diagram, steps, integrations, rules, errors and SLAs."""
        return await _flow_file(api, flow_id, render_flow_markdown, downloads.MARKDOWN)

    @app.get(
        "/flows/{flow_id}/mermaid",
        summary="A flow as a Mermaid flowchart",
        tags=["flows"],
        response_class=Response,
        responses={200: {"content": {"text/vnd.mermaid": {}}}, **flow_responses},
    )
    async def flow_mermaid(flow_id: uuid.UUID, api: Api) -> Response:
        """A flowchart with one subgraph per lane, usable on its own."""
        return await _flow_file(api, flow_id, render_mermaid, downloads.MERMAID)

    @app.get(
        "/flows/{flow_id}/bpmn",
        summary="A flow as a BPMN 2.0 diagram",
        tags=["flows"],
        response_class=Response,
        responses={200: {"content": {"application/bpmn+xml": {}}}, **flow_responses},
    )
    async def flow_bpmn(flow_id: uuid.UUID, api: Api) -> Response:
        """A pool with a lane per actor, a task per step, error scenarios as boundary error events, laid
        out (BPMNDI); opens drawn in Camunda Modeler and bpmn.io."""
        return await _flow_file(api, flow_id, render_bpmn, downloads.BPMN)

    @app.get(
        "/flows/{flow_id}/diff",
        summary="What changed in a flow between two revisions, as Markdown",
        tags=["flows"],
        response_class=Response,
        responses={200: {"content": {"text/markdown": {}}}, **flow_responses},
    )
    async def flow_diff(
        flow_id: uuid.UUID,
        api: Api,
        from_revision: Annotated[int, Query(alias="from", ge=1, description="The old revision.")],
        to_revision: Annotated[
            int | None, Query(alias="to", ge=1, description="The new revision (default: the flow as it is).")
        ] = None,
    ) -> Response:
        """The database's `flow_diff` (members read revisions): fields, steps, rules, errors, SLAs."""
        diff = await _guard("flow revision", diff_reads.read_diff(api, flow_id, from_revision, to_revision))
        # Off the event loop, bounded like every render: a diff has as many rows as the flows have parts.
        parts = (diff.flow_name, diff.since, diff.until, diff.changes)
        content = await _off_the_loop(render_diff_markdown, *parts)
        until = "current" if to_revision is None else str(to_revision)
        stem = f"{downloads.slug(diff.flow_name, 'flow')}-changes-{from_revision}-{until}"
        return downloads.attachment(content, stem, downloads.MARKDOWN)

    @app.get(
        "/projects/{project_id}/export",
        summary="Export a project (flowatlas.project/v1)",
        tags=["projects"],
        response_class=Response,
        responses={200: {"content": {"application/json": {}}}, **_ERRORS},
    )
    async def project_export(project_id: uuid.UUID, api: Api) -> Response:
        """The database's `export_project` (recorded in the audit log) as a JSON file download."""
        document = await _guard("project", project_reads.export_project(api, project_id))
        project = document.get("project")
        name = project.get("name") if isinstance(project, dict) else None
        stem = downloads.slug(name if isinstance(name, str) else "", "project")
        body = JSONResponse(document).body
        return downloads.attachment(bytes(body), stem, downloads.PROJECT_JSON)

    @app.get(
        "/projects/{project_id}/markdown",
        summary="A whole project as one Markdown document",
        tags=["projects"],
        response_class=Response,
        responses={200: {"content": {"text/markdown": {}}}, **_ERRORS},
    )
    async def project_markdown(project_id: uuid.UUID, api: Api) -> Response:
        """An index and one section per flow, grouped by service domain."""
        document = await _guard("project", project_reads.read_project(api, project_id))
        content = await _off_the_loop(render_project_markdown, document)
        return downloads.attachment(
            content, downloads.slug(document.project.name, "project"), downloads.MARKDOWN
        )

    @app.post(
        "/projects/import",
        summary="Import a project document as a new project you own",
        tags=["projects"],
        status_code=201,
        openapi_extra=_IMPORT_BODY,
        responses={
            201: {"description": "Created: `{id}` of the new project."},
            401: _ERRORS[401],
            403: {"description": "You may not create projects (global viewers)."},
            400: {"description": "Invalid document: `details` lists every bad field by JSON path."},
        },
    )
    async def project_import(
        request: Request,
        api: Api,
        name: Annotated[
            str | None, Query(description="Name of the new project (overrides the document's).")
        ] = None,
    ) -> JSONResponse:
        """JSON body, or a multipart upload with the file in field `file`. All or nothing; the database
        validates the document and its errors are the answer (400, `details` every bad field by JSON path)."""
        try:
            document = imports.parse_json(await _document_body(request))
        except imports.DocumentInvalid as exc:
            raise ApiError(400, exc.message, exc.errors, code="22023") from None
        arguments: dict[str, Any] = {"document": document}
        if name is not None:
            arguments["name"] = name
        project_id = await _guard("project", api.rpc("import_project", arguments))
        location = f"{request.scope.get('root_path', '')}/projects/{project_id}/export"
        return JSONResponse({"id": project_id}, status_code=201, headers={"Location": location})


app = create_app()
