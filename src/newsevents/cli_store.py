"""The store's commands: `ingest`, `query` and `export` (a thin layer over ingest/run.py, dataset.py and
exports.py; cli.py registers them)."""

from __future__ import annotations

import argparse
import csv
import json
import signal
import sys
import time
from datetime import date
from typing import IO, Callable

from .errors import UsageError
from .records import MODALITIES


def add_parsers(sub, coder_options: Callable[[argparse.ArgumentParser], None], date_type: Callable[[str], date]) -> None:
    ing = sub.add_parser("ingest", help="code a corpus into a DuckDB file (resumable, exactly once)",
                         description="Code every document under PATH (files, folders, '-' for stdin; text, HTML, "
                                     "JSON Lines, CSV, WARC/ARC, gzip of any) into the DuckDB file --db. Re-running "
                                     "adds nothing twice; a killed run resumes where it stopped.")
    ing.add_argument("paths", nargs="+", metavar="PATH")
    ing.add_argument("--db", required=True, metavar="FILE.duckdb", help="the store (created if missing)")
    ing.add_argument("--input-format", choices=["auto", "text", "html", "jsonl", "csv", "warc"], default="auto")
    ing.add_argument("--text-column", default="text", metavar="NAME", help="CSV column holding the text (default: text)")
    ing.add_argument("--languages", default="en", metavar="LANG,...",
                     help="languages to code; other documents are skipped as language:xx (default: en; 'any' to code all)")
    ing.add_argument("--report-date", type=date_type, help="report date for every document, overriding their own (YYYY-MM-DD)")
    ing.add_argument("--batch-size", type=int, default=64, metavar="N", help="documents per transaction (default 64)")
    ing.add_argument("--quiet", action="store_true", help="no progress bar")
    from .scale import add_arguments as scale_arguments

    scale_arguments(ing)  # --workers N | --scheduler tcp://HOST:PORT
    coder_options(ing)

    q = sub.add_parser("query", help="events from a store, filtered, or read-only SQL",
                       description="Print events from the store matching all filters given, or the result of --sql.")
    q.add_argument("--db", required=True, metavar="FILE")
    q.add_argument("--actor", metavar="TEXT", help="text in either actor's name, code or words")
    q.add_argument("--country", metavar="ISO3", help="either actor's country or the event's place")
    q.add_argument("--code", metavar="PREFIX", help="CAMEO code prefix (19 = fight)")
    q.add_argument("--modality", choices=MODALITIES)
    q.add_argument("--since", type=date_type, metavar="DATE", help="event date on or after (YYYY-MM-DD)")
    q.add_argument("--until", type=date_type, metavar="DATE", help="event date on or before (YYYY-MM-DD)")
    q.add_argument("--limit", type=int, metavar="N", help="at most N rows (default: 100 for table, all otherwise)")
    q.add_argument("--format", choices=["table", "jsonl", "csv"], default="table")
    q.add_argument("--level", choices=["mention", "event"], default="mention",
                   help="mention: events as coded in each document (default); event: reports of one event "
                        "merged across documents, with num_mentions, num_sources, num_articles")
    q.add_argument("--sql", metavar="QUERY", help="one read-only SQL statement over the tables documents, events, "
                                                  "mentions, actors, runs (writes are refused)")

    ex = sub.add_parser("export", help="write all events to CSV, Parquet or JSON Lines",
                        description="Export the store's events; --layout gdelt or icews uses those datasets' columns.")
    ex.add_argument("--db", required=True, metavar="FILE")
    ex.add_argument("--format", choices=["csv", "parquet", "jsonl"], required=True)
    ex.add_argument("--layout", choices=["native", "gdelt", "icews"], default="native")
    ex.add_argument("--level", choices=["mention", "event"], default="mention",
                    help="mention: events as coded in each document (default); event: merged across documents")
    ex.add_argument("out", metavar="OUT", help="output file ('-' for stdout, csv and jsonl only)")


class Progress:
    """A one-line progress display on stderr: documents read and per second, coded, skipped, events."""

    def __init__(self, out: IO[str] | None = None, enabled: bool = True, interval: float = 0.25):
        out = out or sys.stderr
        self.out = out
        self.tty = enabled and hasattr(out, "isatty") and out.isatty()
        self.enabled = enabled
        self.interval = interval if self.tty else 30.0  # a log file gets a line every 30 s
        self.last = 0.0 if self.tty else time.monotonic()
        self.width = 0

    def __call__(self, s) -> None:
        now = time.monotonic()
        if not self.enabled or now - self.last < self.interval:
            return
        self.last = now
        line = (f"ingest: {s.read:,} docs  {s.docs_per_second():.1f} docs/s  coded {s.coded:,}  "
                f"skipped {sum(s.skipped.values()) + s.duplicates:,}  stored before {s.already:,}  events {s.events:,}")
        if self.tty:
            self.out.write("\r" + line.ljust(self.width))
            self.width = len(line)
        else:
            self.out.write(line + "\n")
        self.out.flush()

    def close(self) -> None:
        if self.tty and self.width:
            self.out.write("\r" + " " * self.width + "\r")
            self.out.flush()


