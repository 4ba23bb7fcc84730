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

__all__ = ["ROLLUP_RETURN", "ROLLUP_ROLES", "rollup_query", "summary_from_row"]

# The columns of an EdgeSummary, for a relationship bound to r.
ROLLUP_RETURN = ("r.id, startNode(r).id, type(r), endNode(r).id, r.date, r.modality, r.role, r.n_sources, "
                 "r.first_reported, r.documents")
ROLLUP_ROLES = 11      # where a row of rollup_query goes on after its kind and the meeting's columns


def summary_from_row(row: Sequence[Any]) -> EdgeSummary:
    """A row in the order of ROLLUP_RETURN -> EdgeSummary."""
    id_, source, type_, target, date, modality, role, n_sources, first, documents = row
    documents = tuple(documents or ())
    return EdgeSummary(id_, source, type_, target, date, modality, role, int(n_sources or len(documents)), first,
                       documents)


_COLUMNS = ("k", "c0", "c1", "c2", "c3", "c4", "c5", "c6", "c7", "c8", "c9", "props", "roles")


def _as(values: list[str]) -> str:
    return ", ".join(f"{v} AS {c}" for v, c in zip(values, _COLUMNS))


def rollup_query(anchored: bool, meeting_type: str, role_type: str, modalities: bool) -> str:
    """The query (parameters ``$anchor``, ``$bodies``, ``$modalities``); ``meeting_type`` and
    ``role_type`` are checked identifiers. Unanchored: every meeting.

    Rows of two kinds (``UNION ALL``, both halves find the same meetings): ``'m'`` with a
    meeting's columns (ROLLUP_RETURN), and ``'e'``, once per end of a meeting, with the end's
    id, its properties and its role edges (ROLLUP_RETURN order, then the target's properties).
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
    meetings = found + "RETURN " + _as(["'m'", *ROLLUP_RETURN.split(", "), "null", "null"])
    role = ("[h.id, x.id, '" + role_type + "', y.id, h.date, h.modality, h.role, h.n_sources, h.first_reported, "
            "h.documents, properties(y)]")
    ends = (found + "UNWIND [startNode(r), endNode(r)] AS x WITH DISTINCT x "
            f"OPTIONAL MATCH (x)-[h:{role_type}]->(y:{ENTITY_LABEL}) WITH x, collect({role}) AS roles "
            "RETURN " + _as(["'e'", "x.id", *["null"] * 9, "properties(x)", "roles"]))
    return meetings + " UNION ALL " + ends
