"""The embedded default store: a NetworkX MultiDiGraph kept in one JSON file.

Nodes are entity ids with the entity's fields as attributes; edges are keyed
by :attr:`graph.model.Edge.id` with the edge's fields (evidence included) as
attributes. Indexes kept in step with every change answer the analyst's
questions by lookup, not by scanning, so they stay fast on a million relations:
``(entity, relation type) -> edge ids`` ("who met X", a person's roles, who
holds a role in a ministry), and ``entity -> entities whose gazetteer country
or role names it`` (who may stand for a state).

Merging a report into an edge is O(1): the evidence list grows in place and
the keys already there are kept in a set (built on the first merge into an
edge, never written). :attr:`NetworkXStore.generation` counts changes, so
anything derived from the graph (a query database, caches) knows when to
rebuild.

Other processes (``geograph add`` beside a running ``geograph serve``) replace
the file; :meth:`NetworkXStore.refresh` notices it from the file's stamp (size,
modification time, inode: one ``stat``, no read) and reloads it.

The file (``graph.json`` under the data folder, see
:mod:`graph.stores.networkx_file`) is written on :meth:`flush` only when
something changed, atomically.

User Cypher runs on a LadybugDB database derived from the graph, kept beside
the file and rebuilt on the first query after a change (see
:mod:`graph.stores.networkx_cypher`).
"""
from __future__ import annotations

import contextlib
import threading
from dataclasses import replace
from pathlib import Path
from operator import itemgetter
from typing import Any, Iterable, Iterator, Mapping, Sequence

import networkx as nx
import orjson

from ..errors import StoreError
from ..fileio import writer_lock
from ..model import Edge, Entity, Evidence
from .base import MAX_ROWS, DocumentInfo, EdgeFilter, EdgeSummary, GraphStore, QueryResult
from .networkx_cypher import CypherEngine, file_stamp
from .networkx_file import (FILE_FORMAT, FILE_VERSION, FileBacked, damaged, graph_file_bytes, read_graph_file,
                            write_graph_file)
from .networkx_groups import GroupedWrites

__all__ = ["NetworkXStore", "FILE_FORMAT", "FILE_VERSION"]

_EDGE_FIELDS = ("id", "source", "type", "target", "date", "modality", "role", "cameo", "plover", "evidence")


