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
    "full": Profile(
        "full",
        projects=4990,
        flows_per_project=200,
        big_project_flows=2000,
        users=10000,
        busy_memberships=200,
    ),
}
