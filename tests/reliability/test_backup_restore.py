"""Data safety: `flowatlas backup` of live projects, then `flowatlas restore` into an empty scratch database
(port base 61421) gives identical data: the same project documents, owners, members and users.
"""

import json
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import httpx
import psycopg
import pytest

from edge_api import tokens
from scripts.stack.config import StackConfig
from tests.conftest import User
from tests.http_api import Api, join_project, seed_project
from tests.projects import portable
from tests.scratch_stack import RESTORE_PORT_BASE, ScratchStack, scratch_stack

FLOWATLAS = [sys.executable, "-m", "scripts.cli"]
MEMBERS = """
select u.email, m.role::text from public.project_members as m join auth.users as u on u.id = m.user_id
where m.project_id = %s order by u.email
"""


def _commands() -> str:
    return subprocess.run([*FLOWATLAS, "--help"], capture_output=True, text=True, timeout=60).stdout


@pytest.fixture(scope="module")
def empty_scratch() -> Iterator[ScratchStack]:
    help_text = _commands()
    if " backup " not in help_text or " restore " not in help_text:
        pytest.skip("`flowatlas backup` / `flowatlas restore` do not exist yet")
    with scratch_stack(RESTORE_PORT_BASE) as stack:
        with psycopg.connect(stack.cfg.db_url(), autocommit=True) as conn:
            # The seed's demo projects, for good (not a soft delete): restore wants an empty database.
            conn.execute("set flowatlas.hard_delete = on")
            conn.execute("delete from public.projects")
            assert conn.execute("select count(*) from public.projects").fetchone() == (0,)
        yield stack


def _export(api_url: str, anon_key: str, token: str, project_id: str) -> dict[str, Any]:
    response = httpx.post(
        f"{api_url}/rest/v1/rpc/export_project",
        json={"project_id": project_id},
        headers={"apikey": anon_key, "Authorization": f"Bearer {token}"},
        timeout=60,
    )
    assert response.status_code == 200, response.text[:300]
    # A restore makes new flows (new ids, revision 1): compared without where the document was read.
    return portable(response.json())


def _cli(*args: str) -> dict[str, Any]:
    result = subprocess.run([*FLOWATLAS, *args, "--json"], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, f"flowatlas {args[0]} failed:\n{result.stdout}\n{result.stderr}"
    answer: dict[str, Any] = json.loads(result.stdout)
    return answer


@pytest.mark.timeout(150)
def test_backup_then_restore_into_an_empty_database_gives_identical_data(
    api: Api, cfg: StackConfig, make_user: Callable[..., User], empty_scratch: ScratchStack
) -> None:
    owner = make_user(name="Backup owner")
    editor = make_user(name="Backup editor")
    viewer = make_user(name="Backup viewer")
    first = seed_project(api, owner, "backup 'quoted' <b>rich</b> 🚀", steps=8)
    for member, role in ((editor, "editor"), (viewer, "viewer")):
        join_project(api.rest, owner, member, first.id, role)
    edited = api.rest(owner, f"flows?id=eq.{first.flow_id}", {"status": "in_review", "revision": 1}, "PATCH")
    assert edited.status == 200, edited.text
    second = seed_project(api, editor, "backup second")

    with tempfile.TemporaryDirectory(prefix="flowatlas-backup-") as folder:
        out = Path(folder) / "backup"
        main = ["--api-url", cfg.api_url, "--db-url", cfg.db_url()]
        scratch = ["--api-url", empty_scratch.cfg.api_url, "--db-url", empty_scratch.cfg.db_url()]
        # Only these two: the main stack holds every other suite's projects too.
        selection = ["--project", first.id, "--project", second.id]
        backed_up = _cli("backup", "--out", str(out), *selection, *main)
        assert backed_up["projects"] == 2
        restored = _cli("restore", "--from", str(out), *scratch)

    new_ids: dict[str, str] = restored["projects"]
    assert set(new_ids) == {first.id, second.id}
    target = empty_scratch.cfg
    for source_id, source_owner in ((first.id, owner), (second.id, editor)):
        token_there = tokens.user_token(
            source_owner.id, source_owner.email, target.jwt_secret.get_secret_value()
        )
        before = _export(cfg.api_url, cfg.anon_key, source_owner.token, source_id)
        after = _export(target.api_url, target.anon_key, token_there, new_ids[source_id])
        assert after == before, f"project {source_id} differs after restore"
        with psycopg.connect(cfg.db_url()) as there_before, psycopg.connect(target.db_url()) as there_after:
            assert (
                there_after.execute(MEMBERS, [new_ids[source_id]]).fetchall()
                == there_before.execute(MEMBERS, [source_id]).fetchall()
            )
            owners = "select owner_id::text from public.projects where id = %s"
            assert there_after.execute(owners, [new_ids[source_id]]).fetchone() == (source_owner.id,)
    with psycopg.connect(target.db_url()) as conn:
        users = conn.execute(
            "select id::text, email, name, role::text from public.profiles where id = any(%s) order by email",
            [[owner.id, editor.id, viewer.id]],
        ).fetchall()
    with psycopg.connect(cfg.db_url()) as conn:
        expected = conn.execute(
            "select id::text, email, name, role::text from public.profiles where id = any(%s) order by email",
            [[owner.id, editor.id, viewer.id]],
        ).fetchall()
    assert users == expected
