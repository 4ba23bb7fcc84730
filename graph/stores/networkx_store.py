"""The embedded default store: a NetworkX MultiDiGraph kept in one JSON file.

Nodes are entity ids with the entity's fields as attributes; edges are keyed
by :attr:`graph.model.Edge.id` with the edge's fields (evidence included) as
attributes. An index ``(entity, relation type) -> edge ids`` answers "who met
X" by lookup, not by scanning, so it stays fast on a million relations.

The file (``graph.json`` under the data folder) is readable, versioned JSON,
replaced atomically on :meth:`flush` (temporary file in the same folder,
fsync, ``os.replace``), so a crash never leaves half a graph.

User Cypher runs on a *view* of the graph built for grand-cypher: contract
properties only (:data:`graph.model.CYPHER_NODE_PROPERTIES` and friends) and a
mirror of every edge labelled ``TYPE__mirror`` so undirected patterns, which
grand-cypher cannot match, are rewritten into directed ones that see both
directions (see :func:`graph.cypher.to_grandcypher`).
"""
from __future__ import annotations

import json
import os
import re
import sys
import tempfile
import threading
import time
from dataclasses import asdict
from pathlib import Path
from typing import Any, Iterable, Mapping

import networkx as nx

from ..cypher import MIRROR_SUFFIX, ensure_read_only, node_value, relationship_value, return_items, \
    same_expression, split_tail, to_grandcypher
from ..errors import QueryError, StoreError
from ..model import ENTITY_LABEL, Edge, Entity, Relation, edge_from_relation, kind_label
from .base import DocumentInfo, EdgeFilter, GraphStore, QueryResult, overlaps

__all__ = ["NetworkXStore", "FILE_FORMAT", "FILE_VERSION"]

FILE_FORMAT = "geograph-networkx"
FILE_VERSION = 1
_AGGREGATE_RE = re.compile(r"\b(count|sum|avg|max|min|collect)\s*\(", re.I)
_EDGE_FIELDS = ("id", "source", "type", "target", "date", "modality", "role", "cameo", "plover", "evidence")


class _MirrorLabels(set):
    """Labels of an edge's mirror in the query view.

    Holds ``TYPE__mirror`` (so only rewritten undirected patterns match it) but
    iterates as ``TYPE``, which is what grand-cypher's ``type(r)`` reports.
    """

    def __init__(self, type_: str):
        super().__init__((type_ + MIRROR_SUFFIX,))
        self.type = type_

    def __iter__(self):
        return iter((self.type,))


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
        self._view: tuple[nx.MultiDiGraph, list[str]] | None = None
        if self.path is not None and self.path.exists():
            self._load()

    # ---- persistence -----------------------------------------------------

    def _load(self) -> None:
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

    def _relation_type(self, rel: Relation, doc_id: str):
        if self.relation_types is None:
            raise StoreError("this store was opened read-only (without relation types): open it with "
                             "open_store(..., relation_types=schema.relation_types) to add documents")
        try:
            return self.relation_types[rel.type]
        except KeyError:
            raise StoreError(f"document {doc_id!r} has a relation of type {rel.type!r}, which the ontology "
                             f"does not define (known: {', '.join(sorted(self.relation_types))})") from None

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
            self._view = None
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

    def _query_view(self) -> tuple[nx.MultiDiGraph, list[str]]:
        """The graph grand-cypher sees: contract properties, labels, and a mirror of every edge."""
        with self._lock:
            if self._view is not None:
                return self._view
            view = nx.MultiDiGraph()
            for node, attrs in self.graph.nodes(data=True):
                view.add_node(node, **node_value(attrs), __labels__={ENTITY_LABEL, kind_label(attrs["kind"])})
            types = set()
            for u, v, key, attrs in self.graph.edges(keys=True, data=True):
                edge = _edge(attrs)
                props = {"date": edge.date, "date_precision": edge.date_precision, "modality": edge.modality,
                         "role": edge.role, "n_sources": edge.n_sources, "first_reported": edge.first_reported}
                types.add(edge.type)
                view.add_edge(u, v, key=key, __labels__={edge.type}, __type__=edge.type, **props)
                if u != v:
                    view.add_edge(v, u, key=key + MIRROR_SUFFIX, __labels__=_MirrorLabels(edge.type),
                                  __type__=edge.type, **props)
            self._view = (view, sorted(types))
            return self._view

    def query(self, cypher: str, *, timeout: float = 10.0) -> QueryResult:
        """Run read-only Cypher with grand-cypher (see the README for what is supported).

        ORDER BY, SKIP and LIMIT are applied here, with Neo4j's rules (nulls
        last when ascending, first when descending), because grand-cypher
        cannot sort columns that hold nulls.
        """
        import grandcypher

        ensure_read_only(cypher)
        tail = split_tail(cypher)
        items = return_items(tail.body)
        columns = [name for _, name in items]
        body, hidden, order = tail.body, [], []
        for expr, descending in tail.order:
            index = next((i for i, (e, name) in enumerate(items)
                          if same_expression(expr, name) or same_expression(expr, e)), None)
            if index is None:
                if tail.distinct or any(_AGGREGATE_RE.search(e) for e, _ in items):
                    raise QueryError(f"ORDER BY {expr} in {cypher!r}: with DISTINCT or an aggregation, order by "
                                     "a returned column (give it an alias with AS)")
                hidden.append(f"__order{len(hidden)}")
                body += f", {expr} AS {hidden[-1]}"
                index = len(items) + len(hidden) - 1
            order.append((index, descending))
        if not order and (tail.skip is not None or tail.limit is not None):
            body += (f" SKIP {tail.skip}" if tail.skip else "") + (
                f" LIMIT {tail.limit}" if tail.limit is not None else "")
        view, types = self._query_view()
        translated = to_grandcypher(body, types)
        try:
            raw = _run_with_deadline(lambda: grandcypher.GrandCypher(view).run(translated), timeout)
        except _Timeout:
            raise QueryError(f"query {cypher!r} ran longer than {timeout:g} s: narrow the MATCH (labels, "
                             "{id: ...}) or add a LIMIT") from None
        except Exception as err:  # grand-cypher raises parser and assorted runtime errors
            first = str(err).strip().splitlines()[0] if str(err).strip() else type(err).__name__
            raise QueryError(f"the embedded store cannot run {cypher!r}: {first}; see 'Cypher on the "
                             "embedded store' in the README for what it supports") from err
        finally:
            # grand-cypher memoizes edge matches by graph; do not let it keep old views alive.
            grandcypher._is_edge_attr_match.cache_clear()
        rows = _rows(raw, columns + hidden)
        if order:
            for index, descending in reversed(order):
                rows.sort(key=lambda row: _order_key(row[index]), reverse=descending)
            rows = rows[tail.skip or 0:]
            if tail.limit is not None:
                rows = rows[:tail.limit]
        return QueryResult(columns, [row[:len(columns)] for row in rows])


