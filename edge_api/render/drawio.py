"""A flow as an uncompressed draw.io file (`.drawio`, mxfile).

Cells "0" and "1"; a header cell with the flow's metadata; one horizontal swimlane per lane (see `lanes`);
one box per step, in order, left to right, each wrapped in `<object step_id=…>` (draw.io's custom
properties); edges between consecutive steps, labelled with the integration types linking them; dashed
edges for other integrations; error scenarios as notes under their step in its lane (extra key `step`), or
beside the header, each with a short connector.
Labels are HTML (`html=1`), escaped, and the XML is built with ElementTree, never by concatenation.
"""

import xml.etree.ElementTree as ET

from edge_api.documents import Flow, ProjectDocument
from edge_api.render import drawio_layout
from edge_api.render.drawio_layout import Rect
from edge_api.render.flow_meta import metadata
from edge_api.render.integration_links import error_steps, flow_links
from edge_api.render.lanes import LaneKind, assign_lanes
from edge_api.render.lookup import DocumentIndex
from edge_api.render.text import one_line, shorten
from edge_api.render.xml_text import html_lines, html_text, xml_safe

HEADER_STYLE = (
    "rounded=0;whiteSpace=wrap;html=1;align=left;verticalAlign=top;spacingLeft=10;spacingTop=6;"
    "fillColor=#dae8fc;strokeColor=#6c8ebf;"
)
# Lane titles run along the top of their lane, left-aligned and horizontal, so long names read as text
# rather than as a rotated strip down the left edge.
_LANE = (
    "swimlane;startSize=26;html=1;whiteSpace=wrap;align=left;verticalAlign=top;spacingLeft=10;fontStyle=1;"
)
LANE_STYLES: dict[LaneKind, str] = {
    LaneKind.ACTOR: _LANE + "fillColor=#f5f5f5;",
    LaneKind.SERVICE: _LANE + "fillColor=#e1d5e7;",
    LaneKind.UNASSIGNED: _LANE + "dashed=1;",
}
STEP_STYLE = "rounded=1;whiteSpace=wrap;html=1;fillColor=#ffffff;strokeColor=#333333;"
EDGE_STYLE = "edgeStyle=orthogonalEdgeStyle;rounded=0;html=1;endArrow=block;"
LINK_STYLE = "curved=1;html=1;dashed=1;endArrow=open;strokeColor=#6c8ebf;"
NOTE_STYLE = (
    "shape=note;whiteSpace=wrap;html=1;size=14;align=left;verticalAlign=top;spacingLeft=6;"
    "fillColor=#fff2cc;strokeColor=#d6b656;"
)
NOTE_EDGE_STYLE = "html=1;dashed=1;endArrow=none;strokeColor=#d6b656;edgeStyle=orthogonalEdgeStyle;"

STEP_NAME_LIMIT = 90
HEADER_VALUE_LIMIT = 120
NOTE_TEXT_LIMIT = 140


