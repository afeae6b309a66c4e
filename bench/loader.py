"""Bulk loading: COPY streams on several connections at once, triggers off, flow indexes rebuilt afterwards.

`session_replication_role = replica` switches off user triggers and foreign-key checks for the load only, so
the generator writes what the triggers would have written itself (profiles, owner member rows, audit history,
and the flows' search documents: fill_search_documents). CHECK constraints still apply.
"""

import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field

import psycopg

Connection = psycopg.Connection[tuple[object, ...]]
Row = tuple[object, ...]

# Secondary indexes rebuilt after the load (constraint indexes stay: they are cheap and keep the data honest).
REBUILT_TABLES = ("public.flows", "public.audit_log", "public.flow_revisions", "private.flow_search")
SECONDARY_INDEXES = """
select i.indexrelid::regclass::text, pg_catalog.pg_get_indexdef(i.indexrelid)
from pg_catalog.pg_index as i
where i.indrelid = %s::regclass
  and not exists (select 1 from pg_catalog.pg_constraint as c where c.conindid = i.indexrelid)
"""


@dataclass
class LoadStats:
    rows: dict[str, int] = field(default_factory=dict)
    seconds: dict[str, float] = field(default_factory=dict)

    def add(self, table: str, rows: int) -> None:
        self.rows[table] = self.rows.get(table, 0) + rows

    @property
    def total_rows(self) -> int:
        return sum(self.rows.values())


def bulk_session(conn: Connection) -> None:
    conn.execute("set session_replication_role = replica")
    conn.execute("set synchronous_commit = off")


def drop_secondary_indexes(conn: Connection) -> list[str]:
    """Drops the non-constraint indexes of the big tables; returns their definitions."""
    definitions: list[str] = []
    for table in REBUILT_TABLES:
        for name, definition in conn.execute(SECONDARY_INDEXES, [table]).fetchall():
            definitions.append(str(definition))
            conn.execute(f"drop index {name}")  # name comes from the catalog
    return definitions


def rebuild_indexes(url: str, definitions: list[str]) -> None:
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute("set maintenance_work_mem = '1GB'")
        conn.execute("set max_parallel_maintenance_workers = 2")
        for definition in definitions:
            conn.execute(definition)  # a definition read back from pg_get_indexdef


def fill_search_documents(url: str, workers: int) -> None:
    """What the search triggers of flows write, for flows loaded with the triggers off: a share of the flows
    per connection, all at once (parsing the text is the cost, about 0.5 ms a flow). The seed's demo flows
    were inserted with their triggers and have theirs."""

    def fill(share: int) -> None:
        with psycopg.connect(url, autocommit=True) as conn:
            conn.execute(
                "insert into private.flow_search (flow_id, search) "
                "select f.id, private.flow_search_document(f) from public.flows as f "
                "where mod(hashtext(f.id::text)::bigint + 2147483648, %s) = %s "
                "on conflict (flow_id) do nothing",
                [workers, share],
            )

    with ThreadPoolExecutor(workers) as pool:
        list(pool.map(fill, range(workers)))


class CopyStreams:
    """One COPY per table, each on its own connection, all open at once, committed together at the end."""

    def __init__(self, url: str, columns: dict[str, tuple[str, ...]], stats: LoadStats) -> None:
        self.url = url
        self.columns = columns
        self.stats = stats
        self._copies: dict[str, psycopg.Copy] = {}
        self._counts: dict[str, int] = dict.fromkeys(columns, 0)

    @contextmanager
    def open(self) -> Iterator["CopyStreams"]:
        with ExitStack() as stack:
            for table, cols in self.columns.items():
                conn = stack.enter_context(psycopg.connect(self.url))
                bulk_session(conn)
                cursor = stack.enter_context(conn.cursor())
                statement = f"copy {table} ({', '.join(cols)}) from stdin"  # our own names
                self._copies[table] = stack.enter_context(cursor.copy(statement))
            started = time.perf_counter()
            yield self
        # every COPY has ended and every connection committed when the ExitStack closes
        for table, count in self._counts.items():
            self.stats.add(table, count)
            self.stats.seconds[table] = time.perf_counter() - started

    def write(self, table: str, row: Row) -> None:
        self._copies[table].write_row(row)
        self._counts[table] += 1
