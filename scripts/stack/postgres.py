"""The stack's PostgreSQL 15 cluster: a project-local data folder run by the `postgres` user.

`initdb` refuses to run as root, so when we are root every cluster command runs through
`runuser -u postgres`, and the folders it writes are handed to that user first.
"""

import os
import pwd
import shutil
import subprocess
from collections.abc import Sequence
from pathlib import Path

from scripts.stack import processes
from scripts.stack.config import StackConfig
from scripts.stack.errors import StackError

DEBIAN_PG_BIN = Path("/usr/lib/postgresql/15/bin")
CLUSTER_OWNER = "postgres"


def pg_bin() -> Path:
    if (DEBIAN_PG_BIN / "initdb").exists():
        return DEBIAN_PG_BIN
    pg_config = shutil.which("pg_config")
    if pg_config:
        found = Path(subprocess.run([pg_config, "--bindir"], capture_output=True, text=True).stdout.strip())
        if (found / "initdb").exists():
            return found
    raise StackError(
        "PostgreSQL 15 server binaries (initdb, pg_ctl) not found",
        "apt-get install postgresql-15 (make up does this when run as root)",
    )


def _as_owner(argv: Sequence[str]) -> list[str]:
    """Run cluster commands as the postgres user when we are root (initdb refuses root)."""
    return ["runuser", "-u", CLUSTER_OWNER, "--", *argv] if os.geteuid() == 0 else list(argv)


def _run(argv: Sequence[str], what: str) -> subprocess.CompletedProcess[str]:
    result = subprocess.run(_as_owner(argv), capture_output=True, text=True)
    if result.returncode != 0:
        raise StackError(f"{what} failed", detail=(result.stderr or result.stdout).strip())
    return result


def _hand_to_owner(*paths: Path) -> None:
    """Create `paths` and give them to the cluster owner (only needed when we are root)."""
    for path in paths:
        path.mkdir(parents=True, exist_ok=True)
    if os.geteuid() != 0:
        return
    owner = pwd.getpwnam(CLUSTER_OWNER)
    for path in paths:
        os.chown(path, owner.pw_uid, owner.pw_gid)
    probe = subprocess.run(_as_owner(["test", "-w", str(paths[0])]), capture_output=True)
    if probe.returncode != 0:
        raise StackError(
            f"the {CLUSTER_OWNER} user cannot reach {paths[0]}",
            "let it traverse every parent folder (chmod o+x), "
            "or set FLOWATLAS_STACK_DIR to a folder it can reach",
        )


def is_initialized(cfg: StackConfig) -> bool:
    return (cfg.pgdata / "PG_VERSION").exists()


def initialize(cfg: StackConfig, superuser: str = "postgres") -> bool:
    """initdb the data folder; False when it already holds a cluster.

    `superuser` names the bootstrap superuser; a test cluster shaped like hosted Supabase takes
    `supabase_admin`, because Postgres never lets the bootstrap superuser be demoted.
    """
    if is_initialized(cfg):
        return False
    _hand_to_owner(cfg.pgdata, cfg.run_dir, cfg.log_dir)
    pwfile = cfg.run_dir / "initdb.pwfile"
    pwfile.write_text(cfg.db_password.get_secret_value() + "\n")
    try:
        os.chmod(pwfile, 0o644)
        _run(
            [
                str(pg_bin() / "initdb"),
                f"--pgdata={cfg.pgdata}",
                f"--username={superuser}",
                f"--pwfile={pwfile}",
                "--auth-local=trust",
                "--auth-host=scram-sha-256",
                "--encoding=UTF8",
                "--locale=C.UTF-8",
                "--no-sync",
            ],
            "initdb",
        )
    finally:
        pwfile.unlink(missing_ok=True)
    return True


def memory_settings_mb(ram_bytes: int) -> dict[str, int]:
    """Memory sized to the machine as Supabase sizes each compute: a quarter of the RAM for shared buffers,
    three quarters as the planner's idea of the cache. initdb's 128 MB default held a sliver of a bench load,
    so reads of flows and search documents went to the kernel's page cache, a system call per 8 kB page."""
    mb = ram_bytes // 2**20
    shared = min(max(mb // 4, 128), 8192)
    return {"shared_buffers": shared, "effective_cache_size": max(mb * 3 // 4, shared)}


def physical_memory() -> int:
    return os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES")


def _write_settings(cfg: StackConfig) -> None:
    """Our settings live in their own file, included by postgresql.conf, rewritten on every start."""
    settings = {
        "listen_addresses": "'127.0.0.1'",
        "port": str(cfg.db_port),
        "unix_socket_directories": f"'{cfg.run_dir}'",
        # A development cluster: durability against OS crashes is not worth the commit latency.
        "synchronous_commit": "off",
        "max_connections": "200",
        **{name: f"'{mb}MB'" for name, mb in memory_settings_mb(physical_memory()).items()},
        "log_min_duration_statement": "-1",
        "log_line_prefix": "'%m [%p] %q%u@%d '",
    }
    conf = cfg.pgdata / "flowatlas.conf"
    conf.write_text("".join(f"{key} = {value}\n" for key, value in settings.items()))
    main_conf = cfg.pgdata / "postgresql.conf"
    include = "include_if_exists = 'flowatlas.conf'\n"
    if include not in main_conf.read_text():
        with main_conf.open("a") as handle:
            handle.write(include)
    if os.geteuid() == 0:
        owner = pwd.getpwnam(CLUSTER_OWNER)
        os.chown(conf, owner.pw_uid, owner.pw_gid)


def postmaster_pid(cfg: StackConfig) -> int | None:
    return processes.running_pid(cfg.pgdata / "postmaster.pid")


def start(cfg: StackConfig) -> bool:
    """Start the cluster; False when it was already running."""
    if postmaster_pid(cfg) is not None:
        return False
    processes.ensure_port_free(cfg.db_port, "PostgreSQL")
    _hand_to_owner(cfg.run_dir, cfg.log_dir)
    _write_settings(cfg)
    log = cfg.log_file("postgres")
    result = subprocess.run(
        _as_owner(
            [str(pg_bin() / "pg_ctl"), "start", "-D", str(cfg.pgdata), "-l", str(log), "-w", "-t", "30"]
        ),
        capture_output=True,
        text=True,
    )
    if result.returncode != 0:
        raise StackError(
            "PostgreSQL did not start",
            f"see its log {log}",
            detail=processes.log_tail(log),
        )
    return True


def stop(cfg: StackConfig) -> bool:
    """Fast shutdown (pg_ctl signals the pid in postmaster.pid); False when it was not running."""
    if postmaster_pid(cfg) is None:
        return False
    _run(
        [str(pg_bin() / "pg_ctl"), "stop", "-D", str(cfg.pgdata), "-m", "fast", "-w", "-t", "30"],
        "pg_ctl stop",
    )
    return True
