"""The one small interface every graph store implements.

Both backends hold the same model (:mod:`graph.model`) and answer the same
calls; :mod:`graph.queries` builds "who met whom" and friends on top of it.
"""
from __future__ import annotations

import contextlib
from abc import ABC, abstractmethod
from dataclasses import dataclass, field
from typing import Any, Hashable, Iterable, Iterator, Mapping, NamedTuple

from ..errors import StoreError
from ..model import Edge, Entity, Relation

__all__ = ["GraphStore", "DocumentInfo", "QueryResult", "EdgeFilter", "EdgeSummary", "RollUpPrefetch", "overlaps",
           "MAX_ROWS"]

# Rows a user query may give on every store; more is an error that asks for a LIMIT
# (rather than a silent cut: the caller would not know the answer is incomplete).
MAX_ROWS = 10_000


@dataclass(frozen=True)
class DocumentInfo:
    """What a store keeps of an article. Its whole ``text`` (what evidence offsets point into) is kept for the
    explorer's article page and read back by :meth:`GraphStore.document` only: listings leave it out."""

    id: str
    outlet: str | None = None
    published: str | None = None   # ISO date
    lang: str | None = None
    path: str | None = None
    url: str | None = None
    sha: str | None = None          # hash of the text (graph.provenance.text_hash): a changed text is replaced
    schema: str | None = None       # fingerprint of the schema folder it was last extracted or checked with
    sketch: tuple[str, ...] = ()    # MinHash band keys of the text: finds republished copies
    copy_of: str | None = None      # the first (by id) of the articles this one is a copy of
    parts: tuple[str, ...] = ()     # the schema parts its extraction read, 'name@hash' (graph.schema.parts)
    source: str | None = None       # the file (``#record`` of a news dump) it was read from: see graph.inputs
    text: str | None = field(default=None, repr=False, compare=False)

    def same_article(self, other: "DocumentInfo") -> bool:
        """Whether ``other`` is this article as stored: same text, metadata and schema (else it is replaced)."""
        return all(getattr(self, f) == getattr(other, f) for f in ("sha", "schema", "outlet", "published", "lang",
                                                                  "url"))


def overlaps(date: str, date_from: str | None, date_to: str | None) -> bool:
    """Whether an ISO date at any precision overlaps [date_from, date_to] (also any precision).

    >>> overlaps("2025", "2025-11-04", None), overlaps("2025-11-04", "2026", None)
    (True, False)
    """
    if date_from and date[: len(date_from)] < date_from[: len(date)]:
        return False
    if date_to and date[: len(date_to)] > date_to[: len(date)]:
        return False
    return True


@dataclass(frozen=True)
class EdgeFilter:
    """Which edges to return. Dates compare as ISO prefixes (a '2025' edge overlaps '2025-11-04')."""

    types: tuple[str, ...] | None = None       # None = every type
    actors: tuple[str, ...] | None = None      # edges touching any of these entity ids
    modalities: tuple[str, ...] = ("fact",)    # None = every modality
    date_from: str | None = None
    date_to: str | None = None
    include_undated: bool = True

    def accepts(self, edge: Edge) -> bool:
        """Whether ``edge`` passes this filter (stores may pre-select, this decides)."""
        if self.types is not None and edge.type not in self.types:
            return False
        if self.modalities is not None and edge.modality not in self.modalities:
            return False
        if self.actors and edge.source not in self.actors and edge.target not in self.actors:
            return False
        if edge.date is None:
            return self.include_undated
        return overlaps(edge.date, self.date_from, self.date_to)


class EdgeSummary(NamedTuple):
    """An edge without its evidence: what listings and who-met read (cheap on every store).

    Has the fields :meth:`EdgeFilter.accepts` reads, so filters apply to it as to an :class:`Edge`.
    A named tuple: a million of them are built in about a second.
    """

    id: str
    source: str
    type: str
    target: str
    date: str | None
    modality: str
    role: str | None
    n_sources: int
    first_reported: str | None
    documents: tuple[str, ...]

    @classmethod
    def of(cls, edge: Edge) -> "EdgeSummary":
        return cls(edge.id, edge.source, edge.type, edge.target, edge.date, edge.modality, edge.role,
                   edge.n_sources, edge.first_reported, tuple(edge.documents))


