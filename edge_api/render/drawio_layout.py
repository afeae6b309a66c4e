"""Geometry of a flow diagram: a compact header top left, horizontal swimlanes stacked below it, one column
per step. Every step has its own column, so no two boxes can intersect however many steps or lanes there are.
An error scenario's note sits inside its step's lane, right under the step (one row per scenario of that
step, the lane growing to hold them); a scenario that names no step sits beside the header. Step and note
rectangles inside a lane are relative to it (draw.io child geometry).
"""

from dataclasses import dataclass

HEADER_WIDTH = 480
HEADER_LINE_HEIGHT = 15
HEADER_PADDING = 20
LANE_TITLE_HEIGHT = 26
LANE_HEIGHT = 130
LANE_PADDING = 30
STEP_WIDTH = 170
STEP_HEIGHT = 70
STEP_GAP = 50
SECTION_GAP = 30
NOTE_HEIGHT = 90
NOTE_GAP = 20
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
    """Relative to the lane of the note's step; absolute for a note beside the header."""
    width: int
    height: int


def layout(
    lane_count: int, step_lanes: tuple[int, ...], note_steps: tuple[int | None, ...], header_lines: int
) -> Layout:
    """Where everything goes for `lane_count` lanes, steps in the lanes `step_lanes` gives, one error note per
    entry of `note_steps` (the position of its step, or None) and a header of `header_lines` lines."""
    note_rows: list[int] = []
    rows_of_step: dict[int, int] = {}
    header_notes = 0
    for step in note_steps:
        if step is None:
            header_notes += 1
            note_rows.append(header_notes)
        else:
            rows_of_step[step] = rows_of_step.get(step, 0) + 1
            note_rows.append(rows_of_step[step])
    header_height = max(
        HEADER_PADDING + header_lines * HEADER_LINE_HEIGHT, NOTE_HEIGHT if header_notes else 0
    )
    header_width = HEADER_WIDTH + header_notes * (STEP_WIDTH + NOTE_GAP)
    steps_width = LANE_PADDING + len(step_lanes) * (STEP_WIDTH + STEP_GAP) - STEP_GAP + LANE_PADDING
    width = max(MIN_WIDTH, steps_width, header_width)

    extra_rows = [0] * lane_count
    for step, rows in rows_of_step.items():
        extra_rows[step_lanes[step]] = max(extra_rows[step_lanes[step]], rows)
    lanes: list[Rect] = []
    y = header_height + SECTION_GAP
    for k in range(lane_count):
        height = LANE_HEIGHT + extra_rows[k] * (NOTE_HEIGHT + NOTE_GAP)
        lanes.append(Rect(0, y, width, height))
        y += height
    step_y = LANE_TITLE_HEIGHT + (LANE_HEIGHT - LANE_TITLE_HEIGHT - STEP_HEIGHT) // 2
    steps = tuple(
        Rect(LANE_PADDING + i * (STEP_WIDTH + STEP_GAP), step_y, STEP_WIDTH, STEP_HEIGHT)
        for i in range(len(step_lanes))
    )
    notes = tuple(
        Rect(HEADER_WIDTH + NOTE_GAP + (row - 1) * (STEP_WIDTH + NOTE_GAP), 0, STEP_WIDTH, NOTE_HEIGHT)
        if step is None
        else Rect(
            steps[step].x,
            step_y + STEP_HEIGHT + NOTE_GAP + (row - 1) * (NOTE_HEIGHT + NOTE_GAP),
            STEP_WIDTH,
            NOTE_HEIGHT,
        )
        for step, row in zip(note_steps, note_rows, strict=True)
    )
    return Layout(Rect(0, 0, HEADER_WIDTH, header_height), tuple(lanes), steps, notes, width, y)
