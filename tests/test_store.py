"""The store: exactly once, re-runs add nothing, kill -9 and resume, readers beside a writer, the API."""

import gzip
import io
import json
import os
import signal
import subprocess
import sys
import time

import duckdb
import pytest

from conftest import ROOT, run_cli
from test_ingest import ARTICLE, write_warc
from newsevents.ingest import ReadOptions, read_paths
from newsevents.ingest.run import IngestOptions, ingest
from newsevents.store import SCHEMA_VERSION, Store, StoreError

LEADERS = ["Russian President Vladimir Putin", "Chinese President Xi Jinping", "French President Emmanuel Macron",
           "German Chancellor Angela Merkel", "Turkish President Recep Tayyip Erdogan", "Indian Prime Minister Narendra Modi"]
CITIES = ["Moscow", "Beijing", "Paris", "Berlin", "Ankara", "New Delhi", "Geneva", "Vienna"]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]


def corpus_lines(n: int) -> list[str]:
    """n distinct short articles as JSON Lines, most with an event, dated so relative dates resolve."""
    lines = []
    for i in range(n):
        a, b = LEADERS[i % len(LEADERS)], LEADERS[(i * 5 + 1) % len(LEADERS)]
        city, day = CITIES[i % len(CITIES)], DAYS[i % len(DAYS)]
        verb = ["met", "criticized", "visited", "condemned"][i % 4]
        obj = b if verb != "visited" else city
        text = f"{a} {verb} {obj} in {city} on {day}, officials said in report number {i}."
        lines.append(json.dumps({"id": f"doc-{i:04d}", "text": text, "date": f"2015-{1 + i % 12:02d}-{1 + i % 28:02d}"}))
    return lines


def snapshot(db) -> dict:
    """What a store holds, in a form two stores can be compared by."""
    with Store(db).reading() as con:
        docs = con.execute("SELECT doc_key, doc_id, status, stage, reason, n_events FROM documents ORDER BY ALL").fetchall()
        events = con.execute("SELECT doc_key, event_id, code, source_code, target_code, date, sentence "
                             "FROM events ORDER BY ALL").fetchall()
        counts = {t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in ("mentions", "actors")}
    return {"documents": docs, "events": events, **counts}


def test_ingest_stores_every_document_once_and_a_rerun_adds_nothing(coder, tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "feed.jsonl").write_text("\n".join(corpus_lines(6)) + "\n", encoding="utf-8")
    (corpus / "z-copy.txt").write_text(json.loads(corpus_lines(1)[0])["text"], encoding="utf-8")  # same text, other id
    (corpus / "de.txt").write_text("Der russische Präsident Wladimir Putin hat am Dienstag den chinesischen "
                                   "Staatschef Xi Jinping in Moskau empfangen.", encoding="utf-8")
    (corpus / "blob.bin").write_bytes(bytes(range(256)) * 8)
    (corpus / "cut.txt.gz").write_bytes(gzip.compress(b"Some text that is cut off. " * 100)[:-10])
    (corpus / "empty.html").write_text("<html><body><div></div></body></html>", encoding="utf-8")
    (corpus / "huge.txt").write_bytes(b"word " * 4_000_000)  # 20 MB
    write_warc(corpus / "crawl.warc.gz", [("https://w.test/a", "text/html", b"<p>" + ARTICLE.encode() + b"</p>")],
               extra=gzip.compress(b"not a WARC record\r\n\r\n"))
    (corpus / "lines.jsonl").write_text('{}\n\n{"id": "broken"\n', encoding="utf-8")
    db = tmp_path / "events.duckdb"
    summary = ingest([str(corpus)], str(db))
    assert (summary.read, summary.coded, summary.duplicates, summary.already) == (16, 7, 1, 0)
    assert dict(summary.skipped) == {"language:de": 1, "decode: binary": 1, "decode: broken gzip": 1, "read: empty": 2,
                                     "read: too long": 1, "read: broken WARC record": 1, "read: invalid JSON": 1}
    first = snapshot(db)
    assert len(first["documents"]) == 16
    assert len({d[0] for d in first["documents"]}) == 16
    by_id = {d[1]: d for d in first["documents"]}
    assert by_id[str(corpus / "z-copy.txt")][2:5] == ("skipped", "store", "duplicate: same text as doc-0000")
    assert by_id[str(corpus / "de.txt")][2:5] == ("skipped", "language", "language:de")
    # the stored events are the coder's events, and every document's n_events adds up
    readable = [d for d in read_paths([str(corpus / "feed.jsonl"), str(corpus / "crawl.warc.gz")]) if hasattr(d, "text")]
    direct = {e.event_id for _, evs in coder.code_documents(readable) for e in evs}
    assert {e[1] for e in first["events"]} == direct and summary.events == len(first["events"]) > 0
    assert sum(d[5] or 0 for d in first["documents"]) == len(first["events"])
    assert first["mentions"] == len(first["events"]) and first["actors"] >= len(first["events"])

    again = ingest([str(corpus)], str(db))
    assert (again.read, again.coded, again.already, again.events, sum(again.skipped.values())) == (16, 0, 16, 0, 0)
    assert snapshot(db) == first
    with Store(db).reading() as con:
        assert con.execute("SELECT max(version) FROM migrations").fetchall() == [(SCHEMA_VERSION,)]
        runs = con.execute("SELECT counts FROM runs ORDER BY started_at").fetchall()
    assert [json.loads(r[0])["coded"] for r in runs] == [7, 0]


