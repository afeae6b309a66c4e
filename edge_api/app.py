"""The edge API: what Supabase serves at /functions/v1. A placeholder until the renderers land."""

from fastapi import FastAPI

app = FastAPI(
    title="Flow Atlas edge API",
    description="Rendered documents, exports and imports, read as the calling user.",
    version="0.1.0",
)


@app.get("/health", summary="Liveness check")
def health() -> dict[str, str]:
    return {"status": "ok"}
