"""Cross-store parity: the analyst's questions get the same answers from the embedded
NetworkX store (Cypher on its derived LadybugDB database) and from a real Bolt server
(FalkorDB), loaded with the same data: the hand-annotated gold corpus (independent of the
extractor) and the seed articles through the real extractor and ingest, as `geograph
build` loads them. Where FalkorDB itself departs from Neo4j, a test says so instead.
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from graph.cli import main
from graph.errors import QueryError
from graph.stores.base import EdgeFilter
from graph.stores.networkx_store import NetworkXStore

from falkordb_server import FalkorServer
from neo4j_helpers import fill, open_bolt_store

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT / "seeds"

# (question, Cypher, params, order): ``order`` True means the rows must also come in the same
# order; a column name, that the rows agree in order on that column (the rest ties).
ANALYST_QUERIES = [
    ("who met Mali's foreign minister, and when",
     "MATCH (a:Entity)-[r:MET]-(b:Entity {id: 'ABDOULAYE_DIOP'}) RETURN a.name, r.date, r.first_reported", {}, False),
    ("which sanctions on Mali were imposed and which lifted",
     "MATCH (a:Entity)-[r:SANCTIONED|LIFTED_SANCTIONS]->(b:Entity) WHERE b.id = 'MLI' OR b.country = 'MLI' "
     "RETURN a.id, type(r), b.id, r.date", {}, False),
    ("who pulled troops out of Niger",
     "MATCH (a:Entity)-[r:WITHDREW_FROM]->(b:Entity {id: 'NER'}) RETURN a.name, r.date, r.first_reported", {}, False),
    ("members of the AES",
     "MATCH (m:Entity)-[r:MEMBER_OF]->(:Entity {id: 'AES'}) RETURN m.id, r.n_sources ORDER BY m.id", {}, True),
    ("everything JNIM did",
     "MATCH (j:Entity {id: 'JNIM'})-[r]->(t:Entity) RETURN type(r), t.id, r.date", {}, False),
    ("edges with more than one source",
     "MATCH (a:Entity)-[r]->(b:Entity) WHERE r.n_sources > 1 RETURN a.id, type(r), b.id, r.n_sources", {}, False),
    ("relations in a date window (autumn 2025)",
     "MATCH (a:Entity)-[r]->(b:Entity) WHERE r.date >= '2025-09' AND r.date <= '2025-12' "
     "RETURN a.id, type(r), b.id, r.date, r.date_precision", {}, False),
    ("how many relations of each type",
     "MATCH (a:Entity)-[r]->(b:Entity) RETURN type(r) AS t, count(r) AS n ORDER BY t", {}, True),
    ("countries and their Arabic names",
     "MATCH (c:Country) RETURN c.id, c.name, c.name_ar ORDER BY c.id", {}, True),
    ("what armed groups did to whom",
     "MATCH (g:ArmedGroup)-[r]->(t:Entity) RETURN g.id, type(r), t.id", {}, False),
    ("undated relations and when they were first reported",
     "MATCH (a:Entity)-[r]->(b:Entity) WHERE r.date IS NULL AND r.first_reported IS NOT NULL "
     "RETURN a.id, type(r), b.id, r.first_reported", {}, False),
    ("who holds which role",
     "MATCH (p:Person)-[r:HOLDS_ROLE]->(o:Entity) RETURN p.id, o.id, r.role", {}, False),
    ("meetings known only to the month",
     "MATCH (a:Entity)-[r:MET]-(b:Entity) WHERE r.date_precision = 'month' RETURN a.id, b.id, r.date", {}, False),
    ("whom the US agreed or cooperates with",
     "MATCH (u:Entity {id: 'USA'})-[r:AGREED|COOPERATES_WITH|PLEDGED_COOPERATION|NEGOTIATED]-(x:Entity) "
     "RETURN type(r), x.id, r.date", {}, False),
    ("people who met someone serving Mali",
     "MATCH (p:Person)-[:MET]-(q:Person)-[:HOLDS_ROLE]->(c:Entity) WHERE c.id = 'MLI' OR c.country = 'MLI' "
     "RETURN DISTINCT p.name", {}, False),
    ("Mali's partners and adversaries",
     "MATCH (m:Entity {id: 'MLI'})-[r]-(x:Entity) RETURN DISTINCT x.id", {}, False),
    ("the five most active actors",
     "MATCH (a:Entity)-[r]->(b:Entity) RETURN a.id AS actor, count(r) AS n ORDER BY n DESC, actor LIMIT 5", {}, True),
    ("Nick Checker's meetings, whole nodes and relationships",
     "MATCH (a:Entity {id: 'NICK_CHECKER'})-[r:MET]-(b:Entity) RETURN a, r, b", {}, False),
    ("evacuations, with Arabic names",
     "MATCH (a:Entity)-[r:EVACUATED]->(b:Entity) RETURN a.name, b.name_ar", {}, False),
    ("Mali's degree",
     "MATCH (a:Entity)-[r]-(b:Entity) WHERE a.id = 'MLI' RETURN count(r) AS degree", {}, True),
    ("relations reported in 2026",
     "MATCH (a:Entity)-[r]->(b:Entity) WHERE r.first_reported >= '2026' "
     "RETURN a.id, type(r), b.id, r.first_reported", {}, False),
    ("withdrawals from Mali or Niger",
     "MATCH (a:Entity)-[r]->(b:Entity) WHERE b.id IN ['MLI', 'NER'] AND type(r) = 'WITHDREW_FROM' "
     "RETURN a.id, b.id, r.date", {}, False),
    ("the first and last dated relation",
     "MATCH (a:Entity)-[r]->(b:Entity) WHERE r.date IS NOT NULL RETURN min(r.date) AS first, max(r.date) AS last",
     {}, True),
    ("people, second to fourth by name",
     "MATCH (n:Person) RETURN n.name ORDER BY n.name SKIP 1 LIMIT 3", {}, True),
    # The issue's five (benchmarks/bench_cypher.py times them at a million relations).
    ("one actor's relations, by parameter",
     "MATCH (a:Entity {id: $id})-[r]-(b) RETURN b.id, b.name, type(r), r.date", {"id": "ABDOULAYE_DIOP"}, False),
    ("sanctions in a date range",
     "MATCH (a)-[r:SANCTIONED]->(b) WHERE r.date >= '2025-01' AND r.date <= '2025-06-30' RETURN a.id, b.id, r.date",
     {}, False),
    ("2-hop paths between two actors",
     "MATCH (a:Entity {id: $a})-[r1]-(m)-[r2]-(b:Entity {id: $b}) RETURN m.id, type(r1), type(r2)",
     {"a": "NICK_CHECKER", "b": "CHRISTOPHER_LANDAU"}, False),
    ("count by type, busiest first",
     "MATCH (a)-[r]->(b) RETURN type(r) AS t, count(r) AS n ORDER BY n DESC", {}, "n"),
    ("top-10 degree",
     "MATCH (a)-[r]-(b) RETURN a.id AS id, count(r) AS deg ORDER BY deg DESC, id LIMIT 10", {}, True),
    # Parameters, OPTIONAL MATCH, WITH, variable length, undirected, nulls in ORDER BY, DISTINCT, collect.
    ("members of an alliance given as a parameter, from a list of candidates",
     "MATCH (m)-[:MEMBER_OF]->(g {id: $alliance}) WHERE m.id IN $candidates RETURN m.id ORDER BY m.id",
     {"alliance": "AES", "candidates": ["MLI", "NER", "SEN"]}, True),
    ("people and where they went, if anywhere",
     "MATCH (p:Person) OPTIONAL MATCH (p)-[r:VISITED]->(c) RETURN p.id, c.id, r.date", {}, False),
    ("people and whom they attacked (nobody): nulls for the relationship and its end",
     "MATCH (p:Person) OPTIONAL MATCH (p)-[r:ATTACKED]->(t) RETURN p.id, r, t", {}, False),
    ("actors with at least two relations, through WITH",
     "MATCH (a)-[r]->(b) WITH a, count(r) AS n WHERE n >= 2 RETURN a.id, n ORDER BY n DESC, a.id", {}, True),
    ("countries with more than one office holder",
     "MATCH (p:Person)-[:HOLDS_ROLE]->(c:Country) WITH c, count(DISTINCT p) AS people WHERE people > 1 "
     "RETURN c.id, people ORDER BY c.id", {}, True),
    ("who is within two meetings of Nick Checker",
     "MATCH (a:Entity {id: $id})-[:MET*1..2]-(b) RETURN DISTINCT b.id", {"id": "NICK_CHECKER"}, False),
    ("paths of up to three hops from Nick Checker to Mali, by length",
     "MATCH p = (a {id: 'NICK_CHECKER'})-[*1..3]-(b {id: 'MLI'}) RETURN length(p) AS hops, count(p) AS paths "
     "ORDER BY hops", {}, True),
    ("Mali's neighbours' neighbours",
     "MATCH (a {id: 'MLI'})--(m)--(b) RETURN DISTINCT b.id ORDER BY b.id", {}, True),
    ("Diop's meetings, undated first when newest first",
     "MATCH (a {id: 'ABDOULAYE_DIOP'})-[r:MET]-(b) RETURN b.id, r.date ORDER BY r.date DESC, b.id", {}, True),
    ("Diop's meetings, undated last when oldest first",
     "MATCH (a {id: 'ABDOULAYE_DIOP'})-[r:MET]-(b) RETURN b.id, r.date ORDER BY r.date, b.id", {}, True),
    ("what was done to countries, each type once",
     "MATCH (a)-[r]->(b:Country) RETURN DISTINCT type(r) AS t ORDER BY t", {}, True),
    ("people and armed groups, by a label predicate",
     "MATCH (n) WHERE n:Person OR n:ArmedGroup RETURN n.id ORDER BY n.id", {}, True),
    ("armed groups and their labels",
     "MATCH (n:ArmedGroup) RETURN n.id, labels(n)", {}, False),
    ("alliances collected per member (collect() keeps no order on the embedded store: one each here)",
     "MATCH (m)-[:MEMBER_OF]->(g) RETURN m.id, collect(g.id) AS alliances, count(g) AS n ORDER BY m.id", {}, True),
    ("named actors from a parameter list",
     "UNWIND $ids AS id MATCH (n {id: id}) RETURN n.name ORDER BY n.name", {"ids": ["MLI", "NER", "NOPE"]}, True),
    ("countries' Arabic names, or English ones",
     "MATCH (n:Country) RETURN n.id, coalesce(n.name_ar, n.name) ORDER BY n.id", {}, True),
    ("relations by precision, undated ones named",
     "MATCH (a)-[r]->(b) RETURN a.id, CASE WHEN r.date IS NULL THEN 'undated' ELSE r.date_precision END AS p, b.id",
     {}, False),
    ("relations by date precision (null last)",
     "MATCH (a)-[r]->(b) RETURN r.date_precision AS p, count(r) AS n ORDER BY p", {}, True),
    ("every meeting once (each pair in one order)",
     "MATCH (a)-[r:MET]-(b) WHERE a.id < b.id RETURN a.id, b.id, r.date", {}, False),
    ("the longest person names",
     "MATCH (a:Person) RETURN a.id, size(a.name) AS n ORDER BY n DESC, a.id LIMIT 3", {}, True),
    ("mean number of sources, and the latest report",
     "MATCH (a)-[r]->(b) RETURN avg(r.n_sources) AS mean, max(r.first_reported) AS last", {}, True),
]
assert len(ANALYST_QUERIES) >= 30
# Questions the gold corpus has no answer to (the same empty answer on both stores still counts).
EMPTY_ON_GOLD = {"sanctions in a date range"}


def _sorted_rows(rows: list[list]) -> list[str]:
    return sorted(json.dumps(row, ensure_ascii=False, sort_keys=True) for row in rows)


def assert_same_answers(embedded, bolt, cypher: str, params: dict, order) -> list[list]:
    mine, theirs = embedded.query(cypher, params), bolt.query(cypher, params)
    assert mine.columns == theirs.columns
    if order is True:
        assert theirs.rows == mine.rows
    elif order:
        at = mine.columns.index(order)
        assert [row[at] for row in theirs.rows] == [row[at] for row in mine.rows]
    assert _sorted_rows(theirs.rows) == _sorted_rows(mine.rows)
    return mine.rows


# ---- the gold corpus ----------------------------------------------------------

# FalkorDB ignores the database name (one graph per server), so each data set below
# gets a server of its own.

@pytest.fixture(scope="module")
def gold_stores(relation_types, gold_batches):
    embedded = NetworkXStore(None, relation_types=relation_types)
    fill(embedded, gold_batches)
    with FalkorServer() as server:
        bolt = open_bolt_store(server, relation_types)
        fill(bolt, gold_batches)
        yield embedded, bolt
        bolt.close()


@pytest.mark.parametrize("question,cypher,params,order", ANALYST_QUERIES, ids=[q[0] for q in ANALYST_QUERIES])
def test_gold_corpus_answers_agree(gold_stores, question, cypher, params, order):
    rows = assert_same_answers(*gold_stores, cypher, params, order)
    assert bool(rows) != (question in EMPTY_ON_GOLD), f"{question}: the gold corpus should answer this"


def test_gold_known_answers(gold_stores):
    _, bolt = gold_stores
    met = bolt.query(ANALYST_QUERIES[0][1]).rows
    assert ["Christopher Landau", "2025-11-04", None] in met and ["Nick Checker", "2026-02", "2026-03-09"] in met
    aes = [row[0] for row in bolt.query(ANALYST_QUERIES[3][1]).rows]
    assert aes == ["BFA", "MLI", "NER"]
    out_of_niger = {row[0] for row in bolt.query(ANALYST_QUERIES[2][1]).rows}
    assert "United States" in out_of_niger


# ---- where FalkorDB departs from Neo4j (the embedded store answers as Neo4j does) -----------

def test_where_falkordb_departs_from_neo4j(gold_stores):
    embedded, bolt = gold_stores
    edges = embedded.counts()["edges"]
    # Neo4j never binds one relationship twice in a MATCH; FalkorDB does (walk semantics), so a
    # two-hop pattern comes back to where it started along the same relationship.
    two_hops = "MATCH (a {id: 'NICK_CHECKER'})-[:MET]-(m)-[:MET]-(b) RETURN DISTINCT b.id"
    assert embedded.query(two_hops).rows == [["CHRISTOPHER_LANDAU"]]
    assert ["NICK_CHECKER"] in bolt.query(two_hops).rows
    # Parallel relationships (the same withdrawal dated 2014-08 and, reported a decade later,
    # undated) are one row on FalkorDB unless the relationship itself is returned; Neo4j gives a
    # row per relationship.
    parallel = "MATCH (a {id: 'USA'})-[:WITHDREW_FROM]-(b) RETURN b.id ORDER BY b.id"
    assert embedded.query(parallel).rows == [["NER"], ["NER"]]
    assert bolt.query(parallel).rows == [["NER"]]
    # count(*) over an untyped relationship pattern: FalkorDB counts fewer rows than it matches.
    assert embedded.query("MATCH (a)-[r]->(b) RETURN count(*), count(r)").rows == [[edges, edges]]
    assert bolt.query("MATCH (a)-[r]->(b) RETURN count(r)").rows == [[edges]]
    assert bolt.query("MATCH (a)-[r]->(b) RETURN count(*)").rows != [[edges]]
    # sum() of integers: Neo4j gives an integer, FalkorDB a float.
    assert embedded.query("MATCH (a)-[r]->(b) RETURN sum(r.n_sources)").rows == [[70]]
    assert bolt.query("MATCH (a)-[r]->(b) RETURN sum(r.n_sources)").rows == [[70.0]]
    assert isinstance(embedded.query("MATCH (a)-[r]->(b) RETURN sum(r.n_sources)").rows[0][0], int)
    # EXISTS { MATCH ... } subqueries: FalkorDB has none.
    exists = "MATCH (p:Person) WHERE EXISTS { MATCH (p)-[:VISITED]->() } RETURN p.id ORDER BY p.id"
    assert embedded.query(exists).rows == [["NICK_CHECKER"], ["RUDOLPH_ATALLAH"]]
    with pytest.raises(QueryError, match="rejected"):
        bolt.query(exists)


# ---- the seeds, through the real extractor ---------------------------------------

@pytest.fixture(scope="module")
def extractor():
    """The real extractor on the repository's schema (loaded once: it takes a second or two)."""
    from graph.extract import Extractor
    from graph.rules import load_schema

    return Extractor(load_schema())


