"""The Neo4j store against a real Bolt server (FalkorDB started by conftest.py)."""
from __future__ import annotations

import random
import time

import pytest

from graph.errors import QueryError, StoreError
from graph.model import Entity, Evidence, Relation
from graph.stores import open_store
from graph.stores.base import DocumentInfo, EdgeFilter
from graph.stores.neo4j_store import INLINED_PARAMS_BUDGET, Neo4jStore, literal_size
from graph.stores.networkx_store import NetworkXStore

from neo4j_helpers import fill

MALI = Entity("MLI", "country", "Mali", name_ar="مالي", aliases=("Mali", "باماكو"))
USA = Entity("USA", "country", "United States", name_ar="الولايات المتحدة")
JNIM = Entity("JNIM", "armed_group", "JNIM", name_ar="جماعة نصرة الإسلام والمسلمين")
DIOP = Entity("ABDOULAYE_DIOP", "person", "Abdoulaye Diop", name_ar="عبد الله ديوب")
ENTITIES = {e.id: e for e in (MALI, USA, JNIM, DIOP)}


def evidence(doc: str, sentence: str, start: int = 0, rule: str = "test.rule", published: str | None = None):
    return Evidence(doc, sentence, (start, start + len(sentence)), {"trigger": (start, start + 2)}, rule, 0.8,
                    outlet="Test Outlet", published=published, lang="ar")


def relation(doc, source, type_, target, date=None, sentence="s", **kw):
    return Relation(doc, source, type_, target, date, evidence=[evidence(doc, sentence, **kw)])


def test_gold_corpus_reads_back_exactly_as_the_networkx_store_holds_it(gold_pair):
    embedded, bolt = gold_pair
    assert bolt.counts() == embedded.counts()
    assert bolt.counts()["documents"] == 5 and bolt.counts()["edges"] > 30
    assert [e.to_json() for e in bolt.edges()] == sorted((e.to_json() for e in embedded.edges()),
                                                         key=lambda e: e["id"])
    assert [e.to_json() for e in bolt.entities()] == sorted((e.to_json() for e in embedded.entities()),
                                                            key=lambda e: e["id"])
    assert bolt.documents() == embedded.documents()
    some = embedded.edges()[7]
    assert bolt.get_edge(some.id).to_json() == some.to_json()
    assert bolt.get_entity("ABDOULAYE_DIOP") == embedded.get_entity("ABDOULAYE_DIOP")
    assert bolt.get_edge("0000000000000000") is None and bolt.get_entity("NOBODY") is None


def test_loading_twice_changes_nothing(bolt_store, gold_batches):
    assert fill(bolt_store, gold_batches) == [True] * 5
    counts = bolt_store.counts()
    edges = [e.to_json() for e in bolt_store.edges(EdgeFilter(modalities=None))]
    assert fill(bolt_store, gold_batches) == [False] * 5
    assert bolt_store.counts() == counts
    assert [e.to_json() for e in bolt_store.edges(EdgeFilter(modalities=None))] == edges


def test_a_document_half_written_before_a_failure_is_completed_by_adding_it_again(bolt_store):
    rels = [relation("d1", "USA", "MET", "MLI", "2025-11-04", "first")]
    bolt_store.add_document(DocumentInfo("d1"), rels, ENTITIES)
    assert bolt_store.has_document("d1")                    # queued, not yet written
    bolt_store.flush()
    bolt_store._run("MATCH (d:Document {id: 'd1'}) DELETE d", write=True)   # as if it died before the end
    assert not bolt_store.has_document("d1")
    assert bolt_store.add_document(DocumentInfo("d1"), rels, ENTITIES)
    assert bolt_store.counts() == {"nodes": 2, "edges": 1, "evidence": 1, "documents": 1}


