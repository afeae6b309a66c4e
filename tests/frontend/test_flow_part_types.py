"""types/flows.ts, the frontend's types for the JSON parts of a flow: tsc accepts the documented shapes and
refuses wrong ones, and the keys each type requires or allows are those the database's constraints name."""

import re
import subprocess
from pathlib import Path

import psycopg

from scripts.stack.config import PROJECT_DIR, StackConfig

TSC = PROJECT_DIR / "node_modules" / ".bin" / "tsc"
TYPES = PROJECT_DIR / "types" / "flows.ts"
TYPE_OF_COLUMN = {
    "steps": "Step",
    "integrations": "Integration",
    "business_rules": "BusinessRule",
    "error_scenarios": "ErrorScenario",
}
# The constraints of public.flows that name the string keys of a JSON column's objects.
KEY_CONSTRAINTS = r"""
select pg_get_constraintdef(oid) from pg_constraint
where conrelid = 'public.flows'::regclass and contype = 'c'
  and pg_get_constraintdef(oid) ~ 'jsonb_objects_(have|optional)_strings'
"""
PERFORMANCE_RULE = (
    "select prosrc from pg_proc where oid = 'private.performance_requirements_are_valid'::regproc"
)


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


def test_the_types_name_the_keys_the_constraints_name(cfg: StackConfig) -> None:
    with psycopg.connect(cfg.db_url(), autocommit=True) as conn:
        definitions = [str(row[0]) for row in conn.execute(KEY_CONSTRAINTS).fetchall()]
        performance = conn.execute(PERFORMANCE_RULE).fetchone()
    expected: dict[str, dict[str, bool]] = {name: {} for name in TYPE_OF_COLUMN.values()}
    for definition in definitions:
        found = re.search(r"jsonb_objects_(have|optional)_strings\((\w+), ARRAY\[(.*?)\]", definition)
        assert found, definition
        kind, column, keys = found.groups()
        for key in re.findall(r"'(\w+)'", keys):
            expected[TYPE_OF_COLUMN[column]][key] = kind == "have"
    assert all(expected.values()), expected
    for type_name, keys in expected.items():
        assert _fields(type_name) == keys, type_name
    assert performance is not None
    performance_keys = re.findall(r"'(\w+)'", " ".join(re.findall(r"array\[(.*?)\]", str(performance[0]))))
    assert _fields("PerformanceRequirements") == dict.fromkeys(performance_keys, False)
