"""Who stands for which state: rolling persons and bodies up to countries, by index lookups.

A person stands for the state they serve, read from the HOLDS_ROLE edges valid
at a date (the role's target, or the target's country when it is a ministry or
agency), then from the gazetteer's roles, then from the gazetteer's country.
Organizations and places stand for their country. Other kinds (armed groups,
alliances) stay themselves: JNIM is not Mali.

Every lookup here is one the stores answer from an index (the NetworkX store's
``(entity, type) -> edges`` and ``entity -> entities naming it``; the gazetteer's
index, built once per schema), or from what a store fetched at once
(:meth:`graph.stores.base.GraphStore.rollup_prefetch`): never a scan of every
entity or every edge.

On an embedded store (one that counts its changes in ``generation``),
:func:`meeting_index` rolls every meeting up once per generation and keeps the
result, so a country-level who-met is a lookup of the state's meetings.
"""
from __future__ import annotations

import threading
import weakref
from typing import Any, Iterable, Mapping

from .model import Entity
from .stores.base import EdgeFilter, EdgeSummary, GraphStore, RollUpPrefetch

__all__ = ["ROLE_TYPE", "ROLLUP", "STATE_KIND", "RollUp", "MeetingIndex", "meeting_index", "role_valid",
           "gazetteer_referring"]

ROLE_TYPE = "HOLDS_ROLE"
# How each kind of entity rolls up to a state: "roles" (HOLDS_ROLE edges, then the
# gazetteer's roles) and/or "country" (the gazetteer's country). Kinds not listed
# (armed groups, alliances) stay themselves.
ROLLUP = {"person": ("roles", "country"), "organization": ("country",), "place": ("country",)}
STATE_KIND = "country"

_GAZETTEER_INDEX: dict[int, tuple[Mapping[str, Entity], dict[str, set[str]]]] = {}


def gazetteer_referring(entities: Mapping[str, Entity], ids: Iterable[str]) -> set[str]:
    """Ids of the gazetteer entities whose country, or a role's entity, is one of ``ids``.

    The index is built once per gazetteer (mapping object) and reused.

    >>> g = {"P": Entity("P", "person", "P", country="MLI"), "MLI": Entity("MLI", "country", "Mali")}
    >>> sorted(gazetteer_referring(g, ["MLI"])), sorted(gazetteer_referring(g, ["SEN"]))
    (['P'], [])
    """
    cached = _GAZETTEER_INDEX.get(id(entities))
    if cached is None or cached[0] is not entities:
        index: dict[str, set[str]] = {}
        for e in entities.values():
            for ref in e.ties:
                index.setdefault(ref, set()).add(e.id)
        if len(_GAZETTEER_INDEX) >= 4:          # a few schemas at most (tests load several)
            _GAZETTEER_INDEX.pop(next(iter(_GAZETTEER_INDEX)))
        cached = _GAZETTEER_INDEX[id(entities)] = (entities, index)
    found: set[str] = set()
    for i in ids:
        found |= cached[1].get(i, set())
    return found


def role_valid(date_of_role: str | None, date: str | None) -> bool:
    """A role edge dated D counts from D on (no end date is known); an undated one always counts.

    >>> role_valid("2024-03", "2024-09-01"), role_valid("2024-03", "2020"), role_valid(None, "2020")
    (True, False, True)
    """
    if not date_of_role or not date:
        return True
    n = min(len(date_of_role), len(date))
    return date_of_role[:n] <= date[:n]


class RollUp:
    """Person/organization -> state for one question, with per-question caches.

    Reads the store (entities first, then the schema's gazetteer when given), or
    what :meth:`prefetched` was handed.
    """

    def __init__(self, store: GraphStore, schema: Any = None):
        self.store, self.schema = store, schema
        self._entities: dict[str, Entity | None] = {}
        self._roles: dict[str, list[tuple[str | None, str]]] = {}
        self._roles_complete = False     # True once every role edge was handed over (all_roles)

    def prefetched(self, data: RollUpPrefetch) -> list[EdgeSummary]:
        """Take what a store fetched at once (entities, role edges); return its meetings."""
        self._entities.update(data.entities)
        for person, edges in data.roles.items():
            self._roles[person] = self._states(e for e in edges if e.source == person and e.modality == "fact")
        return data.meetings

    def all_roles(self, edges: Iterable[EdgeSummary]) -> None:
        """Take every (fact) role edge of the store at once: persons not among them hold none."""
        by_person: dict[str, list[EdgeSummary]] = {}
        for edge in edges:
            by_person.setdefault(edge.source, []).append(edge)
        self._roles = {person: self._states(found) for person, found in by_person.items()}
        self._roles_complete = True

    def entity(self, entity_id: str) -> Entity | None:
        if entity_id not in self._entities:
            entity = self.store.get_entity(entity_id)
            if entity is None and self.schema is not None:
                entity = self.schema.entities.get(entity_id)
            self._entities[entity_id] = entity
        return self._entities[entity_id]

    def name(self, entity_id: str) -> str:
        """The English name of an entity (as :func:`graph.queries.display_name`), else its id."""
        entity = self.entity(entity_id)
        return entity.name if entity is not None else entity_id

    def state(self, entity_id: str) -> str | None:
        """The state a role's target stands for: itself if a country, else its gazetteer country
        when its kind rolls up that way (a ministry does; an armed group does not)."""
        entity = self.entity(entity_id)
        if entity is None:
            return None
        if entity.kind == STATE_KIND:
            return entity.id
        return entity.country if "country" in ROLLUP.get(entity.kind, ()) else None

    def _states(self, edges: Iterable[EdgeSummary]) -> list[tuple[str | None, str]]:
        """(date, state) of role edges that lead to a state: latest first (undated last), then most sourced."""
        roles = sorted(edges, key=lambda e: (-e.n_sources, e.target))
        roles.sort(key=lambda e: e.date or "", reverse=True)
        return [(e.date, state) for e in roles for state in (self.state(e.target),) if state]

    def roles(self, person: str) -> list[tuple[str | None, str]]:
        """(date, state) of a person's HOLDS_ROLE edges whose target stands for a state, in the order
        they are tried: latest first (undated last), then most sourced."""
        found = self._roles.get(person)
        if found is None and self._roles_complete:
            return []
        if found is None:
            edges = self.store.summaries(EdgeFilter(types=(ROLE_TYPE,), actors=(person,)))
            found = self._roles[person] = self._states(e for e in edges if e.source == person)
        return found

    def country(self, entity_id: str, date: str | None = None) -> str:
        entity = self.entity(entity_id)
        if entity is None or entity.kind == STATE_KIND:
            return entity_id
        for how in ROLLUP.get(entity.kind, ()):
            if how == "roles":
                for when, state in self.roles(entity_id):
                    if not when or not date or when[:len(date)] <= date[:len(when)]:   # see role_valid
                        return state
                for role in entity.roles:
                    if role.valid_on(date):
                        state = self.state(role.of)
                        if state:
                            return state
            elif how == "country" and entity.country:
                return entity.country
        return entity_id

    def bodies(self, state: str) -> set[str]:
        """The state and what may belong to it (a superset: its ministries, agencies, places...)."""
        found = {state} | self.store.entities_referring((state,))
        if self.schema is not None:
            found |= gazetteer_referring(self.schema.entities, (state,))
        return found

    def members(self, state: str) -> set[str]:
        """Every entity that may roll up to ``state`` on some date (a superset: who-met checks each)."""
        bodies = self.bodies(state)
        found = bodies | self.store.entities_referring(bodies)
        if self.schema is not None:
            found |= gazetteer_referring(self.schema.entities, bodies)
        for edge in self.store.summaries(EdgeFilter(types=(ROLE_TYPE,), actors=tuple(sorted(bodies)))):
            if edge.target in bodies:
                found.add(edge.source)
        return found


