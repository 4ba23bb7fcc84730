"""The graph model: entities, relations as extracted, and merged edges.

Extraction emits :class:`Relation` records (one per distinct relation in a
document, with every sentence that states it as :class:`Evidence`). Stores
merge them into :class:`Edge` objects: the same relation reported by several
articles is one edge with several pieces of evidence; reports whose dates
differ stay separate edges, except that an undated report joins the one dated
edge it can belong to (:mod:`graph.provenance`).
"""
from __future__ import annotations

import hashlib
import json
from collections import ChainMap
from dataclasses import asdict, dataclass, field, replace
from typing import Any, Iterable, Mapping

__all__ = ["Role", "Entity", "Evidence", "Relation", "Edge", "edge_key", "edge_id", "MODALITIES",
           "PRECISIONS", "date_precision", "edge_from_relation", "edge_fields", "merge_evidence", "oriented_evidence", "kind_label", "ENTITY_LABEL",
           "CYPHER_NODE_PROPERTIES", "CYPHER_EDGE_PROPERTIES"]

MODALITIES = ("fact", "negated", "future", "attempted")
PRECISIONS = ("day", "month", "year")

# What user Cypher sees on every store (same names, same values): nodes carry the
# label ENTITY_LABEL plus kind_label(kind); relationships have the relation type
# as their type. Anything else a store keeps (evidence, aliases) is not part of
# the Cypher contract.
ENTITY_LABEL = "Entity"
CYPHER_NODE_PROPERTIES = ("id", "kind", "name", "name_ar")
CYPHER_EDGE_PROPERTIES = ("date", "date_precision", "modality", "role", "n_sources", "first_reported")


def kind_label(kind: str) -> str:
    """The Cypher label of an entity kind.

    >>> kind_label("armed_group"), kind_label("country")
    ('ArmedGroup', 'Country')
    """
    return "".join(part.capitalize() for part in kind.split("_"))


def date_precision(date: str | None) -> str | None:
    """'2025-11-04' -> 'day', '2025-09' -> 'month', '2014' -> 'year', None -> None."""
    if not date:
        return None
    return {4: "year", 7: "month", 10: "day"}.get(len(date))


@dataclass(frozen=True)
class Role:
    """A role a person holds in an entity, with its validity (ISO dates at any precision)."""

    role: str
    of: str
    start: str | None = None
    end: str | None = None

    def valid_on(self, date: str | None) -> bool:
        """Whether the role is held on date, each bound compared at the coarser of the two precisions.

        >>> Role("President", "GNB", "2020-02", "2025-11").valid_on("2025-11-26")
        True
        >>> Role("President", "GNB", "2020-02", "2025-11").valid_on("2025-12-01")
        False
        """
        if not date:
            return True
        return (self.start is None or self.start[: len(date)] <= date) and (
            self.end is None or date[: len(self.end)] <= self.end)

    def to_property(self) -> str:
        """The role as one string property, as both Cypher stores hold it (their lists take strings only).

        >>> Role("minister", "MLI", "2025").to_property()
        '{"role": "minister", "of": "MLI", "start": "2025", "end": null}'
        """
        return json.dumps({"role": self.role, "of": self.of, "start": self.start, "end": self.end},
                          ensure_ascii=False)


