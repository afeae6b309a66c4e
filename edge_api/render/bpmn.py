"""A flow as a BPMN 2.0 file (`.bpmn`) that opens drawn in Camunda Modeler and bpmn.io.

A collaboration with one pool (the flow) whose process has a lane per actor, or per service where a step
names no actor (the lanes of the draw.io diagram); a start event, a task per step in order, an end event and
sequence flows between them (named with the integration types linking consecutive steps). Each error scenario
is a boundary error event on its step's task, with a sequence flow to a task that handles it; a scenario that
names no step applies to the whole flow and sits on the first task. The description, business rules, SLAs and
integrations are documentation. Diagram interchange (BPMNDI) lays it out like the draw.io lanes.
Element ids are positional (Task_3, Error_2), so any step id is safe; the step id is kept as
`flowatlas:stepId`. The XML is built with ElementTree, never by concatenation.
"""

import xml.etree.ElementTree as ET

from edge_api.documents import ErrorScenario, Flow, ProjectDocument
from edge_api.render import bpmn_layout
from edge_api.render.bpmn_layout import BpmnLayout, Point
from edge_api.render.drawio_layout import Rect
from edge_api.render.flow_meta import metadata
from edge_api.render.integration_links import error_steps, flow_links
from edge_api.render.lanes import LaneAssignment, assign_lanes
from edge_api.render.lookup import DocumentIndex
from edge_api.render.requirements import performance_rows
from edge_api.render.text import one_line, shorten
from edge_api.render.xml_text import xml_safe

BPMN = "http://www.omg.org/spec/BPMN/20100524/MODEL"
BPMNDI = "http://www.omg.org/spec/BPMN/20100524/DI"
DC = "http://www.omg.org/spec/DD/20100524/DC"
DI = "http://www.omg.org/spec/DD/20100524/DI"
FLOWATLAS = "https://flowatlas.dev/schema/bpmn"
NAMESPACES = {"bpmn": BPMN, "bpmndi": BPMNDI, "dc": DC, "di": DI, "flowatlas": FLOWATLAS}
NAME_LIMIT = 120

for _prefix, _uri in NAMESPACES.items():
    ET.register_namespace(_prefix, _uri)


def _q(namespace: str, tag: str) -> str:
    return f"{{{namespace}}}{tag}"


def _name(text: str) -> str:
    return xml_safe(shorten(one_line(text), NAME_LIMIT))


class _Process:
    """The process and its diagram shapes and edges, built element by element."""

    def __init__(self, definitions: ET.Element, assignment: LaneAssignment, lane_count: int) -> None:
        self.element = ET.SubElement(definitions, _q(BPMN, "process"), id="Process_1", isExecutable="false")
        self.assignment = assignment
        self.lane_set = ET.SubElement(self.element, _q(BPMN, "laneSet"), id="LaneSet_1")
        self.lanes = [
            ET.SubElement(self.lane_set, _q(BPMN, "lane"), id=f"Lane_{k + 1}", name=_name(lane.label))
            for k, lane in enumerate(assignment.lanes[:lane_count])
        ]
        self.nodes: dict[str, ET.Element] = {}
        self.shapes: list[tuple[str, Rect, Rect | None]] = []
        """(element id, bounds, label bounds or None for where bpmn-js puts it)"""
        self.edges: list[tuple[str, tuple[Point, ...], Rect | None]] = []

    def node(self, tag: str, element_id: str, name: str, step: int, rect: Rect, **extra: str) -> ET.Element:
        """A flow node in the lane of step `step` (the first lane when the flow has no steps)."""
        node = ET.SubElement(self.element, _q(BPMN, tag), {"id": element_id, "name": _name(name), **extra})
        lane = self.assignment.step_lanes[step] if self.assignment.step_lanes else 0
        if self.lanes:
            ET.SubElement(self.lanes[lane], _q(BPMN, "flowNodeRef")).text = element_id
        self.nodes[element_id] = node
        label = bpmn_layout.event_label(rect) if tag == "boundaryEvent" else None
        self.shapes.append((element_id, rect, label))
        return node

    def sequence(self, flow_id: str, source: str, target: str, route: tuple[Point, ...], name: str) -> None:
        attributes = {"id": flow_id, "sourceRef": source, "targetRef": target}
        if name:
            attributes["name"] = _name(name)
        ET.SubElement(self.nodes[source], _q(BPMN, "outgoing")).text = flow_id
        ET.SubElement(self.nodes[target], _q(BPMN, "incoming")).text = flow_id
        ET.SubElement(self.element, _q(BPMN, "sequenceFlow"), attributes)
        self.edges.append((flow_id, route, bpmn_layout.flow_label(route) if name else None))


