"""Ingest a corpus into the store: read, skip what is stored already, code the rest, write in batches.

    ingest(paths, db, IngestOptions(...), progress=callback) -> IngestSummary

Per batch the store file is opened once: the previous batch's results are written (one transaction) and
the keys of the current batch are looked up, so only new documents are coded; coding then runs with the
file closed, which is when readers get in (see store.py). Killed at any moment, a run loses at most the
batch in flight; the next run codes it again and stores everything exactly once. Interrupted (Ctrl-C),
it stores what it has coded, records the run's counts and raises `IngestInterrupted` with the summary.

Nothing a document holds stops a run: a document the coder fails on, or one the store cannot take, is
stored as skipped with the reason; text too long to be sentences is not coded (clean.py) and says so.
"""

from __future__ import annotations

import json
import sys
import time
import uuid
from collections import Counter
from dataclasses import asdict, dataclass, field
from itertools import islice
from typing import IO, TYPE_CHECKING, Callable, Iterable, Iterator

from ..clean import MAX_SENTENCE_CHARS
from ..records import Document, Skip
from ..store import Entry, Store, coded_entry, duplicate_key, skipped_entry
from . import ReadOptions, read_paths

if TYPE_CHECKING:
    from ..pipeline import Options


@dataclass(frozen=True)
class IngestOptions:
    read: ReadOptions = field(default_factory=ReadOptions)
    coder: Options | None = None  # the coder's options; None for the defaults
    batch_size: int = 64  # documents per transaction


class IngestInterrupted(KeyboardInterrupt):
    """Ctrl-C (or SIGTERM from the command line) stopped a run; what was coded is stored. `summary` says how far."""

    def __init__(self, summary: "IngestSummary"):
        super().__init__("interrupted")
        self.summary = summary


@dataclass
class IngestSummary:
    """What a run did: every document read is counted in exactly one of the other numbers."""

    read: int = 0
    coded: int = 0  # newly coded and stored
    already: int = 0  # stored by an earlier run (or earlier in this one): left alone
    duplicates: int = 0  # same text as a stored document under another id: stored as a skip
    skipped: Counter = field(default_factory=Counter)  # newly stored skips by reason category
    events: int = 0  # newly stored events
    seconds: float = 0.0

    def docs_per_second(self) -> float:
        return self.read / self.seconds if self.seconds > 0 else 0.0

    def as_dict(self) -> dict:
        d = asdict(self)
        d["skipped"] = dict(self.skipped)
        return d

    def lines(self) -> list[str]:
        lines = [(f"read {self.read} document(s) in {self.seconds:.1f} s ({self.docs_per_second():.1f}/s): "
                  f"coded {self.coded}, already stored {self.already}, duplicates {self.duplicates}, "
                  f"skipped {sum(self.skipped.values())}; events {self.events}")]
        for reason, n in self.skipped.most_common():
            lines.append(f"  skipped {n:>6}  {reason}")
        return lines


def reason_category(stage: str, reason: str) -> str:
    """A skip reason without its particulars: `language:fr`, `decode: binary`, `read: too long`."""
    if reason.startswith("language:"):
        return reason.split()[0]
    return f"{stage}: {reason.split(':', 1)[0].strip()}"


def _batches(items: Iterable, size: int) -> Iterator[list]:
    it = iter(items)
    while batch := list(islice(it, size)):
        yield batch


