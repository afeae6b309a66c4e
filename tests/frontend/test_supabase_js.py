"""The frontend's client library, @supabase/supabase-js under Node, doing a day's work against the stack."""

import os
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

from scripts.stack.config import PROJECT_DIR, StackConfig
from tests.conftest import User

DAY = Path(__file__).with_name("day.test.mjs")


def test_a_frontend_day_with_supabase_js(cfg: StackConfig, make_user: Callable[..., User]) -> None:
    node = shutil.which("node")
    assert node, "Node.js is needed for the supabase-js suite"
    user = make_user(name="Frontend")
    env = {
        **os.environ,
        "SUPABASE_URL": cfg.api_url,
        "SUPABASE_ANON_KEY": cfg.anon_key,
        "USER_TOKEN": user.token,
    }
    result = subprocess.run(
        [node, "--experimental-websocket", "--test", "--test-reporter=spec", str(DAY)],
        capture_output=True,
        text=True,
        env=env,
        cwd=PROJECT_DIR,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "pass 5" in result.stdout and "fail 0" in result.stdout, result.stdout
