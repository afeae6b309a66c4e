"""Purge: hard-delete projects and flows soft-deleted longer ago than the retention period.

A direct connection as the database owner: only roles that bypass RLS can see deleted rows, and deleting an
already soft-deleted row removes it for real (sql/triggers/soft_delete.sql). Flows of a purged project go with
it (foreign key cascade), and so does the audit history of a purged project: it names what was in it, and
no row of the project is left for it to describe.
"""

import datetime as dt
import re
from dataclasses import dataclass

from scripts.stack.database import Connection

_AGE = re.compile(r"^\s*(\d+)\s*([smhdw])\s*$")
_UNITS = {"s": "seconds", "m": "minutes", "h": "hours", "d": "days", "w": "weeks"}

COUNT = """
select
  (select count(*) from public.projects where deleted_at < %(cutoff)s),
  (select count(*) from public.flows as f
    where f.deleted_at < %(cutoff)s
       or f.project_id in (select p.id from public.projects as p where p.deleted_at < %(cutoff)s))
"""


def parse_age(text: str) -> dt.timedelta:
    """`30d`, `12h`, `2w`, `90m`, `45s` -> a timedelta; ValueError otherwise."""
    match = _AGE.match(text)
    if not match:
        raise ValueError(f"{text!r} is not an age like 30d, 12h, 2w")
    return dt.timedelta(**{_UNITS[match.group(2)]: int(match.group(1))})


@dataclass(frozen=True)
class PurgeCount:
    cutoff: dt.datetime
    projects: int
    flows: int


def count(conn: Connection, cutoff: dt.datetime) -> PurgeCount:
    row = conn.execute(COUNT, {"cutoff": cutoff}).fetchone()
    projects, flows = (int(str(v)) for v in row) if row else (0, 0)
    return PurgeCount(cutoff, projects, flows)


def purge(conn: Connection, cutoff: dt.datetime) -> PurgeCount:
    """Delete for real, all or nothing; returns what was deleted."""
    with conn.transaction():
        counted = count(conn, cutoff)
        conn.execute("delete from public.flows where deleted_at < %s", [cutoff])
        purged = conn.execute(
            "delete from public.projects where deleted_at < %s returning id", [cutoff]
        ).fetchall()
        # After the projects: purging them writes audit rows of its own (the deletes), which go too.
        conn.execute("delete from public.audit_log where project_id = any(%s)", [[row[0] for row in purged]])
    return counted
