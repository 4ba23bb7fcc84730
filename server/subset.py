"""The current view as a read-only store, so :mod:`graph.export` can write it unchanged.

Exports take a whole store; a slice of one (the edges on screen and their
ends) answers the same interface, and the download of the current view and of
the whole graph go through the same exporter.
"""
from __future__ import annotations

from typing import Iterable, Mapping

from graph.errors import QueryError, StoreError
from graph.model import Edge, Entity, Relation
from graph.stores.base import DocumentInfo, EdgeFilter, GraphStore, QueryResult

__all__ = ["SubsetStore"]


class SubsetStore(GraphStore):
    """``edges`` of ``store`` and the entities ``nodes`` (their ends), read-only."""

    name = "subset"

    def __init__(self, store: GraphStore, edges: Iterable[Edge], nodes: Iterable[str]):
        self._edges = {e.id: e for e in edges}
        wanted = set(nodes) | {n for e in self._edges.values() for n in (e.source, e.target)}
        self._entities = {i: ent for i in sorted(wanted) if (ent := store.get_entity(i)) is not None}
        docs = {ev.doc for e in self._edges.values() for ev in e.evidence}
        self._documents = [d for d in store.documents() if d.id in docs]

    def add_document(self, doc: DocumentInfo, relations: Iterable[Relation],
                     entities: Mapping[str, Entity]) -> bool:
        raise StoreError(f"cannot add {doc.id!r} to a view of the graph: add articles with `geograph add`")

    def clear(self) -> None:
        raise StoreError("a view of the graph cannot be cleared: rebuild with `geograph build --rebuild`")

    def has_document(self, doc_id: str) -> bool:
        return any(d.id == doc_id for d in self._documents)

    def documents(self) -> list[DocumentInfo]:
        return list(self._documents)

    def entities(self) -> list[Entity]:
        return list(self._entities.values())

    def get_entity(self, entity_id: str) -> Entity | None:
        return self._entities.get(entity_id)

    def edges(self, flt: EdgeFilter | None = None) -> list[Edge]:
        flt = flt or EdgeFilter()
        return [e for e in self._edges.values() if flt.accepts(e)]

    def get_edge(self, edge_id: str) -> Edge | None:
        return self._edges.get(edge_id)

    def query(self, cypher: str, params=None, *, timeout: float = 10.0, max_rows: int = 0) -> QueryResult:
        raise QueryError(f"query {cypher!r} cannot run on a view of the graph: use the Cypher console")

    def counts(self) -> dict[str, int]:
        return {"nodes": len(self._entities), "edges": len(self._edges),
                "evidence": sum(len(e.evidence) for e in self._edges.values()),
                "documents": len(self._documents)}
