"""`flowatlas flows diff|where-used` end to end, as a user (RLS applies)."""

import json

from tests.scripts.conftest import Cli, CliProject


def test_diff_prints_markdown_and_json(cli: Cli, cli_project: CliProject) -> None:
    flow = cli_project.flows[0]
    steps = [*flow["steps"], {"id": "cli-new", "name": "Archive the order"}]
    cli_project.owner.client.table("flows").update({"steps": steps}).eq("id", flow["id"]).execute()

    markdown = cli("flows", "diff", flow["id"], "--from", "1", "--as", cli_project.owner.email).stdout
    assert markdown.startswith(f"# {flow['name']}: changes from revision 1 to the current flow\n")
    assert f"- cli-new added at position {len(steps)}: Archive the order" in markdown
    rows = json.loads(
        cli(
            "flows", "diff", flow["id"], "--from", "1", "--to", "2", "--as", cli_project.owner.email, "--json"
        ).stdout
    )
    assert [(r["item_id"], r["change"]) for r in rows if r["part"] == "steps"] == [("cli-new", "added")]
    # Editing an approved or in-review flow returns it to draft: the only other change there may be.
    assert {r["field"] for r in rows if r["part"] != "steps"} <= {"status"}


def test_diff_of_a_flow_you_cannot_read_fails_in_one_line(cli: Cli, cli_project: CliProject) -> None:
    flow_id = cli_project.flows[0]["id"]
    result = cli("flows", "diff", flow_id, "--from", "1", "--as", "outsider@demo.flowatlas.test", expect=1)
    assert result.stderr.startswith(f"error: flow {flow_id} has no revision 1 that you can read")
    assert len(result.stderr.strip().splitlines()) == 1


def test_where_used_lists_the_flows_of_a_service(cli: Cli, cli_project: CliProject) -> None:
    services = (
        cli_project.owner.client.table("services")
        .select("id,key")
        .eq("project_id", cli_project.project_id)
        .execute()
        .data
    )
    used_by = {
        flow["name"]
        for flow in cli_project.flows
        for step in flow["steps"]
        if step.get("service") == services[0]["key"]
    }
    rows = json.loads(
        cli(
            "flows", "where-used", "service", services[0]["id"], "--as", cli_project.owner.email, "--json"
        ).stdout
    )
    assert {r["flow_name"] for r in rows if r["used_as"] == "step_service"} == used_by
    assert {r["flow_id"] for r in rows} <= {flow["id"] for flow in cli_project.flows}
