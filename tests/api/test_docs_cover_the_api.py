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


# The old app's REST routes, exactly as it named them: docs/api.md gives each its own row, in this order.
OLD_ROUTES = [
    "POST /api/auth/register",
    "POST /api/auth/login",
    "POST /api/auth/logout",
    "GET /api/auth/me",
    "GET /api/projects",
    "POST /api/projects",
    "GET /api/projects/:id",
    "PUT /api/projects/:id",
    "DELETE /api/projects/:id",
    "POST /api/projects/:id/duplicate",
    "GET /api/projects/:id/export",
    "POST /api/projects/import",
    "GET /api/projects/:id/members",
    "POST /api/projects/:id/members",
    "DELETE /api/projects/:id/members/:userId",
    "POST /api/projects/:id/services/domains",
    "PUT /api/projects/:id/services/domains/:domainId",
    "DELETE /api/projects/:id/services/domains/:domainId",
    "POST /api/projects/:id/services/domains/:domainId/services",
    "PUT /api/projects/:id/services/:serviceId",
    "DELETE /api/projects/:id/services/:serviceId",
    "GET /api/projects/:id/actors",
    "POST /api/projects/:id/actors",
    "PUT /api/projects/:id/actors/:actorId",
    "DELETE /api/projects/:id/actors/:actorId",
    "GET /api/projects/:id/flows",
    "POST /api/projects/:id/flows",
    "GET /api/projects/:id/flows/:flowId",
    "PUT /api/projects/:id/flows/:flowId",
    "DELETE /api/projects/:id/flows/:flowId",
    "POST /api/projects/:id/flows/:flowId/duplicate",
    "GET /api/projects/:id/search?q=keyword",
    "GET /api/projects/:id/analytics",
    "GET /api/projects/:id/flows/:flowId/generate-drawio",
    "GET /api/projects/:id/flows/:flowId/generate-markdown",
]


def test_the_old_routes_are_listed_exactly_once_each_with_their_call() -> None:
    docs = Path(PROJECT_DIR / "docs" / "api.md").read_text()
    section = docs.split("## The old app's routes", 1)[1].split("\n## ", 1)[0]
    rows = [line.split("|")[1:-1] for line in section.splitlines() if line.startswith("| `")]
    assert [cells[0].strip().strip("`") for cells in rows] == OLD_ROUTES
    assert all("supabase." in cells[1] for cells in rows), "every old route names its supabase-js call"
    # Routes the old app never had are not presented as old ones anywhere else.
    assert "old endpoint" not in docs
