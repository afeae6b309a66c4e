# The edge API (rendered documents, export, import), served at /functions/v1 by uvicorn with several workers.
# Build: docker build -t flowatlas-edge .   Run: docker run -p 8000:8000 --env-file deploy/edge-api.env flowatlas-edge
# Its settings are in deploy/edge-api.env.example; tests/deploy/test_container.py runs this CMD outside Docker.
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    UVICORN_PORT=8000 \
    WEB_CONCURRENCY=2

RUN useradd --system --uid 10001 --home-dir /app --shell /usr/sbin/nologin flowatlas

WORKDIR /app

# Dependencies first, from the pins the tests ran with: a code change reuses this layer.
COPY deploy/edge-api.requirements.txt ./requirements.txt
RUN pip install --no-deps -r requirements.txt

COPY pyproject.toml README.md ./
COPY edge_api ./edge_api
COPY scripts ./scripts
RUN pip install --no-deps .

USER 10001

EXPOSE 8000

# No curl in the slim image: Python asks the app's own liveness route.
HEALTHCHECK --interval=30s --timeout=5s --start-period=10s --retries=3 \
    CMD ["python", "-c", "import os, urllib.request; urllib.request.urlopen('http://127.0.0.1:' + os.environ['UVICORN_PORT'] + '/functions/v1/health', timeout=4)"]

# One process manager (uvicorn's supervisor, which restarts a dead worker) with WEB_CONCURRENCY workers;
# the port comes from UVICORN_PORT. The host's proxy ends TLS in front of it.
CMD ["uvicorn", "edge_api.container:app", "--host", "0.0.0.0", "--no-access-log", "--timeout-graceful-shutdown", "20"]