class NetworkXStore(FileBacked, GroupedWrites, GraphStore):
    """A MultiDiGraph in memory, persisted to ``path`` (None: memory only).

    ``relation_types`` (``schema.relation_types``) says which types are
    symmetric and their CAMEO/PLOVER codes; it is needed to add documents,
    not to read.
    """

    name = "networkx"

    def __init__(self, path: str | Path | None = None, *, relation_types: Mapping[str, Any] | None = None):
        self.path = Path(path) if path is not None else None
        self.relation_types = relation_types
        self._lock = threading.RLock()
        self._reloading = threading.Lock()      # see refresh()
        self._reset()
        self._dirty = False
        self.generation = 0
        self._file_stamp: str | None = None     # the version of the file the graph equals
        self._cypher = CypherEngine(self.path, self._lock, self._cypher_snapshot)
        if self.path is not None and self.path.exists():
            self._load()

    def _reset(self) -> None:
        self.graph = nx.MultiDiGraph()
        self._documents: dict[str, DocumentInfo] = {}
        self._entities: dict[str, Entity] = {}                      # id -> entity (frozen: shared as is)
        self._edges: dict[str, dict[str, Any]] = {}                 # edge id -> its attributes in the graph
        self._index: dict[tuple[str, str], dict[str, None]] = {}    # (entity, type) -> edge ids (ordered set)
        self._by_type: dict[str, dict[str, None]] = {}              # type -> edge ids (ordered set)
        self._referring: dict[str, set[str]] = {}                   # id -> entities whose country/role names it
        self._keys: dict[str, set] = {}                             # edge id -> evidence keys (after a merge)
        self._summaries: dict[str, EdgeSummary] = {}                # edge id -> summary (until it changes)
        self._groups = None                                         # built on the first write (networkx_groups)
        self._by_source: dict[str, str] | None = None               # source -> document id, built on first use

    def clear(self) -> None:
        with self._lock:
            self._reset()
            self._changed()

    def _changed(self) -> None:
        self._dirty = True
        self.generation += 1

    # ---- persistence -----------------------------------------------------

    def _read(self) -> None:
        data = read_graph_file(self.path)
        try:
            for d in data["documents"]:
                self._documents[d["id"]] = DocumentInfo(**{**d, "sketch": tuple(d.get("sketch") or ()),
                                                           "parts": tuple(d.get("parts") or ())})
            for n in data["nodes"]:
                self._put_entity(Entity.from_json(n))
            for e in data["edges"]:
                self._put_edge({"id": e["id"], "source": e["source"], "type": e["type"], "target": e["target"],
                                "date": e.get("date"), "modality": e.get("modality", "fact"), "role": e.get("role"),
                                "cameo": e.get("cameo"), "plover": e.get("plover"),
                                "evidence": [_evidence(x) for x in e.get("evidence") or ()]})
        except (KeyError, TypeError, ValueError) as err:
            raise damaged(self.path, err) from err

    def _file_bytes(self) -> bytes:
        with self._lock:
            nodes = (self.graph.nodes[n] for n in sorted(self.graph))
            edges = ({f: self._edges[i][f] if f != "evidence" else sorted(self._edges[i][f], key=_evidence_order)
                      for f in _EDGE_FIELDS} for i in sorted(self._edges))
            return graph_file_bytes((d for _, d in sorted(self._documents.items())), nodes, edges)

    def close(self) -> None:
        """Write what changed and close the Cypher database, if one was opened."""
        try:
            self.flush()
        finally:
            self._cypher.close()

    def to_json(self) -> dict[str, Any]:
        """The whole store as the file holds it (sorted, so equal graphs give equal files)."""
        return orjson.loads(self._file_bytes())

    @contextlib.contextmanager
    def writing(self) -> Iterator["NetworkXStore"]:
        """A write session under the file's lock (:func:`graph.fileio.writer_lock`): another process's
        writes are read in first (unless this store has unsaved changes of its own, e.g. a ``clear``
        before ``build --rebuild``), and the file is written before the lock is let go."""
        if self.path is None:
            yield self
            return
        with writer_lock(self.path):
            self.refresh()
            try:
                yield self
            finally:
                self.flush()

    def flush(self) -> None:
        """Write the file if anything changed since it was read or last written (atomically)."""
        if self.path is None or not self._dirty:
            return
        with self._lock:
            write_graph_file(self.path, self._file_bytes())
            self._file_stamp = file_stamp(self.path)
            self._dirty = False

    # ---- writing -------------------------------------------------------

    def _put_entity(self, entity: Entity) -> None:
        if self._entities.get(entity.id) == entity:
            return
        self._entities[entity.id] = entity
        attrs = entity.to_json()
        if entity.id in self.graph:
            old = self.graph.nodes[entity.id]
            for ref in _references(old):
                self._referring.get(ref, set()).discard(entity.id)
            old.update(attrs)
        else:
            self.graph.add_node(entity.id, **attrs)
        for ref in _references(attrs):
            self._referring.setdefault(ref, set()).add(entity.id)

    def _put_edge(self, attrs: dict[str, Any]) -> None:
        source, target, id_ = attrs["source"], attrs["target"], attrs["id"]
        for end in (source, target):
            if end not in self.graph:
                raise StoreError(f"edge {id_} ({source} {attrs['type']} {target}) names entity "
                                 f"{end!r}, which the store does not hold")
        self.graph.add_edge(source, target, key=id_, **attrs)
        self._edges[id_] = self.graph.edges[source, target, id_]
        for end in {source, target}:
            self._index.setdefault((end, attrs["type"]), {})[id_] = None
        self._by_type.setdefault(attrs["type"], {})[id_] = None

    def _drop_entity(self, entity_id: str) -> None:
        """Forget an entity no edge touches any more (as a clean build would never have added it)."""
        attrs = self.graph.nodes[entity_id]
        for ref in _references(attrs):
            self._referring.get(ref, set()).discard(entity_id)
        self.graph.remove_node(entity_id)
        del self._entities[entity_id]

    # ---- reading -------------------------------------------------------

    def has_document(self, doc_id: str) -> bool:
        return doc_id in self._documents

    def documents(self) -> list[DocumentInfo]:
        return [replace(d, text=None) if d.text else d for _, d in sorted(self._documents.items())]

    def document(self, doc_id: str) -> DocumentInfo | None:
        return self._documents.get(doc_id)

    def entities(self) -> list[Entity]:
        return list(self._entities.values())

    def get_entity(self, entity_id: str) -> Entity | None:
        return self._entities.get(entity_id)

    def entities_referring(self, ids: Iterable[str]) -> set[str]:
        found: set[str] = set()
        for i in ids:
            found |= self._referring.get(i, set())
        return found

    def get_edge(self, edge_id: str) -> Edge | None:
        attrs = self._edges.get(edge_id)
        return None if attrs is None else _edge(attrs)

    def _candidate_ids(self, flt: EdgeFilter) -> Iterable[str]:
        """Edge ids worth checking, from the indexes or adjacency (every edge when nothing narrows)."""
        if not flt.actors:
            if flt.types is None:
                return self._edges
            ids: dict[str, None] = {}
            for t in flt.types:
                ids.update(self._by_type.get(t, {}))
            return ids
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
            found = []
            for i in self._candidate_ids(flt):
                edge = _edge(self._edges[i])
                if flt.accepts(edge):
                    found.append(edge)
            return found

    def summaries(self, flt: EdgeFilter | None = None) -> list[EdgeSummary]:
        """Like :meth:`edges` without evidence; each edge's summary is kept until the edge changes."""
        flt = flt or EdgeFilter()
        with self._lock:
            cache, found = self._summaries, []
            for i in self._candidate_ids(flt):
                summary = cache.get(i)
                if summary is None:
                    summary = cache[i] = _summary(self._edges[i])
                if flt.accepts(summary):
                    found.append(summary)
            return found

    def version(self) -> int:
        """:attr:`generation`: every change and every reload moves it on (see :meth:`refresh`)."""
        return self.generation

    def counts(self) -> dict[str, int]:
        with self._lock:
            return {"nodes": self.graph.number_of_nodes(), "edges": self.graph.number_of_edges(),
                    "evidence": sum(len(a["evidence"]) for a in self._edges.values()),
                    "documents": len(self._documents)}

    # ---- Cypher --------------------------------------------------------

    def _cypher_snapshot(self):
        """What the Cypher engine needs to know the graph's version and to load it (called under the lock)."""
        stamp = None if self._dirty else self._file_stamp
        return (self.generation, stamp), stamp, self.entities, self._cypher_edges

    def _cypher_edges(self) -> dict[str, Sequence]:
        """Every edge by column (``type``, ``source``, ``target``, ``id``, ``date``, ``modality``, ``role``,
        ``evidence``): one pass over the edges, no Edge objects (a million of them cost seconds)."""
        fields = ("type", "source", "target", "id", "date", "modality", "role", "evidence")
        rows = map(itemgetter(*fields), self._edges.values())
        return dict(zip(fields, zip(*rows))) if self._edges else {f: () for f in fields}

    def query(self, cypher: str, params: Mapping[str, Any] | None = None, *, timeout: float = 10.0,
              max_rows: int = MAX_ROWS) -> QueryResult:
        """Run read-only Cypher on the derived LadybugDB database (see :mod:`graph.stores.networkx_cypher`)."""
        return self._cypher.query(cypher, params, timeout=timeout, max_rows=max_rows)

    def prepare_queries(self, concurrent: int) -> None:
        self._cypher.prepare(concurrent)


