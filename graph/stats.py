"""What the graph holds: counts for `geograph stats` and `geograph entities`.

Built only on the :class:`~graph.stores.base.GraphStore` interface (documents, entities and
edge summaries, no evidence), so both stores answer alike and no schema is read.

>>> from graph.model import Entity, Relation, Evidence
>>> from graph.stores.base import DocumentInfo
>>> from graph.stores.networkx_store import NetworkXStore
>>> from graph.schema.compiled import RelationType
>>> store = NetworkXStore(None, relation_types={"MET": RelationType("MET", True, "meet", None, None)})
>>> ents = {"A": Entity("A", "person", "Ann"), "B": Entity("B", "country", "Bland")}
>>> ev = Evidence("d1", "Ann met Bland.", (0, 14), {}, rule="r", confidence=1.0)
>>> store.add_document(DocumentInfo("d1", outlet="Wire", published="2025-01-02"),
...                    [Relation("d1", "A", "MET", "B", date="2025-01-01", evidence=[ev])], ents)
True
>>> s = graph_stats(store)
>>> s["articles"], s["entities"], s["relations"], s["date_range"]
({'total': 1, 'dated': 1, 'undated': 0}, {'country': 1, 'person': 1}, {'MET': {'fact': 1}}, ['2025-01-01', '2025-01-01'])
>>> [(a["id"], a["relations"]) for a in entity_counts(store)]
[('A', 1), ('B', 1)]
"""
from __future__ import annotations

from collections import Counter
from typing import Any

from .stores.base import EdgeFilter, GraphStore

__all__ = ["graph_stats", "entity_counts", "render_stats"]

_EVERY_EDGE = EdgeFilter(modalities=None)     # stats count negated, future and attempted events too


def graph_stats(store: GraphStore) -> dict[str, Any]:
    """Articles, outlets, entities by kind, relations by type and modality, undated share, date range.

    ``schema_fingerprint``: that of the schema the articles were extracted with (several, comma-separated,
    while a rebuild after a rule edit has not reached every article; None for a graph built before
    fingerprints were recorded)."""
    docs = store.documents()
    dated = sum(1 for d in docs if d.published)
    outlets = Counter(d.outlet for d in docs if d.outlet)
    kinds = Counter(e.kind for e in store.entities())
    edges = store.summaries(_EVERY_EDGE)
    by_type: dict[str, Counter] = {}
    for e in edges:
        by_type.setdefault(e.type, Counter())[e.modality] += 1
    dates = sorted(e.date for e in edges if e.date)
    undated = len(edges) - len(dates)
    return {
        "articles": {"total": len(docs), "dated": dated, "undated": len(docs) - dated},
        "outlets": dict(sorted(outlets.items(), key=lambda kv: (-kv[1], kv[0]))),
        "articles_without_outlet": sum(1 for d in docs if not d.outlet),
        "entities": dict(sorted(kinds.items())),
        "relations": {t: dict(sorted(by_type[t].items())) for t in sorted(by_type)},
        "relations_total": len(edges),
        "undated_relations": undated,
        "undated_share": round(undated / len(edges), 4) if edges else 0.0,
        "date_range": [dates[0], dates[-1]] if dates else None,
        "schema_fingerprint": ", ".join(sorted({d.schema for d in docs if d.schema})) or None,
    }


def entity_counts(store: GraphStore, kind: str | None = None) -> list[dict[str, Any]]:
    """Actors (of ``kind``, or all) with their relations (every modality), by type and in total;
    most related first, then by id. Actors in the graph with no relation are listed with 0."""
    per: dict[str, Counter] = {}
    for e in store.summaries(_EVERY_EDGE):
        per.setdefault(e.source, Counter())[e.type] += 1
        if e.target != e.source:
            per.setdefault(e.target, Counter())[e.type] += 1
    rows = [{"id": ent.id, "name": ent.name, "kind": ent.kind, "relations": sum(per.get(ent.id, {}).values()),
             "by_type": dict(sorted(per.get(ent.id, Counter()).items()))}
            for ent in store.entities() if kind is None or ent.kind == kind]
    rows.sort(key=lambda r: (-r["relations"], r["id"]))
    return rows


def render_stats(s: dict[str, Any]) -> list[str]:
    """:func:`graph_stats` as the lines ``geograph stats`` prints."""
    a = s["articles"]
    outlets = ", ".join(f"{name} {n}" for name, n in s["outlets"].items())
    span = s["date_range"]
    lines = [f"articles: {a['total']} ({a['dated']} with publication date, {a['undated']} without)",
             f"outlets: {len(s['outlets'])}" + (f" ({outlets})" if outlets else "")
             + (f"; {s['articles_without_outlet']} articles without outlet" if s["articles_without_outlet"] else ""),
             "entities: " + ", ".join(f"{kind} {n}" for kind, n in s["entities"].items()),
             f"relations: {s['relations_total']}, {s['undated_relations']} undated ({s['undated_share']:.1%})"]
    lines += [f"  {rtype}: " + ", ".join(f"{m} {n}" for m, n in by_modality.items())
              for rtype, by_modality in s["relations"].items()]
    lines.append(f"dates: {span[0]} to {span[1]}" if span else "dates: none")
    lines.append(f"schema fingerprint: {s['schema_fingerprint'] or 'unknown (not recorded in the graph)'}")
    return lines
