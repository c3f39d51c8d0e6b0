"""Synthetic events straight into a newsevents store, and the time of a dyad-by-month count over them.

    python bench/store_events.py FILE.duckdb N      # add N events (4 per document), generated with SQL
    python bench/store_events.py FILE.duckdb        # time the dyad-by-month counts (3 runs, in process)

The events have the store's schema (migrations applied through `Store`), 16 countries x 8 roles as
actors, 18 CAMEO codes and dates over 25 years, so the counts touch real columns, not a toy table.
"""

from __future__ import annotations

import sys
import time

from newsevents.store import Store

DYADS_BY_MONTH = {
    "actor codes": "SELECT source_code, target_code, date_trunc('month', coalesce(date, report_date)) AS month, "
                   "count(*) AS n FROM events GROUP BY ALL",
    "countries": "SELECT source_country, target_country, date_trunc('month', coalesce(date, report_date)) AS month, "
                 "count(*) AS n FROM events GROUP BY ALL",
}


def generate(db: str, n: int) -> None:
    start = time.monotonic()
    with Store(db).writing() as con:
        base = con.execute("SELECT count(*) FROM events").fetchone()[0]
        con.execute(f"""
            INSERT INTO documents (doc_key, content_hash, doc_id, status, report_date, n_events, ingested_at)
            SELECT md5('d' || i), md5('d' || i), 'doc-' || i, 'coded', DATE '2000-01-01' + CAST(i % 9000 AS INTEGER),
                   4, now()
            FROM range({base // 4}, {(base + n) // 4}) t(i)""")
        con.execute(f"""
            WITH c AS (SELECT ['USA','RUS','CHN','SYR','IRN','ISR','PSE','UKR','TUR','FRA','GBR','DEU','IND','PAK',
                               'AFG','IRQ'] AS cs, ['GOV','MIL','REB','OPP','CVL','JUD','MED','BUS'] AS rs,
                              ['010','036','040','042','043','051','057','111','112','120','130','138','141','173',
                               '180','190','193','195'] AS codes)
            INSERT INTO events (event_id, doc_key, doc_id, code, root_code, quad_class, goldstein, source_code,
                source_country, source_role, source_name, target_code, target_country, target_role, target_name, date,
                date_precision, report_date, modality, location_country, sentence, sentence_start, sentence_end, rule,
                confidence, coder, num_mentions, num_sources, num_articles, ingested_at)
            SELECT substr(md5('e' || i), 1, 16), md5('d' || (i // 4)), 'doc-' || (i // 4), code, substr(code, 1, 2),
                   CASE WHEN code < '06' THEN 1 WHEN code < '09' THEN 2 WHEN code < '14' THEN 3 ELSE 4 END, 1.0,
                   sc || sr, sc, sr, sc, tc || tr, tc, tr, tc, DATE '2000-01-01' + CAST((i // 4) % 9000 AS INTEGER),
                   'day', DATE '2000-01-01' + CAST((i // 4) % 9000 AS INTEGER), 'asserted', sc,
                   'A synthetic sentence number ' || i || '.', 0, 40, 'verb:synthetic', 0.7, 'cameo.v1', 1, 1, 1, now()
            FROM (SELECT i, cs[1 + (hash(i) % 16)::INT] AS sc, cs[1 + (hash(i + 7) % 16)::INT] AS tc,
                         rs[1 + (hash(i + 3) % 8)::INT] AS sr, rs[1 + (hash(i + 5) % 8)::INT] AS tr,
                         codes[1 + (hash(i + 11) % 18)::INT] AS code
                  FROM range({base}, {base + n}) t(i), c)""")
    print(f"added {n} events in {time.monotonic() - start:.1f} s")


def time_queries(db: str) -> None:
    store = Store(db)
    with store.reading() as con:
        total = con.execute("SELECT count(*) FROM events").fetchone()[0]
        for name, sql in DYADS_BY_MONTH.items():
            times = []
            for _ in range(3):
                start = time.monotonic()
                groups = len(con.execute(sql).fetchall())
                times.append(time.monotonic() - start)
            print(f"dyad-by-month ({name}) over {total} events: {groups} groups, "
                  f"best {min(times):.3f} s of {', '.join(f'{t:.3f}' for t in times)}")


if __name__ == "__main__":
    if len(sys.argv) > 2:
        generate(sys.argv[1], int(sys.argv[2]))
    else:
        time_queries(sys.argv[1])
