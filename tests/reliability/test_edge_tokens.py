"""Edge tokens (issue 12, attack 12): RS256 tokens naming made-up key ids no longer make the edge API fetch
the project's JWKS once each; it fetches at most once per interval and answers the rest at once."""

import time
import uuid

import jwt
import pytest
from cryptography.hazmat.primitives.asymmetric import rsa

from scripts.stack.config import StackConfig
from tests.http_api import Api

FORGER = rsa.generate_private_key(public_exponent=65537, key_size=2048)


def _jwks_fetches(cfg: StackConfig) -> int:
    time.sleep(1.5)  # the gateway flushes its access log every second
    log = cfg.log_file("gateway-access")
    return (
        sum("/.well-known/jwks.json" in line for line in log.read_text().splitlines()) if log.exists() else 0
    )


def _forged(kid: str) -> str:
    now = int(time.time())
    claims = {"sub": str(uuid.uuid4()), "aud": "authenticated", "role": "authenticated", "exp": now + 600}
    return jwt.encode(claims, FORGER, algorithm="RS256", headers={"kid": kid})


@pytest.mark.timeout(60)
def test_forged_rs256_tokens_cause_at_most_one_jwks_fetch_and_fast_answers(
    api: Api, cfg: StackConfig
) -> None:
    before = _jwks_fetches(cfg)
    began = time.monotonic()
    for n in range(20):
        answer = api.edge(None, f"flows/{uuid.uuid4()}/markdown", token=_forged(f"forged-{n}"))
        assert answer.status in (401, 503), answer.text[:200]
        assert isinstance(answer.body, dict) and "message" in answer.body
    elapsed = time.monotonic() - began
    assert _jwks_fetches(cfg) - before <= 1
    assert elapsed < 10, f"20 forged tokens took {elapsed:.1f} s"
