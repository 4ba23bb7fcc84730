"""How the model maps onto Neo4j: labels, properties, and driver values back to the model.

Entities are ``:Entity:<Kind>`` nodes with lists of strings only (roles as JSON
text); each piece of evidence is an ``:Evidence`` node linked to its edge by the
``edge`` property; articles are ``:Document`` nodes.
"""
from __future__ import annotations

import hashlib
import json
import re
from typing import Any, Iterable, Mapping

import neo4j.graph
import neo4j.time

from ..cypher import node_value, relationship_value
from ..errors import StoreError
from ..model import ENTITY_LABEL, Edge, Entity, Evidence, Role

__all__ = ["DOCUMENT_LABEL", "EVIDENCE_LABEL", "EDGE_COLUMNS", "IDENT_RE", "identifier", "evidence_id",
           "group_id", "entity_props", "entity_from_props", "evidence_props", "evidence_from_props", "edges_from_rows",
           "plain"]

DOCUMENT_LABEL = "Document"
EVIDENCE_LABEL = "Evidence"
IDENT_RE = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
# One row per (edge, piece of evidence), not collect(): FalkorDB never finishes a row of ~70 KB or more.
EDGE_COLUMNS = "a.id, type(r), b.id, r.id, r.date, r.modality, r.role, r.cameo, r.plover, properties(e)"


def identifier(name: str, what: str) -> str:
    if not IDENT_RE.match(name or ""):
        raise StoreError(f"{what} {name!r} cannot be a Neo4j label or type: use letters, digits and _ "
                         "(fix it in schema/ontology.yaml)")
    return name


def evidence_id(edge_id: str, ev: Evidence) -> str:
    key = "\x1f".join([edge_id, ev.doc, str(ev.sentence_span[0]), str(ev.sentence_span[1]), ev.rule])
    return hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]


def _evidence_order(ev: Evidence) -> tuple:
    return (ev.doc, tuple(ev.sentence_span), ev.rule)


def entity_props(entity: Entity) -> dict[str, Any]:
    """An entity as Neo4j properties: lists of strings only (roles as JSON text)."""
    return {"kind": entity.kind, "name": entity.name, "name_ar": entity.name_ar, "aliases": list(entity.aliases),
            "country": entity.country,
            "roles": [r.to_property() for r in entity.roles],
            # (as the embedded store's node; null on a gazetteer's entity, so that a person a curator has since
            # added to the gazetteer under the same id loses the mark when it is written again)
            "provisional": True if entity.provisional else None}


def entity_from_props(props: Mapping[str, Any]) -> Entity:
    return Entity(id=props["id"], kind=props["kind"], name=props["name"], name_ar=props.get("name_ar"),
                  aliases=tuple(props.get("aliases") or ()), country=props.get("country"),
                  roles=tuple(Role(**json.loads(r)) for r in props.get("roles") or ()),
                  provisional=bool(props.get("provisional")))


def group_id(edge: Edge) -> str:
    """The Evidence property naming an edge's group (graph.provenance.group_key) as one string."""
    return "\x1f".join((edge.source, edge.type, edge.target, edge.modality, edge.role or ""))


def evidence_props(edge: Edge, ev: Evidence) -> dict[str, Any]:
    """An evidence as properties, with its edge, group and the date it reported (None: joined an edge's date)."""
    return {"edge": edge.id, "source": edge.source, "group": group_id(edge),
            "own_date": None if ev.undated else edge.date, "schema": ev.schema, "undated": ev.undated,
            "copy_of": ev.copy_of, "doc": ev.doc, "sentence": ev.sentence,
            "sentence_start": int(ev.sentence_span[0]), "sentence_end": int(ev.sentence_span[1]),
            "spans": json.dumps({k: list(v) for k, v in sorted(ev.spans.items())}),
            "rule": ev.rule, "confidence": float(ev.confidence), "outlet": ev.outlet, "published": ev.published,
            "lang": ev.lang, "url": ev.url}


def evidence_from_props(props: Mapping[str, Any]) -> Evidence:
    return Evidence(doc=props["doc"], sentence=props.get("sentence") or "",
                    sentence_span=(props["sentence_start"], props["sentence_end"]),
                    spans={k: tuple(v) for k, v in json.loads(props.get("spans") or "{}").items()},
                    rule=props["rule"], confidence=float(props.get("confidence", 1.0)), outlet=props.get("outlet"),
                    published=props.get("published"), lang=props.get("lang"), url=props.get("url"),
                    schema=props.get("schema"), undated=bool(props.get("undated")), copy_of=props.get("copy_of"))


def edges_from_rows(rows: Iterable[list[Any]]) -> list[Edge]:
    """Rows of EDGE_COLUMNS (one per piece of evidence) -> edges, evidence sorted by (doc, span, rule)."""
    edges: dict[str, Edge] = {}
    for source, type_, target, id_, date, modality, role, cameo, plover, evidence in rows:
        edge = edges.get(id_)
        if edge is None:
            edge = edges[id_] = Edge(id=id_, source=source, type=type_, target=target, date=date, modality=modality,
                                     role=role, cameo=cameo, plover=plover)
        if evidence:
            edge.evidence.append(evidence_from_props(evidence))
    for edge in edges.values():
        edge.evidence.sort(key=_evidence_order)
    return sorted(edges.values(), key=lambda e: e.id)


def plain(value: Any) -> Any:
    """Driver values -> what a query row holds on every store (nodes and relationships as dicts)."""
    if isinstance(value, neo4j.graph.Node):
        props = dict(value.items())
        return node_value(props) if ENTITY_LABEL in value.labels else props
    if isinstance(value, neo4j.graph.Relationship):
        return relationship_value(value.type, dict(value.items()))
    if isinstance(value, neo4j.graph.Path):
        return {"nodes": [plain(n) for n in value.nodes], "relationships": [plain(r) for r in value.relationships]}
    if isinstance(value, (neo4j.time.Date, neo4j.time.DateTime, neo4j.time.Time, neo4j.time.Duration)):
        return value.iso_format()
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [plain(v) for v in value]
    return value
