"""Scale-out: the same coding in N local processes (`--workers N`) or on a Dask cluster (`--scheduler`).

    with coding(options, ScaleOptions(workers=4)) as c:         # or ScaleOptions(scheduler="tcp://...")
        for doc, events in c.code_documents(documents):          # the Coder's own interface, input order
            ...

Workers parse and code; the calling process reads the input and is the one writer that stores (ingest
gives the parallel coder to its usual loop). Work travels as chunks of `Document` records and comes back as
`(Document, [Event])` pairs, all frozen dataclasses that pickle. Each worker process loads the model and
dictionaries once (`pipeline.coder`, a process-wide cache) and keeps them for every chunk it codes.
Memory stays flat: at most `ahead` chunks per worker are in flight, and the input is read as it is consumed.

Local processes are started with `spawn` (a clean interpreter: no inherited threads or open store; a
script that uses `ParallelCoder` itself needs the usual `if __name__ == "__main__":` guard), and
wait until every worker has loaded the model before the first document is sent, so timings count coding,
not start-up. On Dask the same function runs as ordinary tasks (`Client.submit`); run workers with one
thread each (`dask worker ADDRESS --nthreads 1 --nworkers N`): a worker's threads share one model and
take turns on it.
"""

from __future__ import annotations

import multiprocessing
import threading
from collections import deque
from concurrent.futures import Future, ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from itertools import islice
from typing import Any, Iterable, Iterator

from .errors import NewsEventsError, UsageError
from .records import Document, Event

WORKER_START_TIMEOUT = 300.0  # seconds for every local worker to load the model
WARM_UP = "Russian President Dmitry Medvedev met Jacob Zuma in Moscow on Monday, officials said."


class ScaleError(NewsEventsError):
    """The worker pool or the Dask cluster could not be used."""


@dataclass(frozen=True)
class ScaleOptions:
    """Where coding runs. Not part of the coder's options: results are the same wherever it runs."""

    workers: int = 1  # local processes; 1 codes in this process
    scheduler: str | None = None  # a Dask scheduler address ("tcp://host:8786"): code on that cluster
    chunk_size: int = 4  # documents per task
    ahead: int = 4  # tasks in flight per worker

    def __post_init__(self) -> None:
        if self.workers < 1:
            raise UsageError("--workers must be 1 or more")
        if self.scheduler is not None and self.workers != 1:
            raise UsageError("give either --workers (local processes) or --scheduler (a Dask cluster), not both")
        if self.chunk_size < 1 or self.ahead < 1:
            raise UsageError("chunk size and tasks ahead must be 1 or more")

    @property
    def parallel(self) -> bool:
        return self.workers > 1 or self.scheduler is not None


# -- the worker side -----------------------------------------------------------------------------------
_lock = threading.Lock()  # a worker's threads share one model and take turns (spaCy is not thread-safe)


def load_worker(options) -> int:
    """Load this worker process's Coder (model and dictionaries) for `options`; returns the process id."""
    import os

    from .pipeline import coder

    with _lock:  # a sentence through every stage loads what they load lazily (the gazetteer, ...)
        list(coder(options).code_documents([Document(id="warm-up", text=WARM_UP)]))
    return os.getpid()


def code_chunk(options, docs: list[Document]) -> list[tuple[Document, list[Event]]]:
    """Code one chunk of documents with this process's cached Coder (the task every worker runs)."""
    from .pipeline import coder

    with _lock:
        return list(coder(options).code_documents(docs))


_barrier = None  # local workers: set by the initializer, passed at process start (the only way to share it)


def _init_local(options, barrier) -> None:
    global _barrier
    _barrier = barrier
    load_worker(options)


def _ready() -> None:
    """Block until every local worker runs one of these: each then has its model loaded."""
    assert _barrier is not None
    _barrier.wait(WORKER_START_TIMEOUT)


# -- the caller's side ---------------------------------------------------------------------------------
class _Pool:
    """Submits chunks somewhere and hands back futures with `.result()`."""

    size = 1

    def submit(self, options, chunk: list[Document]) -> Any:  # pragma: no cover - interface
        raise NotImplementedError

    def close(self) -> None:  # pragma: no cover - interface
        pass


