"""The embedded store's writes by *group* (an edge's key without its date): adding, removing and
replacing articles so that the graph is the same whatever order they came in (:mod:`graph.provenance`).

Kept per group, built on the first write after a load (reading commands never pay for it): the
sorted dates of its dated edges, and its undated reports by publication date. Where an undated
report sits is :func:`graph.provenance.join_date` of those two, so a new date moves only the
reports whose 30-day window it falls in (:func:`graph.provenance.published_affected`), not every
report of the group: adding stays O(1) per piece of evidence on a busy edge.
"""
from __future__ import annotations

import bisect
import dataclasses
from typing import Any, Iterable, Mapping

from ..errors import StoreError
from ..model import (Entity, Evidence, Relation, edge_fields, edge_id, merge_evidence, oriented_evidence,
                     with_provisional)
from ..provenance import COPY_BANDS, copy_components, group_key, is_copy, join_date, published_affected, settle_group
from .base import DocumentInfo

__all__ = ["GroupedWrites"]


class _Group:
    __slots__ = ("template", "dates", "undated")

    def __init__(self, template: Mapping[str, Any]):
        self.template = {k: template[k] for k in ("source", "type", "target", "modality", "role", "cameo", "plover")}
        self.dates: list[str] = []                              # dates of its dated edges, sorted
        self.undated: dict[str | None, list[Evidence]] = {}     # published -> undated reports (as extracted)

    def edge_id(self, date: str | None) -> str:
        t = self.template
        return edge_id((t["source"], t["type"], t["target"], date or "", t["modality"], t["role"] or ""))


