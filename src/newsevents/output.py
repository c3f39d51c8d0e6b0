"""Writing events: JSON Lines, JSON, CSV and a readable table; CAMEO or PLOVER ontology."""

from __future__ import annotations

import csv
import json
from typing import IO, Iterable

from .events.taxonomy import lookup
from .records import Event

CSV_COLUMNS = [
    "event_id", "doc_id", "code", "root_code", "quad_class", "goldstein", "plover",
    "source_code", "source_name", "source_country", "source_role", "source_text",
    "target_code", "target_name", "target_country", "target_role", "target_text",
    "date", "date_precision", "report_date", "modality", "attribution",
    "location_name", "location_country", "location_lat", "location_lon",
    "sentence", "start", "end", "rule", "confidence", "coder",
]


def record(event: Event, ontology: str = "cameo") -> dict:
    d = event.to_dict()
    if ontology == "plover":
        info = lookup(event.code)
        d["cameo_code"] = d.pop("code")
        d["code"] = info.plover_event
        d["plover_mode"] = info.plover_mode
        d["plover_context"] = info.plover_context
    return d


def flat(event: Event, ontology: str = "cameo") -> dict:
    d = record(event, ontology)
    row = {k: d.get(k) for k in CSV_COLUMNS if k in d}
    for side in ("source", "target"):
        a = d.get(side) or {}
        for key in ("code", "name", "country", "role", "text"):
            row[f"{side}_{key}"] = a.get(key)
    loc = d.get("location") or {}
    for key in ("name", "country", "lat", "lon"):
        row[f"location_{key}"] = loc.get(key)
    m = d["mentions"][0] if d["mentions"] else {}
    row["sentence"], row["start"], row["end"] = m.get("sentence"), m.get("start"), m.get("end")
    return row


def _cell(value, width: int) -> str:
    text = "" if value is None else str(value)
    return text if len(text) <= width else text[: width - 1] + "…"


def write(events: Iterable[Event], out: IO[str], fmt: str = "jsonl", ontology: str = "cameo") -> int:
    """Write events in `fmt`; returns how many were written."""
    n = 0
    if fmt == "jsonl":
        for e in events:
            out.write(json.dumps(record(e, ontology), ensure_ascii=False) + "\n")
            n += 1
    elif fmt == "json":
        items = [record(e, ontology) for e in events]
        json.dump(items, out, ensure_ascii=False, indent=2)
        out.write("\n")
        n = len(items)
    elif fmt == "csv":
        writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS, extrasaction="ignore")
        writer.writeheader()
        for e in events:
            writer.writerow(flat(e, ontology))
            n += 1
    elif fmt == "table":
        cols = [("code", 6), ("modality", 11), ("source", 24), ("target", 24), ("date", 10), ("trigger", 22), ("rule", 22)]
        out.write("  ".join(name.ljust(w) for name, w in cols) + "\n")
        out.write("  ".join("-" * w for _, w in cols) + "\n")
        for e in events:
            d = record(e, ontology)
            src = e.source and f"{e.source.code} {e.source.person or e.source.name or ''}".strip()
            tgt = e.target and f"{e.target.code} {e.target.person or e.target.name or ''}".strip()
            date_ = e.date.isoformat() if e.date else "-"
            if e.date and e.date_precision and e.date_precision != "day":
                date_ = f"{e.date_precision}:{e.date.isoformat()[:7] if e.date_precision != 'week' else e.date.isoformat()[5:]}"
            values = [d["code"], e.modality, src or "-", tgt or "-", date_, e.mentions[0].trigger, e.rule]
            out.write("  ".join(_cell(v, w).ljust(w) for v, (_, w) in zip(values, cols)) + "\n")
            n += 1
        out.write(f"{n} event(s)\n")
    else:
        raise ValueError(f"unknown output format {fmt!r}")
    return n
