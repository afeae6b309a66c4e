"""Cross-references of a project document: what the foreign keys and the flows trigger check in the database.

Registry keys are unique per registry; a service's domain exists; a flow's domain, service and actors exist,
and its service lies in its domain. Steps' `actor`/`service` and integrations' `type`/`from`/`to` are free
strings in the database (JSONB), so they are not checked here either: renderers fall back to the raw value.
"""

from typing import TYPE_CHECKING

from edge_api.documents.problems import Problem, duplicates

if TYPE_CHECKING:
    from edge_api.documents.project import ProjectDocument


def reference_problems(document: "ProjectDocument") -> list[Problem]:
    """Every duplicate key and dangling reference of the document, in document order."""
    found: list[Problem] = []
    for registry in ("service_domains", "services", "actors", "integration_types"):
        entries = getattr(document, registry)
        found += duplicates((e.key for e in entries), registry, "key")
    domains = {d.key for d in document.service_domains}
    service_domain = {s.key: s.domain for s in document.services}
    actors = {a.key for a in document.actors}
    for i, service in enumerate(document.services):
        if service.domain not in domains:
            found.append(_unknown(("services", i, "domain"), "service domain", service.domain))
    for i, flow in enumerate(document.flows):
        if flow.service_domain is not None and flow.service_domain not in domains:
            found.append(_unknown(("flows", i, "service_domain"), "service domain", flow.service_domain))
        if flow.service is not None:
            if flow.service not in service_domain:
                found.append(_unknown(("flows", i, "service"), "service", flow.service))
            elif flow.service_domain in domains and service_domain[flow.service] != flow.service_domain:
                found.append(
                    Problem(
                        ("flows", i, "service"),
                        "service_outside_domain",
                        f"service {flow.service!r} is in service domain {service_domain[flow.service]!r}, "
                        f"not in the flow's domain {flow.service_domain!r}",
                        flow.service,
                    )
                )
        for j, actor in enumerate(flow.actors):
            if actor not in actors:
                found.append(_unknown(("flows", i, "actors", j), "actor", actor))
    return found


def _unknown(loc: tuple[str | int, ...], what: str, key: str) -> Problem:
    return Problem(loc, "unknown_reference", f"no {what} with key {key!r} in this document", key)
