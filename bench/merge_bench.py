"""Throughput of the cross-document merge on synthetic mentions.

    .venv/bin/python bench/merge_bench.py                 # 100,000 mentions: merge.cluster in memory
    .venv/bin/python bench/merge_bench.py --n 20000 --store /tmp/merge-bench.duckdb --batch 640

Synthetic mentions look like a year of wire news: 60 countries with a few roles and named leaders, the
common CAMEO codes, day/week/month/undated dates and stated places in realistic shares, and each real
event reported by 1-8 outlets with varying detail (missing person, country-only actor, coarser date,
actors swapped on symmetric codes). It reports mentions per second for clustering, and with --store the
incremental path: the mention rows written batch by batch through Store.write (merge_store.update in
each batch's transaction), which is what `newsevents ingest` does.
"""

from __future__ import annotations

import argparse
import random
import time
from dataclasses import replace
from datetime import date, timedelta

from newsevents.merge import cluster, event_key
from newsevents.records import Actor, Document, Event, Location, Mention

COUNTRIES = [f"C{n:02d}"[:3].upper() for n in range(60)]
ROLES = ["GOV", "MIL", "REB", "OPP", "CVL", None]
CODES = ["010", "012", "036", "040", "042", "043", "046", "051", "057", "061", "071", "111", "112", "120",
         "130", "138", "172", "173", "180", "190", "193", "195"]
PRECISION = ["day"] * 6 + ["week", "month", None, None]


def _actor(rng: random.Random) -> Actor:
    country = rng.choice(COUNTRIES)
    role = rng.choice(ROLES)
    person = f"Leader {country} {rng.randrange(3)}" if role == "GOV" and rng.random() < 0.4 else None
    return Actor(text=country, name=country, code=country + (role or ""), country=country, role=role, person=person)


def _vaguer(a: Actor | None, rng: random.Random) -> Actor | None:
    if a is None or rng.random() < 0.6:
        return a
    pick = rng.random()
    if pick < 0.4:
        return replace(a, person=None)
    if pick < 0.8:
        return replace(a, code=a.country, role=None, person=None)
    return None


def synthetic(n: int, seed: int = 1) -> list[Event]:
    rng = random.Random(seed)
    start = date(2011, 1, 1)
    events: list[Event] = []
    k = 0
    while len(events) < n:
        k += 1
        code = rng.choice(CODES)
        src, tgt = _actor(rng), (_actor(rng) if rng.random() < 0.85 else None)
        day = start + timedelta(days=rng.randrange(365))
        place = Location(f"City {rng.randrange(400)}", src.country, feature="city", rule="place:parse") \
            if rng.random() < 0.3 else None
        for r in range(1 + int(rng.expovariate(0.5)) % 8):  # reports of this event
            report = day + timedelta(days=rng.randrange(2))
            prec = rng.choice(PRECISION)
            d = day if prec == "day" else day - timedelta(days=day.weekday()) if prec == "week" else \
                day.replace(day=1) if prec == "month" else None
            s, t = _vaguer(src, rng), _vaguer(tgt, rng)
            if code in ("040", "046") and rng.random() < 0.3:
                s, t = t, s
            doc = f"doc{k}-{r}"
            m = Mention(doc, "s", 0, 10, 0, 4, "x")
            events.append(Event(f"e{k}-{r}", doc, code, code[:2], 1, 0.0, None, s, t, d, prec, report, "asserted",
                                None, place if rng.random() < 0.7 else None, (m,), "bench", (), 0.5, "cameo.v1"))
            if len(events) >= n:
                break
    return events


def bench_cluster(events: list[Event]) -> None:
    t0 = time.perf_counter()
    items = [(e.event_id, event_key(e)) for e in events]
    t1 = time.perf_counter()
    clusters = cluster(items)
    t2 = time.perf_counter()
    print(f"keys:    {len(items):,} mentions in {t1 - t0:.2f} s ({len(items) / (t1 - t0):,.0f}/s)")
    print(f"cluster: {len(items):,} mentions -> {len(clusters):,} events in {t2 - t1:.2f} s "
          f"({len(items) / (t2 - t1):,.0f} mentions/s); {sum(len(c.refs) > 1 for c in clusters):,} merged "
          f"events, largest {max(len(c.refs) for c in clusters)} mentions")


def bench_store(events: list[Event], path: str, batch: int) -> None:
    from newsevents.store import Store, coded_entry

    store = Store(path)
    entries = []
    for e in events:
        doc = Document(id=e.doc_id, text=f"synthetic {e.doc_id}", report_date=e.report_date, source_name=f"outlet{hash(e.doc_id) % 40}")
        entries.append(coded_entry(doc, [replace(e, doc_id=doc.id)]))
    t0 = time.perf_counter()
    for i in range(0, len(entries), batch):
        with store.writing() as con:
            store.write(con, entries[i : i + batch])
    t1 = time.perf_counter()
    with store.reading() as con:
        merged = con.execute("SELECT count(*) FROM merged_events").fetchone()[0]
    print(f"store:   {len(entries):,} mentions written in batches of {batch} with incremental merging in "
          f"{t1 - t0:.1f} s ({len(entries) / (t1 - t0):,.0f} mentions/s) -> {merged:,} merged events")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n", type=int, default=100_000)
    ap.add_argument("--store", help="also write the mentions into this (new) DuckDB file batch by batch")
    ap.add_argument("--batch", type=int, default=640, help="mentions per store batch (default 640: 64 docs x 10)")
    args = ap.parse_args()
    events = synthetic(args.n)
    bench_cluster(events)
    if args.store:
        bench_store(events, args.store, args.batch)


if __name__ == "__main__":
    main()
