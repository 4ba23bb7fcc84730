"""What an analyst reads beside the graph: an actor's story, an article with its relations, name suggestions,
hints for a Cypher query (documented in docs/api.md).

Read-only JSON under ``/api/``, on any store (through :class:`graph.stores.base.GraphStore` calls only).
The blueprint is registered inside the pages' one (:mod:`server.views`).
"""
from __future__ import annotations

from collections import defaultdict
from typing import Iterable

from flask import Blueprint, abort, current_app, jsonify, request

from graph.errors import QueryError
from graph.model import Entity
from graph.stores.base import EdgeFilter, EdgeSummary

from .hints import cypher_hints, known_names
from .view import search_entities

__all__ = ["bp", "actor_story", "article_json", "SUGGESTIONS"]

bp = Blueprint("stories", __name__, url_prefix="/api")
SUGGESTIONS = 12          # names offered as one types
ROLE_TYPE = "HOLDS_ROLE"


def _explorer():
    return current_app.extensions["geograph"]


def _entities(store) -> dict[str, Entity]:
    """Every entity by id (kept until the store changes: stories and articles name their counterparts)."""
    return _explorer().cache.get("entities-by-id", lambda: {e.id: e for e in store.entities()})


def _names(entities: dict[str, Entity], entity_id: str) -> dict:
    e = entities.get(entity_id)
    return {"id": entity_id, "name": e.name if e else entity_id, "name_ar": e.name_ar if e else None}


def _dated(start: str | None, end: str | None) -> tuple:
    return (start is None, start or "", end or "")


def _role_line(role: str | None, of: dict, start: str | None, end: str | None) -> dict:
    return {"role": role, "of": of, "start": start, "end": end, "reported_as": [], "edges": [], "sources": 0,
            "first_reported": None}


def merged_roles(entity: Entity, held: Iterable[EdgeSummary], entities: dict[str, Entity]) -> list[dict]:
    """One line per role: the gazetteer's roles (with their dates), and the reported roles (HOLDS_ROLE) folded
    into the gazetteer role of the same organisation that is valid when reported (else one line per
    organisation), each with the wordings the articles used, their dates and sources.

    >>> from graph.model import Role
    >>> diop = Entity("D", "person", "Diop", roles=(Role("Minister", "MLI", "2021-06"),))
    >>> held = [EdgeSummary("e1", "D", "HOLDS_ROLE", "MLI", None, "fact", "وزير الخارجية", 2, "2025-11-05", ()),
    ...         EdgeSummary("e2", "D", "HOLDS_ROLE", "MLI", None, "fact", "Foreign Minister", 1, None, ())]
    >>> [(r["role"], r["start"], r["reported_as"], r["sources"]) for r in merged_roles(diop, held, {})]
    [('Minister', '2021-06', ['وزير الخارجية', 'Foreign Minister'], 3)]
    """
    known = sorted(entity.roles, key=lambda r: _dated(r.start, r.end), reverse=True)
    lines = [_role_line(r.role, _names(entities, r.of), r.start, r.end) for r in known]
    by_of: dict[str, dict] = {}
    for e in sorted(held, key=lambda e: (e.date is None, e.date or "", e.first_reported is None,
                                         e.first_reported or "", e.id)):
        when = e.date or e.first_reported
        line = next((ln for ln, r in zip(lines, known) if r.of == e.target and r.valid_on(when)), None)
        if line is None:
            line = by_of.get(e.target)
            if line is None:
                line = by_of[e.target] = _role_line(e.role, _names(entities, e.target), e.date, e.date)
                lines.append(line)
            elif e.date:
                line["start"] = min(filter(None, (line["start"], e.date)))
                line["end"] = max(filter(None, (line["end"], e.date)))
        if e.role and e.role not in line["reported_as"]:
            line["reported_as"].append(e.role)
        line["edges"].append(e.id)
        line["sources"] += e.n_sources
        if e.first_reported and (line["first_reported"] is None or e.first_reported < line["first_reported"]):
            line["first_reported"] = e.first_reported
    return lines


