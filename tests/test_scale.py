"""Scale-out (scale.py): worker processes and a real Dask LocalCluster code exactly what one process codes."""

from __future__ import annotations

import pickle

import pytest

from newsevents.errors import UsageError
from newsevents.pipeline import Options
from newsevents.records import Document
from newsevents.scale import ScaleOptions, code_chunk, coding

from conftest import EXAMPLES, run_cli

TEXTS = [
    "Russian President Dmitry Medvedev held talks on Monday with South African President Jacob Zuma.",
    "Israeli troops attacked Hamas positions near Gaza on Tuesday. Hamas condemned the attack.",
    "The economy shrank by 2 percent last year. NATO accused Russia of violating the treaty.",
    "Turkish police arrested 40 protesters in Ankara. He said the talks had been constructive.",
    "Heavy rain made many roads impassable. Prices rose.",
]


def _documents() -> list[Document]:
    docs = [Document(id=f"doc-{i}", text=t) for i, t in enumerate(TEXTS)]
    example = (EXAMPLES / "nato-libya-2011.txt").read_text(encoding="utf-8")
    return docs + [Document(id="nato", text=example)]


def _as_dicts(results) -> list[tuple[str, list[dict]]]:
    return [(doc.id, [e.to_dict() for e in events]) for doc, events in results]


@pytest.fixture(scope="module")
def single_process():
    from newsevents.pipeline import coder

    return _as_dicts(coder(Options()).code_documents(_documents()))


def test_records_pickle_both_ways(single_process):
    docs = _documents()
    results = code_chunk(Options(), docs[:2])
    assert pickle.loads(pickle.dumps((Options(), docs))) == (Options(), docs)
    assert pickle.loads(pickle.dumps(results)) == results


def test_dask_local_cluster_of_two_workers_codes_like_one_process(single_process):
    distributed = pytest.importorskip("distributed")
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        with distributed.Client(cluster) as client:
            pids = set(client.run(lambda: __import__("os").getpid()).values())
        with coding(Options(), ScaleOptions(scheduler=cluster.scheduler_address, chunk_size=1)) as c:
            results = _as_dicts(c.code_documents(_documents()))
    assert len(pids) == 2  # two worker processes, each with its own model
    assert results == single_process
    assert sum(len(events) for _, events in results) > 5


def test_local_worker_processes_code_like_one_process(single_process):
    with coding(Options(), ScaleOptions(workers=2, chunk_size=1)) as c:
        results = _as_dicts(c.code_documents(_documents()))
    assert results == single_process


def test_workers_and_scheduler_exclude_each_other():
    with pytest.raises(UsageError):
        ScaleOptions(workers=2, scheduler="tcp://127.0.0.1:8786")
    with pytest.raises(UsageError):
        ScaleOptions(workers=0)


def test_cli_refuses_both_with_exit_2():
    r = run_cli("code", "-", "--workers", "2", "--scheduler", "tcp://127.0.0.1:1", stdin=b"NATO met Russia.")
    assert r.returncode == 2
    assert b"either --workers" in r.stderr
