"""Writing to Neo4j: articles are queued and written together, entities, evidence, edges, then documents.

Articles are queued and written together (on :meth:`Neo4jWriter.flush`, before
any read, or once ``batch_size`` relations wait) through auto-commit queries,
batched as ``UNWIND $rows AS row MERGE ...``. An article's ``:Document`` node is
written last: an article whose Document node exists is complete, so loading
twice changes nothing and a failed flush is redone by adding again.
"""
from __future__ import annotations

from typing import Any, Iterable, Mapping

from ..errors import StoreError
from ..model import ENTITY_LABEL, Edge, Entity, Relation, edge_from_relation, kind_label
from .base import DocumentInfo
from .neo4j_bolt import literal_size
from .neo4j_records import DOCUMENT_LABEL, EVIDENCE_LABEL, evidence_id, evidence_props, entity_props, identifier

__all__ = ["Neo4jWriter"]

_DELETE_CHUNK = 5000


class Neo4jWriter:
    """The writing half of the Neo4j store (a mixin over :class:`graph.stores.neo4j_bolt.BoltSession`)."""

    def _existing_entities(self, ids: Iterable[str]) -> set[str]:
        return {row[0] for row in self._read_by_ids(
            f"MATCH (n:{ENTITY_LABEL}) WHERE n.id IN $ids RETURN n.id", sorted(ids))}

    def _existing_evidence(self, edge_ids: Iterable[str]) -> dict[str, dict[str, tuple]]:
        """edge id -> {evidence id: (doc, published)} already stored."""
        found: dict[str, dict[str, tuple]] = {}
        for edge, ev_id, doc, published in self._read_by_ids(
                f"MATCH (e:{EVIDENCE_LABEL}) WHERE e.edge IN $ids RETURN e.edge, e.id, e.doc, e.published",
                sorted(edge_ids)):
            found.setdefault(edge, {})[ev_id] = (doc, published)
        return found

    def add_document(self, doc: DocumentInfo, relations: Iterable[Relation],
                     entities: Mapping[str, Entity]) -> bool:
        """Queue one article; the queue is written once it holds ``batch_size`` relations, and on
        :meth:`flush` (which every read and :meth:`close` call first), so batches span articles."""
        with self._write_lock:
            if self.has_document(doc.id):
                return False
            edges: dict[str, Edge] = {}
            count = 0
            for rel in relations:
                edge = edge_from_relation(rel, self._relation_type(rel, doc.id))
                count += 1
                if edge.id in edges:
                    edges[edge.id].add_evidence(edge.evidence)
                else:
                    edges[edge.id] = edge
            ends = {end for e in edges.values() for end in (e.source, e.target)}
            missing = ends - set(entities) - set(self._pending_entities)
            missing -= self._existing_entities(missing) if missing else set()
            if missing:
                edge = next(e for e in edges.values() if e.source in missing or e.target in missing)
                end = edge.source if edge.source in missing else edge.target
                raise StoreError(f"document {doc.id!r} relates {edge.source} {edge.type} {edge.target}, "
                                 f"but entity {end!r} is not in the gazetteer: add it under schema/")
            for end in sorted(ends):
                if end in entities:
                    self._pending_entities[end] = entities[end]
            for edge in edges.values():
                if edge.id in self._pending_edges:
                    self._pending_edges[edge.id].add_evidence(edge.evidence)
                else:
                    self._pending_edges[edge.id] = edge
            self._pending_docs[doc.id] = doc
            self._pending_relations += count
            if self._pending_relations >= self.batch_size:
                self.flush()
            return True

    def flush(self) -> None:
        """Write the queued articles: entities, evidence, edges, then their Document nodes (so an
        article whose Document node exists is complete, and a failed flush is redone by adding again)."""
        with self._write_lock:
            if not self._pending_docs:
                return
            docs, edges, entities = self._pending_docs, self._pending_edges, self._pending_entities
            self._ensure_schema()
            self._write_entities([entities[i] for i in sorted(entities)])
            existing = self._existing_evidence(edges) if edges else {}
            self._write_evidence(edges.values())
            self._write_edges(edges.values(), existing)
            self._write_documents([d for _, d in sorted(docs.items())])
            self._reset_pending()

    def _write_documents(self, docs: list[DocumentInfo]) -> None:
        """Document nodes with their text; a text too long for one request (servers that inline parameters)
        is sent in pieces and appended."""
        rows, tails = [], []
        for d in docs:
            props = {k: v for k, v in (("outlet", d.outlet), ("published", d.published), ("lang", d.lang),
                                       ("path", d.path), ("text", d.text)) if v is not None}
            row = {"id": d.id, "props": props}
            if d.text and self.batch_bytes and literal_size(row) + 64 > self.batch_bytes // 2:
                pieces = self._pieces(d.text, self.batch_bytes // 4)
                props["text"] = pieces[0]
                tails.extend((d.id, piece) for piece in pieces[1:])
            rows.append(row)
        self._write_rows(f"UNWIND $rows AS row MERGE (d:{DOCUMENT_LABEL} {{id: row.id}}) SET d += row.props", rows)
        for doc_id, piece in tails:
            self._run(f"MATCH (d:{DOCUMENT_LABEL} {{id: $id}}) SET d.text = d.text + $piece",
                      {"id": doc_id, "piece": piece}, write=True)

    def _reset_pending(self) -> None:
        self._pending_docs: dict[str, DocumentInfo] = {}
        self._pending_edges: dict[str, Edge] = {}
        self._pending_entities: dict[str, Entity] = {}
        self._pending_relations = 0

    def _write_entities(self, entities: list[Entity]) -> None:
        by_label: dict[str, list[dict[str, Any]]] = {}
        for entity in entities:
            label = identifier(kind_label(entity.kind), "entity kind")
            by_label.setdefault(label, []).append({"id": entity.id, "props": entity_props(entity)})
        for label, rows in sorted(by_label.items()):
            self._write_rows(f"UNWIND $rows AS row MERGE (n:{ENTITY_LABEL} {{id: row.id}}) "
                             f"SET n:{label}, n += row.props", rows)

    def _write_evidence(self, edges: Iterable[Edge]) -> None:
        """Evidence nodes; a sentence too long for one request is sent in pieces and appended."""
        rows, tails = [], []
        for edge in edges:
            for ev in edge.evidence:
                props = evidence_props(edge, ev)
                row = {"id": evidence_id(edge.id, ev), "props": props}
                if self.batch_bytes and literal_size(row) + 64 > self.batch_bytes // 2:
                    pieces = self._pieces(ev.sentence, self.batch_bytes // 4)
                    props["sentence"] = pieces[0]
                    tails.extend((row["id"], piece) for piece in pieces[1:])
                rows.append(row)
        self._write_rows(f"UNWIND $rows AS row MERGE (e:{EVIDENCE_LABEL} {{id: row.id}}) SET e += row.props", rows)
        for ev_id, piece in tails:
            self._run(f"MATCH (e:{EVIDENCE_LABEL} {{id: $id}}) SET e.sentence = e.sentence + $piece",
                      {"id": ev_id, "piece": piece}, write=True)

    @staticmethod
    def _pieces(text: str, budget: int) -> list[str]:
        """Cut ``text`` into pieces of at most ``budget`` literal bytes each."""
        pieces, current, size = [], [], 0
        for ch in text:
            n = literal_size(ch) - 2
            if current and size + n > budget:
                pieces.append("".join(current))
                current, size = [], 0
            current.append(ch)
            size += n
        pieces.append("".join(current))
        return pieces

    def _write_edges(self, edges: Iterable[Edge], existing: Mapping[str, Mapping[str, tuple]]) -> None:
        by_type: dict[str, list[dict[str, Any]]] = {}
        for edge in edges:
            reports = dict(existing.get(edge.id, {}))
            reports.update({evidence_id(edge.id, ev): (ev.doc, ev.published) for ev in edge.evidence})
            documents = sorted({doc for doc, _ in reports.values()})
            published = [p for _, p in reports.values() if p]
            props = {"date": edge.date, "date_precision": edge.date_precision, "modality": edge.modality,
                     "role": edge.role, "cameo": edge.cameo, "plover": edge.plover, "n_sources": len(documents),
                     "documents": documents, "n_evidence": len(reports),
                     "first_reported": min(published, default=None), "last_reported": max(published, default=None)}
            by_type.setdefault(identifier(edge.type, "relation type"), []).append(
                {"id": edge.id, "source": edge.source, "target": edge.target, "props": props})
        for type_, rows in sorted(by_type.items()):
            self._write_rows(f"UNWIND $rows AS row MATCH (a:{ENTITY_LABEL} {{id: row.source}}), "
                             f"(b:{ENTITY_LABEL} {{id: row.target}}) MERGE (a)-[r:{type_} {{id: row.id}}]->(b) "
                             "SET r += row.props", rows)

    def clear(self) -> None:
        """Delete every node Geograph wrote (entities, evidence, documents), in chunks; drop the queue."""
        self._reset_pending()
        for label in (EVIDENCE_LABEL, ENTITY_LABEL, DOCUMENT_LABEL):
            while True:
                (deleted,), = self._run(f"MATCH (n:{label}) WITH n LIMIT {_DELETE_CHUNK} DETACH DELETE n "
                                        "RETURN count(n)", write=True)
                if not deleted:
                    break
