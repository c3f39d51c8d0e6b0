"""Ingest a corpus into the store: read, skip what is stored already, code the rest, write in batches.

    ingest(paths, db, IngestOptions(...), progress=callback) -> IngestSummary

Per batch the store file is opened once: the previous batch's results are written (one transaction) and
the keys of the current batch are looked up, so only new documents are coded; coding then runs with the
file closed, which is when readers get in (see store.py). Killed at any moment, a run loses at most the
batch in flight; the next run codes it again and stores everything exactly once.
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
    from ..pipeline import CODER_VERSION, Options, coder

    options = options or IngestOptions()
    coder_options = options.coder or Options()
    store = store or Store(db)
    summary = IngestSummary()
    run_id = uuid.uuid4().hex[:16]
    paths = list(paths)
    items = read_paths(paths, stdin=stdin, options=options.read)  # raises InputError for a missing path now
    first = next(items, None)
    model = model if model is not None else coder(coder_options)
    started = time.monotonic()  # documents/s counts reading, coding and writing, not loading the model
    with store.writing() as con:
        con.execute("INSERT INTO runs (run_id, started_at, coder, options_hash, options, inputs) VALUES "
                    "(?, current_timestamp, ?, ?, ?, ?)",
                    [run_id, CODER_VERSION, coder_options.fingerprint(),
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
                store.write(con, pending, run_id, coder_options.fingerprint())
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
            store.write(con, pending, run_id, coder_options.fingerprint())
            pending = []
            summary.seconds = time.monotonic() - started
            con.execute("UPDATE runs SET finished_at = current_timestamp, counts = ? WHERE run_id = ?",
                        [json.dumps(summary.as_dict()), run_id])
    except KeyboardInterrupt:
        if pending:  # keep what was coded; the rest is picked up by the next run
            with store.writing() as con:
                store.write(con, pending, run_id, coder_options.fingerprint())
        raise
    tick()
    return summary


def _code(model, docs: list[Document]) -> Iterator[Entry]:
    """Coded entries for docs; if coding the batch fails, each document alone, a failing one a Skip."""
    try:
        results = list(model.code_documents(docs))
    except Exception:  # noqa: BLE001 - one bad document must not stop a corpus; find it below
        results = None
    if results is not None:
        for doc, events in results:
            yield coded_entry(doc, events)
        return
    for doc in docs:
        try:
            [(coded, events)] = list(model.code_documents([doc]))
        except Exception as exc:  # noqa: BLE001 - recorded as the document's skip reason
            message = " ".join(f"{type(exc).__name__}: {exc}".split())[:300]
            yield skipped_entry(Skip(doc.id, "code", f"coder error: {message}"), content_hash=doc.content_hash)
            continue
        yield coded_entry(coded, events)


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
