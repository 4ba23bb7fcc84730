"""Stage 1b: provisional persons. A person the gazetteer does not know, named beside a title, is a node of its own.

In a language whose names can be read from their shape (languages/<code>.yaml ``provisional_persons``: English,
where a name is a run of capitalised words), a run of ``min_words`` to ``max_words`` such words right after a title
the rules find ('the Ghanaian trade minister Abena Kusi-Boateng') or before it across a comma ('Lars Ekdahl,
chairman of the port authority') is a person mention: its id folds the name as written (:func:`person_id`), its
kind is person, its country is the one of the title's state when the title names one. Later in the document the
full name again, or its last word alone (``Memory.surnames``), is the same person. Words that never stand in a
name are data: titles, triggers, months and weekdays, candidates.yaml's stop words (those ``geograph candidates``
reads when it lists unknown names beside a title), the language's ``not_names`` (heads of bodies and places).
No run is minted inside quotes (a work's title), when it touches a name the gazetteer knows ('Ghana Tourism
Authority': partly known), nor when the gazetteer knows it under another id.

The document's schema is the shared one with the provisional persons in front of its entities
(:meth:`People.schema`): every stage looks an entity up as before. The relations they take part in carry the
entities (``Relation.provisional``): what a store needs to write such an end (``provisional: true``).
"""
from __future__ import annotations

import copy
import dataclasses
import re
from collections import ChainMap
from typing import Sequence

from anyascii import anyascii

from ..matcher import Match
from ..model import Entity, Relation
from .mentions import intro_of
from .role_holding import COUNTERPART, RANK, TITLE
from .sentence import Mention, SentenceView

__all__ = ["People", "person_id"]

_ID_PARTS = re.compile(r"[A-Za-z0-9]+")
_HYPHENS = ("-", "‐", "‑")
PORTFOLIO = 14   # words of a portfolio or body between a title and the name after it, at most
_INITIAL = re.compile(r"(?<![\w'’])[A-Z]\.\s*")


def person_id(name: str) -> str:
    """The id of a person named ``name``: its letters in ASCII (``anyascii``: accents off, 'ß' as 'ss', 'Ø' as
    'O'), digits kept, upper case, each run joined by '_' (hyphens, spaces and apostrophes join). '' when nothing
    is left.

    >>> person_id("Jens Kraus-Massé")
    'JENS_KRAUS_MASSE'
    >>> person_id("Mark  Okraku-Mantey")
    'MARK_OKRAKU_MANTEY'
    >>> person_id("Seán O'Brien")
    'SEAN_O_BRIEN'
    >>> person_id("Ngũgĩ wa Thiong'o")
    'NGUGI_WA_THIONG_O'
    >>> person_id("Dirk Aßmann"), person_id("Ole Ødegård")
    ('DIRK_ASSMANN', 'OLE_ODEGARD')
    """
    return "_".join(_ID_PARTS.findall(anyascii(name))).upper()


class _InFront(ChainMap):
    """``ChainMap(found, gazetteer)`` whose look-ups take one call: the stages look an entity up many times a
    sentence, and ChainMap's ``get`` walks ``in`` and ``[]`` over a generator. (Its values are entities, never
    None.)"""

    def get(self, key, default=None):
        found, gazetteer = self.maps
        e = found.get(key)
        return gazetteer.get(key, default) if e is None else e

    def __contains__(self, key) -> bool:
        found, gazetteer = self.maps
        return key in found or key in gazetteer

    def __getitem__(self, key):
        found, gazetteer = self.maps
        e = found.get(key)
        return gazetteer[key] if e is None else e


