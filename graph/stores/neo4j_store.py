"""The team store: a Neo4j database through the official ``neo4j`` driver.

Layout (see docs/neo4j.md): one ``:Entity:<Kind>`` node per actor, one
relationship per :class:`graph.model.Edge` whose type is the ontology's
relation type, one ``:Evidence`` node per sentence (linked to its edge by
the ``edge`` property, so the graph the analyst queries holds only actors and
relations), and one ``:Document`` node per article, written last: an article
whose Document node exists is complete, so loading twice changes nothing.

The store is three parts: :mod:`graph.stores.neo4j_bolt` talks to the server
(driver, deadlines, batches, schema; how a FalkorDB server is told apart),
:mod:`graph.stores.neo4j_write` queues and writes articles, and this module
reads. :mod:`graph.stores.neo4j_records` maps the model onto properties.

>>> Neo4jStore(uri="bolt://127.0.0.1:1", timeout=1, connect_timeout=0.5)   # doctest: +ELLIPSIS
Traceback (most recent call last):
...
graph.errors.StoreError: cannot reach Neo4j at 'bolt://127.0.0.1:1': ...
"""
from __future__ import annotations

import re
import threading
from typing import Any, Mapping

from ..cypher import check_given, check_params, ensure_read_only, too_many_rows
from ..errors import QueryError, StoreError
from ..model import ENTITY_LABEL, Edge, Entity
from .base import MAX_ROWS, DocumentInfo, EdgeFilter, EdgeSummary, GraphStore, QueryResult, RollUpPrefetch
from .neo4j_bolt import (DEFAULT_DATABASE, DEFAULT_URI, DEFAULT_USERNAME, INLINED_PARAMS_BUDGET, BoltSession,
                         ServerTraits, literal_size)
from .neo4j_records import DOCUMENT_LABEL, EVIDENCE_LABEL
from .neo4j_records import EDGE_COLUMNS as _EDGE_COLUMNS
from .neo4j_records import IDENT_RE as _IDENT_RE
from .neo4j_records import edges_from_rows as _edges
from .neo4j_records import entity_from_props as _entity
from .neo4j_records import plain as _plain
from .neo4j_rollup import ROLLUP_RETURN, read_rollup_rows, rollup_query, summary_from_row
from .neo4j_lease import WriterLease
from .neo4j_version import VersionCounter
from .neo4j_write import DOC_FIELDS, Neo4jWriter, document_from_props

__all__ = ["Neo4jStore", "ServerTraits", "DEFAULT_URI", "DEFAULT_USERNAME", "DEFAULT_DATABASE",
           "DOCUMENT_LABEL", "EVIDENCE_LABEL", "INLINED_PARAMS_BUDGET", "literal_size"]

_STRING_RE = re.compile(r"""'(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*"|`[^`]*`""")
_TEMPORAL_RE = re.compile(r"\b(date|datetime|localdatetime|localtime|time|duration)\s*(\.\w+\s*)?\(", re.I)


