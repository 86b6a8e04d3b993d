"""Benchmark the extraction engine: throughput on news text, and a hostile 1 MB input.

Workload 1: the dev gold texts (shared/eval/dev), repeated until at least 2 MB of text,
extracted one article at a time in this single process; prints articles/s, words/s and
peak traced memory. Workload 2: one 1 MB adversarial "article" (thousands of quotation
marks, digits, capitals, titles and reporting verbs, mixed at random with a fixed seed),
extracted once; prints its CPU time. Each figure is printed as a ratio against its limit (articles/s
/ 200, >= 1 passes; hostile CPU / 1 s, <= 1 passes) with the load average beside it: the machine is
shared, so compare engines side by side in one run rather than against a number from another day.

    .venv/bin/python bench/extraction.py [--skip-numbers]

--skip-numbers times the actors/quotes/speakers part alone (numeric claims stubbed out).
"""

from __future__ import annotations

import json
import random
import sys
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import claims.extraction as engine  # noqa: E402 - after the path is set

DEV = ROOT.parent / "shared" / "eval" / "dev"
ARTICLES_PER_S_LIMIT = 200.0  # at least
HOSTILE_CPU_LIMIT_S = 1.0  # at most
_PIECES = [
    '"',
    "“",
    "”",
    "‘",
    "’",
    "’’",
    "'",
    " ",
    "\n\n",
    ". ",
    ", ",
    ": ",
    "The ",
    "Minister ",
    "said ",
    "he said, ",
    "told ",
    "according to ",
    "1,400 ",
    "2.3 million ",
    "more than 20 ",
    "killed ",
    "Hamas ",
    "UN ",
    "Mr. ",
    "John Smith ",
    "Israel’s ",
    "army ",
    "X",
    "5",
    "(",
    ")",
    "A",
    "Z",
    "Q",
    "-",
    "—",
    "the 28-year-old ",
]


def _dev_texts() -> list[str]:
    files = sorted(DEV.glob("*.json"))
    if not files:
        raise SystemExit(f"no dev articles in {DEV}")
    return [json.loads(f.read_text())["text"] for f in files]


def adversarial(size: int, seed: int = 7) -> str:
    rnd = random.Random(seed)
    parts: list[str] = []
    total = 0
    while total < size:
        p = rnd.choice(_PIECES)
        parts.append(p)
        total += len(p)
    return "".join(parts)[:size]


def _load() -> str:
    """The 1, 5 and 15 minute load averages, or "n/a" where /proc is missing."""
    try:
        return " ".join(Path("/proc/loadavg").read_text().split()[:3])
    except OSError:
        return "n/a"


def _max_rss_mb() -> float:
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    if "--skip-numbers" in sys.argv:
        engine._find_numeric_claims = lambda text: []  # type: ignore[assignment]
        print("numeric claims: stubbed out (actors, quotes and speakers only)")
    texts = _dev_texts()
    corpus: list[str] = []
    size = 0
    while size < 2_000_000:
        for t in texts:
            corpus.append(t)
            size += len(t.encode())
    words = sum(len(t.split()) for t in corpus)
    engine.extract(texts[0])  # warm up: lazy imports, regex caches
    t0, c0 = time.perf_counter(), time.process_time()
    for t in corpus:
        engine.extract(t)
    wall, took = time.perf_counter() - t0, time.process_time() - c0
    tracemalloc.start()  # a second, traced pass over the distinct texts, for peak memory only
    for t in texts:
        engine.extract(t)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    print(f"engine {engine.ENGINE_VERSION}")
    print(
        f"workload 1: {len(corpus)} dev articles ({len(texts)} distinct, repeated), {size / 1e6:.2f} MB, {words} words,"
        " one process"
    )
    rate = len(corpus) / took
    print(f"  {rate:.0f} articles/s, {words / took:.0f} words/s ({took:.2f} s CPU, {wall:.2f} s wall)")
    limit = f"the {ARTICLES_PER_S_LIMIT:.0f} articles/s limit (>= 1 passes)"
    print(f"  ratio {rate / ARTICLES_PER_S_LIMIT:.2f} of {limit}, load {_load()}")
    print(f"  peak traced memory per article {peak / 1e6:.1f} MB; process max RSS {_max_rss_mb():.0f} MB")

    adv = adversarial(1_000_000)
    t0, c0 = time.perf_counter(), time.process_time()
    x = engine.extract(adv)
    wall, took = time.perf_counter() - t0, time.process_time() - c0
    tracemalloc.start()
    engine.extract(adv)
    _, adv_peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    print(
        f"workload 2: 1 MB adversarial text ({adv.count(chr(34)) + adv.count('“') + adv.count('”')} quotation marks),"
        f" {took:.2f} s CPU ({wall:.2f} s wall), {len(x.quotes)} quotes, {len(x.actors)} actors, {len(x.claims)} claims"
    )
    limit = f"the {HOSTILE_CPU_LIMIT_S:.0f} s CPU limit (<= 1 passes)"
    print(f"  ratio {took / HOSTILE_CPU_LIMIT_S:.2f} of {limit}, load {_load()}")
    print(f"  peak traced memory {adv_peak / 1e6:.0f} MB; process max RSS {_max_rss_mb():.0f} MB")
    if x.warnings:
        print(f"  warnings: {x.warnings}")


if __name__ == "__main__":
    main()