class People:
    """The provisional persons of one document (one object a document, like ``visits.Entourage``)."""

    def __init__(self, schema):
        self.found: dict[str, Entity] = {}   # id -> the person, as first named (country from its title)
        self._names: dict[tuple[str, ...], str] = {}   # the name's words as written -> id
        self._gazetteer = schema.entities
        #: the shared schema with these persons in front of its entities (a shallow copy: nothing is recompiled)
        self.schema = copy.copy(schema)
        object.__setattr__(self.schema, "entities", _InFront(self.found, schema.entities))

    @classmethod
    def of(cls, schema) -> "People | None":
        """A document's, when some language reads names from their shape and the stop words are loaded; else None."""
        languages = getattr(schema.grammar, "languages", {}) or {}
        if schema.candidates is None or not any(lang.provisional_persons for lang in languages.values()):
            return None
        return cls(schema)

    # ---- one sentence -------------------------------------------------------

    def named(self, view: SentenceView, titles: Sequence[Match], triggers: Sequence[Match],
              mentions: tuple[Mention, ...]) -> tuple[tuple[Mention, ...], frozenset[int]]:
        """The sentence's mentions with its provisional persons added, and the keys of those minted here."""
        spec = _spec(view)
        if spec is None or not (titles or self._names):
            return mentions, frozenset()
        new: dict[int, Mention] = {}
        words = [t.text for t in view.tokens]
        present = set(words)   # (most names of the document are not in this sentence: not walked)
        for name, pid in self._names.items():   # named before in the document: the full name again (its last
            if name[0] not in present:           # word alone is already his: Memory.surnames)
                continue
            n = len(name)
            for i in range(len(words) - n + 1):
                if tuple(words[i:i + n]) == name and i not in new and all(
                        m.entity == pid for m in mentions if m.key >= 0 and m.start < i + n and i < m.end):
                    new[i] = self._mention(view, i, i + n, pid)
        if new:   # the full name, not its last word
            mentions = tuple(m for m in mentions if not any(a <= m.start and m.end <= b.end and m.key >= 0
                                                            for a, b in new.items()))
        taken = {i for m in mentions if m.key >= 0 for i in range(m.start, m.end)}
        taken.update(i for m in new.values() for i in range(m.start, m.end))
        blocked = self._blocked(view, titles, triggers, taken, spec)
        fresh: set[int] = set()
        for a, b in self._beside_titles(view, titles, taken, blocked, spec):
            if a in new or any(k in taken for k in range(a, b)):
                continue
            pid = self._mint(view, a, b)
            if pid is not None:
                new[a] = self._mention(view, a, b, pid)
                fresh.add(a)
        if not new:
            return mentions, frozenset()
        return tuple(sorted((*mentions, *new.values()), key=lambda m: (m.start, m.key < 0))), frozenset(fresh)

    def forget(self, keys: frozenset[int], mentions: tuple[Mention, ...]) -> tuple[Mention, ...]:
        """The mentions without those minted here that no title holds: a name beside a title it does not hold
        is no person the rules can vouch for (the id is unregistered unless named before)."""
        gone = [m for m in mentions if m.key in keys]
        for m in gone:
            pid = m.entity
            if pid in self.found and sum(v == pid for v in self._names.values()) == 1:
                self._names = {k: v for k, v in self._names.items() if v != pid}
                del self.found[pid]
        return tuple(m for m in mentions if m.key not in keys)

    def vouched(self, view: SentenceView, phrase) -> bool:
        """Does the phrase vouch for its holder's post: no state named only as a host ('the Ambassador to Guinea,
        X': his own state is not told; the language's ``hosts``)?"""
        spec, aff = _spec(view), phrase.affiliation
        if spec is None or aff is None or aff.key < 0:
            return True
        k = aff.start - 1
        while k > 0 and view.lows[k] in view.grammar.determiners:
            k -= 1
        return not (k >= 0 and view.lows[k] in spec.hosts and aff.kind == "country")

    def placed(self, view: SentenceView, phrases, mentions, schema) -> None:
        """A provisional person's country: the state of the first title that names one ('Ghana's ... minister'),
        a former one too, or of the name right after the holder's 'of' ('Ambassador X of the Kingdom of Norway')."""
        for p in phrases:
            holder, affiliation = p.holder, p.affiliation
            if holder is None or holder.entity not in self.found:
                continue   # (a former post still tells whose he is: 'former Nigerian President X')
            if affiliation is None:
                affiliation = _of_after(view, holder.end, mentions)
                if affiliation is None:
                    continue
            person = self.found[holder.entity]
            country = schema.country_of(affiliation.entity)
            if person.country is None and country is not None:
                self.found[holder.entity] = dataclasses.replace(person, country=country)

    # ---- the document --------------------------------------------------------

    def carried(self, relations: list[Relation]) -> list[Relation]:
        """The relations, each carrying the provisional persons it relates (what a store writes as their nodes)."""
        if not self.found:
            return relations
        out = []
        for rel in relations:
            ends = tuple(self.found[e] for e in dict.fromkeys((rel.source, rel.target)) if e in self.found)
            out.append(dataclasses.replace(rel, provisional=ends) if ends else rel)
        return out

    # ---- helpers ---------------------------------------------------------------

    def _mention(self, view: SentenceView, a: int, b: int, pid: str) -> Mention:
        return Mention(a, b, pid, "person", "name", "", intro_of(view, a, ""), key=a)

    def _mint(self, view: SentenceView, a: int, b: int) -> str | None:
        """The id of the name of tokens [a, b), registered; None where the gazetteer knows it (or nothing folds)."""
        name = view.text(a, b)
        pid = person_id(_INITIAL.sub("", name))
        schema = self.schema
        if not pid or schema.find_entities(name) or pid in self._gazetteer:
            return None   # the gazetteer knows it under another id, or by this one: not this stage's
        self.found.setdefault(pid, Entity(pid, "person", " ".join(name.split()), provisional=True))
        self._names[tuple(t.text for t in view.tokens[a:b])] = pid
        return pid

    def _blocked(self, view: SentenceView, titles, triggers, taken: set[int], spec) -> set[int]:
        """The tokens that never stand in a name: titles, triggers, dates, stop words, the language's not_names."""
        cand, tokens = self.schema.candidates, view.tokens
        out = set(taken)
        for m in (*titles, *triggers, *cand.stopwords.find(tokens, overlapping=True)):
            out.update(range(m.start, m.end))
        dates = self.schema.dates
        for i, t in enumerate(tokens):
            if t.is_word and (view.lows[i] in spec.not_names or dates is not None and t.text[:1].isupper()
                              and dates.may_hold_date(t.text)):
                out.add(i)
        return out

    def _beside_titles(self, view: SentenceView, titles, taken: set[int], blocked: set[int], spec):
        """Token spans of the runs of name words right after a title, or before it across a comma."""
        tokens, cand = view.tokens, self.schema.candidates
        ranks = {i for m in titles if m.payload == RANK for i in range(m.start, m.end)}
        marker = {t for p in view.grammar.possessives for t in p}   # "'s" ("Ghana's trade minister")
        plural = view.grammar.plural_titles
        for m in titles:
            if m.payload not in (TITLE, COUNTERPART) or view.lows[m.end - 1] in plural:
                continue   # ('the ambassadors of A, X, and B, Y': a list of holders, role_lists.py's)
            # after: 'trade minister (Dr.) X', 'Minister of Water, Sanitation and Housing, Hon. X', 'the CEO of the
            # Ghana Tourism Authority, X': the title's portfolio or body, then honorifics, then the name
            tail = i = _past_tail(view, m.end, taken, spec)
            while i < len(tokens) and (i in ranks or view.lows[i] in spec.not_names or _initial(tokens, i, 1)
                                       or tokens[i].text == "." and i > m.end):
                i += 1
            # (not 'the Minister of the Northern Lakes Region': a portfolio or body that runs on is no name)
            run = _run(view, i, 1, blocked, spec, cand.name_links) \
                if tail == m.end or "," in (t.text for t in tokens[m.end:i]) else None
            if run is not None and not _touches(run, taken, tokens, view.lows, spec.not_names) and not _quoted(view, run) \
                    and not (tokens[i - 1].is_word and view.lows[i - 1] in spec.between):
                yield run   # (not 'the CEO of Kofi Brokers': a word of the tail right before it, a body's name)
            if m.payload != TITLE:
                continue
            j = m.start - 1   # before, across a comma: 'Lars Ekdahl, (the) chairman of ...'
            while j > 0 and (view.lows[j] in cand.determiners or j in ranks or j in taken
                             or tokens[j].text in marker):
                j -= 1
            if j > 0 and tokens[j].text == ",":
                run = _run(view, j - 1, -1, blocked, spec, cand.name_links)
                if run is not None and not _touches(run, taken, tokens, view.lows, spec.not_names) and not _quoted(view, run):
                    yield run


