"""The embedded default store: a NetworkX MultiDiGraph kept in one JSON file.

Nodes are entity ids with the entity's fields as attributes; edges are keyed
by :attr:`graph.model.Edge.id` with the edge's fields (evidence included) as
attributes. An index ``(entity, relation type) -> edge ids`` answers "who met
X" by lookup, not by scanning, so it stays fast on a million relations.

The file (``graph.json`` under the data folder) is readable, versioned JSON,
replaced atomically on :meth:`flush` (temporary file in the same folder,
fsync, ``os.replace``), so a crash never leaves half a graph.

User Cypher runs on a LadybugDB database derived from the graph, kept beside
the file and rebuilt on the first query after a change (see
:mod:`graph.stores.networkx_cypher`).
"""
from __future__ import annotations

import json
import os
import tempfile
import threading
from operator import itemgetter
from dataclasses import asdict
from pathlib import Path
from typing import Any, Iterable, Mapping, Sequence

import networkx as nx

from ..errors import StoreError
from ..model import Edge, Entity, Relation, edge_from_relation
from .base import MAX_ROWS, DocumentInfo, EdgeFilter, GraphStore, QueryResult
from .networkx_cypher import CypherEngine, file_stamp

__all__ = ["NetworkXStore", "FILE_FORMAT", "FILE_VERSION"]

FILE_FORMAT = "geograph-networkx"
FILE_VERSION = 1
_EDGE_FIELDS = ("id", "source", "type", "target", "date", "modality", "role", "cameo", "plover", "evidence")


