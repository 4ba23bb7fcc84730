"""Cypher on the embedded store: the read-only guard, parameters, the translation to
LadybugDB's dialect, and answers on the gold graph (the same as Neo4j gives: see
tests/neo4j/test_parity.py), time and row limits, and the derived database's life."""
from __future__ import annotations

import json
import threading

import pytest

from graph.cypher import check_params, ensure_read_only, parse_params, return_columns
from graph.errors import QueryError
from graph.model import CYPHER_EDGE_PROPERTIES, CYPHER_NODE_PROPERTIES, Entity, Evidence, Relation
from graph.stores.base import DocumentInfo
from graph.stores.ladybug_dialect import Tables, translate
from graph.stores.ladybug_graph import LadybugGraph
from graph.stores.ladybug_pool import shared_pool
from graph.stores.networkx_store import NetworkXStore

# ---- the guard ----------------------------------------------------------------------


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
    "CALL `db.idx.fulltext.createNodeIndex`('Entity', 'name')",
    "CALL `db`.`idx`.fulltext.createNodeIndex('Entity', 'name')",
    "CALL `db.labels`()",                       # a backticked name is refused even when allowed plainly
    "CALL db./* a comment */idx.fulltext.createNodeIndex('Entity', 'name')",
    "CALL db.idx.fulltext.`createNodeIndex`('Entity', 'name')",
    "MATCH (n) RETURN n // a comment an engine ends at a lone CR\rCREATE (m)",
    "MATCH (n) RETURN n // or at a line separator\u2028DETACH DELETE n",
    "MATCH (n) RETURN n; MATCH (m) DELETE m",
    # the embedded engine's own clauses that reach files or other databases
    "COPY (MATCH (n) RETURN n.id) TO '/tmp/out.csv'",
    "LOAD FROM '/etc/passwd' RETURN *",
    "EXPORT DATABASE '/tmp/out'",
    "ATTACH '/tmp/other.lbug' AS other (dbtype lbug)",
    "INSTALL json",
    "CALL threads = 1",
])
def test_writes_and_outside_access_are_refused(query):
    with pytest.raises(QueryError, match="only|one query|not written plainly"):
        ensure_read_only(query)


@pytest.mark.parametrize("query", [
    'MATCH (n) WHERE n.name = "DELETE ME; CREATE" RETURN n.set',
    "MATCH (n:Create) RETURN n.remove // SET in a comment",
    "MATCH (n) WHERE n.id IN $ids RETURN {set: n.name, `delete`: 1} AS m /* CALL x.y() */",
    "MATCH (n) WHERE n.name = 'COPY x TO y' RETURN n.load",
    "CALL db.labels()",
    "MATCH (n) RETURN n;",
])
def test_reads_that_merely_look_like_writes_pass(query):
    ensure_read_only(query)


def test_empty_query_is_refused():
    with pytest.raises(QueryError, match="empty query"):
        ensure_read_only("   ")


def test_parameters_are_checked_and_parsed():
    assert check_params(None) == {}
    assert parse_params(["id=MLI", "n=2", "ids=[\"MLI\"]", "text=it's", "s=\"3\""]) == {
        "id": "MLI", "n": 2, "ids": ["MLI"], "text": "it's", "s": "3"}
    for bad, message in [(["id"], "is not name=value"), (["1x=2"], "is not name=value"),
                         (['m={"a": 1}'], "parameter 'm' is an object")]:
        with pytest.raises(QueryError, match=message):
            parse_params(bad)
    with pytest.raises(QueryError, match="must be an object"):
        check_params([1, 2])


def test_columns_are_named_as_neo4j_names_them():
    assert return_columns("MATCH (a)-[r]->(b) RETURN a.name AS who, count(r), 'x, y' AS z") == [
        "who", "count(r)", "z"]
    with pytest.raises(QueryError, match="no RETURN clause"):
        return_columns("MATCH (n)")


# ---- the translation ------------------------------------------------------------------

TABLES = Tables({"Person": "person", "Country": "country"}, frozenset({"MET", "VISITED"}))


