"""The store: one DuckDB file with documents, events, mentions and actors; idempotent and resumable.

Tables (created and upgraded by the numbered migrations below, recorded in `migrations`):

    documents  one row per input document: `doc_key` (the content hash of its text; for a document
               that was skipped before it had text, a hash of its id, stage and reason), `doc_id`,
               `status` coded|skipped, `stage` and `reason` of a skip, metadata, `n_events`
    events     one row per event as coded in its document (DESIGN.md's record, flattened: source_*,
               target_*, location_*, the first mention's sentence), keyed by (doc_key, event_id); an event
               a document states more than once has several mentions and a merge_reason (merge.py)
    mentions   every statement of an event: sentence and trigger spans (event_id, doc_key)
    actors     the resolved actor on each side of each event, with the dictionary entries used
    runs       one row per ingest run: coder version, options and counts (reproducibility)
    merged_events, merge_keys  reports of one event across documents merged (merge_store.py), updated in
               each batch's transaction

Exactly once: a batch of documents, their events, mentions and actors is written in one transaction,
and a document is coded only if its key is not stored yet. A run killed at any moment loses at most the
batch in flight, which the next run codes again; nothing is ever stored twice.

Readers and the writer: DuckDB lets one process hold the file, and while a writer holds it no other
process can open it, not even read-only. So nobody holds it for long: the writer opens the file for
each batch (look up which documents are new, write the previous batch, commit, close: tens of
milliseconds) and codes the next batch with the file closed; readers (`query`, `export`, the web page,
`newsevents.open()` in a notebook) open it read-only per request and close it when the result is in
memory. Whoever finds the file locked retries with a short backoff (readers for `read_timeout`
seconds, the writer for `write_timeout`), so a query during a long ingest waits at most one batch write.
Reads see the batches committed so far.

One writer: an ingest holds `FILE.lock` (an advisory lock the system drops when the process ends, even
by kill -9) for its whole run, so a second ingest on the same file stops at once with a message instead
of coding everything twice. A write that fails (disk full, a read-only file) rolls back its transaction:
the batches committed before stay, and the error says so.
"""

from __future__ import annotations

import json
import os
import random
import signal
import threading
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Callable, Iterator, Sequence

from .errors import NewsEventsError
from . import merge_store
from .merge import event_key, merge_reason_of
from .records import Document, Event, Skip, stable_id

SCHEMA_VERSION = 3
READ_TIMEOUT = 30.0  # seconds a reader waits for a writer to let go of the file
WRITE_TIMEOUT = 600.0  # seconds the writer waits for readers (a long analytical query)
INSERT_CHUNK = 400  # rows per INSERT statement

_ACTOR_COLUMNS = ("code", "name", "country", "role", "text", "person", "org")
EVENT_COLUMNS = (
    ["event_id", "doc_key", "doc_id", "code", "root_code", "quad_class", "goldstein", "plover"]
    + [f"{side}_{c}" for side in ("source", "target") for c in _ACTOR_COLUMNS]
    + ["date", "date_precision", "report_date", "modality", "attribution",
       "location_name", "location_country", "location_lat", "location_lon", "location_feature", "location_rule",
       "sentence", "sentence_start", "sentence_end", "trigger", "rule", "rule_detail", "confidence", "coder",
       "options_hash", "num_mentions", "num_sources", "num_articles", "ingested_at", "merge_reason"]
)
DOCUMENT_COLUMNS = ["doc_key", "content_hash", "doc_id", "status", "stage", "reason", "title", "url", "report_date",
                    "report_date_source", "source_name", "lang", "dateline_place", "n_chars", "n_events", "meta",
                    "run_id", "ingested_at", "text"]
MENTION_COLUMNS = ["event_id", "doc_key", "doc_id", "sentence", "sentence_start", "sentence_end", "trigger_start",
                   "trigger_end", "trigger"]
ACTOR_COLUMNS = ["event_id", "doc_key", "side", "text", "name", "code", "country", "role", "person", "org",
                 "span_start", "span_end", "rules"]

