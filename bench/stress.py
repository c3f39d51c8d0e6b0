"""Crash loop: kill a real `newsevents ingest` with SIGKILL at random moments, restart it, and check that the
store it ends with equals the store of an uninterrupted run (same documents once each, same events).

    .venv/bin/python bench/stress.py                      # 25 kills (make stress)
    .venv/bin/python bench/stress.py --kills 3 --docs 150 # the short version tests/test_crash.py runs

The corpus is short articles with events plus hostile documents (binary, a sentence of 20,000 characters,
lone surrogates, JSON nested too deeply, an unfinished gzip), in JSON Lines, plain text and gzip. Between
kills the store is checked read-only as a second process would see it: no document twice, every coded
document's events all there (`n_events` adds up), the number of documents never going down. Kills land
anywhere: while the model loads, while a batch is coded, inside a commit. Exit status 1 on any difference.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LEADERS = ["Russian President Vladimir Putin", "Chinese President Xi Jinping", "French President Emmanuel Macron",
           "German Chancellor Angela Merkel", "Turkish President Recep Tayyip Erdogan", "Indian Prime Minister Narendra Modi"]
CITIES = ["Moscow", "Beijing", "Paris", "Berlin", "Ankara", "New Delhi", "Geneva", "Vienna"]
VERBS = ["met", "criticized", "visited", "condemned", "praised", "accused"]


def write_corpus(folder: Path, docs: int, seed: int = 7) -> None:
    """`docs` articles (most with an event) and a handful of hostile documents, in several formats."""
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    lines = []
    for i in range(docs):
        a, b = rng.sample(LEADERS, 2)
        verb, city = rng.choice(VERBS), rng.choice(CITIES)
        text = f"{a} {verb} {b if verb != 'visited' else city} in {city} on Monday, officials said in report {i}."
        if i % 7 == 0:
            text += f" {b} said the talks would go on next week."
        lines.append(json.dumps({"id": f"doc-{i:05d}", "text": text, "date": f"2016-{1 + i % 12:02d}-{1 + i % 28:02d}"}))
    hostile = [
        json.dumps({"id": "surrogate", "text": "Putin met Xi \ud800 in Moscow on Monday, officials said."}),
        json.dumps({"id": "nul", "text": "Putin met Xi\u0000 in Beijing on Monday, officials said."}),
        json.dumps({"id": "rtl", "text": "\u202ePutin\u200d met\u200f Macron in Paris on Monday.\u2066"}),
        json.dumps({"id": "overlong", "text": "Putin met Xi and " * 1200}),
        '{"id": "deep", "text": ' + "[" * 50_000 + "]" * 50_000 + "}",
        json.dumps({"id": "bad-date", "date": "0001-01-01", "text": "Putin met Modi in Moscow yesterday."}),
        '{"id": "cut", "text": "unterminated',
    ]
    half = len(lines) // 2
    (folder / "a-feed.jsonl").write_text("\n".join(lines[:half] + hostile) + "\n", encoding="utf-8")
    (folder / "b-feed.jsonl.gz").write_bytes(gzip.compress(("\n".join(lines[half:]) + "\n").encode()))
    (folder / "c-blob.bin").write_bytes(bytes(range(256)) * 64)
    (folder / "d-cut.txt.gz").write_bytes(gzip.compress(b"Putin met Xi in Moscow on Monday. " * 200)[:-12])
    (folder / "e-page.html").write_text("<html><body>" + "<div><p>" * 3000 + "Macron visited Berlin on Monday."
                                        "</body>", encoding="utf-8")


def ingest_command(corpus: Path, db: Path, batch_size: int) -> list[str]:
    return [sys.executable, "-m", "newsevents.cli", "ingest", str(corpus), "--db", str(db),
            "--batch-size", str(batch_size), "--quiet"]


def snapshot(db: Path) -> dict:
    """What a store holds, comparable between two stores (read-only, as another process would read it)."""
    from newsevents.store import Store

    with Store(db).reading() as con:
        docs = con.execute("SELECT doc_key, doc_id, status, stage, reason, n_events FROM documents ORDER BY ALL").fetchall()
        events = con.execute("SELECT doc_key, event_id, code, source_code, target_code, date, modality, sentence "
                             "FROM events ORDER BY ALL").fetchall()
        counts = {t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
                  for t in ("mentions", "actors", "merge_keys", "merged_events")}
    return {"documents": docs, "events": events, **counts}


def check_consistent(db: Path) -> int:
    """The store as a reader sees it mid-run: no document twice, every coded document whole. -> documents."""
    from newsevents.store import Store

    with Store(db).reading() as con:
        n, keys = con.execute("SELECT count(*), count(DISTINCT doc_key) FROM documents").fetchone()
        assert n == keys, f"a document stored twice ({n} rows, {keys} keys)"
        short = con.execute("SELECT d.doc_key, any_value(d.doc_id), any_value(d.n_events), count(e.event_id) "
                            "FROM documents d LEFT JOIN events e USING (doc_key) WHERE d.status = 'coded' "
                            "GROUP BY d.doc_key HAVING count(e.event_id) != any_value(d.n_events) LIMIT 3").fetchall()
        assert not short, f"half-written documents: {short}"
        orphans = con.execute("SELECT count(*) FROM events WHERE doc_key NOT IN (SELECT doc_key FROM documents)").fetchone()[0]
        assert orphans == 0, f"{orphans} event(s) without their document"
    return n


def _wait_for_more(db: Path, stored: int, proc, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and proc.poll() is None:
        try:
            if check_consistent(db) > stored:
                return
        except AssertionError:
            raise
        except Exception:  # noqa: BLE001 - not a store yet
            pass
        time.sleep(0.05)


def kill_loop(kills: int, docs: int, batch_size: int = 2, seed: int = 1, max_delay: float = 7.0,
              workdir: Path | None = None, log=print) -> dict:
    """Run the crash loop; returns what happened. Raises AssertionError when the stores differ."""
    rng = random.Random(seed)
    tmp = Path(workdir or tempfile.mkdtemp(prefix="newsevents-stress-"))
    corpus, clean, killed = tmp / "corpus", tmp / "clean.duckdb", tmp / "killed.duckdb"
    write_corpus(corpus, docs)
    started = time.monotonic()
    ref = subprocess.run(ingest_command(corpus, clean, 16), cwd=ROOT, capture_output=True, text=True)
    assert ref.returncode == 0, ref.stderr
    reference = snapshot(clean)
    log(f"uninterrupted run: {len(reference['documents'])} documents, {len(reference['events'])} events "
        f"in {time.monotonic() - started:.1f} s")
    done, stored, runs, finished_early = 0, 0, 0, 0
    while done < kills:
        proc = subprocess.Popen(ingest_command(corpus, killed, batch_size), cwd=ROOT,
                                stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        runs += 1
        if done % 2 and killed.exists():  # every other kill waits for the next commit, then lands near it
            _wait_for_more(killed, stored, proc, timeout=120)
            time.sleep(rng.uniform(0.0, 0.5))
        else:  # anywhere: loading the model, reading, coding, committing
            time.sleep(rng.uniform(0.0, max_delay))
        if proc.poll() is None:
            os.kill(proc.pid, signal.SIGKILL)
            proc.wait()
            done += 1
        else:
            finished_early += 1
            err = proc.stderr.read().decode() if proc.stderr else ""
            assert proc.returncode == 0, err
            log(f"run {runs}: finished before its kill; starting over on a new file")
            killed.unlink()  # so the remaining kills still interrupt work
            stored = 0
            continue
        if killed.exists():
            try:
                n = check_consistent(killed)
            except Exception as exc:  # a store killed before its first migration finished is not one yet
                if "not a newsevents database" not in str(exc):
                    raise
                n = 0
            assert n >= stored, f"documents went from {stored} to {n}"
            stored = n
        log(f"kill {done}/{kills}: {stored} document(s) stored")
    final = subprocess.run(ingest_command(corpus, killed, batch_size), cwd=ROOT, capture_output=True, text=True)
    assert final.returncode == 0, final.stderr
    again = subprocess.run(ingest_command(corpus, killed, batch_size), cwd=ROOT, capture_output=True, text=True)
    assert again.returncode == 0 and " coded 0," in again.stderr, again.stderr  # a re-run adds nothing
    result = snapshot(killed)
    for key in reference:
        assert result[key] == reference[key], f"{key}: the killed store differs from the uninterrupted one"
    seconds = time.monotonic() - started
    log(f"{done} kills in {runs} runs ({finished_early} finished early): the store equals the uninterrupted "
        f"run's ({len(result['documents'])} documents, {len(result['events'])} events) in {seconds:.0f} s")
    if workdir is None:
        shutil.rmtree(tmp, ignore_errors=True)
    return {"kills": done, "runs": runs, "documents": len(result["documents"]), "events": len(result["events"]),
            "seconds": seconds}


def one_word_documents(n: int, log=print) -> dict:
    """`n` one-word documents through a real ingest: all stored, in bounded time and memory."""
    import resource

    tmp = Path(tempfile.mkdtemp(prefix="newsevents-words-"))
    words = ["Putin", "peace", "Moscow", "\u200d", "مرحبا", "Ιράν", "x", "1", "NATO."]
    feed = tmp / "words.jsonl"
    feed.write_text("".join(json.dumps({"id": f"w{i}", "text": f"{words[i % len(words)]}{i}"}) + "\n"
                            for i in range(n)), encoding="utf-8")
    started = time.monotonic()
    r = subprocess.run(ingest_command(feed, tmp / "words.duckdb", 512), cwd=ROOT, capture_output=True, text=True)
    seconds = time.monotonic() - started
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss // 1024
    assert r.returncode == 0 and f"read {n} document(s)" in r.stderr, r.stderr
    from newsevents.store import Store

    assert Store(tmp / "words.duckdb").counts()["documents"] == n
    assert peak < 1500, f"{peak} MB"
    log(f"{n} one-word documents stored in {seconds:.0f} s, peak memory {peak} MB")
    shutil.rmtree(tmp, ignore_errors=True)
    return {"documents": n, "seconds": seconds, "peak_mb": peak}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--kills", type=int, default=25)
    ap.add_argument("--docs", type=int, default=600, help="articles in the corpus (plus the hostile ones)")
    ap.add_argument("--batch-size", type=int, default=2, help="small batches: kills land in and near commits")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--max-delay", type=float, default=7.0, help="longest wait before a kill, in seconds")
    ap.add_argument("--words", type=int, default=100_000, help="one-word documents to ingest first (0: none)")
    args = ap.parse_args()
    try:
        if args.words:
            one_word_documents(args.words)
        kill_loop(args.kills, args.docs, args.batch_size, args.seed, args.max_delay)
    except AssertionError as exc:
        print(f"stress: FAILED: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