def _past_tail(view: SentenceView, i: int, taken: set[int], spec) -> int:
    """Past what may follow a title before its holder: its portfolio or body ('of Finance and Planning', 'of the
    Ghana Tourism Authority (GTA),', 'to Sierra Leone,'), words of ``between`` and ``not_names``, names already
    found, an acronym in brackets; i itself when nothing of the kind follows."""
    tokens, lows = view.tokens, view.lows
    k = i
    while k < len(tokens) and k - i < PORTFOLIO:
        if lows[k] in spec.between or k in taken or tokens[k].is_word and lows[k] in spec.not_names:
            k += 1
        elif tokens[k].text == "(" and k + 2 < len(tokens) and tokens[k + 2].text == ")" \
                and tokens[k + 1].text.isupper():
            k += 3   # '(AMA)'
        else:
            break
    return k if k > i + 1 or k > i and tokens[i].text == "," else i


def _of_after(view: SentenceView, i: int, mentions) -> Mention | None:
    """The mention right after 'of' (and a determiner) at token i: 'X of the Kingdom of Norway'."""
    g = view.grammar
    if i >= len(view.tokens) or view.lows[i] not in g.actor_heads_of_prepositions:
        return None
    i += 1
    while i < len(view.tokens) and view.lows[i] in g.determiners:
        i += 1
    return next((m for m in mentions if m.start == i and m.key >= 0), None)


