"""Cross-origin access to the edge API, as Supabase recommends for edge functions.

Every call carries the user's token in the `Authorization` header, never a cookie, so a page on another origin
can do nothing with the API that its own script could not: any origin may call it by default (`*`), and a
deployment may narrow that with EDGE_CORS_ORIGINS. The headers allowed are the ones supabase-js sends with
`functions.invoke`. A refused preflight answers JSON like every other error, naming what was refused.
"""

import json

from fastapi import FastAPI
from starlette.datastructures import Headers
from starlette.middleware.cors import CORSMiddleware
from starlette.responses import Response

from edge_api.http_errors import error_body

# What supabase-js (functions-js and its fetch wrapper) puts on a request, plus x-region for regional invokes.
CLIENT_HEADERS = ["authorization", "apikey", "content-type", "x-client-info", "x-region"]
METHODS = ["GET", "POST", "OPTIONS"]


class JsonCorsMiddleware(CORSMiddleware):
    """Starlette's CORS handling, with its plain-text refusal ("Disallowed CORS origin") answered as JSON."""

    def preflight_response(self, request_headers: Headers) -> Response:
        response = super().preflight_response(request_headers)
        if response.status_code != 400:
            return response
        refused = bytes(response.body).decode().removeprefix("Disallowed CORS ")
        origin = request_headers.get("origin")
        body = error_body(
            f"cross-origin request refused: {refused} not allowed",
            [{"path": "origin", "message": f"{origin!r} is not an allowed origin"}],
            hint=f"allowed methods: {', '.join(METHODS)}; allowed headers: {', '.join(CLIENT_HEADERS)}",
        )
        kept = ("content-length", "content-type")
        headers = {k: v for k, v in response.headers.items() if k.lower() not in kept}
        return Response(json.dumps(body), status_code=400, headers=headers, media_type="application/json")


def allow_cross_origin(app: FastAPI, origins: list[str]) -> None:
    app.add_middleware(
        JsonCorsMiddleware,
        allow_origins=["*"] if "*" in origins else origins,
        allow_methods=METHODS,
        allow_headers=CLIENT_HEADERS,
        expose_headers=["content-disposition"],
        max_age=600,
    )
