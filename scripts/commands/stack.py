"""`flowatlas stack …`: the Docker-less local Supabase stack."""

import typer
from rich.console import Console

from scripts.admin import sign_in
from scripts.admin.target import Target
from scripts.stack import stack
from scripts.stack.config import StackConfig

app = typer.Typer(help="Run the local stack: PostgreSQL, PostgREST, edge API and gateway (no Docker).")
console = Console()


def _progress(message: str) -> None:
    console.print(f"[dim]•[/] {message}", highlight=False)


# The demo owner: owns "Order to Cash", so README's examples with $USER_TOKEN read and change it.
DEMO_USER = "owner@demo.flowatlas.test"
DEMO_EMAILS = "%@demo.flowatlas.test"  # the seed's users
DEMO_TOKEN_LIFETIME = 30 * 24 * 3600

# The stack has no Supabase Auth server (its Go module cannot be fetched here): said once, where the URLs are.
NO_AUTH = (
    "Supabase Auth does not run in this stack (its Go module cannot be fetched here): /auth/v1 says so, "
    "and sign-in tokens are minted: flowatlas users token EMAIL"
)


def _demo_token(cfg: StackConfig, email: str) -> str:
    session = sign_in.minted_session(Target.of_stack(cfg), email, None, lifetime=DEMO_TOKEN_LIFETIME)
    return session.access_token


def _demo_tokens(cfg: StackConfig) -> list[tuple[str, str]]:
    """Every demo user's token, minted from one query."""
    sessions = sign_in.minted_sessions(Target.of_stack(cfg), DEMO_EMAILS, lifetime=DEMO_TOKEN_LIFETIME)
    return [(session.email, session.access_token) for session in sessions]


def _print_status(cfg: StackConfig) -> None:
    rows = [
        ("API URL", cfg.api_url),
        ("REST URL", f"{cfg.api_url}/rest/v1"),
        ("Functions URL", f"{cfg.api_url}/functions/v1"),
        ("DB URL", cfg.db_url()),
        ("JWT secret", cfg.jwt_secret.get_secret_value()),
        ("anon key", cfg.anon_key),
        ("service_role key", cfg.service_role_key),
    ]
    # Plain lines, never wrapped, so keys copy and grep whole (as `supabase status` prints them).
    for label, value in rows:
        console.print(f"[bold]{label:>16}[/]: {value}", soft_wrap=True, highlight=False)
    console.print(f"\n[yellow]{NO_AUTH}[/]", soft_wrap=True, highlight=False)
    users = _demo_tokens(cfg)
    if users:
        console.print("\n[bold]Demo users[/] (password: password; tokens valid 30 days)")
        for email, token in users:
            console.print(f"  {email}\n    {token}", soft_wrap=True, highlight=False)


@app.command()
def up() -> None:
    """Start the stack with demo data (initialises the database on first run; harmless when running)."""
    cfg = StackConfig()
    seconds = stack.up(cfg, _progress)
    console.print(f"[green]Flow Atlas is up[/] in {seconds:.1f}s.\n")
    _print_status(cfg)


@app.command()
def down() -> None:
    """Stop every stack process by its pid file; the data stays."""
    stack.down(StackConfig(), _progress)
    console.print("[green]Stopped.[/]")


@app.command()
def reset() -> None:
    """Wipe the database and rebuild it from supabase/migrations and supabase/seed.sql."""
    cfg = StackConfig()
    seconds = stack.reset(cfg, _progress)
    console.print(f"[green]Rebuilt[/] in {seconds:.1f}s.\n")
    _print_status(cfg)


@app.command()
def status() -> None:
    """Show what runs (exit 1 when something is down), then the URLs and keys."""
    cfg = StackConfig()
    states = stack.status(cfg)
    for state in states:
        mark = f"[green]running[/] pid {state.pid}" if state.pid else "[red]stopped[/]"
        console.print(f"{state.name:>10}  port {state.port}  {mark}")
    if any(state.pid is None for state in states):
        raise typer.Exit(1)
    console.print()
    _print_status(cfg)


@app.command()
def env() -> None:
    """Print the settings as `export` lines: eval "$(flowatlas stack env)". USER_TOKEN is the demo owner's
    access token (owner@demo.flowatlas.test, valid 30 days)."""
    cfg = StackConfig()
    values = {
        "SUPABASE_URL": cfg.api_url,
        "SUPABASE_ANON_KEY": cfg.anon_key,
        "SUPABASE_SERVICE_ROLE_KEY": cfg.service_role_key,
        "DATABASE_URL": cfg.db_url(),
        "SUPABASE_JWT_SECRET": cfg.jwt_secret.get_secret_value(),
        # README's examples call the API as the demo owner.
        "USER_TOKEN": _demo_token(cfg, DEMO_USER),
    }
    for name, value in values.items():
        print(f"export {name}='{value}'")
