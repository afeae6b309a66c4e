"""Geometry of a flow diagram: a header (growing with its lines), horizontal swimlanes stacked below it, one
column per step, error notes in a row under the lanes. Every step has its own column, so no two boxes can
intersect however many steps or lanes there are. Step rectangles are relative to their lane (draw.io child
geometry).
"""

from dataclasses import dataclass

HEADER_LINE_HEIGHT = 18
HEADER_PADDING = 20
LANE_TITLE_WIDTH = 40
LANE_HEIGHT = 130
LANE_PADDING = 30
STEP_WIDTH = 170
STEP_HEIGHT = 70
STEP_GAP = 50
SECTION_GAP = 30
NOTE_WIDTH = 220
NOTE_HEIGHT = 100
NOTE_GAP = 30
MIN_WIDTH = 600


@dataclass(frozen=True, slots=True)
class Rect:
    x: int
    y: int
    width: int
    height: int

    def intersects(self, other: "Rect") -> bool:
        return (
            self.x < other.x + other.width
            and other.x < self.x + self.width
            and self.y < other.y + other.height
            and other.y < self.y + self.height
        )


@dataclass(frozen=True, slots=True)
class Layout:
    header: Rect
    lanes: tuple[Rect, ...]
    steps: tuple[Rect, ...]
    """Relative to the step's lane."""
    notes: tuple[Rect, ...]
    width: int
    height: int


def layout(lane_count: int, step_count: int, note_count: int, header_lines: int) -> Layout:
    """Where everything goes for a flow with these many lanes, steps, error notes and header lines."""
    header_height = HEADER_PADDING + header_lines * HEADER_LINE_HEIGHT
    steps_width = (
        LANE_TITLE_WIDTH + LANE_PADDING + step_count * (STEP_WIDTH + STEP_GAP) - STEP_GAP + LANE_PADDING
    )
    notes_width = note_count * (NOTE_WIDTH + NOTE_GAP) - NOTE_GAP
    width = max(MIN_WIDTH, steps_width, notes_width)
    lanes_top = header_height + SECTION_GAP
    lanes = tuple(Rect(0, lanes_top + k * LANE_HEIGHT, width, LANE_HEIGHT) for k in range(lane_count))
    steps = tuple(
        Rect(
            LANE_TITLE_WIDTH + LANE_PADDING + i * (STEP_WIDTH + STEP_GAP),
            (LANE_HEIGHT - STEP_HEIGHT) // 2,
            STEP_WIDTH,
            STEP_HEIGHT,
        )
        for i in range(step_count)
    )
    notes_top = lanes_top + lane_count * LANE_HEIGHT + SECTION_GAP
    notes = tuple(
        Rect(j * (NOTE_WIDTH + NOTE_GAP), notes_top, NOTE_WIDTH, NOTE_HEIGHT) for j in range(note_count)
    )
    height = notes_top + (NOTE_HEIGHT if note_count else 0)
    return Layout(Rect(0, 0, width, header_height), lanes, steps, notes, width, height)
