"""`flowatlas`: the admin command line of Flow Atlas."""

import typer

from scripts.commands import audit, db, flows, maintenance, projects, render, stack, users
from scripts.errors import run_app

app = typer.Typer(
    name="flowatlas",
    help="Flow Atlas admin command line: the local Supabase stack and maintenance tasks. "
    "Add --debug anywhere for a traceback.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
)
app.add_typer(stack.app, name="stack")
app.add_typer(db.app, name="db")
app.add_typer(users.app, name="users")
app.add_typer(projects.app, name="projects")
app.add_typer(flows.app, name="flows")
app.add_typer(render.app, name="render")
app.add_typer(audit.app, name="audit")
app.command()(maintenance.purge)
app.command()(maintenance.backup)
app.command()(maintenance.restore)


def main() -> None:
    run_app(app)


if __name__ == "__main__":
    main()
