"""edge_api/signing_keys.py: the JWKS is fetched once per interval whatever key ids tokens name, and a failed
fetch backs off instead of being retried for every token."""

import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import jwt
import pytest
from cryptography.hazmat.primitives.asymmetric import rsa

from edge_api.signing_keys import KeysUnavailable, SigningKeys, UnknownKey

KEY = rsa.generate_private_key(public_exponent=65537, key_size=2048)
UNREACHABLE = "http://127.0.0.1:9/auth/v1/.well-known/jwks.json"


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture(scope="module")
def jwks_url() -> Iterator[str]:
    jwk = {**json.loads(jwt.algorithms.RSAAlgorithm.to_jwk(KEY.public_key())), "kid": "rsa-1", "alg": "RS256"}
    body = json.dumps({"keys": [jwk]}).encode()

    class Keys(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: Any) -> None:
            return None

    server = ThreadingHTTPServer(("127.0.0.1", 0), Keys)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_port}/jwks.json"
    server.shutdown()


def test_unknown_key_ids_refetch_at_most_once_per_interval(jwks_url: str) -> None:
    clock = Clock()
    keys = SigningKeys(jwks_url, refresh_interval=30, clock=clock)
    assert keys.key("rsa-1").key_id == "rsa-1"
    for n in range(50):
        with pytest.raises(UnknownKey):
            keys.key(f"forged-{n}")
    assert keys.fetches == 1
    clock.now += 31
    with pytest.raises(UnknownKey):
        keys.key("forged-again")
    assert keys.fetches == 2


def test_a_known_key_is_refetched_only_after_its_lifespan(jwks_url: str) -> None:
    clock = Clock()
    keys = SigningKeys(jwks_url, lifespan=600, clock=clock)
    for _ in range(20):
        keys.key("rsa-1")
    assert keys.fetches == 1
    clock.now += 601
    keys.key("rsa-1")
    assert keys.fetches == 2


def test_unreachable_keys_back_off_doubling_instead_of_one_fetch_per_token() -> None:
    clock = Clock()
    keys = SigningKeys(UNREACHABLE, refresh_interval=10, max_backoff=35, clock=clock)
    for _ in range(20):
        with pytest.raises(KeysUnavailable):
            keys.key("rsa-1")
    assert keys.fetches == 1
    for expected, wait in ((2, 10), (3, 20), (4, 35), (5, 35)):
        clock.now += wait - 0.5
        with pytest.raises(KeysUnavailable):
            keys.key("rsa-1")
        assert keys.fetches == expected - 1, "fetched again before the backoff ran out"
        clock.now += 0.5
        with pytest.raises(KeysUnavailable):
            keys.key("rsa-1")
        assert keys.fetches == expected