def _load_seeds(store, extractor) -> None:
    from graph.ingest import build

    build(store, [SEEDS], extractor, progress=False)


@pytest.fixture(scope="module")
def seed_stores(extractor):
    relation_types = extractor.schema.relation_types
    embedded = NetworkXStore(None, relation_types=relation_types)
    _load_seeds(embedded, extractor)
    with FalkorServer() as server:
        bolt = open_bolt_store(server, relation_types)
        _load_seeds(bolt, extractor)
        yield embedded, bolt
        bolt.close()


@pytest.mark.parametrize("question,cypher,params,order", ANALYST_QUERIES, ids=[q[0] for q in ANALYST_QUERIES])
def test_seed_answers_agree(seed_stores, question, cypher, params, order):
    assert_same_answers(*seed_stores, cypher, params, order)


def test_seed_graphs_are_identical_through_the_python_interface(seed_stores):
    embedded, bolt = seed_stores
    assert bolt.counts() == embedded.counts() and bolt.counts()["documents"] == 5
    every = EdgeFilter(modalities=None)
    assert [e.to_json() for e in bolt.edges(every)] == sorted((e.to_json() for e in embedded.edges(every)),
                                                              key=lambda e: e["id"])
    assert [e.to_json() for e in bolt.entities()] == sorted((e.to_json() for e in embedded.entities()),
                                                            key=lambda e: e["id"])
    assert bolt.documents() == embedded.documents()


