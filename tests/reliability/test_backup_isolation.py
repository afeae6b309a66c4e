"""Backups never lose a tenant's data to another's (issue 12, attack 5): the database refuses numbers no
reader can parse (a 5,000-digit number broke `flowatlas backup` and the project's renders), and a restore
carries on past a project it cannot import, reports it, exits non-zero, and a second run restores the rest."""

import json
import shutil
import subprocess
import sys
from pathlib import Path

import psycopg
import pytest

from scripts.schema.shadow import build_from_migrations, scratch_database
from scripts.stack.config import StackConfig
from tests.http_api import Api, seed_project
from tests.reliability.conftest import MakeUser

FLOWATLAS = [sys.executable, "-m", "scripts.cli"]


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*FLOWATLAS, *args], capture_output=True, text=True, timeout=120)


@pytest.mark.timeout(30)
def test_a_number_no_reader_can_parse_is_refused_with_the_constraint_named(
    api: Api, make_user: MakeUser
) -> None:
    attacker = make_user(name="Big number")
    body = '{"name": "big number", "custom_fields": {"n": ' + "9" * 5000 + "}}"
    answer = api.rest(attacker, "projects", content=body)
    assert answer.status == 400, answer.text[:300]
    assert "projects_numbers_fit_a_double" in answer.body["message"]
    fine = api.rest(attacker, "projects", content='{"name": "fine number", "custom_fields": {"n": 1e299}}')
    assert fine.status == 201, fine.text[:300]


@pytest.mark.timeout(240)
def test_a_restore_carries_on_past_a_bad_project_and_a_second_run_restores_the_rest(
    api: Api, cfg: StackConfig, make_user: MakeUser, tmp_path: Path
) -> None:
    owners = [make_user(name=f"Restore tenant {n}") for n in range(3)]
    projects = [seed_project(api, owner, f"restore tenant {n}") for n, owner in enumerate(owners)]
    folder = tmp_path / "backup"
    selection = [arg for project in projects for arg in ("--project", project.id)]
    backed_up = _cli("backup", "--out", str(folder), *selection, "--db-url", cfg.db_url(), "--json")
    assert backed_up.returncode == 0, backed_up.stderr
    manifest = json.loads((folder / "manifest.json").read_text())
    first = manifest["projects"][0]  # name order: the attacker's project comes first
    good_copy = (folder / first["file"]).read_text()
    (folder / first["file"]).write_text(good_copy.replace('"status": "draft"', '"status": "hijacked"'))

    with scratch_database(cfg, "flowatlas_test_restore_isolation") as url:
        build_from_migrations(cfg, url)
        broken = _cli("restore", "--from", str(folder), "--db-url", url, "--json")
        assert broken.returncode == 1, broken.stdout + broken.stderr
        report = json.loads(broken.stdout)
        assert [failure["file"] for failure in report["failures"]] == [first["file"]]
        assert first["file"] in broken.stderr
        assert set(report["projects"]) == {entry["id"] for entry in manifest["projects"][1:]}

        (folder / first["file"]).write_text(good_copy)
        again = _cli("restore", "--from", str(folder), "--db-url", url, "--json")
        assert again.returncode == 0, again.stdout + again.stderr
        assert set(json.loads(again.stdout)["projects"]) == {project.id for project in projects}
        with psycopg.connect(url) as conn:
            assert conn.execute("select count(*) from public.projects").fetchone() == (3,)
    shutil.rmtree(folder)
