"""`flowatlas`: the admin command line of Flow Atlas."""

import typer

from scripts.commands import db, stack
from scripts.errors import run_app

app = typer.Typer(
    name="flowatlas",
    help="Flow Atlas admin command line: the local Supabase stack and maintenance tasks.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
)
app.add_typer(stack.app, name="stack")
app.add_typer(db.app, name="db")


def main() -> None:
    run_app(app)


if __name__ == "__main__":
    main()
