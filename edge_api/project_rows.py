"""Project documents built from table rows read through PostgREST, without calling `export_project`.

`export_project` records an export in the audit log; showing a diagram is a read, not an export, so the
renderers read the tables (as the user) and build the same `flowatlas.project/v1` shape here. A test checks
that this equals what `export_project` returns for the same project.
"""

import datetime as dt
from typing import Any

_REGISTRY = "key,name,description,position,custom_fields"
PROJECT_SELECT = ",".join(
    [
        "id,name,description,version,is_public,settings,custom_fields",
        f"service_domains(id,{_REGISTRY})",
        f"services(id,domain_id,{_REGISTRY})",
        f"actors(id,kind,{_REGISTRY})",
        f"integration_types(id,{_REGISTRY})",
    ]
)
FLOW_COLUMNS = (
    "id,project_id,name,description,priority,status,version,service_domain_id,service_id,entry_point,"
    "trigger_event,actor_ids,tags,steps,integrations,business_rules,error_scenarios,performance_requirements,"
    "notes,custom_fields,created_at"
)
# The order export_project uses, applied by PostgreSQL (so collation matches).
REGISTRY_ORDER = {
    f"{table}.order": "position,key"
    for table in ("service_domains", "services", "actors", "integration_types")
}
FLOW_ORDER = "name,created_at,id"


def _registry_entry(row: dict[str, Any], *extra: str) -> dict[str, Any]:
    entry = {name: row[name] for name in ("key", *extra, "name", "description", "position")}
    entry["custom_fields"] = row["custom_fields"]
    return entry


def document_data(
    project: dict[str, Any], flows: list[dict[str, Any]], exported_at: dt.datetime | None = None
) -> dict[str, Any]:
    """The v1 document (as JSON data) of a project row with embedded registries, and the given flow rows."""
    domains = {row["id"]: row["key"] for row in project["service_domains"]}
    services = {row["id"]: row["key"] for row in project["services"]}
    actors = {row["id"]: row["key"] for row in project["actors"]}
    return {
        "format": "flowatlas.project/v1",
        "exported_at": (exported_at or dt.datetime.now(dt.UTC)).isoformat(),
        "project": {
            name: project[name]
            for name in ("name", "description", "version", "is_public", "settings", "custom_fields")
        },
        "service_domains": [_registry_entry(row) for row in project["service_domains"]],
        "services": [
            {**_registry_entry(row), "domain": domains.get(row["domain_id"])} for row in project["services"]
        ],
        "actors": [_registry_entry(row, "kind") for row in project["actors"]],
        "integration_types": [_registry_entry(row) for row in project["integration_types"]],
        "flows": [flow_data(row, domains, services, actors) for row in flows],
    }


def flow_data(
    row: dict[str, Any], domains: dict[str, str], services: dict[str, str], actors: dict[str, str]
) -> dict[str, Any]:
    """A flow row as the document carries it: registries by key, internal columns left out."""
    return {
        "name": row["name"],
        "description": row["description"],
        "priority": row["priority"],
        "status": row["status"],
        "version": row["version"],
        "service_domain": domains.get(row["service_domain_id"]) if row["service_domain_id"] else None,
        "service": services.get(row["service_id"]) if row["service_id"] else None,
        "entry_point": row["entry_point"],
        "trigger_event": row["trigger_event"],
        "actors": [actors[actor_id] for actor_id in row["actor_ids"] if actor_id in actors],
        "tags": row["tags"],
        "steps": row["steps"],
        "integrations": row["integrations"],
        "business_rules": row["business_rules"],
        "error_scenarios": row["error_scenarios"],
        "performance_requirements": row["performance_requirements"],
        "notes": row["notes"],
        "custom_fields": row["custom_fields"],
    }
