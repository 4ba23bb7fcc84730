"""Cypher on the embedded store: the read-only guard, the grand-cypher translation, and
answers on the gold graph that match what Neo4j gives for the same query."""
from __future__ import annotations

import pytest

from graph.cypher import ensure_read_only, return_columns, split_tail, to_grandcypher
from graph.errors import QueryError
from graph.model import CYPHER_EDGE_PROPERTIES, CYPHER_NODE_PROPERTIES, Entity, Evidence, Relation
from graph.stores.base import DocumentInfo
from graph.stores.networkx_store import NetworkXStore


@pytest.mark.parametrize("query", [
    "MATCH (n) SET n.name = 'x' RETURN n",
    "match (n) detach delete n",
    "CREATE (n:Entity {id: 'X'})",
    "MERGE (a {id: 'A'})",
    "MATCH (n) REMOVE n.name RETURN n",
    "DROP INDEX foo",
    "LOAD CSV FROM 'file:///x.csv' AS row RETURN row",
    "MATCH (n) FOREACH (x IN [1] | SET n.y = x)",
    "CALL apoc.create.node(['X'], {})",
    "MATCH (n) RETURN n; MATCH (m) DELETE m",
])
def test_writes_are_refused(query):
    with pytest.raises(QueryError, match="only|one query"):
        ensure_read_only(query)


@pytest.mark.parametrize("query", [
    'MATCH (n) WHERE n.name = "DELETE ME; CREATE" RETURN n.set',
    "MATCH (n:Create) RETURN n.remove // SET in a comment",
    "CALL db.labels()",
    "MATCH (n) RETURN n;",
])
def test_reads_that_merely_look_like_writes_pass(query):
    ensure_read_only(query)


def test_empty_query_is_refused():
    with pytest.raises(QueryError, match="empty query"):
        ensure_read_only("   ")


def test_columns_and_tail_are_read_as_neo4j_names_them():
    assert return_columns("MATCH (a)-[r]->(b) RETURN a.name AS who, count(r), 'x, y' AS z") == [
        "who", "count(r)", "z"]
    tail = split_tail("MATCH (n) RETURN DISTINCT n.id AS id ORDER BY id DESC, n.name SKIP 1 LIMIT 2")
    assert (tail.order, tail.skip, tail.limit, tail.distinct) == ((("id", True), ("n.name", False)), 1, 2, True)
    with pytest.raises(QueryError, match="no RETURN clause"):
        return_columns("MATCH (n)")
    with pytest.raises(QueryError, match="LIMIT 'ten'"):
        split_tail("MATCH (n) RETURN n LIMIT ten")


def test_translation_for_grand_cypher():
    assert to_grandcypher("MATCH (a)-[:MET|:AGREED]-(b) RETURN a", ["MET"]) == (
        "MATCH (a)-[:MET|MET__mirror|AGREED|AGREED__mirror]->(b) RETURN a")
    assert to_grandcypher("MATCH (a)-[r*1..2]-(b) RETURN a", ["MET"]) == "MATCH (a)-[r*1..2]->(b) RETURN a"
    assert to_grandcypher("MATCH (a)<-[r]-(b) RETURN a", ["X", "MET"]) == "MATCH (a)<-[r:MET|X]-(b) RETURN a"
    assert to_grandcypher("MATCH (a) WHERE a.name = 'it\\'s \"x\"' RETURN a", []) == (
        'MATCH (a) WHERE a.name = "it\'s \\"x\\"" RETURN a')
    assert to_grandcypher("match (n) where exists { match (n)-[:MET]->(m) } return count(n)", ["MET"]) == (
        "match (n) where EXISTS { match (n)-[:MET]->(m) } return COUNT(n)")
    with pytest.raises(QueryError, match="count a variable"):
        to_grandcypher("MATCH (a) RETURN count(*)", [])
    with pytest.raises(QueryError, match="without properties"):
        to_grandcypher("MATCH (a)-[r:MET {date: '2025'}]-(b) RETURN a", ["MET"])


def rows(store, query):
    return store.query(query).rows


def test_undirected_meetings_are_found_from_either_side(gold_store):
    assert rows(gold_store, 'MATCH (a {id: "ABDOULAYE_DIOP"})-[r:MET]-(b) RETURN b.id, r.date '
                            'ORDER BY r.date DESC') == [
        ["CHRISTOPHER_LANDAU", None], ["NICK_CHECKER", "2026-02"], ["CHRISTOPHER_LANDAU", "2025-11-04"]]
    assert rows(gold_store, 'MATCH (a {id: "CHRISTOPHER_LANDAU"})-[r:MET]-(b) RETURN b.id, r.date '
                            'ORDER BY r.date') == [["ABDOULAYE_DIOP", "2025-11-04"], ["ABDOULAYE_DIOP", None]]
    # Symmetric edges are stored once, ids sorted: a directed question sees that one direction.
    assert rows(gold_store, 'MATCH (a {id: "CHRISTOPHER_LANDAU"})-[r:MET]->(b) RETURN b.id') == []


def test_mirrors_are_never_counted_twice(gold_store):
    edges = gold_store.counts()["edges"]
    assert rows(gold_store, "MATCH (a)-[r]->(b) RETURN count(r)") == [[edges]]
    assert rows(gold_store, "MATCH (a)<--(b) RETURN count(a)") == [[edges]]
    assert rows(gold_store, "MATCH (a)-[r]-(b) RETURN count(r)") == [[2 * edges]]
    assert rows(gold_store, "MATCH (a)-[r:MET]-(b) RETURN count(r)") == [[8]]


