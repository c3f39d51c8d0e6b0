"""Reading a store: event filters, read-only SQL, and `newsevents.open()` for notebooks.

    >>> import newsevents
    >>> ds = newsevents.open("events.duckdb")
    >>> ds.events(country="SYR", code="19", since="2011-01-01")         # a pandas DataFrame
    >>> ds.sql("SELECT source_country, count(*) n FROM events GROUP BY 1 ORDER BY n DESC", frame="polars")

Every call opens the file read-only, reads the result into memory and closes it again, so a notebook
never keeps an ingest from writing (see store.py). Frames: "pandas" (needs pandas), "polars" (needs
polars), "rows" (a list of dicts, needs nothing).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any, Callable, Sequence

from .errors import UsageError
from .records import MODALITIES
from .store import Store, StoreError

FRAMES = ("pandas", "polars", "rows")
_ALLOWED_STATEMENTS = {"SELECT", "EXPLAIN"}


@dataclass(frozen=True)
class EventFilter:
    """The filters of `newsevents query` (DESIGN.md), as SQL over the events table (alias e)."""

    actor: str | None = None  # text in either actor's name, code, person or words in the article
    country: str | None = None  # ISO 3166-1 alpha-3 of either actor or of the place
    code: str | None = None  # CAMEO code prefix: "19" (fight), "036"
    modality: str | None = None
    since: date | None = None  # event date (report date when the text gives none), inclusive
    until: date | None = None

    def where(self) -> tuple[str, list[Any]]:
        clauses: list[str] = []
        params: list[Any] = []
        if self.actor:
            parts = [f"e.{side}_{c} ILIKE ?" for side in ("source", "target")
                     for c in ("name", "code", "person", "text")]
            clauses.append("(" + " OR ".join(parts) + ")")
            params += [f"%{self.actor}%"] * len(parts)
        if self.country:
            iso3 = self.country.strip().upper()
            if len(iso3) != 3 or not iso3.isalpha():
                raise UsageError(f"--country {self.country!r}: give an ISO 3166-1 alpha-3 code such as SYR or USA")
            clauses.append("(e.source_country = ? OR e.target_country = ? OR e.location_country = ?)")
            params += [iso3] * 3
        if self.code:
            if not self.code.isdigit():
                raise UsageError(f"--code {self.code!r}: give a CAMEO code or prefix of digits such as 19 or 036")
            clauses.append("starts_with(e.code, ?)")
            params.append(self.code)
        if self.modality:
            if self.modality not in MODALITIES:
                raise UsageError(f"--modality {self.modality!r}: use one of {', '.join(MODALITIES)}")
            clauses.append("e.modality = ?")
            params.append(self.modality)
        for bound, op in ((self.since, ">="), (self.until, "<=")):
            if bound is not None:
                clauses.append(f"coalesce(e.date, e.report_date) {op} ?")
                params.append(_as_date(bound))
        return " AND ".join(clauses), params


def _as_date(value: date | str) -> date:
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise UsageError(f"{value!r} is not a date; use YYYY-MM-DD") from None


def check_read_only(sql: str) -> None:
    """Refuse anything but one SELECT (WITH ..., SHOW, DESCRIBE, SUMMARIZE) or EXPLAIN, with a clear message."""
    import duckdb

    try:
        statements = duckdb.extract_statements(sql)
    except duckdb.Error as exc:
        raise StoreError(f"--sql: {' '.join(str(exc).split())[:300]}") from None
    if len(statements) != 1:
        raise UsageError(f"--sql takes one statement, not {len(statements)}; run them one at a time")
    kind = statements[0].type.name
    if kind not in _ALLOWED_STATEMENTS:
        raise UsageError(f"--sql is read-only: {kind} statements are refused. Use SELECT (or WITH, SHOW, "
                         "DESCRIBE, EXPLAIN); the store changes only through `newsevents ingest`")


def _fetch(frame: str) -> Callable[[Any], Any]:
    """How to turn a DuckDB result into the frame asked for (pandas straight from DuckDB, the fastest)."""
    if frame == "pandas":
        try:
            import pandas  # noqa: F401 - DuckDB's .df() needs it
        except ImportError:
            raise StoreError("pandas is not installed: `pip install pandas` (or newsevents[frames]), "
                             "or ask for frame='rows'") from None
        return lambda cursor: cursor.df()
    if frame == "polars":
        try:
            import polars as pl
        except ImportError:
            raise StoreError("polars is not installed: `pip install polars` (or newsevents[frames]), "
                             "or ask for frame='rows'") from None
        # DuckDB's .pl() needs pyarrow; rows need nothing more than polars itself
        return lambda cursor: pl.DataFrame(cursor.fetchall(), schema=[d[0] for d in cursor.description],
                                           orient="row", infer_schema_length=None)
    if frame == "rows":
        return lambda cursor: [dict(zip([d[0] for d in cursor.description], row)) for row in cursor.fetchall()]
    raise UsageError(f"unknown frame {frame!r}; use one of {', '.join(FRAMES)}")


class Dataset:
    """A newsevents store opened for reading (each call holds the file only while it runs)."""

    def __init__(self, path: str | Path, read_timeout: float = 30.0):
        self.store = Store(path, read_timeout=read_timeout)
        if not self.store.path.exists():
            raise StoreError(f"{path}: no such database; create it with `newsevents ingest PATH --db {path}`")

    def __repr__(self) -> str:
        return f"newsevents.open({str(self.store.path)!r})"

    def sql(self, query: str, params: Sequence[Any] | None = None, frame: str = "pandas"):
        """Run one read-only query (SELECT ...) and return its result as a frame."""
        check_read_only(query)
        return self.store.execute(query, params, fetch=_fetch(frame))

    def events(self, actor: str | None = None, country: str | None = None, code: str | None = None,
               modality: str | None = None, since: date | str | None = None, until: date | str | None = None,
               limit: int | None = None, layout: str = "native", frame: str = "pandas", level: str = "mention"):
        """Events matching the filters of `newsevents query`, in the native, gdelt or icews layout; `level`
        "mention" gives events as coded in each document, "event" reports merged across documents."""
        from .exports import lookup_tables, select_sql

        flt = EventFilter(actor, country, code, modality, _as_date(since) if since else None,
                          _as_date(until) if until else None)
        where, params = flt.where()
        return self.store.execute(select_sql(layout, where=where, limit=limit, level=level), params, fetch=_fetch(frame),
                                  prepare=lookup_tables if layout != "native" else None)

    def documents(self, status: str | None = None, frame: str = "pandas"):
        """The documents table (coded and skipped ones, or those of one status)."""
        where = "WHERE status = ?" if status else ""
        return self.store.execute(f"SELECT * FROM documents {where} ORDER BY ingested_at, doc_id",
                                  [status] if status else [], fetch=_fetch(frame))

    def skipped(self, frame: str = "pandas"):
        """Skipped documents with the stage and reason."""
        return self.store.execute("SELECT doc_id, stage, reason, ingested_at FROM documents "
                                  "WHERE status = 'skipped' ORDER BY ingested_at, doc_id", fetch=_fetch(frame))

    def counts(self) -> dict[str, Any]:
        """Documents (coded, skipped by reason) and events in the store."""
        return self.store.counts()


def open(path: str | Path, read_timeout: float = 30.0) -> Dataset:  # newsevents.open, like io.open
    """Open a store for reading in a notebook or script: `newsevents.open("events.duckdb").events(...)`."""
    return Dataset(path, read_timeout=read_timeout)
