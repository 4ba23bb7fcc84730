"""Helpers shared by the Neo4j tests and benchmarks/bench_bolt_load.py: the gold corpus as
relations (independent of the extractor), filling a store, and opening one on the test server."""
from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))   # tests/: gold_corpus, also for the benchmark
import gold_corpus  # noqa: E402
from gold_corpus import load_ontology  # noqa: E402  (re-exported for the Neo4j tests and the benchmark)

from graph.stores.neo4j_store import Neo4jStore  # noqa: E402

__all__ = ["TEST_BATCH_SIZE", "load_ontology", "load_gold", "open_bolt_store", "fill"]

# Small batches on purpose: the test server crashes on requests over ~4 KB.
TEST_BATCH_SIZE = 20


def open_bolt_store(server, relation_types=None, store_class=Neo4jStore, **options) -> Neo4jStore:
    options.setdefault("batch_size", TEST_BATCH_SIZE)
    options.setdefault("timeout", 20)
    return store_class(uri=server.uri, username="geograph", password="", database="geograph",
                      relation_types=relation_types, **options)


def load_gold():
    """The gold corpus with an outlet name holding a quote and trigger spans (the Bolt path escapes both)."""
    return gold_corpus.load_gold(outlet="Gold 'Outlet'", confidence=0.75, trigger_spans=True)


def fill(store, batches) -> list[bool]:
    added = [store.add_document(info, relations, entities) for info, relations, entities in batches]
    store.flush()
    return added
