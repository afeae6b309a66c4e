"""Revision diffs of flows: the rows of the database's `flow_diff`, applied or rendered (pure functions)."""

from edge_api.diffs.changes import FlowChange, apply_changes, parse_changes
from edge_api.diffs.markdown import render_diff_markdown

__all__ = ["FlowChange", "apply_changes", "parse_changes", "render_diff_markdown"]
