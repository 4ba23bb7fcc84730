"""Writing to Neo4j: articles are queued and written together, entities, evidence, edges, then documents.

Articles are queued and written together (on :meth:`Neo4jWriter.flush`, before
any read, or once ``batch_size`` relations wait) through auto-commit queries,
batched as ``UNWIND $rows AS row MERGE ...``. An article's ``:Document`` node is
written last: an article whose Document node exists is complete, so loading
twice changes nothing and a failed flush is redone by adding again.

Every ``:Evidence`` node names its *group* (an edge's key without its date) and
the date its report gave. A flush or a removal settles the groups it touched
from all their reports (:func:`graph.provenance.settle_group`): undated reports
join the one dated edge within 30 days, as on the embedded store, whatever the order.
"""
from __future__ import annotations

import dataclasses
from typing import Any, Iterable, Mapping

from ..errors import StoreError
from ..model import (ENTITY_LABEL, Edge, Entity, Evidence, Relation, edge_from_relation, edge_id, kind_label,
                     with_provisional)
from ..provenance import copy_components, is_copy, settle_group
from .base import DocumentInfo
from .neo4j_bolt import literal_size
from .neo4j_records import (DOCUMENT_LABEL, EVIDENCE_LABEL, evidence_from_props, evidence_id, evidence_props,
                            entity_props, group_id, identifier)

__all__ = ["Neo4jWriter", "DOC_FIELDS", "document_from_props"]

_DELETE_CHUNK = 5000
DOC_FIELDS = ("outlet", "published", "lang", "path", "url", "sha", "schema", "sketch", "copy_of", "parts", "source")
_LISTS = ("sketch", "parts")    # tuples of strings, held as lists


def document_from_props(p: Mapping[str, Any]) -> DocumentInfo:
    """A Document node's properties (with or without ``text``) as the store's record of the article."""
    return DocumentInfo(id=p["id"], **{f: p.get(f) for f in DOC_FIELDS if f not in _LISTS},
                        **{f: tuple(p.get(f) or ()) for f in _LISTS}, text=p.get("text"))


