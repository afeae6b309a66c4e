"""The project's published signing keys (JWKS) for asymmetric access tokens, fetched rarely.

A token names its key id (`kid`), and anyone can mint a token naming a key id that does not exist.
So the set is fetched when first needed and when it is older than its lifespan; an unknown key id refetches
it at most once per `refresh_interval`; and a failed fetch is retried only after a backoff that doubles up to
`max_backoff`. Between fetches every token is answered from what is known: a key, "no such key" (401), or
"keys unavailable" (503), without waiting on the network.
"""

import threading
import time
from collections.abc import Callable

import jwt


class KeysUnavailable(Exception):
    """The key set could not be fetched and no earlier copy is known."""


class UnknownKey(Exception):
    """The key set is known and has no key with this id."""


class SigningKeys:
    def __init__(
        self,
        url: str,
        *,
        lifespan: float = 600.0,
        refresh_interval: float = 30.0,
        max_backoff: float = 300.0,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.url = url
        self.lifespan = lifespan
        self.refresh_interval = refresh_interval
        self.max_backoff = max_backoff
        self.clock = clock
        self.fetches = 0
        self._client = jwt.PyJWKClient(url, cache_jwk_set=False, timeout=5)
        self._keys: dict[str, jwt.PyJWK] | None = None
        self._fetched_at = float("-inf")
        self._next_fetch = float("-inf")
        self._failures = 0
        self._lock = threading.Lock()

    def key(self, kid: str | None) -> jwt.PyJWK:
        """The published key with this id; UnknownKey or KeysUnavailable otherwise."""
        with self._lock:
            now = self.clock()
            stale = now - self._fetched_at >= self.lifespan
            if (self._keys is None or stale or kid not in self._keys) and now >= self._next_fetch:
                self._fetch(now)
            if self._keys is None:
                raise KeysUnavailable(self.url)
            if kid is None or kid not in self._keys:
                raise UnknownKey(kid)
            return self._keys[kid]

    def _fetch(self, now: float) -> None:
        self.fetches += 1
        try:
            fetched = self._client.get_jwk_set(refresh=True)
        except (jwt.PyJWKClientError, jwt.PyJWKSetError):
            self._failures += 1
            backoff = min(self.max_backoff, self.refresh_interval * 2 ** (self._failures - 1))
            self._next_fetch = now + backoff
            return  # an earlier copy, if any, stays in use
        self._keys = {key.key_id: key for key in fetched.keys if key.key_id is not None}
        self._failures = 0
        self._fetched_at = now
        self._next_fetch = now + self.refresh_interval