def cmd_ingest(args) -> int:
    from .ingest import ReadOptions
    from .ingest.run import IngestInterrupted, IngestOptions, ingest, print_summary
    from .pipeline import Options

    if args.batch_size < 1:
        raise UsageError("--batch-size must be 1 or more")
    langs = () if args.languages.strip().lower() in ("any", "all", "") else tuple(
        x.strip().lower() for x in args.languages.split(",") if x.strip())
    options = IngestOptions(
        read=ReadOptions(input_format=args.input_format, text_column=args.text_column, languages=langs),
        coder=Options(model=args.model, report_date=args.report_date, actors=tuple(args.actors),
                      patterns=tuple(args.patterns), triage=args.triage),
        batch_size=args.batch_size)
    from .scale import coding, scale_options

    scale = scale_options(args)
    progress = Progress(enabled=not args.quiet)
    try:
        previous = signal.signal(signal.SIGTERM, _interrupt)  # `kill PID` stops as cleanly as Ctrl-C
    except ValueError:  # not the main thread: leave signals alone
        previous = None
    try:
        with coding(options.coder, scale) as model:  # workers code, this process stores
            summary = ingest(args.paths, args.db, options, progress=progress, model=model)
    except IngestInterrupted as stop:
        progress.close()
        print_summary(stop.summary)
        print("newsevents: interrupted; what was coded is stored: run the same command again to go on",
              file=sys.stderr)
        return 130
    finally:
        progress.close()
        if previous is not None:
            signal.signal(signal.SIGTERM, previous)
    print_summary(summary)
    return 0


def _interrupt(signum, frame) -> None:
    raise KeyboardInterrupt


def _cell(value) -> str:
    text = "" if value is None else str(value)
    return text if len(text) <= 28 else text[:27] + "…"


def _print_rows(columns: list[str], rows: list[tuple], fmt: str, out: IO[str]) -> None:
    if fmt == "jsonl":
        for row in rows:
            out.write(json.dumps(dict(zip(columns, row)), ensure_ascii=False, default=str) + "\n")
    elif fmt == "csv":
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(columns)
        writer.writerows(["" if v is None else v for v in row] for row in rows)
    else:
        cells = [[_cell(v) for v in row] for row in rows]
        widths = [max([len(c)] + [len(r[i]) for r in cells]) for i, c in enumerate(columns)]
        out.write("  ".join(c.ljust(w) for c, w in zip(columns, widths)).rstrip() + "\n")
        out.write("  ".join("-" * w for w in widths) + "\n")
        for r in cells:
            out.write("  ".join(c.ljust(w) for c, w in zip(r, widths)).rstrip() + "\n")
        out.write(f"{len(rows)} row(s)\n")


TABLE_COLUMNS = ["date", "code", "modality", "source_code", "source_name", "target_code", "target_name",
                 "location_name", "doc_id"]


def cmd_query(args) -> int:
    from .dataset import EventFilter, check_read_only
    from .exports import select_sql
    from .store import Store

    store = Store(args.db)
    if args.limit is not None and args.limit < 0:
        raise UsageError("--limit must be 0 or more")
    if args.sql:
        if any(getattr(args, k) is not None for k in ("actor", "country", "code", "modality", "since", "until")):
            raise UsageError("--sql cannot be combined with the filters; put the conditions in the SQL")
        check_read_only(args.sql)
        columns, rows = store.execute(args.sql)
        if args.limit is not None:
            rows = rows[: args.limit]
    else:
        where, params = EventFilter(args.actor, args.country, args.code, args.modality, args.since, args.until).where()
        limit = args.limit if args.limit is not None else (100 if args.format == "table" else None)
        columns, rows = store.execute(select_sql("native", nested=args.format == "jsonl", where=where, limit=limit,
                                                 level=args.level), params)
        if args.format == "table":
            shown = TABLE_COLUMNS + (["num_articles", "num_sources"] if args.level == "event" else [])
            keep = [columns.index(c) for c in shown]
            columns, rows = shown, [tuple(r[i] for i in keep) for r in rows]
    _print_rows(columns, rows, args.format, sys.stdout)
    return 0


def cmd_export(args) -> int:
    from .exports import export

    if args.out == "-":
        sys.stdout.flush()
    n = export(args.db, args.out, args.format, args.layout, level=args.level)
    what = "merged event(s)" if args.level == "event" else "event(s)"
    print(f"newsevents: exported {n} {what} to {args.out} ({args.format}, {args.layout} layout)", file=sys.stderr)
    return 0


COMMANDS = {"ingest": cmd_ingest, "query": cmd_query, "export": cmd_export}
