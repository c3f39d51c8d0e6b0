"""Throughput of the coder against spaCy's own parse, in one run on one corpus (`make bench`).

    python bench/run.py [--docs 5000] [--workers 1] [--scaling 2] [--out bench/out] [--memory] [REAL.txt ...]

Generates the seeded corpus (bench/corpus.py; real text files given are added), then runs, each in a fresh
process on the same corpus with the same number of processes:

    (a) parse            spaCy alone: `nlp.pipe` over the documents' text with our model, all its components
                         (tagger, parser, lemmatizer, NER, ...) in the coder's batches (about 60,000 characters of text each, nlp.BATCH_CHARS)
    (b) code             `newsevents code CORPUS --no-triage > /dev/null`: reading, cleaning, parse, actors,
                         events, dates, places, JSON output; nothing stored
    (b+t) code, triage   the same with triage (the default): only sentences that can hold an event are parsed
    (c) ingest           `newsevents ingest CORPUS --db FILE` (triage on): (b+t) plus the DuckDB store

and prints words/s, documents/s, CPU seconds and the peak RSS of the largest process of each (sampled every
0.2 s over the whole process tree), with the ratios b/a, (b+t)/a and c/a (throughput over parse
throughput). `--scaling N` repeats (b+t) and (c) with `--workers N` and reports documents/s against
`--workers 1`. `--memory` codes 10,000 short documents in one process and compares RSS after 1,000 with
RSS after 10,000. Timings are wall-clock: on a shared machine they are noisy, so the CPU seconds are
printed beside them. Results also go to OUT/results.json.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from corpus import Generator, write_corpus  # noqa: E402



def _newsevents() -> list[str]:
    return [sys.executable, "-m", "newsevents.cli"]


class Sampler(threading.Thread):
    """Peak RSS of the largest process in a process tree, sampled while it runs."""

    def __init__(self, pid: int, interval: float = 0.2) -> None:
        super().__init__(daemon=True)
        import psutil

        self.root = psutil.Process(pid)
        self.interval = interval
        self.peak = 0  # bytes, largest single process
        self.peak_total = 0  # bytes, whole tree at once
        self.done = threading.Event()

    def run(self) -> None:
        import psutil

        while not self.done.is_set():
            try:
                procs = [self.root] + self.root.children(recursive=True)
            except psutil.Error:
                break
            total = 0
            for p in procs:
                try:
                    rss = p.memory_info().rss
                except psutil.Error:
                    continue
                total += rss
                self.peak = max(self.peak, rss)
            self.peak_total = max(self.peak_total, total)
            self.done.wait(self.interval)


def measure(name: str, cmd: list[str], stdout=subprocess.DEVNULL) -> dict:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=stdout, stderr=subprocess.PIPE, text=True)
    sampler = Sampler(proc.pid)
    sampler.start()
    _, err = proc.communicate()
    seconds = time.perf_counter() - started
    sampler.done.set()
    sampler.join()
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if proc.returncode != 0:
        raise SystemExit(f"bench: {name} failed ({proc.returncode}): {err.strip()[-2000:]}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return {"name": name, "command": " ".join(cmd), "seconds": seconds, "cpu_seconds": cpu,
            "peak_rss_mb": sampler.peak / 2**20, "peak_tree_rss_mb": sampler.peak_total / 2**20,
            "stderr_tail": err.strip().splitlines()[-3:]}


# -- stage (a): spaCy alone, run as `python bench/run.py --parse-only CORPUS N` --------------------------
def parse_only(corpus: str, processes: int) -> None:
    from newsevents.nlp import load, pipe

    nlp = load()

    def texts():
        with open(corpus, encoding="utf-8") as fh:
            for line in fh:
                yield json.loads(line)["text"]

    tokens = 0
    if processes > 1:  # spaCy's own multiprocessing, in batches of the coder's size in documents
        stream = nlp.pipe(texts(), batch_size=64, n_process=processes)
    else:  # the coder's batches: about nlp.BATCH_CHARS characters of text each (newsevents/nlp.py)
        stream = pipe(nlp, texts())
    for doc in stream:
        tokens += len(doc)
    print(json.dumps({"tokens": tokens}))


# -- memory: RSS after 1,000 and after 10,000 documents, one process ------------------------------------
def memory(total: int = 10_000, checkpoint: int = 1_000, seed: int = 11) -> dict:
    import gc

    import psutil

    from newsevents.pipeline import Options, coder
    from newsevents.records import Document

    c = coder(Options())
    gen = Generator(seed)

    def docs():
        for n in range(total):
            a = gen.article(n) if n % 10 < 7 else gen.other(n)
            text = "\n\n".join(a["text"].split("\n\n")[:2])  # short, to fit 10,000 in minutes
            yield Document(id=a["id"], text=text)

    rss: dict[int, float] = {}
    started = time.perf_counter()
    for n, _ in enumerate(c.code_documents(docs()), start=1):
        if n in (checkpoint, total) or n % 2000 == 0:
            gc.collect()
            rss[n] = psutil.Process().memory_info().rss / 2**20
            print(f"bench: memory: {n:>6} documents  RSS {rss[n]:.0f} MB  ({time.perf_counter() - started:.0f} s)",
                  file=sys.stderr, flush=True)
    growth = rss[total] / rss[checkpoint] - 1
    return {"rss_mb": rss, "growth": growth, "flat": abs(growth) <= 0.10}


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description="newsevents throughput benchmark (see the module doc)")
    p.add_argument("real", nargs="*", help="real article text files to add to the corpus")
    p.add_argument("--docs", type=int, default=5000, help="generated documents (default 5000)")
    p.add_argument("--seed", type=int, default=8)
    p.add_argument("--workers", type=int, default=1, help="processes for (a), (b), (c) (default 1)")
    p.add_argument("--scaling", type=int, default=2, metavar="N", help="also run (b+t) and (c) with --workers N (0: no)")
    p.add_argument("--memory", action="store_true", help="also the flat-memory check (10,000 documents)")
    p.add_argument("--skip-ingest", action="store_true", help="leave out (c) (ingest time grows with the store)")
    p.add_argument("--out", default=str(HERE / "out"), help="work folder (corpus, store, results.json)")
    p.add_argument("--parse-only", nargs=2, metavar=("CORPUS", "PROCESSES"), help=argparse.SUPPRESS)
    p.add_argument("--memory-only", action="store_true", help=argparse.SUPPRESS)
    args = p.parse_args(argv)
    if args.parse_only:
        parse_only(args.parse_only[0], int(args.parse_only[1]))
        return 0
    if args.memory_only:
        print(json.dumps(memory()))
        return 0

    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    corpus = out / "corpus.jsonl"
    counts = write_corpus(corpus, args.docs, args.seed, args.real)
    words, n_docs = counts["words"], counts["documents"]
    print(f"bench: corpus {n_docs:,} documents, {words:,} words ({corpus}); {os.cpu_count()} cores, "
          f"load average {os.getloadavg()[0]:.1f}", file=sys.stderr, flush=True)

    w = ["--workers", str(args.workers)]
    db = out / "bench.duckdb"

    def ingest_cmd(workers: list[str]) -> list[str]:
        for f in out.glob("bench.duckdb*"):
            f.unlink()
        return [*_newsevents(), "ingest", str(corpus), "--db", str(db), "--quiet", *workers]

    runs: list[tuple[str, list[str] | None]] = [
        ("a parse", [sys.executable, str(Path(__file__).resolve()), "--parse-only", str(corpus), str(args.workers)]),
        ("b code", [*_newsevents(), "code", str(corpus), "--no-triage", *w]),
        ("b+t code, triage", [*_newsevents(), "code", str(corpus), *w]),
        ("c ingest", None),
    ]
    if args.skip_ingest:
        runs = runs[:-1]
    results: dict[str, dict] = {}

    def done(name: str) -> None:
        r = results[name]
        print(f"bench: {name}: {r['seconds']:.1f} s, {words / r['seconds']:,.0f} words/s, CPU {r['cpu_seconds']:.1f} s, "
              f"peak RSS {r['peak_rss_mb']:.0f} MB", file=sys.stderr, flush=True)

    for name, cmd in runs:
        print(f"bench: running {name} ...", file=sys.stderr, flush=True)
        results[name] = measure(name, cmd if cmd is not None else ingest_cmd(w))
        done(name)
    if args.scaling and args.scaling != args.workers:
        s = ["--workers", str(args.scaling)]
        scaled = [(f"b+t code, triage, {args.scaling} workers", [*_newsevents(), "code", str(corpus), *s]),
                  (f"c ingest, {args.scaling} workers", None)]
        for name, cmd in scaled[: 1 if args.skip_ingest else 2]:
            print(f"bench: running {name} ...", file=sys.stderr, flush=True)
            results[name] = measure(name, cmd if cmd is not None else ingest_cmd(s))
            done(name)
    if args.memory:
        print("bench: running memory (10,000 documents, one process) ...", file=sys.stderr, flush=True)
        r = subprocess.run([sys.executable, str(Path(__file__).resolve()), "--memory-only"], capture_output=True,
                           text=True)
        if r.returncode != 0:
            raise SystemExit(f"bench: memory failed: {r.stderr.strip()[-2000:]}")
        results["memory"] = json.loads(r.stdout.strip().splitlines()[-1])
    shutil.rmtree(out / "tmp", ignore_errors=True)

    from newsevents.pipeline import coder
    from newsevents.triage import selection_counts

    c = coder()
    sel = selection_counts(c.nlp, c.triage, (json.loads(line)["text"] for line in corpus.open(encoding="utf-8")))

    a = results["a parse"]
    print(f"\nnewsevents benchmark: {n_docs:,} documents, {words:,} words, {args.workers} process(es); "
          f"triage keeps {sel['tokens.kept'] / sel['tokens.all']:.0%} of tokens "
          f"({sel['sentences.kept']:,} of {sel['sentences.all']:,} sentences)")
    print(f"{'stage':<34} {'words/s':>9} {'docs/s':>8} {'seconds':>8} {'CPU s':>8} {'peak RSS MB':>12}  "
          f"{'ratio to a':>10} {'CPU ratio':>9}")
    for name, r in results.items():
        if name == "memory":
            continue
        r["words_per_second"] = words / r["seconds"]
        r["docs_per_second"] = n_docs / r["seconds"]
        r["ratio_to_parse"] = a["seconds"] / r["seconds"]
        r["cpu_ratio_to_parse"] = a["cpu_seconds"] / r["cpu_seconds"]
        print(f"{name:<34} {r['words_per_second']:>9,.0f} {r['docs_per_second']:>8.2f} {r['seconds']:>8.1f} "
              f"{r['cpu_seconds']:>8.1f} {r['peak_rss_mb']:>12.0f}  {r['ratio_to_parse']:>10.2f} "
              f"{r['cpu_ratio_to_parse']:>9.2f}")
    if args.scaling and args.scaling != args.workers:
        for stage in ("b+t code, triage",) + (() if args.skip_ingest else ("c ingest",)):
            one, many = results[stage], results[f"{stage}, {args.scaling} workers"]
            many["scaling"] = one["seconds"] / many["seconds"]
            print(f"{stage}: {args.scaling} workers reach {many['scaling']:.2f}x the documents/s of {args.workers}")
    if "memory" in results:
        m = results["memory"]
        rss = {int(k): v for k, v in m["rss_mb"].items()}
        first, last = min(rss), max(rss)
        print(f"memory: RSS {rss[first]:.0f} MB after {first:,} documents, {rss[last]:.0f} MB after {last:,} "
              f"({m['growth']:+.1%}; {'flat' if m['flat'] else 'NOT flat'} within 10%)")
    print(f"(wall-clock on a machine with load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores: "
          "shared machines make these noisy; CPU ratios are steadier)")
    (out / "results.json").write_text(json.dumps({"documents": n_docs, "words": words, "workers": args.workers,
                                                  "triage": sel, "results": results}, indent=2, default=str))
    return 0


if __name__ == "__main__":
    sys.exit(main())
