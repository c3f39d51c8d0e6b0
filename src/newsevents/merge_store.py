"""The store's cross-document merge: `merged_events`, kept up to date inside each batch's transaction.

    merge_keys     one row per stored (mention-level) event: its merge Key (merge.py), block and date
                   interval, and `merged_id`, the merged event it belongs to
    merged_events  one row per merged event: the events columns (event_id is the merged id, doc_key and
                   doc_id the earliest report's), num_mentions, num_sources (outlets), num_articles,
                   merge_reason, rep_event_id (the member whose actors and sentence the row shows)

`update(con, new)` runs after a batch's events are inserted: for each block (code family, modality class)
the batch touches, it widens the batch's date range to every stored key that overlaps it (to a fixpoint),
reclusters exactly those keys with `merge.cluster` and replaces their merged events. Clusters only ever
join keys whose dates overlap, so this gives what reclustering the whole store would: the same events
whatever order the documents came in.
"""

from __future__ import annotations

import json
from collections import Counter
from typing import Any, Sequence

from .merge import MERGER_VERSION, Cluster, Key, cluster, code_specificity, explain, row_key

MIGRATION = [
    """CREATE TABLE merge_keys (doc_key VARCHAR NOT NULL, event_id VARCHAR NOT NULL, family VARCHAR NOT NULL,
        modclass VARCHAR NOT NULL, lo INTEGER, hi INTEGER, key JSON NOT NULL, merged_id VARCHAR,
        PRIMARY KEY (doc_key, event_id))""",
    "CREATE TABLE merged_events AS SELECT * FROM events LIMIT 0",
    "ALTER TABLE merged_events ADD COLUMN rep_event_id VARCHAR",
]


def _rows(con, sql: str, params: Sequence[Any]) -> list[dict[str, Any]]:
    cur = con.execute(sql, list(params))
    names = [d[0] for d in cur.description]
    return [dict(zip(names, r)) for r in cur.fetchall()]


def backfill(con) -> None:
    """Key and merge every event already stored (a store written before merging existed)."""
    rows = _rows(con, "SELECT * FROM events", [])
    if rows:
        update(con, [(r["doc_key"], r["event_id"], row_key(r)) for r in rows])


def update(con, new: list[tuple[str, str, Key]]) -> int:
    """Add these (doc_key, event_id, key) to merge_keys and recluster their neighbourhood; -> merged events
    rewritten."""
    if not new:
        return 0
    values = [[dk, eid, k.block[0], k.block[1], k.lo, k.hi, json.dumps(k.as_list())] for dk, eid, k in new]
    for i in range(0, len(values), 400):
        chunk = values[i : i + 400]
        con.execute("INSERT OR IGNORE INTO merge_keys (doc_key, event_id, family, modclass, lo, hi, key) VALUES "
                    + ", ".join(["(?, ?, ?, ?, ?, ?, ?)"] * len(chunk)), [v for row in chunk for v in row])
    blocks: dict[tuple[str, str], list[Key]] = {}
    for _, _, k in new:
        blocks.setdefault(k.block, []).append(k)
    written = 0
    for block in sorted(blocks):
        keys = blocks[block]
        dated = [k for k in keys if k.lo is not None]
        loaded: list[dict[str, Any]] = []
        if dated:
            lo, hi = min(k.lo for k in dated), max(k.hi for k in dated)  # type: ignore[type-var]
            while True:  # widen to every key overlapping the range, until nothing new overlaps
                nlo, nhi = con.execute("SELECT min(lo), max(hi) FROM merge_keys WHERE family = ? AND modclass = ? "
                                       "AND lo <= ? AND hi >= ?", [*block, hi, lo]).fetchone()
                nlo, nhi = min(lo, nlo), max(hi, nhi)
                if (nlo, nhi) == (lo, hi):
                    break
                lo, hi = nlo, nhi
            loaded += _rows(con, "SELECT doc_key, event_id, key, merged_id FROM merge_keys WHERE family = ? AND "
                                 "modclass = ? AND lo <= ? AND hi >= ?", [*block, hi, lo])
        if len(dated) < len(keys):
            loaded += _rows(con, "SELECT doc_key, event_id, key, merged_id FROM merge_keys WHERE family = ? AND "
                                 "modclass = ? AND lo IS NULL", list(block))
        written += _recluster(con, loaded)
    return written