def test_same_relation_from_two_articles_is_one_edge_and_evidence_sorted_by_document(bolt_store, relation_types):
    embedded = NetworkXStore(None, relation_types=relation_types)
    for store in (embedded, bolt_store):
        store.add_document(DocumentInfo("d2", published="2025-11-06"),
                           [relation("d2", "MLI", "MET", "USA", "2025-11-04", "later report", published="2025-11-06")],
                           ENTITIES)
        store.add_document(DocumentInfo("d1", published="2025-11-05"),
                           [relation("d1", "USA", "MET", "MLI", "2025-11-04", "first report", published="2025-11-05"),
                            relation("d1", "USA", "MET", "MLI", "2025-11", "same meeting, month only")], ENTITIES)
    edges = bolt_store.edges()
    assert len(edges) == 2
    day = next(e for e in edges if e.date == "2025-11-04")
    assert [ev.doc for ev in day.evidence] == ["d1", "d2"]
    assert (day.n_sources, day.first_reported, day.last_reported) == (2, "2025-11-05", "2025-11-06")
    rows = bolt_store.query("MATCH (a)-[r:MET]->(b) WHERE r.date = '2025-11-04' "
                            "RETURN a.id, b.id, r.n_sources, r.first_reported, r.documents").rows
    assert rows == [["MLI", "USA", 2, "2025-11-05", ["d1", "d2"]]]
    for mine, theirs in zip(edges, sorted(embedded.edges(), key=lambda e: e.id)):
        assert mine.id == theirs.id and mine.n_sources == theirs.n_sources
        assert sorted(e.to_json()["sentence"] for e in mine.evidence) == sorted(
            e.to_json()["sentence"] for e in theirs.evidence)


def test_labels_per_kind_types_from_the_ontology_and_properties_neo4j_can_hold(gold_pair):
    _, bolt = gold_pair
    rows = bolt.query("MATCH (n:Entity:ArmedGroup) RETURN n.id ORDER BY n.id").rows
    assert ["JNIM"] in rows and ["MLI"] not in rows
    assert bolt.query("MATCH (n:Entity:Country {id: 'MLI'}) RETURN labels(n)").rows[0][0] in (
        ["Entity", "Country"], ["Country", "Entity"])
    types = {t for (t,) in bolt.query("MATCH (:Entity)-[r]->(:Entity) RETURN DISTINCT type(r)").rows}
    assert types <= set(bolt.relation_types) and {"MET", "MEMBER_OF", "BLOCKADED"} <= types
    (date, precision, docs, cameo), = bolt.query(
        "MATCH (:Entity {id: 'JNIM'})-[r:BLOCKADED]->(:Entity {id: 'MLI'}) WHERE r.date IS NOT NULL "
        "RETURN r.date, r.date_precision, r.documents, r.cameo").rows
    assert (date, precision, cameo) == ("2025-09", "month", "191") and isinstance(docs, list)
    assert all(isinstance(d, str) for d in docs)


def test_arabic_sentences_with_quotes_and_backslashes_round_trip(bolt_store):
    tricky = ["قال الوزير: 'لن نتراجع' و\"سنواصل\" التعاون", "it's O'Brien's \\'escaped\\' \\ end\\",
              "سطر\nجديد\tو\\n حرفي", "ends with a quote'"]
    rels = [relation("q1", "USA", "PRAISED", "MLI", None, s, start=i * 200) for i, s in enumerate(tricky)]
    diop = Entity("ABDOULAYE_DIOP", "person", "Abdoulaye Diop", name_ar="عبد الله 'ديوب'",
                  aliases=("Diop's", "\\Diop"))
    rels.append(relation("q1", "ABDOULAYE_DIOP", "MET", "USA", None, "x"))
    bolt_store.add_document(DocumentInfo("q1", outlet="Le 'Monde'", path="C:\\news\\it's.txt"), rels,
                            {**ENTITIES, "ABDOULAYE_DIOP": diop})
    (edge,) = bolt_store.edges(EdgeFilter(types=("PRAISED",)))
    assert sorted(ev.sentence for ev in edge.evidence) == sorted(tricky)
    assert bolt_store.get_entity("ABDOULAYE_DIOP") == diop
    assert bolt_store.documents()[0].outlet == "Le 'Monde'"
    assert bolt_store.documents()[0].path == "C:\\news\\it's.txt"
    assert bolt_store.query("MATCH (n:Entity) WHERE n.name_ar = 'عبد الله \\'ديوب\\'' RETURN n.id").rows == [
        ["ABDOULAYE_DIOP"]]