def _documentation(parent: ET.Element, lines: list[str]) -> None:
    # XML parsers turn a carriage return into a newline anyway: write what they will read.
    text = "\n".join(lines).replace("\r\n", "\n").replace("\r", "\n").strip()
    if text:
        # BPMN wants documentation first among an element's children.
        parent.insert(0, ET.Element(_q(BPMN, "documentation")))
        parent[0].text = xml_safe(text)


def render_bpmn(document: ProjectDocument, flow: Flow) -> str:
    """The flow as the text of a `.bpmn` file."""
    index = DocumentIndex.of(document)
    assignment = assign_lanes(flow, index)
    # A scenario that names no step is drawn on the first (it applies to the whole flow).
    attached = zip(flow.error_scenarios, error_steps(flow), strict=True)
    errors = [(scenario, 0 if step is None else step) for scenario, step in attached] if flow.steps else []
    lane_count = len(assignment.lanes)
    geometry = bpmn_layout.layout(
        max(lane_count, 1), assignment.step_lanes, tuple(step for _, step in errors)
    )

    definitions = ET.Element(
        _q(BPMN, "definitions"), id="Definitions_1", targetNamespace=FLOWATLAS, exporter="Flow Atlas",
        exporterVersion="1",
    )  # fmt: skip
    collaboration = ET.SubElement(definitions, _q(BPMN, "collaboration"), id="Collaboration_1")
    ET.SubElement(collaboration, _q(BPMN, "participant"), id="Participant_1", name=_name(flow.name),
                  processRef="Process_1")  # fmt: skip
    process = _Process(definitions, assignment, lane_count)
    _documentation(process.element, _flow_documentation(flow, index))
    _steps(process, flow, index, geometry)
    for j, (scenario, step) in enumerate(errors, start=1):
        _error(process, definitions, j, scenario, step, geometry)
    _diagram(definitions, process, geometry)
    ET.indent(definitions)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(definitions, encoding="unicode") + "\n"


def _steps(process: _Process, flow: Flow, index: DocumentIndex, geometry: BpmnLayout) -> None:
    """Start event, one task per step, end event, and the sequence flows joining them in order."""
    last = max(len(flow.steps) - 1, 0)
    start_name = flow.trigger_event or flow.entry_point or "Start"
    chain = [("StartEvent_1", process.node("startEvent", "StartEvent_1", start_name, 0, geometry.start))]
    for i, step in enumerate(flow.steps):
        task = process.node("task", f"Task_{i + 1}", f"{i + 1}. {step.name}", i, geometry.tasks[i])
        task.set(_q(FLOWATLAS, "stepId"), xml_safe(step.id))
        has_service = step.service is not None and step.service.strip()
        _documentation(task, [
            step.description or "",
            f"Service: {index.service_name(step.service or '')}" if has_service else "",
            f"Type: {step.type}" if step.type else "",
        ])  # fmt: skip
        chain.append((f"Task_{i + 1}", task))
    chain.append(("EndEvent_1", process.node("endEvent", "EndEvent_1", "End", last, geometry.end)))
    rects = [geometry.start, *geometry.tasks, geometry.end]
    labels = flow_links(flow, index).consecutive
    for n in range(len(chain) - 1):
        label = labels.get(n - 1, "") if 0 < n < len(chain) - 2 else ""
        route = bpmn_layout.step_route(rects[n], rects[n + 1])
        process.sequence(f"Flow_{n + 1}", chain[n][0], chain[n + 1][0], route, label)


