"""The embedded store: merging, idempotence, persistence, filters, errors."""
from __future__ import annotations

import json

import pytest

from graph.errors import StoreError
from graph.model import Entity, Evidence, Relation, edge_from_relation, edge_id, edge_key
from graph.stores import graph_home, open_store, store_kind
from graph.stores.base import DocumentInfo, EdgeFilter, EdgeSummary
from graph.stores.networkx_store import NetworkXStore

PEOPLE = {"A": Entity("A", "person", "Alpha", name_ar="ألفا"), "B": Entity("B", "person", "Beta"),
          "X": Entity("X", "country", "Xland")}


def rel(doc, source, type_, target, date=None, sentence="s", span=(0, 1), rule="r", modality="fact"):
    return Relation(doc, source, type_, target, date, modality=modality,
                    evidence=[Evidence(doc, sentence, span, {}, rule, 0.9, published=None)])


def test_same_relation_from_two_documents_is_one_edge_with_two_pieces_of_evidence(relation_types):
    store = NetworkXStore(None, relation_types=relation_types)
    store.add_document(DocumentInfo("d1"), [rel("d1", "A", "MET", "B", "2025-11-04")], PEOPLE)
    store.add_document(DocumentInfo("d2"), [rel("d2", "B", "MET", "A", "2025-11-04")], PEOPLE)
    [edge] = store.edges()
    assert (edge.source, edge.type, edge.target) == ("A", "MET", "B")      # symmetric: stored once, ids sorted
    assert [e.doc for e in edge.evidence] == ["d1", "d2"]
    assert edge.n_sources == 2 and edge.documents == ["d1", "d2"]
    assert edge.cameo == "040" and edge.plover == "CONSULT"
    assert edge.id == edge_id(edge_key("B", "MET", "A", "2025-11-04", "fact", None, True))


def test_conflicting_dates_stay_separate_edges_and_directed_types_keep_direction(relation_types):
    store = NetworkXStore(None, relation_types=relation_types)
    store.add_document(DocumentInfo("d1"), [rel("d1", "A", "MET", "B", "2025-11-04"),
                                            rel("d1", "X", "PRAISED", "A"), rel("d1", "A", "PRAISED", "X")],
                       PEOPLE)
    store.add_document(DocumentInfo("d2"), [rel("d2", "A", "MET", "B", "2025-11-05")], PEOPLE)
    assert sorted(e.date for e in store.edges(EdgeFilter(types=("MET",)))) == ["2025-11-04", "2025-11-05"]
    assert sorted((e.source, e.target) for e in store.edges(EdgeFilter(types=("PRAISED",)))) == [
        ("A", "X"), ("X", "A")]


def test_adding_a_document_twice_changes_nothing(gold_store, gold_batches):
    before = gold_store.to_json()
    info, relations, entities = gold_batches[0]
    assert gold_store.has_document(info.id)
    assert gold_store.add_document(info, relations, entities) is False
    assert gold_store.to_json() == before


def test_evidence_already_on_an_edge_is_not_appended_again(relation_types):
    store = NetworkXStore(None, relation_types=relation_types)
    twice = rel("d1", "A", "MET", "B", "2025")
    twice.evidence = twice.evidence * 2
    store.add_document(DocumentInfo("d1"), [twice], PEOPLE)
    assert store.counts() == {"nodes": 2, "edges": 1, "evidence": 1, "documents": 1}


def test_file_round_trips_everything_and_is_readable_versioned_json(gold_store, relation_types):
    text = gold_store.path.read_text(encoding="utf-8")
    data = json.loads(text)
    assert (data["format"], data["version"]) == ("geograph-networkx", 1)
    assert "كريستوفر لاندو" in text          # Arabic kept as is, not escaped
    reopened = NetworkXStore(gold_store.path)
    assert reopened.to_json() == gold_store.to_json()
    assert reopened.counts() == gold_store.counts()
    edge = gold_store.edges(EdgeFilter(types=("MET",), actors=("NICK_CHECKER",)))[0]
    again = reopened.get_edge(edge.id)
    assert again.to_json() == edge.to_json()
    assert reopened.get_entity("NICK_CHECKER") == gold_store.get_entity("NICK_CHECKER")