def _recluster(con, loaded: list[dict[str, Any]]) -> int:
    clusters = cluster(((r["doc_key"], r["event_id"]), Key.from_list(json.loads(r["key"]))) for r in loaded)
    old = sorted({r["merged_id"] for r in loaded if r["merged_id"]})
    if old:
        con.execute("DELETE FROM merged_events WHERE event_id IN (SELECT unnest(?))", [old])
    con.execute("CREATE OR REPLACE TEMP TABLE ne_merge_refs (doc_key VARCHAR, event_id VARCHAR, merged_id VARCHAR)")
    assign = [[dk, eid, c.event_id] for c in clusters for dk, eid in c.refs]  # type: ignore[misc]
    for i in range(0, len(assign), 400):
        chunk = assign[i : i + 400]
        con.execute("INSERT INTO ne_merge_refs VALUES " + ", ".join(["(?, ?, ?)"] * len(chunk)),
                    [v for row in chunk for v in row])
    con.execute("UPDATE merge_keys SET merged_id = r.merged_id FROM ne_merge_refs r "
                "WHERE merge_keys.doc_key = r.doc_key AND merge_keys.event_id = r.event_id")
    events = _rows(con, "SELECT e.*, coalesce(d.source_name, e.doc_key) AS ne_outlet, "
                        "(SELECT count(*) FROM mentions m WHERE m.doc_key = e.doc_key AND m.event_id = e.event_id) "
                        "AS ne_mentions FROM events e JOIN ne_merge_refs r USING (doc_key, event_id) "
                        "LEFT JOIN documents d ON d.doc_key = e.doc_key", [])
    by_ref = {(e["doc_key"], e["event_id"]): e for e in events}
    rows = [merged_row(c, [by_ref[r] for r in c.refs if r in by_ref]) for c in clusters]  # type: ignore[index]
    rows = [r for r in rows if r]
    if rows:
        names = list(rows[0])
        for i in range(0, len(rows), 200):
            chunk = rows[i : i + 200]
            con.execute(f"INSERT INTO merged_events ({', '.join(names)}) VALUES "
                        + ", ".join(["(" + ", ".join("?" * len(names)) + ")"] * len(chunk)),
                        [r[n] for r in chunk for n in names])
    con.execute("DROP TABLE ne_merge_refs")
    return len(rows)


_ACTOR = ("code", "name", "country", "role", "text", "person", "org")


def merged_row(c: Cluster, members: list[dict[str, Any]]) -> dict[str, Any] | None:
    """The merged_events row of a cluster of stored events rows."""
    if not members:
        return None
    head = [m for m in members if row_key(m) == c.head] or members
    base = min(head, key=lambda m: (m["report_date"] is None, m["report_date"], m["doc_key"], m["event_id"]))
    codes = Counter(m["code"] for m in members)
    coded = max(members, key=lambda m: (code_specificity(m["code"], m["modality"]), codes[m["code"]],
                                        [-ord(ch) for ch in m["code"]]))
    row = {k: v for k, v in base.items() if not k.startswith("ne_")}
    for side in ("source", "target"):
        if row[f"{side}_code"] is None and row[f"{side}_text"] is None:
            continue
        for attr in ("person", "org"):
            if row[f"{side}_{attr}"] is None:
                row[f"{side}_{attr}"] = min((m[f"{side}_{attr}"] for m in members if m[f"{side}_{attr}"]
                                             and m[f"{side}_country"] == row[f"{side}_country"]), default=None)
    if not row["location_name"] or (row["location_rule"] or "") not in ("place:parse", "place:governor"):
        stated = sorted((m for m in members if (m["location_rule"] or "") in ("place:parse", "place:governor")),
                        key=lambda m: (m["doc_key"], m["event_id"]))
        if stated:
            for col in ("name", "country", "lat", "lon", "feature", "rule"):
                row[f"location_{col}"] = stated[0][f"location_{col}"]
    for col in ("code", "root_code", "quad_class", "goldstein", "plover", "rule"):
        row[col] = coded[col]
    row["rep_event_id"] = base["event_id"]
    row["event_id"] = c.event_id
    row["confidence"] = max(m["confidence"] or 0 for m in members)
    row["num_mentions"] = sum(m["ne_mentions"] or 1 for m in members)
    row["num_articles"] = len({m["doc_key"] for m in members})
    row["num_sources"] = len({m["ne_outlet"] for m in members})
    if len(members) > 1:
        row["merge_reason"] = (f"{explain(c)}; {row['num_articles']} article(s), {row['num_sources']} outlet(s); "
                               f"code {coded['code']} from {coded['doc_id']}")
    row["options_hash"] = base["options_hash"]
    row["coder"] = f"{base['coder']}+{MERGER_VERSION}"
    return row
