"""Purge: hard-delete projects and flows soft-deleted longer ago than the retention period.

A direct connection as the database owner: only roles that bypass RLS can see deleted rows, and deleting an
already soft-deleted row removes it for real (sql/triggers/soft_delete.sql). Flows of a purged project go with
it (foreign key cascade), and so does the audit history of a purged project: it names what was in it, and
no row of the project is left for it to describe.

History retention (`purge_history`): flow revisions and audit entries older than a cutoff, except the latest
`KEEP_REVISIONS` revisions of every flow, whatever their age: a live flow's recent history is never purged.
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


KEEP_REVISIONS = 20
HISTORY = """
select
  (select count(*) from public.flow_revisions as r
    where r.created_at < %(cutoff)s
      and r.revision < (select f.revision from public.flows as f where f.id = r.flow_id) - %(keep)s),
  (select count(*) from public.audit_log where created_at < %(cutoff)s)
"""
DELETE_REVISIONS = """
delete from public.flow_revisions as r
where r.created_at < %(cutoff)s
  and r.revision < (select f.revision from public.flows as f where f.id = r.flow_id) - %(keep)s
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


@dataclass(frozen=True)
class HistoryCount:
    cutoff: dt.datetime
    revisions: int
    audit_entries: int


def count_history(conn: Connection, cutoff: dt.datetime) -> HistoryCount:
    row = conn.execute(HISTORY, {"cutoff": cutoff, "keep": KEEP_REVISIONS}).fetchone()
    revisions, audit_entries = (int(str(v)) for v in row) if row else (0, 0)
    return HistoryCount(cutoff, revisions, audit_entries)


def purge_history(conn: Connection, cutoff: dt.datetime) -> HistoryCount:
    """Delete revisions and audit entries past retention (keeping each flow's latest revisions)."""
    with conn.transaction():
        counted = count_history(conn, cutoff)
        conn.execute(DELETE_REVISIONS, {"cutoff": cutoff, "keep": KEEP_REVISIONS})
        conn.execute("delete from public.audit_log where created_at < %s", [cutoff])
    return counted