_ACTOR_DDL = ", ".join(f"{side}_{c} VARCHAR" for side in ("source", "target") for c in _ACTOR_COLUMNS)
MIGRATIONS: list[tuple[int, str, list[str]]] = [
    (1, "documents, events, mentions, actors, runs", [
        """CREATE TABLE documents (doc_key VARCHAR PRIMARY KEY, content_hash VARCHAR, doc_id VARCHAR NOT NULL,
            status VARCHAR NOT NULL, stage VARCHAR, reason VARCHAR, title VARCHAR, url VARCHAR, report_date DATE,
            report_date_source VARCHAR, source_name VARCHAR, lang VARCHAR, dateline_place VARCHAR,
            n_chars INTEGER, n_events INTEGER, meta JSON, run_id VARCHAR, ingested_at TIMESTAMP)""",
        f"""CREATE TABLE events (event_id VARCHAR NOT NULL, doc_key VARCHAR NOT NULL, doc_id VARCHAR NOT NULL,
            code VARCHAR NOT NULL, root_code VARCHAR, quad_class TINYINT, goldstein DOUBLE, plover VARCHAR,
            {_ACTOR_DDL}, date DATE, date_precision VARCHAR, report_date DATE, modality VARCHAR,
            attribution VARCHAR, location_name VARCHAR, location_country VARCHAR, location_lat DOUBLE,
            location_lon DOUBLE, location_feature VARCHAR, location_rule VARCHAR, sentence VARCHAR,
            sentence_start INTEGER, sentence_end INTEGER, trigger VARCHAR, rule VARCHAR, rule_detail VARCHAR[],
            confidence DOUBLE, coder VARCHAR, options_hash VARCHAR, num_mentions INTEGER, num_sources INTEGER,
            num_articles INTEGER, merge_reason VARCHAR, ingested_at TIMESTAMP)""",
        """CREATE TABLE mentions (event_id VARCHAR NOT NULL, doc_key VARCHAR NOT NULL, doc_id VARCHAR,
            sentence VARCHAR, sentence_start INTEGER, sentence_end INTEGER, trigger_start INTEGER,
            trigger_end INTEGER, trigger VARCHAR)""",
        """CREATE TABLE actors (event_id VARCHAR NOT NULL, doc_key VARCHAR NOT NULL, side VARCHAR NOT NULL,
            text VARCHAR, name VARCHAR, code VARCHAR, country VARCHAR, role VARCHAR, person VARCHAR, org VARCHAR,
            span_start INTEGER, span_end INTEGER, rules VARCHAR[])""",
        """CREATE TABLE runs (run_id VARCHAR PRIMARY KEY, started_at TIMESTAMP, finished_at TIMESTAMP,
            coder VARCHAR, options_hash VARCHAR, options JSON, inputs JSON, counts JSON)""",
    ]),
    # the article view (web page, /api/documents) shows the text with its actor and event spans
    (2, "documents.text", ["ALTER TABLE documents ADD COLUMN text VARCHAR"]),
    # the cross-document merge (merge.py, merge_store.py): merge keys and the merged events table
    (3, "merge_keys, merged_events", merge_store.MIGRATION),
]
_AFTER_MIGRATION = {3: merge_store.backfill}  # Python steps run inside a migration's transaction


class StoreError(NewsEventsError):
    """The store cannot be opened, is busy for too long, or a query on it failed."""


def _now() -> datetime:
    return datetime.now(timezone.utc).replace(tzinfo=None)


def _is_lock_error(exc: Exception) -> bool:
    text = str(exc).lower()
    return "lock" in text and ("conflicting" in text or "could not set" in text)


def connect(path: str | Path, *, read_only: bool, timeout: float):
    """A DuckDB connection to `path`, retrying with backoff while another process holds the file."""
    import duckdb

    deadline = time.monotonic() + timeout
    delay = 0.01
    while True:
        try:
            return duckdb.connect(str(path), read_only=read_only)
        except duckdb.IOException as exc:
            if not _is_lock_error(exc):
                hint = "" if read_only else "; check that the file and its folder are writable and the disk is not full"
                raise StoreError(f"{path}: cannot open the database: {' '.join(str(exc).split())[:300]}{hint}") from None
            if time.monotonic() >= deadline:
                who = "an ingest is writing to it" if read_only else "another process is using it"
                raise StoreError(f"{path}: busy for {timeout:.0f} s ({who}); try again when it has finished") from None
        time.sleep(delay * (0.5 + random.random()))
        delay = min(delay * 2, 0.25)


