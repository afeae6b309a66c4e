"""Audit log export: a project's entries since a date, as CSV or JSON lines of plain values."""

import csv
import datetime as dt
import json
import uuid
from collections.abc import Iterator
from typing import Any, TextIO

from scripts.stack.database import Connection

COLUMNS = (
    "created_at",
    "action",
    "entity_type",
    "entity_id",
    "project_id",
    "flow_id",
    "actor_id",
    "actor_email",
    "actor_role",
    "ip_address",
    "user_agent",
    "changes",
)

QUERY = """
select a.created_at, a.action, a.entity_type, a.entity_id, a.project_id, a.flow_id, a.actor_id,
       p.email as actor_email, a.actor_role, a.ip_address::text, a.user_agent, a.changes
from public.audit_log as a left join public.profiles as p on p.id = a.actor_id
where a.project_id = %(project)s and a.created_at >= %(since)s
order by a.created_at, a.id
"""


def entries(conn: Connection, project_id: uuid.UUID, since: dt.datetime) -> Iterator[dict[str, Any]]:
    """Entries oldest first, streamed with a server-side cursor (the log can be large)."""
    with conn.transaction(), conn.cursor(name="audit_export") as cursor:
        cursor.itersize = 2000
        cursor.execute(QUERY, {"project": project_id, "since": since})
        for row in cursor:
            yield dict(zip(COLUMNS, row, strict=True))


def _plain(value: Any) -> Any:
    if isinstance(value, dt.datetime):
        return value.isoformat()
    if isinstance(value, uuid.UUID):
        return str(value)
    return value


def write_csv(rows: Iterator[dict[str, Any]], stream: TextIO) -> int:
    writer = csv.writer(stream)
    writer.writerow(COLUMNS)
    written = 0
    for row in rows:
        values = [_plain(row[c]) for c in COLUMNS]
        values[-1] = json.dumps(row["changes"], ensure_ascii=False, sort_keys=True)
        writer.writerow(["" if v is None else v for v in values])
        written += 1
    return written


def write_json(rows: Iterator[dict[str, Any]], stream: TextIO) -> int:
    """A JSON array, written entry by entry (never the whole log in memory)."""
    stream.write("[")
    written = 0
    for row in rows:
        stream.write(",\n  " if written else "\n  ")
        stream.write(json.dumps({c: _plain(row[c]) for c in COLUMNS}, ensure_ascii=False))
        written += 1
    stream.write("\n]\n" if written else "]\n")
    return written
