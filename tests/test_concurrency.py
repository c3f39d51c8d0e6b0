"""Concurrent use with real processes: `query`, the web server and a notebook read while `ingest` writes;
a second ingest on the same file is refused with a message.

Every read must succeed and see whole batches only: with batches of 4 fresh documents the number of
documents is always a multiple of 4 (until the last batch), and the events of every coded document are
all there (`n_events` adds up).
"""

import re
import subprocess
import sys
import time

import httpx

from conftest import ROOT, run_cli
from newsevents.store import Store

sys.path.insert(0, str(ROOT / "bench"))
import stress  # noqa: E402

BATCH = 4
WHOLE = "SELECT count(*) AS n, coalesce(sum(n_events), 0) AS stated, (SELECT count(*) FROM events) AS events FROM documents"


def _serve(db):
    proc = subprocess.Popen([sys.executable, "-m", "newsevents.cli", "serve", "--db", str(db), "--port", "0"],
                            cwd=ROOT, stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True)
    line = proc.stderr.readline()
    found = re.search(r"http://127\.0\.0\.1:(\d+)/", line)
    assert found, line
    return proc, f"http://127.0.0.1:{found.group(1)}"


def test_readers_see_whole_batches_while_ingest_writes_and_a_second_writer_is_refused(coder, tmp_path):
    corpus = tmp_path / "corpus"
    stress.write_corpus(corpus, 300)
    total = 300 + 10  # the articles, the hostile lines and files: each one row
    db = tmp_path / "events.duckdb"
    writer = subprocess.Popen(stress.ingest_command(corpus, db, BATCH), cwd=ROOT, stdout=subprocess.DEVNULL,
                              stderr=subprocess.PIPE, text=True)
    server = None
    seen: list[int] = []
    try:
        while not db.exists() or stress.check_consistent(db) == 0:  # the store exists once a batch is in
            assert writer.poll() is None, writer.stderr.read()
            time.sleep(0.1)
        second = run_cli("ingest", corpus, "--db", db, "--quiet")
        err = second.stderr.decode()
        assert second.returncode == 1 and err.count("\n") == 1, err
        assert "another ingest is writing to it (pid " in err and "give another --db" in err
        server, url = _serve(db)
        with httpx.Client(base_url=url, timeout=60) as web:
            queries = 0
            while writer.poll() is None:
                info = web.get("/api/info")
                assert info.status_code == 200, info.text
                n = info.json()["documents"]
                assert n % BATCH == 0 or n == total, n
                page = web.get("/api/events", params={"limit": 5, "sort": "-date"})
                assert page.status_code == 200 and page.json()["total"] <= info.json()["events"] + 10 ** 6
                n_py = stress.check_consistent(db)  # the Python API, in this process
                assert n_py % BATCH == 0 or n_py == total, n_py
                if queries < 6:  # the CLI: a whole process per query
                    r = run_cli("query", "--db", db, "--sql", WHOLE, "--format", "csv")
                    assert r.returncode == 0, r.stderr.decode()
                    n_cli, stated, events = map(int, r.stdout.decode().split()[1].split(","))
                    assert (n_cli % BATCH == 0 or n_cli == total) and stated == events, (n_cli, stated, events)
                    queries += 1
                seen += [n, n_py]
                time.sleep(0.05)
        assert writer.wait() == 0, writer.stderr.read()
    finally:
        for proc in (writer, server):
            if proc is not None and proc.poll() is None:
                proc.terminate()
                proc.wait(timeout=30)
    assert seen == sorted(seen) or all(a <= b for a, b in zip(seen[::2], seen[2::2]))
    assert len(set(seen)) > 3  # the readers really ran beside the writer, across several batches
    assert stress.check_consistent(db) == total == Store(db).counts()["documents"]