def _wait_for_documents(db, at_least: int, proc, timeout: float = 300) -> int:
    """Poll the store read-only (as a second process would) until it holds `at_least` documents."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        assert proc.poll() is None, "the ingest finished before it could be killed; make the corpus larger"
        if db.exists():
            try:
                n = Store(db, read_timeout=5).counts()["documents"]
            except StoreError:
                n = 0  # created but not migrated yet
            if n >= at_least:
                return n
        time.sleep(0.05)
    raise AssertionError("the ingest stored nothing in time")


def test_killed_ingest_resumes_with_every_document_once_and_the_same_events(coder, tmp_path):
    total = 240
    corpus = tmp_path / "feed.jsonl"
    corpus.write_text("\n".join(corpus_lines(total)) + "\n", encoding="utf-8")
    killed = tmp_path / "killed.duckdb"
    command = [sys.executable, "-m", "newsevents.cli", "ingest", str(corpus), "--db", str(killed),
               "--batch-size", "2", "--quiet"]  # small batches: the kill likely lands in or near a commit
    proc = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        stored = _wait_for_documents(killed, 10, proc)
        # a reader in another process while the writer runs: the CLI, read-only, waits at most one batch write
        r = run_cli("query", "--db", killed, "--sql", "SELECT count(*) AS n FROM documents", "--format", "csv")
        assert r.returncode == 0, r.stderr.decode()
        assert int(r.stdout.decode().split()[1]) >= stored
        os.kill(proc.pid, signal.SIGKILL)
    finally:
        proc.wait(timeout=60)
    assert proc.returncode == -signal.SIGKILL
    assert stored <= Store(killed).counts()["documents"] < total
    resumed = ingest([str(corpus)], str(killed))  # the next run finishes the job
    assert resumed.already >= stored and resumed.already + resumed.coded == total

    clean = tmp_path / "clean.duckdb"
    ingest([str(corpus)], str(clean), IngestOptions(batch_size=32))
    a, b = snapshot(killed), snapshot(clean)
    assert len(a["documents"]) == total and len({d[1] for d in a["documents"]}) == total
    assert a == b


def _hold(db, seconds: float, read_only: bool = False):
    """Another process that opens the store and holds it for `seconds`."""
    code = ("import duckdb, sys, time; c = duckdb.connect(sys.argv[1], read_only=sys.argv[3] == '1'); "
            "print('ready', flush=True); time.sleep(float(sys.argv[2])); c.close(); time.sleep(30)")
    proc = subprocess.Popen([sys.executable, "-c", code, str(db), str(seconds), "1" if read_only else "0"],
                            stdout=subprocess.PIPE)
    assert proc.stdout.readline().strip() == b"ready"
    return proc


def test_readers_wait_for_a_writer_and_a_writer_for_readers(coder, tmp_path):
    db = tmp_path / "events.duckdb"
    feed = tmp_path / "feed.jsonl"
    feed.write_text("\n".join(corpus_lines(3)) + "\n", encoding="utf-8")
    ingest([str(feed)], str(db))
    writer = _hold(db, 1.5)
    try:
        with pytest.raises(StoreError, match="busy for 0 s"):
            Store(db, read_timeout=0.2).counts()
        assert Store(db, read_timeout=60).counts()["documents"] == 3  # waits until the writer lets go
    finally:
        writer.kill()
        writer.wait()
    reader = _hold(db, 1.0, read_only=True)
    try:
        more = tmp_path / "more.jsonl"
        more.write_text("\n".join(corpus_lines(5)[3:]) + "\n", encoding="utf-8")
        assert ingest([str(more)], str(db)).coded == 2  # the writer waited for the reader
    finally:
        reader.kill()
        reader.wait()


def test_store_refuses_what_it_cannot_use(tmp_path):
    with pytest.raises(StoreError, match="no such database"):
        Store(tmp_path / "missing.duckdb").counts()
    other = tmp_path / "other.duckdb"
    con = duckdb.connect(str(other))
    con.execute("CREATE TABLE t (x INTEGER)")
    con.close()
    with pytest.raises(StoreError, match="not a newsevents database"):
        Store(other).counts()
    r = run_cli("ingest", tmp_path / "nothing-here", "--db", other)
    assert r.returncode == 1 and r.stderr.decode().count("\n") == 1 and "no such file" in r.stderr.decode()


def test_python_api_gives_frames_and_refuses_writes(coder, tmp_path):
    import newsevents

    db = tmp_path / "events.duckdb"
    feed = tmp_path / "feed.jsonl"
    feed.write_text("\n".join(corpus_lines(8)) + "\n", encoding="utf-8")
    ingest([str(feed)], str(db), IngestOptions(read=ReadOptions(languages=())))
    ds = newsevents.open(db)
    frame = ds.events()
    assert len(frame) == Store(db).counts()["events"] > 0
    assert {"event_id", "code", "source_code", "target_country", "sentence"} <= set(frame.columns)
    rus = ds.events(country="RUS", frame="rows")
    assert rus and all("RUS" in (e["source_country"], e["target_country"], e["location_country"]) for e in rus)
    polars_frame = ds.sql("SELECT code, count(*) AS n FROM events GROUP BY code ORDER BY code", frame="polars")
    assert polars_frame.columns == ["code", "n"]
    gdelt = ds.events(layout="gdelt", limit=2)
    assert list(gdelt.columns)[:3] == ["GLOBALEVENTID", "SQLDATE", "MonthYear"]
    assert ds.documents(status="coded").shape[0] == 8 and ds.skipped().shape[0] == 0
    with pytest.raises(newsevents.UsageError, match="read-only"):
        ds.sql("DELETE FROM events")
    assert Store(db).counts()["events"] == len(frame)


def test_ingest_command_reads_stdin_and_prints_a_summary(coder, tmp_path, monkeypatch, capsys):
    from newsevents.cli import main

    db = tmp_path / "events.duckdb"
    lines = corpus_lines(3) + [json.dumps({"id": "de", "text": "Der russische Präsident Wladimir Putin hat am Dienstag "
                                                                "den chinesischen Staatschef in Moskau empfangen."})]
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(("\n".join(lines) + "\n").encode())))
    assert main(["ingest", "-", "--db", str(db)]) == 0
    err = capsys.readouterr().err
    assert "newsevents: read 4 document(s)" in err and "coded 3" in err and "skipped 1" in err
    assert "language:de" in err and "Traceback" not in err
    assert Store(db).counts()["documents"] == 4


def test_a_document_the_coder_fails_on_is_skipped_and_the_run_goes_on(coder, tmp_path, monkeypatch):
    import newsevents.pipeline as pipeline

    class Fragile:
        """The real coder, except that it raises on one document (as a bug in a stage would)."""

        def code_documents(self, docs):
            docs = list(docs)
            if any("EXPLODE" in d.text for d in docs):
                raise RuntimeError("boom")
            return coder.code_documents(docs)

    monkeypatch.setattr(pipeline, "coder", lambda options=None: Fragile())
    feed = tmp_path / "feed.jsonl"
    lines = corpus_lines(3) + [json.dumps({"id": "bad", "text": "Officials said EXPLODE was not a word."})]
    feed.write_text("\n".join(lines) + "\n", encoding="utf-8")
    db = tmp_path / "events.duckdb"
    summary = ingest([str(feed)], str(db))
    assert summary.coded == 3 and dict(summary.skipped) == {"code: coder error": 1}
    [row] = Store(db).execute("SELECT doc_id, stage, reason FROM documents WHERE status = 'skipped'")[1]
    assert row == ("bad", "code", "coder error: RuntimeError: boom")
