"""What a running viewer pays per request to learn whether the graph changed, and what a change costs.

Before: the cache recounted the store every request (``store.counts()``); now it asks
``store.refresh()`` and ``store.version()``: one ``stat`` of the graph file on the embedded store, one
small query of the version counter on the Neo4j store (FalkorDB's Bolt endpoint here). Builds a
synthetic graph (:mod:`server.synthetic`, 5,000 nodes and 20,000 relations by default) on both
stores, prints the median of many calls of each, then the time a reader takes to catch up after
another store object (standing for another process) adds one article. Also the whole request:
``/api/meta`` served from the cache, median over many calls of the real app.

    .venv/bin/python benchmarks/bench_live.py [--nodes 5000] [--relations 20000] [--no-bolt]
"""
from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

from graph.rules import load_schema
from graph.stores.networkx_store import NetworkXStore
from server import create_app
from server.synthetic import fill_synthetic, synthetic_entities

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests" / "neo4j"))


def median_ms(fn, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t0) * 1000)
    return statistics.median(times)


def one_more_article(store, schema, nodes: int) -> None:
    """One article relating two existing actors (as `geograph add` would)."""
    from graph.model import Evidence, Relation
    from graph.stores.base import DocumentInfo

    ents = synthetic_entities(schema, nodes)
    a, b = list(ents)[:2]
    ev = Evidence("bench-extra", "A met B.", (0, 9), {}, "bench", 1.0, published="2026-01-01")
    store.add_document(DocumentInfo("bench-extra", published="2026-01-01"),
                       [Relation("bench-extra", a, "MET", b, "2026-01-01", evidence=[ev])], ents)
    store.flush()


def report(name: str, reader, writer_factory, schema, nodes: int, repeat: int) -> None:
    recount = median_ms(lambda: tuple(sorted(reader.counts().items())), max(5, repeat // 20))
    check = median_ms(lambda: (reader.refresh(), reader.version()), repeat)
    app = create_app({"STORE": reader, "SCHEMA": schema, "TESTING": True})
    client = app.test_client()
    client.get("/api/meta")
    request = median_ms(lambda: client.get("/api/meta"), max(20, repeat // 10))
    print(f"{name:9s} recount (before) {recount:8.3f} ms | stamp/version (now) {check:8.3f} ms | "
          f"cached /api/meta request {request:7.2f} ms")
    writer = writer_factory()
    one_more_article(writer, schema, nodes)
    writer.close()
    t0 = time.perf_counter()
    reader.refresh()
    t1 = time.perf_counter()
    client.get("/api/meta")
    t2 = time.perf_counter()
    print(f"{name:9s} after another writer added one article: catching up {(t1 - t0) * 1000:.0f} ms (reload of the "
          f"file; nothing on Neo4j), then the first /api/meta {(t2 - t1) * 1000:.0f} ms (filter metadata recomputed)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--nodes", type=int, default=5000)
    parser.add_argument("--relations", type=int, default=20000)
    parser.add_argument("--repeat", type=int, default=2000)
    parser.add_argument("--no-bolt", action="store_true", help="only the embedded store")
    opts = parser.parse_args()
    schema = load_schema()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "graph.json"
        with NetworkXStore(path, relation_types=schema.relation_types) as store:
            fill_synthetic(store, schema, nodes=opts.nodes, relations=opts.relations)
            print(f"graph: {store.counts()} (machine shared, figures are medians)")
        report("networkx", NetworkXStore(path), lambda: NetworkXStore(path, relation_types=schema.relation_types),
                schema, opts.nodes, opts.repeat)
    if opts.no_bolt:
        return
    from falkordb_server import FalkorServer
    from neo4j_helpers import open_bolt_store

    with FalkorServer() as server:
        def bolt(**kw):
            return open_bolt_store(server, relation_types=schema.relation_types, batch_size=200, timeout=120, **kw)

        writer = bolt()
        writer.clear()
        t0 = time.perf_counter()
        fill_synthetic(writer, schema, nodes=opts.nodes, relations=opts.relations)
        writer.close()
        print(f"bolt graph filled in {time.perf_counter() - t0:.0f} s")
        reader = bolt()
        try:
            report("neo4j", reader, bolt, schema, opts.nodes, max(50, opts.repeat // 10))
        finally:
            reader.close()


if __name__ == "__main__":
    main()
