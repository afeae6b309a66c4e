"""Options shared by the admin commands, and how they print (tables for people, --json for scripts)."""

import json
from typing import Annotated, Any

import typer
from rich.console import Console

from scripts.admin.target import Target, resolve

console = Console(soft_wrap=True)

ApiUrl = Annotated[
    str | None,
    typer.Option(
        "--api-url", help="Gateway URL (default: SUPABASE_URL, else the local stack).", show_default=False
    ),
]
DbUrl = Annotated[
    str | None,
    typer.Option(
        "--db-url",
        help="Direct Postgres URL (default: DATABASE_URL, else the local stack's).",
        show_default=False,
    ),
]
AsUser = Annotated[
    str | None,
    typer.Option(
        "--as",
        help="Act as this user (e-mail): their token is minted with the JWT secret, so RLS applies.",
        show_default=False,
    ),
]
Json = Annotated[bool, typer.Option("--json", help="Print JSON for scripts instead of a table.")]


def target(api_url: str | None = None, db_url: str | None = None) -> Target:
    return resolve(api_url, db_url)


def print_json(value: Any) -> None:
    """Plain JSON on stdout, never wrapped or highlighted."""
    print(json.dumps(value, indent=2, ensure_ascii=False, default=str))
