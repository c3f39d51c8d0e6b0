"""The web page's load time on a large store: synthetic events written into the store's schema, the real
`newsevents serve`, and headless Chromium (Debian's package) timing the page until it is drawn.

    python bench/web_load.py FILE.duckdb [--events 100000] [--runs 5] [--screenshot docs/screenshots/x.png]

If FILE does not exist it is created through `Store` (the store's own migrations) and filled with bulk
inserts: EVENTS events, four per document, each with its document text (a sentence per event), a mention
with sentence and trigger spans, and its two actors with spans, so the article view has real spans to show.
Actors are 16 countries x 6 roles, codes come from the CAMEO table (with their Goldstein scores and quad
classes), dates spread over 2000-2024. Nothing is written outside FILE (and the screenshot, when asked).

Printed: the time from navigation to a drawn page (events table, timeline and dyad network from three API
calls) for a cold and warm loads, a filtered load, opening an article, and each API call alone.
"""

from __future__ import annotations

import argparse
import random
import re
import statistics
import subprocess
import sys
import time
from datetime import date, timedelta
from pathlib import Path

COUNTRIES = {"USA": "United States", "RUS": "Russia", "CHN": "China", "SYR": "Syria", "IRN": "Iran",
             "ISR": "Israel", "UKR": "Ukraine", "TUR": "Turkey", "FRA": "France", "GBR": "United Kingdom",
             "DEU": "Germany", "IND": "India", "PAK": "Pakistan", "AFG": "Afghanistan", "IRQ": "Iraq",
             "LBY": "Libya"}
ROLES = {"GOV": "government", "MIL": "army", "REB": "rebels", "OPP": "opposition", "CVL": "civilians",
         "MED": "media"}
VERBS = {"010": "said", "036": "plans to meet", "040": "consulted", "042": "visited", "043": "hosted",
         "051": "praised", "057": "signed an agreement with", "111": "criticized", "112": "accused",
         "120": "rejected", "130": "threatened", "138": "threatened to attack", "141": "protested against",
         "173": "arrested", "180": "used force against", "190": "fought", "193": "clashed with",
         "195": "bombed"}
CITIES = [("Geneva", "CHE"), ("Brussels", "BEL"), ("Damascus", "SYR"), ("Kabul", "AFG"), ("Baghdad", "IRQ"),
          ("Kyiv", "UKR"), ("Moscow", "RUS"), ("Tripoli", "LBY"), ("Ankara", "TUR"), ("Beijing", "CHN")]
MODALITIES = ["asserted"] * 6 + ["reported"] * 2 + ["planned", "negated", "speculative"]


