"""Backup and restore of the data as project documents.

A backup is a folder: `manifest.json` (format flowatlas.backup/v1: the users, and per project its file,
owner and members) and `projects/<id>.json`, one flowatlas.project/v1 document per live project. Restore
recreates missing users (same id and e-mail; a random password — they reset it), imports every document as
its owner (the same path as `import_project`, so the database validates it) and adds the members back.

Documents carry no internal ids, so restored projects get new ids; flow revisions, soft-deleted rows and the
audit log are not part of a backup (pg_dump is the tool for a byte-for-byte copy).

Documents pass through as the database writes and reads them (text, never parsed here): whatever one tenant
stored, it cannot make the backup of the others fail. Restore carries on past a project it cannot import,
reports each, and records what it restored in `restored.json` beside the manifest, so running it again into
the same database restores the rest and nothing twice.
"""

import datetime as dt
import json
import secrets
import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import psycopg

from scripts.admin.target import Target, db_error
from scripts.admin.users import store
from scripts.errors import CliError
from scripts.stack.database import Connection

FORMAT = "flowatlas.backup/v1"
PROGRESS = "restored.json"
ADD_MEMBER = """
insert into public.project_members (project_id, user_id, role) values (%s, %s, %s)
on conflict (project_id, user_id) do update set role = excluded.role
"""
Track = Callable[[Iterable[Any]], Iterable[Any]]


@dataclass(frozen=True)
class RestoreFailure:
    file: str
    name: str
    problem: str


@dataclass(frozen=True)
class RestoreResult:
    users_created: int
    projects: dict[str, str]  # backed-up id -> restored id, this run and earlier runs into the same database
    failures: list[RestoreFailure]


def _users(conn: Connection) -> list[dict[str, Any]]:
    rows = conn.execute(
        "select p.id::text, coalesce(u.email, p.email), p.name, p.role::text from public.profiles as p "
        "left join auth.users as u on u.id = p.id order by 2"
    ).fetchall()
    return [{"id": r[0], "email": r[1], "name": r[2], "role": r[3]} for r in rows]


