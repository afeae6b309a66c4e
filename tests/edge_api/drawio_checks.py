"""Read a .drawio file back and check it by the format's rules; tests then look at what it holds."""

import xml.etree.ElementTree as ET
from dataclasses import dataclass

from edge_api.render.drawio_layout import Rect


@dataclass(frozen=True)
class Cell:
    id: str
    parent: str | None
    vertex: bool
    edge: bool
    source: str | None
    target: str | None
    label: str
    style: str
    properties: dict[str, str]
    """Custom properties (attributes of the wrapping <object>), empty for plain cells."""
    rect: Rect | None


def parse_drawio(text: str) -> list[Cell]:
    """The cells of the single diagram, checked: cells 0 and 1 first, unique ids, existing parents, sources
    and targets, vertex xor edge, geometry on every vertex and edge (numeric and positive for vertices)."""
    root = ET.fromstring(text)
    assert root.tag == "mxfile"
    diagrams = root.findall("diagram")
    assert len(diagrams) == 1
    model = diagrams[0].find("mxGraphModel")
    assert model is not None, "uncompressed: the diagram holds an mxGraphModel, not base64"
    graph_root = model.find("root")
    assert graph_root is not None
    cells: list[Cell] = []
    for element in graph_root:
        if element.tag == "object":
            inner = element.findall("mxCell")
            assert len(inner) == 1, "an <object> wraps exactly one mxCell"
            mx = inner[0]
            assert "id" not in mx.attrib, "the id of a wrapped cell is on its <object>"
            properties = {k: v for k, v in element.attrib.items() if k not in ("id", "label")}
            cell_id, label = element.get("id"), element.get("label", "")
        else:
            assert element.tag == "mxCell", element.tag
            mx, properties = element, {}
            cell_id, label = element.get("id"), element.get("value", "")
        assert cell_id, "every cell has an id"
        geometry = mx.find("mxGeometry")
        rect = None
        if geometry is not None and geometry.get("relative") != "1":
            rect = Rect(*(int(geometry.get(k, "0")) for k in ("x", "y", "width", "height")))
        cells.append(
            Cell(
                cell_id,
                mx.get("parent"),
                mx.get("vertex") == "1",
                mx.get("edge") == "1",
                mx.get("source"),
                mx.get("target"),
                label,
                mx.get("style", ""),
                properties,
                rect,
            )
        )
        if cell_id not in ("0", "1"):
            assert geometry is not None and geometry.get("as") == "geometry", f"{cell_id} has no geometry"
    check_cells(cells)
    return cells


def check_cells(cells: list[Cell]) -> None:
    assert [c.id for c in cells[:2]] == ["0", "1"]
    assert cells[0].parent is None and cells[1].parent == "0"
    ids = [c.id for c in cells]
    assert len(ids) == len(set(ids)), "cell ids are unique"
    known = set(ids)
    for cell in cells[2:]:
        assert cell.vertex != cell.edge, f"{cell.id} is a vertex xor an edge"
        assert cell.parent in known, f"{cell.id}: parent {cell.parent} exists"
        if cell.edge:
            assert cell.source in known and cell.target in known, f"{cell.id}: source and target exist"
        else:
            assert cell.rect is not None and cell.rect.width > 0 and cell.rect.height > 0, cell.id


def absolute_rects(cells: list[Cell]) -> dict[str, Rect]:
    """Vertex rectangles in diagram coordinates (child geometry is relative to the parent)."""
    by_id = {c.id: c for c in cells}
    result: dict[str, Rect] = {}
    for cell in cells:
        if not cell.vertex or cell.rect is None:
            continue
        x, y, parent = cell.rect.x, cell.rect.y, cell.parent
        while parent is not None and parent in by_id and by_id[parent].rect is not None:
            parent_rect = by_id[parent].rect
            assert parent_rect is not None
            x, y, parent = x + parent_rect.x, y + parent_rect.y, by_id[parent].parent
        result[cell.id] = Rect(x, y, cell.rect.width, cell.rect.height)
    return result


def overlapping_pairs(cells: list[Cell]) -> list[tuple[str, str]]:
    """Pairs of vertices that intersect, leaving out a container and what it contains."""
    rects = absolute_rects(cells)
    parents = {c.id: c.parent for c in cells}
    items = sorted(rects.items())
    pairs = []
    for n, (a, rect_a) in enumerate(items):
        for b, rect_b in items[n + 1 :]:
            if parents.get(a) == b or parents.get(b) == a:
                continue
            if rect_a.intersects(rect_b):
                pairs.append((a, b))
    return pairs
