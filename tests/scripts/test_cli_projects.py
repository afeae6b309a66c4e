"""`flowatlas projects` and `render` end to end: export, import, duplicate, draw.io and BPMN files."""

import json
import xml.etree.ElementTree as ET
from pathlib import Path

from edge_api.documents import ProjectDocument
from tests.edge_api.bpmn_checks import parse_bpmn, step_id
from tests.scripts.conftest import Cli, CliProject


def test_export_then_import_as_a_user(cli: Cli, cli_project: CliProject, tmp_path: Path) -> None:
    out = tmp_path / "project.json"
    cli("projects", "export", cli_project.project_id, "--out", str(out), "--as", cli_project.owner.email)
    document = ProjectDocument.model_validate_json(out.read_text())
    assert len(document.flows) == len(cli_project.flows)
    imported = cli(
        "projects", "import", str(out), "--as", cli_project.owner.email, "--name", "CLI imported", "--json"
    )
    new_id = json.loads(imported.stdout)["id"]
    mine = json.loads(cli("projects", "list", "--as", cli_project.owner.email, "--json").stdout)
    assert {row["id"]: row["name"] for row in mine}[new_id] == "CLI imported"
    assert {row["id"]: row["flows"] for row in mine}[new_id] == len(cli_project.flows)


def test_import_of_a_bad_file_lists_paths(cli: Cli, cli_project: CliProject, tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"format": "flowatlas.project/v1", "exported_at": "2026-01-01T00:00:00Z"}))
    result = cli("projects", "import", str(bad), "--as", cli_project.owner.email, expect=1)
    assert result.stderr.startswith("error: document is invalid at project: ")


def test_export_of_a_project_you_cannot_see_fails(cli: Cli, cli_project: CliProject) -> None:
    result = cli(
        "projects", "export", cli_project.project_id, "--as", "outsider@demo.flowatlas.test", expect=1
    )
    assert "not found" in result.stderr


def test_duplicate(cli: Cli, cli_project: CliProject) -> None:
    result = cli("projects", "duplicate", cli_project.project_id, "--as", cli_project.owner.email, "--json")
    assert json.loads(result.stdout)["id"] != cli_project.project_id


def test_render_flow_drawio_has_the_steps_in_order(cli: Cli, cli_project: CliProject, tmp_path: Path) -> None:
    flow = max(cli_project.flows, key=lambda f: len(f["steps"]))
    result = cli(
        "render", "flow", flow["id"], "--format", "drawio", "--out", str(tmp_path),
        "--as", cli_project.owner.email, "--json",
    )  # fmt: skip
    [path] = json.loads(result.stdout)["files"]
    assert path.endswith(".drawio")
    root = ET.parse(path).getroot()
    assert root.tag == "mxfile"
    step_ids = list(dict.fromkeys(o.get("step_id") for o in root.iter("object") if o.get("step_id")))
    assert step_ids[: len(flow["steps"])] == [step["id"] for step in flow["steps"]]


def test_render_the_demo_flow_as_bpmn(cli: Cli, tmp_path: Path) -> None:
    """Issue 13's promise: `flowatlas render flow <demo flow> --format bpmn` writes a laid-out BPMN file."""
    demo_flow, owner = "f1000000-0000-4000-8000-000000000001", "owner@demo.flowatlas.test"
    result = cli("render", "flow", demo_flow, "-f", "bpmn", "-o", str(tmp_path), "--as", owner, "--json")
    [path] = json.loads(result.stdout)["files"]
    assert path.endswith("place-online-order.bpmn")
    model = parse_bpmn(Path(path).read_text(encoding="utf-8"))
    assert [step_id(task) for task in model.tasks()] == ["s1", "s2", "s3", "s4", "s5"]
    assert len(model.boundaries()) == 2
    assert model.lane_of["Task_1"] == "Customer"


def test_render_project_writes_a_file_per_flow(cli: Cli, cli_project: CliProject, tmp_path: Path) -> None:
    result = cli("render", "project", cli_project.project_id, "-f", "mermaid", "-o", str(tmp_path), "--json")
    files = json.loads(result.stdout)["files"]
    assert len(files) == len(cli_project.flows)
    assert all(Path(f).read_text().startswith(("flowchart", "%%", "---")) for f in files)
    markdown = cli("render", "project", cli_project.project_id, "-o", str(tmp_path), "--json")
    [md] = json.loads(markdown.stdout)["files"]
    assert Path(md).read_text().startswith("# CLI project")
