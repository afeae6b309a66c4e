"""The registries of a project document: entries referenced by key (service_domains, services, actors,
integration_types tables)."""

from pydantic import BaseModel, JsonValue

from edge_api.db_types import PublicActorKind


class RegistryEntry(BaseModel):
    """What every registry entry has: a key unique in its registry, a name, an ordering position."""

    key: str
    name: str
    description: str = ""
    position: int = 0
    custom_fields: dict[str, JsonValue] = {}


class ServiceDomain(RegistryEntry):
    """A business domain grouping services."""


class Service(RegistryEntry):
    """An application or API, in the service domain whose key is `domain`."""

    domain: str


class Actor(RegistryEntry):
    """A person (role), internal system or external party."""

    kind: PublicActorKind = "system"


class IntegrationType(RegistryEntry):
    """A kind of integration (REST, events, batch files, ...)."""
