"""Fill a Flow Atlas database with realistic scale data, fast (COPY), and print rows/s.

N projects, each with service domains, services, actors, integration types, members and flows of 5-60
steps with integrations, business rules, error scenarios and SLAs, plus audit history and flow revisions. One
project holds
exactly 2,000 flows (export/import/duplicate benchmarks); bench users are a member of 1 and of 200 projects.

Run against the running stack's database: .venv/bin/python -m bench.generate --profile quick [--db-url URL]
It refuses a database that already holds bench data: reset the stack first (flowatlas stack reset).
"""

import argparse
import multiprocessing
import random
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import psycopg

from bench import content
from bench.dataset import Dataset, load, save
from bench.loader import (
    CopyStreams,
    LoadStats,
    bulk_session,
    drop_secondary_indexes,
    fill_search_documents,
    rebuild_indexes,
)
from bench.profiles import PROFILES, Profile

EPOCH = datetime(2024, 1, 1, tzinfo=UTC)
TWO_YEARS = 2 * 365 * 24 * 3600

REGISTRY_COLUMNS: dict[str, tuple[str, ...]] = {
    "auth.users": (
        "instance_id",
        "id",
        "aud",
        "role",
        "email",
        "encrypted_password",
        "email_confirmed_at",
        "raw_app_meta_data",
        "raw_user_meta_data",
        "created_at",
        "updated_at",
    ),
    "public.profiles": ("id", "email", "name", "role", "created_at", "updated_at"),
    "public.projects": (
        "id",
        "name",
        "description",
        "owner_id",
        "is_public",
        "created_at",
        "created_by",
        "updated_at",
        "updated_by",
    ),
    "public.project_members": ("project_id", "user_id", "role", "added_by", "added_at", "updated_at"),
    "public.service_domains": ("id", "project_id", "key", "name", "position", "created_by"),
    "public.services": ("id", "project_id", "domain_id", "key", "name", "position", "created_by"),
    "public.actors": ("id", "project_id", "kind", "key", "name", "position", "created_by"),
    "public.integration_types": ("id", "project_id", "key", "name", "position", "created_by"),
}
FLOW_COLUMNS: dict[str, tuple[str, ...]] = {
    "public.flows": (
        "id",
        "project_id",
        "name",
        "description",
        "priority",
        "status",
        "service_domain_id",
        "service_id",
        "entry_point",
        "trigger_event",
        "actor_ids",
        "tags",
        "steps",
        "integrations",
        "business_rules",
        "error_scenarios",
        "performance_requirements",
        "notes",
        "revision",
        "created_at",
        "created_by",
        "updated_at",
        "updated_by",
        "deleted_at",
        "deleted_by",
    ),
    "public.flow_revisions": ("project_id", "flow_id", "revision", "content", "created_at", "created_by"),
    "public.audit_log": (
        "project_id",
        "flow_id",
        "actor_id",
        "actor_role",
        "action",
        "entity_type",
        "entity_id",
        "changes",
        "created_at",
    ),
}

Progress = Callable[[str], None]
CHUNK = 25  # projects per worker job


@dataclass
class Project:
    id: str
    owner: str
    members: dict[str, str]  # user id -> role
    flows: int
    registry: content.Registry


def _when(rng: random.Random) -> datetime:
    return EPOCH + timedelta(seconds=rng.randrange(TWO_YEARS))


def _array(values: list[str]) -> str:
    return "{" + ",".join(values) + "}"  # uuids and tag words: no quoting needed


