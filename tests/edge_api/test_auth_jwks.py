"""Asymmetric access tokens (RS256/ES256) checked against the project's published JWKS, served for real."""

import json
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import jwt
import pytest
from cryptography.hazmat.primitives.asymmetric import ec, rsa

from edge_api.auth import verify_caller
from edge_api.http_errors import ApiError

SECRET = "super-secret-jwt-token-with-at-least-32-characters-long"
RSA_KEY = rsa.generate_private_key(public_exponent=65537, key_size=2048)
EC_KEY = ec.generate_private_key(ec.SECP256R1())


def _jwk(private_key: Any, kid: str, alg: str) -> dict[str, Any]:
    algorithm = jwt.algorithms.RSAAlgorithm if alg == "RS256" else jwt.algorithms.ECAlgorithm
    return {**json.loads(algorithm.to_jwk(private_key.public_key())), "kid": kid, "alg": alg, "use": "sig"}


@pytest.fixture(scope="module")
def jwks_url() -> Iterator[str]:
    body = json.dumps({"keys": [_jwk(RSA_KEY, "rsa-1", "RS256"), _jwk(EC_KEY, "ec-1", "ES256")]}).encode()

    class Keys(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: Any) -> None:
            return None

    server = ThreadingHTTPServer(("127.0.0.1", 0), Keys)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}/auth/v1/.well-known/jwks.json"
    server.shutdown()


def _token(key: Any, alg: str, kid: str, **claims: Any) -> str:
    now = int(time.time())
    payload = {
        "sub": "6f1c1c5e-58c4-4a4e-9d2b-7a0e2f0c9a11",
        "aud": "authenticated",
        "role": "authenticated",
        "exp": now + 600,
        "iat": now,
        **claims,
    }
    return jwt.encode(payload, key, algorithm=alg, headers={"kid": kid})


@pytest.mark.parametrize(("key", "alg", "kid"), [(RSA_KEY, "RS256", "rsa-1"), (EC_KEY, "ES256", "ec-1")])
def test_a_token_signed_with_a_published_key_is_accepted(jwks_url: str, key: Any, alg: str, kid: str) -> None:
    caller = verify_caller(_token(key, alg, kid), SECRET, jwks_url)
    assert caller.user_id == "6f1c1c5e-58c4-4a4e-9d2b-7a0e2f0c9a11"


def test_a_token_signed_with_an_unpublished_key_is_refused(jwks_url: str) -> None:
    impostor = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    with pytest.raises(ApiError) as refused:
        verify_caller(_token(impostor, "RS256", "rsa-1"), SECRET, jwks_url)
    assert refused.value.status == 401


def test_an_unknown_key_id_is_refused(jwks_url: str) -> None:
    with pytest.raises(ApiError) as refused:
        verify_caller(_token(RSA_KEY, "RS256", "rotated-away"), SECRET, jwks_url)
    assert refused.value.status == 401
    assert "does not publish" in refused.value.message


def test_the_shared_secret_still_verifies_hs256_tokens(jwks_url: str) -> None:
    token = jwt.encode({"sub": "u1", "aud": "authenticated", "exp": int(time.time()) + 60}, SECRET, "HS256")
    assert verify_caller(token, SECRET, jwks_url).user_id == "u1"


def test_an_unsigned_token_is_refused(jwks_url: str) -> None:
    unsigned = jwt.encode({"sub": "u1", "aud": "authenticated", "exp": int(time.time()) + 60}, None, "none")
    with pytest.raises(ApiError) as refused:
        verify_caller(unsigned, SECRET, jwks_url)
    assert refused.value.status == 401


def test_unreachable_signing_keys_are_a_503_not_a_401() -> None:
    with pytest.raises(ApiError) as unavailable:
        verify_caller(
            _token(RSA_KEY, "RS256", "rsa-1"), SECRET, "http://127.0.0.1:9/auth/v1/.well-known/jwks.json"
        )
    assert unavailable.value.status == 503
