"""Read a .bpmn file back and check it by the format's rules; tests then look at what it holds."""

import xml.etree.ElementTree as ET
from dataclasses import dataclass, field

from edge_api.render.bpmn import BPMN, BPMNDI, DC, DI, FLOWATLAS
from edge_api.render.drawio_layout import Rect

FLOW_NODES = {"startEvent", "endEvent", "task", "boundaryEvent"}


@dataclass
class Model:
    nodes: dict[str, ET.Element] = field(default_factory=dict)
    """Flow nodes by id, in document order."""
    lane_of: dict[str, str] = field(default_factory=dict)
    """Node id -> name of its lane."""
    flows: dict[str, tuple[str, str, str]] = field(default_factory=dict)
    """Sequence flow id -> (source, target, name)."""
    bounds: dict[str, Rect] = field(default_factory=dict)
    waypoints: dict[str, list[tuple[int, int]]] = field(default_factory=dict)

    def tasks(self) -> list[ET.Element]:
        return [n for i, n in self.nodes.items() if i.startswith("Task_")]

    def boundaries(self) -> list[ET.Element]:
        return [n for n in self.nodes.values() if n.tag == f"{{{BPMN}}}boundaryEvent"]


def parse_bpmn(text: str) -> Model:
    """The process of the single pool, checked: unique ids, every lane reference, sequence flow end and
    incoming/outgoing entry existing and consistent, every flow node and flow drawn (BPMNDI)."""
    root = ET.fromstring(text)
    assert root.tag == f"{{{BPMN}}}definitions"
    ids = [e.get("id") for e in root.iter() if e.get("id")]
    assert len(ids) == len(set(ids)), "ids are unique"
    (participant,) = root.iter(f"{{{BPMN}}}participant")
    (process,) = root.iter(f"{{{BPMN}}}process")
    assert participant.get("processRef") == process.get("id")
    model = Model()
    for element in process:
        tag = element.tag.split("}")[1]
        if tag in FLOW_NODES:
            model.nodes[element.get("id", "")] = element
        elif tag == "sequenceFlow":
            ends = (element.get("sourceRef", ""), element.get("targetRef", ""), element.get("name", ""))
            model.flows[element.get("id", "")] = ends
    for lane in process.iter(f"{{{BPMN}}}lane"):
        for ref in lane.iter(f"{{{BPMN}}}flowNodeRef"):
            assert ref.text in model.nodes, f"lane refers to {ref.text}"
            assert ref.text not in model.lane_of, f"{ref.text} is in two lanes"
            model.lane_of[ref.text] = lane.get("name", "")
    if any(True for _ in process.iter(f"{{{BPMN}}}lane")):
        assert set(model.lane_of) == set(model.nodes), "every flow node is in a lane"
    for flow_id, (source, target, _) in model.flows.items():
        assert source in model.nodes and target in model.nodes, flow_id
        assert flow_id in [o.text for o in model.nodes[source].iter(f"{{{BPMN}}}outgoing")]
        assert flow_id in [i.text for i in model.nodes[target].iter(f"{{{BPMN}}}incoming")]
    for boundary in model.boundaries():
        assert boundary.get("attachedToRef") in model.nodes
        definition = boundary.find(f"{{{BPMN}}}errorEventDefinition")
        assert definition is not None
        assert root.find(f"{{{BPMN}}}error[@id='{definition.get('errorRef')}']") is not None
    for shape in root.iter(f"{{{BPMNDI}}}BPMNShape"):
        bounds = shape.find(f"{{{DC}}}Bounds")
        assert bounds is not None
        rect = Rect(*(int(bounds.get(k, "x")) for k in ("x", "y", "width", "height")))
        assert rect.width > 0 and rect.height > 0
        model.bounds[shape.get("bpmnElement", "")] = rect
    for edge in root.iter(f"{{{BPMNDI}}}BPMNEdge"):
        points = [(int(p.get("x", "x")), int(p.get("y", "x"))) for p in edge.iter(f"{{{DI}}}waypoint")]
        assert len(points) >= 2
        model.waypoints[edge.get("bpmnElement", "")] = points
    assert set(model.nodes) <= set(model.bounds), "every flow node is drawn"
    assert set(model.flows) == set(model.waypoints), "every sequence flow is drawn"
    return model


def step_id(task: ET.Element) -> str | None:
    return task.get(f"{{{FLOWATLAS}}}stepId")


def overlapping_nodes(model: Model) -> list[tuple[str, str]]:
    """Pairs of drawn flow nodes that intersect, except a boundary event on the task it is attached to."""
    attached = {i: n.get("attachedToRef") for i, n in model.nodes.items()}
    ids = list(model.nodes)
    return [
        (a, b)
        for n, a in enumerate(ids)
        for b in ids[n + 1 :]
        if model.bounds[a].intersects(model.bounds[b]) and attached.get(a) != b and attached.get(b) != a
    ]
