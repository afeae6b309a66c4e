"""Registry look-ups for renderers: display names by key, falling back to the raw key for unknown ones."""

from dataclasses import dataclass

from edge_api.documents import Actor, Flow, IntegrationType, ProjectDocument, Service, ServiceDomain


@dataclass(frozen=True, slots=True)
class DocumentIndex:
    """The registries of a document by key. Build it once per document (`DocumentIndex.of`)."""

    domains: dict[str, ServiceDomain]
    services: dict[str, Service]
    actors: dict[str, Actor]
    integration_types: dict[str, IntegrationType]

    @classmethod
    def of(cls, document: ProjectDocument) -> "DocumentIndex":
        return cls(
            domains={d.key: d for d in document.service_domains},
            services={s.key: s for s in document.services},
            actors={a.key: a for a in document.actors},
            integration_types={t.key: t for t in document.integration_types},
        )

    def actor_name(self, key: str) -> str:
        actor = self.actors.get(key)
        return actor.name if actor else key

    def service_name(self, key: str) -> str:
        service = self.services.get(key)
        return service.name if service else key

    def domain_name(self, key: str) -> str:
        domain = self.domains.get(key)
        return domain.name if domain else key

    def integration_type_name(self, key: str) -> str:
        kind = self.integration_types.get(key)
        return kind.name if kind else key

    def flow_domain(self, flow: Flow) -> str | None:
        """The flow's service domain key: its own, else its service's (as the database fills it in)."""
        if flow.service_domain is not None:
            return flow.service_domain
        service = self.services.get(flow.service) if flow.service else None
        return service.domain if service else None
