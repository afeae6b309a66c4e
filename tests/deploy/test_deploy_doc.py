"""docs/deploy.md names every variable and secret a deployment needs, so a newcomer never has to guess one."""

import re

from scripts.deploy.env_examples import DEPLOY_DIR, PARTS
from scripts.stack.config import PROJECT_DIR

GUIDE = (PROJECT_DIR / "docs" / "deploy.md").read_text()
WORKFLOWS = PROJECT_DIR / ".github" / "workflows"


def test_every_setting_of_every_part_is_in_the_guide() -> None:
    names = {
        line.split("=", 1)[0]
        for part in PARTS
        for line in (DEPLOY_DIR / part.file).read_text().splitlines()
        if line and not line.startswith("#")
    }
    assert len(names) >= 10
    assert sorted(name for name in names if f"`{name}`" not in GUIDE and f"{name}=" not in GUIDE) == []


def test_every_secret_and_variable_the_workflows_read_is_in_the_guide() -> None:
    text = "".join(path.read_text() for path in sorted(WORKFLOWS.glob("*.yml")))
    names = set(re.findall(r"\$\{\{\s*(?:secrets|vars)\.([A-Z_]+)\s*\}\}", text)) - {"GITHUB_TOKEN"}
    assert {"SUPABASE_ACCESS_TOKEN", "SUPABASE_DB_PASSWORD", "SUPABASE_PROJECT_ID"} <= names
    assert sorted(name for name in names if f"`{name}`" not in GUIDE) == []
