"""A benchmark figure: a measured series, usually beside its baseline from the same run, and the goal."""

from dataclasses import dataclass, field

from bench.stats import Summary


@dataclass(frozen=True)
class Goal:
    """`subject / baseline` (medians) at most `max_ratio`, or `baseline / subject` at least `min_speedup`;
    optionally the subject's p95 at most `max_p95`."""

    text: str
    max_ratio: float | None = None
    min_speedup: float | None = None
    max_p95: float | None = None


@dataclass(frozen=True)
class Figure:
    group: str
    name: str
    subject: Summary
    baseline: Summary | None = None
    goal: Goal | None = None
    higher_is_better: bool = False  # throughputs: the ratio is then baseline / subject (a cost factor)
    notes: list[str] = field(default_factory=list)

    @property
    def ratio(self) -> float | None:
        """How many times the subject costs its baseline (> 1: the subject is slower)."""
        if self.baseline is None or self.subject.median == 0 or self.baseline.median == 0:
            return None
        if self.higher_is_better:
            return self.baseline.median / self.subject.median
        return self.subject.median / self.baseline.median

    @property
    def met(self) -> bool | None:
        if self.goal is None:
            return None
        ratio = self.ratio
        checks: list[bool] = []
        if self.goal.max_ratio is not None and ratio is not None:
            checks.append(ratio <= self.goal.max_ratio)
        if self.goal.min_speedup is not None and ratio is not None:
            checks.append(ratio > 0 and 1 / ratio >= self.goal.min_speedup)
        if self.goal.max_p95 is not None:
            checks.append(self.subject.p95 <= self.goal.max_p95)
        return all(checks) if checks else None

    def as_dict(self) -> dict[str, object]:
        return {
            "group": self.group,
            "name": self.name,
            "subject": self.subject.as_dict(),
            "baseline": self.baseline.as_dict() if self.baseline else None,
            "ratio": round(self.ratio, 3) if self.ratio is not None else None,
            "goal": self.goal.text if self.goal else None,
            "met": self.met,
            "notes": self.notes,
        }
