"""`flowatlas users …` end to end: create, list, set-role, delete; errors are one line with exit 1 or 2."""

import json
import uuid

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
