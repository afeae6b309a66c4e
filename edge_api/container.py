"""The edge API as its container serves it: under /functions/v1, the path the frontend calls.

On a container host (Fly.io, Railway, Render, Cloud Run) no gateway strips the prefix as the local one does,
so the app is mounted at it: `https://<edge host>/functions/v1/flows/<id>/drawio` is the same path as
`<SUPABASE_URL>/functions/v1/flows/<id>/drawio` locally, and the frontend swaps one base URL.
"""

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI

from edge_api.app import create_app
from edge_api.settings import get_settings
from edge_api.startup_checks import refuse_unsafe

PREFIX = "/functions/v1"


refuse_unsafe(get_settings())
edge = create_app()


@asynccontextmanager
async def lifespan(_: FastAPI) -> AsyncIterator[None]:
    # A mounted app's own lifespan (its HTTP client) does not run by itself.
    async with edge.router.lifespan_context(edge):
        yield


app = FastAPI(openapi_url=None, docs_url=None, redoc_url=None, lifespan=lifespan)
app.mount(PREFIX, edge)