@dataclass(frozen=True)
class Entity:
    """An actor or place from the gazetteer."""

    id: str
    kind: str
    name: str
    name_ar: str | None = None
    aliases: tuple[str, ...] = ()
    country: str | None = None       # organizations, people, places: the state they belong to
    roles: tuple[Role, ...] = ()
    #: a person the gazetteer does not know, named beside a title in an article (graph.extraction.provisional):
    #: stored with the name as written until a curator adds it to the gazetteer
    provisional: bool = False

    @property
    def ties(self) -> frozenset[str]:
        """The ids the gazetteer ties this entity to: its country and what each of its roles is of.

        >>> sorted(Entity("X", "person", "X", country="MLI", roles=(Role("minister", "MLI_MOD"),)).ties)
        ['MLI', 'MLI_MOD']
        """
        return frozenset((self.country, *(r.of for r in self.roles))) - {None}

    def to_json(self) -> dict[str, Any]:
        d = asdict(self)
        d["aliases"] = list(self.aliases)
        d["roles"] = [asdict(r) for r in self.roles]
        if not self.provisional:
            del d["provisional"]   # (a gazetteer's entity: no key, its stored form as before)
        return d

    @classmethod
    def from_json(cls, d: dict[str, Any]) -> "Entity":
        return cls(id=d["id"], kind=d["kind"], name=d["name"], name_ar=d.get("name_ar"),
                   aliases=tuple(d.get("aliases") or ()), country=d.get("country"),
                   roles=tuple(Role(**r) for r in d.get("roles") or ()), provisional=bool(d.get("provisional")))


@dataclass(slots=True)
class Evidence:
    """One sentence that states a relation, with exact spans into the document's text."""

    doc: str
    sentence: str
    sentence_span: tuple[int, int]
    # trigger, source, target, date -> [start, end) in the document, inside the sentence; carried_source (or
    # carried_target once stored the other way round): where an earlier sentence names a carried subject
    spans: dict[str, tuple[int, int]]
    rule: str
    confidence: float
    outlet: str | None = None
    published: str | None = None               # ISO date of the article, if known
    lang: str | None = None
    url: str | None = None                     # the web page or dump record the article came from
    schema: str | None = None                  # fingerprint of the schema parts its article read (graph.schema.parts)
    undated: bool = False                      # the report gave no date and joined this dated edge
    copy_of: str | None = None                 # the article this one republishes (graph.provenance)

    @property
    def key(self) -> tuple:
        """What makes two pieces of evidence the same report (merging never duplicates it)."""
        return (self.doc, tuple(self.sentence_span), self.rule)

    def to_json(self) -> dict[str, Any]:
        d = asdict(self)
        d["sentence_span"] = list(self.sentence_span)
        d["spans"] = {k: list(v) for k, v in self.spans.items()}
        for optional in ("url", "copy_of", "undated"):
            if not d[optional]:
                del d[optional]
        return d

    @classmethod
    def from_json(cls, d: dict[str, Any]) -> "Evidence":
        return cls(doc=d["doc"], sentence=d["sentence"], sentence_span=tuple(d["sentence_span"]),
                   spans={k: tuple(v) for k, v in (d.get("spans") or {}).items()}, rule=d["rule"],
                   confidence=float(d.get("confidence", 1.0)), outlet=d.get("outlet"),
                   published=d.get("published"), lang=d.get("lang"), url=d.get("url"), schema=d.get("schema"),
                   undated=bool(d.get("undated")), copy_of=d.get("copy_of"))


@dataclass
class Relation:
    """A relation stated by one document (all its reports there merged).

    Serialized as one JSONL line in the format of ``score_relations.py``
    (doc, source, type, target, date), extended with the other fields.
    """

    doc: str
    source: str
    type: str
    target: str
    date: str | None = None
    modality: str = "fact"
    role: str | None = None                    # HOLDS_ROLE only: the title as the text gives it
    evidence: list[Evidence] = field(default_factory=list)
    #: the ends the gazetteer does not know, as the article names them (provisional persons): what a store needs
    provisional: tuple[Entity, ...] = ()

    @property
    def date_precision(self) -> str | None:
        return date_precision(self.date)

    @property
    def confidence(self) -> float:
        return max((e.confidence for e in self.evidence), default=0.0)

    def to_json(self) -> dict[str, Any]:
        return {"doc": self.doc, "source": self.source, "type": self.type, "target": self.target,
                "date": self.date, "date_precision": self.date_precision, "modality": self.modality,
                "role": self.role, "confidence": round(self.confidence, 3),
                "evidence": [e.to_json() for e in self.evidence],
                **({"provisional": [e.to_json() for e in self.provisional]} if self.provisional else {})}

    @classmethod
    def from_json(cls, d: dict[str, Any]) -> "Relation":
        return cls(doc=d["doc"], source=d["source"], type=d["type"], target=d["target"],
                   date=d.get("date"), modality=d.get("modality", "fact"), role=d.get("role"),
                   evidence=[Evidence.from_json(e) for e in d.get("evidence") or ()],
                   provisional=tuple(Entity.from_json(e) for e in d.get("provisional") or ()))