def test_flush_replaces_the_file_atomically_and_leaves_no_temporary_files(gold_store, gold_batches):
    folder = gold_store.path.parent
    inode_before = gold_store.path.stat().st_ino
    store = NetworkXStore(gold_store.path, relation_types=gold_store.relation_types)
    store.add_document(DocumentInfo("new"), [rel("new", "A", "MET", "B", "2020")], PEOPLE)
    store.flush()
    assert [p.name for p in folder.iterdir()] == ["graph.json"]
    assert gold_store.path.stat().st_ino != inode_before            # a new file renamed over the old one
    assert NetworkXStore(gold_store.path).has_document("new")


def test_unchanged_store_does_not_rewrite_its_file(gold_store):
    mtime = gold_store.path.stat().st_mtime_ns
    NetworkXStore(gold_store.path).close()
    assert gold_store.path.stat().st_mtime_ns == mtime


@pytest.mark.parametrize("content, message", [
    ("{not json", "cannot read the graph file"),
    ('{"format": "something-else"}', "is not a Geograph graph file"),
    ('{"format": "geograph-networkx", "version": 99}', "version 99"),
    ('{"format": "geograph-networkx", "version": 1, "documents": [], "nodes": [{"kind": "x"}], "edges": []}',
     "damaged"),
])
def test_bad_graph_files_raise_store_errors_naming_the_file(tmp_path, content, message):
    path = tmp_path / "graph.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(StoreError, match=message) as err:
        NetworkXStore(path)
    assert str(path) in str(err.value)


def test_adding_needs_relation_types_and_known_entities_and_types(relation_types):
    with pytest.raises(StoreError, match="relation_types=schema.relation_types"):
        NetworkXStore(None).add_document(DocumentInfo("d"), [rel("d", "A", "MET", "B")], PEOPLE)
    store = NetworkXStore(None, relation_types=relation_types)
    with pytest.raises(StoreError, match="'NOBODY' is not in the gazetteer"):
        store.add_document(DocumentInfo("d"), [rel("d", "A", "MET", "NOBODY")], PEOPLE)
    with pytest.raises(StoreError, match="'HUGGED', which the ontology does not define"):
        store.add_document(DocumentInfo("d"), [rel("d", "A", "HUGGED", "B")], PEOPLE)
    assert store.counts()["documents"] == 0 and not store.has_document("d")


def test_edge_filter_types_actors_modalities_and_prefix_dates(relation_types):
    store = NetworkXStore(None, relation_types=relation_types)
    store.add_document(DocumentInfo("d"), [
        rel("d", "A", "MET", "B", "2025-11-04"), rel("d", "A", "MET", "X", "2025"),
        rel("d", "B", "MET", "X", None), rel("d", "A", "VISITED", "X", "2026-02"),
        rel("d", "A", "MET", "B", "2024", modality="negated")], PEOPLE)

    def dates(**kw):
        return sorted(str(e.date) for e in store.edges(EdgeFilter(**kw)))

    assert dates() == ["2025", "2025-11-04", "2026-02", "None"]
    assert dates(modalities=None) == ["2024", "2025", "2025-11-04", "2026-02", "None"]
    assert dates(types=("MET",), actors=("A",)) == ["2025", "2025-11-04"]
    assert dates(actors=("X",)) == ["2025", "2026-02", "None"]
    assert dates(date_from="2025-11-04") == ["2025", "2025-11-04", "2026-02", "None"]
    assert dates(date_from="2025-12", include_undated=False) == ["2025", "2026-02"]   # 2025 covers December
    assert dates(date_from="2026", include_undated=False) == ["2026-02"]
    assert dates(date_to="2025-06") == ["2025", "None"]
    assert dates(date_from="2026", date_to="2026-02-10") == ["2026-02", "None"]


