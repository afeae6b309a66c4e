"""A frontend's day in a real browser (Debian's Chromium, playwright-core) on another origin than the API, and
the rendered documents opened by Mermaid and mxGraph in that browser: tests/browser/browser.test.mjs."""

import os
import re
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

from scripts.stack.config import PROJECT_DIR, StackConfig
from tests.conftest import User

SUITE = Path(__file__).with_name("browser.test.mjs")


def test_a_frontend_day_in_chromium(cfg: StackConfig, make_user: Callable[..., User]) -> None:
    node = shutil.which("node")
    assert node, "Node.js is needed for the browser suite"
    assert Path("/usr/bin/chromium").exists(), "Debian's chromium is needed: make setup installs it"
    member, outsider = make_user(name="Browser member"), make_user(name="Browser outsider")
    env = {
        **os.environ,
        "SUPABASE_URL": cfg.api_url,
        "SUPABASE_ANON_KEY": cfg.anon_key,
        "USER_TOKEN": member.token,
        "OUTSIDER_TOKEN": outsider.token,
    }
    result = subprocess.run(
        [node, "--test", "--test-reporter=spec", str(SUITE)],
        capture_output=True,
        text=True,
        env=env,
        cwd=PROJECT_DIR,
        timeout=240,
    )
    report = result.stdout + result.stderr
    assert result.returncode == 0, report
    tests = len(re.findall(r"^test\(", SUITE.read_text(), flags=re.MULTILINE))
    assert f"pass {tests}" in result.stdout and "fail 0" in result.stdout, report
