"""Bulk writes (issue 12, attack 11): a PATCH or DELETE with no filter would change every row the caller may
edit, in every project; the gateway refuses it with a JSON 400, as Supabase does.
Filtered bulk writes work."""

import time

import pytest

from tests.conftest import User
from tests.http_api import Api, SeededProject, seed_project
from tests.reliability.conftest import MakeUser


@pytest.fixture(scope="module")
def editor(make_user: MakeUser) -> User:
    return make_user(name="Bulk editor")


@pytest.fixture(scope="module")
def projects(api: Api, editor: User) -> tuple[SeededProject, SeededProject]:
    return seed_project(api, editor, "bulk one"), seed_project(api, editor, "bulk two")


def _notes(api: Api, editor: User, project: SeededProject) -> list[str]:
    answer = api.rest(editor, f"flows?project_id=eq.{project.id}&select=notes")
    assert answer.status == 200, answer.text
    return [row["notes"] for row in answer.body]


@pytest.mark.timeout(20)
@pytest.mark.parametrize(
    "query",
    ["", "?select=id", "?order=name&limit=5", "?%73elect=id"],
    ids=["none", "select", "order", "escaped"],
)
def test_a_patch_without_a_filter_is_refused_with_a_json_400_and_changes_nothing(
    api: Api, editor: User, projects: tuple[SeededProject, SeededProject], query: str
) -> None:
    began = time.monotonic()
    answer = api.rest(editor, f"flows{query}", {"notes": "overwritten"}, method="PATCH")
    assert time.monotonic() - began < 5
    assert answer.status == 400, answer.text[:300]
    assert answer.body["code"] == "21000"
    assert answer.body["message"] == "UPDATE requires a WHERE clause"
    for project in projects:
        assert "overwritten" not in _notes(api, editor, project)


@pytest.mark.timeout(20)
def test_a_delete_without_a_filter_is_refused_with_a_json_400_and_deletes_nothing(
    api: Api, editor: User, projects: tuple[SeededProject, SeededProject]
) -> None:
    answer = api.rest(editor, "flows", method="DELETE")
    assert answer.status == 400, answer.text[:300]
    assert answer.body["message"] == "DELETE requires a WHERE clause"
    for project in projects:
        assert len(_notes(api, editor, project)) == 1


@pytest.mark.timeout(20)
def test_a_filtered_bulk_patch_still_changes_every_row_it_names(
    api: Api, editor: User, projects: tuple[SeededProject, SeededProject]
) -> None:
    first, second = projects
    answer = api.rest(editor, f"flows?project_id=eq.{first.id}", {"notes": "bulk edited"}, method="PATCH")
    assert answer.status == 200, answer.text[:300]
    assert _notes(api, editor, first) == ["bulk edited"]
    assert "bulk edited" not in _notes(api, editor, second)
