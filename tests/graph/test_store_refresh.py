"""The embedded store catches up with a file another process replaced, from its stamp alone."""
from __future__ import annotations

import os
import subprocess
import sys
import textwrap

from graph.model import Entity, Evidence, Relation
from graph.stores.base import DocumentInfo, EdgeFilter
from graph.stores.networkx_store import NetworkXStore
from graph.queries import who_met

PEOPLE = {"A": Entity("A", "person", "Alpha"), "B": Entity("B", "person", "Beta"), "C": Entity("C", "person", "Gamma")}


def met(doc, a, b, date):
    return [Relation(doc, a, "MET", b, date, evidence=[Evidence(doc, f"{a} met {b}.", (0, 9), {}, "r", 0.9)])]


def test_a_reader_reloads_the_file_a_writer_replaced_and_only_then(tmp_path, relation_types):
    path = tmp_path / "graph.json"
    with NetworkXStore(path, relation_types=relation_types) as writer:
        writer.add_document(DocumentInfo("d1"), met("d1", "A", "B", "2025-11-04"), PEOPLE)
    reader = NetworkXStore(path)
    version = reader.version()
    assert reader.refresh() is False and reader.version() == version        # nothing changed: nothing read
    assert [m.b for m in who_met(reader, "A")] == ["B"]                      # who-met's index is built now

    with NetworkXStore(path, relation_types=relation_types) as writer:
        writer.add_document(DocumentInfo("d2"), met("d2", "A", "C", "2025-12-01"), PEOPLE)
    assert reader.refresh() is True and reader.version() != version
    assert reader.has_document("d2") and reader.get_entity("C").name == "Gamma"
    assert [m.b for m in who_met(reader, "A")] == ["C", "B"]                 # the index was rebuilt
    assert reader.query("MATCH (a {id: 'A'})-[r:MET]-(b) RETURN b.id ORDER BY b.id").rows == [["B"], ["C"]]
    assert reader.refresh() is False
    reader.close()


def test_unsaved_changes_are_never_replaced_by_the_file(tmp_path, relation_types):
    path = tmp_path / "graph.json"
    with NetworkXStore(path, relation_types=relation_types) as writer:
        writer.add_document(DocumentInfo("d1"), met("d1", "A", "B", None), PEOPLE)
    mine = NetworkXStore(path, relation_types=relation_types)
    mine.add_document(DocumentInfo("mine"), met("mine", "B", "C", None), PEOPLE)
    with NetworkXStore(path, relation_types=relation_types) as writer:
        writer.add_document(DocumentInfo("theirs"), met("theirs", "A", "C", None), PEOPLE)
    assert mine.refresh() is False and mine.has_document("mine") and not mine.has_document("theirs")


def test_a_file_added_by_another_process_and_a_removed_file_are_seen(tmp_path, relation_types, root):
    path = tmp_path / "graph.json"
    reader = NetworkXStore(path)                      # no file yet: an empty graph
    assert reader.refresh() is False and reader.counts()["documents"] == 0
    script = textwrap.dedent(f"""
        from graph.model import Entity, Evidence, Relation
        from graph.stores.base import DocumentInfo
        from graph.stores.networkx_store import NetworkXStore
        from tests.gold_corpus import load_ontology
        people = {{"A": Entity("A", "person", "Alpha"), "B": Entity("B", "person", "Beta")}}
        with NetworkXStore({str(path)!r}, relation_types=load_ontology()) as store:
            store.add_document(DocumentInfo("d1"), [Relation("d1", "A", "MET", "B", None,
                evidence=[Evidence("d1", "A met B.", (0, 8), {{}}, "r", 0.9)])], people)
    """)
    subprocess.run([sys.executable, "-c", script], cwd=root, check=True)
    assert reader.refresh() is True and len(reader.edges(EdgeFilter())) == 1
    os.unlink(path)
    assert reader.refresh() is True and reader.counts() == {"nodes": 0, "edges": 0, "evidence": 0, "documents": 0}