@pytest.mark.parametrize("neo4j,ladybug", [
    # kind labels become conditions in the MATCH's WHERE; :Entity is every node
    ("MATCH (a:Entity)-[r:MET]->(b:Country) RETURN a",
     "MATCH (a)-[r:MET]->(b)  WHERE b.kind IN ['country'] RETURN a"),
    ("MATCH (a:Entity:Person {id: $id}) WHERE a.name <> 'x' RETURN a",
     "MATCH (a {id: $id}) WHERE a.kind IN ['person'] AND ( a.name <> 'x' ) RETURN a"),
    ("MATCH (a:Person|Country) RETURN a", "MATCH (a)  WHERE a.kind IN ['country', 'person'] RETURN a"),
    ("MATCH (a:Person:Country) RETURN a", "MATCH (a)  WHERE false RETURN a"),          # no node has two kinds
    ("MATCH (a:Place) RETURN count(a)", "MATCH (a)  WHERE false RETURN count(a)"),    # a kind the graph lacks
    ("OPTIONAL MATCH (a)-[:VISITED]->(:Country) RETURN a",
     "OPTIONAL MATCH (a)-[:VISITED]->(geograph_n0)  WHERE geograph_n0.kind IN ['country'] RETURN a"),
    # label predicates, on nodes and on relationships
    ("MATCH (a)-[r]-(b) WHERE NOT a:Person AND r:MET RETURN b",
     "MATCH (a)-[r]-(b) WHERE NOT (a.kind IN ['person']) AND label(r) IN ['MET'] RETURN b"),
    # types the graph lacks go to the empty table; type() and labels()
    ("MATCH (a)-[r:MET|SANCTIONED]->(b) RETURN type(r), labels(b)",
     "MATCH (a)-[r:MET]->(b) RETURN label(r), ['Entity', CASE b.kind WHEN 'country' THEN 'Country' "
     "WHEN 'person' THEN 'Person' END]"),
    ("MATCH (a)-[:SANCTIONED]->(b) RETURN b", "MATCH (a)-[:NO_RELATIONSHIP_]->(b) RETURN b"),
    # one relationship is never bound twice in a MATCH (Neo4j's rule)
    ("MATCH (a)--(m)-[r:MET]-(b) RETURN b",
     "MATCH (a)-[geograph_r0]-(m)-[r:MET]-(b)  WHERE id(geograph_r0) <> id(r) RETURN b"),
    ("MATCH (a)-[r*1..2]-(b)-[s]-(c) RETURN c", "MATCH (a)-[r* TRAIL 1..2]-(b)-[s]-(c) RETURN c"),
    ("MATCH p = (a)<-[:MET*]-(b) RETURN [x IN [1] | x * 2], count(*)",
     "MATCH p = (a)<-[:MET* TRAIL ]-(b) RETURN [x IN [1] | x * 2], count(*)"),
    # strings and backticked names
    ("MATCH (a:`Person`) WHERE a.name = '(b:Country)' RETURN 'type(r)'",
     "MATCH (a) WHERE a.kind IN ['person'] AND ( a.name = '(b:Country)' ) RETURN 'type(r)'"),
])
def test_translation_to_ladybug(neo4j, ladybug):
    assert translate(neo4j, TABLES) == ladybug


def test_translation_refuses_what_it_cannot_keep():
    with pytest.raises(QueryError, match="outside MATCH: .*EXISTS"):
        translate("MATCH (a) WHERE (a)-->(:Country) RETURN a", TABLES)
    with pytest.raises(QueryError, match="mixes '&'"):
        translate("MATCH (a:Person&Country|Place) RETURN a", TABLES)


# ---- answers on the gold graph -------------------------------------------------------------

def rows(store, query, **params):
    return store.query(query, params).rows


