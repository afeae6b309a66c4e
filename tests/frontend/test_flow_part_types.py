"""types/flows.ts, the frontend's types for the JSON parts of a flow: tsc accepts the documented shapes and
refuses wrong ones, and the keys each type requires or allows are those the database's rule set names."""

import re
import subprocess
from pathlib import Path

import psycopg

from scripts.stack.config import PROJECT_DIR, StackConfig

TSC = PROJECT_DIR / "node_modules" / ".bin" / "tsc"
TYPES = PROJECT_DIR / "types" / "flows.ts"
# The database's rule set: one function per JSON part of a flow (the flows_*_are_valid constraints call them).
RULE_OF_TYPE = {
    "Step": "steps_errors",
    "Integration": "integrations_errors",
    "BusinessRule": "business_rules_errors",
    "ErrorScenario": "error_scenarios_errors",
}
RULE = "select prosrc from pg_proc where oid = %s::regproc"


def _tsc(config: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(TSC), "-p", str(config)], capture_output=True, text=True, cwd=PROJECT_DIR, timeout=300
    )


def _fields(type_name: str) -> dict[str, bool]:
    """Each field of an exported type of types/flows.ts: True when required."""
    body = re.search(rf"export type {type_name} = Extra & \{{(.*?)\n\}};", TYPES.read_text(), re.S)
    assert body, f"types/flows.ts has no type {type_name}"
    return {name: not optional for name, optional in re.findall(r"^\s+(\w+)(\??):", body.group(1), re.M)}


def test_tsc_accepts_the_documented_shapes_and_refuses_wrong_ones() -> None:
    checked = _tsc(PROJECT_DIR / "tests" / "frontend" / "tsconfig.json")
    assert checked.returncode == 0, checked.stdout + checked.stderr


def test_a_step_with_a_numeric_id_fails_tsc(tmp_path: Path) -> None:
    source = tmp_path / "wrong_step.ts"
    source.write_text(
        f'import type {{ Step }} from "{TYPES.with_suffix("")}";\n'
        'export const wrong: Step[] = [{ id: 1, name: "Pay" }];\n'
    )
    config = tmp_path / "tsconfig.json"
    config.write_text(
        '{"compilerOptions": {"strict": true, "noEmit": true, "module": "esnext", '
        '"moduleResolution": "bundler", "types": []}, "files": ["wrong_step.ts"]}'
    )
    checked = _tsc(config)
    assert checked.returncode != 0
    assert "Type 'number' is not assignable to type 'string'" in checked.stdout


def test_the_types_name_the_keys_the_rule_set_names(cfg: StackConfig) -> None:
    with psycopg.connect(cfg.db_url(), autocommit=True) as conn:
        rules = {
            type_name: str(conn.execute(RULE, [f"private.{rule}"]).fetchone()[0])  # type: ignore[index]
            for type_name, rule in {
                **RULE_OF_TYPE,
                "PerformanceRequirements": "performance_requirements_errors",
            }.items()
        }
    for type_name in RULE_OF_TYPE:
        # private.json_objects_errors(value, path, array[required keys], array[optional keys], ...)
        required, optional = (
            re.findall(r"'(\w+)'", keys) for keys in re.findall(r"array\[(.*?)\]", rules[type_name])[:2]
        )
        assert required, rules[type_name]
        assert _fields(type_name) == {**dict.fromkeys(required, True), **dict.fromkeys(optional, False)}, (
            type_name
        )
    # performance_requirements_errors: a (ord, key, message, maximum) row per known key, all optional
    performance_keys = re.findall(r"\(\d+, '(\w+)'", rules["PerformanceRequirements"])
    assert performance_keys
    assert _fields("PerformanceRequirements") == dict.fromkeys(performance_keys, False)
