"""`flowatlas purge`, `audit export`, `backup` / `restore` end to end against the stack's database."""

import csv
import io
import json
from collections.abc import Callable
from pathlib import Path

import psycopg

from scripts.schema.shadow import build_from_migrations, scratch_database
from scripts.stack.config import StackConfig
from tests.conftest import User
from tests.http_api import Api, join_project
from tests.projects import import_project, portable
from tests.scripts.conftest import Cli, CliProject


def _soft_deleted_long_ago(cfg: StackConfig, user: User, years: int) -> str:
    """A project of `user`, deleted (through the API), then dated `years` back."""
    project_id = import_project(user, name="Deleted long ago")
    user.client.table("projects").delete().eq("id", project_id).execute()
    with psycopg.connect(cfg.db_url(), autocommit=True) as conn:
        conn.execute(
            "update public.projects set deleted_at = now() - make_interval(years => %s) where id = %s",
            [years, project_id],
        )
    return project_id


def _exists(cfg: StackConfig, project_id: str) -> bool:
    with psycopg.connect(cfg.db_url()) as conn:
        return (
            conn.execute("select 1 from public.projects where id = %s", [project_id]).fetchone() is not None
        )


def test_purge_dry_run_counts_and_deletes_nothing(
    cli: Cli, cfg: StackConfig, make_user: Callable[..., User]
) -> None:
    project_id = _soft_deleted_long_ago(cfg, make_user(name="Purge dry"), years=2)
    result = json.loads(cli("purge", "--older-than", "30d", "--dry-run", "--json").stdout)
    assert result["projects"] >= 1
    assert result["flows"] >= 12
    assert result["deleted"] is False
    assert _exists(cfg, project_id)
    text = cli("purge", "--older-than", "30d", "--dry-run").stdout
    assert "project(s)" in text
    assert "nothing deleted" in text


def test_purge_removes_only_rows_past_retention(
    cli: Cli, cfg: StackConfig, make_user: Callable[..., User]
) -> None:
    # Retention of ~300 years: only this test's project (deleted 400 years "ago") is past it.
    project_id = _soft_deleted_long_ago(cfg, make_user(name="Purge real"), years=400)
    result = json.loads(cli("purge", "--older-than", f"{300 * 366}d", "--yes", "--json").stdout)
    assert result == {**result, "projects": 1, "flows": 12, "deleted": True}
    assert not _exists(cfg, project_id)


def test_purge_rejects_a_bad_age(cli: Cli) -> None:
    assert "30 days" in cli("purge", "--older-than", "30 days", expect=2).stderr


def test_audit_export_csv_has_a_header_and_rows(cli: Cli, cli_project: CliProject, tmp_path: Path) -> None:
    out = tmp_path / "audit.csv"
    result = cli(
        "audit", "export", "--project", cli_project.project_id, "--since", "2000-01-01", "--out", str(out)
    )
    rows = list(csv.DictReader(io.StringIO(out.read_text())))
    assert f"{len(rows)} entries" in result.stderr
    assert rows
    assert {"created_at", "action", "entity_type", "actor_email", "changes"} <= set(rows[0])
    assert {"import"} <= {row["action"] for row in rows}
    assert all(row["project_id"] == cli_project.project_id for row in rows)


def test_audit_export_json_since_the_future_is_empty(cli: Cli, cli_project: CliProject) -> None:
    result = cli(
        "audit", "export", "--project", cli_project.project_id, "--since", "2999-01-01", "-f", "json"
    )
    assert json.loads(result.stdout) == []


def test_backup_then_restore_into_an_empty_database(
    cli: Cli, cfg: StackConfig, cli_project: CliProject, tmp_path: Path, make_user: Callable[..., User]
) -> None:
    member = make_user(name="Backup member")
    join_project(
        Api(cfg.api_url, cfg.anon_key).rest, cli_project.owner, member, cli_project.project_id, "editor"
    )
    folder = tmp_path / "backup"
    cli("backup", "--out", str(folder), "--project", cli_project.project_id)
    manifest = json.loads((folder / "manifest.json").read_text())
    assert [entry["owner"] for entry in manifest["projects"]] == [cli_project.owner.email]
    assert {"email": member.email, "role": "editor"} in manifest["projects"][0]["members"]
    original = json.loads((folder / manifest["projects"][0]["file"]).read_text())

    with scratch_database(cfg, "flowatlas_test_restore") as url:
        build_from_migrations(cfg, url)
        restored = json.loads(cli("restore", "--from", str(folder), "--db-url", url, "--json").stdout)
        assert restored["users_created"] == 2
        new_id = restored["projects"][cli_project.project_id]
        with psycopg.connect(url) as conn:
            row = conn.execute("select public.project_document(%s)", [new_id]).fetchone()
            members = conn.execute(
                "select p.email, m.role::text from public.project_members as m "
                "join public.profiles as p on p.id = m.user_id where m.project_id = %s order by 1",
                [new_id],
            ).fetchall()
        assert row is not None
        assert portable(row[0]) == portable(original)
        assert sorted(members) == sorted([(cli_project.owner.email, "owner"), (member.email, "editor")])
        again = json.loads(cli("restore", "--from", str(folder), "--db-url", url, "--json").stdout)
        assert again["projects"] == restored["projects"]  # restored.json: nothing is imported twice
        with psycopg.connect(url) as conn:
            assert conn.execute("select count(*) from public.projects").fetchone() == (1,)
        (folder / "restored.json").unlink()
        other = cli("restore", "--from", str(folder), "--db-url", url, expect=1)
        assert "already has 1 project" in other.stderr
