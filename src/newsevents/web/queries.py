"""The web API's reads: parameterised SQL over the store, each call on a read-only connection.

Every value a request brings travels as a query parameter (`?`); the only SQL text chosen from a request
is picked from the fixed tables below (sort orders), never built from what the client sent. Each function
takes an open read-only connection (`Store.reading()`), so the file is held only while a request runs
and an ingest can write between requests (see store.py).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from ..dataset import EventFilter
from ..events.taxonomy import taxonomy

_SIDES = ("source", "target")
_ACTOR_FIELDS = ("text", "name", "code", "country", "role", "person", "org")
_LOCATION_FIELDS = ("name", "country", "lat", "lon", "feature", "rule")
EVENT_FIELDS = (
    ["event_id", "doc_key", "doc_id", "code", "root_code", "quad_class", "goldstein", "plover"]
    + [f"{s}_{c}" for s in _SIDES for c in _ACTOR_FIELDS]
    + ["date", "date_precision", "report_date", "modality", "attribution"]
    + [f"location_{c}" for c in _LOCATION_FIELDS]
    + ["sentence", "sentence_start", "sentence_end", "trigger", "rule", "rule_detail", "confidence", "coder",
       "num_mentions", "num_sources", "num_articles"]
)
_SELECT_EVENT = ", ".join(f"e.{c}" for c in EVENT_FIELDS)
DAY = "coalesce(e.date, e.report_date)"
SORTS = {
    "-date": f"{DAY} DESC NULLS LAST, e.doc_id, e.sentence_start, e.event_id",
    "date": f"{DAY} ASC NULLS LAST, e.doc_id, e.sentence_start, e.event_id",
    "-goldstein": f"e.goldstein DESC, {DAY} DESC NULLS LAST, e.event_id",
    "goldstein": f"e.goldstein ASC, {DAY} DESC NULLS LAST, e.event_id",
}
INTERVALS = ("day", "week", "month")


@dataclass(frozen=True)
class Filters:
    """The filters of `newsevents query` plus `text` (words in the event's sentence)."""

    actor: str | None = None
    country: str | None = None
    code: str | None = None
    modality: str | None = None
    since: date | None = None
    until: date | None = None
    text: str | None = None

    def where(self, *extra: str) -> tuple[str, list[Any]]:
        """`WHERE ...` (or "") and its parameters; `extra` clauses are fixed SQL without values."""
        clause, params = EventFilter(self.actor or None, self.country or None, self.code or None,
                                     self.modality or None, self.since, self.until).where()
        clauses = [clause] if clause else []
        if self.text:
            clauses.append("contains(lower(e.sentence), lower(?))")
            params.append(self.text)
        clauses += extra
        return ("WHERE " + " AND ".join(clauses)) if clauses else "", params


def code_name(code: str | None) -> str | None:
    if not code:
        return None
    codes = taxonomy()
    for k in range(len(code), 1, -1):
        if code[:k] in codes:
            return codes[code[:k]].name
    return None


def _iso(value: Any) -> Any:
    return value.isoformat() if isinstance(value, date) else value


def event_dict(row: tuple) -> dict[str, Any]:
    """A row of EVENT_FIELDS as the event record of DESIGN.md (actors, location nested)."""
    r = dict(zip(EVENT_FIELDS, row))
    out: dict[str, Any] = {k: r[k] for k in ("event_id", "doc_key", "doc_id", "code", "root_code", "quad_class",
                                              "goldstein", "plover")}
    out["code_name"] = code_name(r["code"])
    for side in _SIDES:
        actor = {c: r[f"{side}_{c}"] for c in _ACTOR_FIELDS}
        out[side] = actor if actor["code"] is not None or actor["text"] is not None else None
    out.update({k: _iso(r[k]) for k in ("date", "date_precision", "report_date", "modality", "attribution")})
    location = {c: r[f"location_{c}"] for c in _LOCATION_FIELDS}
    out["location"] = location if location["name"] is not None else None
    out.update({k: r[k] for k in ("sentence", "sentence_start", "sentence_end", "trigger", "rule", "coder",
                                  "num_mentions", "num_sources", "num_articles")})
    out["rule_detail"] = list(r["rule_detail"] or [])
    out["confidence"] = round(r["confidence"], 3) if r["confidence"] is not None else None
    return out


def list_events(con, f: Filters, limit: int, offset: int, sort: str) -> dict[str, Any]:
    where, params = f.where()
    total = con.execute(f"SELECT count(*) FROM events e {where}", params).fetchall()[0][0]
    rows = con.execute(f"SELECT {_SELECT_EVENT} FROM events e {where} ORDER BY {SORTS[sort]} LIMIT ? OFFSET ?",
                       params + [limit, offset]).fetchall()
    return {"total": total, "limit": limit, "offset": offset, "items": [event_dict(r) for r in rows]}


def _actor_spans(con, doc_key: str, event_id: str | None = None) -> list[dict[str, Any]]:
    sql = ("SELECT event_id, side, text, name, code, country, role, span_start, span_end, rules FROM actors "
           "WHERE doc_key = ?")
    params: list[Any] = [doc_key]
    if event_id is not None:
        sql += " AND event_id = ?"
        params.append(event_id)
    rows = con.execute(sql + " ORDER BY span_start, side, event_id", params).fetchall()
    keys = ("event_id", "side", "text", "name", "code", "country", "role", "start", "end", "rules")
    return [{**dict(zip(keys, r)), "rules": list(r[-1] or [])} for r in rows]


def get_event(con, event_id: str, doc_key: str | None) -> dict[str, Any] | None:
    sql = f"SELECT {_SELECT_EVENT} FROM events e WHERE e.event_id = ?"
    params: list[Any] = [event_id]
    if doc_key:
        sql += " AND e.doc_key = ?"
        params.append(doc_key)
    rows = con.execute(sql + " ORDER BY e.ingested_at DESC, e.doc_key LIMIT 1", params).fetchall()
    if not rows:
        return None
    event = event_dict(rows[0])
    mentions = con.execute("SELECT doc_key, doc_id, sentence, sentence_start, sentence_end, trigger_start, "
                           "trigger_end, trigger FROM mentions WHERE event_id = ? AND doc_key = ? "
                           "ORDER BY trigger_start", [event_id, event["doc_key"]]).fetchall()
    keys = ("doc_key", "doc_id", "sentence", "start", "end", "trigger_start", "trigger_end", "trigger")
    event["mentions"] = [dict(zip(keys, m)) for m in mentions]
    event["actors"] = _actor_spans(con, event["doc_key"], event_id)
    return event


def _has_text_column(con) -> bool:
    row = con.execute("SELECT count(*) FROM information_schema.columns WHERE table_schema = 'main' "
                      "AND table_name = 'documents' AND column_name = 'text'").fetchall()
    return bool(row and row[0][0])


def _passages(text: str | None, sentences: list[tuple], actors: list[dict]) -> list[dict[str, Any]]:
    """What of the document's text the store holds: the whole text when it keeps it, else the sentences of
    its events plus the actor mentions outside them (each at its offsets in the document)."""
    if text is not None:
        return [{"start": 0, "end": len(text), "text": text}]
    pieces = sorted({(s, e, t) for s, e, t in sentences if s is not None and t})
    pieces += sorted({(a["start"], a["end"], a["text"]) for a in actors
                      if a["start"] is not None and a["start"] >= 0 and a["text"]})
    kept: list[dict[str, Any]] = []
    for start, end, piece in sorted(pieces, key=lambda p: (p[0], -p[1])):
        if any(start < k["end"] and k["start"] < end for k in kept):
            continue  # overlaps a sentence already kept (an actor inside it, or a repeated sentence)
        kept.append({"start": start, "end": start + len(piece), "text": piece})
    return sorted(kept, key=lambda k: k["start"])


_DOC_FIELDS = ("doc_key", "doc_id", "status", "stage", "reason", "title", "url", "report_date", "source_name",
               "lang", "n_chars", "n_events")
_SPAN_FIELDS = ("event_id", "code", "root_code", "quad_class", "goldstein", "modality", "date", "date_precision",
                "location_name", "location_country", "rule", "attribution", "confidence", "source_code",
                "source_name", "target_code", "target_name", "sentence_start", "sentence_end", "trigger_start",
                "trigger_end", "trigger", "sentence")


def get_document(con, ref: str) -> dict[str, Any] | None:
    """A document by its key (content hash) or, failing that, its doc_id; with every actor and event span."""
    has_text = _has_text_column(con)
    columns = ", ".join(_DOC_FIELDS) + (", text" if has_text else ", NULL AS text")
    rows = con.execute(f"SELECT {columns} FROM documents WHERE doc_key = ? OR doc_id = ? "
                       "ORDER BY (doc_key = ?) DESC, ingested_at DESC LIMIT 1", [ref, ref, ref]).fetchall()
    if not rows:
        return None
    doc = {k: _iso(v) for k, v in zip(_DOC_FIELDS + ("text",), rows[0])}
    spans = con.execute(
        "SELECT m.event_id, e.code, e.root_code, e.quad_class, e.goldstein, e.modality, e.date, e.date_precision, "
        "e.location_name, e.location_country, e.rule, e.attribution, e.confidence, e.source_code, e.source_name, "
        "e.target_code, e.target_name, m.sentence_start, m.sentence_end, m.trigger_start, m.trigger_end, "
        "m.trigger, m.sentence FROM mentions m JOIN events e ON e.event_id = m.event_id AND e.doc_key = m.doc_key "
        "WHERE m.doc_key = ? ORDER BY m.trigger_start, m.event_id", [doc["doc_key"]]).fetchall()
    events = [{k: _iso(v) for k, v in zip(_SPAN_FIELDS, s)} for s in spans]
    for e in events:
        e["code_name"] = code_name(e["code"])
        e["confidence"] = round(e["confidence"], 3) if e["confidence"] is not None else None
    doc["actors"] = _actor_spans(con, doc["doc_key"])
    doc["passages"] = _passages(doc["text"], [(e["sentence_start"], e["sentence_end"], e.pop("sentence"))
                                              for e in events], doc["actors"])
    doc["events"] = events
    return doc


def timeline(con, f: Filters, interval: str) -> dict[str, Any]:
    if interval not in INTERVALS:
        raise ValueError(interval)
    where, params = f.where(f"{DAY} IS NOT NULL")
    rows = con.execute(f"SELECT CAST(date_trunc(?, {DAY}) AS DATE) AS period, e.quad_class, count(*), "
                       f"avg(e.goldstein) FROM events e {where} GROUP BY ALL ORDER BY period, e.quad_class",
                       [interval] + params).fetchall()
    undated_where, undated_params = f.where(f"{DAY} IS NULL")
    undated = con.execute(f"SELECT count(*) FROM events e {undated_where}", undated_params).fetchall()[0][0]
    buckets: dict[str, dict[str, Any]] = {}
    for period, quad, n, mean in rows:
        b = buckets.setdefault(period.isoformat(), {"period": period.isoformat(), "count": 0, "goldstein_sum": 0.0,
                                                    "by_quad": []})
        b["count"] += n
        b["goldstein_sum"] += (mean or 0.0) * n
        b["by_quad"].append({"quad_class": quad, "count": n, "goldstein_mean": _round(mean)})
    out = []
    for b in buckets.values():
        b["goldstein_mean"] = _round(b.pop("goldstein_sum") / b["count"]) if b["count"] else None
        out.append(b)
    return {"interval": interval, "buckets": out, "undated": undated}


def _round(x: float | None) -> float | None:
    return None if x is None else round(float(x), 3)


def dyads(con, f: Filters, limit: int) -> dict[str, Any]:
    where, params = f.where("e.source_code IS NOT NULL", "e.target_code IS NOT NULL")
    rows = con.execute(
        "SELECT e.source_code, e.target_code, mode(e.source_name), mode(e.target_name), count(*) AS n, "
        "avg(e.goldstein), count_if(e.quad_class >= 3) "
        f"FROM events e {where} GROUP BY e.source_code, e.target_code "
        "ORDER BY n DESC, e.source_code, e.target_code LIMIT ?", params + [limit]).fetchall()
    keys = ("source", "target", "source_name", "target_name", "count", "goldstein_mean", "conflict")
    return {"dyads": [{**dict(zip(keys, r)), "goldstein_mean": _round(r[5])} for r in rows]}


def info(con) -> dict[str, Any]:
    status = dict(con.execute("SELECT status, count(*) FROM documents GROUP BY ALL").fetchall())
    [(n, first, last)] = con.execute(f"SELECT count(*), min({DAY}), max({DAY}) FROM events e").fetchall()
    return {"documents": sum(status.values()), "coded": status.get("coded", 0), "skipped": status.get("skipped", 0),
            "events": n, "first_date": _iso(first), "last_date": _iso(last)}
