"""PostgREST as the calling user: their access token plus the anon key, exactly as supabase-js sends them.

Row-level security decides what comes back. The service key is never used here.
"""

import json
from dataclasses import dataclass
from typing import Any

import httpx


class PostgrestError(Exception):
    """An error answer of PostgREST (`code`, `message`, `details`, `hint`), or no answer at all (status 0)."""

    def __init__(self, status: int, message: str, code: str = "", details: Any = None, hint: str = ""):
        super().__init__(message)
        self.status = status
        self.message = message
        self.code = code
        self.details = details
        self.hint = hint

    @classmethod
    def of(cls, response: httpx.Response) -> "PostgrestError":
        try:
            body = response.json()
        except ValueError:
            body = None
        if not isinstance(body, dict):
            return cls(response.status_code, response.text.strip()[:300] or response.reason_phrase)
        return cls(
            response.status_code,
            str(body.get("message") or response.reason_phrase),
            str(body.get("code") or ""),
            body.get("details"),
            str(body.get("hint") or ""),
        )

    def detail_json(self) -> Any:
        """`details` decoded when the database put JSON there (import errors list every bad field)."""
        if isinstance(self.details, str):
            try:
                return json.loads(self.details)
            except ValueError:
                return self.details
        return self.details


@dataclass(frozen=True)
class UserApi:
    """The data API (…/rest/v1) on behalf of one signed-in user."""

    http: httpx.AsyncClient
    rest_url: str
    api_key: str
    token: str

    def _headers(self, **extra: str) -> dict[str, str]:
        return {"apikey": self.api_key, "Authorization": f"Bearer {self.token}", **extra}

    async def select(self, table: str, params: dict[str, str]) -> list[dict[str, Any]]:
        response = await self._send("GET", f"{self.rest_url}/{table}", params=params)
        rows = response.json()
        if not isinstance(rows, list):
            raise PostgrestError(502, f"unexpected answer from /{table}")
        return rows

    async def rpc(self, function: str, arguments: dict[str, Any]) -> Any:
        response = await self._send("POST", f"{self.rest_url}/rpc/{function}", json=arguments)
        return response.json()

    async def rpc_rows(
        self, function: str, arguments: dict[str, Any], page: int = 1000
    ) -> list[dict[str, Any]]:
        """Every row of a set-returning function, page by page (PostgREST answers at most db-max-rows)."""
        rows: list[dict[str, Any]] = []
        while True:
            params = {"limit": str(page), "offset": str(len(rows))}
            url = f"{self.rest_url}/rpc/{function}"
            response = await self._send("POST", url, json=arguments, params=params)
            batch = response.json()
            if not isinstance(batch, list):
                raise PostgrestError(502, f"unexpected answer from /rpc/{function}")
            rows += batch
            if len(batch) < page:
                return rows

    async def _send(self, method: str, url: str, **kwargs: Any) -> httpx.Response:
        try:
            response = await self.http.request(method, url, headers=self._headers(), **kwargs)
        except httpx.HTTPError as exc:
            raise PostgrestError(0, f"the data API did not answer: {exc}") from exc
        if response.status_code >= 400:
            raise PostgrestError.of(response)
        return response