def ingest(paths: Iterable[str], db: str, options: IngestOptions | None = None,
           progress: Callable[[IngestSummary], None] | None = None, stdin: IO[bytes] | None = None,
           store: Store | None = None, model=None) -> IngestSummary:
    """Code every document under `paths` into the DuckDB file `db`; safe to re-run and to resume.

    `model` codes the documents: this process's Coder by default, or a `scale.ParallelCoder` (worker
    processes or a Dask cluster; this process stays the one writer)."""
    from ..pipeline import Options, coder

    options = options or IngestOptions()
    coder_options = options.coder or Options()
    store = store or Store(db)
    summary = IngestSummary()
    run_id = uuid.uuid4().hex[:16]
    paths = list(paths)
    with store.writer():  # one ingest per file: a second one is refused at once, with a message
        items = read_paths(paths, stdin=stdin, options=options.read)
        first = next(items, None)  # raises InputError for a missing path now
        model = model if model is not None else coder(coder_options)
        started = time.monotonic()  # documents/s counts reading, coding and writing, not loading the model
        _run(store, items, first, model, run_id, paths, options, coder_options, summary, started, progress)
    return summary


def _run(store: Store, items: Iterator, first, model, run_id: str, paths: list[str], options: IngestOptions,
         coder_options, summary: IngestSummary, started: float,
         progress: Callable[[IngestSummary], None] | None) -> None:
    from ..pipeline import CODER_VERSION

    fingerprint = coder_options.fingerprint()
    with store.writing() as con:
        con.execute("INSERT INTO runs (run_id, started_at, coder, options_hash, options, inputs) VALUES "
                    "(?, current_timestamp, ?, ?, ?, ?)",
                    [run_id, CODER_VERSION, fingerprint,
                     json.dumps(asdict(coder_options), default=str), json.dumps(paths)])

    def tick() -> None:
        summary.seconds = time.monotonic() - started
        if progress:
            progress(summary)

    pending: list[Entry] = []
    stream = items if first is None else _chain(first, items)
    try:
        for batch in _batches(stream, options.batch_size):
            with store.writing() as con:
                _write(store, con, pending, run_id, fingerprint, summary)
                pending = []
                keys = []
                for item in batch:
                    if isinstance(item, Document):
                        keys += [item.content_hash, duplicate_key(item.id, item.content_hash)]
                    else:
                        keys.append(skipped_entry(item).key)
                stored = store.existing(con, keys)
            to_code: list[Document] = []
            for item in batch:
                summary.read += 1
                entry = _classify(item, stored, summary)
                if entry is None:
                    continue
                if entry.status == "coded":
                    to_code.append(item)  # type: ignore[arg-type]
                else:
                    pending.append(entry)
            for entry in _code(model, to_code):
                pending.append(entry)
                if entry.status == "coded":
                    summary.coded += 1
                    summary.events += len({e.event_id for e in entry.events})
                else:
                    summary.skipped[reason_category(entry.stage or "", entry.reason or "")] += 1
                tick()
            tick()
        with store.writing() as con:
            _write(store, con, pending, run_id, fingerprint, summary)
            pending = []
            summary.seconds = time.monotonic() - started
            con.execute("UPDATE runs SET finished_at = current_timestamp, counts = ? WHERE run_id = ?",
                        [json.dumps(summary.as_dict()), run_id])
    except KeyboardInterrupt:
        # Keep what was coded (a write the interrupt cut short was rolled back: it is written again here);
        # the documents not stored are picked up by the next run.
        with store.writing() as con:
            _write(store, con, pending, run_id, fingerprint, summary)
            summary.seconds = time.monotonic() - started
            con.execute("UPDATE runs SET counts = ? WHERE run_id = ?",
                        [json.dumps({**summary.as_dict(), "interrupted": True}), run_id])
        raise IngestInterrupted(summary) from None
    tick()


def _write(store: Store, con, entries: list[Entry], run_id: str, fingerprint: str, summary: IngestSummary) -> None:
    """Store entries in one transaction; if the store refuses the batch's data, each entry alone, and one
    it refuses is stored as skipped with the reason (a failing disk is not a data problem: it raises)."""
    try:
        store.write(con, entries, run_id, fingerprint)
        return
    except _DATA_ERRORS:
        if len(entries) == 1 and entries[0].status == "skipped":
            raise  # not even the skip can be stored: nothing more to try
    for entry in entries:
        try:
            store.write(con, [entry], run_id, fingerprint)
        except _DATA_ERRORS as exc:
            message = " ".join(f"{type(exc).__name__}: {exc}".split())[:300]
            skip = Skip(_printable(entry.doc_id), "store", f"cannot store: {message}")
            if entry.status == "coded":
                summary.coded -= 1
                summary.events -= len({e.event_id for e in entry.events})
            summary.skipped[reason_category(skip.stage, skip.reason)] += 1
            store.write(con, [skipped_entry(skip, key=entry.key, content_hash=entry.content_hash)], run_id, fingerprint)


