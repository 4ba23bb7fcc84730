"""Users' queries and read transactions on a Bolt server (issue 11).

The store asks once per connection whether the server refuses a write inside a read transaction
(Neo4j does): then users' queries run in read transactions with the server-side timeout. FalkorDB,
the test server, runs such a write instead (shown below with the bare driver), so there the store
falls back to auto-commit queries in write mode, and its own parser refuses writes first."""
from __future__ import annotations

import dataclasses

import neo4j
import pytest

from graph.errors import QueryError
from graph.stores.neo4j_bolt import _READ_PROBE
from graph.stores.neo4j_records import DOCUMENT_LABEL


def test_falkordb_runs_writes_inside_read_transactions(falkordb):
    """Why the fallback: a CREATE in a read transaction is not refused, and a read transaction
    addresses another graph than write-mode requests (so it could not read the store's graph)."""
    driver = neo4j.GraphDatabase.driver(falkordb.uri, auth=("geograph", ""))
    try:
        with driver.session(database="geograph", default_access_mode=neo4j.READ_ACCESS) as session:
            probe = session.execute_read(lambda tx: tx.run(_READ_PROBE).consume().counters)
            assert not probe.contains_updates        # the probe itself changes nothing, even where it runs
            created = session.execute_read(lambda tx: tx.run("CREATE (n:ReadModeWrite) RETURN 1").consume().counters)
            assert created.nodes_created == 1        # a real Neo4j refuses this (Neo.ClientError.Statement.AccessMode)
            seen = session.execute_read(lambda tx: tx.run("MATCH (n:ReadModeWrite) RETURN count(n)").single()[0])
        with driver.session(database="geograph") as session:
            assert session.run("MATCH (n:ReadModeWrite) RETURN count(n)").single()[0] == 0 < seen
            session.run("RETURN 1").consume()
        with driver.session(database="geograph", default_access_mode=neo4j.READ_ACCESS) as session:
            session.execute_write(lambda tx: tx.run("MATCH (n:ReadModeWrite) DELETE n").consume())
    finally:
        driver.close()


def test_the_store_detects_it_once_and_falls_back(bolt_store):
    assert bolt_store.traits.read_transactions is False and bolt_store.traits.inlined_params is True
    bolt_store.query("MATCH (n) RETURN count(n)")
    assert bolt_store.traits.read_transactions is False      # set when connecting, not per query


@pytest.mark.parametrize("cypher", [
    "CREATE (n:Entity {id: 'X'}) RETURN n",
    "MATCH (n) DETACH DELETE n",
    "MERGE (n:Entity {id: 'X'})",
    "CALL `db.idx.fulltext.createNodeIndex`('Entity', 'name')",
])
def test_on_the_fallback_our_parser_refuses_writes_before_anything_is_sent(bolt_store, cypher):
    before = bolt_store.query("MATCH (n) RETURN count(n)").rows
    with pytest.raises(QueryError, match=r"writes to the graph|not written plainly|may write"):
        bolt_store.query(cypher)
    assert bolt_store.query("MATCH (n) RETURN count(n)").rows == before


def test_with_read_transactions_user_queries_go_through_execute_read(bolt_store, gold_batches):
    """On a server that refuses writes in read transactions, user queries run in them. FalkorDB shows
    that the store really takes that path: its read transactions answer from another, empty graph."""
    from neo4j_helpers import fill

    fill(bolt_store, gold_batches[:1])
    cypher = f"MATCH (d:{DOCUMENT_LABEL}) RETURN count(d)"
    assert bolt_store.query(cypher).rows[0][0] >= 1                  # the fallback: the store's graph
    bolt_store.traits = dataclasses.replace(bolt_store.traits, read_transactions=True)
    assert bolt_store.query(cypher).rows == [[0]]                    # a read transaction: another graph
    assert bolt_store.documents()                                     # the store's own reads are unchanged
