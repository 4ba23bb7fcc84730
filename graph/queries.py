"""The analyst's questions, on any store: who met whom and when, roll-up to countries, ego networks.

Shared by the CLI and the web viewer; everything goes through the
:class:`graph.stores.base.GraphStore` interface, so both stores give the same
answers.

Country level: a person stands for the state they serve, read from the
HOLDS_ROLE edges valid at the meeting's date (the role's target, or the
target's country when it is a ministry or agency), then from the gazetteer's
roles, then from the gazetteer's country (see :mod:`graph.rollup`). So Landau
(US State Department) meeting Diop (Mali's foreign ministry) is also the US
meeting Mali. Every step is an index lookup, or on a store where each lookup
is a round trip (Neo4j), one query for the whole question.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from operator import itemgetter
from typing import Any, Iterable

from .documents import normalize_arabic
from .errors import QueryError
from .model import Edge, Entity, date_precision
from .rollup import ROLE_TYPE, KeyedMeeting, RollUp, gazetteer_referring, meeting_index
from .stores.base import EdgeFilter, EdgeSummary, GraphStore, QueryResult, overlaps

__all__ = ["Meeting", "Subgraph", "WHO_MET_COLUMNS", "MEETING_TYPE", "ROLE_TYPE", "LEVELS", "resolve_actor",
           "who_met", "who_met_result", "country_of", "ego_network", "display_name"]

MEETING_TYPE = "MET"
LEVELS = ("person", "country")
WHO_MET_COLUMNS = ["a", "a_name", "b", "b_name", "date", "precision", "first_reported", "sources", "documents"]


@dataclass(frozen=True)
class Meeting:
    """One row of "who met whom when": A met B on ``date`` (or undated, first reported then)."""

    a: str
    a_name: str
    b: str
    b_name: str
    date: str | None
    precision: str | None
    first_reported: str | None
    documents: tuple[str, ...]
    edges: tuple[str, ...] = field(default=(), compare=False)   # edge ids, for the evidence
    copies: int = 0                  # documents that republish another one listed (graph.provenance)

    @property
    def sources(self) -> int:
        """Articles reporting it, republished copies counted once."""
        return len(self.documents) - self.copies

    def row(self) -> list[Any]:
        return [self.a, self.a_name, self.b, self.b_name, self.date, self.precision, self.first_reported,
                self.sources, list(self.documents)]


@dataclass
class Subgraph:
    """Entities and edges around an actor (what the viewer draws)."""

    entities: list[Entity]
    edges: list[Edge]

    def to_json(self) -> dict[str, Any]:
        return {"nodes": [e.to_json() for e in self.entities], "edges": [e.to_json() for e in self.edges]}


def _lookup(store: GraphStore, schema: Any, entity_id: str) -> Entity | None:
    entity = store.get_entity(entity_id)
    if entity is None and schema is not None:
        entity = schema.entities.get(entity_id)
    return entity


def display_name(store: GraphStore, entity_id: str, schema: Any = None) -> str:
    """The English name of an entity, else its id."""
    entity = _lookup(store, schema, entity_id)
    return entity.name if entity is not None else entity_id


def resolve_actor(store: GraphStore, text: str, schema: Any = None) -> str:
    """The entity id an analyst means by ``text``: an id, an English or Arabic name or alias.

    Uses ``schema.find_entities`` when a schema is given, then the names the
    store holds (a single word of a name also counts: ``Diop``). Raises
    :class:`QueryError` when nothing or more than one actor matches.
    """
    text = (text or "").strip()
    if not text:
        raise QueryError("empty actor: give an id (ABDOULAYE_DIOP), a name (Diop) or an Arabic name (ديوب)")
    if store.get_entity(text) is not None:
        return text             # an id in the graph: no scan of every name (who-met links pass ids)
    candidates: list[str] = list(schema.find_entities(text)) if schema is not None else []
    if not candidates:
        candidates = _match_store_names(store, text)
    if len(candidates) > 1:
        present = [c for c in candidates if store.get_entity(c) is not None]
        candidates = present if present else candidates
    if not candidates:
        raise QueryError(f"no actor matches {text!r}: give an entity id (e.g. MLI, ABDOULAYE_DIOP) or a name "
                         "or alias from the gazetteer")
    if len(set(candidates)) > 1:
        listed = ", ".join(f"{c} ({display_name(store, c, schema)})" for c in sorted(set(candidates)))
        raise QueryError(f"{text!r} matches several actors: {listed}; give the id instead")
    return candidates[0]


def _folded(text: str) -> str:
    return " ".join(normalize_arabic(text).casefold().split())


def _match_store_names(store: GraphStore, text: str) -> list[str]:
    wanted = _folded(text)
    exact, by_word = [], []
    for entity in store.entities():
        names = [entity.id, entity.name, entity.name_ar or "", *entity.aliases]
        folded = [_folded(n) for n in names if n]
        if wanted in folded:
            exact.append(entity.id)
        elif any(wanted in n.split() for n in folded):
            by_word.append(entity.id)
    return exact or by_word


def country_of(store: GraphStore, entity_id: str, date: str | None = None, schema: Any = None) -> str:
    """The state ``entity_id`` stands for on ``date`` (itself when it does not roll up).

    Persons: HOLDS_ROLE edges valid on the date (latest first, then undated,
    most sourced), then the gazetteer's roles valid on the date, then the
    gazetteer's country. Organizations and places: their country. Pass the
    schema so entities the graph does not hold (a ministry no relation
    touches) are known.
    """
    return RollUp(store, schema).country(entity_id, date)


def _in_range(edge: Edge | EdgeSummary, date_from: str | None, date_to: str | None) -> bool:
    """Dated edges by their date; undated ones by the date they were first reported."""
    when = edge.date or edge.first_reported
    if not (date_from or date_to):
        return True
    return bool(when) and overlaps(when, date_from, date_to)


def who_met(store: GraphStore, actor: str | None = None, with_: str | None = None, *,
            date_from: str | None = None, date_to: str | None = None, level: str = "person",
            schema: Any = None) -> list[Meeting]:
    """Meetings (MET edges, facts only), newest first; undated ones placed by their first report.

    ``actor`` and ``with_`` are entity ids (see :func:`resolve_actor`); the
    actor is always column A. At ``level="country"`` both sides are rolled up
    with :func:`country_of` at the meeting's date, meetings within one state are
    dropped, and meetings that become the same (A, B, date) are merged.
    """
    if level not in LEVELS:
        raise QueryError(f"unknown level {level!r}: use one of {', '.join(LEVELS)}")
    anchor = actor or with_
    if level == "person":
        edges = store.summaries(EdgeFilter(types=(MEETING_TYPE,), actors=(anchor,) if anchor else None))
        return _meetings(store, schema, ((e, e.source, e.target) for e in edges), actor, with_, date_from, date_to)
    index = meeting_index(store, schema, MEETING_TYPE)
    if index is None:
        roll = RollUp(store, schema)

        def when(e: EdgeSummary) -> str | None:
            return e.date or e.first_reported

        rolled = [(e, roll.country(e.source, when(e)), roll.country(e.target, when(e)))
                  for e in _country_meetings(store, roll, anchor)]
        return _meetings(store, schema, rolled, actor, with_, date_from, date_to, names=roll.name)
    if actor and with_:
        rolled = index.meetings(with_)
        if len(rolled) > len(index.meetings(actor)):
            rolled = index.meetings(actor)
        return _meetings(store, schema, rolled, actor, with_, date_from, date_to)
    # One side given (or none): the answer over all dates is kept with the index; a date range
    # narrows it row by row (a row's meetings share its date, or when undated its first report).
    if actor and not with_:
        every = index.answer((actor, None), lambda: _keyed_rows(store, schema, index.keyed.get(actor, ())))
    else:
        every = index.answer((actor, with_), lambda: _meetings(store, schema, index.meetings(anchor), actor, with_))
    if not (date_from or date_to):
        return list(every)
    return [m for m in every if (m.date or m.first_reported) and overlaps(m.date or m.first_reported,
                                                                            date_from, date_to)]


def _meetings(store: GraphStore, schema: Any, rolled: Iterable[tuple[EdgeSummary, str, str]], actor: str | None,
              with_: str | None, date_from: str | None = None, date_to: str | None = None,
              names: Any = None) -> list[Meeting]:
    """Rows of who-met from meetings whose ends are already rolled up (to themselves at person level).
    ``names`` gives an entity's display name (default: :func:`display_name`)."""
    merged: dict[tuple, list] = {}      # key -> [documents, edge ids, first reported]
    with_copies: set[tuple] = set()     # keys of rows one of whose edges counts a copy once
    ranged = bool(date_from or date_to)
    one_side = bool(actor and not with_)
    for edge, up_source, up_target in rolled:
        # one unpacking instead of six attribute reads: this loop runs once per meeting of a country
        edge_id, source, _, target, date, _, _, n_sources, first, documents = edge
        if up_source == up_target or (ranged and not _in_range(edge, date_from, date_to)):
            continue
        if one_side:     # the common question, without building the ends for _orient
            if actor == up_source or actor == source:
                key = (up_source, up_target, date, None if date else first)
            elif actor == up_target or actor == target:
                key = (up_target, up_source, date, None if date else first)
            else:
                continue
        else:
            oriented = _orient(((source, up_source), (target, up_target)), actor, with_)
            if oriented is None:
                continue
            key = (oriented[0], oriented[1], date, None if date else first)
        if n_sources < len(documents):
            with_copies.add(key)
        # Undated meetings only merge when first reported on the same day: they may be different events.
        row = merged.get(key)
        if row is None:
            merged[key] = [documents, [edge_id], first]
            continue
        if not isinstance(row[0], set):
            row[0] = set(row[0])
        row[0].update(documents)
        row[1].append(edge_id)
        if first and (row[2] is None or first < row[2]):
            row[2] = first
    rows = [(key, tuple(sorted(set(docs))) if len(docs) > 1 else tuple(docs),
             tuple(sorted(edges)) if len(edges) > 1 else tuple(edges), first, key in with_copies)
            for key, (docs, edges, first) in merged.items()]
    return _sorted_meetings(store, rows, names or (lambda x: display_name(store, x, schema)))


