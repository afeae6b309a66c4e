"""`flowatlas users …` end to end: create, list, set-role, delete; errors are one line with exit 1 or 2."""

import json
import uuid

import httpx

from edge_api import tokens
from scripts.stack.config import StackConfig
from tests.scripts.conftest import Cli


def test_user_lifecycle(cli: Cli) -> None:
    email = f"cli.{uuid.uuid4().hex[:8]}@tests.flowatlas.test"
    created = json.loads(
        cli("users", "create", email, "--name", "Cli User", "--role", "viewer", "--json").stdout
    )
    assert created["role"] == "viewer"
    assert created["name"] == "Cli User"
    listed = json.loads(cli("users", "list", "--json").stdout)
    assert any(user["email"] == email for user in listed)
    assert json.loads(cli("users", "set-role", email, "admin", "--json").stdout)["role"] == "admin"
    duplicate = cli("users", "create", email, expect=1)
    assert duplicate.stderr.strip().count("\n") == 0
    assert "already exists" in duplicate.stderr
    cli("users", "delete", email, "--yes")
    assert not any(user["email"] == email for user in json.loads(cli("users", "list", "--json").stdout))


def test_token_signs_in_with_the_password_and_rls_follows_the_token(cli: Cli, cfg: StackConfig) -> None:
    email = f"token.{uuid.uuid4().hex[:8]}@tests.flowatlas.test"
    created = json.loads(cli("users", "create", email, "--password", "s3cret-enough", "--json").stdout)
    session = json.loads(cli("users", "token", email, "--password", "s3cret-enough", "--json").stdout)
    secret = cfg.jwt_secret.get_secret_value()
    claims = tokens.verify(session["access_token"], secret, audience="authenticated")
    assert claims["sub"] == created["id"]
    assert claims["email"] == email
    assert claims["user_metadata"] == {"name": email.split("@")[0]}

    def project_names(token: str) -> set[str]:
        response = httpx.get(
            f"{cfg.api_url}/rest/v1/projects?select=name",
            headers={"apikey": cfg.anon_key, "Authorization": f"Bearer {token}"},
            timeout=10,
        )
        assert response.status_code == 200
        return {row["name"] for row in response.json()}

    owner = cli("users", "token", "owner@demo.flowatlas.test", "--password", "password").stdout.strip()
    assert "Order to Cash" in project_names(owner)  # a member reads their project
    assert "Order to Cash" not in project_names(session["access_token"])  # an outsider does not


def test_token_refuses_a_wrong_password_and_an_unknown_email_alike(cli: Cli) -> None:
    wrong = cli("users", "token", "owner@demo.flowatlas.test", "--password", "not-it", expect=1)
    unknown = cli("users", "token", "nobody@tests.flowatlas.test", "--password", "password", expect=1)
    assert wrong.stdout == unknown.stdout == ""
    assert wrong.stderr == unknown.stderr
    assert wrong.stderr.startswith("error: invalid login credentials")


def test_unknown_role_is_a_usage_error(cli: Cli) -> None:
    result = cli("users", "set-role", "nobody@tests.flowatlas.test", "superuser", expect=2)
    assert "superuser" in result.stderr


def test_unknown_user_is_one_line_exit_1(cli: Cli) -> None:
    result = cli("users", "set-role", "nobody@tests.flowatlas.test", "admin", expect=1)
    assert result.stderr.startswith("error: no user nobody@tests.flowatlas.test")
    assert "Traceback" not in result.stderr


def test_every_command_has_help(cli: Cli) -> None:
    for command in (
        [],
        ["users"],
        ["projects"],
        ["render"],
        ["audit"],
        ["purge"],
        ["backup"],
        ["restore"],
        ["db", "types"],
    ):
        assert "--help" in cli(*command, "--help").stdout
