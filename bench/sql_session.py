"""Direct SQL sessions that act like a PostgREST request: `set local role` plus the JWT claims."""

import json
from collections.abc import Iterator
from contextlib import contextmanager

import psycopg

Connection = psycopg.Connection[tuple[object, ...]]


@contextmanager
def acting_as(conn: Connection, role: str, user_id: str | None) -> Iterator[Connection]:
    """A transaction in which statements run as `role` (and auth.uid() = user_id), rolled back afterwards."""
    claims = {"role": role, **({"sub": user_id} if user_id else {})}
    with conn.transaction(force_rollback=True):
        # The bench connects as the admin, and `set role` does not bring the API roles' statement timeouts
        # (3 s / 8 s) along; said explicitly: the ILIKE baseline reads the whole table (seconds at 1M flows).
        conn.execute("set local statement_timeout = 0")
        conn.execute("select set_config('request.jwt.claims', %s, true)", [json.dumps(claims)])
        conn.execute(f"set local role {role}")  # a fixed API role name, never user input
        yield conn
