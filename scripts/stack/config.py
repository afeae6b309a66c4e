"""Where the local stack lives and which ports it takes.

Everything sits under one git-ignored folder (`.stack/` by default) so a checkout carries its own
database and processes. Ports follow Supabase's local layout from one base: gateway 54321, Postgres
54322; the internal services sit at base+10.. so two stacks (e.g. a test's) can run side by side.
"""

from functools import cached_property
from pathlib import Path

from pydantic import Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict

from edge_api import tokens
from edge_api.settings import LOCAL_JWT_SECRET

PROJECT_DIR = Path(__file__).resolve().parents[2]
# npm-installed tools (PostgREST, Supabase CLI) live with the code, whichever project dir is used.
NODE_BIN = PROJECT_DIR / "node_modules" / ".bin"


class StackConfig(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="FLOWATLAS_STACK_", extra="ignore")

    project_dir: Path = Field(PROJECT_DIR, description="Checkout holding supabase/ (migrations, seed).")
    dir: Path = Field(PROJECT_DIR / ".stack", description="Folder for the cluster, logs, pids, configs.")
    port_base: int = Field(54321, ge=1024, le=65000, description="Gateway port; the others derive from it.")
    jwt_secret: SecretStr = Field(SecretStr(LOCAL_JWT_SECRET), description="HS256 secret for all tokens.")
    db_password: SecretStr = Field(SecretStr("postgres"), description="Password of postgres/authenticator.")
    health_timeout: float = Field(20.0, gt=0, description="Seconds a service may take to answer 200.")

    # Ports, Supabase's local layout.
    @property
    def gateway_port(self) -> int:
        return self.port_base

    @property
    def db_port(self) -> int:
        return self.port_base + 1

    @property
    def postgrest_port(self) -> int:
        return self.port_base + 10

    @property
    def postgrest_admin_port(self) -> int:
        return self.port_base + 11

    @property
    def edge_port(self) -> int:
        return self.port_base + 12

    # Folders.
    @property
    def pgdata(self) -> Path:
        return self.dir / "pgdata"

    @property
    def run_dir(self) -> Path:
        """Pid files and the Postgres socket."""
        return self.dir / "run"

    @property
    def log_dir(self) -> Path:
        return self.dir / "log"

    @property
    def conf_dir(self) -> Path:
        return self.dir / "conf"

    @property
    def supabase_dir(self) -> Path:
        return self.project_dir / "supabase"

    # Addresses and keys.
    @property
    def api_url(self) -> str:
        return f"http://127.0.0.1:{self.gateway_port}"

    def db_url(self, user: str = "postgres", database: str = "postgres") -> str:
        password = self.db_password.get_secret_value()
        return f"postgresql://{user}:{password}@127.0.0.1:{self.db_port}/{database}"

    @cached_property
    def anon_key(self) -> str:
        return tokens.api_key("anon", self.jwt_secret.get_secret_value())

    @cached_property
    def service_role_key(self) -> str:
        return tokens.api_key("service_role", self.jwt_secret.get_secret_value())

    def log_file(self, service: str) -> Path:
        return self.log_dir / f"{service}.log"

    def pid_file(self, service: str) -> Path:
        return self.run_dir / f"{service}.pid"
