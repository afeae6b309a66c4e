"""docs/api.md is the frontend's contract: every exposed table and function must appear in it."""

from pathlib import Path

from scripts.stack import database
from scripts.stack.config import PROJECT_DIR, StackConfig

EXPOSED = """
select c.relname from pg_class c join pg_namespace n on n.oid = c.relnamespace
where n.nspname = 'public' and c.relkind in ('r', 'v')
union
select p.proname from pg_proc p join pg_namespace n on n.oid = p.pronamespace
where n.nspname = 'public' and has_function_privilege('authenticated', p.oid, 'execute')
"""


def test_every_table_and_rpc_is_documented(cfg: StackConfig) -> None:
    docs = Path(PROJECT_DIR / "docs" / "api.md").read_text()
    with database.connect(cfg.db_url()) as conn:
        names = sorted(str(row[0]) for row in conn.execute(EXPOSED).fetchall())
    assert len(names) > 20
    missing = [name for name in names if f'"{name}"' not in docs]
    assert missing == [], f"not in docs/api.md: {missing}"
