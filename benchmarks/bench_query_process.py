"""What running users' queries in worker processes costs, and how fast a runaway query is stopped.

Prints figures, asserts nothing. On the seed graph (built here from seeds/):

* added latency per query: the same small queries run in this process on the
  database (:class:`graph.stores.ladybug_graph.LadybugGraph`) and through the
  store (a warm worker of :mod:`graph.stores.ladybug_pool`), median of ``--runs``;
* a worker's start (interpreter, imports, ready), median of 5;
* a single-row growth query (a string doubled 25 times) with a 1 s limit:
  seconds until the caller gets its error, and until the next query answers
  (two warm workers, as the explorer keeps on two cores: the other one answers).

    .venv/bin/python benchmarks/bench_query_process.py [--runs 300]
"""
from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from graph.errors import QueryError  # noqa: E402
from graph.stores.ladybug_graph import LadybugGraph  # noqa: E402
from graph.stores.ladybug_pool import WorkerPool, shared_pool  # noqa: E402
from graph.stores.networkx_store import NetworkXStore  # noqa: E402

QUERIES = ["RETURN 1 AS one",
           "MATCH (a:Entity {id: 'MLI'})-[r]-(b) RETURN b.id, type(r), r.date ORDER BY b.id",
           "MATCH (a)-[r:MET]-(b) RETURN a.name, b.name, r.date LIMIT 25"]
GROWTH = "WITH 'ab' AS s " + "WITH s + s AS s " * 25 + "RETURN size(s)"


def paired_ms(first, second, runs: int) -> tuple[float, float, float]:
    """Medians of ``first``, of ``second`` and of their difference, run in turn (a loaded machine's
    drift hits both alike)."""
    a, b = [], []
    for _ in range(runs):
        for fn, took in ((first, a), (second, b)):
            start = time.perf_counter()
            fn()
            took.append(time.perf_counter() - start)
    return (statistics.median(a) * 1000, statistics.median(b) * 1000,
            statistics.median(y - x for x, y in zip(a, b)) * 1000)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=300)
    args = parser.parse_args()
    print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    from click.testing import CliRunner

    from graph.cli import main as cli

    home = Path(tempfile.mkdtemp(prefix="bench-qp-"))
    CliRunner().invoke(cli, ["build", str(ROOT / "seeds"), "--home", str(home), "--no-progress"])
    store = NetworkXStore(home / "graph.json")
    store.prepare_queries(2)        # as the explorer does on 2 cores: one worker per query slot
    path, tables = store._cypher.database()
    graph = LadybugGraph.open(path, tables)
    for q in QUERIES:
        store.query(q)
        inside, worker, added = paired_ms(lambda: graph.query(q, {}, 10), lambda: store.query(q), args.runs)
        print(f"{q[:60]:60}  in process {inside:6.3f} ms  in a worker {worker:6.3f} ms  added {added:+.3f} ms")
    pool = WorkerPool(1)
    starts = []
    for _ in range(5):
        start = time.perf_counter()
        w = pool._new()
        w.wait_ready()
        starts.append(time.perf_counter() - start)
        w.kill()
    print(f"a worker's start: median {statistics.median(starts):.3f} s of 5")
    for _ in range(3):
        start = time.perf_counter()
        try:
            store.query(GROWTH, timeout=1.0)
        except QueryError:
            pass
        stopped = time.perf_counter() - start
        store.query("RETURN 1")
        print(f"single-row growth query, limit 1 s: error after {stopped:.2f} s, next query answered after "
              f"{time.perf_counter() - start:.2f} s")
    shared_pool().close()
    store.close()


if __name__ == "__main__":
    main()
