"""A flow read with `select("*")`, as docs/api.md shows it: its columns, nothing the frontend cannot use."""

from typing import cast

import psycopg

from scripts.stack.config import StackConfig
from supabase import create_client
from tests.api.conftest import MakeUser, ProjectOf

COLUMNS = """
select array_agg(attname::text order by attnum) from pg_attribute
where attrelid = 'public.flows'::regclass and attnum > 0 and not attisdropped
"""


def test_select_star_returns_every_column_and_no_search_vector(
    cfg: StackConfig, make_user: MakeUser, project_of: ProjectOf
) -> None:
    owner = make_user(name="Star owner")
    project = project_of(owner, "Star project")
    with psycopg.connect(cfg.db_url(), autocommit=True) as conn:
        row = conn.execute(COLUMNS).fetchone()
    columns = sorted(row[0]) if row else []
    service = create_client(cfg.api_url, cfg.service_role_key)
    for client in (owner.client, service):
        flows = cast(
            list[dict[str, object]],
            client.table("flows").select("*").eq("project_id", project).execute().data,
        )
        assert len(flows) == 1
        flow = flows[0]
        assert sorted(flow) == columns
        assert "search" not in flow
    # still searchable, through the search function only
    hits = owner.client.rpc("search", {"query": "invoice", "in_project": project}).execute().data
    assert [hit["kind"] for hit in hits] == ["flow"]
