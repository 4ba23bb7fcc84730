"""Helpers shared by the Neo4j tests and benchmarks/bench_bolt_load.py: the gold corpus as
relations (independent of the extractor), filling a store, and opening one on the test server."""
from __future__ import annotations

import re
from pathlib import Path

import yaml

from graph.model import Entity, Evidence, Relation
from graph.stores.base import DocumentInfo
from graph.stores.neo4j_store import Neo4jStore

ROOT = Path(__file__).resolve().parents[2]
GOLD = ROOT.parent / "shared" / "corpus" / "gold"
_ARABIC = re.compile("[\u0600-\u06ff]")
# Small batches on purpose: the test server crashes on requests over ~4 KB.
TEST_BATCH_SIZE = 20


def load_ontology() -> dict:
    """The relation types of schema/ontology.yaml (symmetric flags, CAMEO, PLOVER)."""
    from graph.rules import RelationType

    data = yaml.safe_load((ROOT / "schema" / "ontology.yaml").read_text(encoding="utf-8"))
    return {name: RelationType(name=name, symmetric=bool(d["symmetric"]), meaning=d["meaning"],
                               cameo=d.get("cameo"), plover=d.get("plover"), note=d.get("note"))
            for name, d in data["relation_types"].items()}


def open_bolt_store(server, relation_types=None, **options) -> Neo4jStore:
    options.setdefault("batch_size", TEST_BATCH_SIZE)
    options.setdefault("timeout", 20)
    return Neo4jStore(uri=server.uri, username="geograph", password="", database="geograph",
                      relation_types=relation_types, **options)


def _first(value):
    return value[0] if isinstance(value, list) else value


def load_gold() -> list[tuple[DocumentInfo, list[Relation], dict[str, Entity]]]:
    """The hand annotations in shared/corpus/gold as (document, relations, entities).

    A list of accepted ids or dates takes the first. Each relation gets one piece of
    evidence naming its gold line; entities take their first Arabic mention as name_ar.
    """
    batches = []
    for path in sorted(GOLD.glob("*.yaml")):
        gold = yaml.safe_load(path.read_text(encoding="utf-8"))
        published = str(gold["published"]) if gold.get("published") else None
        info = DocumentInfo(id=gold["doc"], published=published, lang=gold.get("lang"), outlet="Gold 'Outlet'")
        entities = {}
        for eid, e in gold["entities"].items():
            mentions = [str(m) for m in e.get("mentions") or ()]
            arabic = next((m for m in mentions if _ARABIC.search(m)), None)
            entities[eid] = Entity(eid, e["kind"], e["name"], name_ar=arabic,
                                   aliases=tuple(m for m in mentions if m != arabic))
        relations = []
        for i, r in enumerate(gold["relations"]):
            source, target, date = _first(r["source"]), _first(r["target"]), _first(r.get("date"))
            for end in (source, target):
                entities.setdefault(end, Entity(end, "organization", end.replace("_", " ").title()))
            sentence = f"{source} {r['type']} {target} (gold line {i + 1})"
            relations.append(Relation(gold["doc"], source, r["type"], target, str(date) if date else None,
                                      evidence=[Evidence(gold["doc"], sentence, (i * 100, i * 100 + len(sentence)),
                                                         {"trigger": (i * 100, i * 100 + 3)}, "gold", 0.75,
                                                         outlet=info.outlet, published=published, lang=info.lang)]))
        batches.append((info, relations, entities))
    return batches


def fill(store, batches) -> list[bool]:
    added = [store.add_document(info, relations, entities) for info, relations, entities in batches]
    store.flush()
    return added
