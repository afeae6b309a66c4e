"""Read-side types of the project document `flowatlas.project/v1` and the parts of a flow, as the
database exports them. They validate nothing: the database owns every rule (private.project_document_errors
and the tables' constraints), and the enums are the generated ones (edge_api/db_types.py)."""

from edge_api.db_types import PublicActorKind as ActorKind
from edge_api.db_types import PublicFlowPriority as Priority
from edge_api.db_types import PublicFlowStatus as Status
from edge_api.documents.errors import FieldError, json_path
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
    "json_path",
]