class NetworkXStore(GraphStore):
    """A MultiDiGraph in memory, persisted to ``path`` (None: memory only).

    ``relation_types`` (``schema.relation_types``) says which types are
    symmetric and their CAMEO/PLOVER codes; it is needed to add documents,
    not to read.
    """

    name = "networkx"

    def __init__(self, path: str | Path | None = None, *, relation_types: Mapping[str, Any] | None = None):
        self.path = Path(path) if path is not None else None
        self.relation_types = relation_types
        self.graph = nx.MultiDiGraph()
        self._documents: dict[str, DocumentInfo] = {}
        self._ends: dict[str, tuple[str, str]] = {}                 # edge id -> (source, target)
        self._index: dict[tuple[str, str], dict[str, None]] = {}    # (entity, type) -> edge ids (ordered set)
        self._dirty = False
        self._lock = threading.RLock()
        self._generation = 0            # every change starts a new one (the Cypher database follows)
        self._file_stamp: str | None = None     # the version of the file the graph equals
        self._cypher = CypherEngine(self.path, self._lock, self._cypher_snapshot)
        if self.path is not None and self.path.exists():
            self._load()

    def clear(self) -> None:
        with self._lock:
            self.graph = nx.MultiDiGraph()
            self._documents.clear()
            self._ends.clear()
            self._index.clear()
            self._generation += 1
            self._dirty = True

    # ---- persistence -----------------------------------------------------

    def _load(self) -> None:
        self._file_stamp = file_stamp(self.path)
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as err:
            raise StoreError(f"cannot read the graph file {str(self.path)!r}: {err}; delete it and run "
                             "`geograph build` again") from err
        if not isinstance(data, dict) or data.get("format") != FILE_FORMAT:
            raise StoreError(f"{str(self.path)!r} is not a Geograph graph file (format {FILE_FORMAT!r}); "
                             "point GEOGRAPH_HOME elsewhere or delete it")
        if data.get("version") != FILE_VERSION:
            raise StoreError(f"{str(self.path)!r} has graph file version {data.get('version')!r}, this Geograph "
                             f"reads version {FILE_VERSION}; delete it and run `geograph build` again")
        try:
            for d in data["documents"]:
                self._documents[d["id"]] = DocumentInfo(**d)
            for n in data["nodes"]:
                self._put_entity(Entity.from_json(n))
            for e in data["edges"]:
                self._put_edge(Edge.from_json(e))
        except (KeyError, TypeError, ValueError) as err:
            raise StoreError(f"the graph file {str(self.path)!r} is damaged ({err!r}); delete it and run "
                             "`geograph build` again") from err

    def to_json(self) -> dict[str, Any]:
        """The whole store as the file holds it (sorted, so equal graphs give equal files)."""
        with self._lock:
            return {
                "format": FILE_FORMAT, "version": FILE_VERSION,
                "documents": [asdict(d) for _, d in sorted(self._documents.items())],
                "nodes": [e.to_json() for e in sorted(self.entities(), key=lambda e: e.id)],
                "edges": [_edge_json(e) for e in sorted(self._all_edges(), key=lambda e: e.id)],
            }

    def flush(self) -> None:
        if self.path is None or not self._dirty:
            return
        with self._lock:
            text = json.dumps(self.to_json(), ensure_ascii=False, indent=1)
            try:
                self.path.parent.mkdir(parents=True, exist_ok=True)
                fd, tmp = tempfile.mkstemp(dir=self.path.parent, prefix=f".{self.path.name}.", suffix=".tmp")
                try:
                    with os.fdopen(fd, "w", encoding="utf-8") as fh:
                        fh.write(text)
                        fh.flush()
                        os.fsync(fh.fileno())
                    os.replace(tmp, self.path)
                    self._file_stamp = file_stamp(self.path)
                except BaseException:
                    if os.path.exists(tmp):
                        os.unlink(tmp)
                    raise
            except OSError as err:
                raise StoreError(f"cannot write the graph file {str(self.path)!r}: {err.strerror}; check "
                                 "that GEOGRAPH_HOME is a writable folder") from err
            self._dirty = False

    # ---- writing -------------------------------------------------------

    def _put_entity(self, entity: Entity) -> None:
        attrs = entity.to_json()
        if entity.id in self.graph:
            self.graph.nodes[entity.id].update(attrs)
        else:
            self.graph.add_node(entity.id, **attrs)

    def _put_edge(self, edge: Edge) -> None:
        for end in (edge.source, edge.target):
            if end not in self.graph:
                raise StoreError(f"edge {edge.id} ({edge.source} {edge.type} {edge.target}) names entity "
                                 f"{end!r}, which the store does not hold")
        self.graph.add_edge(edge.source, edge.target, key=edge.id, **{f: getattr(edge, f) for f in _EDGE_FIELDS})
        self._ends[edge.id] = (edge.source, edge.target)
        for end in {edge.source, edge.target}:
            self._index.setdefault((end, edge.type), {})[edge.id] = None

    def add_document(self, doc: DocumentInfo, relations: Iterable[Relation],
                     entities: Mapping[str, Entity]) -> bool:
        with self._lock:
            if doc.id in self._documents:
                return False
            relations = list(relations)
            edges = [edge_from_relation(r, self._relation_type(r, doc.id)) for r in relations]
            for edge in edges:
                for end in (edge.source, edge.target):
                    if end not in entities and end not in self.graph:
                        raise StoreError(f"document {doc.id!r} relates {edge.source} {edge.type} {edge.target}, "
                                         f"but entity {end!r} is not in the gazetteer: add it under schema/")
            for edge in edges:
                for end in (edge.source, edge.target):
                    if end in entities:
                        self._put_entity(entities[end])
                if edge.id in self._ends:
                    u, v = self._ends[edge.id]
                    attrs = self.graph.edges[u, v, edge.id]
                    merged = _edge(attrs)
                    merged.add_evidence(edge.evidence)
                    attrs["evidence"] = merged.evidence
                else:
                    self._put_edge(edge)
            self._documents[doc.id] = doc
            self._dirty = True
            self._generation += 1
            return True

    # ---- reading -------------------------------------------------------

    def has_document(self, doc_id: str) -> bool:
        return doc_id in self._documents

    def documents(self) -> list[DocumentInfo]:
        return [d for _, d in sorted(self._documents.items())]

    def entities(self) -> list[Entity]:
        return [Entity.from_json(attrs) for _, attrs in self.graph.nodes(data=True)]

    def get_entity(self, entity_id: str) -> Entity | None:
        if entity_id not in self.graph:
            return None
        return Entity.from_json(self.graph.nodes[entity_id])

    def get_edge(self, edge_id: str) -> Edge | None:
        ends = self._ends.get(edge_id)
        if ends is None:
            return None
        return _edge(self.graph.edges[ends[0], ends[1], edge_id])

    def _all_edges(self) -> Iterable[Edge]:
        return (_edge(attrs) for _, _, attrs in self.graph.edges(data=True))

    def _candidate_ids(self, flt: EdgeFilter) -> Iterable[str] | None:
        """Edge ids worth checking, from the index or adjacency; None when only a full scan can tell."""
        if not flt.actors:
            return None
        ids: dict[str, None] = {}
        for actor in flt.actors:
            if flt.types is not None:
                for t in flt.types:
                    ids.update(self._index.get((actor, t), {}))
            elif actor in self.graph:
                ids.update((k, None) for _, _, k in self.graph.out_edges(actor, keys=True))
                ids.update((k, None) for _, _, k in self.graph.in_edges(actor, keys=True))
        return ids

    def edges(self, flt: EdgeFilter | None = None) -> list[Edge]:
        flt = flt or EdgeFilter()
        with self._lock:
            ids = self._candidate_ids(flt)
            if ids is None:
                attrs_iter = (attrs for _, _, attrs in self.graph.edges(data=True))
            else:
                attrs_iter = (self.graph.edges[self._ends[i][0], self._ends[i][1], i] for i in ids)
            found = []
            for attrs in attrs_iter:
                edge = _edge(attrs)
                if flt.accepts(edge):
                    found.append(edge)
            return found

    def counts(self) -> dict[str, int]:
        with self._lock:
            return {"nodes": self.graph.number_of_nodes(), "edges": self.graph.number_of_edges(),
                    "evidence": sum(len(a["evidence"]) for _, _, a in self.graph.edges(data=True)),
                    "documents": len(self._documents)}

    # ---- Cypher --------------------------------------------------------

    def _cypher_snapshot(self):
        """What the Cypher engine needs to know the graph's version and to load it (called under the lock)."""
        stamp = None if self._dirty else self._file_stamp
        return (self._generation, stamp), stamp, self.entities, self._cypher_edges

    def _cypher_edges(self) -> dict[str, Sequence]:
        """Every edge by column (``type``, ``source``, ``target``, ``id``, ``date``, ``modality``, ``role``,
        ``evidence``): one pass over the edges, no Edge objects (a million of them cost seconds)."""
        fields = ("type", "source", "target", "id", "date", "modality", "role", "evidence")
        rows = map(itemgetter(*fields), (a for nbrs in self.graph._succ.values() for keyed in nbrs.values()
                                         for a in keyed.values()))
        return dict(zip(fields, zip(*rows))) if self.graph.number_of_edges() else {f: () for f in fields}

    def query(self, cypher: str, params: Mapping[str, Any] | None = None, *, timeout: float = 10.0,
              max_rows: int = MAX_ROWS) -> QueryResult:
        """Run read-only Cypher on the derived LadybugDB database (see :mod:`graph.stores.networkx_cypher`)."""
        return self._cypher.query(cypher, params, timeout=timeout, max_rows=max_rows)


def _edge(attrs: Mapping[str, Any]) -> Edge:
    return Edge(**{f: attrs[f] for f in _EDGE_FIELDS[:-1]}, evidence=list(attrs["evidence"]))


def _edge_json(edge: Edge) -> dict[str, Any]:
    d = edge.to_json()
    for derived in ("date_precision", "first_reported", "last_reported", "n_sources", "documents"):
        d.pop(derived)
    return d

