"""The hand annotations of shared/corpus/gold as graph input, independent of the extractor.

Shared by the graph, Neo4j and server tests (tests/conftest.py puts this folder on
sys.path): the stores are tested on data the extractor did not produce.
"""
from __future__ import annotations

import re
from pathlib import Path

import yaml

from graph.model import Entity, Evidence, Relation
from graph.rules import RelationType
from graph.stores.base import DocumentInfo

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT.parent / "shared" / "corpus" / "gold"
_ARABIC = re.compile("[\u0600-\u06ff]")


def load_ontology() -> dict[str, RelationType]:
    """The relation types of schema/ontology.yaml (symmetric flags, CAMEO, PLOVER)."""
    data = yaml.safe_load((ROOT / "schema" / "ontology.yaml").read_text(encoding="utf-8"))
    return {name: RelationType(name=name, symmetric=bool(d["symmetric"]), meaning=d["meaning"],
                               cameo=d.get("cameo"), plover=d.get("plover"), note=d.get("note"))
            for name, d in data["relation_types"].items()}


def _first(value):
    return value[0] if isinstance(value, list) else value


def load_gold(outlet: str = "Gold Outlet", confidence: float = 1.0, trigger_spans: bool = False
              ) -> list[tuple[DocumentInfo, list[Relation], dict[str, Entity]]]:
    """Each gold file as (document, relations, entities); a list of accepted ids or dates takes the first.

    Every relation gets one piece of evidence naming its gold line, with the
    document's publication date; entities take their first Arabic mention as name_ar.
    """
    batches = []
    for path in sorted(GOLD.glob("*.yaml")):
        gold = yaml.safe_load(path.read_text(encoding="utf-8"))
        published = str(gold["published"]) if gold.get("published") else None
        info = DocumentInfo(id=gold["doc"], published=published, lang=gold.get("lang"), outlet=outlet)
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
            spans = {"trigger": (i * 100, i * 100 + 3)} if trigger_spans else {}
            relations.append(Relation(gold["doc"], source, r["type"], target, str(date) if date else None,
                                      evidence=[Evidence(gold["doc"], sentence, (i * 100, i * 100 + len(sentence)),
                                                         spans, "gold", confidence, outlet=outlet,
                                                         published=published, lang=info.lang)]))
        batches.append((info, relations, entities))
    return batches