def _keyed_rows(store: GraphStore, schema: Any, keyed: Iterable[KeyedMeeting]) -> list[Meeting]:
    """Rows of who-met for one actor from its meetings already oriented and keyed (``MeetingIndex.keyed``):
    the same rows as :func:`_meetings`, with nothing left to do per meeting but grouping."""
    merged: dict[tuple, Any] = {}      # key -> the one meeting of the row, or [documents, edge ids, first]
    for entry in keyed:
        key = entry[0]
        row = merged.get(key)
        if row is None:
            merged[key] = entry
            continue
        if type(row) is tuple:
            row = merged[key] = [set(row[1]), list(row[2]), row[3], row[4]]
        row[0].update(entry[1])
        row[1] += entry[2]
        first = entry[3]
        if first and (row[2] is None or first < row[2]):
            row[2] = first
        row[3] = row[3] or entry[4]
    rows = [row if type(row) is tuple else (key, tuple(sorted(row[0])), tuple(sorted(row[1])), row[2], row[3])
            for key, row in merged.items()]
    return _sorted_meetings(store, rows, lambda x: display_name(store, x, schema))


def _sorted_meetings(store: GraphStore, rows: Iterable[tuple[tuple, tuple, tuple, str | None, bool]],
                     name_of: Any) -> list[Meeting]:
    """Meetings from rows (key (A, B, date, _), documents, edge ids, first report, whether an edge counts a
    republished copy once), newest first.

    Built without the frozen dataclass's ``__init__`` (one guarded set per field): a country's
    answer holds thousands of rows.
    """
    known: dict[str, str] = {}
    precision: dict[str | None, str | None] = {}
    new = object.__new__
    by_when: dict[str, list] = {}    # date (first report when undated) -> its rows
    for (a, b, date, _), docs, edges, first, copied in rows:
        name_a = known.get(a)
        if name_a is None:
            name_a = known[a] = name_of(a)
        name_b = known.get(b)
        if name_b is None:
            name_b = known[b] = name_of(b)
        if date not in precision:
            precision[date] = date_precision(date)
        meeting = new(Meeting)
        meeting.__dict__.update(a=a, a_name=name_a, b=b, b_name=name_b, date=date, precision=precision[date],
                                first_reported=first, documents=docs, edges=edges,
                                copies=_copies(store, docs) if copied else 0)
        when = date or first or ""
        found = by_when.get(when)
        if found is None:
            by_when[when] = [((a, b, date or "", first or ""), meeting)]
        else:
            found.append(((a, b, date or "", first or ""), meeting))
    # newest first; one date's rows by (A, B, date, first report): the same on every store. Sorting the
    # dates, then each date's few rows, is the two stable sorts of every row, in less time.
    meetings = []
    for when in sorted(by_when, reverse=True):
        found = by_when[when]
        if len(found) > 1:
            found.sort(key=itemgetter(0))
        meetings += [m for _, m in found]
    return meetings


