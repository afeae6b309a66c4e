"""A flow's performance requirements as (requirement, value) text rows, and stored JSON values as text."""

import json

from pydantic import JsonValue

from edge_api.documents import PerformanceRequirements
from edge_api.render.text import number_text


def performance_rows(requirements: PerformanceRequirements) -> list[list[str]]:
    """(requirement, value) in display order: the known keys, then any others as they were stored."""
    rows: list[list[str]] = []
    if requirements.response_time_ms is not None:
        rows.append(["Response time", f"{number_text(requirements.response_time_ms)} ms"])
    if requirements.throughput_per_minute is not None:
        rows.append(["Throughput", f"{number_text(requirements.throughput_per_minute)} per minute"])
    if requirements.availability_percent is not None:
        rows.append(["Availability", f"{number_text(requirements.availability_percent)} %"])
    if requirements.sla:
        rows.append(["SLA", requirements.sla])
    if requirements.notes:
        rows.append(["Notes", requirements.notes])
    for key, value in (requirements.model_extra or {}).items():
        rows.append([key, json_text(value)])
    return rows


def json_text(value: JsonValue) -> str:
    return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False, sort_keys=True)
