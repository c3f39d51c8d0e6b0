"""The web page and JSON API over a store: `newsevents serve --db FILE`.

    from newsevents.web import create_app      # a FastAPI app (ASGI), e.g. for uvicorn or a test client
    app = create_app("events.duckdb")

app.py (routes, errors), queries.py (read-only, parameterised SQL), models.py (the API's shapes),
server.py (the `serve` command: uvicorn on 127.0.0.1 by default), static/ (the page: plain JS and SVG,
no CDN, works offline). FastAPI and uvicorn load only when the web part is used.
"""

from __future__ import annotations

from typing import Any

__all__ = ["create_app"]


def create_app(*args: Any, **kwargs: Any):
    """See app.create_app."""
    from .app import create_app as create

    return create(*args, **kwargs)
