"""What the generator leaves behind for the benchmarks: the ids of the bench users and projects.

Stored in `bench.dataset` (one row) so a later run can reuse a loaded database instead of loading it again.
"""

import json
from dataclasses import asdict, dataclass

import psycopg

CREATE = """
create schema if not exists bench;
create table if not exists bench.dataset (
  profile text primary key, facts jsonb not null, loaded_at timestamptz not null default now()
);
"""


@dataclass(frozen=True)
class Dataset:
    profile: str
    flows: int
    bench_project: str  # a regular project: the RLS page and the writes
    big_project: str  # the 2,000-flow project: export, import, duplicate
    solo_user: str  # editor of bench_project only
    busy_user: str  # editor of bench_project and member of many more projects
    big_owner: str  # owner of big_project
    busy_memberships: int


def save(conn: psycopg.Connection[tuple[object, ...]], dataset: Dataset) -> None:
    conn.execute(CREATE)
    conn.execute("delete from bench.dataset")
    conn.execute(
        "insert into bench.dataset (profile, facts) values (%s, %s::jsonb)",
        [dataset.profile, json.dumps(asdict(dataset))],
    )


def load(conn: psycopg.Connection[tuple[object, ...]]) -> Dataset | None:
    exists = conn.execute("select to_regclass('bench.dataset') is not null").fetchone()
    if not exists or not exists[0]:
        return None
    row = conn.execute("select facts::text from bench.dataset limit 1").fetchone()
    if row is None:
        return None
    return Dataset(**json.loads(str(row[0])))