def _copies(store: GraphStore, documents: tuple[str, ...]) -> int:
    """How many of ``documents`` republish another of them (asked only where an edge said so: rare)."""
    roots = set()
    for doc in documents:
        info = store.document(doc)
        roots.add((info.copy_of if info is not None else None) or doc)
    return len(documents) - len(roots)


def _country_meetings(store: GraphStore, roll: RollUp, anchor: str | None) -> list[EdgeSummary]:
    """The meetings a country-level question reads: those of everyone who may stand for the anchor
    (and of the anchor itself), or every meeting; in one query where the store prefers that."""
    bodies = members = ()
    if anchor and roll.schema is not None:    # what the gazetteer knows; the store adds what it holds
        bodies = {anchor} | gazetteer_referring(roll.schema.entities, (anchor,))
        members = gazetteer_referring(roll.schema.entities, bodies)
    prefetched = store.rollup_prefetch(anchor, MEETING_TYPE, ROLE_TYPE, bodies=sorted(bodies),
                                       members=sorted(members))
    if prefetched is not None:
        return roll.prefetched(prefetched)
    candidates = tuple(sorted(roll.members(anchor) | {anchor})) if anchor else None
    return store.summaries(EdgeFilter(types=(MEETING_TYPE,), actors=candidates))


def _orient(ends: list[tuple[str, str]], actor: str | None, with_: str | None) -> tuple[str, str] | None:
    """(A, B) with the actor as A, or None when the edge does not involve actor / with_.

    Each end is (original id, rolled-up id); the actor may name either.
    """
    for mine, other in ((ends[0], ends[1]), (ends[1], ends[0])):
        if actor and actor not in mine:
            continue
        if with_ and with_ not in other:
            continue
        if not actor and not with_:
            a, b = sorted((mine[1], other[1]))
            return a, b
        return mine[1], other[1]
    return None


