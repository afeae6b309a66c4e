"""Results as a Markdown table and a JSON file per profile (bench/results/quick.md and quick.json, full.*).

The latest run of each profile is committed: the README's figures quote these files, which say when they were
measured and on which machine."""

import json
import re
from pathlib import Path

from bench.figures import Figure
from bench.stats import Summary

RESULTS = Path(__file__).parent / "results"


def _value(s: Summary | None) -> str:
    if s is None:
        return ""
    if s.unit == "ms":
        return f"{s.median:,.2f} / {s.p95:,.2f} ms"
    return f"{s.median:,.0f} {s.unit}"


def _ratio(figure: Figure) -> str:
    if figure.ratio is None:
        return ""
    if figure.goal is not None and figure.goal.min_speedup is not None:
        return f"{1 / figure.ratio:.1f}x faster"
    return f"{figure.ratio:.2f}x"


def _verdict(figure: Figure) -> str:
    if figure.met is None:
        return figure.goal.text if figure.goal else ""
    return f"{'met' if figure.met else '**missed**'}: {figure.goal.text if figure.goal else ''}"


def _groups(meta: dict[str, object]) -> str:
    """A run of some groups says which: its file must not read as a whole run."""
    groups = meta.get("only")
    return f" (groups {', '.join(map(str, groups))} only)" if isinstance(groups, list) else ""


def markdown(figures: list[Figure], machine: dict[str, object], meta: dict[str, object]) -> str:
    lines = [
        f"# Flow Atlas benchmarks — profile {meta['profile']}{_groups(meta)}, {meta['flows']:,} flows",
        "",
        _when_and_where(machine, meta),
        "",
        "Times are median / p95. The ratio is subject ÷ baseline (medians; for throughputs "
        "baseline ÷ subject: "
        "how many times the subject costs the baseline); a speedup goal shows baseline ÷ subject, "
        "both measured interleaved in the same run.",
        "",
        "| group | measurement | subject | baseline | ratio | goal |",
        "|---|---|---|---|---|---|",
    ]
    for f in figures:
        ratio = _ratio(f)
        lines.append(
            f"| {f.group} | {f.name} | {_value(f.subject)} | {_value(f.baseline)} | {ratio} | {_verdict(f)} |"
        )
    notes = [f"- {f.name}: {note}" for f in figures for note in f.notes if note]
    if notes:
        lines += ["", "Notes:", *dict.fromkeys(notes)]
    if meta.get("search_plan"):
        lines += [
            "",
            "Plan of the search function's inner query (auto_explain, broad query):",
            "",
            "```",
            _shorten_id_lists(str(meta["search_plan"]).strip()),
            "```",
        ]
    return "\n".join(lines) + "\n"


def _when_and_where(machine: dict[str, object], meta: dict[str, object]) -> str:
    load = machine.get("load_average")
    load_text = ", ".join(f"{x:.1f}" for x in load) if isinstance(load, list | tuple) else "?"
    return (
        f"Run {meta['started']} ({meta['seconds']:.0f} s; load average at the end {load_text}: on a shared "
        f"machine absolute figures are noisy, the ratios, measured interleaved, are what to compare). "
        f"Machine: {machine['cpu']}, {machine['cores']} cores, {machine['memory_gb']} GB, {machine['os']}; "
        f"{machine['postgres']}; {machine['postgrest']}; {machine['nginx']}; {machine['wrk']}; "
        f"node {machine.get('node', '?')}; Python {machine['python']}."
    )


def _shorten_id_lists(plan: str) -> str:
    """A plan repeats the caller's readable project ids (200 uuids) in every condition: show their count."""
    id_list = r"\{([0-9a-f-]{36},){9,}[0-9a-f-]{36}\}"
    return re.sub(id_list, lambda m: f"{{{m.group(0).count(',') + 1} ids}}", plan)


def write(figures: list[Figure], machine: dict[str, object], meta: dict[str, object]) -> Path:
    """bench/results/PROFILE.* for a whole run (committed); a run of some groups (--only) goes to
    bench/results/partial/ (ignored), so it never replaces the figures the README quotes."""
    groups = meta.get("only")
    folder = RESULTS / "partial" if groups else RESULTS
    folder.mkdir(parents=True, exist_ok=True)
    suffix = "-" + "-".join(map(str, groups)) if isinstance(groups, list) else ""
    name = f"{meta['profile']}{suffix}"
    payload = {"meta": meta, "machine": machine, "figures": [f.as_dict() for f in figures]}
    (folder / f"{name}.json").write_text(json.dumps(payload, indent=2, default=str) + "\n")
    path = folder / f"{name}.md"
    path.write_text(markdown(figures, machine, meta))
    return path
