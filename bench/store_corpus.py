"""A synthetic news corpus for timing `newsevents ingest`: JSON Lines articles and a WARC of HTML pages.

    python bench/store_corpus.py OUT_DIR [N]      # N documents (default 5000): 80 % JSON Lines, 20 % WARC

Articles are 4-8 sentences from templates (political events between well-known actors, mixed with
sentences that carry no event), dated 2010-2020, deterministic (seeded).
"""

from __future__ import annotations

import io
import json
import random
import sys
from pathlib import Path

ACTORS = ["Russian President Vladimir Putin", "Chinese Foreign Minister Wang Yi", "the Syrian army", "NATO",
          "the United Nations", "Israeli troops", "Iranian officials", "the U.S. State Department", "Hamas",
          "Turkish President Recep Tayyip Erdogan", "Kurdish fighters", "the European Union", "Pakistani police",
          "Afghan security forces", "the Taliban", "Indian Prime Minister Narendra Modi", "the Ukrainian government",
          "French President Emmanuel Macron", "German Chancellor Angela Merkel", "rebels in eastern Ukraine",
          "the Egyptian military", "Saudi Arabia", "the government of Venezuela", "opposition leaders in Caracas"]
CITIES = ["Moscow", "Beijing", "Damascus", "Brussels", "Geneva", "Gaza", "Tehran", "Washington", "Ankara", "Kabul",
          "New Delhi", "Kiev", "Paris", "Berlin", "Cairo", "Riyadh", "Caracas", "Islamabad", "Aleppo", "Donetsk"]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
EVENTS = ["{s} met {o} in {c} on {d}.", "{s} accused {o} of violating the ceasefire.",
          "{s} condemned the attack by {o}.", "{s} attacked positions held by {o} near {c} on {d}.",
          "{s} called on {o} to release the prisoners.", "{s} signed an agreement with {o} in {c}.",
          "{s} will visit {c} next week, officials said.", "{s} imposed new sanctions on {o}.",
          "{s} rejected a proposal from {o}.", "{s} promised economic aid to {o}.",
          "{s} arrested dozens of supporters of {o} in {c}.", "{s} threatened {o} with retaliation.",
          "{s} praised {o} for its role in the negotiations.", "{s} expelled two diplomats of {o}."]
FILLER = ["The talks lasted three hours.", "The statement gave no further details.",
          "Oil prices rose slightly on the news.", "Reporters were not allowed to attend.",
          "The weather in the region has been unusually dry this year.", "Analysts said the move was expected."]


def article(rng: random.Random, n: int) -> dict:
    city = rng.choice(CITIES)
    sentences = []
    for _ in range(rng.randint(4, 8)):
        if rng.random() < 0.6:
            s, o = rng.sample(ACTORS, 2)
            text = rng.choice(EVENTS).format(s=s, o=o, c=rng.choice(CITIES), d=rng.choice(DAYS))
            sentences.append(text[0].upper() + text[1:])
        else:
            sentences.append(rng.choice(FILLER))
    body = f"{city.upper()} (Wire) - " + " ".join(sentences[:2]) + "\n\n" + " ".join(sentences[2:])
    date = f"{rng.randint(2010, 2020)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
    return {"id": f"bench-{n:06d}", "title": sentences[0][:60], "date": date, "source": "Bench Wire", "text": body}


def main(out: str, total: int = 5000) -> None:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    rng = random.Random(7)
    folder = Path(out)
    folder.mkdir(parents=True, exist_ok=True)
    n_warc = total // 5
    with open(folder / "articles.jsonl", "w", encoding="utf-8") as fh:
        for n in range(total - n_warc):
            fh.write(json.dumps(article(rng, n)) + "\n")
    with open(folder / "pages.warc.gz", "wb") as fh:
        writer = WARCWriter(fh, gzip=True)
        for n in range(total - n_warc, total):
            a = article(rng, n)
            paragraphs = "".join(f"<p>{p}</p>" for p in a["text"].split("\n\n"))
            html = (f"<html><head><title>{a['title']}</title><meta property='og:site_name' content='Bench Wire'>"
                    f"<meta property='article:published_time' content='{a['date']}'></head><body>"
                    f"<nav><a href='/'>Home</a> | <a href='/world'>World</a></nav><article><h1>{a['title']}</h1>"
                    f"{paragraphs}</article><footer>Copyright Bench Wire</footer></body></html>")
            headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(f"https://bench.test/{a['id']}", "response",
                                                          payload=io.BytesIO(html.encode()), http_headers=headers))
    print(f"{total} documents in {folder}")


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 5000)