def actor_story(store, entity: Entity, symmetric: Iterable[str]) -> dict:
    """The card's JSON: names, roles (one line each), and every relation in date order (undated last)."""
    symmetric = set(symmetric)
    summaries = store.summaries(EdgeFilter(actors=(entity.id,), modalities=None))
    entities = _entities(store)
    held = [e for e in summaries if e.type == ROLE_TYPE and e.source == entity.id]
    told = [e for e in summaries if not (e.type == ROLE_TYPE and e.source == entity.id)]
    told.sort(key=lambda e: (e.date is None, e.date or "", e.first_reported or "", e.type, e.id))
    relations = []
    for e in told:
        other = e.target if e.source == entity.id else e.source
        side = "both" if e.type in symmetric else ("source" if e.source == entity.id else "target")
        relations.append({"id": e.id, "date": e.date, "type": e.type, "side": side,
                          "counterpart": _names(entities, other), "modality": e.modality, "role": e.role,
                          "sources": e.n_sources, "first_reported": e.first_reported})
    types = sorted({r["type"] for r in relations})
    return {"entity": entity.to_json(), "country": _names(entities, entity.country) if entity.country else None,
            "roles": merged_roles(entity, held, entities), "relations": relations, "types": types}


@bp.get("/entities/<entity_id>/story")
def story(entity_id: str):
    """An actor's story: roles, then its relations in date order (see :func:`actor_story`)."""
    ex = _explorer()
    entity = ex.store.get_entity(entity_id)
    if entity is None:
        abort(404, f"no entity {entity_id!r} in the graph: ids look like MLI or ABDOULAYE_DIOP")
    return jsonify(actor_story(ex.store, entity, ex.symmetric))


def _document_edges(store) -> dict[str, list[str]]:
    """doc id -> ids of the edges it reported (kept until the store changes)."""
    found: dict[str, list[str]] = defaultdict(list)
    for e in store.summaries(EdgeFilter(modalities=None)):
        for doc in e.documents:
            found[doc].append(e.id)
    return dict(found)


def article_json(store, doc_id: str) -> dict | None:
    """An article: its metadata and whole text, and every relation it gave with the evidence from it."""
    doc = store.document(doc_id)
    if doc is None:
        return None
    ids = _explorer().cache.get("document-edges", lambda: _document_edges(store)).get(doc_id, [])
    entities = _entities(store)
    relations = []
    for edge in filter(None, map(store.get_edge, ids)):
        evidence = [ev.to_json() for ev in edge.evidence if ev.doc == doc_id]
        relations.append({"id": edge.id, "type": edge.type, "source": _names(entities, edge.source),
                          "target": _names(entities, edge.target), "date": edge.date, "modality": edge.modality,
                          "role": edge.role, "n_sources": edge.n_sources, "evidence": evidence})
    relations.sort(key=lambda r: (min(ev["sentence_span"][0] for ev in r["evidence"]) if r["evidence"] else 0,
                                  r["type"], r["id"]))
    return {"id": doc.id, "outlet": doc.outlet, "published": doc.published, "lang": doc.lang, "path": doc.path,
            "text": doc.text, "relations": relations}


@bp.get("/articles/<path:doc_id>")
def article(doc_id: str):
    """One article's whole text and the relations it gave (404 for an unknown id)."""
    found = article_json(_explorer().store, doc_id)
    if found is None:
        abort(404, f"no article {doc_id!r} in the graph: take ids from a relation's evidence (doc)")
    return jsonify(found)


@bp.get("/suggest")
def suggest():
    """Actors whose id, English or Arabic name or alias contains ``q`` (the who-met fields' suggestions)."""
    text = (request.args.get("q") or "").strip()
    if len(text) > 200:
        raise QueryError("q is too long: type part of a name (at most 200 characters)")
    by_id = _entities(_explorer().store)
    hits = search_entities(by_id.values(), text) if text else []
    hits.sort(key=lambda i: (not _starts(by_id[i], text), by_id[i].name.casefold(), i))
    return jsonify(q=text, actors=[{"id": i, "name": by_id[i].name, "name_ar": by_id[i].name_ar,
                                    "kind": by_id[i].kind} for i in hits[:SUGGESTIONS]])


def _starts(entity: Entity, text: str) -> bool:
    folded = text.casefold()
    return any((name or "").casefold().startswith(folded) for name in (entity.name, entity.name_ar, entity.id))


@bp.post("/cypher/hints")
def hints():
    """Unknown labels, relationship types and properties in ``{"q": ...}``, each with the closest known names."""
    body = request.get_json(silent=True)
    if not isinstance(body, dict) or not isinstance(body.get("q"), str):
        raise QueryError('the body must be a JSON object with the query: {"q": "MATCH ..."}')
    ex = _explorer()
    known = ex.cache.get("cypher-names", lambda: known_names(ex.schema, ex.store))
    return jsonify(hints=cypher_hints(body["q"][:100_000], **known))