def test_undirected_meetings_are_found_from_either_side(gold_store):
    assert rows(gold_store, 'MATCH (a {id: "ABDOULAYE_DIOP"})-[r:MET]-(b) RETURN b.id, r.date '
                            'ORDER BY r.date DESC') == [
        ["NICK_CHECKER", "2026-02"], ["CHRISTOPHER_LANDAU", "2025-11-04"]]
    assert rows(gold_store, "MATCH (a:Entity {id: $id})-[r:MET]-(b) RETURN b.id, r.date ORDER BY r.date",
                id="CHRISTOPHER_LANDAU") == [["ABDOULAYE_DIOP", "2025-11-04"]]
    # Symmetric edges are stored once, ids sorted: a directed question sees that one direction.
    assert rows(gold_store, 'MATCH (a {id: "CHRISTOPHER_LANDAU"})-[r:MET]->(b) RETURN b.id') == []


def test_every_relationship_counts_once_each_way(gold_store):
    edges = gold_store.counts()["edges"]
    assert rows(gold_store, "MATCH (a)-[r]->(b) RETURN count(r)") == [[edges]]
    assert rows(gold_store, "MATCH (a)<--(b) RETURN count(*)") == [[edges]]
    assert rows(gold_store, "MATCH (a)-[r]-(b) RETURN count(r)") == [[2 * edges]]
    assert rows(gold_store, "MATCH (a)-[r:MET]-(b) RETURN count(r)") == [[6]]


def test_types_labels_and_label_predicates(gold_store):
    assert rows(gold_store, 'MATCH (a {id: "NICK_CHECKER"})-[r]-(b) RETURN type(r) AS t, b.id ORDER BY t') == [
        ["HOLDS_ROLE", "USA"], ["MET", "ABDOULAYE_DIOP"], ["VISITED", "MLI"]]
    assert rows(gold_store, "MATCH (n {id: 'JNIM'}) RETURN labels(n)") == [[["Entity", "ArmedGroup"]]]
    assert rows(gold_store, "MATCH (n) WHERE n:ArmedGroup OR n:Alliance RETURN n.id ORDER BY n.id") == rows(
        gold_store, "MATCH (n:ArmedGroup|Alliance) RETURN n.id ORDER BY n.id")
    assert rows(gold_store, "MATCH (n:Person:Country) RETURN count(n)") == [[0]]
    assert rows(gold_store, "MATCH (a)-[r:NO_SUCH_TYPE]->(b:NoSuchKind) RETURN count(r)") == [[0]]


def test_kinds_quotes_arabic_and_null_tests(gold_store):
    assert rows(gold_store, "MATCH (p:Person)-[:HOLDS_ROLE]->(c:Country {id: 'USA'}) RETURN p.name "
                            "ORDER BY p.name") == [["Christopher Landau"], ["Nick Checker"], ["Rudolph Atallah"]]
    assert rows(gold_store, 'MATCH (n:Entity) WHERE n.name_ar = "نيك تشيكر" RETURN n.id') == [["NICK_CHECKER"]]
    assert rows(gold_store, "MATCH (a:Person)-[r:MET]-(b) WHERE r.date IS NOT NULL AND a.id = 'ABDOULAYE_DIOP' "
                            "RETURN b.name ORDER BY r.date") == [["Christopher Landau"], ["Nick Checker"]]
    assert rows(gold_store, "MATCH (a:ArmedGroup)-[r:AFFILIATED_WITH]->(b) RETURN DISTINCT a.id, b.id") == [
        ["JNIM", "AL_QAEDA"]]


def test_whole_nodes_relationships_and_paths_show_the_contract_properties(gold_store):
    [[a, r]] = rows(gold_store, 'MATCH (a {id: "NICK_CHECKER"})-[r:VISITED]->(b) RETURN a, r')
    assert list(a) == list(CYPHER_NODE_PROPERTIES)
    assert a == {"id": "NICK_CHECKER", "kind": "person", "name": "Nick Checker", "name_ar": "نيك تشيكر"}
    assert r == {"type": "VISITED", "date": "2026-02", "date_precision": "month", "modality": "fact",
                 "role": None, "n_sources": 1, "first_reported": "2026-03-09"}
    assert list(r)[1:] == list(CYPHER_EDGE_PROPERTIES)
    [[path, hops]] = rows(gold_store, "MATCH p = (a {id: 'NICK_CHECKER'})-[r:VISITED*1..1]->(b) RETURN p, r")
    assert path == {"nodes": [a, rows(gold_store, "MATCH (m {id: 'MLI'}) RETURN m")[0][0]], "relationships": [r]}
    assert hops == [r]