def backup(target: Target, out: Path, track: Track, only: list[uuid.UUID] | None = None) -> dict[str, Any]:
    """Write the backup folder; returns the manifest."""
    (out / "projects").mkdir(parents=True, exist_ok=True)
    with target.connect() as conn:
        query = "select id::text, name, owner_id::text from public.projects where deleted_at is null"
        params: list[Any] = []
        if only:
            query += " and id = any(%s)"
            params.append(only)
        projects = conn.execute(query + " order by name, id", params).fetchall()
        if only and len(projects) < len(set(only)):
            raise CliError(
                "some --project ids are not live projects", "check them with flowatlas projects list"
            )
        users = _users(conn)
        emails = {user["id"]: user["email"] for user in users}
        entries = []
        for project_id, name, owner_id in track(projects):
            row = conn.execute(
                "select pg_catalog.jsonb_pretty(public.project_document(%s))", [project_id]
            ).fetchone()
            file = f"projects/{project_id}.json"
            (out / file).write_text(f"{row[0] if row else 'null'}\n", encoding="utf-8")
            members = conn.execute(
                "select user_id::text, role::text from public.project_members where project_id = %s "
                "order by added_at, user_id",
                [project_id],
            ).fetchall()
            entries.append(
                {
                    "id": project_id,
                    "name": name,
                    "file": file,
                    "owner": emails[owner_id],
                    "members": [{"email": emails[m[0]], "role": m[1]} for m in members if m[0] in emails],
                }
            )
    wanted = {e["owner"] for e in entries} | {m["email"] for e in entries for m in e["members"]}
    manifest = {
        "format": FORMAT,
        "created_at": dt.datetime.now(dt.UTC).isoformat(),
        "users": [user for user in users if user["email"] in wanted],
        "projects": entries,
    }
    (out / "manifest.json").write_text(
        json.dumps(manifest, indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
    )
    return manifest


def read_manifest(folder: Path) -> dict[str, Any]:
    try:
        manifest: dict[str, Any] = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise CliError(
            f"{folder} has no manifest.json", "point --from at a folder written by flowatlas backup"
        ) from None
    except ValueError as exc:
        raise CliError(f"{folder}/manifest.json is not JSON: {exc}") from None
    if manifest.get("format") != FORMAT:
        raise CliError(f"{folder}/manifest.json is not a {FORMAT} manifest")
    return manifest


def _import_as(conn: Connection, owner_id: str, document: str) -> str:
    """Import as the owner would (auth.uid() = owner), in one transaction with the members."""
    claims = json.dumps({"sub": owner_id, "role": "authenticated", "aud": "authenticated"})
    conn.execute("select set_config('request.jwt.claims', %s, true)", [claims])
    # Only analysts and admins may create projects; a global viewer who owned one gets it back all the same.
    bumped = conn.execute(
        "update public.profiles set role = 'analyst' where id = %s and role = 'viewer' returning id",
        [owner_id],
    ).fetchone()
    row = conn.execute("select private.import_project_document(%s::jsonb, null)::text", [document]).fetchone()
    if bumped:
        conn.execute("update public.profiles set role = 'viewer' where id = %s", [owner_id])
    if not row:
        raise CliError("import_project returned nothing")
    return str(row[0])


def _target_name(conn: Connection) -> str:
    """Which database a restore went into, for `restored.json` (no password)."""
    return f"{conn.info.host}:{conn.info.port}/{conn.info.dbname}"


def _read_progress(folder: Path, target_name: str) -> dict[str, str]:
    try:
        progress = json.loads((folder / PROGRESS).read_text(encoding="utf-8"))
    except (FileNotFoundError, ValueError):
        return {}
    if not isinstance(progress, dict) or progress.get("target") != target_name:
        return {}
    projects = progress.get("projects")
    return {str(k): str(v) for k, v in projects.items()} if isinstance(projects, dict) else {}


def _write_progress(folder: Path, target_name: str, restored: dict[str, str]) -> None:
    text = json.dumps({"target": target_name, "projects": restored}, indent=2) + "\n"
    (folder / PROGRESS).write_text(text, encoding="utf-8")


def restore(target: Target, folder: Path, track: Track, allow_existing: bool = False) -> RestoreResult:
    manifest = read_manifest(folder)
    users = store(target)
    with target.connect() as conn:
        target_name = _target_name(conn)
        restored = _read_progress(folder, target_name)
        live = conn.execute(
            "select count(*) from public.projects where not (id::text = any(%s))", [list(restored.values())]
        ).fetchone()
        if live and live[0] and not allow_existing:
            raise CliError(
                f"the target database already has {live[0]} project(s)",
                "restore into an empty database, or pass --allow-existing to add the projects next to them",
            )
        known = {str(r[0]).lower() for r in conn.execute("select email from auth.users").fetchall()}
    created = 0
    for user in manifest["users"]:
        if user["email"].lower() not in known:
            users.create(
                user["email"], user["name"], user["role"], secrets.token_urlsafe(24), user_id=user["id"]
            )
            created += 1
    failures: list[RestoreFailure] = []
    with target.connect() as conn:
        ids = {
            str(r[1]).lower(): str(r[0]) for r in conn.execute("select id, email from auth.users").fetchall()
        }
        for entry in track(manifest["projects"]):
            if entry["id"] in restored:
                continue  # restored by an earlier run into this database
            try:
                document = (folder / entry["file"]).read_text(encoding="utf-8")
                with conn.transaction():
                    new_id = _import_as(conn, ids[entry["owner"].lower()], document)
                    for member in entry["members"]:
                        conn.execute(
                            ADD_MEMBER,
                            [new_id, ids[member["email"].lower()], member["role"]],
                        )
            except psycopg.Error as exc:
                failures.append(RestoreFailure(entry["file"], entry.get("name", ""), db_error(exc).problem))
                continue
            except (OSError, KeyError) as exc:
                failures.append(RestoreFailure(entry["file"], entry.get("name", ""), f"cannot read: {exc}"))
                continue
            restored[entry["id"]] = new_id
            _write_progress(folder, target_name, restored)
    return RestoreResult(created, restored, failures)