def with_provisional(entities: Mapping[str, Entity], relations: Iterable[Relation]) -> Mapping[str, Entity]:
    """The gazetteer's entities and the provisional persons the relations carry (a store's lookup of ends).

    >>> rel = Relation("d", "JANE_ROE", "MET", "MLI", provisional=(Entity("JANE_ROE", "person", "Jane Roe",
    ...                provisional=True),))
    >>> with_provisional({}, [rel])["JANE_ROE"].name
    'Jane Roe'
    """
    extra = {e.id: e for rel in relations for e in rel.provisional if e.id not in entities}
    return ChainMap(extra, entities) if extra else entities


def edge_key(source: str, type: str, target: str, date: str | None, modality: str,
             role: str | None, symmetric: bool) -> tuple:
    """What makes two reports the same edge. Symmetric types ignore direction."""
    if symmetric and target < source:
        source, target = target, source
    return (source, type, target, date or "", modality, role or "")


def edge_id(key: tuple) -> str:
    """A short stable id for an edge key (same key, same id, on every store and run)."""
    return hashlib.sha1("\x1f".join(key).encode("utf-8")).hexdigest()[:16]


@dataclass
class Edge:
    """A relation in the graph: one per distinct (source, type, target, date, modality, role)."""

    id: str
    source: str
    type: str
    target: str
    date: str | None
    modality: str
    role: str | None
    cameo: str | None
    plover: str | None
    evidence: list[Evidence] = field(default_factory=list)
    # Keys of ``evidence``, built on the first merge and kept in step by add_evidence (not serialized).
    _keys: set | None = field(default=None, init=False, repr=False, compare=False)

    @property
    def date_precision(self) -> str | None:
        return date_precision(self.date)

    @property
    def documents(self) -> list[str]:
        return sorted({e.doc for e in self.evidence})

    @property
    def n_sources(self) -> int:
        """Articles reporting it, republished copies counted once."""
        return len({e.copy_of or e.doc for e in self.evidence})

    @property
    def outlets(self) -> list[str]:
        return sorted({e.outlet for e in self.evidence if e.outlet})

    @property
    def first_reported(self) -> str | None:
        return min((e.published for e in self.evidence if e.published), default=None)

    @property
    def last_reported(self) -> str | None:
        return max((e.published for e in self.evidence if e.published), default=None)

    def add_evidence(self, evidence: Iterable[Evidence]) -> int:
        """Append the pieces not already here (same doc, sentence and rule); return how many.

        O(1) per piece: the keys already here are kept in a set beside the list, so an
        edge that piles up thousands of reports (a standing role) costs no more per merge.

        >>> e = Edge("x", "A", "MET", "B", None, "fact", None, None, None)
        >>> ev = Evidence("d1", "A met B.", (0, 8), {}, "r", 1.0)
        >>> e.add_evidence([ev, ev]), e.add_evidence([ev]), len(e.evidence)
        (1, 0, 1)
        """
        return merge_evidence(self.evidence, self._key_set(), evidence)

    def _key_set(self) -> set:
        if self._keys is None or len(self._keys) != len(self.evidence):   # the list was replaced or edited
            self._keys = {e.key for e in self.evidence}
        return self._keys

    def to_json(self) -> dict[str, Any]:
        return {"id": self.id, "source": self.source, "type": self.type, "target": self.target,
                "date": self.date, "date_precision": self.date_precision, "modality": self.modality,
                "role": self.role, "cameo": self.cameo, "plover": self.plover,
                "first_reported": self.first_reported, "last_reported": self.last_reported,
                "n_sources": self.n_sources, "documents": self.documents, "outlets": self.outlets,
                "evidence": [e.to_json() for e in self.evidence]}

    @classmethod
    def from_json(cls, d: dict[str, Any]) -> "Edge":
        """Inverse of :meth:`to_json` (derived fields such as ``n_sources`` are recomputed)."""
        return cls(id=d["id"], source=d["source"], type=d["type"], target=d["target"], date=d.get("date"),
                   modality=d.get("modality", "fact"), role=d.get("role"), cameo=d.get("cameo"),
                   plover=d.get("plover"), evidence=[Evidence.from_json(e) for e in d.get("evidence") or ()])


