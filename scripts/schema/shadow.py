"""Scratch databases in the stack's cluster, built two ways, and the diff between them.

One is built from supabase/migrations (the history), the other from the declarative files (the
source). `supabase db diff --use-pg-delta` between them is the next migration; empty means no drift.
"""

from collections.abc import Iterator
from contextlib import contextmanager

import psycopg
from psycopg import sql

from scripts.schema.declared import schema_files
from scripts.stack import database
from scripts.stack.config import StackConfig
from scripts.stack.errors import StackError


@contextmanager
def scratch_database(cfg: StackConfig, name: str) -> Iterator[str]:
    """A fresh database `name` (replacing a leftover one), dropped afterwards; yields its URL."""
    with database.connect(cfg.db_url()) as conn:
        conn.execute(sql.SQL("drop database if exists {} with (force)").format(sql.Identifier(name)))
        conn.execute(sql.SQL("create database {}").format(sql.Identifier(name)))
    try:
        yield cfg.db_url(database=name)
    finally:
        with database.connect(cfg.db_url()) as conn:
            conn.execute(sql.SQL("drop database if exists {} with (force)").format(sql.Identifier(name)))


def build_from_migrations(cfg: StackConfig, url: str) -> None:
    database.apply_compat(cfg, url)
    database.push_migrations(cfg, url, seed=False)


def build_from_declared(cfg: StackConfig, url: str) -> None:
    database.apply_compat(cfg, url)
    with database.connect(url) as conn:
        for path in schema_files(cfg):
            try:
                conn.execute(path.read_text())  # our own schema files
            except psycopg.Error as exc:
                raise StackError(
                    f"{path.relative_to(cfg.project_dir)} failed to apply",
                    "fix the file (files apply in schema_paths order)",
                    detail=str(exc).strip(),
                ) from exc


def diff(cfg: StackConfig) -> str:
    """SQL that takes a database built from migrations to the declared schema ('' when in sync)."""
    with (
        scratch_database(cfg, "flowatlas_shadow_migrations") as from_url,
        scratch_database(cfg, "flowatlas_shadow_declared") as to_url,
    ):
        build_from_migrations(cfg, from_url)
        build_from_declared(cfg, to_url)
        result = database.run_cli(
            cfg,
            "db",
            "diff",
            "--from",
            database.cli_url(from_url),
            "--to",
            database.cli_url(to_url),
            "--use-pg-delta",
        )
    if result.returncode != 0:
        raise StackError("supabase db diff failed", detail=(result.stderr or result.stdout).strip())
    return result.stdout.strip()