@contextmanager
def _signals_deferred() -> Iterator[None]:
    """SIGINT and SIGTERM held back (delivered on leaving) while the main thread is inside the block."""
    if not hasattr(signal, "pthread_sigmask") or threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT, signal.SIGTERM})
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


@dataclass
class Entry:
    """One input document ready to store: coded (with its events) or skipped (with stage and reason)."""

    key: str
    doc_id: str
    status: str  # coded | skipped
    document: Document | None = None
    events: list[Event] = field(default_factory=list)
    stage: str | None = None
    reason: str | None = None
    content_hash: str | None = None


def skip_key(skip: Skip) -> str:
    return stable_id("skip", skip.doc_id, skip.stage, skip.reason, length=32)


def duplicate_key(doc_id: str, content_hash: str) -> str:
    return stable_id("duplicate", doc_id, content_hash, length=32)


def coded_entry(doc: Document, events: list[Event]) -> Entry:
    return Entry(key=doc.content_hash, doc_id=doc.id, status="coded", document=doc, events=events,
                 content_hash=doc.content_hash)


def skipped_entry(skip: Skip, key: str | None = None, content_hash: str | None = None) -> Entry:
    return Entry(key=key or skip_key(skip), doc_id=skip.doc_id, status="skipped", stage=skip.stage,
                 reason=skip.reason, content_hash=content_hash)


def _actor_values(actor) -> list:
    return [getattr(actor, c) if actor else None for c in _ACTOR_COLUMNS]


def _event_row(e: Event, key: str, options_hash: str | None, now: datetime) -> list:
    loc, m = e.location, e.mentions[0] if e.mentions else None
    return ([e.event_id, key, e.doc_id, e.code, e.root_code, e.quad_class, e.goldstein, e.plover]
            + _actor_values(e.source) + _actor_values(e.target)
            + [e.date, e.date_precision, e.report_date, e.modality, e.attribution,
               loc.name if loc else None, loc.country if loc else None, loc.lat if loc else None,
               loc.lon if loc else None, loc.feature if loc else None, loc.rule if loc else None,
               m.sentence if m else None, m.start if m else None, m.end if m else None, m.trigger if m else None,
               e.rule, list(e.rule_detail), e.confidence, e.coder, options_hash, len(e.mentions),
               1, len({x.doc_id for x in e.mentions}) or 1, now, merge_reason_of(e.rule_detail)])


def _insert(con, table: str, columns: Sequence[str], rows: list[list]) -> None:
    placeholders = "(" + ", ".join("?" * len(columns)) + ")"
    names = ", ".join(columns)
    for i in range(0, len(rows), INSERT_CHUNK):
        chunk = rows[i : i + INSERT_CHUNK]
        con.execute(f"INSERT INTO {table} ({names}) VALUES " + ", ".join([placeholders] * len(chunk)),
                    [v for row in chunk for v in row])