def _order_key(value: Any) -> tuple:
    """Neo4j's ORDER BY: maps, lists, strings, booleans, numbers, then nulls (ascending)."""
    if value is None:
        return (5, 0)
    if isinstance(value, bool):
        return (3, value)
    if isinstance(value, (int, float)):
        return (4, value)
    if isinstance(value, str):
        return (2, value)
    return (0 if isinstance(value, dict) else 1, json.dumps(value, sort_keys=True, ensure_ascii=False))


class _Timeout(Exception):
    pass


def _run_with_deadline(fn, seconds: float):
    """Call ``fn`` in this thread, aborting it once ``seconds`` have passed (checked on Python calls)."""
    deadline = time.monotonic() + seconds
    calls = 0

    def check(frame, event, arg):
        nonlocal calls
        calls += 1
        if calls % 2000 == 0 and time.monotonic() > deadline:
            raise _Timeout()

    previous = sys.getprofile()
    sys.setprofile(check)
    try:
        return fn()
    finally:
        sys.setprofile(previous)


def _normal(name: Any) -> str:
    return "".join(str(name).split()).lower().replace("'", '"')


def _rows(raw: Mapping[Any, list], columns: list[str]) -> list[list[Any]]:
    """grand-cypher's {column: values} -> rows in RETURN order, with plain values."""
    by_name = {_normal(k): v for k, v in raw.items()}
    unmatched = [v for k, v in raw.items() if _normal(k) not in {_normal(c) for c in columns}]
    ordered = []
    for column in columns:
        values = by_name.get(_normal(column))
        if values is None:
            values = unmatched.pop(0) if unmatched else []
        ordered.append(values)
    n = max((len(v) for v in ordered), default=0)
    return [[_plain(v[i]) if i < len(v) else None for v in ordered] for i in range(n)]


def _plain(value: Any) -> Any:
    """Nodes and relationships of the view -> the dicts both stores return; sets -> sorted lists."""
    if isinstance(value, dict):
        if "__type__" in value:
            return relationship_value(value["__type__"], value)
        if "__labels__" in value:
            return node_value(value)
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, (set, frozenset)):
        return sorted(_plain(v) for v in value)
    return value


def _edge(attrs: Mapping[str, Any]) -> Edge:
    return Edge(**{f: attrs[f] for f in _EDGE_FIELDS[:-1]}, evidence=list(attrs["evidence"]))


def _edge_json(edge: Edge) -> dict[str, Any]:
    d = edge.to_json()
    for derived in ("date_precision", "first_reported", "last_reported", "n_sources", "documents"):
        d.pop(derived)
    return d

