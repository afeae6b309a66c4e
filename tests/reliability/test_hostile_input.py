"""Hostile input: oversized and deeply nested documents, injection in every text field, invalid ids,
huge pages, forged tokens. Each gets a 4xx with a readable message (never a 5xx), or is stored and returned
verbatim and rendered harmlessly (names end up in XML, Markdown and Mermaid).
"""

import json
import re
import socket
import time
import uuid
import xml.etree.ElementTree as ElementTree
from collections.abc import Callable
from typing import Any

import jwt
import psycopg
import pytest

from scripts.stack.config import StackConfig
from tests.conftest import User
from tests.http_api import Answer, Api, SeededProject, created, seed_project

MakeUser = Callable[..., User]
MB = 1024 * 1024
UNESCAPED_HTML = re.compile(
    r"(?<![\\])<(script|img)", re.IGNORECASE
)  # `\<script` is literal text in Markdown


def assert_clear_4xx(answer: Answer, *statuses: int) -> None:
    """A client error with a JSON message a person can act on."""
    expected = statuses or tuple(range(400, 500))
    assert answer.status in expected, f"expected {expected}, got {answer.status}: {answer.text[:300]}"
    assert isinstance(answer.body, dict), f"not a JSON error: {answer.text[:300]}"
    message = answer.body.get("message")
    assert isinstance(message, str) and len(message) >= 10, f"no readable message: {answer.text[:300]}"


@pytest.fixture(scope="module")
def owner(make_user: MakeUser) -> User:
    return make_user(name="Hostile owner")


@pytest.fixture(scope="module")
def project(api: Api, owner: User) -> SeededProject:
    return seed_project(api, owner, "hostile")


# Oversized documents.