def generate(db: Path, n_events: int, seed: int = 9) -> None:
    import pandas as pd

    from newsevents.events.taxonomy import lookup
    from newsevents.store import Store

    rnd = random.Random(seed)
    docs, events, mentions, actors = [], [], [], []
    start_day = date(2000, 1, 1)
    for d in range(n_events // 4):
        key = f"{d:032x}"
        report = start_day + timedelta(days=rnd.randrange(9125))
        parts, offset = [], 0
        for k in range(4):
            (sc, sn), (tc, tn) = rnd.sample(list(COUNTRIES.items()), 2)
            sr, tr = rnd.choice(list(ROLES)), rnd.choice(list(ROLES))
            code = rnd.choice(list(VERBS))
            city, city_country = rnd.choice(CITIES)
            src, tgt = f"The {sn} {ROLES[sr]}", f"the {tn} {ROLES[tr]}"
            sentence = f"{src} {VERBS[code]} {tgt} in {city}."
            s0 = offset
            trig0 = s0 + len(src) + 1
            tgt0 = trig0 + len(VERBS[code]) + 1
            event_id = f"{d:012x}{k:04x}"
            info = lookup(code)
            day = report - timedelta(days=rnd.randrange(4)) if rnd.random() < 0.9 else None
            events.append({
                "event_id": event_id, "doc_key": key, "doc_id": f"synthetic-{d}", "code": code, "root_code": code[:2],
                "quad_class": info.quad_class, "goldstein": info.goldstein, "plover": info.plover_event,
                "source_code": sc + sr, "source_name": sn, "source_country": sc, "source_role": sr, "source_text": src,
                "target_code": tc + tr, "target_name": tn, "target_country": tc, "target_role": tr, "target_text": tgt,
                "date": day, "date_precision": "day" if day else None, "report_date": report,
                "modality": rnd.choice(MODALITIES), "location_name": city, "location_country": city_country,
                "sentence": sentence, "sentence_start": s0, "sentence_end": s0 + len(sentence),
                "trigger": VERBS[code], "rule": f"{code}.synthetic", "confidence": 0.8, "coder": "cameo.v1",
                "num_mentions": 1, "num_sources": 1, "num_articles": 1})
            mentions.append({"event_id": event_id, "doc_key": key, "doc_id": f"synthetic-{d}", "sentence": sentence,
                             "sentence_start": s0, "sentence_end": s0 + len(sentence), "trigger_start": trig0,
                             "trigger_end": trig0 + len(VERBS[code]), "trigger": VERBS[code]})
            for side, text, at, c, name, country, role in (("source", src, s0, sc + sr, sn, sc, sr),
                                                           ("target", tgt, tgt0, tc + tr, tn, tc, tr)):
                actors.append({"event_id": event_id, "doc_key": key, "side": side, "text": text, "name": name,
                               "code": c, "country": country, "role": role, "span_start": at,
                               "span_end": at + len(text)})
            parts.append(sentence)
            offset += len(sentence) + 1
        text = " ".join(parts)
        docs.append({"doc_key": key, "content_hash": key, "doc_id": f"synthetic-{d}", "status": "coded",
                     "title": f"Synthetic report {d}", "report_date": report, "source_name": "bench", "lang": "en",
                     "n_chars": len(text), "n_events": 4, "text": text})
    store = Store(db)
    with store.writing() as con:
        has_text = con.execute("SELECT count(*) FROM information_schema.columns WHERE table_name = 'documents' "
                               "AND column_name = 'text'").fetchall()[0][0]
        for table, rows in (("documents", docs), ("events", events), ("mentions", mentions), ("actors", actors)):
            frame = pd.DataFrame(rows)
            if table == "documents" and not has_text:
                frame = frame.drop(columns=["text"])
            con.register("frame", frame)
            columns = ", ".join(frame.columns)
            con.execute(f"INSERT INTO {table} ({columns}) SELECT {columns} FROM frame")
            con.unregister("frame")
        con.execute("UPDATE events SET ingested_at = now(), rule_detail = ['pattern:synthetic']")


def start(db: Path) -> tuple[subprocess.Popen, str]:
    proc = subprocess.Popen([sys.executable, "-m", "newsevents.cli", "serve", "--db", str(db), "--port", "0"],
                            stderr=subprocess.PIPE, text=True)
    for line in proc.stderr:
        found = re.search(r"at (http://\S+?)/ ", line)
        if found:
            return proc, found.group(1)
    raise SystemExit("the server did not start")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("db", type=Path)
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--screenshot", type=Path)
    args = parser.parse_args()
    if not args.db.exists():
        t0 = time.monotonic()
        generate(args.db, args.events)
        print(f"generated {args.events:,} events in {time.monotonic() - t0:.1f} s into {args.db}")

    import httpx
    from playwright.sync_api import sync_playwright

    proc, url = start(args.db)
    try:
        for _ in range(100):
            try:
                info = httpx.get(url + "/api/info", timeout=5).json()
                break
            except httpx.TransportError:
                time.sleep(0.1)
        print(f"store: {info['events']:,} events, {info['coded']:,} documents")
        for path in ("/api/events?limit=50", "/api/stats/timeline?interval=month", "/api/stats/dyads?limit=40",
                     "/api/events?country=SYR&code=19&limit=50", "/api/stats/timeline?interval=day"):
            times = []
            for _ in range(args.runs):
                t = time.perf_counter()
                httpx.get(url + path, timeout=60).raise_for_status()
                times.append((time.perf_counter() - t) * 1000)
            print(f"  GET {path:45} median {statistics.median(times):6.0f} ms  (min {min(times):.0f}, max {max(times):.0f})")
        flags = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=flags)
            for label, query in (("page", "/"), ("page, filtered (country=SYR, code=19)", "/?country=SYR&code=19")):
                times = []
                for _ in range(args.runs):
                    context = browser.new_context(viewport={"width": 1400, "height": 1000})
                    page = context.new_page()
                    page.goto(url + query)
                    page.wait_for_selector("body[data-ready]", timeout=120_000)
                    page.wait_for_function("window.NE && window.NE.loadMs !== undefined")
                    times.append(page.evaluate("window.NE.loadMs"))
                    context.close()
                print(f"  {label:45} ready in median {statistics.median(times):6.0f} ms  "
                      f"(first {times[0]:.0f}, all {', '.join(f'{t:.0f}' for t in times)})")
            context = browser.new_context(viewport={"width": 1400, "height": 1000})
            page = context.new_page()
            page.goto(url + "/")
            page.wait_for_selector("body[data-ready]", timeout=120_000)
            t = time.perf_counter()
            page.locator("#events tbody tr").first.click()
            page.wait_for_selector("#article .hl.ev")
            print(f"  {'open an article from the table':45} {1000 * (time.perf_counter() - t):6.0f} ms")
            if args.screenshot:
                page.evaluate("window.scrollTo(0, 0)")
                page.locator("#article .hl.ev").first.hover()
                page.screenshot(path=str(args.screenshot))
                print(f"screenshot: {args.screenshot}")
            context.close()
            browser.close()
    finally:
        proc.terminate()
        proc.wait(timeout=10)
    return 0


if __name__ == "__main__":
    sys.exit(main())