def test_order_by_skip_limit_distinct_and_aggregates(gold_store):
    result = gold_store.query("MATCH (a)-[r]->(b) RETURN type(r) AS type, count(r) AS n "
                              "ORDER BY n DESC, type SKIP 1 LIMIT 2")
    assert result.columns == ["type", "n"]
    assert result.rows == [["WITHDREW_FROM", 5], ["ATTACKED", 4]]
    assert rows(gold_store, "MATCH (a:Country)-[r:MEMBER_OF]->(b) RETURN a.id ORDER BY b.id, a.id DESC") == [
        ["NER"], ["MLI"], ["BFA"]]
    assert rows(gold_store, "MATCH (a)-[r:MET]->(b) RETURN count(r) AS n, count(r.date) AS dated, "
                            "max(r.date) AS last, min(r.date) AS first, sum(r.n_sources) AS s") == [
        [3, 2, "2026-02", "2025-11-04", 5]]
    assert rows(gold_store, "MATCH (a)-[r:MET]->(b) WHERE r.date IS NULL RETURN max(r.date), avg(r.n_sources)") == [
        [None, 1.0]]
    # nulls sort last ascending and first descending, as in Neo4j
    dates = [d for (d,) in rows(gold_store, "MATCH (a {id: 'ABDOULAYE_DIOP'})-[r:MET]-(b) RETURN r.date AS d "
                                            "ORDER BY d")]
    assert dates == ["2025-11-04", "2026-02"]


def test_optional_match_with_collect_and_variable_length_paths(gold_store):
    assert rows(gold_store, "MATCH (p:Person {id: $id}) OPTIONAL MATCH (p)-[:ATTACKED]->(t) RETURN p.id, t.id",
                id="NICK_CHECKER") == [["NICK_CHECKER", None]]
    assert rows(gold_store, "MATCH (c:Country)<-[:MEMBER_OF]-(m) WITH c, collect(m.id) AS members "
                            "WHERE size(members) > 2 RETURN c.id, members") == [["AES", ["BFA", "MLI", "NER"]]] or \
        rows(gold_store, "MATCH (c)<-[:MEMBER_OF]-(m) WITH c, count(m) AS n WHERE n > 2 RETURN c.id, n") == [["AES", 3]]
    # trails, as in Neo4j: a path never walks back along the relationship it came by
    reached = rows(gold_store, "MATCH (a {id: 'NICK_CHECKER'})-[:MET*1..2]-(b) RETURN DISTINCT b.id ORDER BY b.id")
    assert ["NICK_CHECKER"] not in reached and ["ABDOULAYE_DIOP"] in reached
    assert rows(gold_store, "MATCH (a {id: 'NICK_CHECKER'})-[:MET]-(m)-[:MET]-(b) RETURN DISTINCT b.id "
                            "ORDER BY b.id") == [["CHRISTOPHER_LANDAU"]]


def test_refused_and_unsupported_queries_raise_query_errors(gold_store):
    before = gold_store.to_json()
    with pytest.raises(QueryError, match="writes to the graph"):
        gold_store.query('MATCH (n {id: "MLI"}) SET n.name = "Nowhere" RETURN n')
    assert gold_store.to_json() == before
    with pytest.raises(QueryError, match="the embedded store cannot run .*Cypher on the embedded store"):
        gold_store.query("MATCH (n) RETURN n.name ORDER")
    with pytest.raises(QueryError, match="has none .*MATCH \\(n\\) RETURN DISTINCT labels\\(n\\)"):
        gold_store.query("CALL db.labels()")
    with pytest.raises(QueryError, match="uses \\$id, which was not given"):
        gold_store.query("MATCH (n) WHERE n.id = $id RETURN n")


