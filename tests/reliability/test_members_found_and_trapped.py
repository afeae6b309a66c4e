"""People found and trapped (issue 12, attack 10). An ordinary user who owns a project could tell which
e-mail addresses have accounts (add_member: 404 for an unknown one, 200 with the user's id and name for a
known one) and put anyone into their project; transfer_ownership pushed the project onto a member, who could
then neither leave nor be deleted, while the old owner stayed an owner. Now adding is an invitation the person
accepts, and ownership an offer the recipient accepts."""

import statistics
import time
import uuid

import psycopg
import pytest

from scripts.stack.config import StackConfig
from tests.conftest import User
from tests.http_api import Answer, Api, join_project, seed_project
from tests.reliability.conftest import MakeUser

# What differs between two invitations by nature; everything else must be the same.
PER_INVITATION = {"id", "email", "created_at", "expires_at"}


def _members(api: Api, user: User, project: str) -> dict[str, str]:
    rows = api.rest(user, f"project_members?project_id=eq.{project}&select=user_id,role").body
    return {row["user_id"]: row["role"] for row in rows}


def _invite(api: Api, owner: User, project: str, email: str) -> Answer:
    return api.rest(owner, "rpc/add_member", {"project_id": project, "email": email, "role": "editor"})


@pytest.mark.timeout(60)
def test_inviting_a_known_and_an_unknown_address_answers_alike(api: Api, make_user: MakeUser) -> None:
    prober = make_user(name="Address prober")
    victim = make_user(name="Probed victim")
    project = seed_project(api, prober, "probe").id
    known = _invite(api, prober, project, victim.email)
    unknown = _invite(api, prober, project, f"nobody.{uuid.uuid4().hex[:8]}@tests.flowatlas.test")

    assert known.status == unknown.status == 200, (known.text[:300], unknown.text[:300])
    assert sorted(known.body) == sorted(unknown.body), "the same shape for both"
    same = {key: value for key, value in known.body.items() if key not in PER_INVITATION}
    assert same == {key: value for key, value in unknown.body.items() if key not in PER_INVITATION}
    assert victim.id not in known.text and "Probed victim" not in known.text
    listed = api.rest(prober, f"project_invitations?project_id=eq.{project}&select=*").body
    assert len(listed) == 2 and victim.id not in str(listed)
    assert sorted(listed[0]) == sorted(listed[1])
    assert victim.id not in _members(api, prober, project), "an invitation adds nobody"
    assert api.rest(prober, f"profiles?id=eq.{victim.id}&select=name").body == []

    # Timing is printed, not asserted: neither path looks the address up among the users.
    timings: dict[str, list[float]] = {"known": [], "unknown": []}
    for round_number in range(10):
        for kind, email in (("known", victim.email), ("unknown", f"ghost{round_number}@nowhere.test")):
            began = time.perf_counter()
            assert _invite(api, prober, project, email).status == 200
            timings[kind].append(time.perf_counter() - began)
    medians = {kind: statistics.median(values) * 1000 for kind, values in timings.items()}
    print(f"add_member median: known {medians['known']:.1f} ms, unknown {medians['unknown']:.1f} ms")


@pytest.mark.timeout(30)
def test_nobody_is_put_into_a_project_they_did_not_choose(api: Api, make_user: MakeUser) -> None:
    recruiter = make_user(name="Recruiter")
    victim = make_user(name="Unwilling member")
    project = seed_project(api, recruiter, "recruiting").id

    planted = api.rest(
        recruiter, "project_members", {"project_id": project, "user_id": victim.id, "role": "viewer"}
    )
    assert planted.status == 403, planted.text[:300]
    invited = _invite(api, recruiter, project, victim.email)
    assert invited.status == 200, invited.text[:300]
    assert api.rest(victim, f"projects?id=eq.{project}&select=id").body == []
    assert _members(api, recruiter, project) == {recruiter.id: "owner"}

    mine = api.rest(victim, "rpc/my_invitations").body
    assert [(row["project_id"], row["invited_by_name"]) for row in mine] == [(project, "Recruiter")]
    declined = api.rest(victim, f"project_invitations?id=eq.{invited.body['id']}", method="DELETE")
    assert declined.status == 200 and len(declined.body) == 1, declined.text[:300]
    assert api.rest(recruiter, f"project_invitations?project_id=eq.{project}&select=id").body == []
    gone = api.rest(victim, "rpc/accept_invitation", {"invitation_id": invited.body["id"]})
    assert gone.status == 404, gone.text[:300]


