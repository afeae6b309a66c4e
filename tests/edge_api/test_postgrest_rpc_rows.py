"""edge_api/postgrest.py: UserApi.rpc_rows reads every row of a set-returning rpc, page after page."""

import asyncio
from collections.abc import Callable
from typing import Any

import httpx

from edge_api.postgrest import UserApi
from scripts.stack.config import StackConfig
from tests.conftest import User
from tests.projects import import_project


def test_pages_add_up_to_the_whole_answer(cfg: StackConfig, make_user: Callable[..., User]) -> None:
    owner = make_user(name="Pager")
    project = import_project(owner)
    services = owner.client.table("services").select("id").eq("project_id", project).execute().data
    arguments: list[dict[str, Any]] = [{"kind": "service", "entry_id": s["id"]} for s in services]

    async def read() -> tuple[list[list[dict[str, Any]]], list[list[dict[str, Any]]]]:
        async with httpx.AsyncClient(timeout=30) as http:
            api = UserApi(http, f"{cfg.api_url}/rest/v1", cfg.anon_key, owner.token)
            whole = [await api.rpc("where_used", a) for a in arguments]
            paged = [await api.rpc_rows("where_used", a, page=2) for a in arguments]
            return whole, paged

    whole, paged = asyncio.run(read())
    assert max(len(rows) for rows in whole) > 2, "the fixture should use some service more than twice"
    assert paged == whole
