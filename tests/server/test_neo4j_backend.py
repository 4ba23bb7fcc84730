"""The explorer on the Neo4j store (a real Bolt server: FalkorDB, started by the neo4j area's helper)
answers like it does on the embedded store."""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

from graph.extract import Extractor
from graph.ingest import build
from server import create_app

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "neo4j"))
from falkordb_server import FalkorServer  # noqa: E402
from neo4j_helpers import open_bolt_store  # noqa: E402


@pytest.fixture(scope="module")
def neo4j_client(schema, seeds_dir):
    server = FalkorServer().start()
    store = open_bolt_store(server, relation_types=schema.relation_types)
    try:
        store.clear()
        build(store, [seeds_dir], Extractor(schema), progress=False)
        yield create_app({"STORE": store, "SCHEMA": schema, "TESTING": True}).test_client()
    finally:
        store.close()
        server.stop()


@pytest.mark.parametrize("path", ["/api/graph", "/api/graph?types=MET,HOLDS_ROLE&modality=all",
                                  "/api/graph?q=ديوب", "/api/graph?ego=ABDOULAYE_DIOP&hops=2",
                                  "/api/entities/ABDOULAYE_DIOP", "/api/who-met?actor=Mali&level=country",
                                  "/api/entities/MLI/story", "/api/entities/ABDOULAYE_DIOP/story",
                                  "/api/articles/004_87cf282df6eeba7b", "/api/articles/000_78dd3b09c3dc0569",
                                  "/api/suggest?q=ديو", "/api/who-met"])
def test_same_answers_on_both_stores(neo4j_client, client, path):
    def plain(answer):
        data = answer.json
        for node in data.get("nodes", []):        # positions come from each store's own layout run
            node.pop("x"), node.pop("y")
        return data

    assert plain(neo4j_client.get(path)) == plain(client.get(path))


def test_evidence_and_cypher_on_neo4j(neo4j_client, client):
    met = [e for e in client.get("/api/graph?types=MET").json["edges"]
           if {e["from"], e["to"]} == {"CHRISTOPHER_LANDAU", "ABDOULAYE_DIOP"}]
    for edge_id in met[0]["ids"]:
        assert neo4j_client.get(f"/api/relations/{edge_id}").json == client.get(f"/api/relations/{edge_id}").json
    q = {"q": "MATCH (a {id: 'CHRISTOPHER_LANDAU'})-[r:MET]-(b) RETURN a, r, b"}
    assert neo4j_client.post("/api/cypher", json=q).json["graph"]["edges"] == \
        client.post("/api/cypher", json=q).json["graph"]["edges"]
    assert neo4j_client.post("/api/cypher", json={"q": "MATCH (a) DETACH DELETE a"}).status_code == 400


def test_pages_on_neo4j(neo4j_client, client):
    """Who met whom on open, an article page and the Cypher hints answer alike on the Bolt store."""
    for path in ("/who-met", "/articles/004_87cf282df6eeba7b", "/articles/nope"):
        assert neo4j_client.get(path).get_data(as_text=True) == client.get(path).get_data(as_text=True), path
    q = {"q": "MATCH (a:Persn)-[r:MEET]-(b) RETURN a.nme"}
    assert neo4j_client.post("/api/cypher/hints", json=q).json == client.post("/api/cypher/hints", json=q).json
    assert [h["closest"][0] for h in neo4j_client.post("/api/cypher/hints", json=q).json["hints"]] == \
        ["Person", "MET", "name"]


@pytest.mark.parametrize("literal", ["مالي", "a\u202eb\u202c", "\u2067ديوب\u2069 x", "😀🇲🇱", "\u200f\u061c"])
def test_unicode_literals_in_a_query_on_neo4j(neo4j_client, literal):
    """Arabic, bidi controls and emoji in a query come back as they went in (issue 11 probe: was a 500 as HTML)."""
    answer = neo4j_client.post("/api/cypher", json={"q": f"RETURN '{literal}' AS x"})
    assert answer.status_code == 200 and answer.json["rows"] == [[literal]]
    answer = neo4j_client.post("/api/cypher", json={"q": f"MATCH (n) WHERE n.name = '{literal}' RETURN n.id"})
    assert answer.status_code == 200 and answer.json["rows"] == []


@pytest.mark.parametrize("q", ["CALL `db.idx.fulltext.createNodeIndex`('Entity', 'name')",
                               "CALL db.idx.fulltext.createNodeIndex('Entity', 'name')",
                               "MATCH (n) WITH n LIMIT 1 CALL { CREATE (:X) } RETURN 1"])
def test_the_neo4j_store_refuses_escapes_from_read_only(neo4j_client, q):
    before = neo4j_client.post("/api/cypher", json={"q": "CALL db.indexes()"}).json["rows"]
    answer = neo4j_client.post("/api/cypher", json={"q": q})
    assert answer.status_code == 400 and answer.is_json
    assert neo4j_client.post("/api/cypher", json={"q": "CALL db.indexes()"}).json["rows"] == before