def test_loading_the_seeds_twice_leaves_identical_counts_on_the_bolt_server(bolt_store, extractor):
    _load_seeds(bolt_store, extractor)
    counts = bolt_store.counts()
    edges = [e.to_json() for e in bolt_store.edges(EdgeFilter(modalities=None))]
    _load_seeds(bolt_store, extractor)                        # every article is skipped
    assert bolt_store.counts() == counts
    bolt_store._run("MATCH (d:Document) DETACH DELETE d", write=True)
    _load_seeds(bolt_store, extractor)                        # every article written again: MERGE, not CREATE
    assert bolt_store.counts() == counts
    assert [e.to_json() for e in bolt_store.edges(EdgeFilter(modalities=None))] == edges
    assert counts["nodes"] > 10 and counts["edges"] > 10 and counts["evidence"] >= counts["edges"]


# ---- the CLI on both stores -------------------------------------------------------

def _geograph(*args) -> str:
    result = CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.output


@pytest.fixture(scope="module")
def cli_stores(tmp_path_factory):
    """Store options for `geograph`: a data folder and a Bolt server, both built from seeds/."""
    home = tmp_path_factory.mktemp("parity-home")
    with FalkorServer() as server:
        bolt = ["--store", "neo4j", "--neo4j-uri", server.uri, "--neo4j-username", "geograph",
                "--neo4j-database", "geograph"]
        _geograph("build", SEEDS, "--home", home, "--no-progress")
        out = _geograph("build", SEEDS, *bolt, "--no-progress", "--batch-size", "25")
        assert "5 document(s) added" in out
        yield {"networkx": ["--store", "networkx", "--home", home], "neo4j": bolt}


