"""`flowatlas users …`: create, list, set-role, delete, and sign in for a token (locally or Supabase Auth)."""

from typing import Annotated

import typer
from rich.table import Table

from scripts.admin import sign_in, users
from scripts.commands.options import ApiUrl, DbUrl, Json, console, print_json, target

app = typer.Typer(help="Users and their global role (analyst, admin, viewer).", no_args_is_help=True)

Role = Annotated[str, typer.Option("--role", help="Global role: analyst, admin or viewer.")]


@app.command()
def create(
    email: Annotated[str, typer.Argument(help="E-mail (the sign-in name).")],
    name: Annotated[str | None, typer.Option(help="Display name (default: the part before @).")] = None,
    role: Role = "analyst",
    password: Annotated[str, typer.Option(help="Initial password.", prompt=False)] = "password",
    json_output: Json = False,
    api_url: ApiUrl = None,
    db_url: DbUrl = None,
) -> None:
    """Create a confirmed user (locally as Supabase Auth writes a sign-up; the profile follows)."""
    if role not in users.ROLES:
        raise typer.BadParameter(f"{role!r} is not one of {', '.join(users.ROLES)}", param_hint="--role")
    row = users.store(target(api_url, db_url)).create(email, name or email.split("@")[0], role, password)
    if json_output:
        print_json(row.as_json())
    else:
        console.print(f"created {row.email} ({row.role}) id {row.id}", highlight=False)


@app.command("list")
def list_users(json_output: Json = False, api_url: ApiUrl = None, db_url: DbUrl = None) -> None:
    """Every user with name, global role and creation time."""
    rows = users.store(target(api_url, db_url)).list()
    if json_output:
        print_json([row.as_json() for row in rows])
        return
    table = Table("email", "name", "role", "id", "created")
    for row in rows:
        table.add_row(row.email, row.name, row.role, row.id, row.created_at[:19])
    console.print(table)


@app.command("set-role")
def set_role(
    email: Annotated[str, typer.Argument(help="The user's e-mail.")],
    role: Annotated[str, typer.Argument(help="analyst, admin or viewer.")],
    json_output: Json = False,
    api_url: ApiUrl = None,
    db_url: DbUrl = None,
) -> None:
    """Change a user's global role (public.profiles.role)."""
    if role not in users.ROLES:
        raise typer.BadParameter(f"{role!r} is not one of {', '.join(users.ROLES)}", param_hint="ROLE")
    row = users.store(target(api_url, db_url)).set_role(email, role)
    if json_output:
        print_json(row.as_json())
    else:
        console.print(f"{row.email} is now {row.role}", highlight=False)


@app.command()
def delete(
    email: Annotated[str, typer.Argument(help="The user's e-mail.")],
    yes: Annotated[bool, typer.Option("--yes", "-y", help="Do not ask.")] = False,
    json_output: Json = False,
    api_url: ApiUrl = None,
    db_url: DbUrl = None,
) -> None:
    """Delete a user (their profile and memberships go too; refused while they own projects)."""
    if not yes:
        typer.confirm(f"delete {email}?", abort=True)
    row = users.store(target(api_url, db_url)).delete(email)
    if json_output:
        print_json(row.as_json())
    else:
        console.print(f"deleted {row.email}", highlight=False)


@app.command()
def token(
    email: Annotated[str, typer.Argument(help="The user's e-mail.")],
    password: Annotated[
        str,
        typer.Option(
            prompt=True,
            hide_input=True,
            envvar="FLOWATLAS_PASSWORD",
            help="The user's password (asked for when not given; or FLOWATLAS_PASSWORD).",
        ),
    ],
    json_output: Json = False,
    api_url: ApiUrl = None,
    db_url: DbUrl = None,
) -> None:
    """Sign a user in and print their access token, for curl or USER_TOKEN: export USER_TOKEN=$(flowatlas
    users token EMAIL). Against a real project through Supabase Auth; on the local stack, which has no Auth
    server, the password is checked in auth.users and the token minted with the stack's JWT secret."""
    session = sign_in.sign_in(target(api_url, db_url), email, password)
    if json_output:
        print_json(session.as_json())
    else:
        print(session.access_token)