@pytest.mark.parametrize("chars", [3000, 12000])
def test_evidence_longer_than_a_request_is_sent_in_pieces(bolt_store, chars):
    long = ("الجملة الطويلة 'جداً' " * (chars // 20 + 1))[:chars]
    assert len(long.encode()) > 4096
    bolt_store.add_document(DocumentInfo("long"), [relation("long", "JNIM", "ATTACKED", "MLI", "2025", long)],
                            ENTITIES)
    (edge,) = bolt_store.edges()
    assert edge.evidence[0].sentence == long
    assert bolt_store.query("MATCH (e:Evidence) RETURN size(e.sentence)").rows == [[chars]]


def test_an_edge_reported_by_many_articles_reads_back_whole(bolt_store):
    # ~130 KB of evidence on one edge: FalkorDB never finishes a single row that big,
    # so evidence must come back one row per piece.
    sentence = "أكد البيان أن 'الطرفين' بحثا التعاون الأمني " * 14
    for i in range(120):
        doc = f"many_{i:03d}"
        bolt_store.add_document(DocumentInfo(doc), [relation(doc, "USA", "MET", "MLI", "2025-11-04", sentence + doc)],
                                ENTITIES)
    (edge,) = bolt_store.edges()
    assert edge.n_sources == 120 and len(edge.evidence) == 120
    assert sum(len(e.sentence.encode()) for e in edge.evidence) > 130_000
    assert [e.doc for e in edge.evidence] == sorted(e.doc for e in edge.evidence)
    assert bolt_store.get_edge(edge.id).to_json() == edge.to_json()


def test_batches_respect_row_and_byte_limits(bolt):
    store = bolt(batch_size=7, batch_bytes=600)
    rows = [{"id": f"E{i}", "props": {"name": "اسم 'مقتبس'" * (i % 5)}} for i in range(100)]
    batches = list(store._batches(rows))
    assert [r for b in batches for r in b] == rows
    assert all(len(b) <= 7 and literal_size({"rows": b}) <= 600 for b in batches)
    with pytest.raises(StoreError, match="does not fit the server's request limit"):
        list(store._batches([{"id": "x", "props": {"name": "x" * 700}}]))


def test_full_batches_of_awkward_values_stay_under_the_servers_request_limit(bolt_store):
    # FalkorDB crashes on requests whose parameters print to more than ~4 KB; the byte
    # estimate must hold for the worst content: quotes, backslashes, 4-byte characters,
    # floats (printed with 6 decimals), nulls, big integers.
    rng = random.Random(3)
    alphabet = ["'", "\\", "ب", "a", '"', "\n", "😀", "é"]

    def word(n):
        return "".join(rng.choice(alphabet) for _ in range(n))

    rows = [{"id": word(rng.randint(1, 30)), "props": {
        "f": rng.random() * 10 ** rng.randint(-8, 12), "n": None, "b": True, "i": rng.randint(-10 ** 12, 10 ** 12),
        "l": [word(rng.randint(0, 10)) for _ in range(rng.randint(0, 4))]}} for _ in range(400)]
    batches = list(bolt_store._batches(rows))
    assert len(batches) > 10 and max(len(b) for b in batches) > 5
    for batch in batches:
        (n,), = bolt_store._run("UNWIND $rows AS row RETURN count(row)", {"rows": batch})
        assert n == len(batch)
    (back,), = bolt_store._run("UNWIND $rows AS row RETURN collect(row.id)", {"rows": batches[0]})
    assert back == [r["id"] for r in batches[0]]


@pytest.mark.parametrize("batch_size", [1, 3, 500])
def test_batch_size_does_not_change_the_graph(bolt, gold_batches, batch_size):
    store = bolt(batch_size=batch_size)
    store.clear()
    fill(store, gold_batches)
    embedded = NetworkXStore(None, relation_types=store.relation_types)
    fill(embedded, gold_batches)
    assert store.counts() == embedded.counts()
    assert [e.id for e in store.edges(EdgeFilter(modalities=None))] == sorted(
        e.id for e in embedded.edges(EdgeFilter(modalities=None)))


def test_edge_filter_types_actors_modalities_and_prefix_dates(gold_pair):
    embedded, bolt = gold_pair
    filters = [EdgeFilter(), EdgeFilter(types=("MET",)), EdgeFilter(actors=("MLI",)),
               EdgeFilter(types=("WITHDREW_FROM", "EXPELLED"), actors=("NER", "USA")),
               EdgeFilter(date_from="2025-11"), EdgeFilter(date_from="2025", date_to="2025-12", include_undated=False),
               EdgeFilter(modalities=None), EdgeFilter(types=("NO_SUCH_TYPE",)), EdgeFilter(types=("bad type!",)),
               EdgeFilter(actors=("NOBODY",))]
    for flt in filters:
        assert [e.id for e in bolt.edges(flt)] == sorted(e.id for e in embedded.edges(flt)), flt


def test_modalities_other_than_fact_are_stored_and_filtered(bolt_store):
    rels = [Relation("m1", "USA", "WITHDREW_FROM", "MLI", None, "negated", evidence=[evidence("m1", "did not")]),
            Relation("m1", "USA", "WITHDREW_FROM", "MLI", None, "fact", evidence=[evidence("m1", "did", 50)])]
    bolt_store.add_document(DocumentInfo("m1"), rels, ENTITIES)
    assert [e.modality for e in bolt_store.edges()] == ["fact"]
    assert sorted(e.modality for e in bolt_store.edges(EdgeFilter(modalities=None))) == ["fact", "negated"]


@pytest.mark.parametrize("cypher", [
    "CREATE (n:Entity {id: 'X'})",
    "MATCH (n:Entity) SET n.name = 'hacked'",
    "MERGE (n:Entity {id: 'MLI'}) RETURN n",
    "MATCH (n) DETACH DELETE n",
    "MATCH (n:Entity) REMOVE n.name",
    "DROP INDEX ON :Entity(id)",
    "LOAD CSV FROM 'file:///etc/passwd' AS line RETURN line",
    "CALL db.idx.fulltext.drop('Entity')",
    "MATCH (n) RETURN n; MATCH (m) DELETE m",
])
def test_user_queries_that_write_are_refused_and_change_nothing(gold_pair, cypher):
    _, bolt = gold_pair
    before = bolt.counts(), [e.to_json() for e in bolt.entities()]
    with pytest.raises(QueryError, match=r"writes to the graph|reaches beyond the graph|procedure|several statements"):
        bolt.query(cypher)
    assert (bolt.counts(), [e.to_json() for e in bolt.entities()]) == before


def test_query_results_are_plain_json_values(gold_pair):
    _, bolt = gold_pair
    result = bolt.query("MATCH (a:Entity {id: 'NICK_CHECKER'})-[r:MET]-(b) RETURN a, r, b.name AS name, "
                        "[r.date, r.n_sources] AS pair")
    assert result.columns == ["a", "r", "name", "pair"]
    assert result.to_json()["rows"] == [[
        {"id": "NICK_CHECKER", "kind": "person", "name": "Nick Checker", "name_ar": "نيك تشيكر"},
        {"type": "MET", "date": "2026-02", "date_precision": "month", "modality": "fact", "role": None,
         "n_sources": 1, "first_reported": "2026-03-09"},
        "Abdoulaye Diop", ["2026-02", 1]]]
    path = bolt.query("MATCH p = (:Entity {id: 'NICK_CHECKER'})<-[:MET]-(:Entity) RETURN p").rows[0][0]
    assert [n["id"] for n in path["nodes"]] == ["NICK_CHECKER", "ABDOULAYE_DIOP"]
    assert path["relationships"][0]["type"] == "MET"


def test_a_slow_query_times_out_with_a_query_error(bolt_store):
    start = time.monotonic()
    with pytest.raises(QueryError, match="within 0.3 s"):
        bolt_store.query("UNWIND range(1, 20000000) AS i WITH i WHERE i % 7 = 0 RETURN count(i)", timeout=0.3)
    assert time.monotonic() - start < 4
    assert bolt_store.counts()["nodes"] == 0          # the store still answers


@pytest.mark.parametrize("cypher", ["RETURN date('2025-11-04') AS d", "RETURN localdatetime() AS t",
                                    "MATCH (a:Entity) RETURN a.id, duration({days: 1})"])
def test_temporal_values_are_refused_before_they_crash_the_test_server(gold_pair, cypher):
    _, bolt = gold_pair
    with pytest.raises(QueryError, match="crashes when a query returns a temporal value"):
        bolt.query(cypher)
    assert bolt.query("MATCH (a:Entity) WHERE a.name = 'date(x)' OR a.id = 'MLI' RETURN a.id").rows == [["MLI"]]


def test_bad_cypher_is_a_query_error_quoting_the_query(bolt_store):
    with pytest.raises(QueryError, match="MATCH \\(n RETURN n"):
        bolt_store.query("MATCH (n RETURN n")
    with pytest.raises(QueryError, match="empty query"):
        bolt_store.query("  ")


def test_adding_needs_relation_types_known_types_and_known_entities(bolt):
    read_only = bolt(relation_types=None)
    with pytest.raises(StoreError, match="relation_types=schema.relation_types"):
        read_only.add_document(DocumentInfo("x"), [relation("x", "USA", "MET", "MLI")], ENTITIES)
    store = bolt()
    with pytest.raises(StoreError, match="'HUGGED', which the ontology does not define"):
        store.add_document(DocumentInfo("x"), [relation("x", "USA", "HUGGED", "MLI")], ENTITIES)
    with pytest.raises(StoreError, match="entity 'ATLANTIS' is not in the gazetteer"):
        store.add_document(DocumentInfo("x"), [relation("x", "USA", "MET", "ATLANTIS")], ENTITIES)
    assert store.counts() == {"nodes": 0, "edges": 0, "evidence": 0, "documents": 0}
    store.add_document(DocumentInfo("x"), [relation("x", "USA", "MET", "MLI")], ENTITIES)
    # entities already stored need not be passed again
    assert store.add_document(DocumentInfo("y"), [relation("y", "USA", "VISITED", "MLI")], {})


def test_server_traits_are_detected_and_indexes_made_instead_of_constraints(bolt_store, gold_batches):
    assert bolt_store.traits.inlined_params is True          # FalkorDB pastes parameters into the query
    assert bolt_store.batch_bytes == INLINED_PARAMS_BUDGET
    fill(bolt_store, gold_batches[:1])
    assert bolt_store.traits.constraints is False             # Neo4j 5 constraint syntax fails there
    indexed = {(label, prop) for label, props, *_ in bolt_store._run("CALL db.indexes()") for prop in props}
    assert {("Entity", "id"), ("Document", "id"), ("Evidence", "id"), ("Evidence", "edge"), ("Document", "source")} <= indexed


def test_a_second_store_on_the_same_graph_sees_the_data_and_reuses_the_indexes(bolt, gold_batches):
    first = bolt()
    fill(first, gold_batches[:2])
    second = bolt()
    assert second.counts() == first.counts()
    fill(second, gold_batches[2:])                            # creating indexes again must not fail
    assert first.counts()["documents"] == 5


def test_unreachable_server_and_bad_options_are_store_errors(falkordb):
    with pytest.raises(StoreError, match=r"cannot reach Neo4j at 'bolt://127.0.0.1:9'.*NEO4J_URI"):
        Neo4jStore(uri="bolt://127.0.0.1:9", connect_timeout=1, timeout=2)
    with pytest.raises(StoreError, match="bad Neo4j URI 'mysql://x'"):
        Neo4jStore(uri="mysql://x")
    with pytest.raises(StoreError, match="'http://x' is HTTP; Geograph talks Bolt"):
        Neo4jStore(uri="http://x")
    with pytest.raises(StoreError, match="batch size 0"):
        Neo4jStore(uri=falkordb.uri, batch_size=0)


def test_open_store_reads_neo4j_variables(monkeypatch, falkordb, relation_types):
    monkeypatch.setenv("GEOGRAPH_STORE", "neo4j")
    monkeypatch.setenv("NEO4J_URI", falkordb.uri)
    monkeypatch.setenv("NEO4J_USERNAME", "analyst")
    monkeypatch.setenv("NEO4J_DATABASE", "geograph")
    with open_store(relation_types=relation_types, batch_size=5) as store:
        assert isinstance(store, Neo4jStore)
        assert (store.uri, store.username, store.database, store.batch_size) == (
            falkordb.uri, "analyst", "geograph", 5)
        assert store.counts()["nodes"] >= 0


def test_stores_can_be_opened_and_closed_one_after_another_without_hanging(falkordb, relation_types):
    # FalkorDB leaves the first connection after a Bolt GOODBYE unanswered; the store
    # closes without GOODBYE there, so the next store opens at once.
    for _ in range(3):
        start = time.monotonic()
        store = Neo4jStore(uri=falkordb.uri, database="geograph", relation_types=relation_types, timeout=10)
        assert store.counts()["documents"] >= 0
        store.close()
        assert time.monotonic() - start < 1.0


def test_a_client_that_said_goodbye_costs_the_next_store_one_retry_not_a_hang(falkordb):
    import neo4j

    other = neo4j.GraphDatabase.driver(falkordb.uri, auth=("someone", ""))
    with other.session(database="geograph") as session:
        assert session.run("RETURN 1").single()[0] == 1
    other.close()                                   # polite close: sends GOODBYE
    start = time.monotonic()
    store = Neo4jStore(uri=falkordb.uri, database="geograph", timeout=30)
    assert store.counts()["nodes"] >= 0
    store.close()
    # a hang would wait out the 30 s timeout; one retry takes a second or two even on a loaded machine
    assert time.monotonic() - start < 15.0
