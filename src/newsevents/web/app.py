"""The FastAPI app behind `newsevents serve`: the JSON API over a store, the page, and coding a pasted text.

    create_app("events.duckdb") -> FastAPI

Read-only: the store is opened read-only for each request and closed when the answer is in memory, so a
running ingest keeps writing between requests (store.py explains the locking); all SQL takes its values as
parameters (queries.py). Errors of every kind have one JSON shape (`models.ErrorResponse`):
`{"error": {"status": 404, "code": "not_found", "message": "...", "details": null}}`.
"""

from __future__ import annotations

import logging
import threading
from datetime import date
from importlib import resources
from pathlib import Path
from typing import Any

from fastapi import Depends, FastAPI, Path as PathParam, Query, Request
from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from fastapi.responses import FileResponse, JSONResponse
from fastapi.staticfiles import StaticFiles
from pydantic import ValidationError
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException

from ..errors import NewsEventsError, UsageError
from ..store import Store, StoreError
from . import models, queries

MAX_CODE_BYTES = 1_000_000  # POST /api/code: the whole request body
STATIC = Path(str(resources.files("newsevents.web") / "static"))
log = logging.getLogger("newsevents.web")
_CODES = {400: "bad_request", 403: "forbidden", 404: "not_found", 405: "method_not_allowed", 413: "too_large",
          415: "unsupported_media_type", 422: "validation_error", 500: "internal_error", 503: "store_unavailable"}
_SECURITY_HEADERS = {
    "content-security-policy": "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
                               "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; "
                               "frame-ancestors 'none'",
    "x-content-type-options": "nosniff",
    "referrer-policy": "no-referrer",
    "x-frame-options": "DENY",
}
_ERRORS: dict[int | str, dict[str, Any]] = {
    code: {"model": models.ErrorResponse, "description": text}
    for code, text in ((400, "filters that cannot work"), (422, "a parameter that does not validate"),
                       (503, "the store cannot be read (missing, busy)"))
}


def error(status: int, message: str, details: list | None = None) -> JSONResponse:
    body = {"error": {"status": status, "code": _CODES.get(status, "error"), "message": message, "details": details}}
    return JSONResponse(body, status_code=status)


class RequestError(Exception):
    def __init__(self, status: int, message: str):
        super().__init__(message)
        self.status = status
        self.message = message


def _details(errors: list[dict]) -> list[dict]:
    return [{"loc": [str(p) for p in e.get("loc", ())], "msg": str(e.get("msg", "")), "type": str(e.get("type", ""))}
            for e in jsonable_encoder(errors, custom_encoder={bytes: lambda b: b.decode("utf-8", "replace")})]


def _install_errors(app: FastAPI) -> None:
    @app.exception_handler(HTTPException)
    async def http_error(request: Request, exc: HTTPException):
        message = str(exc.detail) if exc.status_code != 404 or request.url.path.startswith("/api/") else \
            f"no page at {request.url.path}; the page is at / and the API under /api (see /openapi.json)"
        return error(exc.status_code, message)

    @app.exception_handler(RequestValidationError)
    async def validation_error(request: Request, exc: RequestValidationError):
        details = _details(list(exc.errors()))
        where = ", ".join(".".join(d["loc"]) + ": " + d["msg"] for d in details[:3])
        return error(422, f"invalid request ({where}); see /openapi.json for the parameters", details)

    @app.exception_handler(RequestError)
    async def request_error(request: Request, exc: RequestError):
        return error(exc.status, exc.message)

    @app.exception_handler(UsageError)
    async def usage_error(request: Request, exc: UsageError):
        return error(400, str(exc))

    @app.exception_handler(StoreError)
    async def store_error(request: Request, exc: StoreError):
        return error(503, str(exc))

    @app.exception_handler(NewsEventsError)
    async def newsevents_error(request: Request, exc: NewsEventsError):
        return error(400, str(exc))

    @app.exception_handler(Exception)
    async def unexpected(request: Request, exc: Exception):
        log.exception("unexpected error on %s %s", request.method, request.url.path)
        return error(500, "unexpected server error; the server's log has the details")


def filters(
    actor: str | None = Query(None, max_length=200, description="text in either actor's name, code or words"),
    country: str | None = Query(None, pattern=r"^[A-Za-z]{3}$", description="ISO3 of either actor or the place"),
    code: str | None = Query(None, pattern=r"^[0-9]{1,4}$", description="CAMEO code prefix (19 = fight)"),
    modality: models.Modality | None = Query(None),
    since: models.Day | None = Query(None, description="event date (else report date) on or after, YYYY-MM-DD"),
    until: models.Day | None = Query(None, description="event date (else report date) on or before, YYYY-MM-DD"),
    text: str | None = Query(None, max_length=200, description="words in the event's sentence"),
) -> queries.Filters:
    return queries.Filters(actor, country, code, modality, since, until, text)


