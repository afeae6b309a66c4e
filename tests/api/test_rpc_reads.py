"""search, project_analytics, export_project and me through the HTTP API: allowed, denied, bad input."""

from tests.api.conftest import Call, MakeUser, ProjectOf


def test_search_finds_own_flows_and_nothing_of_others(
    call: Call, make_user: MakeUser, project_of: ProjectOf
) -> None:
    owner, stranger = make_user(name="Searcher"), make_user(name="Stranger")
    project = project_of(owner, "Searchable")
    found = call(owner, "rpc/search", {"query": "invoice", "in_project": project})
    assert found.status == 200
    assert [hit["name"] for hit in found.body] == ["Searchable checkout"]
    assert call(stranger, "rpc/search", {"query": "invoice", "in_project": project}).body == []


def test_search_refuses_bad_arguments_naming_the_field(call: Call, make_user: MakeUser) -> None:
    user = make_user(name="Bad searcher")
    oversized = call(user, "rpc/search", {"query": "x" * 201})
    assert oversized.status == 400
    assert oversized.body["message"] == "query: must be at most 200 characters"
    huge_limit = call(user, "rpc/search", {"query": "x", "result_limit": 10**6})
    assert huge_limit.status == 400
    assert huge_limit.body["message"].startswith("result_limit:")
    bad_status = call(user, "rpc/search", {"query": "x", "statuses": ["nonsense"]})
    assert bad_status.status == 400


def test_analytics_for_members_404_for_others(call: Call, make_user: MakeUser, project_of: ProjectOf) -> None:
    owner, stranger = make_user(name="Analyst"), make_user(name="Outsider")
    project = project_of(owner, "Measured")
    mine = call(owner, "rpc/project_analytics", {"project_id": project})
    assert mine.status == 200
    assert mine.body["flow_count"] == 1
    assert mine.body["gaps"]["services_without_flows"][0]["key"] == "orders"
    theirs = call(stranger, "rpc/project_analytics", {"project_id": project})
    assert theirs.status == 404
    unknown = call(owner, "rpc/project_analytics", {"project_id": "00000000-0000-4000-8000-000000000000"})
    assert unknown.status == 404
    assert call(owner, "rpc/project_analytics", {"project_id": "not-a-uuid"}).status == 400


def test_export_for_members_401_for_anon_404_for_others(
    call: Call, make_user: MakeUser, project_of: ProjectOf
) -> None:
    owner, stranger = make_user(name="Exporter"), make_user(name="Spy")
    project = project_of(owner, "Exported")
    document = call(owner, "rpc/export_project", {"project_id": project})
    assert document.status == 200
    assert document.body["format"] == "flowatlas.project/v1"
    assert document.body["services"] == [
        {
            "key": "orders",
            "domain": "sales",
            "name": "Orders",
            "description": "",
            "position": 0,
            "custom_fields": {},
        }
    ]
    assert call(stranger, "rpc/export_project", {"project_id": project}).status == 404
    assert call(None, "rpc/export_project", {"project_id": project}).status == 401


def test_me_returns_profile_and_memberships(call: Call, make_user: MakeUser, project_of: ProjectOf) -> None:
    user = make_user(name="Me")
    project = project_of(user, "Mine")
    me = call(user, "rpc/me", {})
    assert me.status == 200
    assert me.body["email"] == user.email
    assert me.body["memberships"] == [{"project_id": project, "project_name": "Mine", "role": "owner"}]
    assert call(None, "rpc/me", {}).status == 401