def test_type_of_a_relationship_seen_from_its_target_side(gold_store):
    assert rows(gold_store, 'MATCH (a {id: "NICK_CHECKER"})-[r]-(b) RETURN type(r) AS t, b.id ORDER BY t') == [
        ["HOLDS_ROLE", "USA"], ["MET", "ABDOULAYE_DIOP"], ["VISITED", "MLI"]]


def test_labels_per_kind_single_quotes_arabic_and_null_tests(gold_store):
    assert rows(gold_store, "MATCH (p:Person)-[:HOLDS_ROLE]->(c:Country {id: 'USA'}) RETURN p.name "
                            "ORDER BY p.name") == [["Christopher Landau"], ["Nick Checker"], ["Rudolph Atallah"]]
    assert rows(gold_store, 'MATCH (n:Entity) WHERE n.name_ar = "نيك تشيكر" RETURN n.id') == [["NICK_CHECKER"]]
    assert rows(gold_store, "MATCH (a:Person)-[r:MET]-(b) WHERE r.date IS NOT NULL AND a.id = 'ABDOULAYE_DIOP' "
                            "RETURN b.name ORDER BY r.date") == [["Christopher Landau"], ["Nick Checker"]]
    assert rows(gold_store, "MATCH (a:ArmedGroup)-[r:AFFILIATED_WITH]->(b) RETURN DISTINCT a.id, b.id") == [
        ["JNIM", "AL_QAEDA"]]


def test_whole_nodes_and_relationships_show_the_contract_properties(gold_store):
    [[a, r]] = rows(gold_store, 'MATCH (a {id: "NICK_CHECKER"})-[r:VISITED]->(b) RETURN a, r')
    assert list(a) == list(CYPHER_NODE_PROPERTIES)
    assert a == {"id": "NICK_CHECKER", "kind": "person", "name": "Nick Checker", "name_ar": "نيك تشيكر"}
    assert r == {"type": "VISITED", "date": "2026-02", "date_precision": "month", "modality": "fact",
                 "role": None, "n_sources": 1, "first_reported": "2026-03-09"}
    assert list(r)[1:] == list(CYPHER_EDGE_PROPERTIES)


def test_order_by_skip_limit_and_aggregates(gold_store):
    result = gold_store.query("MATCH (a)-[r]->(b) RETURN type(r) AS type, count(r) AS n "
                              "ORDER BY n DESC, type SKIP 1 LIMIT 2")
    assert result.columns == ["type", "n"]
    assert result.rows == [["WITHDREW_FROM", 5], ["ATTACKED", 4]]
    assert rows(gold_store, "MATCH (a:Country)-[r:MEMBER_OF]->(b) RETURN a.id ORDER BY b.id, a.id DESC") == [
        ["NER"], ["MLI"], ["BFA"]]
    with pytest.raises(QueryError, match="order by a returned column"):
        gold_store.query("MATCH (a)-[r]->(b) RETURN DISTINCT a.id ORDER BY b.id")


def test_refused_and_unsupported_queries_raise_query_errors(gold_store):
    before = gold_store.to_json()
    with pytest.raises(QueryError, match="writes to the graph"):
        gold_store.query('MATCH (n {id: "MLI"}) SET n.name = "Nowhere" RETURN n')
    assert gold_store.to_json() == before
    with pytest.raises(QueryError, match="Cypher on the embedded store"):
        gold_store.query("MATCH (n) RETURN n.name ORDER")
    with pytest.raises(QueryError, match="Cypher on the embedded store"):
        gold_store.query("MATCH (n) WITH n RETURN n.name")


def test_long_queries_are_stopped_at_the_timeout(relation_types):
    people = {f"P{i}": Entity(f"P{i}", "person", f"Person {i}") for i in range(40)}
    relations = [Relation("d", f"P{i}", "PRAISED", f"P{j}", evidence=[Evidence("d", "s", (i, j), {}, "r", 1.0)])
                 for i in range(40) for j in range(40) if i != j and (i * j) % 3 == 0]
    store = NetworkXStore(None, relation_types=relation_types)
    store.add_document(DocumentInfo("d"), relations, people)
    with pytest.raises(QueryError, match="ran longer than 0.2 s"):
        store.query("MATCH (a)-[:PRAISED]->(b)-[:PRAISED]->(c)-[:PRAISED]->(d) RETURN count(a)", timeout=0.2)


def test_aggregates_skip_nulls_as_in_neo4j(gold_store):
    assert rows(gold_store, "MATCH (a)-[r:MET]->(b) RETURN count(r) AS n, count(r.date) AS dated, "
                            "max(r.date) AS last, min(r.date) AS first, sum(r.n_sources) AS s") == [
        [4, 2, "2026-02", "2025-11-04", 5]]
    assert rows(gold_store, "MATCH (a)-[r:MET]->(b) WHERE r.date IS NULL RETURN max(r.date), avg(r.n_sources)") == [
        [None, 1.0]]


def test_comma_separated_patterns_join_on_shared_variables(gold_store):
    assert rows(gold_store, "MATCH (p:Person)-[:MET]-(q:Person), (q)-[:HOLDS_ROLE]->(c:Country) "
                            "WHERE p.id = 'ABDOULAYE_DIOP' RETURN DISTINCT q.id, c.id ORDER BY q.id") == [
        ["CHRISTOPHER_LANDAU", "USA"], ["NICK_CHECKER", "USA"]]
