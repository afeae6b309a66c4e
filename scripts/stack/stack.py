"""The local stack as a whole: up, down, status, reset — what `supabase start` does, without Docker."""

import shutil
import time
from collections.abc import Callable
from dataclasses import dataclass

from scripts.stack import database, postgres, prerequisites, processes, services
from scripts.stack.config import StackConfig
from scripts.stack.errors import StackError

SERVICE_NAMES = ("postgrest", "edge_api", "gateway")

Progress = Callable[[str], None]


def _silent(_: str) -> None:
    return None


@dataclass(frozen=True)
class ServiceState:
    name: str
    port: int
    pid: int | None


def _spawn_unless_running(cfg: StackConfig, service: services.Service) -> bool:
    """Start one service unless ours is already running; wait for its health URL to answer 200."""
    pid_file = cfg.pid_file(service.name)
    if processes.running_pid(pid_file) is not None:
        return False
    processes.ensure_port_free(service.port, service.name)
    processes.spawn(service.argv, pid_file, cfg.log_file(service.name), service.env)
    return True


def up(cfg: StackConfig, progress: Progress = _silent) -> float:
    """Start everything (a no-op for what already runs); returns the seconds it took."""
    began = time.monotonic()
    prerequisites.check()
    for folder in (cfg.dir, cfg.conf_dir, cfg.run_dir, cfg.log_dir):
        folder.mkdir(parents=True, exist_ok=True)
    if postgres.initialize(cfg):
        progress("created the database cluster")
    if postgres.start(cfg):
        progress(f"PostgreSQL started on port {cfg.db_port}")
    database.apply_compat(cfg)
    progress("applying migrations and seed (supabase db push)")
    database.push_migrations(cfg)

    postgrest_was_running = processes.running_pid(cfg.pid_file("postgrest")) is not None
    started = [svc for svc in services.all_services(cfg) if _spawn_unless_running(cfg, svc)]
    if postgrest_was_running:
        database.reload_schema_cache(cfg)
    for svc in started:
        processes.wait_http_ok(
            svc.health_url, svc.name, cfg.pid_file(svc.name), cfg.log_file(svc.name), cfg.health_timeout
        )
        progress(f"{svc.name} healthy on port {svc.port}")
    return time.monotonic() - began


def down(cfg: StackConfig, progress: Progress = _silent) -> None:
    """Stop every process by its pid file, the gateway first; leaves nothing listening."""
    for name in reversed(SERVICE_NAMES):
        if processes.stop(cfg.pid_file(name)):
            progress(f"{name} stopped")
    if postgres.is_initialized(cfg) and postgres.stop(cfg):
        progress("PostgreSQL stopped")


def reset(cfg: StackConfig, progress: Progress = _silent) -> float:
    """Wipe the database and rebuild it from migrations + seed."""
    down(cfg, progress)
    if cfg.pgdata.exists():
        shutil.rmtree(cfg.pgdata)
        progress("database wiped")
    return up(cfg, progress)


def status(cfg: StackConfig) -> list[ServiceState]:
    states = [ServiceState("postgres", cfg.db_port, postgres.postmaster_pid(cfg))]
    ports = {"postgrest": cfg.postgrest_port, "edge_api": cfg.edge_port, "gateway": cfg.gateway_port}
    states += [ServiceState(n, ports[n], processes.running_pid(cfg.pid_file(n))) for n in SERVICE_NAMES]
    return states


def require_running(cfg: StackConfig) -> None:
    stopped = [state.name for state in status(cfg) if state.pid is None]
    if stopped:
        raise StackError(f"the stack is not running ({', '.join(stopped)} down)", "run: flowatlas stack up")
