"""Document models: the project export format `flowatlas.project/v1` and the parts of a flow, accepting and
rejecting exactly what the database's CHECK constraints, foreign keys and triggers do."""

from edge_api.documents.enums import ActorKind, Priority, Status
from edge_api.documents.errors import FieldError, field_errors, json_path
from edge_api.documents.flow import Flow
from edge_api.documents.flow_parts import (
    BusinessRule,
    ErrorScenario,
    Integration,
    PerformanceRequirements,
    Step,
)
from edge_api.documents.project import FORMAT, ProjectDocument, ProjectInfo
from edge_api.documents.registries import Actor, IntegrationType, RegistryEntry, Service, ServiceDomain

__all__ = [
    "FORMAT",
    "Actor",
    "ActorKind",
    "BusinessRule",
    "ErrorScenario",
    "FieldError",
    "Flow",
    "Integration",
    "IntegrationType",
    "PerformanceRequirements",
    "Priority",
    "ProjectDocument",
    "ProjectInfo",
    "RegistryEntry",
    "Service",
    "ServiceDomain",
    "Status",
    "Step",
    "field_errors",
    "json_path",
]