@pytest.mark.timeout(30)
def test_ownership_cannot_be_pushed_onto_a_member_who_stays_free_to_leave(
    api: Api, cfg: StackConfig, make_user: MakeUser
) -> None:
    owner = make_user(name="Project dumper")
    member = make_user(name="Dumped on")
    project = seed_project(api, owner, "dumped").id
    join_project(api.rest, owner, member, project, "editor")

    offered = api.rest(owner, "rpc/transfer_ownership", {"project_id": project, "new_owner_id": member.id})
    assert offered.status == 200, offered.text[:300]
    assert api.rest(owner, f"projects?id=eq.{project}&select=owner_id").body == [{"owner_id": owner.id}]
    assert _members(api, owner, project) == {owner.id: "owner", member.id: "editor"}

    left = api.rest(
        member, f"project_members?project_id=eq.{project}&user_id=eq.{member.id}", method="DELETE"
    )
    assert left.status == 200 and len(left.body) == 1, left.text[:300]
    assert api.rest(owner, f"project_ownership_offers?project_id=eq.{project}").body == [], "the offer lapsed"
    with psycopg.connect(cfg.db_url(), autocommit=True) as conn:
        conn.execute("delete from auth.users where id = %s", [member.id])  # as Auth's admin API deletes
        assert conn.execute("select 1 from public.profiles where id = %s", [member.id]).fetchone() is None


@pytest.mark.timeout(30)
def test_the_recipient_declines_and_the_owner_withdraws_an_offer(api: Api, make_user: MakeUser) -> None:
    owner = make_user(name="Offering owner")
    member = make_user(name="Declining member")
    project = seed_project(api, owner, "declined").id
    join_project(api.rest, owner, member, project, "viewer")

    offer = {"project_id": project, "new_owner_id": member.id}
    assert api.rest(owner, "rpc/transfer_ownership", offer).status == 200
    seen = api.rest(
        member, f"project_ownership_offers?project_id=eq.{project}&select=offered_to,offered_by"
    ).body
    assert seen == [{"offered_to": member.id, "offered_by": owner.id}]
    declined = api.rest(member, f"project_ownership_offers?project_id=eq.{project}", method="DELETE")
    assert declined.status == 200 and len(declined.body) == 1, declined.text[:300]
    assert api.rest(member, "rpc/accept_ownership", {"project_id": project}).status == 404

    assert api.rest(owner, "rpc/transfer_ownership", offer).status == 200
    withdrawn = api.rest(owner, f"project_ownership_offers?project_id=eq.{project}", method="DELETE")
    assert withdrawn.status == 200 and len(withdrawn.body) == 1, withdrawn.text[:300]
    assert api.rest(member, "rpc/accept_ownership", {"project_id": project}).status == 404
    assert api.rest(owner, f"projects?id=eq.{project}&select=owner_id").body == [{"owner_id": owner.id}]


@pytest.mark.timeout(30)
def test_after_accepting_the_previous_owner_is_an_editor_and_every_member_may_leave(
    api: Api, make_user: MakeUser
) -> None:
    owner = make_user(name="Retiring owner")
    successor = make_user(name="Successor")
    co_owner = make_user(name="Co-owner")
    project = seed_project(api, owner, "handed over").id
    join_project(api.rest, owner, successor, project, "editor")
    join_project(api.rest, owner, co_owner, project, "owner")

    pushed = api.rest(
        co_owner, "rpc/transfer_ownership", {"project_id": project, "new_owner_id": co_owner.id}
    )
    assert pushed.status == 403, "a co-owner cannot take the project from its owner"
    assert (
        api.rest(
            owner, "rpc/transfer_ownership", {"project_id": project, "new_owner_id": successor.id}
        ).status
        == 200
    )
    accepted = api.rest(successor, "rpc/accept_ownership", {"project_id": project})
    assert accepted.status == 200 and accepted.body["owner_id"] == successor.id, accepted.text[:300]
    assert _members(api, successor, project) == {
        owner.id: "editor",
        successor.id: "owner",
        co_owner.id: "owner",
    }

    for member in (owner, co_owner):
        left = api.rest(
            member, f"project_members?project_id=eq.{project}&user_id=eq.{member.id}", method="DELETE"
        )
        assert left.status == 200 and len(left.body) == 1, left.text[:300]
    assert _members(api, successor, project) == {successor.id: "owner"}
