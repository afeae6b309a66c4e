"""Geometry of a flow as a BPMN diagram: one pool, horizontal lanes stacked in it, one column per step (as in
the draw.io lanes), the start event before the first column and the end event after the last. Each error
scenario's handling task sits under its step, one row per scenario, so no two shapes intersect; the lane of a
step with error scenarios grows by those rows. All coordinates are absolute (BPMN DI has no nesting).
"""

from dataclasses import dataclass

from edge_api.render.drawio_layout import Rect

POOL_X = 0
POOL_Y = 0
POOL_LABEL_WIDTH = 30
LANE_LABEL_WIDTH = 30
LANE_PADDING = 30
TASK_WIDTH = 100
TASK_HEIGHT = 80
COLUMN_WIDTH = 200
ROW_HEIGHT = 150
EVENT_SIZE = 36
BOUNDARY_SPACING = 40
BOUNDARIES_PER_EDGE = 3
LABEL_HEIGHT = 28


@dataclass(frozen=True, slots=True)
class Point:
    x: int
    y: int


@dataclass(frozen=True, slots=True)
class BpmnLayout:
    pool: Rect
    lanes: tuple[Rect, ...]
    tasks: tuple[Rect, ...]
    start: Rect
    end: Rect
    boundaries: tuple[Rect, ...]
    """One per error scenario, on its step's task: three along the bottom edge, then three along the top."""
    handlers: tuple[Rect, ...]
    """One per error scenario, the task that handles it, in a row under its step."""
    error_routes: tuple[tuple[Point, ...], ...]
    """One per error scenario, the waypoints of the sequence flow from its event to its handler."""


def _column_x(column: int) -> int:
    """Left edge of a column's task; column 0 holds the start event, steps start at column 1."""
    return POOL_X + POOL_LABEL_WIDTH + LANE_LABEL_WIDTH + LANE_PADDING + column * COLUMN_WIDTH


def _centered_event(column: int, row_top: int) -> Rect:
    x = _column_x(column) + (TASK_WIDTH - EVENT_SIZE) // 2
    return Rect(x, row_top + (TASK_HEIGHT - EVENT_SIZE) // 2, EVENT_SIZE, EVENT_SIZE)


def layout(lane_count: int, step_lanes: tuple[int, ...], error_steps: tuple[int, ...]) -> BpmnLayout:
    """Shapes for `lane_count` lanes, steps in the lanes `step_lanes` gives, and one error scenario for each
    entry of `error_steps` (the position of the step it is attached to)."""
    rows_by_step: dict[int, int] = {}
    error_rows: list[int] = []
    for step in error_steps:
        rows_by_step[step] = rows_by_step.get(step, 0) + 1
        error_rows.append(rows_by_step[step])
    lane_rows = [1] * lane_count
    for step, rows in rows_by_step.items():
        lane = step_lanes[step]
        lane_rows[lane] = max(lane_rows[lane], 1 + rows)

    tops: list[int] = []
    y = POOL_Y
    for rows in lane_rows:
        tops.append(y)
        y += 2 * LANE_PADDING + rows * ROW_HEIGHT - (ROW_HEIGHT - TASK_HEIGHT)
    width = _column_x(len(step_lanes) + 1) + TASK_WIDTH + LANE_PADDING - POOL_X
    pool = Rect(POOL_X, POOL_Y, width, y - POOL_Y)
    lane_x = POOL_X + POOL_LABEL_WIDTH
    lanes = tuple(
        Rect(lane_x, top, width - POOL_LABEL_WIDTH, (tops[k + 1] if k + 1 < lane_count else y) - top)
        for k, top in enumerate(tops)
    )
    row_top = [top + LANE_PADDING for top in tops]
    tasks = tuple(
        Rect(_column_x(i + 1), row_top[lane], TASK_WIDTH, TASK_HEIGHT) for i, lane in enumerate(step_lanes)
    )
    first_lane = step_lanes[0] if step_lanes else 0
    last_lane = step_lanes[-1] if step_lanes else 0
    start = _centered_event(0, row_top[first_lane] if lane_count else POOL_Y + LANE_PADDING)
    end = _centered_event(len(step_lanes) + 1, row_top[last_lane] if lane_count else POOL_Y + LANE_PADDING)
    boundaries: list[Rect] = []
    handlers: list[Rect] = []
    routes: list[tuple[Point, ...]] = []
    for step, row in zip(error_steps, error_rows, strict=True):
        task = tasks[step]
        slot = row - 1
        on_top = slot >= BOUNDARIES_PER_EDGE
        offset = (slot % BOUNDARIES_PER_EDGE) * BOUNDARY_SPACING
        edge_y = task.y if on_top else task.y + TASK_HEIGHT
        boundary = Rect(task.x + offset, edge_y - EVENT_SIZE // 2, EVENT_SIZE, EVENT_SIZE)
        handler = Rect(task.x, task.y + row * ROW_HEIGHT, TASK_WIDTH, TASK_HEIGHT)
        boundaries.append(boundary)
        handlers.append(handler)
        routes.append(_error_route(boundary, handler, on_top))
    return BpmnLayout(pool, lanes, tasks, start, end, tuple(boundaries), tuple(handlers), tuple(routes))


def mid_left(rect: Rect) -> Point:
    return Point(rect.x, rect.y + rect.height // 2)


def mid_right(rect: Rect) -> Point:
    return Point(rect.x + rect.width, rect.y + rect.height // 2)


def step_route(source: Rect, target: Rect) -> tuple[Point, ...]:
    """A sequence flow from one column to a later one: straight within a lane, else down or up half-way."""
    start, end = mid_right(source), mid_left(target)
    if start.y == end.y:
        return (start, end)
    middle = (start.x + end.x) // 2
    return (start, Point(middle, start.y), Point(middle, end.y), end)


def _error_route(boundary: Rect, handler: Rect, on_top: bool) -> tuple[Point, ...]:
    """From the boundary event to its handling task: straight down to the first row; to a later row out of
    the event (down from the bottom edge, up from the top edge), then down the gap left of the step's column,
    so it never crosses the task or the rows above."""
    center = boundary.x + boundary.width // 2
    start = Point(center, boundary.y if on_top else boundary.y + boundary.height)
    if not on_top and handler.y - start.y <= ROW_HEIGHT - TASK_HEIGHT:
        return (start, Point(start.x, handler.y))
    out = Point(center, start.y - 12 if on_top else start.y + 12)
    gap_x = handler.x - (COLUMN_WIDTH - TASK_WIDTH) // 2
    return (start, out, Point(gap_x, out.y), Point(gap_x, handler.y + handler.height // 2), mid_left(handler))


def flow_label(route: tuple[Point, ...]) -> Rect:
    """Where a sequence flow's name goes: above its first segment, in the gap after the source's column
    (bpmn-js would otherwise put it half-way along, often on a shape)."""
    start = route[0]
    return Rect(start.x + 4, start.y - LABEL_HEIGHT - 2, COLUMN_WIDTH - TASK_WIDTH - 8, LABEL_HEIGHT)


def event_label(event: Rect) -> Rect:
    """Where a boundary event's name goes: beside it, right of the flow leaving its bottom, above the row
    below (by default bpmn-js centres it under the event, on the handling task)."""
    return Rect(event.x + event.width // 2 + 6, event.y + event.height, TASK_WIDTH, LABEL_HEIGHT)