def test_open_store_reads_kind_and_home_from_environment(monkeypatch, tmp_path, relation_types):
    monkeypatch.setenv("GEOGRAPH_HOME", str(tmp_path / "h"))
    monkeypatch.delenv("GEOGRAPH_STORE", raising=False)
    assert store_kind() == "networkx" and graph_home() == tmp_path / "h"
    with open_store(relation_types=relation_types) as store:
        store.add_document(DocumentInfo("d"), [rel("d", "A", "MET", "B")], PEOPLE)
    assert (tmp_path / "h" / "graph.json").exists()
    monkeypatch.setenv("GEOGRAPH_STORE", "sqlite")
    with pytest.raises(StoreError, match="unknown store 'sqlite': use one of networkx, neo4j"):
        open_store()
    with pytest.raises(StoreError, match="uri do not apply to the networkx store"):
        open_store("networkx", uri="bolt://x")


def test_edge_from_relation_normalizes_symmetric_direction_only(relation_types):
    met = edge_from_relation(rel("d", "Z", "MET", "A"), relation_types["MET"])
    praised = edge_from_relation(rel("d", "Z", "PRAISED", "A"), relation_types["PRAISED"])
    assert (met.source, met.target) == ("A", "Z")
    assert (praised.source, praised.target) == ("Z", "A")
    assert (praised.cameo, praised.plover) == ("051", "SUPPORT")


def test_generation_counts_changes_so_derived_data_knows_when_to_rebuild(tmp_path, relation_types):
    store = NetworkXStore(tmp_path / "graph.json", relation_types=relation_types)
    assert store.generation == 0
    store.add_document(DocumentInfo("d1"), [rel("d1", "A", "MET", "B", "2025")], PEOPLE)
    assert store.generation == 1
    assert store.add_document(DocumentInfo("d1"), [rel("d1", "A", "MET", "B", "2025")], PEOPLE) is False
    assert store.generation == 1                      # nothing changed
    store.close()
    reopened = NetworkXStore(tmp_path / "graph.json")
    assert reopened.generation == 0 and reopened.counts()["documents"] == 1
    reopened.clear()
    assert reopened.generation == 1


def test_a_recurring_fact_piles_its_reports_on_one_edge_and_round_trips(tmp_path, relation_types):
    store = NetworkXStore(tmp_path / "graph.json", relation_types=relation_types)
    for i in range(300):
        doc = f"d{i:03d}"
        twice = rel(doc, "A", "MET", "B", "2025", sentence=f"A met B ({i})")
        twice.evidence = twice.evidence * 2               # the same report twice in one article: kept once
        store.add_document(DocumentInfo(doc, published=f"2025-01-{1 + i % 28:02d}"), [twice], PEOPLE)
    [edge] = store.edges()
    assert len(edge.evidence) == 300 and edge.n_sources == 300 and edge.documents[0] == "d000"
    [summary] = store.summaries()
    assert (summary.n_sources, summary.documents) == (300, tuple(edge.documents))
    store.close()
    again = NetworkXStore(tmp_path / "graph.json", relation_types=relation_types)
    assert again.to_json() == store.to_json()
    again.add_document(DocumentInfo("late"), [rel("late", "B", "MET", "A", "2025", sentence="B met A"),
                                              rel("late", "B", "MET", "A", "2025", sentence="B met A")], PEOPLE)
    assert again.get_edge(edge.id).n_sources == 301 and len(again.get_edge(edge.id).evidence) == 301


def test_files_written_indented_by_earlier_versions_still_open(gold_store):
    before = gold_store.to_json()
    gold_store.path.write_text(json.dumps(before, ensure_ascii=False, indent=1), encoding="utf-8")
    assert NetworkXStore(gold_store.path).to_json() == before


def test_the_file_has_one_record_per_line(gold_store):
    lines = gold_store.path.read_text(encoding="utf-8").splitlines()
    data = json.loads("\n".join(lines))
    assert len(lines) == 7 + len(data["documents"]) + len(data["nodes"]) + len(data["edges"])
    assert json.loads(lines[-2].rstrip(",")) == data["edges"][-1]


def test_summaries_agree_with_edges(gold_store):
    for flt in (None, EdgeFilter(types=("MET", "HOLDS_ROLE")), EdgeFilter(actors=("MLI",), modalities=None)):
        assert sorted(gold_store.summaries(flt)) == sorted(EdgeSummary.of(e) for e in gold_store.edges(flt))