def who_met_result(meetings: Iterable[Meeting]) -> QueryResult:
    """Meetings as ``{"columns": [...], "rows": [[...]]}`` (ids and names, nothing run-dependent)."""
    return QueryResult(list(WHO_MET_COLUMNS), [m.row() for m in meetings])


def ego_network(store: GraphStore, actor: str, depth: int = 1, flt: EdgeFilter | None = None) -> Subgraph:
    """The actor, its neighbours up to ``depth`` hops, and the edges followed to reach them.

    ``flt`` narrows the edges followed (types, modalities, dates); its actors are ignored.
    """
    base = flt or EdgeFilter()
    if store.get_entity(actor) is None:
        raise QueryError(f"actor {actor!r} is not in the graph: check the id or build the graph first")
    seen, frontier, edges = {actor}, {actor}, {}
    for _ in range(max(depth, 0)):
        if not frontier:
            break
        step = EdgeFilter(types=base.types, actors=tuple(sorted(frontier)), modalities=base.modalities,
                          date_from=base.date_from, date_to=base.date_to, include_undated=base.include_undated)
        reached = set()
        for edge in store.edges(step):
            edges[edge.id] = edge
            reached.update((edge.source, edge.target))
        frontier = reached - seen
        seen |= reached
    entities = [e for e in (store.get_entity(x) for x in sorted(seen)) if e is not None]
    return Subgraph(entities, sorted(edges.values(), key=lambda e: e.id))
