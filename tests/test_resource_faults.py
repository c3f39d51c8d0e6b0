"""Resource faults with a real store and real processes: a read-only database, a missing folder, a full disk.

Each gives one clear line on stderr and exit status 1, and the store written before is left as it was.
The full disk is a file size limit (RLIMIT_FSIZE: writes past it fail with EFBIG, as on a full disk) and,
where this user may mount one, a real 2 MB tmpfs.
"""

import os
import resource
import shutil
import signal
import subprocess
import sys
import uuid

import pytest

from conftest import ROOT
from newsevents.store import Store

sys.path.insert(0, str(ROOT / "bench"))
import stress  # noqa: E402


def _ingest(corpus, db, *, preexec=None, extra=()):
    return subprocess.run(stress.ingest_command(corpus, db, 8) + list(extra), cwd=ROOT, capture_output=True,
                          text=True, preexec_fn=preexec, timeout=600)


@pytest.fixture(scope="module")
def corpora(tmp_path_factory):
    base = tmp_path_factory.mktemp("faults")
    stress.write_corpus(base / "first", 40, seed=1)
    stress.write_corpus(base / "more", 100, seed=2)
    for path in (base / "more").iterdir():  # other documents than the first corpus (new ids, new texts)
        if path.suffix == ".jsonl":
            path.write_text(path.read_text(encoding="utf-8").replace("report ", "bulletin "), encoding="utf-8")
    db = base / "base.duckdb"
    assert _ingest(base / "first", db).returncode == 0
    return base, db


def _one_clear_line(r, *needles):
    assert r.returncode == 1, r.stderr
    assert r.stderr.count("\n") == 1 and r.stderr.startswith("newsevents: ") and "Traceback" not in r.stderr, r.stderr
    for needle in needles:
        assert needle in r.stderr, r.stderr


def test_a_read_only_database_is_refused_and_left_intact(corpora, tmp_path):
    base, source = corpora
    db = tmp_path / "events.duckdb"
    shutil.copy(source, db)
    before = stress.snapshot(db)
    if os.geteuid() == 0:  # root writes through file modes: make the file immutable instead
        if subprocess.run(["chattr", "+i", str(db)], capture_output=True).returncode != 0:
            pytest.skip("running as root without chattr: cannot make a file read-only")
    else:
        db.chmod(0o444)
    try:
        r = _ingest(base / "more", db)
    finally:
        if os.geteuid() == 0:
            subprocess.run(["chattr", "-i", str(db)], check=True)
    _one_clear_line(r, "cannot open the database", "writable")
    assert stress.snapshot(db) == before
    query = subprocess.run([sys.executable, "-m", "newsevents.cli", "query", "--db", str(db), "--sql",
                            "SELECT count(*) FROM documents", "--format", "csv"], capture_output=True, text=True)
    assert query.returncode == 0 and int(query.stdout.split()[1]) == len(before["documents"])


def test_a_missing_folder_is_a_clear_error(corpora, tmp_path):
    base, _ = corpora
    missing = tmp_path / "no" / "such" / "events.duckdb"
    _one_clear_line(_ingest(base / "first", missing), "does not exist", "mkdir -p")
    assert not (tmp_path / "no").exists()  # nothing created on the way
    for command in (["query", "--db", str(missing)], ["export", "--db", str(missing), "--format", "csv", "-"]):
        r = subprocess.run([sys.executable, "-m", "newsevents.cli", *command], capture_output=True, text=True)
        _one_clear_line(r, "no such database")


def _limit_file_size(limit: int):
    def apply():
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past the limit fails with EFBIG instead
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))
    return apply


def _full_disk_leaves_the_store_intact(corpora, db, run):
    base, source = corpora
    shutil.copy(source, db)
    before = stress.snapshot(db)
    r = run()
    _one_clear_line(r, "cannot write", "the batches committed before are kept")
    after = stress.check_consistent(db)  # whole batches only, the first corpus all there
    kept = stress.snapshot(db)
    assert after >= len(before["documents"])
    assert set(before["documents"]) <= set(kept["documents"]) and set(before["events"]) <= set(kept["events"])
    _resumes(base / "more", db)


def _resumes(corpus, db):
    """With room again the run goes on where it stopped, and then the store holds every document once."""
    resumed = _ingest(corpus, db)
    assert resumed.returncode == 0, resumed.stderr
    again = _ingest(corpus, db)
    assert again.returncode == 0 and " coded 0," in again.stderr, again.stderr
    stress.check_consistent(db)


def test_a_full_disk_stops_with_a_clear_error_and_keeps_the_store(corpora, tmp_path):
    base, source = corpora
    db = tmp_path / "events.duckdb"
    limit = 256 * 1024  # no write past 256 KB into any file: the store's file is larger, its log starts empty
    # (the language detector unpacks its model through a temporary file larger than this, so it is left out
    # here; the tmpfs test below has it)
    _full_disk_leaves_the_store_intact(corpora, db, lambda: _ingest(base / "more", db, preexec=_limit_file_size(limit),
                                                                    extra=["--languages", "any"]))


def test_a_full_temporary_folder_is_a_clear_error_not_a_skip_of_every_document(corpora, tmp_path):
    base, _ = corpora
    r = _ingest(base / "more", tmp_path / "events.duckdb", preexec=_limit_file_size(2 * 1024 * 1024))
    _one_clear_line(r, "cannot load the language detector", "--languages any")


def test_a_real_full_tmpfs(corpora, tmp_path):
    base, source = corpora
    mount = tmp_path / "small"
    mount.mkdir()
    size = os.path.getsize(source) + 8 * 1024  # the store, its lock, and a page or two of its log
    if subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", f"ne{uuid.uuid4().hex[:6]}", str(mount)],
                      capture_output=True).returncode != 0:
        pytest.skip("cannot mount a tmpfs here (needs CAP_SYS_ADMIN); the file size limit test stands in")
    big = tmp_path / "big"  # more than the free blocks inside the store's file hold
    stress.write_corpus(big, 400, seed=3)
    for path in big.glob("*.jsonl"):
        path.write_text(path.read_text(encoding="utf-8").replace("report ", "dispatch "), encoding="utf-8")
    try:
        db = mount / "events.duckdb"
        shutil.copy(source, db)
        before = stress.snapshot(db)
        r = _ingest(big, db)
        _one_clear_line(r, "cannot write")
        kept = stress.snapshot(db)
        assert set(before["documents"]) <= set(kept["documents"]) and stress.check_consistent(db) >= 50
        copy = tmp_path / "moved.duckdb"  # room again (the store moved to a bigger disk): the run goes on
        shutil.copy(db, copy)
    finally:
        subprocess.run(["umount", str(mount)], check=True)
    _resumes(big, copy)
    assert Store(copy).counts()["documents"] > len(before["documents"]) + 390