class Neo4jWriter:
    """The writing half of the Neo4j store (a mixin over :class:`graph.stores.neo4j_bolt.BoltSession`)."""

    def _existing_entities(self, ids: Iterable[str]) -> set[str]:
        return {row[0] for row in self._read_by_ids(
            f"MATCH (n:{ENTITY_LABEL}) WHERE n.id IN $ids RETURN n.id", sorted(ids))}

    def add_document(self, doc: DocumentInfo, relations: Iterable[Relation],
                     entities: Mapping[str, Entity]) -> bool:
        """Queue one article; the queue is written once it holds ``batch_size`` relations, and on
        :meth:`flush` (which every read and :meth:`close` call first), so batches span articles."""
        with self._write_lock:
            if self.has_document(doc.id):
                return False
            edges: dict[str, Edge] = {}
            count = 0
            relations = list(relations)
            entities = with_provisional(entities, relations)   # (provisional persons: stored with their names)
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

    def document(self, doc_id: str) -> DocumentInfo | None:
        if doc_id in self._pending_docs:
            return self._pending_docs[doc_id]
        rows = self._run(f"MATCH (d:{DOCUMENT_LABEL} {{id: $id}}) RETURN properties(d)", {"id": doc_id})
        return document_from_props(rows[0][0]) if rows else None

    def document_relations(self, doc_id: str) -> list[Relation]:
        """The relations an article stated, as stored (each with its own date, not the one it joined)."""
        self.flush()
        found: dict[tuple, Relation] = {}
        for (props,) in self._run(f"MATCH (e:{EVIDENCE_LABEL} {{doc: $id}}) RETURN properties(e)", {"id": doc_id}):
            source, type_, target, modality, role = props["group"].split("\x1f")
            own = props.get("own_date")
            rel = found.get((props["group"], own))
            if rel is None:
                rel = found[(props["group"], own)] = Relation(doc_id, source, type_, target, own, modality, role or None)
            rel.evidence.append(evidence_from_props(props))
        return list(found.values())

    def set_document_schema(self, doc_ids: Iterable[str], schema: str) -> None:
        with self._write_lock:
            self.flush()
            ids = sorted(set(doc_ids))
            for at in range(0, len(ids), _DELETE_CHUNK):
                self._run(f"UNWIND $ids AS id MATCH (d:{DOCUMENT_LABEL} {{id: id}}) SET d.schema = $schema",
                          {"ids": ids[at:at + _DELETE_CHUNK], "schema": schema}, write=True)

    def remove_document(self, doc_id: str) -> bool:
        """Take an article out (Document node first: what remains is re-added by adding it again)."""
        with self._write_lock:
            self.flush()
            doc = self.document(doc_id)
            if doc is None:
                return False
            groups = sorted({g for (g,) in self._run(f"MATCH (e:{EVIDENCE_LABEL} {{doc: $id}}) "
                                                     "RETURN DISTINCT e.group", {"id": doc_id})})
            self._run(f"MATCH (d:{DOCUMENT_LABEL} {{id: $id}}) DELETE d", {"id": doc_id}, write=True)
            root = doc.copy_of or doc_id
            rows = self._run(f"MATCH (d:{DOCUMENT_LABEL}) WHERE d.id = $root OR d.copy_of = $root "
                             "RETURN d.id, d.sketch", {"root": root})
            changed = self._set_copy_of(copy_components({i: tuple(s or ()) for i, s in rows}))
            self._settle(groups + changed, {}, drop=doc_id)
            return True

    def flush(self) -> None:
        """Write the queued articles: entities, the groups their reports touch (settled), then their
        Document nodes (so an article whose Document node exists is complete)."""
        with self._write_lock:
            if not self._pending_docs:
                return
            docs, edges, entities = self._pending_docs, self._pending_edges, self._pending_entities
            self._ensure_schema()
            self._write_entities([entities[i] for i in sorted(entities)])
            self._place_copies()
            docs = self._pending_docs
            new: dict[str, list[tuple[str | None, Evidence]]] = {}
            for edge in edges.values():
                new.setdefault(group_id(edge), []).extend((edge.date, ev) for ev in edge.evidence)
            changed = self._set_copy_of(self._pending_copies)
            self._settle(sorted(set(new) | set(changed)), new)
            self._write_documents([d for _, d in sorted(docs.items())])
            self._reset_pending()

    def _write_documents(self, docs: list[DocumentInfo]) -> None:
        """Document nodes with their metadata and text; a text or a list (the schema parts an article
        read grow with the schema) too long for one request (servers that inline parameters) is sent in
        pieces and appended."""
        rows, tails = [], []
        for d in docs:
            props = {k: v for k, v in ((f, list(getattr(d, f)) if f in _LISTS else getattr(d, f))
                                       for f in (*DOC_FIELDS, "text")) if v is not None and v != []}
            row = {"id": d.id, "props": props}
            for field in ("text", *_LISTS):
                if props.get(field) and self.batch_bytes and literal_size(row) + 64 > self.batch_bytes // 2:
                    cut = self._pieces if field == "text" else self._chunks
                    pieces = cut(props[field], self.batch_bytes // 4)
                    props[field] = pieces[0]
                    tails.extend((d.id, field, piece) for piece in pieces[1:])
            rows.append(row)
        self._write_rows(f"UNWIND $rows AS row MERGE (d:{DOCUMENT_LABEL} {{id: row.id}}) SET d += row.props", rows)
        for doc_id, field, piece in tails:   # (field: "text" or one of _LISTS, never user input)
            self._run(f"MATCH (d:{DOCUMENT_LABEL} {{id: $id}}) SET d.{field} = d.{field} + $piece",
                      {"id": doc_id, "piece": piece}, write=True)

    @classmethod
    def _chunks(cls, items: list[str], budget: int) -> list[list[str]]:
        """Cut a list into runs of at most ``budget`` literal bytes each, brackets and commas counted.

        >>> Neo4jWriter._chunks(["aaaa", "bbbb", "cc"], 20)
        [['aaaa', 'bbbb'], ['cc']]
        """
        return cls._runs(items, budget, lambda item: literal_size(item) + 2, base=2)

    def _settle(self, groups: list[str], new: Mapping[str, list[tuple[str | None, Evidence]]],
                drop: str | None = None) -> None:
        """Rewrite the edges of ``groups`` from all their reports: stored ones (less article ``drop``'s)
        and ``new`` ones; evidence and relationships no longer placed are deleted."""
        if not groups:
            return
        stored: dict[str, list[tuple[str | None, Evidence]]] = {}
        old_evidence, old_edges, ends = set(), {}, set()
        for (props,) in self._read_by_ids(f"MATCH (e:{EVIDENCE_LABEL}) WHERE e.group IN $ids RETURN properties(e)",
                                          groups):
            old_evidence.add(props["id"])
            old_edges[props["edge"]] = props["source"]
            if props["doc"] != drop:
                stored.setdefault(props["group"], []).append((props.get("own_date"), evidence_from_props(props)))
        placed_edges: list[Edge] = []
        for gid in groups:
            source, type_, target, modality, role = gid.split("\x1f")
            ends |= {source, target}
            kind = self.relation_types.get(type_) if self.relation_types else None
            seen, reports = set(), []
            for own, ev in [*new.get(gid, ()), *stored.get(gid, ())]:
                if (own, ev.key) not in seen:
                    seen.add((own, ev.key))
                    reports.append((own, ev))
            for where, evidence in settle_group(reports).items():
                id_ = edge_id((source, type_, target, where or "", modality, role))
                placed_edges.append(Edge(id_, source, type_, target, where, modality, role or None,
                                         getattr(kind, "cameo", None), getattr(kind, "plover", None), evidence))
        keep_edges = {e.id for e in placed_edges}
        keep_evidence = {evidence_id(e.id, ev) for e in placed_edges for ev in e.evidence}
        self._delete_ids(f"MATCH (e:{EVIDENCE_LABEL}) WHERE e.id IN $ids DETACH DELETE e",
                         sorted(old_evidence - keep_evidence))
        gone = [{"id": i, "source": s} for i, s in sorted(old_edges.items()) if i not in keep_edges]
        self._write_rows(f"UNWIND $rows AS row MATCH (:{ENTITY_LABEL} {{id: row.source}})-[r]->() "
                         "WHERE r.id = row.id DELETE r", gone)
        self._write_evidence(placed_edges)
        self._write_edges(placed_edges)
        if drop is not None:
            self._write_rows(f"UNWIND $rows AS row MATCH (n:{ENTITY_LABEL} {{id: row.id}}) "
                             "WHERE NOT (n)--() DELETE n", [{"id": e} for e in sorted(ends)])

    def _delete_ids(self, cypher: str, ids: list[str]) -> None:
        for batch in self._batches([{"id": i} for i in ids]):
            self._run(cypher, {"ids": [r["id"] for r in batch]}, write=True)

    # ---- republished copies ---------------------------------------------

    def _place_copies(self) -> None:
        """The queued articles' ``copy_of`` among themselves and the stored ones (one lookup by band);
        stored copies whose first article changes are queued for :meth:`_set_copy_of`."""
        pending = {d.id: d for d in self._pending_docs.values() if d.sketch}
        if not pending:
            return
        rows = self._read_by_ids(f"MATCH (d:{DOCUMENT_LABEL}) WHERE any(b IN d.sketch WHERE b IN $ids) "
                                 "RETURN d.id, d.sketch, d.copy_of", sorted({b for d in pending.values()
                                                                             for b in d.sketch}))
        stored = {i: (tuple(s or ()), c) for i, s, c in rows}
        roots = {c or i for i, (s, c) in stored.items() if any(is_copy(d.sketch, s) for d in pending.values())}
        if roots:
            rows = self._read_by_ids(f"MATCH (d:{DOCUMENT_LABEL}) WHERE d.id IN $ids OR d.copy_of IN $ids "
                                     "RETURN d.id, d.sketch, d.copy_of", sorted(roots))
            stored.update({i: (tuple(s or ()), c) for i, s, c in rows})
        members = {i: s for i, (s, c) in stored.items() if (c or i) in roots}
        members.update({i: d.sketch for i, d in pending.items()})
        changed: dict[str, str | None] = {}
        for i, root in copy_components(members).items():
            if i in pending:
                if pending[i].copy_of != root:
                    self._pending_docs[i] = dataclasses.replace(pending[i], copy_of=root)
                    changed[i] = root
            elif stored[i][1] != root:
                self._pending_copies[i] = root
        if changed:
            for edge in self._pending_edges.values():
                edge.evidence = [dataclasses.replace(e, copy_of=changed[e.doc]) if e.doc in changed else e
                                 for e in edge.evidence]

    def _set_copy_of(self, copy_of: Mapping[str, str | None]) -> list[str]:
        """Set stored articles' ``copy_of`` (Document and Evidence); the groups whose sources changed."""
        groups: set[str] = set()
        for doc_id, root in sorted(copy_of.items()):
            self._run(f"MATCH (d:{DOCUMENT_LABEL} {{id: $id}}) SET d.copy_of = $root", {"id": doc_id, "root": root},
                      write=True)
            groups |= {g for (g,) in self._run(f"MATCH (e:{EVIDENCE_LABEL} {{doc: $id}}) SET e.copy_of = $root "
                                               "RETURN DISTINCT e.group", {"id": doc_id, "root": root}, write=True)}
        return sorted(groups)

    def _reset_pending(self) -> None:
        self._pending_docs: dict[str, DocumentInfo] = {}
        self._pending_edges: dict[str, Edge] = {}
        self._pending_entities: dict[str, Entity] = {}
        self._pending_relations = 0
        self._pending_copies: dict[str, str | None] = {}   # stored article -> its new copy_of

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

    @classmethod
    def _pieces(cls, text: str, budget: int) -> list[str]:
        """Cut ``text`` into pieces of at most ``budget`` literal bytes each."""
        return ["".join(run) for run in cls._runs(text, budget, lambda ch: literal_size(ch) - 2)]

    @staticmethod
    def _runs(items, budget: int, cost, base: int = 0) -> list[list]:
        """Cut ``items`` into runs whose ``cost`` (plus ``base``) stays within ``budget``; an item dearer than
        that stands alone. (the packing of :meth:`_pieces` and :meth:`_chunks`)"""
        runs: list[list] = [[]]
        size = base
        for item in items:
            n = cost(item)
            if runs[-1] and size + n > budget:
                runs.append([])
                size = base
            runs[-1].append(item)
            size += n
        return runs

    def _write_edges(self, edges: Iterable[Edge]) -> None:
        """Relationships with what is derived from their (complete) evidence."""
        by_type: dict[str, list[dict[str, Any]]] = {}
        for edge in edges:
            props = {"date": edge.date, "date_precision": edge.date_precision, "modality": edge.modality,
                     "role": edge.role, "cameo": edge.cameo, "plover": edge.plover, "n_sources": edge.n_sources,
                     "documents": edge.documents, "n_evidence": len(edge.evidence),
                     "first_reported": edge.first_reported, "last_reported": edge.last_reported}
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
