"""The declarative schema: the files `supabase/config.toml` lists under [db.migrations] schema_paths."""

import tomllib
from pathlib import Path

from scripts.stack.config import StackConfig
from scripts.stack.errors import StackError


def schema_files(cfg: StackConfig) -> list[Path]:
    """The files in apply order: each entry in the listed order, a glob's matches sorted by name."""
    config = tomllib.loads((cfg.supabase_dir / "config.toml").read_text())
    patterns: list[str] = config.get("db", {}).get("migrations", {}).get("schema_paths", [])
    files: list[Path] = []
    for pattern in patterns:
        matches = (
            sorted(cfg.supabase_dir.glob(pattern))
            if any(c in pattern for c in "*?[")
            else [cfg.supabase_dir / pattern]
        )
        if not matches or not all(path.is_file() for path in matches):
            raise StackError(
                f"schema_paths entry {pattern!r} matches no file",
                "fix [db.migrations] schema_paths in supabase/config.toml",
            )
        files += [path.resolve() for path in matches if path.resolve() not in files]
    return files