@dataclass
class RollUpPrefetch:
    """What a country-level who-met needs, fetched by a store in one round trip (see
    :meth:`GraphStore.rollup_prefetch`): the meetings, and for every end of them its entity and
    its role edges (any modality; the roll-up keeps the facts), and the entities those roles name."""

    meetings: list[EdgeSummary]
    entities: dict[str, Entity]
    roles: dict[str, list[EdgeSummary]]


@dataclass
class QueryResult:
    """Rows of a user query, JSON-ready: ``{"columns": [...], "rows": [[...]]}``."""

    columns: list[str]
    rows: list[list[Any]] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {"columns": self.columns, "rows": self.rows}


class GraphStore(ABC):
    """A place the graph lives. Adding the same document twice changes nothing."""

    name: str = "abstract"

    @abstractmethod
    def add_document(self, doc: DocumentInfo, relations: Iterable[Relation],
                     entities: Mapping[str, Entity]) -> bool:
        """Merge one article's relations (and the entities they touch). False if already present."""

    def remove_document(self, doc_id: str) -> bool:
        """Take one article out: its evidence, the edges only it supported, the entities left without
        an edge, its undated reports put back where they belong. False if it is not in the graph.
        (Stores that hold articles override it; a read-only view cannot.)"""
        raise StoreError(f"cannot remove {doc_id!r} from a {self.name} store: it is read-only")

    def set_document_schema(self, doc_ids: Iterable[str], schema: str) -> None:
        """Record that articles were checked against schema folder ``schema`` and found to read none of
        its changed parts (their relations stay as they are). Stores that hold articles override it."""
        raise StoreError(f"cannot update articles of a {self.name} store: it is read-only")

    def document_relations(self, doc_id: str) -> list[Relation]:
        """The relations an article stated, as stored (each with its own date, not the dated edge an
        undated report joined), to compare with a new extraction. Stores override it with a lookup."""
        found: dict[tuple, Relation] = {}
        for edge in self.edges(EdgeFilter(modalities=None)):
            for ev in edge.evidence:
                if ev.doc == doc_id:
                    own = None if ev.undated else edge.date
                    key = (edge.id, own)
                    if key not in found:
                        found[key] = Relation(doc_id, edge.source, edge.type, edge.target, own, edge.modality,
                                              edge.role)
                    found[key].evidence.append(ev)
        return list(found.values())

    @abstractmethod
    def has_document(self, doc_id: str) -> bool: ...

    def document_from(self, source: str) -> str | None:
        """The id of the article read from ``source`` (the file, and record, it came from: see
        :mod:`graph.inputs`), None if none. Stores override it with a lookup."""
        return next((d.id for d in self.documents() if d.source == source), None)

    @abstractmethod
    def documents(self) -> list[DocumentInfo]:
        """Every article, sorted by id, without its text."""

    def document(self, doc_id: str) -> DocumentInfo | None:
        """One article with its text (None: not in the graph; ``text`` None: built before texts were kept).
        Stores that keep texts answer this; the default knows the listing only."""
        return next((d for d in self.documents() if d.id == doc_id), None)

    @abstractmethod
    def entities(self) -> list[Entity]: ...

    @abstractmethod
    def get_entity(self, entity_id: str) -> Entity | None: ...

    @abstractmethod
    def edges(self, flt: EdgeFilter | None = None) -> list[Edge]: ...

    @abstractmethod
    def get_edge(self, edge_id: str) -> Edge | None: ...

    @abstractmethod
    def query(self, cypher: str, params: Mapping[str, Any] | None = None, *, timeout: float = 10.0,
              max_rows: int = MAX_ROWS) -> QueryResult:
        """Run a read-only Cypher query with ``$name`` parameters; writes, errors, queries running past
        ``timeout`` seconds and answers of more than ``max_rows`` rows raise QueryError."""

    @abstractmethod
    def counts(self) -> dict[str, int]:
        """{'nodes': ..., 'edges': ..., 'evidence': ..., 'documents': ...}"""

    @abstractmethod
    def clear(self) -> None:
        """Forget every document, entity and relation (``geograph build --rebuild`` after rules change)."""

    relation_types: Mapping[str, Any] | None = None   # the ontology's types; None = opened read-only
    # Embedded stores count their changes (+1 each), so what is derived from the graph (the
    # Cypher database, who-met's roll-up index) is rebuilt only after one; None: unknown (a
    # shared server that others write to), derive nothing.
    generation: int | None = None

    # ---- for who-met and listings: defaults that any store answers; stores override them with
    # ---- index lookups (NetworkX) or one query (Neo4j)

    def summaries(self, flt: EdgeFilter | None = None) -> list[EdgeSummary]:
        """The edges passing ``flt``, without evidence."""
        return [EdgeSummary.of(e) for e in self.edges(flt)]

    def entities_referring(self, ids: Iterable[str]) -> set[str]:
        """Ids of the entities whose gazetteer country, or the entity of one of whose gazetteer
        roles, is one of ``ids`` (who may stand for a state, before looking at role edges)."""
        wanted = set(ids)
        return {e.id for e in self.entities() if not wanted.isdisjoint(e.ties)}

    def rollup_prefetch(self, anchor: str | None, meeting_type: str, role_type: str, *,
                        bodies: Iterable[str] = (), members: Iterable[str] = (),
                        modalities: tuple[str, ...] | None = ("fact",)) -> RollUpPrefetch | None:
        """For a store where each lookup is a round trip: the ``meeting_type`` edges of everyone
        who may stand for ``anchor`` (every such edge when None), in one query. ``bodies``
        and ``members`` are what the caller already knows may stand for it (from the gazetteer).
        None (the default) means lookups are cheap here: the caller looks things up as it goes."""
        return None

    def _relation_type(self, rel: Relation, doc_id: str):
        """The ontology entry for a relation about to be stored (merge key, symmetry, codes)."""
        if self.relation_types is None:
            raise StoreError("this store was opened read-only (without relation types): open it with "
                             "open_store(..., relation_types=schema.relation_types) to add documents")
        try:
            return self.relation_types[rel.type]
        except KeyError:
            raise StoreError(f"document {doc_id!r} has a relation of type {rel.type!r}, which the ontology "
                             f"does not define (known: {', '.join(sorted(self.relation_types))})") from None

    def prepare_queries(self, concurrent: int) -> None:
        """Get ready to answer ``concurrent`` user queries at once without a cold start (the embedded
        store builds its query database and starts its query processes). Optional."""

    def refresh(self) -> bool:
        """Catch up with changes other processes made (the embedded store reloads its file when
        another process replaced it); True if anything was reloaded. Cheap when nothing changed."""
        return False

    def version(self) -> Hashable:
        """A value that changes whenever the stored graph changes, by this process or another,
        read cheaply (no recount): what the viewer checks once per request. Call :meth:`refresh`
        first. Embedded stores: their :attr:`generation`; shared ones: a counter every writer bumps.
        This default recounts, for stores that have neither."""
        return tuple(sorted(self.counts().items()))

    @contextlib.contextmanager
    def writing(self) -> Iterator["GraphStore"]:
        """One write session: what another process wrote before it is seen, no other writer runs during
        it, and its changes are flushed at its end (also on error). Here (a database server, whose
        transactions keep concurrent writers apart) it only flushes; the embedded store also locks."""
        try:
            yield self
        finally:
            self.flush()

    def flush(self) -> None:
        """Persist pending changes (embedded stores)."""

    def close(self) -> None:
        self.flush()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()