RolledMeeting = tuple[EdgeSummary, str, str]     # a meeting with both ends rolled up at its date
# A meeting as one actor's row reads it: (row key (A, B, date, first report when undated), documents
# (sorted, unique), (edge id,), first report, whether the edge counts a republished copy once), A being
# the end the actor is or stands for.
KeyedMeeting = tuple[tuple, tuple, tuple, Any, bool]


class MeetingIndex:
    """Every fact of one relation type (meetings) rolled up once: rolled-up id -> its meetings.

    ``by_actor[x]`` holds the meetings where ``x`` is an end or what an end stands for, with
    both ends rolled up at the meeting's date (its report date when undated); meetings
    within one state are left out, as country-level who-met drops them. ``keyed[x]`` holds
    the same meetings already oriented for ``x`` (see :data:`KeyedMeeting`), so asking for
    one actor only groups them into rows.
    """

    def __init__(self, store: GraphStore, schema: Any, meeting_type: str):
        roll = RollUp(store, schema)
        roll.all_roles(store.summaries(EdgeFilter(types=(ROLE_TYPE,))))
        self.by_actor: dict[str, list[RolledMeeting]] = {}
        self.keyed: dict[str, list[KeyedMeeting]] = {}
        self.all: list[RolledMeeting] = []
        self._answers: dict[Any, Any] = {}
        self._lock = threading.Lock()
        for edge in store.summaries(EdgeFilter(types=(meeting_type,))):
            when = edge.date or edge.first_reported
            a, b = roll.country(edge.source, when), roll.country(edge.target, when)
            if a == b:
                continue
            entry = (edge, a, b)
            self.all.append(entry)
            docs = edge.documents if len(edge.documents) < 2 else tuple(sorted(set(edge.documents)))
            first = edge.first_reported
            undated = None if edge.date else first
            ids = (edge.id,)
            copied = edge.n_sources < len(edge.documents)
            forward = ((a, b, edge.date, undated), docs, ids, first, copied)
            backward = ((b, a, edge.date, undated), docs, ids, first, copied)
            for x in {a, b, edge.source, edge.target}:
                self.by_actor.setdefault(x, []).append(entry)
                # oriented as who-met orients for an actor: A is the actor or the end it stands for
                self.keyed.setdefault(x, []).append(forward if x == a or x == edge.source else backward)

    def meetings(self, actor: str | None) -> list[RolledMeeting]:
        return self.by_actor.get(actor, []) if actor else self.all

    def answer(self, key: Any, compute) -> Any:
        """The answer to question ``key``, computed once per index (the graph has not changed since)."""
        with self._lock:
            if key not in self._answers:
                self._answers[key] = compute()
            return self._answers[key]


_INDEXES: "weakref.WeakKeyDictionary[GraphStore, tuple]" = weakref.WeakKeyDictionary()
_INDEX_LOCK = threading.Lock()


def meeting_index(store: GraphStore, schema: Any, meeting_type: str) -> MeetingIndex | None:
    """The store's :class:`MeetingIndex` for this schema, built on the first call after a change;
    None for a store that does not count its changes (a shared server)."""
    generation = store.generation
    if generation is None:
        return None
    key = (generation, id(schema), meeting_type)
    with _INDEX_LOCK:
        cached = _INDEXES.get(store)
        if cached is not None and cached[0] == key and cached[1] is schema:
            return cached[2]
        index = MeetingIndex(store, schema, meeting_type)
        _INDEXES[store] = (key, schema, index)
        return index