class GroupedWrites:
    """Mixin of :class:`graph.stores.networkx_store.NetworkXStore`: add, remove, copies."""

    _groups: dict[tuple, _Group] | None = None

    # ---- the group index ------------------------------------------------

    def _ensure_groups(self) -> dict[tuple, _Group]:
        if self._groups is not None:
            return self._groups
        self._groups, self._doc_groups, self._bands = {}, {}, {}
        for attrs in self._edges.values():
            grp = self._group_of(attrs)
            date = attrs["date"]
            if date and any(not e.undated for e in attrs["evidence"]):
                bisect.insort(grp.dates, date)
            for ev in attrs["evidence"]:
                self._doc_groups.setdefault(ev.doc, set()).add(group_key(attrs))
                if ev.undated or not date:
                    grp.undated.setdefault(ev.published, []).append(dataclasses.replace(ev, undated=False))
        for doc in self._documents.values():
            for band in doc.sketch:
                self._bands.setdefault(band, set()).add(doc.id)
        return self._groups

    def _group_of(self, fields: Mapping[str, Any]) -> _Group:
        key = group_key(fields)
        grp = self._groups.get(key)
        if grp is None:
            grp = self._groups[key] = _Group(fields)
        return grp

    # ---- edges of a group -------------------------------------------------

    def _merge_into(self, grp: _Group, date: str | None, evidence: list[Evidence]) -> None:
        id_ = grp.edge_id(date)
        attrs = self._edges.get(id_)
        if attrs is None:
            fields = dict(grp.template, id=id_, date=date, evidence=[])
            merge_evidence(fields["evidence"], set(), evidence)
            self._put_edge(fields)
            return
        keys = self._keys.get(id_)
        if keys is None:
            keys = self._keys[id_] = {e.key for e in attrs["evidence"]}
        if merge_evidence(attrs["evidence"], keys, evidence):
            self._summaries.pop(id_, None)

    def _take_from(self, grp: _Group, date: str | None, keys: set) -> None:
        id_ = grp.edge_id(date)
        attrs = self._edges.get(id_)
        if attrs is None:
            return
        attrs["evidence"] = [e for e in attrs["evidence"] if e.key not in keys]
        self._keys.pop(id_, None)
        self._summaries.pop(id_, None)
        if not attrs["evidence"]:
            self._drop_edge(id_)

    def _drop_edge(self, id_: str) -> None:
        attrs = self._edges.pop(id_)
        self.graph.remove_edge(attrs["source"], attrs["target"], key=id_)
        for end in {attrs["source"], attrs["target"]}:
            self._index.get((end, attrs["type"]), {}).pop(id_, None)
        self._by_type.get(attrs["type"], {}).pop(id_, None)
        self._keys.pop(id_, None)
        self._summaries.pop(id_, None)

    def _place(self, grp: _Group, published: str | None, evidence: list[Evidence], where: str | None) -> None:
        self._merge_into(grp, where, evidence if where is None else
                         [dataclasses.replace(e, undated=True) for e in evidence])

    def _add_report(self, grp: _Group, date: str | None, evidence: list[Evidence]) -> None:
        if date is None:
            by_published: dict[str | None, list[Evidence]] = {}
            for ev in evidence:
                by_published.setdefault(ev.published, []).append(ev)
            for published, pieces in by_published.items():
                grp.undated.setdefault(published, []).extend(pieces)
                self._place(grp, published, pieces, join_date(published, grp.dates))
            return
        at = bisect.bisect_left(grp.dates, date)
        if at < len(grp.dates) and grp.dates[at] == date:
            self._merge_into(grp, date, evidence)
            return
        before = list(grp.dates)
        grp.dates.insert(at, date)
        self._merge_into(grp, date, evidence)
        for published in [None, *published_affected(date)]:
            pieces = grp.undated.get(published)
            if not pieces:
                continue
            old, new = join_date(published, before), join_date(published, grp.dates)
            if old != new:
                self._take_from(grp, old, {e.key for e in pieces})
                self._place(grp, published, pieces, new)

    def _resettle(self, key: tuple, drop: str | None = None) -> set[str]:
        """Rebuild a group from its reports (less those of article ``drop``); the ends it touched."""
        grp = self._groups[key]
        reports = []
        for date in [None, *grp.dates]:
            attrs = self._edges.get(grp.edge_id(date))
            if attrs is None:
                continue
            reports += [(None if e.undated or not date else date, e) for e in attrs["evidence"] if e.doc != drop]
            self._drop_edge(attrs["id"])
        grp.dates, grp.undated = [], {}
        for own, ev in reports:
            if own is None:
                grp.undated.setdefault(ev.published, []).append(dataclasses.replace(ev, undated=False))
        placed = settle_group(reports)
        for where, evidence in placed.items():
            self._merge_into(grp, where, evidence)
        grp.dates = sorted(d for d in placed if d is not None)
        if not reports:
            del self._groups[key]
        return {grp.template["source"], grp.template["target"]}

    # ---- articles --------------------------------------------------------

    def add_document(self, doc: DocumentInfo, relations: Iterable[Relation],
                     entities: Mapping[str, Entity]) -> bool:
        """Merge one article; O(1) per piece of evidence (no copies of an edge's evidence). An end the gazetteer
        lacks is a provisional person the relation carries (``Relation.provisional``), stored with its name."""
        with self._lock:
            if doc.id in self._documents:
                return False
            relations = list(relations)
            entities = with_provisional(entities, relations)
            found = [(f, oriented_evidence(r, f["source"]))      # spans swapped when a symmetric edge is turned
                     for r in relations for f in (edge_fields(r, self._relation_type(r, doc.id)),)]
            for fields, _ in found:
                for end in (fields["source"], fields["target"]):
                    if end not in entities and end not in self.graph:
                        raise StoreError(f"document {doc.id!r} relates {fields['source']} {fields['type']} "
                                         f"{fields['target']}, but entity {end!r} is not in the gazetteer: "
                                         "add it under schema/")
            self._ensure_groups()
            doc = self._place_copy(doc)
            groups = self._doc_groups.setdefault(doc.id, set())
            for fields, evidence in found:
                for end in (fields["source"], fields["target"]):
                    if end in entities:
                        self._put_entity(entities[end])
                if doc.copy_of:
                    evidence = [dataclasses.replace(e, copy_of=doc.copy_of) for e in evidence]
                groups.add(group_key(fields))
                self._add_report(self._group_of(fields), fields["date"], evidence)
            self._documents[doc.id] = doc
            if self._by_source is not None and doc.source:
                self._by_source[doc.source] = doc.id
            self._changed()
            return True

    def remove_document(self, doc_id: str) -> bool:
        """Take an article out: its evidence, the edges only it supported, the entities left without
        an edge; the undated reports its dated edges had drawn go back to where they belong."""
        with self._lock:
            if doc_id not in self._documents:
                return False
            self._ensure_groups()
            ends: set[str] = set()
            for key in sorted(self._doc_groups.pop(doc_id, set())):
                ends |= self._resettle(key, drop=doc_id)
            doc = self._documents.pop(doc_id)
            for band in doc.sketch:
                self._bands.get(band, set()).discard(doc_id)
            root = doc.copy_of or doc_id
            self._recopy({d.id for d in self._documents.values() if (d.copy_of or d.id) == root})
            for end in ends:
                if end in self.graph and self.graph.degree(end) == 0:
                    self._drop_entity(end)
            self._changed()
            return True

    def document(self, doc_id: str) -> DocumentInfo | None:
        return self._documents.get(doc_id)

    def set_document_schema(self, doc_ids: Iterable[str], schema: str) -> None:
        with self._lock:
            for doc_id in doc_ids:
                doc = self._documents.get(doc_id)
                if doc is not None and doc.schema != schema:
                    self._documents[doc_id] = dataclasses.replace(doc, schema=schema)
                    self._changed()
    def document_from(self, source: str) -> str | None:
        """The id of the article read from ``source``, through an index built on first use (an entry
        of an article since removed is checked away)."""
        with self._lock:
            if self._by_source is None:
                self._by_source = {d.source: d.id for d in self._documents.values() if d.source}
            found = self._by_source.get(source)
            doc = self._documents.get(found) if found is not None else None
            return found if doc is not None and doc.source == source else None

    def document_relations(self, doc_id: str) -> list[Relation]:
        """The relations article ``doc_id`` stated, as stored (each with its own date, not the one it joined)."""
        with self._lock:
            self._ensure_groups()
            found: dict[tuple, Relation] = {}
            for key in self._doc_groups.get(doc_id, ()):
                grp = self._groups[key]
                for date in [None, *grp.dates]:
                    attrs = self._edges.get(grp.edge_id(date))
                    for ev in attrs["evidence"] if attrs else ():
                        if ev.doc == doc_id:
                            own = None if ev.undated else date
                            rel = found.get((key, own))
                            if rel is None:
                                t = grp.template
                                rel = found[(key, own)] = Relation(doc_id, t["source"], t["type"], t["target"], own,
                                                                   t["modality"], t["role"])
                            rel.evidence.append(ev)
            return list(found.values())

    # ---- republished copies ---------------------------------------------

    def _place_copy(self, doc: DocumentInfo) -> DocumentInfo:
        """Index the article's sketch; the copies it joins get their ``copy_of`` again (smallest id first)."""
        if not doc.sketch:
            return doc
        shared: dict[str, int] = {}
        for band in doc.sketch:
            for other in self._bands.get(band, ()):
                shared[other] = shared.get(other, 0) + 1
            self._bands.setdefault(band, set()).add(doc.id)
        matched = [d for d, n in shared.items() if n >= COPY_BANDS and is_copy(doc.sketch, self._documents[d].sketch)]
        if not matched:
            return doc
        roots = {self._documents[d].copy_of or d for d in matched}
        members = {d.id for d in self._documents.values() if (d.copy_of or d.id) in roots}
        sketches = {i: self._documents[i].sketch for i in members}
        sketches[doc.id] = doc.sketch
        placed = copy_components(sketches)
        self._set_copy_of({i: c for i, c in placed.items() if i != doc.id})
        return dataclasses.replace(doc, copy_of=placed[doc.id])

    def _recopy(self, members: set[str]) -> None:
        if members:
            self._set_copy_of(copy_components({i: self._documents[i].sketch for i in members}))

    def _set_copy_of(self, copy_of: Mapping[str, str | None]) -> None:
        for doc_id, root in copy_of.items():
            if self._documents[doc_id].copy_of == root:
                continue
            self._documents[doc_id] = dataclasses.replace(self._documents[doc_id], copy_of=root)
            for key in self._doc_groups.get(doc_id, ()):
                grp = self._groups[key]
                for date in [None, *grp.dates]:
                    attrs = self._edges.get(grp.edge_id(date))
                    if attrs is not None:
                        attrs["evidence"] = [dataclasses.replace(e, copy_of=root) if e.doc == doc_id else e
                                             for e in attrs["evidence"]]
                        self._summaries.pop(attrs["id"], None)
                for published, pieces in grp.undated.items():
                    grp.undated[published] = [dataclasses.replace(e, copy_of=root) if e.doc == doc_id else e
                                              for e in pieces]