class _LocalPool(_Pool):
    def __init__(self, options, workers: int) -> None:
        ctx = multiprocessing.get_context("spawn")
        barrier = ctx.Barrier(workers)
        self.size = workers
        self.executor = ProcessPoolExecutor(max_workers=workers, mp_context=ctx, initializer=_init_local,
                                            initargs=(options, barrier))
        try:
            # start every process and wait until all have loaded the model: a worker runs one `_ready` at
            # a time and each waits at the barrier for the others (a worker that dies breaks the pool)
            waits = [self.executor.submit(_ready) for _ in range(workers)]
            for w in waits:
                w.result(timeout=WORKER_START_TIMEOUT)
        except Exception as exc:
            self.executor.shutdown(wait=False, cancel_futures=True)
            raise ScaleError(f"could not start {workers} worker processes: {type(exc).__name__}: {exc}") from None

    def submit(self, options, chunk: list[Document]) -> Future:
        return self.executor.submit(code_chunk, options, chunk)

    def close(self) -> None:
        self.executor.shutdown(wait=True, cancel_futures=True)


class _DaskPool(_Pool):
    def __init__(self, options, address: str) -> None:
        try:
            from distributed import Client
        except ImportError:
            raise ScaleError("--scheduler needs the `distributed` package: pip install 'newsevents[dask]'") from None
        try:
            self.client = Client(address, set_as_default=False, timeout="30s")
        except (OSError, TimeoutError) as exc:
            raise ScaleError(f"cannot reach the Dask scheduler at {address}: {exc}; start one with "
                             "`dask scheduler` and workers with `dask worker ADDRESS`") from None
        info = self.client.scheduler_info()
        threads = sum(w.get("nthreads", 1) for w in info.get("workers", {}).values())
        if not threads:
            self.client.close()
            raise ScaleError(f"the Dask cluster at {address} has no workers; start some with `dask worker {address}`")
        self.size = threads
        self.client.run(load_worker, options)  # every worker loads the model now, not with its first task

    def submit(self, options, chunk: list[Document]) -> Any:
        return self.client.submit(code_chunk, options, chunk, pure=False)

    def close(self) -> None:
        self.client.close()


def _chunks(docs: Iterable[Document], size: int) -> Iterator[list[Document]]:
    it = iter(docs)
    while chunk := list(islice(it, size)):
        yield chunk


class ParallelCoder:
    """The Coder's `code_documents` over a pool of worker processes or a Dask cluster."""

    def __init__(self, options, scale: ScaleOptions) -> None:
        self.options = options
        self.scale = scale
        self.pool: _Pool = _DaskPool(options, scale.scheduler) if scale.scheduler else _LocalPool(options, scale.workers)

    def code_documents(self, docs: Iterable[Document]) -> Iterator[tuple[Document, list[Event]]]:
        """(document, events) for every document, in input order; a bounded number of chunks in flight."""
        limit = max(2, self.pool.size * self.scale.ahead)
        pending: deque = deque()
        for chunk in _chunks(docs, self.scale.chunk_size):
            pending.append(self.pool.submit(self.options, chunk))
            if len(pending) >= limit:
                yield from pending.popleft().result()
        while pending:
            yield from pending.popleft().result()

    def close(self) -> None:
        self.pool.close()

    def __enter__(self) -> "ParallelCoder":
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def add_arguments(parser) -> None:
    """The `--workers` / `--scheduler` options of `code` and `ingest`."""
    parser.add_argument("--workers", type=int, default=1, metavar="N",
                        help="code in N local worker processes (default 1: in this process)")
    parser.add_argument("--scheduler", metavar="tcp://HOST:PORT",
                        help="code on a running Dask cluster (`dask scheduler`, `dask worker`); see README")


def scale_options(args) -> ScaleOptions:
    return ScaleOptions(workers=args.workers, scheduler=args.scheduler)


@contextmanager
def coding(options=None, scale: ScaleOptions | None = None) -> Iterator[Any]:
    """A coder for `options` running where `scale` says: this process's Coder, or a ParallelCoder."""
    from .pipeline import Options, coder

    options = options or Options()
    scale = scale or ScaleOptions()
    if not scale.parallel:
        yield coder(options)
        return
    parallel = ParallelCoder(options, scale)
    try:
        yield parallel
    finally:
        parallel.close()


__all__ = ["ParallelCoder", "ScaleError", "ScaleOptions", "add_arguments", "code_chunk", "coding", "load_worker",
           "scale_options"]