def test_the_engine_refuses_writes_on_its_own(gold_store):
    """Past the guard, the database a query runs on is opened read-only in the query process
    (defence in depth): a write sent there straight, past the guard, is refused by the engine."""
    gold_store.query("MATCH (n) RETURN count(n)")
    path, tables = gold_store._cypher.database()
    assert path.parent == gold_store.path.parent
    with pytest.raises(QueryError, match="read-only"):
        shared_pool().query(path, tables, "MATCH (n:Entity {id: 'MLI'}) SET n.name = 'Nowhere' RETURN n", {}, 5, 10)
    assert rows(gold_store, "MATCH (n {id: 'MLI'}) RETURN n.name") == [["Mali"]]


def test_parameters_of_every_kind(gold_store):
    assert rows(gold_store, "MATCH (a)-[r:MEMBER_OF]->(b {id: $alliance}) WHERE a.id IN $ids AND "
                            "r.n_sources >= $n RETURN a.id ORDER BY a.id LIMIT $limit",
                alliance="AES", ids=["MLI", "NER", "XXX"], n=1, limit=5) == [["MLI"], ["NER"]]
    assert rows(gold_store, "RETURN $x AS x, $missing IS NULL AS absent", x="نيك", missing=None) == [["نيك", True]]


def busy_store(relation_types, people: int = 40) -> NetworkXStore:
    persons = {f"P{i}": Entity(f"P{i}", "person", f"Person {i}") for i in range(people)}
    relations = [Relation("d", f"P{i}", "PRAISED", f"P{j}", evidence=[Evidence("d", "s", (i, j), {}, "r", 1.0)])
                 for i in range(people) for j in range(people) if i != j and (i * j) % 3 == 0]
    store = NetworkXStore(None, relation_types=relation_types)
    store.add_document(DocumentInfo("d"), relations, persons)
    return store


def test_long_queries_are_stopped_by_the_engine(relation_types):
    store = busy_store(relation_types)
    with pytest.raises(QueryError, match="ran longer than 0.2 s"):
        store.query("MATCH p = (a)-[:PRAISED*1..8]->(b) RETURN count(p)", timeout=0.2)
    assert rows(store, "MATCH (a) RETURN count(a)") == [[40]]          # the store answers again


def test_answers_over_the_row_limit_are_refused(relation_types):
    store = busy_store(relation_types)
    n = store.counts()["edges"]
    assert len(store.query("MATCH (a)-[r]->(b) RETURN r.n_sources", max_rows=n).rows) == n
    with pytest.raises(QueryError, match=f"gives more than {n - 1:,} rows: add a LIMIT"):
        store.query("MATCH (a)-[r]->(b) RETURN r.n_sources", max_rows=n - 1)


def test_concurrent_queries_get_their_own_answers(gold_store):
    queries = {f"MATCH (a {{id: '{i}'}})-[r]-(b) RETURN b.id ORDER BY b.id": None
               for i in ("MLI", "NER", "USA", "ABDOULAYE_DIOP", "JNIM", "AES", "NICK_CHECKER", "BFA")}
    for q in queries:
        queries[q] = rows(gold_store, q)
    failures = []

    def ask(q):
        for _ in range(15):
            if rows(gold_store, q) != queries[q]:
                failures.append(q)

    threads = [threading.Thread(target=ask, args=(q,)) for q in queries]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert failures == []


# ---- the derived database's life ----------------------------------------------------------

def lbug_files(folder):
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".lbug"))