def create_app(db: str | Path, *, allowed_hosts: list[str] | None = None, read_timeout: float = 30.0) -> FastAPI:
    """The app serving the store `db`; `allowed_hosts` (Host header names) guards a loopback-only server
    against DNS rebinding (None: any host)."""
    store = Store(db, read_timeout=read_timeout)
    app = FastAPI(title="newsevents", version=_version(), docs_url=None, redoc_url=None,
                  description="Political events coded from news (CAMEO): query the store, see why each event was "
                              "coded, code a text. Read-only; every error is `{\"error\": {...}}`.")
    _install_errors(app)
    hosts = {h.lower() for h in allowed_hosts} if allowed_hosts else None
    code_lock = threading.Lock()

    @app.middleware("http")
    async def guard(request: Request, call_next):
        host = (request.headers.get("host") or "").rsplit(":", 1)[0].strip("[]").lower()
        if hosts is not None and host not in hosts:
            response = error(400, f"unexpected Host header {host!r}; open the page as http://127.0.0.1:PORT/")
        else:
            response = await call_next(request)
        for name, value in _SECURITY_HEADERS.items():
            response.headers.setdefault(name, value)
        return response

    @app.get("/", include_in_schema=False)
    def page() -> FileResponse:
        return FileResponse(STATIC / "index.html", headers={"cache-control": "no-cache"})

    app.mount("/static", StaticFiles(directory=STATIC), name="static")

    @app.get("/api/info", response_model=models.Info, responses=_ERRORS, summary="What the store holds")
    def info() -> dict:
        with store.reading() as con:
            return queries.info(con)

    @app.get("/api/events", response_model=models.EventPage, responses=_ERRORS, summary="Events matching filters")
    def events(f: queries.Filters = Depends(filters), limit: int = Query(50, ge=1, le=500),
               offset: int = Query(0, ge=0, le=1_000_000_000), sort: models.Sort = Query("-date")) -> dict:
        with store.reading() as con:
            return queries.list_events(con, f, limit, offset, sort)

    @app.get("/api/events/{event_id}", response_model=models.EventDetail,
             responses={**_ERRORS, 404: {"model": models.ErrorResponse, "description": "no such event"}},
             summary="One event with its mentions and actor spans")
    def event(event_id: str = PathParam(max_length=200),
              doc_key: str | None = Query(None, max_length=200, description="the document, when several hold "
                                                                             "an event of this id")) -> dict:
        with store.reading() as con:
            found = queries.get_event(con, event_id, doc_key)
        if found is None:
            raise RequestError(404, f"no event {event_id!r} in the store; list events at /api/events")
        return found

    @app.get("/api/documents/{ref:path}", response_model=models.DocumentOut,
             responses={**_ERRORS, 404: {"model": models.ErrorResponse, "description": "no such document"}},
             summary="A document (by doc_key, else doc_id) with every actor and event span")
    def document(ref: str = PathParam(max_length=2000)) -> dict:
        with store.reading() as con:
            found = queries.get_document(con, ref)
        if found is None:
            raise RequestError(404, f"no document {ref!r} in the store; events name theirs in doc_key and doc_id")
        return found

    @app.get("/api/stats/timeline", response_model=models.Timeline, responses=_ERRORS,
             summary="Event counts and mean Goldstein score per day, week or month and quad class")
    def timeline(f: queries.Filters = Depends(filters), interval: models.Interval = Query("month")) -> dict:
        with store.reading() as con:
            return queries.timeline(con, f, interval)

    @app.get("/api/stats/dyads", response_model=models.Dyads, responses=_ERRORS,
             summary="The most frequent source-target pairs")
    def dyads(f: queries.Filters = Depends(filters), limit: int = Query(40, ge=1, le=200)) -> dict:
        with store.reading() as con:
            return queries.dyads(con, f, limit)

    @app.post("/api/code", response_model=models.CodeResult,
              responses={**_ERRORS, 413: {"model": models.ErrorResponse, "description": "body over 1 MB"}},
              openapi_extra={"requestBody": {"required": True, "content": {"application/json": {
                  "schema": models.CodeRequest.model_json_schema()}}}},
              summary="Code a text (JSON body, at most 1 MB); nothing is stored")
    async def code(request: Request) -> Any:
        declared = request.headers.get("content-length")
        if declared and declared.isdigit() and int(declared) > MAX_CODE_BYTES:
            raise RequestError(413, f"the request is {int(declared):,} bytes; POST /api/code takes at most "
                                    f"{MAX_CODE_BYTES:,} (code longer texts with `newsevents code`)")
        body = bytearray()
        async for chunk in request.stream():
            body += chunk
            if len(body) > MAX_CODE_BYTES:
                raise RequestError(413, f"the request is over {MAX_CODE_BYTES:,} bytes; POST /api/code takes at "
                                        "most that (code longer texts with `newsevents code`)")
        try:
            req = models.CodeRequest.model_validate_json(bytes(body))  # JSON mode: dates only as strings
        except ValidationError as exc:
            raise RequestValidationError(_details(exc.errors())) from None
        return await run_in_threadpool(_code, req.text, req.report_date, code_lock)

    return app


def _code(text: str, report_date: date | None, lock: threading.Lock) -> dict:
    from ..pipeline import coder
    from ..records import Document

    doc = Document(id="pasted", text=text, report_date=report_date,
                   report_date_source="option" if report_date else None)
    with lock:  # one coder per process; spaCy pipelines are not meant to be shared across threads
        [(coded, events)] = list(coder().code_documents([doc]))
    out = []
    for e in events:
        d = e.to_dict()
        d["code_name"] = queries.code_name(e.code)
        out.append(d)
    return {"text": coded.text, "report_date": coded.report_date.isoformat() if coded.report_date else None,
            "events": out}


def _version() -> str:
    from .. import __version__

    return __version__
