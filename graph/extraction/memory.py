"""What a document has said so far, carried from sentence to sentence.

Anaphora read it (the last armed group, the country named most), carried
subjects read it (who leads the discourse), dates read it (the event just
dated). A :class:`Memory` is never changed: each stage that learns something
returns a new one, and the document loop passes it on.

>>> Memory().with_pair(("MLI", "RUS")).last_pair
('MLI', 'RUS')
"""
from __future__ import annotations

from types import MappingProxyType
from typing import Iterable, Mapping, NamedTuple

from .sentence import Mention

__all__ = ["Memory", "Dated"]


class Dated(NamedTuple):
    """The event last dated: who took part (and the states they act for), its date, its sentence, its actor."""

    parties: frozenset
    date: str
    index: int
    actor: str
    said: bool = False   # the date of a statement ('قال X الأربعاء إن ...'), not of an event
    at: int = -1         # where its event word starts in its sentence
    kind: str | None = None   # its relation type (a later sentence that restates it keeps it near)
    background: bool = False  # told as background ('وكانت X قد طردت ...'): no later sentence goes on with it


LISTED_SENTENCES = 2   # how many sentences a list of countries is what 'the Sahel states' refers to


class Memory(NamedTuple):
    """The discourse so far (sentence indices say how long ago). Its mappings are read, never written."""

    last_by_kind: Mapping[str, tuple[str, int]] = MappingProxyType({})   # kind -> (entity, sentence)
    subject: tuple[str, int] | None = None           # (entity, sentence index): who leads the discourse
    last_dated: Dated | None = None   # the event last dated
    last_pair: tuple[str | None, str | None] | None = None   # the two sides of the latest exchange
    surnames: Mapping[str, str] = MappingProxyType({})   # last word of a full name -> person, once named
    country_counts: Mapping[str, int] = MappingProxyType({})   # how often each country was named so far
    recent_countries: tuple[str, ...] = ()   # countries by name, each once, the latest named last
    subject_span: tuple[int, int] | None = None   # where the text last named who leads (document offsets)
    listed: tuple[tuple[str, ...], int] | None = None   # the countries a recent sentence named (two or more), its index
    recent_people: tuple[str, ...] = ()   # people by name, each once, the latest named last ('the three ministers')
    placed: Mapping[str, tuple] = MappingProxyType({})   # event noun -> (state, date) it was told with ('the coup in X')
    framed: Mapping[str, tuple[str, int]] = MappingProxyType({})   # event type -> (date, sentence) last told beside its word
    lists: Mapping[int, tuple[str, ...]] = MappingProxyType({})   # n -> the latest n states named together ('A, B and C')
    acted: tuple[tuple[str, ...], int] | None = None   # the people who together did what a sentence told, its index
    officials: Mapping[str, tuple] = MappingProxyType({})   # person -> (state, title words) he was named with
    named: tuple[tuple[tuple[str, str], ...], int] | None = None   # a sentence's (entity, kind) by name, its index

    def with_pair(self, pair: tuple[str | None, str | None]) -> "Memory":
        if pair == self.last_pair:
            return self   # (each relation of an exchange tells the same two sides again)
        return self._replace(last_pair=pair)

    def with_framed(self, index: int, stated) -> "Memory":
        """The dates a read sentence told beside event words (``stated``: its ``leads.Stated``, not background), by
        type: the occasion a later sentence may recall ('خلال تلك القمة', 'during that visit').

        >>> from graph.extraction.leads import Stated
        >>> Memory().with_framed(3, (Stated("2024-02-24", frozenset({"MET"}), False),)).framed
        {'MET': ('2024-02-24', 3)}
        """
        framed = {kind: (s.value, index) for s in stated or () if s.value and not s.background for kind in s.beside}
        return self._replace(framed=_updated(self.framed, framed)) if framed else self

    def with_dated(self, last_dated: Dated | None) -> "Memory":
        if last_dated is self.last_dated:
            return self
        return self._replace(last_dated=last_dated)

    def after_sentence(self, index: int, tokens, mentions: Iterable[Mention], modifiers: frozenset[int],
                       subject: str | None, subject_span: tuple[int, int] | None = None,
                       placed: Mapping[str, tuple] | None = None, bodies: Iterable[str] = (),
                       spellings: Mapping[str, tuple[str, ...]] | None = None,
                       lists: Iterable[tuple[str, ...]] = (), acted: tuple[str, ...] = ()) -> "Memory":
        """What the sentence adds: its leading actor (and where it is named), the actors it named, the surnames
        of the people it named, the event nouns it placed, the states its state bodies count for ('X's army'
        counts as X named: graph.extraction.topic), the lists of states it named together (``lists``: 'the three
        countries' later are the three listed), the people who together did what it told (``acted``: 'They' in
        the next sentence). A surname is remembered in its other spellings too
        (``spellings``: Schema.surname_spellings), the one the text wrote winning.

        >>> Memory().after_sentence(0, [], [], frozenset(), None, bodies=("GNB",)).country_counts
        {'GNB': 1}
        """
        kinds: dict[str, tuple[str, int]] = {}
        surnames: dict[str, str] = {}
        variants: dict[str, str] = {}   # the surnames' other spellings (those the text wrote win)
        counts: dict[str, int] = {}
        recent, people = self.recent_countries, self.recent_people
        plain: set[str] = set()   # kinds named without a preposition: 'X, affiliated to Y': X is the one recalled
        named: dict[tuple[str, str], None] = {}   # ('these organisations' next: the bodies this one named)
        for m in mentions:
            if m.how == "name":
                named[(m.entity, m.kind)] = None
            if m.how not in ("anaphor", "pair") and m.key not in modifiers and (not m.intro or m.kind not in plain):
                kinds[m.kind] = (m.entity, index)
                if not m.intro:
                    plain.add(m.kind)
            if m.kind == "person" and m.end - m.start > 1:
                surname = tokens[m.end - 1].text
                surnames[surname] = m.entity
                for other in (spellings or {}).get(surname, ()):
                    variants.setdefault(other, m.entity)
            if m.kind == "person" and m.how == "name":
                people = named_last(people, m.entity)
            if m.kind == "country" and m.how == "name":   # demonyms describe other things ('السفارة الأمريكية')
                counts[m.entity] = counts.get(m.entity, self.country_counts.get(m.entity, 0)) + 1
                recent = named_last(recent, m.entity)
        for m in mentions:   # a group of people told again stays the latest group ('the two mediators met X. Then
            if m.kind == "person" and m.how == "anaphor" and m.group:   # the two mediators ...': still them)
                people = named_last(people, m.entity)
        listed = tuple(counts) if len(counts) > 1 else None
        runs = list(lists)
        if listed is not None and len(runs) == 1 and len(runs[0]) > 2:
            listed = runs[0]   # 'X's president named an envoy to A, B and C. These nations ...': the list, not X
        if listed is None and self.listed is not None and index - self.listed[1] < LISTED_SENTENCES:
            listed = self.listed[0]
            listed_at = self.listed[1]
        else:
            listed_at = index
        for state in bodies:   # (after the list: a body's state is no country the sentence lists)
            counts[state] = counts.get(state, self.country_counts.get(state, 0)) + 1
        return Memory(_updated(self.last_by_kind, kinds), (subject, index) if subject is not None else self.subject,
                      self.last_dated, self.last_pair, _updated(self.surnames, {**variants, **surnames}),
                      _updated(self.country_counts, counts), recent,
                      subject_span if subject is not None else self.subject_span,
                      (listed, listed_at) if listed else None, people, _updated(self.placed, dict(placed or {})),
                      self.framed, _updated(self.lists, {len(run): run for run in runs}),
                      (acted, index) if acted else None, self.officials, (tuple(named), index))

    def with_officials(self, named: dict) -> "Memory":
        """The officials a sentence named with a title of a state (graph.extraction.officials)."""
        return self._replace(officials=_updated(self.officials, named)) if named else self


def named_last(order: tuple[str, ...], entity: str) -> tuple[str, ...]:
    """``order`` (each entity once, as this function keeps it) with ``entity`` moved (or added) to the end.

    >>> named_last(("MLI", "NER", "BFA"), "MLI")
    ('NER', 'BFA', 'MLI')
    """
    if order and order[-1] == entity:
        return order   # (named last already)
    if entity not in order:
        return order + (entity,)
    i = order.index(entity)
    return order[:i] + order[i + 1:] + (entity,)


def _updated(old: Mapping, new: dict) -> Mapping:
    """``old`` with ``new``'s entries: a new mapping when there are any (``old`` is never written)."""
    return {**old, **new} if new else old
