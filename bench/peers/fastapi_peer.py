"""The hand-written FastAPI peer of the benchmark: what the old plan proposed instead of PostgREST.

FastAPI + asyncpg + pyjwt: verifies the HS256 token, runs one prepared statement per request that enforces the
access rule (bench/peers/access.sql), pool of 10. The same two routes as the Express peer:
  GET /flows?project_id=ID  the project's first 50 live flows by name (id, name, status, priority, updated_at)
  GET /flows/ID             one flow, the columns PostgREST returns for select=* (PEER_COLUMNS)
Env: PEER_DATABASE_URL, PEER_JWT_SECRET, PEER_COLUMNS. Run: uvicorn bench.peers.fastapi_peer:app --port N
"""

import json
import os
import re
import uuid
from collections.abc import AsyncIterator, Mapping
from contextlib import asynccontextmanager
from datetime import datetime
from pathlib import Path
from typing import Any

import asyncpg
import jwt
from fastapi import FastAPI, Header
from fastapi.responses import JSONResponse, Response

SECRET = os.environ.get("PEER_JWT_SECRET", "")
COLUMNS = ", ".join(f"f.{c.strip()}" for c in os.environ.get("PEER_COLUMNS", "id").split(","))


def statements(columns: str) -> dict[str, str]:
    text = (Path(__file__).parent / "access.sql").read_text()
    found: dict[str, str] = {}
    for part in re.split(r"^-- name: ", text, flags=re.M)[1:]:
        name, _, body = part.partition("\n")
        found[name.strip()] = body.replace("{columns}", columns).strip().rstrip(";")
    return found


SQL = statements(COLUMNS)
pool: asyncpg.Pool | None = None


async def _setup(conn: asyncpg.Connection) -> None:
    await conn.set_type_codec("jsonb", encoder=json.dumps, decoder=json.loads, schema="pg_catalog")
    await conn.set_type_codec("json", encoder=json.dumps, decoder=json.loads, schema="pg_catalog")


@asynccontextmanager
async def lifespan(_: FastAPI) -> AsyncIterator[None]:
    global pool
    pool = await asyncpg.create_pool(os.environ["PEER_DATABASE_URL"], min_size=10, max_size=10, init=_setup)
    yield
    await pool.close()


app = FastAPI(lifespan=lifespan, openapi_url=None)


def _json_default(value: object) -> str:
    if isinstance(value, datetime):
        return value.isoformat()
    return str(value)  # uuid, tsvector text


def _rows(records: list[asyncpg.Record]) -> Response:
    body = json.dumps([dict(r) for r in records], default=_json_default, separators=(",", ":"))
    return Response(body, media_type="application/json")


def _user(authorization: str | None) -> str | None:
    if not authorization or not authorization.startswith("Bearer "):
        return None
    try:
        claims: Mapping[str, Any] = jwt.decode(
            authorization[7:], SECRET, algorithms=["HS256"], audience="authenticated"
        )
    except jwt.PyJWTError:
        return None
    return str(claims["sub"]) if claims.get("role") == "authenticated" and "sub" in claims else None


def _uuid(text: str) -> uuid.UUID | None:
    try:
        return uuid.UUID(text)
    except ValueError:
        return None


DENIED = JSONResponse({"message": "a valid access token is needed"}, status_code=401)


@app.get("/health")
async def health() -> dict[str, str]:
    return {"status": "ok"}


@app.get("/flows")
async def page(project_id: str, authorization: str | None = Header(None)) -> Response:
    user, project = _user(authorization), _uuid(project_id)
    if user is None:
        return DENIED
    if project is None:
        return JSONResponse({"message": "project_id must be a uuid"}, status_code=400)
    assert pool is not None
    async with pool.acquire() as conn:  # asyncpg prepares and caches each statement per connection
        return _rows(await conn.fetch(SQL["page"], uuid.UUID(user), project))


@app.get("/flows/{flow_id}")
async def one(flow_id: str, authorization: str | None = Header(None)) -> Response:
    user, flow = _user(authorization), _uuid(flow_id)
    if user is None:
        return DENIED
    if flow is None:
        return JSONResponse({"message": "id must be a uuid"}, status_code=400)
    assert pool is not None
    async with pool.acquire() as conn:
        return _rows(await conn.fetch(SQL["one"], uuid.UUID(user), flow))
