"""edge_api/render/markdown_text.py, mermaid_text.py, xml_text.py, text.py, lanes.py, drawio_layout.py."""

import itertools

import pytest

from edge_api.documents import ProjectDocument
from edge_api.render.drawio_layout import Rect, layout
from edge_api.render.lanes import LaneKind, assign_lanes
from edge_api.render.lookup import DocumentIndex
from edge_api.render.markdown_text import block, cell, inline, table
from edge_api.render.mermaid_text import label_text, quoted
from edge_api.render.text import number_text, shorten
from edge_api.render.xml_text import xml_safe
from tests.edge_api.markdown_checks import table_rows


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a|b", "a\\|b"),
        ("a\\|b", "a\\\\\\|b"),
        ("<xml>&", "\\<xml\\>\\&"),
        ("line\nnext", "line<br>next"),
        ("  padded \r\n x ", "padded<br>x"),
    ],
)
def test_markdown_cell(text: str, expected: str) -> None:
    assert cell(text) == expected


def test_a_backslash_before_a_pipe_cannot_unescape_it() -> None:
    rows = table_rows(table(["A", "B"], [["ends with \\", "x|y\\"], ["\\|", "|"]]))
    assert rows[0] and all(len(row) == 2 for row in rows[0])


def test_markdown_block_neutralises_line_starts() -> None:
    assert block("# h\n- l\n+ p\n12. n\n3) m\n    code\n===") == (
        "\\# h\\\n\\- l\\\n\\+ p\\\n12\\. n\\\n3\\) m\\\ncode\\\n\\==="
    )
    assert block("one\n\n\n two") == "one\n\ntwo"
    assert inline("a\nb *c*") == "a b \\*c\\*"


def test_table_rejects_ragged_rows() -> None:
    with pytest.raises(ValueError, match="cells"):
        table(["A"], [["1", "2"]])


def test_mermaid_labels() -> None:
    assert (
        quoted('say "hi"; #1 | <b> & `x` %%')
        == '"say #quot;hi#quot;#59; #35;1 #124; #lt;b#gt; #amp; #96;x#96; #37;#37;"'
    )
    assert label_text("a\nb") == "a<br>b"
    assert label_text("a\nb", breaks=False) == "a / b"
    assert label_text("\x01ctl\x7f") == "ctl"
    assert label_text("x" * 500).endswith("…") and len(label_text("x" * 500)) == 120


def test_xml_safe_replaces_what_xml_cannot_hold() -> None:
    assert xml_safe("a\x01b\x0bc\tok\n") == "a\ufffdb\ufffdc\tok\n"


def test_text_helpers() -> None:
    assert shorten("abcdef", 4) == "abc…" and shorten("abc", 4) == "abc"
    assert [number_text(v) for v in (300, 300.0, 99.95, 0)] == ["300", "300", "99.95", "0"]


def test_lanes_follow_actor_then_service_then_unassigned(document: ProjectDocument) -> None:
    flow = document.flows[2]  # pick, pack and ship
    lanes = assign_lanes(flow, DocumentIndex.of(document))
    assert [(lane.kind, lane.key) for lane in lanes.lanes] == [
        (LaneKind.SERVICE, "order-service"),
        (LaneKind.SERVICE, "wms"),
        (LaneKind.ACTOR, "warehouse-clerk"),
        (LaneKind.SERVICE, "carrier-gateway"),
        (LaneKind.ACTOR, "carrier"),
    ]
    assert lanes.step_lanes == (0, 1, 2, 2, 3, 2, 4)
    assert lanes.lanes[2].label == "Warehouse Clerk"


def test_unused_flow_actors_still_get_a_lane(document: ProjectDocument) -> None:
    flow = document.flows[-1].model_copy(update={"actors": ["customer", "psp"]})
    lanes = assign_lanes(flow, DocumentIndex.of(document))
    assert lanes.lanes[-1].key == "psp" and lanes.steps_in(len(lanes.lanes) - 1) == []
    assert any(lane.kind is LaneKind.UNASSIGNED for lane in lanes.lanes)


@pytest.mark.parametrize(("lanes", "steps", "notes"), [(1, 1, 0), (6, 50, 5), (3, 200, 40), (8, 2, 12)])
def test_layout_never_overlaps(lanes: int, steps: int, notes: int) -> None:
    step_lanes = tuple(i % lanes for i in range(steps))
    # Every third note beside the header, the others under steps, several under the same step.
    note_steps = tuple(None if j % 3 == 2 else (j * 7) % max(steps // 2, 1) for j in range(notes))
    geometry = layout(lanes, step_lanes, note_steps, header_lines=9)

    def absolute(rect: Rect, step: int | None) -> Rect:
        if step is None:
            return rect
        lane = geometry.lanes[step_lanes[step]]
        return Rect(lane.x + rect.x, lane.y + rect.y, rect.width, rect.height)

    steps_at = [absolute(rect, i) for i, rect in enumerate(geometry.steps)]
    notes_at = [absolute(rect, step) for rect, step in zip(geometry.notes, note_steps, strict=True)]
    for a, b in itertools.combinations([geometry.header, *steps_at, *notes_at], 2):
        assert not a.intersects(b)
    for a, b in itertools.combinations(geometry.lanes, 2):
        assert not a.intersects(b)
    for rect, step in zip(notes_at, note_steps, strict=True):
        if step is not None:  # inside its step's lane, right under the step
            lane = geometry.lanes[step_lanes[step]]
            assert lane.y <= rect.y and rect.y + rect.height <= lane.y + lane.height
            assert rect.x == steps_at[step].x and rect.y > steps_at[step].y
    assert geometry.header.width <= 480  # compact: not as wide as the page
