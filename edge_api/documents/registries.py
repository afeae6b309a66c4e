"""The registries of a project document: entries referenced by key (service_domains, services, actors,
integration_types tables)."""

from pydantic import BaseModel, ConfigDict, JsonValue, StrictStr

from edge_api.documents.enums import ActorKind
from edge_api.documents.fields import Name, Position, RegistryKey

_CLOSED = ConfigDict(extra="forbid")


class RegistryEntry(BaseModel):
    """What every registry entry has: a key unique in its registry, a name, an ordering position."""

    model_config = _CLOSED

    key: RegistryKey
    name: Name
    description: StrictStr = ""
    position: Position = 0
    custom_fields: dict[str, JsonValue] = {}


class ServiceDomain(RegistryEntry):
    """A business domain grouping services."""


class Service(RegistryEntry):
    """An application or API, in the service domain whose key is `domain`."""

    domain: RegistryKey


class Actor(RegistryEntry):
    """A person (role), internal system or external party."""

    kind: ActorKind = ActorKind.SYSTEM


class IntegrationType(RegistryEntry):
    """A kind of integration (REST, events, batch files, ...)."""
