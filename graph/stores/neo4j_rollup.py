"""Country-level who-met on Neo4j in one query, served by the Entity id index.

A country-level question needs the meetings of everyone who may stand for a
state, and for both ends of each meeting its entity and its role edges (the
roll-up itself runs in Python, :mod:`graph.rollup`, the same on every store).
One query gathers all of it:

1. bodies: the ids handed in (the state, and what the gazetteer says belongs
   to it) and the entities whose ``country`` is the state;
2. who may stand for them: holders of a role edge into a body, and entities
   whose gazetteer roles name one (a superset: each meeting is rolled up and
   checked afterwards);
3. their meetings, each found from an indexed ``{id: x}`` lookup through an
   undirected pattern (never ``a.id IN $x OR b.id IN $x`` over every relation);
4. for both ends of each meeting: its properties and its role edges with the
   properties of their targets.

Every relation comes back from its properties (``documents``, ``n_sources``,
``first_reported`` are kept on it), not from its evidence.
"""
from __future__ import annotations

from typing import Any, Sequence

from ..model import ENTITY_LABEL
from .base import EdgeSummary
from .neo4j_records import entity_from_props

__all__ = ["ROLLUP_RETURN", "rollup_query", "read_rollup_rows", "summary_from_row"]

# The columns of an EdgeSummary, for a relationship bound to r.
ROLLUP_RETURN = ("r.id, startNode(r).id, type(r), endNode(r).id, r.date, r.modality, r.role, r.n_sources, "
                 "r.first_reported, r.documents")


def summary_from_row(row: Sequence[Any]) -> EdgeSummary:
    """A row in the order of ROLLUP_RETURN -> EdgeSummary."""
    id_, source, type_, target, date, modality, role, n_sources, first, documents = row
    documents = tuple(documents or ())
    return EdgeSummary(id_, source, type_, target, date, modality, role, int(n_sources or len(documents)), first,
                       documents)


def rollup_query(anchored: bool, meeting_type: str, role_type: str, modalities: bool) -> str:
    """The query (parameters ``$anchor``, ``$bodies``, ``$modalities``); ``meeting_type`` and
    ``role_type`` are checked identifiers. Unanchored: every meeting.

    One row per end of a meeting, with only what the roll-up reads (the driver decodes every
    value and every row, and that is most of the time): id, kind, name, country, gazetteer roles
    (JSON), its role edges as [date, n_sources, modality, target id, kind, name, country], and the
    meetings it starts as [id, target, date, modality, first_reported, documents, n_sources].
    """
    where = "WHERE r.modality IN $modalities " if modalities else ""
    if anchored:
        found = (f"OPTIONAL MATCH (g:{ENTITY_LABEL} {{country: $anchor}}) "
                 "WITH $bodies + collect(g.id) AS bodies "
                 "UNWIND bodies AS body "
                 f"OPTIONAL MATCH (p:{ENTITY_LABEL})-[:{role_type}]->(:{ENTITY_LABEL} {{id: body}}) "
                 "WITH bodies, collect(p.id) AS holders "
                 f"OPTIONAL MATCH (q:{ENTITY_LABEL}) WHERE any(x IN q.roles WHERE any(b IN bodies WHERE x CONTAINS b)) "
                 "WITH bodies, holders, collect(q.id) AS listed "     # FalkorDB: no collect() inside an expression
                 "UNWIND bodies + holders + listed AS c "
                 f"MATCH (:{ENTITY_LABEL} {{id: c}})-[r:{meeting_type}]-(:{ENTITY_LABEL}) {where}"
                 "WITH DISTINCT r ")
    else:
        found = f"MATCH (:{ENTITY_LABEL})-[r:{meeting_type}]->(:{ENTITY_LABEL}) {where}WITH DISTINCT r "
    return (found + "UNWIND [startNode(r), endNode(r)] AS x "
            "WITH x, collect(CASE WHEN startNode(r) = x THEN [r.id, endNode(r).id, r.date, r.modality, "
            "r.first_reported, r.documents, r.n_sources] END) AS starts "
            f"OPTIONAL MATCH (x)-[h:{role_type}]->(y:{ENTITY_LABEL}) "
            "WITH x, starts, collect([h.date, h.n_sources, h.modality, y.id, y.kind, y.name, y.country]) AS held "
            "RETURN x.id, x.kind, x.name, x.country, x.roles, held, starts")


def read_rollup_rows(rows, meeting_type: str, role_type: str, data) -> None:
    """Add rows of :func:`rollup_query` to ``data`` (a RollUpPrefetch; meetings not twice)."""
    seen = {m.id for m in data.meetings}
    for a, kind, name, country, gazetteer_roles, held_roles, starts in rows:
        for id_, target, date, modality, first, documents, n_sources in starts or ():
            if id_ not in seen:
                seen.add(id_)
                docs = tuple(documents or ())
                data.meetings.append(EdgeSummary(id_, a, meeting_type, target, date, modality, None,
                                                 int(n_sources or len(docs)), first, docs))
        data.entities[a] = entity_from_props({"id": a, "kind": kind, "name": name, "country": country,
                                              "roles": gazetteer_roles})
        held = data.roles.setdefault(a, [])
        if held:
            continue
        for date, n_sources, modality, target, kind_, name_, country_ in held_roles or ():
            if target is None:       # OPTIONAL MATCH found no role: a row of nulls
                continue
            held.append(EdgeSummary("", a, role_type, target, date, modality, None, int(n_sources or 0), None, ()))
            data.entities.setdefault(target, entity_from_props({"id": target, "kind": kind_, "name": name_,
                                                                "country": country_}))