class Store:
    """A newsevents DuckDB file. Opens it per operation (see the module's note on readers and the writer)."""

    def __init__(self, path: str | Path, *, read_timeout: float = READ_TIMEOUT, write_timeout: float = WRITE_TIMEOUT):
        self.path = Path(path)
        self.read_timeout = read_timeout
        self.write_timeout = write_timeout
        self._migrated = False

    def __repr__(self) -> str:
        return f"Store({str(self.path)!r})"

    # -- opening ----------------------------------------------------------------------------------------
    @contextmanager
    def reading(self) -> Iterator[Any]:
        """A read-only connection, held only inside the `with` block."""
        if not self.path.exists():
            raise StoreError(f"{self.path}: no such database; create it with `newsevents ingest PATH --db {self.path}`")
        con = connect(self.path, read_only=True, timeout=self.read_timeout)
        try:
            version = self._version(con)
            if version is None:
                raise StoreError(f"{self.path}: not a newsevents database (it has no migrations table)")
            if version > SCHEMA_VERSION:
                raise StoreError(f"{self.path}: written by a newer newsevents (schema {version}); upgrade newsevents")
            yield con
        finally:
            con.close()

    def _check_folder(self) -> None:
        folder = self.path.parent
        if not folder.is_dir():
            raise StoreError(f"{self.path}: the folder {folder} does not exist; create it (mkdir -p {folder}) "
                             "or give another --db")

    @contextmanager
    def writer(self) -> Iterator[None]:
        """The right to write, held for a whole run: a second writer is refused with a message."""
        self._check_folder()
        lock = self.path.with_name(self.path.name + ".lock")
        try:
            import fcntl
        except ImportError:  # pragma: no cover - not POSIX: DuckDB's own lock still keeps writes whole
            yield
            return
        try:
            fd = os.open(lock, os.O_RDWR | os.O_CREAT, 0o644)
        except OSError as exc:
            raise StoreError(f"{self.path}: cannot write next to it ({lock}: {exc.strerror}); check that the "
                             "folder is writable") from None
        try:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                holder = os.pread(fd, 200, 0).decode("utf-8", "replace").strip() or "another process"
                raise StoreError(f"{self.path}: another ingest is writing to it ({holder}); wait for it to "
                                 "finish, or give another --db") from None
            os.ftruncate(fd, 0)
            os.pwrite(fd, f"pid {os.getpid()}, since {_now():%Y-%m-%d %H:%M:%S} UTC\n".encode(), 0)
            yield
        finally:
            os.close(fd)  # releases the lock

    @contextmanager
    def writing(self) -> Iterator[Any]:
        """A read-write connection (schema created or upgraded on first use), held only inside the block.

        A failure of the file system (disk full, file not writable) is a StoreError that says what to do."""
        import duckdb

        self._check_folder()
        con = connect(self.path, read_only=False, timeout=self.write_timeout)
        try:
            with _signals_deferred():  # Ctrl-C lands after the commit and the checkpoint, not inside them
                try:
                    if not self._migrated:
                        self.migrate(con)
                        self._migrated = True
                    yield con
                finally:
                    con.close()  # a checkpoint: it writes too
        except (duckdb.IOException, duckdb.FatalException, duckdb.TransactionException, OSError) as exc:
            message = " ".join(str(exc).split())[:300]
            raise StoreError(f"{self.path}: cannot write ({message}); the batches committed before are kept: "
                             "free disk space or fix the file's permissions, then run again to go on") from None

    @staticmethod
    def _version(con) -> int | None:
        found = con.execute("SELECT count(*) FROM information_schema.tables WHERE table_name = 'migrations' "
                            "AND table_schema = 'main'").fetchone()
        if not found or not found[0]:
            return None
        row = con.execute("SELECT max(version) FROM migrations").fetchone()
        return int(row[0]) if row and row[0] is not None else 0

    def migrate(self, con) -> int:
        """Apply the migrations this file lacks, each in its own transaction; returns the schema version."""
        version = self._version(con)
        if version is None:
            if con.execute("SELECT count(*) FROM information_schema.tables WHERE table_schema = 'main'").fetchone()[0]:
                raise StoreError(f"{self.path}: a DuckDB file of something else (it has tables but no "
                                 "migrations table); give a new file to --db")
            con.execute("CREATE TABLE IF NOT EXISTS migrations (version INTEGER PRIMARY KEY, name VARCHAR, "
                        "applied_at TIMESTAMP)")
            version = 0
        if version > SCHEMA_VERSION:
            raise StoreError(f"{self.path}: written by a newer newsevents (schema {version}); upgrade newsevents")
        for number, name, statements in MIGRATIONS:
            if number <= version:
                continue
            con.execute("BEGIN TRANSACTION")
            try:
                for sql in statements:
                    con.execute(sql)
                if number in _AFTER_MIGRATION:
                    _AFTER_MIGRATION[number](con)
                con.execute("INSERT INTO migrations VALUES (?, ?, ?)", [number, name, _now()])
                con.execute("COMMIT")
            except Exception:
                con.execute("ROLLBACK")
                raise
            version = number
        return version

    # -- writing ----------------------------------------------------------------------------------------
    @staticmethod
    def existing(con, keys: Sequence[str]) -> dict[str, str]:
        """Which of these document keys are stored already: key -> doc_id."""
        if not keys:
            return {}
        rows = con.execute("SELECT doc_key, doc_id FROM documents WHERE doc_key IN (SELECT unnest(?))",
                           [list(keys)]).fetchall()
        return dict(rows)

    @staticmethod
    def write(con, entries: Sequence[Entry], run_id: str | None = None,
              options_hash: str | None = None) -> tuple[int, int]:
        """Store entries in one transaction; entries already stored are left alone. -> (documents, events)."""
        if not entries:
            return 0, 0
        now = _now()
        con.execute("BEGIN TRANSACTION")
        try:
            stored = Store.existing(con, [e.key for e in entries])
            docs, events, mentions, actors, keys = [], [], [], [], []
            for entry in entries:
                if entry.key in stored:
                    continue
                stored[entry.key] = entry.doc_id
                d = entry.document
                unique = list({e.event_id: e for e in entry.events}.values())
                docs.append([entry.key, entry.content_hash, entry.doc_id, entry.status, entry.stage, entry.reason,
                             d.title if d else None, d.url if d else None, d.report_date if d else None,
                             d.report_date_source if d else None, d.source_name if d else None,
                             d.lang if d else None, d.dateline_place if d else None,
                             len(d.text) if d else None, len(unique) if d else None,
                             json.dumps(d.meta, default=str, ensure_ascii=False) if d and d.meta else None,
                             run_id, now, d.text if d else None])
                for e in unique:
                    events.append(_event_row(e, entry.key, options_hash, now))
                    keys.append((entry.key, e.event_id, event_key(e)))
                    for m in e.mentions:
                        mentions.append([e.event_id, entry.key, m.doc_id, m.sentence, m.start, m.end,
                                         m.trigger_start, m.trigger_end, m.trigger])
                    for side, a in (("source", e.source), ("target", e.target)):
                        if a is not None:
                            actors.append([e.event_id, entry.key, side, a.text, a.name, a.code, a.country, a.role,
                                           a.person, a.org, a.start, a.end, list(a.rules)])
            _insert(con, "documents", DOCUMENT_COLUMNS, docs)
            _insert(con, "events", EVENT_COLUMNS, events)
            _insert(con, "mentions", MENTION_COLUMNS, mentions)
            _insert(con, "actors", ACTOR_COLUMNS, actors)
            merge_store.update(con, keys)  # the cross-document merged events, in the same transaction
            con.execute("COMMIT")
        except BaseException:
            try:
                con.execute("ROLLBACK")
            except Exception:  # noqa: BLE001 - a connection a fatal error closed has rolled back already
                pass
            raise
        return len(docs), len(events)

    # -- reading ----------------------------------------------------------------------------------------
    def execute(self, sql: str, params: Sequence[Any] | None = None, fetch: Callable[[Any], Any] | None = None,
                prepare: Callable[[Any], None] | None = None) -> Any:
        """Run one query read-only: (column names, rows), or `fetch(cursor)` (e.g. a DataFrame)."""
        import duckdb

        with self.reading() as con:
            try:
                if prepare:
                    prepare(con)
                cursor = con.execute(sql, list(params or []))
                if fetch:
                    return fetch(cursor)
                columns = [d[0] for d in cursor.description or []]
                return columns, cursor.fetchall()
            except duckdb.Error as exc:
                message = " ".join(str(exc).split())[:400]
                if "read-only" in message:
                    raise StoreError(f"refused: readers open the store read-only ({message}); it changes only "
                                     "through `newsevents ingest`") from None
                raise StoreError(f"query failed: {message}") from None

    def counts(self) -> dict[str, Any]:
        """Documents by status, skipped documents by reason, events: what the store holds."""
        with self.reading() as con:
            by_status = dict(con.execute("SELECT status, count(*) FROM documents GROUP BY ALL").fetchall())
            reasons = dict(con.execute("SELECT stage || ': ' || reason, count(*) FROM documents "
                                       "WHERE status = 'skipped' GROUP BY ALL ORDER BY 2 DESC").fetchall())
            events = con.execute("SELECT count(*) FROM events").fetchone()[0]
        return {"documents": sum(by_status.values()), "coded": by_status.get("coded", 0),
                "skipped": by_status.get("skipped", 0), "skip_reasons": reasons, "events": events}