def _references(attrs: Mapping[str, Any]) -> set[str]:
    """What an entity's gazetteer fields name: its country and the entities of its roles."""
    refs = {r["of"] for r in attrs.get("roles") or ()}
    if attrs.get("country"):
        refs.add(attrs["country"])
    return refs


def _evidence(d: Mapping[str, Any]) -> Evidence:
    spans = d.get("spans")
    return Evidence(d["doc"], d["sentence"], tuple(d["sentence_span"]),
                    {k: tuple(v) for k, v in spans.items()} if spans else {}, d["rule"],
                    float(d.get("confidence", 1.0)), d.get("outlet"), d.get("published"), d.get("lang"),
                    d.get("url"), d.get("schema"), bool(d.get("undated")), d.get("copy_of"))


def _evidence_order(ev: Evidence) -> tuple:
    """The order evidence is written in: equal graphs give equal files, whatever order articles came in."""
    return ev.doc, ev.sentence_span, ev.rule


def _edge(attrs: Mapping[str, Any]) -> Edge:
    """An edge with its evidence in the order every store gives it (by document, sentence, rule)."""
    return Edge(**{f: attrs[f] for f in _EDGE_FIELDS[:-1]}, evidence=sorted(attrs["evidence"], key=_evidence_order))


def _summary(attrs: Mapping[str, Any]) -> EdgeSummary:
    evidence = attrs["evidence"]
    if len(evidence) == 1:
        docs, first, n = (evidence[0].doc,), evidence[0].published, 1
    else:
        docs = tuple(sorted({e.doc for e in evidence}))
        first = min((e.published for e in evidence if e.published), default=None)
        n = len({e.copy_of or e.doc for e in evidence})
    return EdgeSummary(attrs["id"], attrs["source"], attrs["type"], attrs["target"], attrs["date"],
                       attrs["modality"], attrs["role"], n, first, docs)
