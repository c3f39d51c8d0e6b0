"""Crash safety with real processes: kill -9 at random moments and resume; Ctrl-C and SIGTERM stop cleanly.

The long loop (25 kills) is `make stress` (bench/stress.py); here a short one runs on every `make test`.
"""

import json
import os
import signal
import subprocess
import sys
import time

import pytest

from conftest import ROOT
from newsevents.store import Store

sys.path.insert(0, str(ROOT / "bench"))
import stress  # noqa: E402


def test_random_kills_resume_to_the_store_of_an_uninterrupted_run(coder, tmp_path):
    result = stress.kill_loop(kills=3, docs=80, max_delay=6.0, seed=3, workdir=tmp_path, log=lambda *a: None)
    assert result["kills"] == 3 and result["documents"] > 80 and result["events"] > 60


def _started(db, proc, at_least: int = 4, timeout: float = 300) -> int:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        assert proc.poll() is None, proc.stderr.read().decode()
        if db.exists():
            try:
                n = stress.check_consistent(db)
            except Exception:  # noqa: BLE001 - not migrated yet
                n = 0
            if n >= at_least:
                return n
        time.sleep(0.05)
    raise AssertionError("the ingest stored nothing in time")


@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM])
def test_ctrl_c_and_sigterm_stop_cleanly_with_a_summary(coder, tmp_path, signum):
    corpus = tmp_path / "corpus"
    stress.write_corpus(corpus, 150)
    db = tmp_path / "events.duckdb"
    proc = subprocess.Popen(stress.ingest_command(corpus, db, 2), cwd=ROOT, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE,  # a shell without job control starts jobs ignoring SIGINT
                            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    try:
        _started(db, proc)
        os.kill(proc.pid, signum)
        _, err = proc.communicate(timeout=120)
    finally:
        if proc.poll() is None:
            proc.kill()
    err = err.decode()
    assert proc.returncode == 130, err
    lines = err.strip().splitlines()
    assert lines[0].startswith("newsevents: read ") and "coded " in lines[0], err
    assert lines[-1] == "newsevents: interrupted; what was coded is stored: run the same command again to go on"
    assert "Traceback" not in err
    read = int(lines[0].split()[2])
    stored = stress.check_consistent(db)
    assert 0 < stored <= read + 10  # every document read was stored (the hostile ones count once each)
    [(counts,)] = Store(db).execute("SELECT counts FROM runs")[1]
    assert json.loads(counts)["interrupted"] is True
    r = subprocess.run(stress.ingest_command(corpus, db, 64), cwd=ROOT, capture_output=True, text=True)
    assert r.returncode == 0 and f"already stored {stored}," in r.stderr, r.stderr
