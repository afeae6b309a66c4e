"""Property: any rows the tables accept export and import again, and the copy exports the same document.

The rows are written through PostgREST as a user; what the tables refuse is no example (`assume`): the tables
and the document check are one rule set, so whatever they hold travels.
"""

from typing import Any

from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st

from tests.api.conftest import Call, MakeUser
from tests.projects import portable

any_text = st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), max_size=30)
names = any_text.filter(lambda value: len(value) >= 1)
json_values = st.recursive(
    st.none() | st.booleans() | st.integers(-(10**9), 10**9) | any_text,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(any_text, inner, max_size=3),
    max_leaves=8,
)


@st.composite
def flow_rows(draw: st.DrawFn) -> dict[str, Any]:
    steps = [
        {"id": f"s{i}", "name": draw(any_text), "description": draw(any_text)}
        for i in range(draw(st.integers(0, 4)))
    ]
    return {
        "name": draw(names),
        "description": draw(any_text),
        "priority": draw(st.sampled_from(["Low", "Medium", "High", "Critical"])),
        "version": draw(names),
        "entry_point": draw(st.none() | any_text),
        "tags": draw(st.lists(names, max_size=3)),
        "steps": steps,
        "custom_fields": draw(st.dictionaries(any_text, json_values, max_size=3)),
        "notes": draw(any_text),
    }


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(project_name=names, domain_name=names, flows=st.lists(flow_rows(), max_size=3))
@example(project_name=" ", domain_name="Sales", flows=[])  # once taken by the tables and refused by the check
def test_rows_the_tables_accept_export_and_import_again(
    call: Call, make_user: MakeUser, project_name: str, domain_name: str, flows: list[dict[str, Any]]
) -> None:
    user = make_user(name="Row round tripper")
    project = call(user, "projects", {"name": project_name})
    assume(project.status == 201)
    project_id = project.body[0]["id"]
    domain = call(user, "service_domains", {"project_id": project_id, "key": "d", "name": domain_name})
    assume(domain.status == 201)
    for flow in flows:
        assume(call(user, "flows", {**flow, "project_id": project_id}).status == 201)

    first = call(user, "rpc/export_project", {"project_id": project_id})
    assert first.status == 200, first.body
    copy = call(user, "rpc/import_project", {"document": first.body})
    assert copy.status == 200, copy.body
    second = call(user, "rpc/export_project", {"project_id": copy.body})
    assert portable(second.body) == portable(first.body)