def _data_errors() -> tuple[type[BaseException], ...]:
    import duckdb

    return (duckdb.InvalidInputException, duckdb.ConversionException, duckdb.ConstraintException,
            duckdb.OutOfRangeException, duckdb.TypeMismatchException, ValueError, TypeError, OverflowError)


_DATA_ERRORS = _data_errors()


def _printable(text: str) -> str:
    return text.encode("utf-8", "replace").decode("utf-8")


def _code(model, docs: list[Document]) -> Iterator[Entry]:
    """Coded entries for docs; if coding the batch fails, each document alone, a failing one a Skip."""
    try:
        results = list(model.code_documents(docs))
    except Exception:  # noqa: BLE001 - one bad document must not stop a corpus; find it below
        results = None
    if results is not None:
        for doc, (coded, events) in zip(docs, results):
            yield _entry(doc, coded, events)
        return
    for doc in docs:
        try:
            [(coded, events)] = list(model.code_documents([doc]))
        except Exception as exc:  # noqa: BLE001 - recorded as the document's skip reason
            message = " ".join(f"{type(exc).__name__}: {exc}".split())[:300]
            yield skipped_entry(Skip(doc.id, "code", f"coder error: {message}"), content_hash=doc.content_hash)
            continue
        yield _entry(doc, coded, events)


def _entry(doc: Document, coded: Document, events: list) -> Entry:
    """The entry of a coded document, keyed by the text as read; text too long to be sentences is noted
    (the reason of a coded document), and a document that is nothing else is a skip."""
    entry = coded_entry(coded, events)
    entry.key = entry.content_hash = doc.content_hash
    cut = [s for s in coded.segments if s.kind == "overlong"]
    if not cut:
        return entry
    longest = max(s.end - s.start for s in cut)
    what = (f"{len(cut)} stretch(es) without a sentence end not coded (longest {longest} characters, "
            f"limit {MAX_SENTENCE_CHARS})")
    if coded.body():
        entry.stage, entry.reason = "code", f"cut: {what}"
        return entry
    return skipped_entry(Skip(doc.id, "code", f"too long sentence: {what}"), key=doc.content_hash,
                         content_hash=doc.content_hash)


def _chain(first, rest: Iterator) -> Iterator:
    yield first
    yield from rest


def _classify(item: Document | Skip, stored: dict[str, str], summary: IngestSummary) -> Entry | None:
    """The entry to store for an input item, or None when it is stored already. Updates `stored`."""
    if isinstance(item, Skip):
        entry = skipped_entry(item)
        if entry.key in stored:
            summary.already += 1
            return None
        stored[entry.key] = item.doc_id
        summary.skipped[reason_category(item.stage, item.reason)] += 1
        return entry
    key = item.content_hash
    if key not in stored:
        stored[key] = item.id
        return Entry(key=key, doc_id=item.id, status="coded")
    if stored[key] == item.id:
        summary.already += 1
        return None
    dup = duplicate_key(item.id, key)
    if dup in stored:
        summary.already += 1
        return None
    stored[dup] = item.id
    summary.duplicates += 1
    return skipped_entry(Skip(item.id, "store", f"duplicate: same text as {stored[key]}"), key=dup, content_hash=key)


def print_summary(summary: IngestSummary, out: IO[str] | None = None) -> None:
    out = out or sys.stderr
    for line in summary.lines():
        print(f"newsevents: {line}" if not line.startswith(" ") else line, file=out)
