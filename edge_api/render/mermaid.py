"""A flow as a Mermaid flowchart, usable on its own: lanes as subgraphs, steps in order, edges between
consecutive steps labelled with integration types, dotted links for other integrations, error scenarios as
notes. Ids are generated (`lane_1`, `step_1`, `error_1`), never taken from text, so reserved words (`end`,
`graph`, `style` ...) and odd characters in names cannot break the syntax; labels go through `mermaid_text`.
"""

from edge_api.documents import Flow, ProjectDocument
from edge_api.render.integration_links import error_steps, flow_links
from edge_api.render.lanes import assign_lanes
from edge_api.render.lookup import DocumentIndex
from edge_api.render.mermaid_text import label_text, quoted, title_text

INDENT = "    "


def render_mermaid(document: ProjectDocument, flow: Flow) -> str:
    """The flow as a Mermaid flowchart (the text of a `.mmd` file)."""
    index = DocumentIndex.of(document)
    assignment = assign_lanes(flow, index)
    links = flow_links(flow, index)
    title = title_text(flow.name)
    lines = ["---", f"title: {title}", "---", "flowchart LR"]

    for k, (lane, members) in enumerate(zip(assignment.lanes, assignment.steps_by_lane(), strict=True)):
        if not members:
            continue
        lines.append(f"{INDENT}subgraph lane_{k + 1}[{quoted(lane.label, 60)}]")
        for i in members:
            lines.append(f"{INDENT * 2}step_{i + 1}[{quoted(f'{i + 1}. {flow.steps[i].name}', 80)}]")
        lines.append(f"{INDENT}end")

    for i in range(len(flow.steps) - 1):
        label = links.consecutive.get(i)
        arrow = f'-->|"{label_text(label, 60)}"|' if label else "-->"
        lines.append(f"{INDENT}step_{i + 1} {arrow} step_{i + 2}")
    for link in links.other:
        lines.append(
            f'{INDENT}step_{link.source + 1} -.->|"{label_text(link.label, 60)}"| step_{link.target + 1}'
        )

    if flow.error_scenarios:
        lines.append(f'{INDENT}subgraph errors["Error scenarios"]')
        for j, scenario in enumerate(flow.error_scenarios, start=1):
            text = f"{scenario.id}: {scenario.condition}\n\u2192 {scenario.handling}"
            lines.append(f"{INDENT * 2}error_{j}[{quoted(text, 160)}]")
        lines.append(f"{INDENT}end")
        for j, step in enumerate(error_steps(flow), start=1):
            if step is not None:
                lines.append(f"{INDENT}error_{j} -.- step_{step + 1}")
        lines.append(f"{INDENT}classDef errorNote fill:#fff2cc,stroke:#d6b656")
        error_ids = ",".join(f"error_{j}" for j in range(1, len(flow.error_scenarios) + 1))
        lines.append(f"{INDENT}class {error_ids} errorNote")

    if not flow.steps and not flow.error_scenarios:
        lines.append(f'{INDENT}empty["No steps documented"]')
    return "\n".join(lines) + "\n"