def merge_evidence(evidence: list[Evidence], keys: set, new: Iterable[Evidence]) -> int:
    """Append to ``evidence`` the pieces of ``new`` whose key is not in ``keys`` (updated); return how many.

    The one merge rule of every store: a report (doc, sentence span, rule) is never stored twice.
    """
    added = 0
    for e in new:
        key = e.key
        if key not in keys:
            keys.add(key)
            evidence.append(e)
            added += 1
    return added


_SWAPPED = {"source": "target", "target": "source", "carried_source": "carried_target",
            "carried_target": "carried_source"}


def oriented_evidence(rel: Relation, source: str) -> list[Evidence]:
    """``rel``'s evidence as seen from ``source``: when a symmetric relation is stored the other way round
    ('Landau met Diop' kept as ABDOULAYE_DIOP MET CHRISTOPHER_LANDAU), its source and target spans swap too,
    so the highlight colours always match the edge's header.

    >>> ev = Evidence("d1", "A met B.", (0, 8), {"source": (0, 1), "target": (6, 7)}, "r", 1.0)
    >>> oriented_evidence(Relation("d1", "B", "MET", "A", evidence=[ev]), "A")[0].spans
    {'source': (6, 7), 'target': (0, 1)}
    """
    if rel.source == source or rel.source == rel.target:
        return rel.evidence
    out = []
    for e in rel.evidence:
        spans = {_SWAPPED.get(k, k): v for k, v in e.spans.items()}
        out.append(replace(e, spans=dict(sorted(spans.items()))))
    return out


def edge_fields(rel: Relation, relation_type: Any = None) -> dict[str, Any]:
    """The fields (all but evidence) of the edge a relation merges into; see :func:`edge_from_relation`.

    Stores that keep edges as plain records build them from this, without an :class:`Edge`.
    """
    symmetric = bool(getattr(relation_type, "symmetric", False))
    key = edge_key(rel.source, rel.type, rel.target, rel.date, rel.modality, rel.role, symmetric)
    return {"id": edge_id(key), "source": key[0], "type": rel.type, "target": key[2], "date": rel.date or None,
            "modality": rel.modality, "role": rel.role or None, "cameo": getattr(relation_type, "cameo", None),
            "plover": getattr(relation_type, "plover", None)}


def edge_from_relation(rel: Relation, relation_type: Any = None) -> Edge:
    """The edge a relation merges into: direction normalized for symmetric types, codes from the ontology.

    ``relation_type`` is the ontology entry (``schema.relation_types[rel.type]``:
    anything with ``symmetric``, ``cameo`` and ``plover``). Every store builds its
    edges with this (or :func:`edge_fields`), so ids and directions agree across stores.

    >>> class Met: symmetric, cameo, plover = True, "040", "CONSULT"
    >>> e = edge_from_relation(Relation("d1", "USA", "MET", "MLI", "2025-11-04"), Met)
    >>> (e.source, e.target, e.cameo, e.id == edge_id(("MLI", "MET", "USA", "2025-11-04", "fact", "")))
    ('MLI', 'USA', '040', True)
    """
    edge = Edge(**edge_fields(rel, relation_type))
    edge.add_evidence(oriented_evidence(rel, edge.source))
    return edge
