"""A person the gazetteer does not know, named beside a title, reaches both stores as a provisional node.

An article of our own with an unknown minister goes through the real extractor and ingest into the embedded
NetworkX store and into the Neo4j store (the FalkorDB Bolt server of the session): both hold the person as a
``Person`` node with the name as written and ``provisional: true``, and answer a Cypher question on it alike.
The JSONL of ``geograph extract`` carries the entity, so relations read back from it load into a store too.
"""
from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from graph.cli import main
from graph.extract import Extractor
from graph.ingest import build
from graph.model import Entity, Evidence, Relation
from graph.rules import load_schema
from graph.stores.base import DocumentInfo
from graph.stores.networkx_store import NetworkXStore

ARTICLE = ("Guinea's trade minister Oumou Sall-Camara met the Senegalese foreign minister in Dakar "
           "on Tuesday.\n\nSall-Camara said the two states would patrol their waters together.\n")
PERSON = "OUMOU_SALL_CAMARA"
QUERY = "MATCH (p:Person) WHERE p.provisional = true RETURN p.id, p.name, p.country ORDER BY p.id"


@pytest.fixture(scope="module")
def extractor():
    return Extractor(load_schema())


@pytest.fixture
def article(tmp_path):
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "fisheries.txt").write_text(ARTICLE, encoding="utf-8")
    (folder / "manifest.yaml").write_text("fisheries:\n  published: 2025-04-10\n  lang: en\n", encoding="utf-8")
    return folder


def _check(store) -> None:
    person = store.get_entity(PERSON)
    assert person is not None and person.provisional
    assert (person.kind, person.name, person.country) == ("person", "Oumou Sall-Camara", "GIN")
    edges = {(e.source, e.type, e.target) for e in store.edges()}
    assert (PERSON, "HOLDS_ROLE", "GIN") in edges
    assert any(PERSON in (e.source, e.target) and e.type == "MET" for e in store.edges())
    role = next(e for e in store.edges() if e.source == PERSON and e.type == "HOLDS_ROLE")
    ev = role.evidence[0]
    s, e = ev.spans["source"]
    assert ARTICLE[s:e] == "Oumou Sall-Camara"   # the evidence highlights the name
    assert store.get_entity("GIN").provisional is False   # (a gazetteer's entity stays as it was)


def test_provisional_person_in_both_stores(article, extractor, bolt_store):
    embedded = NetworkXStore(None, relation_types=extractor.schema.relation_types)
    for store in (embedded, bolt_store):
        build(store, [article], extractor, progress=False)
        _check(store)
    rows = embedded.query(QUERY).rows
    assert rows == bolt_store.query(QUERY).rows == [[PERSON, "Oumou Sall-Camara", "GIN"]]


def test_a_person_the_gazetteer_later_knows_loses_the_mark(article, extractor, bolt_store):
    """A curator adds the person to the gazetteer under the same id: the next article that names him writes the
    gazetteer's entity, and neither store keeps ``provisional`` on the node."""
    embedded = NetworkXStore(None, relation_types=extractor.schema.relation_types)
    known = Entity(PERSON, "person", "Oumou Sall-Camara", country="GIN")
    text = "Oumou Sall-Camara, Guinea's trade minister, opened the fair."
    ev = Evidence("later", text, (0, len(text)), {"source": (0, 17)}, "roles.apposition", 0.9, lang="en")
    later = Relation("later", PERSON, "HOLDS_ROLE", "GIN", role="trade minister", evidence=[ev])
    for store in (embedded, bolt_store):
        build(store, [article], extractor, progress=False)
        assert store.get_entity(PERSON).provisional
        store.add_document(DocumentInfo("later", lang="en"), [later],
                           {PERSON: known, "GIN": extractor.schema.entities["GIN"]})
        store.flush()
        assert store.get_entity(PERSON).provisional is False
    assert embedded.query(QUERY).rows == bolt_store.query(QUERY).rows == []


def test_extract_jsonl_carries_the_provisional_person(article, tmp_path, extractor):
    out = tmp_path / "r.jsonl"
    result = CliRunner().invoke(main, ["extract", str(article), "--out", str(out)])
    assert result.exit_code == 0, result.output
    lines = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    held = [d for d in lines if d["source"] == PERSON and d["type"] == "HOLDS_ROLE"]
    assert held and held[0]["provisional"] == [{"id": PERSON, "kind": "person", "name": "Oumou Sall-Camara",
                                                "name_ar": None, "aliases": [], "country": "GIN", "roles": [],
                                                "provisional": True}]
    assert all("provisional" not in d for d in lines if PERSON not in (d["source"], d["target"]))
    # relations read back from the JSONL load into a store: the provisional end is written with its name
    store = NetworkXStore(None, relation_types=extractor.schema.relation_types)
    store.add_document(DocumentInfo("fisheries", lang="en"), [Relation.from_json(d) for d in lines],
                       extractor.schema.entities)
    assert store.get_entity(PERSON).name == "Oumou Sall-Camara"
