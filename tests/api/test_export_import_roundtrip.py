"""Property: export -> import -> export, and duplicate -> export, give the same document, for any project
hypothesis can think of."""

from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.api.conftest import Call, MakeUser
from tests.projects import portable

# Names and required strings are not blank (private.is_display_name, is_text_of: a character that is not white
# space); a letter or digit is never white space in Postgres' or Python's sense.
text = st.text(
    st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), min_size=1, max_size=30
).filter(lambda value: any(c.isalnum() for c in value))
notes = st.text(max_size=50).filter(lambda value: "\x00" not in value)
keys = st.from_regex(r"[A-Za-z0-9][A-Za-z0-9_.:-]{0,20}", fullmatch=True)


@st.composite
def project_documents(draw: st.DrawFn) -> dict[str, Any]:
    domain_keys = draw(st.lists(keys, min_size=1, max_size=3, unique=True))
    service_keys = draw(st.lists(keys, max_size=4, unique=True))
    actor_keys = draw(st.lists(keys, max_size=4, unique=True))
    services = [
        {
            "key": key,
            "domain": draw(st.sampled_from(domain_keys)),
            "name": draw(text),
            "description": draw(text),
        }
        for key in service_keys
    ]
    actors = [
        {"key": key, "kind": draw(st.sampled_from(["person", "system", "external"])), "name": draw(text)}
        for key in actor_keys
    ]

    def step(index: int) -> dict[str, Any]:
        item: dict[str, Any] = {"id": f"s{index}", "name": draw(text)}
        if actor_keys and draw(st.booleans()):
            item["actor"] = draw(st.sampled_from(actor_keys))
        return item

    flows = [
        {
            "name": draw(text),
            "priority": draw(st.sampled_from(["Low", "Medium", "High", "Critical"])),
            "status": draw(st.sampled_from(["draft", "in_review", "approved", "deprecated"])),
            "actors": draw(st.lists(st.sampled_from(actor_keys), unique=True)) if actor_keys else [],
            "tags": draw(st.lists(text, max_size=3)),
            "steps": [step(i) for i in range(draw(st.integers(0, 5)))],
            "business_rules": [{"id": "r1", "description": draw(text)}] if draw(st.booleans()) else [],
            "performance_requirements": {"response_time_ms": draw(st.integers(0, 10_000))},
            "notes": draw(notes),
        }
        for _ in range(draw(st.integers(0, 4)))
    ]
    return {
        "format": "flowatlas.project/v1",
        "project": {
            "name": draw(text),
            "description": draw(st.text(max_size=40).filter(lambda t: "\x00" not in t)),
        },
        "service_domains": [{"key": key, "name": draw(text)} for key in domain_keys],
        "services": services,
        "actors": actors,
        "flows": flows,
    }


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(document=project_documents())
def test_export_import_export_is_stable(call: Call, make_user: MakeUser, document: dict[str, Any]) -> None:
    user = make_user(name="Round tripper")
    first_project = call(user, "rpc/import_project", {"document": document})
    assert first_project.status == 200, first_project.body
    first = call(user, "rpc/export_project", {"project_id": first_project.body}).body
    assert len(first["flows"]) == len(document["flows"])
    assert sorted(f["name"] for f in first["flows"]) == sorted(f["name"] for f in document["flows"])
    assert {s["key"]: s["domain"] for s in first["services"]} == {
        s["key"]: s["domain"] for s in document["services"]
    }

    second_project = call(user, "rpc/import_project", {"document": first})
    assert second_project.status == 200, second_project.body
    second = call(user, "rpc/export_project", {"project_id": second_project.body}).body
    assert portable(second) == portable(first)

    # A duplicate copies rows, not the document: it must still be the same project.
    name = first["project"]["name"]
    copy = call(user, "rpc/duplicate_project", {"project_id": first_project.body, "name": name})
    assert copy.status == 200, copy.body
    copied = call(user, "rpc/export_project", {"project_id": copy.body}).body
    assert portable(copied) == portable(first)
