"""Rendering flows and projects to files: the edge API's renderers, fed by the same reads (as a user)."""

import enum
import uuid
from collections.abc import Callable, Iterable
from pathlib import Path

from edge_api import project_reads
from edge_api.documents import Flow, ProjectDocument
from edge_api.downloads import BPMN, DRAWIO, MARKDOWN, MERMAID, FileFormat, slug
from edge_api.postgrest import UserApi
from edge_api.render import (
    render_bpmn,
    render_drawio,
    render_flow_markdown,
    render_mermaid,
    render_project_markdown,
)
from scripts.errors import CliError


class Format(enum.StrEnum):
    DRAWIO = "drawio"
    MARKDOWN = "markdown"
    MERMAID = "mermaid"
    BPMN = "bpmn"


FLOW_RENDERERS: dict[Format, tuple[Callable[[ProjectDocument, Flow], str], FileFormat]] = {
    Format.DRAWIO: (render_drawio, DRAWIO),
    Format.MARKDOWN: (render_flow_markdown, MARKDOWN),
    Format.MERMAID: (render_mermaid, MERMAID),
    Format.BPMN: (render_bpmn, BPMN),
}


async def load_flow(api: UserApi, flow_id: uuid.UUID) -> project_reads.FlowDocument:
    try:
        return await project_reads.read_flow(api, flow_id)
    except project_reads.NotVisible:
        raise CliError(f"flow {flow_id} not found", "check the id and --as") from None


async def load_project(api: UserApi, project_id: uuid.UUID) -> ProjectDocument:
    try:
        return await project_reads.read_project(api, project_id)
    except project_reads.NotVisible:
        raise CliError(f"project {project_id} not found", "check the id and --as") from None


def write_flow(
    document: ProjectDocument, flow: Flow, file_format: Format, out: Path, stem: str | None = None
) -> Path:
    render, kind = FLOW_RENDERERS[file_format]
    path = out / f"{stem or slug(flow.name, 'flow')}{kind.extension}"
    path.write_text(render(document, flow), encoding="utf-8")
    return path


def write_project(
    document: ProjectDocument,
    file_format: Format,
    out: Path,
    track: Callable[[Iterable[Flow]], Iterable[Flow]],
) -> list[Path]:
    """Markdown: one document for the project. Other formats: one file per flow, numbered in order."""
    if file_format is Format.MARKDOWN:
        path = out / f"{slug(document.project.name, 'project')}{MARKDOWN.extension}"
        path.write_text(render_project_markdown(document), encoding="utf-8")
        return [path]
    folder = out / slug(document.project.name, "project")
    folder.mkdir(parents=True, exist_ok=True)
    width = max(2, len(str(len(document.flows))))
    flows = list(document.flows)
    return [
        write_flow(document, flow, file_format, folder, f"{n:0{width}d}-{slug(flow.name, 'flow')}")
        for n, flow in enumerate(track(flows), start=1)
    ]