def render_drawio(document: ProjectDocument, flow: Flow) -> str:
    """The flow as the text of a `.drawio` file."""
    index = DocumentIndex.of(document)
    assignment = assign_lanes(flow, index)
    links = flow_links(flow, index)

    header_lines = [f"<b>{html_text(shorten(one_line(flow.name), 200))}</b>"]
    header_lines += [
        f"{html_text(field)}: {html_text(shorten(one_line(value), HEADER_VALUE_LIMIT))}"
        for field, value in metadata(flow, index)
    ]
    note_steps = error_steps(flow)
    geometry = drawio_layout.layout(
        len(assignment.lanes), assignment.step_lanes, note_steps, len(header_lines)
    )

    mxfile = ET.Element(
        "mxfile",
        host="Flow Atlas",
        modified=document.exported_at.isoformat(),
        agent="Flow Atlas edge_api",
        type="device",
    )
    diagram = _child(mxfile, "diagram", id="flow", name=xml_safe(shorten(one_line(flow.name), 100)))
    model = _child(
        diagram,
        "mxGraphModel",
        grid="1",
        gridSize="10",
        guides="1",
        tooltips="1",
        connect="1",
        arrows="1",
        fold="1",
        page="1",
        pageScale="1",
        pageWidth=str(geometry.width),
        pageHeight=str(geometry.height),
        math="0",
        shadow="0",
    )
    root = _child(model, "root")
    _child(root, "mxCell", id="0")
    _child(root, "mxCell", id="1", parent="0")

    _vertex(root, "header", html_lines(header_lines), HEADER_STYLE, "1", geometry.header)

    for k, lane in enumerate(assignment.lanes):
        _vertex(
            root, f"lane-{k + 1}", html_text(shorten(one_line(lane.label), 60)), LANE_STYLES[lane.kind], "1",
            geometry.lanes[k],
        )  # fmt: skip

    for i, step in enumerate(flow.steps):
        label = f"<b>{i + 1}.</b> {html_text(shorten(one_line(step.name), STEP_NAME_LIMIT))}"
        lane = assignment.lanes[assignment.step_lanes[i]]
        if lane.kind is LaneKind.ACTOR and step.service and step.service.strip():
            label += f"<br><i>{html_text(shorten(one_line(index.service_name(step.service)), 40))}</i>"
        obj = _child(
            root,
            "object",
            label=label,
            id=f"step-{i + 1}",
            step_id=xml_safe(step.id),
            step_number=str(i + 1),
        )
        if step.description:
            obj.set("tooltip", xml_safe(step.description))
        cell = _child(
            obj, "mxCell", style=STEP_STYLE, vertex="1", parent=f"lane-{assignment.step_lanes[i] + 1}"
        )
        _geometry(cell, geometry.steps[i])

    for i in range(len(flow.steps) - 1):
        label = links.consecutive.get(i, "")
        _edge(root, f"edge-{i + 1}", html_text(label), EDGE_STYLE, f"step-{i + 1}", f"step-{i + 2}")
    for n, link in enumerate(links.other, start=1):
        _edge(
            root,
            f"link-{n}",
            html_text(link.label),
            LINK_STYLE,
            f"step-{link.source + 1}",
            f"step-{link.target + 1}",
        )

    for j, (scenario, at) in enumerate(zip(flow.error_scenarios, note_steps, strict=True)):
        text = [
            f"<b>{html_text(shorten(one_line(scenario.id), 40))}</b>: "
            f"{html_text(shorten(one_line(scenario.condition), NOTE_TEXT_LIMIT))}",
            f"\u2192 {html_text(shorten(one_line(scenario.handling), NOTE_TEXT_LIMIT))}",
        ]
        parent = "1" if at is None else f"lane-{assignment.step_lanes[at] + 1}"
        _vertex(root, f"note-{j + 1}", html_lines(text), NOTE_STYLE, parent, geometry.notes[j])
        target = "header" if at is None else f"step-{at + 1}"
        _edge(root, f"note-edge-{j + 1}", "", NOTE_EDGE_STYLE, f"note-{j + 1}", target)

    ET.indent(mxfile, space="  ")
    return ET.tostring(mxfile, encoding="unicode") + "\n"


def _vertex(root: ET.Element, cell_id: str, label: str, style: str, parent: str, rect: Rect) -> None:
    cell = _child(root, "mxCell", id=cell_id, value=label, style=style, vertex="1", parent=parent)
    _geometry(cell, rect)


def _edge(root: ET.Element, cell_id: str, label: str, style: str, source: str, target: str) -> None:
    cell = _child(
        root,
        "mxCell",
        id=cell_id,
        value=label,
        style=style,
        edge="1",
        parent="1",
        source=source,
        target=target,
    )
    _child(cell, "mxGeometry", relative="1", **{"as": "geometry"})


def _geometry(cell: ET.Element, rect: Rect) -> None:
    _child(
        cell,
        "mxGeometry",
        x=str(rect.x),
        y=str(rect.y),
        width=str(rect.width),
        height=str(rect.height),
        **{"as": "geometry"},
    )


def _child(owner: ET.Element, tag: str, /, **attributes: str) -> ET.Element:
    return ET.SubElement(owner, tag, attributes)
