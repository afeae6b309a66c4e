"""Search poisoning (issue 12, attack 3): a public project of flows named "order order N" with megabyte
descriptions no longer fills other users' results for "order" nor slows their search: the caller's own
projects come first, and snippets and matched fields read a bounded part of each field."""

import time

import pytest

from tests.conftest import User
from tests.http_api import Api, created
from tests.reliability.conftest import MakeUser

POISON_FLOWS = 20


@pytest.mark.timeout(180)
def test_a_poisoned_public_project_neither_crowds_out_nor_slows_a_users_search(
    api: Api, make_user: MakeUser
) -> None:
    poisoner = make_user(name="Search poisoner")
    victim = make_user(name="Search victim")
    public = created(api.rest(poisoner, "projects", {"name": "poison", "is_public": True}))["id"]
    description = ("order " * 150_000)[: 900 * 1024]  # 900 kB of the word, under the 2 MB cap
    for n in range(POISON_FLOWS):
        created(
            api.rest(
                poisoner,
                "flows",
                {"project_id": public, "name": f"order order {n}", "description": description},
            )
        )
    own = created(api.rest(victim, "projects", {"name": "victim's own"}))["id"]
    for n in range(3):
        created(api.rest(victim, "flows", {"project_id": own, "name": f"customer order intake {n}"}))

    try:
        _search_as(api, victim, own)
    finally:  # a public project of megabyte flows would weigh on every later suite's reads
        api.rest(poisoner, f"projects?id=eq.{public}", method="DELETE")


def _search_as(api: Api, victim: User, own: str) -> None:
    timings = []
    for _ in range(3):
        began = time.monotonic()
        answer = api.rest(victim, "rpc/search", {"query": "order", "kinds": ["flow"]})
        timings.append(time.monotonic() - began)
        assert answer.status == 200, answer.text[:300]
    projects = [row["project_id"] for row in answer.body]
    assert projects[:3] == [own, own, own], projects
    assert len(answer.body) == 20
    assert min(timings) < 1.0, f"search took {timings}"
    assert all(len(row["snippet"] or "") < 2000 for row in answer.body)
