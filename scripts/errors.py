"""Errors a user sees are one readable line that says what to do; a traceback only with --debug."""

import sys

import typer
from rich.console import Console

from scripts.stack.errors import StackError

stderr = Console(stderr=True)


def run_app(app: typer.Typer) -> None:
    debug = "--debug" in sys.argv
    if debug:
        sys.argv.remove("--debug")
    try:
        app()
    except StackError as exc:
        if debug:
            raise
        stderr.print(
            f"[bold red]error:[/] {exc.problem}" + (f" — {exc.fix}" if exc.fix else ""),
            highlight=False,
            soft_wrap=True,
        )
        if exc.detail:
            stderr.print(exc.detail, style="dim", highlight=False, markup=False, soft_wrap=True)
        sys.exit(1)
