"""Synthetic graphs of any size, for the viewer's benchmark and tests.

Deterministic for a given seed: entities of every kind, relations of every
type with dates at every precision (and some undated), each backed by one
sentence whose spans mark its trigger and arguments, stored through the real
``add_document`` of whatever store is given.

>>> from graph.stores.networkx_store import NetworkXStore
>>> from graph.rules import load_schema
>>> schema = load_schema()
>>> store = NetworkXStore(None, relation_types=schema.relation_types)
>>> fill_synthetic(store, schema, nodes=50, relations=120)["relations"]
120
"""
from __future__ import annotations

import random
from typing import Any

from graph.model import Entity, Evidence, Relation
from graph.stores.base import DocumentInfo, GraphStore

__all__ = ["fill_synthetic", "synthetic_entities"]

PER_DOCUMENT = 50
YEARS = range(2019, 2026)


def synthetic_entities(schema: Any, nodes: int) -> dict[str, Entity]:
    """``nodes`` entities named ``Actor 0``..., kinds taken in turn from the ontology."""
    kinds = list(schema.entity_kinds)
    return {f"SYN_{i}": Entity(id=f"SYN_{i}", kind=kinds[i % len(kinds)], name=f"Actor {i}",
                               aliases=(f"A{i}",)) for i in range(nodes)}


def _date(rng: random.Random) -> str | None:
    year = rng.choice(YEARS)
    form = rng.random()
    if form < 0.15:
        return None
    if form < 0.3:
        return str(year)
    if form < 0.6:
        return f"{year}-{rng.randint(1, 12):02d}"
    return f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"


def _relation(doc: str, a: Entity, b: Entity, type_: str, date: str | None) -> Relation:
    sentence = f"{a.name} {type_.lower()} {b.name} ({date or 'undated'})."
    t0 = len(a.name) + 1
    spans = {"source": (0, len(a.name)), "trigger": (t0, t0 + len(type_)),
             "target": (t0 + len(type_) + 1, t0 + len(type_) + 1 + len(b.name))}
    evidence = Evidence(doc=doc, sentence=sentence, sentence_span=(0, len(sentence)), spans=spans,
                        rule="synthetic", confidence=0.5, lang="en")
    return Relation(doc=doc, source=a.id, type=type_, target=b.id, date=date, evidence=[evidence])


def fill_synthetic(store: GraphStore, schema: Any, *, nodes: int, relations: int, seed: int = 7) -> dict[str, int]:
    """Add ``relations`` random relations between ``nodes`` entities to ``store``; return the counts asked."""
    rng = random.Random(seed)
    entities = synthetic_entities(schema, nodes)
    ids = list(entities)
    types = list(schema.relation_types)
    batch: list[Relation] = []
    made = 0
    doc = 0
    while made < relations:
        a, b = rng.sample(ids, 2)
        if made < nodes:            # every entity gets at least one relation
            a, b = ids[made], ids[(made + rng.randrange(1, nodes)) % nodes]
        batch.append(_relation(f"syn{doc:05d}", entities[a], entities[b], rng.choice(types), _date(rng)))
        made += 1
        if len(batch) == PER_DOCUMENT or made == relations:
            published = f"{rng.choice(YEARS)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
            info = DocumentInfo(id=f"syn{doc:05d}", outlet="Synthetic Wire", published=published, lang="en")
            store.add_document(info, batch, entities)
            batch, doc = [], doc + 1
    store.flush()
    return {"nodes": nodes, "relations": relations}
