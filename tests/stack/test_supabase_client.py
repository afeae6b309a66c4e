"""supabase-py against the local stack, exactly as against a Supabase project: tables, rpc, errors."""

from collections.abc import Callable

import pytest
from postgrest.exceptions import APIError

from supabase import Client
from tests.conftest import User


def test_a_user_writes_and_reads_a_table(make_user: Callable[..., User]) -> None:
    ana = make_user(name="Ana")
    created = ana.client.table("projects").insert({"name": "Client check"}).execute().data
    assert created[0]["owner_id"] == ana.id
    rows = ana.client.table("projects").select("id, name, project_members(user_id, role)").execute().data
    mine = [row for row in rows if row["id"] == created[0]["id"]]
    assert mine and mine[0]["project_members"] == [{"user_id": ana.id, "role": "owner"}]


def test_a_user_calls_an_rpc(make_user: Callable[..., User]) -> None:
    ben = make_user(name="Ben")
    ben.client.table("projects").insert({"name": "Ben's project"}).execute()
    me = ben.client.rpc("me").execute().data
    assert me["email"] == ben.email
    assert [m["role"] for m in me["memberships"]] == ["owner"]


def test_another_user_sees_nothing_of_a_private_project(make_user: Callable[..., User]) -> None:
    owner, stranger = make_user(name="Owner"), make_user(name="Stranger")
    project = owner.client.table("projects").insert({"name": "Private"}).execute().data[0]
    assert stranger.client.table("projects").select("id").eq("id", project["id"]).execute().data == []


def test_anon_reads_no_table(anon: Client) -> None:
    with pytest.raises(APIError) as refused:
        anon.table("projects").select("id").execute()
    assert refused.value.code == "42501"


def test_a_bad_field_is_a_4xx_naming_the_constraint(make_user: Callable[..., User]) -> None:
    cat = make_user(name="Cat")
    with pytest.raises(APIError) as refused:
        cat.client.table("projects").insert({"name": ""}).execute()
    assert refused.value.code == "23514"
    assert "projects_name_length" in str(refused.value.message)
