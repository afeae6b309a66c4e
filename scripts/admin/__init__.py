"""Admin tasks behind the `flowatlas` commands: users, projects, rendering, purge, audit, backup."""
