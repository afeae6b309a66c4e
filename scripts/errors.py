"""Errors a user sees are one readable line that says what to do; a traceback only with --debug.

Exit codes: 0 ok, 1 failure (StackError, CliError, anything unexpected), 2 usage (typer/click's own).
"""

import sys

import typer
from rich.console import Console
from rich.markup import escape

from scripts.stack.errors import StackError

stderr = Console(stderr=True)


class CliError(StackError):
    """A user-facing failure of an admin command (bad id, unknown user, refused by the API …)."""


def _one_line(problem: str, fix: str = "", detail: str = "") -> None:
    stderr.print(
        f"[bold red]error:[/] {escape(problem)}" + (f" — {escape(fix)}" if fix else ""),
        highlight=False,
        markup=True,
        soft_wrap=True,
    )
    if detail:
        stderr.print(detail, style="dim", highlight=False, markup=False, soft_wrap=True)


def run_app(app: typer.Typer) -> None:
    debug = "--debug" in sys.argv
    if debug:
        sys.argv.remove("--debug")
    try:
        app()
    except StackError as exc:
        if debug:
            raise
        _one_line(exc.problem, exc.fix, exc.detail)
        sys.exit(1)
    except KeyboardInterrupt:
        _one_line("interrupted")
        sys.exit(130)
    except Exception as exc:
        if debug:
            raise
        text = " ".join(str(exc).split()) or type(exc).__name__
        _one_line(f"{type(exc).__name__}: {text}", "rerun with --debug for the traceback")
        sys.exit(1)
