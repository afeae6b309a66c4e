"""Renderers: pure, deterministic functions from a project document (and one of its flows) to text.

No I/O and no clock: the only timestamp used is the document's `exported_at`.
"""

from edge_api.render.bpmn import render_bpmn
from edge_api.render.drawio import render_drawio
from edge_api.render.markdown import render_flow_markdown, render_project_markdown
from edge_api.render.mermaid import render_mermaid

__all__ = [
    "render_bpmn",
    "render_drawio",
    "render_flow_markdown",
    "render_mermaid",
    "render_project_markdown",
]
