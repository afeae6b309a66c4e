"""Sizes of the generated data set: `quick` for `make bench`, `full` for `make bench-full`."""

from dataclasses import dataclass


@dataclass(frozen=True)
class Profile:
    name: str
    projects: int  # regular projects, besides the big one
    flows_per_project: int  # average; each project gets 50%..150% of it
    big_project_flows: int  # the project exported, imported and duplicated
    users: int
    busy_memberships: int  # projects of the "busy" bench user (RLS: member of 1 vs of N projects)
    seed: int = 20261125

    @property
    def approximate_flows(self) -> int:
        return self.projects * self.flows_per_project + self.big_project_flows


PROFILES = {
    "tiny": Profile(
        "tiny", projects=220, flows_per_project=10, big_project_flows=300, users=300, busy_memberships=200
    ),
    "quick": Profile(
        "quick", projects=490, flows_per_project=200, big_project_flows=2000, users=1000, busy_memberships=200
    ),
    # 5,050 projects of 100-300 flows: about 1.01M flows, at least 1M for the seed (995,574 with 4,990).
    "full": Profile(
        "full",
        projects=5050,
        flows_per_project=200,
        big_project_flows=2000,
        users=10000,
        busy_memberships=200,
    ),
}