def _spec(view: SentenceView):
    """The ``provisional_persons`` of the sentence's language (the document's, else its letters', found once per
    sentence by ``SentenceView.language``), or None."""
    lang = view.grammar.languages.get(view.doc.lang) if view.doc.lang else None
    if lang is None:
        lang = view.language
    return lang.provisional_persons if lang is not None else None


def _name_word(view: SentenceView, i: int, blocked: set[int]) -> bool:
    t = view.tokens[i] if 0 <= i < len(view.tokens) else None
    return t is not None and t.is_word and i not in blocked and len(t.text) > 1 and t.text[0].isupper() \
        and not t.text.isupper() and not any(c.isdigit() for c in t.text)


def _joined(tokens, i: int) -> bool:
    """Token i is a hyphen written inside a word ('Kraus-Massé')."""
    return 0 < i < len(tokens) - 1 and tokens[i].text in _HYPHENS and tokens[i - 1].end == tokens[i].start \
        and tokens[i].end == tokens[i + 1].start


def _initial(tokens, i: int, step: int) -> bool:
    """Token i (forward) or i - 1 (backward) is one capital letter, the next token its dot."""
    a = i if step > 0 else i - 1
    return 0 <= a and a + 1 < len(tokens) and len(tokens[a].text) == 1 and tokens[a].text.isupper() \
        and tokens[a + 1].text == "."


def _run(view: SentenceView, i: int, step: int, blocked: set[int], spec, links) -> tuple[int, int] | None:
    """The run of name words from token i in direction ``step``, as [start, end), when it has ``min_words`` to
    ``max_words`` words (a hyphenated word is one; a link word such as 'bin' or 'de' may stand inside)."""
    tokens = view.tokens
    idx: list[int] = []
    words = 0
    while 0 <= i < len(tokens):
        if _name_word(view, i, blocked):
            idx.append(i)
            if not (idx[-2:-1] and _joined(tokens, idx[-2])):
                words += 1
            i += step
        elif idx and _initial(tokens, i, step) and _name_word(view, i + 2 * step, blocked):
            idx += [i, i + step]   # 'Memunatu B. Pratt': an initial inside the name (no word of its id)
            i += 2 * step
        elif idx and _joined(tokens, i) and _name_word(view, i + step, blocked):
            idx.append(i)
            i += step
        elif idx and tokens[i].is_word and view.lows[i] in links and view.lows[i] != "-" \
                and _name_word(view, i + step, blocked):
            idx.append(i)
            i += step
        else:
            break
    if not spec.min_words <= words <= spec.max_words:
        return None
    return (min(idx), max(idx) + 1)


def _touches(run: tuple[int, int], taken: set[int], tokens, lows, not_names) -> bool:
    """A name already found right against the run (no mark between, or a hyphen inside a word), or a word of
    ``not_names`` right after it ('Joint Chiefs of Staff Committee'): the run is part of a longer name."""
    a, b = run
    if b < len(tokens) and tokens[b].is_word and lows[b] in not_names:
        return True
    return (a - 1 in taken and tokens[a - 1].is_word) or (b in taken and tokens[b].is_word) \
        or (a - 2 in taken and _joined(tokens, a - 1)) or (b + 1 in taken and _joined(tokens, b))


def _quoted(view: SentenceView, run: tuple[int, int]) -> bool:
    """Is the run inside quotation marks (a work's or a motto's title)?"""
    g, tokens = view.grammar, view.tokens
    before = [t.text for t in tokens[:run[0]] if t.text in g.quote_marks]
    opened = 0
    for mark in before:
        if mark in g.quote_openers and mark in g.quote_closers:   # a straight quote: both ways
            opened = 1 - opened
        elif mark in g.quote_openers:
            opened += 1
        elif mark in g.quote_closers:
            opened = max(0, opened - 1)
    return opened > 0
