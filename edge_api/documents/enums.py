"""The enumerations of the database (sql/types.sql), value for value."""

from enum import StrEnum


class Priority(StrEnum):
    """public.flow_priority: business priority of a flow."""

    LOW = "Low"
    MEDIUM = "Medium"
    HIGH = "High"
    CRITICAL = "Critical"


class Status(StrEnum):
    """public.flow_status: review state of a flow."""

    DRAFT = "draft"
    IN_REVIEW = "in_review"
    APPROVED = "approved"
    DEPRECATED = "deprecated"


class ActorKind(StrEnum):
    """public.actor_kind: what an actor is."""

    PERSON = "person"
    SYSTEM = "system"
    EXTERNAL = "external"