def _plan(profile: Profile, rng: random.Random) -> tuple[list[str], list[Project]]:
    """Users and projects with their members, before any flow is generated."""
    users = [content.new_id(rng) for _ in range(profile.users)]
    solo, busy, big_owner, *regular = users
    projects = [
        Project(
            content.new_id(rng),
            big_owner,
            {big_owner: "owner"},
            profile.big_project_flows,
            content.registry(rng),
        ),
        Project(
            content.new_id(rng),
            regular[0],
            {regular[0]: "owner", solo: "editor", busy: "editor"},
            profile.flows_per_project,
            content.registry(rng),
        ),
    ]
    for _ in range(profile.projects - 1):
        owner = rng.choice(regular)
        members = {owner: "owner"}
        for member in rng.sample(regular, rng.randint(1, 6)):
            members.setdefault(member, rng.choice(("editor", "viewer")))
        flows = rng.randint(profile.flows_per_project // 2, profile.flows_per_project * 3 // 2)
        projects.append(Project(content.new_id(rng), owner, members, flows, content.registry(rng)))
    for project in rng.sample(projects[2:], min(len(projects) - 2, profile.busy_memberships - 1)):
        project.members[busy] = rng.choice(("editor", "viewer"))
    return users, projects


def _load_registries(
    url: str, users: list[str], projects: list[Project], stats: LoadStats, rng: random.Random
) -> None:
    meta = '{"provider": "email", "providers": ["email"]}'
    with CopyStreams(url, REGISTRY_COLUMNS, stats).open() as out:
        for i, user in enumerate(users):
            email = f"user{i}@bench.flowatlas.test"
            role = "admin" if i > 2 and i % 500 == 0 else ("viewer" if i > 2 and i % 97 == 0 else "analyst")
            at = _when(rng)
            name = f"Bench user {i}"
            out.write(
                "auth.users",
                (
                    "00000000-0000-0000-0000-000000000000",
                    user,
                    "authenticated",
                    "authenticated",
                    email,
                    None,
                    at,
                    meta,
                    f'{{"name": "{name}"}}',
                    at,
                    at,
                ),
            )
            out.write("public.profiles", (user, email, name, role, at, at))
        for n, project in enumerate(projects):
            at = _when(rng)
            public = n > 1 and rng.random() < 0.02
            out.write(
                "public.projects",
                (
                    project.id,
                    f"Project {n}",
                    content.sentence(rng, 8),
                    project.owner,
                    public,
                    at,
                    project.owner,
                    at,
                    project.owner,
                ),
            )
            for user, role in project.members.items():
                out.write("public.project_members", (project.id, user, role, project.owner, at, at))
            reg = project.registry
            for pos, (domain_id, key, name) in enumerate(reg.domains):
                out.write("public.service_domains", (domain_id, project.id, key, name, pos, project.owner))
            for pos, (service_id, domain_id, key, name) in enumerate(reg.services):
                out.write(
                    "public.services", (service_id, project.id, domain_id, key, name, pos, project.owner)
                )
            for pos, (actor_id, kind, key, name) in enumerate(reg.actors):
                out.write("public.actors", (actor_id, project.id, kind, key, name, pos, project.owner))
            for pos, (type_id, key, name) in enumerate(reg.integration_types):
                out.write("public.integration_types", (type_id, project.id, key, name, pos, project.owner))


def _load_flow_chunk(job: tuple[str, int, list[tuple[int, Project]]]) -> dict[str, int]:
    """One worker's share: the flows (with audit rows and revisions) of some projects, on its own connections.
    Each project draws from its own seeded generator, so the data does not depend on how work is split."""
    url, seed, chunk = job
    stats = LoadStats()
    with CopyStreams(url, FLOW_COLUMNS, stats).open() as out:
        for n, project in chunk:
            rng = random.Random(f"{seed}-{n}")
            editors = [u for u, role in project.members.items() if role != "viewer"]
            for k in range(project.flows):
                number = n * 10_000 + k + 1
                flow_id = content.new_id(rng)
                f = content.flow(rng, project.registry, number)
                steps, integrations, rules, errors, sla = f.json_parts()
                author, editor = rng.choice(editors), rng.choice(editors)
                created = _when(rng)
                revisions = rng.choice((1, 1, 1, 2, 2, 3))
                updated = created + timedelta(hours=rng.randint(1, 2000)) if revisions > 1 else created
                deleted = n > 1 and rng.random() < 0.01
                out.write(
                    "public.flows",
                    (
                        flow_id,
                        project.id,
                        f.name,
                        f.description,
                        f.priority,
                        f.status,
                        f.domain_id,
                        f.service_id,
                        f.entry_point,
                        f.trigger_event,
                        _array(f.actor_ids),
                        _array(f.tags),
                        steps,
                        integrations,
                        rules,
                        errors,
                        sla,
                        f.notes,
                        revisions,
                        created,
                        author,
                        updated,
                        editor,
                        updated if deleted else None,
                        editor if deleted else None,
                    ),
                )
                out.write(
                    "public.audit_log",
                    (
                        project.id,
                        flow_id,
                        author,
                        "authenticated",
                        "insert",
                        "flows",
                        flow_id,
                        f'{{"name": {{"old": null, "new": "{f.name}"}}}}',
                        created,
                    ),
                )
                for revision in range(1, revisions):
                    at = created + timedelta(minutes=revision)
                    snapshot = (
                        f'{{"id": "{flow_id}", "name": "{f.name}", "revision": {revision}, '
                        f'"status": "draft", "steps": {steps}}}'
                    )
                    out.write("public.flow_revisions", (project.id, flow_id, revision, snapshot, at, editor))
                    out.write(
                        "public.audit_log",
                        (
                            project.id,
                            flow_id,
                            editor,
                            "authenticated",
                            "update",
                            "flows",
                            flow_id,
                            f'{{"revision": {{"old": {revision}, "new": {revision + 1}}}}}',
                            at,
                        ),
                    )
    return stats.rows


def _load_flows(
    url: str, projects: list[Project], seed: int, workers: int, stats: LoadStats, progress: Progress
) -> int:
    chunks = [list(enumerate(projects))[i : i + CHUNK] for i in range(0, len(projects), CHUNK)]
    jobs = [(url, seed, chunk) for chunk in chunks]
    started = time.perf_counter()
    flows = 0
    with multiprocessing.get_context("spawn").Pool(workers) as pool:
        for done, rows in enumerate(pool.imap_unordered(_load_flow_chunk, jobs), start=1):
            for table, count in rows.items():
                stats.add(table, count)
            flows = stats.rows.get("public.flows", 0)
            if done % max(1, len(jobs) // 10) == 0 or done == len(jobs):
                rate = flows / (time.perf_counter() - started)
                progress(f"  {done}/{len(jobs)} chunks, {flows:,} flows ({rate:,.0f} flows/s)")
    return flows


def generate(url: str, profile: Profile, workers: int = 2, progress: Progress = print) -> Dataset:
    rng = random.Random(profile.seed)
    stats = LoadStats()
    began = time.perf_counter()
    with psycopg.connect(url, autocommit=True) as conn:
        if load(conn) is not None:
            raise SystemExit("this database already holds bench data: reset it first (flowatlas stack reset)")
        bulk_session(conn)
        definitions = drop_secondary_indexes(conn)
    users, projects = _plan(profile, rng)
    _load_registries(url, users, projects, stats, rng)
    progress(f"users, projects, members and registries: {stats.total_rows:,} rows")
    flows = _load_flows(url, projects, profile.seed, workers, stats, progress)
    loaded = time.perf_counter() - began
    progress(
        f"loaded {stats.total_rows:,} rows in {loaded:.0f}s ({stats.total_rows / loaded:,.0f} rows/s, "
        f"{flows / loaded:,.0f} flows/s)"
    )
    started = time.perf_counter()
    fill_search_documents(url, workers)
    progress(f"search documents written in {time.perf_counter() - started:.0f}s")
    started = time.perf_counter()
    rebuild_indexes(url, definitions)
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute("vacuum analyze")
        steps = conn.execute("select sum(jsonb_array_length(steps)) from public.flows").fetchone()
        progress(
            f"indexes rebuilt and vacuum analyze in {time.perf_counter() - started:.0f}s; "
            f"{flows:,} flows with {int(steps[0] if steps else 0):,} steps"
        )
        dataset = Dataset(
            profile=profile.name,
            flows=flows,
            bench_project=projects[1].id,
            big_project=projects[0].id,
            solo_user=users[0],
            busy_user=users[1],
            big_owner=users[2],
            busy_memberships=sum(1 for p in projects if users[1] in p.members),
        )
        save(conn, dataset)
    for table, rows in sorted(stats.rows.items()):
        progress(f"  {table:<26} {rows:>12,} rows")
    progress(f"total {time.perf_counter() - began:.0f}s")
    return dataset


def main() -> None:
    from scripts.stack.config import StackConfig

    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    parser.add_argument("--profile", choices=sorted(PROFILES), default="quick")
    parser.add_argument(
        "--db-url", help="database to fill (default: the stack's, FLOWATLAS_STACK_* settings)"
    )
    args = parser.parse_args()
    url = args.db_url or StackConfig().db_url()
    profile = PROFILES[args.profile]
    print(f"profile {profile.name}: ~{profile.approximate_flows:,} flows into {url.split('@')[-1]}")
    generate(url, profile, args.workers)
    sys.stdout.flush()


if __name__ == "__main__":
    main()