def _big_document(megabytes: float) -> dict[str, Any]:
    flows = 2_000  # well under the document's flow count limit: only the size is wrong
    notes = "x" * (int(megabytes * MB) // flows)
    return {
        "format": "flowatlas.project/v1",
        "exported_at": "2026-01-01T00:00:00Z",
        "project": {"name": "too big"},
        "flows": [{"name": f"flow {n}", "notes": notes} for n in range(flows)],
    }


@pytest.mark.timeout(60)
def test_an_import_over_the_25_mb_limit_is_refused_with_413_and_says_the_limit(api: Api, owner: User) -> None:
    answer = api.rest(owner, "rpc/import_project", {"document": _big_document(26)})
    assert_clear_4xx(answer, 413)
    assert "25 MB" in answer.body["message"]


@pytest.mark.timeout(60)
def test_a_valid_edge_import_over_the_20_mb_upload_limit_is_refused_with_413(api: Api, owner: User) -> None:
    answer = api.edge(owner, "projects/import", method="POST", content=json.dumps(_big_document(21)))
    assert_clear_4xx(answer, 413)
    assert "20 MB" in answer.body["message"]


def test_the_edge_import_over_its_upload_limit_is_413_before_parsing(api: Api, owner: User) -> None:
    answer = api.edge(owner, "projects/import", method="POST", content=b"[" + b" " * (21 * MB) + b"]")
    assert_clear_4xx(answer, 413)


def _raw_gateway_request(cfg: StackConfig, path: str, content_length: int) -> bytes:
    """Send only the headers of a huge POST: the gateway must refuse on the declared length alone."""
    with socket.create_connection(("127.0.0.1", cfg.gateway_port), timeout=10) as sock:
        sock.sendall(
            f"POST {path} HTTP/1.1\r\nHost: 127.0.0.1\r\napikey: {cfg.anon_key}\r\n"
            f"Content-Type: application/json\r\nContent-Length: {content_length}\r\n\r\n".encode()
        )
        return sock.recv(4096)


@pytest.mark.parametrize("path", ["/rest/v1/rpc/import_project", "/functions/v1/projects/import"])
def test_the_gateway_refuses_a_body_over_its_limit_at_once(cfg: StackConfig, path: str) -> None:
    began = time.monotonic()
    head = _raw_gateway_request(cfg, path, 60 * MB)
    assert head.startswith(b"HTTP/1.1 413"), head[:200]
    assert time.monotonic() - began < 3


def test_the_gateway_413_is_a_json_error(cfg: StackConfig) -> None:
    head = _raw_gateway_request(cfg, "/rest/v1/rpc/import_project", 60 * MB)
    headers, _, body = head.partition(b"\r\n\r\n")
    assert b"application/json" in headers.lower(), headers
    assert json.loads(body).get("message")


# Deeply nested JSON.


def _nested(depth: int) -> str:
    return "[" * depth + "]" * depth


@pytest.mark.parametrize("depth", [10_000, 100_000])
def test_deeply_nested_json_to_the_data_api_is_a_4xx(api: Api, owner: User, depth: int) -> None:
    body = '{"name": "nested", "custom_fields": {"deep": ' + _nested(depth) + "}}"
    answer = api.rest(owner, "projects?select=id", content=body)
    assert answer.status < 500, answer.text[:300]
    if answer.status == 201:  # stored: take it away again, other tools read every live project
        api.rest(owner, f"projects?id=eq.{answer.body[0]['id']}", method="DELETE")
    document = '{"document": {"format": "flowatlas.project/v1", "project": ' + _nested(depth) + "}}"
    assert_clear_4xx(api.rest(owner, "rpc/import_project", content=document))


def test_a_deeply_nested_upload_to_the_edge_import_is_a_4xx(api: Api, owner: User) -> None:
    answer = api.edge(owner, "projects/import", method="POST", content='{"project": ' + _nested(5_000) + "}")
    assert_clear_4xx(answer)


def test_custom_fields_nested_too_deep_to_render_are_refused_or_rendered(api: Api, owner: User) -> None:
    body = '{"name": "nested 300", "custom_fields": {"deep": ' + _nested(300) + "}}"
    answer = api.rest(owner, "projects?select=id", content=body)
    if answer.status >= 400:
        assert_clear_4xx(answer)  # refusing it up front is one correct outcome
        return
    project_id = answer.body[0]["id"]
    try:
        rendered = api.edge(owner, f"projects/{project_id}/markdown")
        assert rendered.status == 200, rendered.text[:300]  # rendering it is the other
    finally:
        api.rest(owner, f"projects?id=eq.{project_id}", method="DELETE")


# Injection in every text field: stored verbatim, returned verbatim, rendered harmlessly.

PAYLOADS = [
    "'; drop table flows; --",
    "Robert'); delete from projects where ('1'='1",
    '<script>alert("x")</script>',
    "<img src=x onerror=alert(1)>",
    "]]><!-- --><![CDATA[",
    "a & b < c > d \" ' \\",
    'A-->B; click A "javascript:alert(1)"',
    '%%{init: {"theme": "forest"}}%%',
    "end\nsubgraph x\nflowchart TD",
    "| pipe | table |\n---\n# heading\n[link](javascript:alert(1))",
    "`code` *em* _u_ ~~s~~ {brace} (paren) [bracket] #quot; &#35;",
    "Ünïcödé 🚀 \u202eevil\u200b right-to-left",
]


def _flow_with(project: SeededProject, text: str, n: int) -> dict[str, Any]:
    return {
        "project_id": project.id,
        "name": f"{n} {text}",
        "description": text,
        "version": text[:50],
        "entry_point": text,
        "trigger_event": text,
        "notes": text,
        "tags": [text[:50]],
        "service_id": project.service_id,
        "actor_ids": [project.actor_id],
        "steps": [
            {"id": "s1", "name": text, "description": text, "actor": "customer", "type": text},
            {"id": "s2", "name": f"after {text}", "integration": text},
        ],
        "integrations": [{"from": "s1", "to": "s2", "type": text, "description": text, "data": text}],
        "business_rules": [{"id": "r1", "description": text}],
        "error_scenarios": [{"id": "e1", "condition": text, "handling": text}],
        "performance_requirements": {"sla": text, "notes": text},
        "custom_fields": {text: text},
    }


@pytest.mark.timeout(60)
@pytest.mark.parametrize("n", range(len(PAYLOADS)))
def test_injection_in_every_text_field_is_stored_verbatim_and_rendered_harmlessly(
    api: Api, cfg: StackConfig, owner: User, project: SeededProject, n: int
) -> None:
    text = PAYLOADS[n]
    sent = _flow_with(project, text, n)
    flow = created(api.rest(owner, "flows", sent))
    for field, value in sent.items():
        assert flow[field] == value, f"{field} was not stored verbatim"
    for registry, key in (("actors", "a"), ("service_domains", "d"), ("integration_types", "t")):
        row = created(
            api.rest(
                owner,
                registry,
                {"project_id": project.id, "key": f"{key}{n}", "name": text, "description": text},
            )
        )
        assert (row["name"], row["description"]) == (text, text)
    renamed = api.rest(owner, f"projects?id=eq.{project.id}", {"description": text}, "PATCH")
    assert renamed.status == 200 and renamed.body[0]["description"] == text

    drawio = api.edge(owner, f"flows/{flow['id']}/drawio")
    assert drawio.status == 200, drawio.text[:300]
    tree = ElementTree.fromstring(drawio.text)  # well-formed XML whatever the names hold
    values = [cell.get("value") or "" for cell in tree.iter("mxCell")]
    assert not any("<script" in value or "<img" in value for value in values), "HTML injected into a label"
    for path in (
        f"flows/{flow['id']}/markdown",
        f"flows/{flow['id']}/mermaid",
        f"projects/{project.id}/markdown",
    ):
        rendered = api.edge(owner, path)
        assert rendered.status == 200, (path, rendered.text[:300])
        # The Mermaid front-matter title is plain text to Mermaid; everywhere else HTML must be escaped.
        lines = [line for line in rendered.text.splitlines() if not line.startswith("title: ")]
        raw_html = [line for line in lines if UNESCAPED_HTML.search(line)]
        assert not raw_html, f"{path} passes raw HTML through: {raw_html[:3]}"
    mermaid = api.edge(owner, f"flows/{flow['id']}/mermaid").text
    directives = [line for line in mermaid.splitlines() if line.strip().startswith(("click ", "%%{"))]
    assert not directives, f"the name became Mermaid directives: {directives}"
    export = api.rest(owner, "rpc/export_project", {"project_id": project.id})
    assert export.status == 200 and any(f["description"] == text for f in export.body["flows"])

    searched = api.rest(owner, "rpc/search", {"query": text[:200], "in_project": project.id})
    assert searched.status < 500, searched.text[:300]
    with psycopg.connect(cfg.db_url(), autocommit=True) as conn:
        assert conn.execute("select to_regclass('public.flows') is not null").fetchone() == (True,)


def test_a_nul_character_in_a_name_is_a_4xx(api: Api, owner: User, project: SeededProject) -> None:
    answer = api.rest(owner, "flows", {"project_id": project.id, "name": "nul \u0000 byte"})
    assert_clear_4xx(answer)


# Invalid ids, filters and pages.

INVALID_UUIDS = [
    "not-a-uuid",
    "1",
    "'; drop table flows; --",
    "00000000-0000-0000-0000-00000000000g",
    "%00",
    "",
]


@pytest.mark.parametrize("value", INVALID_UUIDS)
@pytest.mark.parametrize("table", ["projects", "flows", "project_members", "flow_revisions", "audit_log"])
def test_an_invalid_uuid_in_a_filter_is_a_clear_400(api: Api, owner: User, table: str, value: str) -> None:
    column = "id" if table == "projects" else "project_id"
    assert_clear_4xx(api.rest(owner, f"{table}?{column}=eq.{value}"), 400)


@pytest.mark.parametrize("value", ["not-a-uuid", 42, True, ["x"], {"id": 1}, "f" * 10_000])
@pytest.mark.parametrize(
    ("function", "argument"),
    [
        ("export_project", "project_id"),
        ("project_analytics", "project_id"),
        ("duplicate_project", "project_id"),
        ("restore_project", "project_id"),
        ("duplicate_flow", "flow_id"),
        ("submit_for_review", "flow_id"),
        ("restore_flow", "flow_id"),
    ],
)
def test_an_invalid_uuid_as_an_rpc_argument_is_a_clear_400(
    api: Api, owner: User, function: str, argument: str, value: Any
) -> None:
    assert_clear_4xx(api.rest(owner, f"rpc/{function}", {argument: value}), 400)


@pytest.mark.parametrize(
    "path", ["flows/not-a-uuid/drawio", "flows/1/markdown", "projects/%27%3B%20drop/export"]
)
def test_an_invalid_uuid_in_an_edge_path_is_a_clear_400(api: Api, owner: User, path: str) -> None:
    assert_clear_4xx(api.edge(owner, path), 400)


@pytest.mark.parametrize(
    "query",
    [
        "limit=99999999999999999999",
        "limit=9223372036854775807",
        "offset=9223372036854775807",
        "offset=99999999999999999999",
        "limit=-1",
        "limit=1&offset=-1",
        "select=*,projects(*,flows(*,projects(*,flows(*))))",
        "order=" + ",".join(["name"] * 300),
        "name=like.*%25_*",
        "or=(" + ",".join(["name.eq.x"] * 2000) + ")",  # over the gateway's 8 KB request line: 414
    ],
)
def test_huge_or_odd_pages_and_filters_never_fail_with_5xx(api: Api, owner: User, query: str) -> None:
    answer = api.rest(owner, f"flows?{query}")
    assert answer.status < 500, answer.text[:300]
    if answer.status >= 400 and answer.status != 414:  # 414 is nginx's HTML page, see the 413 test
        assert_clear_4xx(answer)


def test_a_filter_on_a_hundred_ids_is_answered(api: Api, owner: User, project: SeededProject) -> None:
    ids = [project.flow_id] + [str(uuid.UUID(int=n)) for n in range(1, 120)]  # ~4.5 KB of query string
    answer = api.rest(owner, f"flows?select=id&id=in.({','.join(ids)})")
    assert answer.status == 200, answer.text[:300]
    assert answer.body == [{"id": project.flow_id}]


@pytest.mark.parametrize("query", ["name=eq.%ff", "name=like.%c3%28", "select=%fe"])
def test_invalid_utf8_in_a_filter_is_a_clear_400(api: Api, owner: User, query: str) -> None:
    assert_clear_4xx(api.rest(owner, f"flows?{query}"), 400)


def test_a_huge_range_header_never_fails_with_5xx(api: Api, owner: User) -> None:
    answer = api.rest(owner, "flows", headers={"Range": "0-99999999999999999999", "Range-Unit": "items"})
    assert answer.status < 500, answer.text[:300]


@pytest.mark.parametrize(
    "arguments",
    [
        {"query": "x", "result_limit": 99_999_999_999},
        {"query": "x", "result_limit": 2_147_483_647},
        {"query": "x", "result_offset": 2_147_483_647},
        {"query": "x", "result_limit": -1},
        {"query": "x" * 10_000},
        {"query": "!!! (((( :* <-> | & ''"},
    ],
)
def test_search_with_huge_limits_or_odd_queries_is_a_clear_4xx_or_an_answer(
    api: Api, owner: User, arguments: dict[str, Any]
) -> None:
    answer = api.rest(owner, "rpc/search", arguments)
    if answer.status != 200:
        assert_clear_4xx(answer, 400)


# Tokens.


def _claims(user: User, **changes: Any) -> dict[str, Any]:
    now = int(time.time())
    claims = {
        "sub": user.id,
        "aud": "authenticated",
        "role": "authenticated",
        "email": user.email,
        "iat": now,
        "exp": now + 3600,
    }
    claims.update(changes)
    return {key: value for key, value in claims.items() if value is not None}


def _bad_tokens(user: User, secret: str) -> dict[str, str]:
    now = int(time.time())
    return {
        "forged with another secret": jwt.encode(_claims(user), "not-the-secret-" * 4, algorithm="HS256"),
        "expired": jwt.encode(_claims(user, iat=now - 7200, exp=now - 3600), secret, algorithm="HS256"),
        "alg none": jwt.encode(_claims(user), "", algorithm="none"),
        "alg none, signature kept": jwt.encode(_claims(user), "", algorithm="none")
        + jwt.encode(_claims(user), secret, algorithm="HS256").rsplit(".", 1)[1],
        "role postgres": jwt.encode(_claims(user, role="postgres"), secret, algorithm="HS256"),
        "role service_role forged": jwt.encode(
            _claims(user, role="service_role"), "x" * 64, algorithm="HS256"
        ),
        "not a JWT": "abc.def.ghi",
        "truncated": jwt.encode(_claims(user), secret, algorithm="HS256")[:-10],
        "sub not a uuid": jwt.encode(_claims(user, sub="not-a-uuid"), secret, algorithm="HS256"),
    }


@pytest.mark.parametrize(
    "kind",
    [
        "forged with another secret",
        "expired",
        "alg none",
        "alg none, signature kept",
        "role postgres",
        "role service_role forged",
        "not a JWT",
        "truncated",
        "sub not a uuid",
    ],
)
def test_a_bad_token_is_a_clear_4xx_on_both_apis(
    api: Api, owner: User, project: SeededProject, secret: str, kind: str
) -> None:
    token = _bad_tokens(owner, secret)[kind]
    for path in (f"projects?id=eq.{project.id}", "rpc/me"):
        answer = api.rest(None, path, token=token, method="GET" if "?" in path else "POST")
        assert_clear_4xx(answer, 400, 401, 403)
        assert project.id not in answer.text
    edge = api.edge(None, f"projects/{project.id}/export", token=token)
    assert_clear_4xx(edge, 400, 401, 403)


def test_the_edge_api_refuses_a_token_for_another_audience(
    api: Api, owner: User, project: SeededProject, secret: str
) -> None:
    token = jwt.encode(_claims(owner, aud="another-app"), secret, algorithm="HS256")
    assert_clear_4xx(api.edge(None, f"projects/{project.id}/export", token=token), 401)


def test_the_data_api_refuses_a_token_for_another_audience(
    api: Api, owner: User, project: SeededProject, secret: str
) -> None:
    token = jwt.encode(_claims(owner, aud="another-app"), secret, algorithm="HS256")
    assert_clear_4xx(api.rest(None, f"projects?id=eq.{project.id}", token=token), 401)


def test_an_unknown_api_key_is_refused_by_the_gateway(api: Api, owner: User, secret: str) -> None:
    forged_key = jwt.encode({"role": "service_role", "iss": "supabase-demo"}, "x" * 64, algorithm="HS256")
    answer = api.rest(None, "projects", headers={"apikey": forged_key})
    assert_clear_4xx(answer, 401)