# Each run loads the schema (~2 s), so the examples mix the aliases with the options.
WHO_MET_EXAMPLES = [
    ["Diop"], ["ABDOULAYE_DIOP", "--level", "country"], ["ديوب", "--with", "Landau"], ["Diop", "--from", "2026"],
    ["--level", "country", "--to", "2025-12"],
]


@pytest.mark.parametrize("args", WHO_MET_EXAMPLES, ids=[" ".join(a) for a in WHO_MET_EXAMPLES])
def test_who_met_examples_agree_from_the_cli(cli_stores, args):
    outputs = {kind: json.loads(_geograph("who-met", *args, "--json", *opts)) for kind, opts in cli_stores.items()}
    assert outputs["neo4j"] == outputs["networkx"]
    assert outputs["neo4j"]["rows"]


def test_who_met_answers_the_issue_examples_on_the_bolt_server(cli_stores):
    person = json.loads(_geograph("who-met", "ديوب", "--json", *cli_stores["neo4j"]))
    cols = person["columns"]
    pairs = {(row[cols.index("date")], frozenset((row[cols.index("a")], row[cols.index("b")])))
             for row in person["rows"]}
    assert ("2025-11-04", frozenset({"CHRISTOPHER_LANDAU", "ABDOULAYE_DIOP"})) in pairs
    assert ("2026-02", frozenset({"NICK_CHECKER", "ABDOULAYE_DIOP"})) in pairs
    dates = [row[cols.index("date")] for row in person["rows"] if row[cols.index("date")]]
    assert dates == sorted(dates, reverse=True)                        # newest first
    country = json.loads(_geograph("who-met", "Mali", "--level", "country", "--json", *cli_stores["neo4j"]))
    us_mali = [(row[cols.index("date")], row[cols.index("first_reported")]) for row in country["rows"]
               if {row[cols.index("a")], row[cols.index("b")]} == {"USA", "MLI"}]
    assert ("2025-11-04", None) in us_mali or any(d == "2025-11-04" for d, _ in us_mali)
    assert any(d == "2026-02" for d, _ in us_mali)
    assert (None, "2025-07-15") in us_mali                              # Atallah and Malian officials


def test_query_json_agrees_from_the_cli(cli_stores):
    for _, cypher, _, _ in ANALYST_QUERIES[:6]:
        outputs = {kind: json.loads(_geograph("query", cypher, "--json", *opts)) for kind, opts in cli_stores.items()}
        assert outputs["neo4j"]["columns"] == outputs["networkx"]["columns"]
        assert _sorted_rows(outputs["neo4j"]["rows"]) == _sorted_rows(outputs["networkx"]["rows"])


def test_cli_refuses_writes_on_the_bolt_server_with_exit_code_2(cli_stores):
    result = CliRunner().invoke(main, ["query", "MATCH (n) DETACH DELETE n", *cli_stores["neo4j"]])
    assert result.exit_code == 2
    assert "writes to the graph (DELETE)" in result.output and "Traceback" not in result.output
    out = json.loads(_geograph("query", "MATCH (n:Entity) RETURN count(n) AS n", "--json", *cli_stores["neo4j"]))
    assert out["rows"][0][0] > 10