def test_the_database_is_kept_beside_the_file_and_rebuilt_after_a_change(gold_store, relation_types):
    folder = gold_store.path.parent
    assert rows(gold_store, "MATCH (n {id: 'NEW'}) RETURN n.id") == []
    [first] = lbug_files(folder)
    assert first.startswith("graph.cypher-") and (folder / (first + ".tables.json")).exists()
    built = (folder / first).stat().st_mtime_ns
    # another process on the same file opens that database, it does not build it again
    again = NetworkXStore(gold_store.path)
    assert rows(again, "MATCH (n) RETURN count(n)") == rows(gold_store, "MATCH (n) RETURN count(n)")
    assert lbug_files(folder) == [first] and (folder / first).stat().st_mtime_ns == built
    # a change is seen at once (a database in memory while unsaved), then saved beside the new file
    new = Entity("NEW", "person", "New Person")
    gold_store.add_document(DocumentInfo("new-doc"), [Relation("new-doc", "NEW", "MET", "MLI", "2026-05", evidence=[
        Evidence("new-doc", "s", (0, 1), {}, "r", 1.0, published="2026-05-02")])], {"NEW": new})
    assert rows(gold_store, "MATCH (n {id: 'NEW'})-[r:MET]-(m) RETURN m.id, r.first_reported") == [
        ["MLI", "2026-05-02"]]
    assert lbug_files(folder) == [first]
    gold_store.flush()
    assert rows(gold_store, "MATCH (n {id: 'NEW'}) RETURN n.name") == [["New Person"]]
    [second] = lbug_files(folder)
    assert second != first and not (folder / (first + ".tables.json")).exists()
    # the older process still answers from its database, and moves on when it sees the new file
    assert rows(again, "MATCH (n {id: 'NEW'}) RETURN n.id") == []
    assert rows(NetworkXStore(gold_store.path), "MATCH (n {id: 'NEW'}) RETURN n.id") == [["NEW"]]


def test_memory_only_stores_query_a_private_database(relation_types, gold_batches, tmp_path):
    store = NetworkXStore(None, relation_types=relation_types)
    assert rows(store, "MATCH (n) RETURN count(n)") == [[0]]             # an empty graph answers too
    for info, relations, entities in gold_batches:
        store.add_document(info, relations, entities)
    assert rows(store, "MATCH (n:Country {id: 'MLI'}) RETURN n.name") == [["Mali"]]
    path, _ = store._cypher.database()      # in a temporary folder of its own, one database at a time
    assert path.name.startswith("graph-") and [p.name for p in path.parent.glob("*.lbug")] == [path.name]
    store.close()
    assert not path.parent.exists()


def test_a_damaged_database_is_built_again(gold_store):
    rows(gold_store, "MATCH (n) RETURN count(n)")
    [name] = lbug_files(gold_store.path.parent)
    (gold_store.path.parent / name).write_bytes(b"not a database")
    assert rows(NetworkXStore(gold_store.path), "MATCH (n {id: 'MLI'}) RETURN n.name") == [["Mali"]]


def test_a_database_opened_from_its_file_knows_its_tables(gold_store):
    rows(gold_store, "MATCH (n) RETURN count(n)")
    [name] = lbug_files(gold_store.path.parent)
    graph = LadybugGraph.open(gold_store.path.parent / name)
    assert graph.tables.kinds["ArmedGroup"] == "armed_group" and "MET" in graph.tables.rels
    assert graph.query("MATCH (n:ArmedGroup) RETURN count(n)", {}, 5).rows == rows(
        gold_store, "MATCH (n) WHERE n.kind = 'armed_group' RETURN count(n)")


# ---- the command line ------------------------------------------------------------------------

def test_query_parameters_from_the_command_line(cli, gold_home):
    result = cli("query", "MATCH (a:Entity {id: $id})-[r:MET]-(b) WHERE r.date >= $since RETURN b.id, r.date "
                 "ORDER BY r.date", "--param", "id=ABDOULAYE_DIOP", "--param", "since=\"2026\"", "--json",
                 "--home", gold_home)
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["rows"] == [["NICK_CHECKER", "2026-02"]]
    bad = cli("query", "MATCH (n) RETURN n", "--param", "oops", "--home", gold_home)
    assert bad.exit_code == 2 and "--param 'oops' is not name=value" in bad.stderr
    assert "Traceback" not in bad.output and len(bad.stderr.strip().splitlines()) == 1