def _error(
    process: _Process,
    definitions: ET.Element,
    j: int,
    scenario: ErrorScenario,
    step: int,
    geometry: BpmnLayout,
) -> None:
    """A boundary error event on the step's task, the error it catches, and the task that handles it."""
    name = f"{scenario.id}: {scenario.condition}"
    boundary = process.node(
        "boundaryEvent",
        f"Error_{j}",
        name,
        step,
        geometry.boundaries[j - 1],
        attachedToRef=f"Task_{step + 1}",
    )
    scope = "" if scenario.step_ref else "Applies to the whole flow."
    _documentation(boundary, [scenario.condition, scope])
    ET.SubElement(boundary, _q(BPMN, "errorEventDefinition"), id=f"ErrorEventDefinition_{j}",
                  errorRef=f"ErrorCode_{j}")  # fmt: skip
    ET.SubElement(definitions, _q(BPMN, "error"), id=f"ErrorCode_{j}", name=_name(scenario.condition),
                  errorCode=xml_safe(scenario.id))  # fmt: skip
    handler = process.node("task", f"Handle_{j}", scenario.handling, step, geometry.handlers[j - 1])
    _documentation(handler, [f"Handling of {scenario.id}: {scenario.handling}"])
    route = geometry.error_routes[j - 1]
    process.sequence(f"ErrorFlow_{j}", f"Error_{j}", f"Handle_{j}", route, "")


def _diagram(definitions: ET.Element, process: _Process, geometry: BpmnLayout) -> None:
    """BPMNDI: the pool, its lanes, every node's bounds and every sequence flow's waypoints."""
    diagram = ET.SubElement(definitions, _q(BPMNDI, "BPMNDiagram"), id="BPMNDiagram_1")
    plane = ET.SubElement(diagram, _q(BPMNDI, "BPMNPlane"), id="BPMNPlane_1", bpmnElement="Collaboration_1")
    pool_and_lanes: list[tuple[str, Rect, Rect | None]] = [("Participant_1", geometry.pool, None)]
    pool_and_lanes += [(f"Lane_{k + 1}", geometry.lanes[k], None) for k in range(len(process.lanes))]
    for element_id, rect, label in pool_and_lanes + process.shapes:
        shape = ET.SubElement(plane, _q(BPMNDI, "BPMNShape"), id=f"{element_id}_di", bpmnElement=element_id)
        if element_id.startswith(("Participant_", "Lane_")):
            shape.set("isHorizontal", "true")
        _bounds(shape, rect)
        if label is not None:
            _bounds(ET.SubElement(shape, _q(BPMNDI, "BPMNLabel")), label)
    for element_id, route, label in process.edges:
        edge = ET.SubElement(plane, _q(BPMNDI, "BPMNEdge"), id=f"{element_id}_di", bpmnElement=element_id)
        for point in route:
            ET.SubElement(edge, _q(DI, "waypoint"), x=str(point.x), y=str(point.y))
        if label is not None:
            _bounds(ET.SubElement(edge, _q(BPMNDI, "BPMNLabel")), label)


def _bounds(parent: ET.Element, rect: Rect) -> None:
    values = {"x": rect.x, "y": rect.y, "width": rect.width, "height": rect.height}
    ET.SubElement(parent, _q(DC, "Bounds"), {k: str(v) for k, v in values.items()})


def _flow_documentation(flow: Flow, index: DocumentIndex) -> list[str]:
    """The flow's description, metadata, business rules, SLAs and integrations, as lines."""
    lines = [flow.description, ""]
    lines += [f"{field}: {value}" for field, value in metadata(flow, index)]
    if flow.business_rules:
        lines += ["", "Business rules:", *(f"- {r.id}: {r.description}" for r in flow.business_rules)]
    requirements = performance_rows(flow.performance_requirements)
    if requirements:
        lines += ["", "Performance requirements:", *(f"- {name}: {value}" for name, value in requirements)]
    if flow.integrations:
        lines += ["", "Integrations:"]
        for link in flow.integrations:
            about = f" ({link.description})" if link.description else ""
            lines.append(f"- {link.from_} -> {link.to}: {index.integration_type_name(link.type)}{about}")
    return lines