class Neo4jStore(WriterLease, VersionCounter, Neo4jWriter, BoltSession, GraphStore):
    """The graph in a Neo4j 5 database (or anything that speaks Bolt and Cypher).

    ``uri``, ``username``, ``password``, ``database`` default to ``NEO4J_URI``,
    ``NEO4J_USERNAME``, ``NEO4J_PASSWORD``, ``NEO4J_DATABASE`` and then to a
    local Neo4j (``bolt://localhost:7687``, ``neo4j``). ``batch_size`` is the
    number of rows per write; ``batch_bytes`` caps the parameters per request
    (default: no cap, or 3,500 bytes on a server that pastes parameters into the
    query text). ``timeout`` bounds every call in seconds. ``relation_types``
    (``schema.relation_types``) is needed to add documents, not to read.
    """

    name = "neo4j"

    def __init__(self, uri: str | None = None, username: str | None = None, password: str | None = None,
                 database: str | None = None, *, relation_types: Mapping[str, Any] | None = None,
                 batch_size: int = 500, batch_bytes: int | None = None, timeout: float = 30.0,
                 connect_timeout: float = 5.0):
        if batch_size < 1:
            raise StoreError(f"batch size {batch_size!r} must be at least 1")
        self.relation_types = relation_types
        self.batch_size = batch_size
        self.timeout = float(timeout)
        self._write_lock = threading.RLock()
        self._reset_pending()
        self._connect(uri, username, password, database, connect_timeout)
        self._unversioned = False           # the probe wrote nothing
        self.batch_bytes = batch_bytes or (INLINED_PARAMS_BUDGET if self.traits.inlined_params else None)

    # ---- reading -------------------------------------------------------

    def has_document(self, doc_id: str) -> bool:
        if doc_id in self._pending_docs:
            return True
        (n,), = self._run(f"MATCH (d:{DOCUMENT_LABEL} {{id: $id}}) RETURN count(d)", {"id": doc_id})
        return n > 0

    def document_from(self, source: str) -> str | None:
        pending = next((d.id for d in self._pending_docs.values() if d.source == source), None)
        if pending is not None:
            return pending
        rows = self._run(f"MATCH (d:{DOCUMENT_LABEL} {{source: $source}}) RETURN d.id LIMIT 1", {"source": source})
        return rows[0][0] if rows else None

    def documents(self) -> list[DocumentInfo]:
        self.flush()
        columns = ("id", *DOC_FIELDS)     # not the text: listings leave it out (see document())
        rows = self._run(f"MATCH (d:{DOCUMENT_LABEL}) RETURN {', '.join('d.' + c for c in columns)} ORDER BY d.id")
        return [document_from_props(dict(zip(columns, row))) for row in rows]

    def entities(self) -> list[Entity]:
        self.flush()
        return [_entity(p) for (p,) in self._run(f"MATCH (n:{ENTITY_LABEL}) RETURN properties(n) ORDER BY n.id")]

    def get_entity(self, entity_id: str) -> Entity | None:
        self.flush()
        rows = self._run(f"MATCH (n:{ENTITY_LABEL} {{id: $id}}) RETURN properties(n)", {"id": entity_id})
        return _entity(rows[0][0]) if rows else None

    def get_edge(self, edge_id: str) -> Edge | None:
        self.flush()
        rows = self._run(
            f"MATCH (x:{EVIDENCE_LABEL} {{edge: $id}}) WITH x.source AS s LIMIT 1 "
            f"MATCH (a:{ENTITY_LABEL} {{id: s}})-[r]->(b:{ENTITY_LABEL}) WHERE r.id = $id "
            f"OPTIONAL MATCH (e:{EVIDENCE_LABEL} {{edge: r.id}}) RETURN {_EDGE_COLUMNS}", {"id": edge_id})
        if not rows:   # an edge without evidence: look it up the slow way
            rows = self._run(f"MATCH (a:{ENTITY_LABEL})-[r]->(b:{ENTITY_LABEL}) WHERE r.id = $id "
                             f"OPTIONAL MATCH (e:{EVIDENCE_LABEL} {{edge: r.id}}) RETURN {_EDGE_COLUMNS}",
                             {"id": edge_id})
        return _edges(rows)[0] if rows else None

    def edges(self, flt: EdgeFilter | None = None) -> list[Edge]:
        """Edges passing ``flt``: types, actors and modalities narrow the Cypher, ``flt.accepts`` decides."""
        flt = flt or EdgeFilter()
        self.flush()
        pattern = _type_pattern(flt)
        if pattern is None:
            return []
        where, params = [], {}
        if flt.actors:
            where.append("(a.id IN $actors OR b.id IN $actors)")
            params["actors"] = list(flt.actors)
        if flt.modalities is not None:
            where.append("r.modality IN $modalities")
            params["modalities"] = list(flt.modalities)
        rows = self._run(f"MATCH (a:{ENTITY_LABEL})-[r{pattern}]->(b:{ENTITY_LABEL}) "
                         + (f"WHERE {' AND '.join(where)} " if where else "")
                         + f"OPTIONAL MATCH (e:{EVIDENCE_LABEL} {{edge: r.id}}) RETURN {_EDGE_COLUMNS}", params)
        return [edge for edge in _edges(rows) if flt.accepts(edge)]

    def summaries(self, flt: EdgeFilter | None = None) -> list[EdgeSummary]:
        """Edges passing ``flt`` from their properties alone (no evidence rows); actors are looked up
        through the Entity id index, one ``UNWIND``, not filtered out of every relation."""
        flt = flt or EdgeFilter()
        self.flush()
        pattern = _type_pattern(flt)
        if pattern is None:
            return []
        params: dict[str, Any] = {}
        where = ""
        if flt.modalities is not None:
            where = "WHERE r.modality IN $modalities "
            params["modalities"] = list(flt.modalities)
        if flt.actors:
            rows: dict[str, list] = {}
            for batch in self._batches([{"id": a} for a in flt.actors], overhead=literal_size(params) + 16):
                params["actors"] = [row["id"] for row in batch]
                for row in self._run(f"UNWIND $actors AS x MATCH (:{ENTITY_LABEL} {{id: x}})-[r{pattern}]-"
                                     f"(:{ENTITY_LABEL}) {where}WITH DISTINCT r RETURN {ROLLUP_RETURN}", params):
                    rows[row[0]] = row
            found = rows.values()
        else:
            found = self._run(f"MATCH (:{ENTITY_LABEL})-[r{pattern}]->(:{ENTITY_LABEL}) {where}"
                              f"RETURN {ROLLUP_RETURN}", params)
        return [s for s in map(summary_from_row, found) if flt.accepts(s)]

    def rollup_prefetch(self, anchor: str | None, meeting_type: str, role_type: str, *,
                        bodies=(), members=(), modalities: tuple[str, ...] | None = ("fact",)) -> RollUpPrefetch:
        """Country-level who-met in one query (per ``batch_bytes`` of ``bodies`` on a server that
        pastes parameters): see :mod:`graph.stores.neo4j_rollup`."""
        self.flush()
        for name, what in ((meeting_type, "relation type"), (role_type, "relation type")):
            if not _IDENT_RE.match(name):
                raise StoreError(f"{what} {name!r} cannot be a Neo4j type")
        cypher = rollup_query(anchor is not None, meeting_type, role_type, modalities is not None)
        params: dict[str, Any] = {"anchor": anchor, "modalities": list(modalities or ())}
        data = RollUpPrefetch([], {}, {})
        wanted = sorted(set(bodies) | set(members) | ({anchor} if anchor else set()))
        for batch in self._batches([{"id": b} for b in wanted], overhead=literal_size(params) + 16) if anchor else [[]]:
            params["bodies"] = [row["id"] for row in batch]
            read_rollup_rows(self._run(cypher, params), meeting_type, role_type, data)
        for _ in range(2):   # what the entities name (countries, gazetteer roles' bodies), two steps deep
            named = {ref for e in data.entities.values() for ref in (e.country, *(r.of for r in e.roles)) if ref}
            missing = sorted(named - set(data.entities))
            if not missing:
                break
            for (props,) in self._read_by_ids(f"MATCH (n:{ENTITY_LABEL}) WHERE n.id IN $ids RETURN properties(n)",
                                              missing):
                data.entities[props["id"]] = _entity(props)
        return data

    def counts(self) -> dict[str, int]:
        self.flush()

        def one(cypher: str) -> int:
            (n,), = self._run(cypher)
            return int(n)

        return {"nodes": one(f"MATCH (n:{ENTITY_LABEL}) RETURN count(n)"),
                "edges": one(f"MATCH (:{ENTITY_LABEL})-[r]->(:{ENTITY_LABEL}) RETURN count(r)"),
                "evidence": one(f"MATCH (e:{EVIDENCE_LABEL}) RETURN count(e)"),
                "documents": one(f"MATCH (d:{DOCUMENT_LABEL}) RETURN count(d)")}

    def query(self, cypher: str, params: Mapping[str, Any] | None = None, *, timeout: float = 10.0,
              max_rows: int = MAX_ROWS) -> QueryResult:
        """Run a user's read-only Cypher with ``params`` (writes refused here: a server may not refuse them itself)."""
        ensure_read_only(cypher)
        values = check_params(params)
        check_given(cypher, values)
        if self.traits.inlined_params:
            temporal = _TEMPORAL_RE.search(_STRING_RE.sub("''", cypher))
            if temporal:
                raise QueryError(f"query {cypher!r} calls {temporal.group(1)}(): this server (FalkorDB) crashes "
                                 "when a query returns a temporal value; dates are ISO strings, so compare "
                                 "them as strings (r.date >= '2025-11')")
        self.flush()
        keys: list[str] = []
        rows = self._run(cypher, values, timeout=timeout, keys=keys, user=True, max_rows=max_rows + 1)
        if len(rows) > max_rows:
            raise too_many_rows(cypher, max_rows)
        return QueryResult(list(keys), [[_plain(v) for v in row] for row in rows])

    def close(self) -> None:
        """Write what is queued and close the driver. On a FalkorDB-like server the connections
        are cut without the Bolt GOODBYE, which would leave the next client's first connection hanging."""
        try:
            self.flush()
        finally:
            self._disconnect()


def _type_pattern(flt: EdgeFilter) -> str | None:
    """The relationship pattern's types (``":MET|VISITED"``, ``""`` for every type); None when no
    type asked for can exist (only identifiers are relation types)."""
    if flt.types is None:
        return ""
    types = [t for t in flt.types if _IDENT_RE.match(t)]
    return ":" + "|".join(types) if types else None
