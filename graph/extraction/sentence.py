"""The data every stage shares for one sentence: its view, its mentions, and what the stages found.

:class:`SentenceView` is built once per sentence (tokens, word counts, title
words, offsets back to the document); :class:`Mention` is an entity named or
referred to; :class:`Scene` is the view with the mentions, modifiers and
dates the early stages found, as the argument stage reads it.

Records read often (mentions, the scene) are frozen dataclasses with slots
(fast to read); records made often and read once or twice are named tuples
(as immutable, and several times faster to make).
"""
from __future__ import annotations

import dataclasses
from bisect import bisect_left
from itertools import accumulate, compress, count
from operator import attrgetter
from dataclasses import dataclass, field
from typing import Any, Mapping, NamedTuple, Sequence

from ..date_values import iso_text
from ..documents import Document, Sentence, normalize_arabic
from ..matcher import Match, Token
from ..model import Evidence, Relation
from .boilerplate import WIRE, wire_end
from .coordination import adjoined, bracketed_leaders, headed_conjunct, past_aside, state_conjunct, titled_conjunct
from .phrases import phrases_in

__all__ = ["Mention", "SentenceView", "Scene", "DateFound", "DISCOURSE_WORDS", "GROUP_KINDS", "group_origin", "SPEECH", "CONTINUATION",
           "BACKGROUND", "DATELINE", "CAPTION", "ATTRIBUTION", "PLACED", "CARRIED_SOURCE", "archive_caption", "named_source", "phrases_in",
           "once", "spans_of", "venue_phrases"]

SPEECH, CONTINUATION, BACKGROUND, DATELINE = "speech", "continuation", "background", "dateline"
#: kinds a demonym right after describes rather than names another actor ('مجموعة فاغنر الروسية')
GROUP_KINDS = ("organization", "armed_group")


def group_origin(mentions: Sequence["Mention"], m: "Mention", view: "SentenceView | None" = None) -> bool:
    """Is ``m`` a demonym right after a group, telling its origin ('مجموعة فاغنر الروسية': no Russia acts)? With the
    view, also past the quote closing the group's name and the describing words its gazetteer names end with
    ('مجموعة "فاغنر" العسكرية الروسية')."""
    if m.how != "adjective" or view is not None and m.clitic[:1] in view.grammar.conjunction_clitics:
        return False   # ('بين الجيش المالي والموريتاني': a conjunct, the other side's own army)
    for x in mentions:
        if x.kind in GROUP_KINDS and (x.end == m.start or view is not None and x.end < m.start <= x.end + 3):
            words = " ".join(view.lows[k] for k in range(x.end, m.start) if view.tokens[k].is_word) if view else ""
            if not words or any(normalize_arabic(a).lower().endswith(f" {words}")
                                for a in view.entities[x.entity].aliases):
                return True
    return False
CAPTION, ATTRIBUTION = "caption", "attribution"
PLACED = "placed"   # an event noun whose place, once told, is what a later bare mention of it refers to
CARRIED_SOURCE = "carried_source"   # evidence span of a source named in an earlier sentence (graph.model)
#: key of discourse.yaml -> what its words are in the schema's ``speech`` matcher (the loader's list):
#: speech verbs ('وأضاف'), words that go on with the event just told ('حيث', 'ثم'), words that tell an
#: event as background ('كان ... قد': it borrows no date), words that open a page's dateline ('تاريخ النشر'),
#: words that open the caption of an archive photo ('FILE -': its date is the photo's), words that make the
#: speech verb after them a source's attribution ('على ما ذكرت X': X reported it, X is no subject), event nouns
#: whose place a later bare mention recalls ('the coup in X' ... 'condemned the coup': X's)
DISCOURSE_WORDS = {"continuations": CONTINUATION, "background": BACKGROUND, "datelines": DATELINE,
                   "speech_verbs": SPEECH, "captions": CAPTION, "attributions": ATTRIBUTION, "wire_credits": WIRE,
                   "placed_events": PLACED}


@dataclass(frozen=True, slots=True)
class Mention:
    """An entity named (or referred to) in a sentence, by token range.

    ``key`` tells mentions apart within a sentence: the first token for words
    of the text (no two mentions start at one word), a negative number for an
    argument carried from elsewhere (a subject of earlier sentences, one of
    'the two sides'), which stands on the trigger's words.
    """

    start: int
    end: int
    entity: str
    kind: str
    how: str                      # 'name' | 'adjective' | 'anaphor' | 'pair' | 'subject'
    clitic: str = ""
    intro: str = ""               # the preposition introducing it, if any
    pair_other: str | None = None  # 'the two sides': the other side
    key: int = -1
    group: bool = False            # one member of 'the three countries' (its siblings share the span)
    origin: tuple[int, int] | None = None   # carried: where this sentence names it (document offsets), if it does
    states: tuple[str, str] | None = None   # (type, entity) the words state of it ('the member states': MEMBER_OF X)

    def replaced(self, **changes) -> "Mention":
        """``dataclasses.replace(self, **changes)``, faster (stages remake mentions often).

        >>> Mention(0, 1, "MLI", "country", "name").replaced(intro="مع", key=0).intro
        'مع'
        """
        values = list(_MENTION_VALUES(self))
        for name, value in changes.items():
            values[_MENTION_INDEX[name]] = value
        return Mention(*values)


def _slot_init(cls):
    """Give a frozen dataclass with slots an ``__init__`` that fills its slots through their descriptors: the
    generated one calls ``object.__setattr__`` once per field, and sentences make mentions by the thousand.
    Still frozen (assignment raises); same fields, defaults and order."""
    fields, missing = dataclasses.fields(cls), dataclasses.MISSING
    made = [f for f in fields if f.default_factory is not missing]   # (a default made per instance: None stands in)
    params = ", ".join(f.name if f.default is missing and f not in made else f"{f.name}=_d_{f.name}" for f in fields)
    body = "".join(f"    if {f.name} is None: {f.name} = _f_{f.name}()\n" for f in made)
    body += "".join(f"    _s_{f.name}(self, {f.name})\n" for f in fields)
    namespace = {f"_s_{f.name}": cls.__dict__[f.name].__set__ for f in fields}
    namespace.update({f"_d_{f.name}": f.default for f in fields if f.default is not missing})
    namespace.update({f"_d_{f.name}": None for f in made})
    namespace.update({f"_f_{f.name}": f.default_factory for f in made})
    exec(f"def __init__(self, {params}):\n{body}", namespace)
    namespace["__init__"].__qualname__ = f"{cls.__qualname__}.__init__"
    cls.__init__ = namespace["__init__"]
    return cls


_slot_init(Mention)
_MENTION_FIELDS = tuple(f.name for f in dataclasses.fields(Mention))
_MENTION_VALUES = attrgetter(*_MENTION_FIELDS)
_MENTION_INDEX = {name: i for i, name in enumerate(_MENTION_FIELDS)}


class DateFound(NamedTuple):
    """A date expression of the sentence: the tokens it spans, the expression, its ISO value (or None)."""

    token: int
    expression: Any                # graph.dates.DateMention
    value: str | None
    end: int = 0                   # the token after its last word
    later: bool = False            # after the publication date: no fact told as done took place then

    @property
    def stop(self) -> int:
        """The token after the date; a date found with no end still covers its first token.

        >>> DateFound(3, None, None).stop, DateFound(3, None, None, end=6).stop
        (4, 6)
        """
        return max(self.end, self.token + 1)


_IS_WORD = attrgetter("is_word")
_TEXT = attrgetter("text")


def word_positions(tokens: list[Token]) -> list[int]:
    """Cumulative word counts: words[i] = number of word tokens before token i.

    >>> from graph.matcher import tokenize
    >>> word_positions(tokenize("زار، مالي"))
    [0, 1, 1, 2]
    """
    return list(accumulate(map(_IS_WORD, tokens), initial=0))


def once(view: "SentenceView", name: str, make):
    """``make()``, made once per sentence under ``name``: what each event of the sentence asks alike."""
    memo = view.memo
    if name not in memo:
        memo[name] = make()
    return memo[name]


def spans_of(view: "SentenceView", phrases: tuple[tuple[str, ...], ...]) -> list[tuple[int, int]]:
    """(start, end) of each phrase of one of the grammar's lists (``view.grammar.subordinators``, a date cue list)
    in the sentence, in order, found once per sentence however many events ask (:func:`phrases_in`)."""
    key = ("phrases", id(phrases))   # (once, written out: every trigger asks)
    found = view.memo.get(key)
    if found is None:
        found = view.memo[key] = phrases_in(view.lows, phrases)
    return found


def venue_phrases(view: "SentenceView") -> list[tuple[int, int]]:
    """(start, end) of each venue phrase (morphology.yaml ``venue_openers``) in the sentence, found once."""
    return spans_of(view, view.grammar.venue_openers)


ASIDE_TOKENS = 30   # an aside between dashes is short; two dashes further apart enclose no aside
QUOTED_WORDS = 8    # a quoted fragment this short right after a name ('X “has decided to lift at once” Y') is no speech


def aside_spans(tokens: list[Token], marks: frozenset[str], joined=frozenset()) -> list[tuple[int, int]]:
    """Spans between two runs of dashes written apart from a neighbour; a dash joined to both is a name's (not one of ``joined``: '—').
    A dash joined to the next word only opens an aside, one joined to the previous word only closes it: a
    dateline's dash ('CITY - X -whose ...- said') is then no opener.

    >>> from graph.matcher import tokenize
    >>> aside_spans(tokenize("Togo -- whose head -- left Liptako-Gourma"), frozenset("-"))
    [(3, 5)]
    >>> aside_spans(tokenize("Lome - Togo -whose head- left"), frozenset("-"))
    [(4, 6)]
    """
    runs: list[tuple[int, int, int]] = []   # (first, last, side) of each run of dashes written apart
    i = 0 if not marks.isdisjoint(map(_TEXT, tokens)) else len(tokens)
    while i < len(tokens):
        if tokens[i].text not in marks:
            i += 1
            continue
        j = i
        while j + 1 < len(tokens) and tokens[j + 1].text in marks and tokens[j + 1].start == tokens[j].end:
            j += 1
        apart_before = i == 0 or tokens[i].start > tokens[i - 1].end or tokens[i].text in joined
        apart_after = j + 1 == len(tokens) or tokens[j + 1].start > tokens[j].end or tokens[j].text in joined
        if apart_before or apart_after:   # side: 1 opens only, -1 closes only, 0 either
            runs.append((i, j, 0 if apart_before and apart_after else (1 if apart_before else -1)))
        i = j + 1
    spans, opener = [], None
    for run in runs:
        if opener is None or run[2] == 1:
            opener = run if run[2] != -1 else None
        else:
            if run[0] - opener[1] <= ASIDE_TOKENS:
                spans.append((opener[1] + 1, run[0]))
            opener = None
    return spans


def _quoted_words(view: "SentenceView", i: int, close: str | None) -> bool:
    """'ECOWAS “decided to immediately lift” the sanctions': a few quoted words right after a name, with no
    name among them, are that actor's clause (its verb quoted), not speech that opens a clause of its own. So are
    a few quoted words a preposition opens, wherever they stand ('أشاد X “بشجاعة غانا”', 'praised X “for
    Ghana's courage”'), or that follow one ('رحب بـ“الجهود المشتركة” للرئيسين'): a quoted object, not speech (no
    speech opens on a preposition)."""
    tokens, names = view.tokens, view.names
    if close is None:
        return False
    end = next((j for j in range(i + 1, min(i + 2 + QUOTED_WORDS, len(tokens))) if tokens[j].text == close), None)
    if end is None or end == i + 1:
        return False
    if end == i + 2 and i > 0 and tokens[i - 1].is_word:
        return True   # one word set off after another ('أكبر تنظيم «جهادي» في'): a term marked, no speech
    first, g = view.lows[i + 1], view.grammar
    if i > 0 and view.lows[i - 1] in g.prepositions:
        return True
    if (first in g.prepositions or g.glued_preposition(first)) \
            and not any(start == i + 1 for start, _ in names):   # ('“بوركينا فاسو ...”' opens on a name)
        return True
    after = any(e == i for _, e in names) or any(m[1] == i and m[2][0] == "anaphor" for m in view._scanned.first)
    return after and not any(i < start < end for start, _ in names)   # (after a name or an anaphor: 'the bloc “...”')


class SentenceView:
    """One sentence: tokens, the words of titles, and the way back to the document's offsets."""

    def __init__(self, doc: Document, sentence: Sentence, tokens: list[Token], title_tokens: frozenset[int], schema,
                 names: frozenset[tuple[int, int]] = frozenset(), scanned=None):
        self.doc, self.sentence, self.tokens = doc, sentence, tokens
        self.words = word_positions(tokens)
        self.title_tokens = title_tokens
        self.names = names   # (start, end) of the names the lexicon found
        self.grammar = schema.grammar
        self.entities = schema.entities
        self._schema = schema
        self.conjunctions = self.grammar.conjunctions
        self.commas = self.grammar.list_separators
        self._joiners = self.grammar.joiners
        self._language: tuple | None = None
        self._bounds: frozenset[int] | None = None
        self._asides: list[tuple[int, int]] | None = None
        self._carried = count(-1, -1)
        self._cues: dict | None = None
        self._speech: list[Match] | None = None
        self._counts: tuple | None = None
        self._scanned = scanned if scanned is not None else schema.scanner.scan(tokens)   # (lexscan.Scanned)
        # stages compare words without case many times a sentence (lower-cased at once: no token holds a space)
        self.lows = self._scanned.lows() if tokens else []   # (the scan lower-cased them)
        self.memo: dict[Any, Any] = {}   # what each event of the sentence asks alike (:func:`once`, :func:`spans_of`)

    @property
    def cues(self) -> dict:
        """Modality cues, matched only when a trigger asks (most sentences have none)."""
        if self._cues is None:
            self._cues = {}
            for m in self._scanned.of("cues"):
                self._cues.setdefault(m.payload, []).append(m)
        return self._cues

    @property
    def speech(self) -> list[Match]:
        """Speech verbs, continuation, background and dateline words of the sentence, matched once."""
        if self._speech is None:
            self._speech = self._scanned.of("speech")
        return self._speech

    def dateline_end(self) -> int | None:
        """Where a dateline that opens the sentence ends ('تاريخ النشر: ...', 'date 2025-01-08'), or None."""
        return max((m.end for m in self._schema.speech.find_at(self.tokens, 0) if m.payload == DATELINE),
                   default=None)

    def continues(self, trig: Match) -> bool:
        """'... حيث وقع', '... وطلبت': the verb goes on with the event just told (its actor, its date)."""
        return any(sm.payload == CONTINUATION and sm.end == trig.start for sm in self.speech) or any(
            c in trig.clitic for c in self.grammar.conjunction_clitics)

    def opens_clause(self, start: int, end: int) -> bool:
        """Whether a clause opener ('التي', 'which') stands among tokens [start, end)."""
        return self.first_opener(start, end) is not None

    def first_opener(self, start: int, end: int) -> int | None:
        """The first clause opener among tokens [start, end), or None."""
        if start < 0:
            return next((i for i in range(start, end) if self.tokens[i].text.lower() in self.grammar.clause_openers),
                        None)
        opens = self.counts()[2]
        k = bisect_left(opens, start)
        return opens[k] if k < len(opens) and opens[k] < end else None

    def counts(self) -> tuple[list[int], list[int] | None, list[int]]:
        """Word tokens outside titles and clause boundaries before each place (None: no boundary), and where
        clause openers stand: what distances are read from (made when first asked; most sentences have no
        title, boundary or opener, and then it costs next to nothing)."""
        if self._counts is None:
            tokens, titles = self.tokens, self.title_tokens
            free = self.words if not titles else list(accumulate(   # (maps, no comprehension: no closure cells)
                map(bool.__gt__, [t.is_word for t in tokens], map(titles.__contains__, range(len(tokens)))), initial=0))
            at = self.boundary_positions()
            bounds = None if not at else list(accumulate(map(at.__contains__, range(len(tokens))), initial=0))
            openers = self.grammar.clause_openers
            lows = self.lows
            opens = [] if openers.isdisjoint(lows) else list(compress(count(), map(openers.__contains__, lows)))
            self._counts = (free, bounds, opens)
        return self._counts

    @property
    def language(self):
        """The language the sentence is mostly written in (None: no letters), found when first asked."""
        if self._language is None:
            self._language = (self.grammar.language_of(self.sentence.norm.text[:200]),)
        return self._language[0]

    @property
    def carries_subject(self) -> bool:
        """Do its verbs carry their subject (it may go on from earlier sentences)?"""
        return self.language is not None and self.language.pro_drop

    def boundary_positions(self) -> frozenset[int]:
        """Where the clause boundaries stand; the opening mark of a quoted name ('“تحالف دول الساحل”', the
        marks right around one name) is none: it quotes a name, not speech."""
        if self._bounds is None:
            tokens, every = self.tokens, self.grammar.clause_boundaries
            at: list[int] = []
            lang = None
            if not every.isdisjoint(map(_TEXT, tokens)):
                # the sentence's own language decides its boundaries (an Arabic sentence quotes a name “...”)
                lang = self.language
                marks = frozenset(lang.clause_boundaries) if lang is not None else every
                at = [i for i, t in enumerate(tokens) if t.text in marks]
            if at and lang is not None and lang.quotes:
                closing = {q[0]: q[1] for q in lang.quotes}
                at = [i for i in at if not _quoted_name(tokens, self.names, i, closing.get(tokens[i].text))
                      and not _quoted_words(self, i, closing.get(tokens[i].text))]
            self._bounds = frozenset(at)
        return self._bounds

    def asides(self) -> list[tuple[int, int]]:
        """Token spans between two dashes written apart ('Togo -- whose president chairs the bloc -- expelled'), made when asked."""
        if self._asides is None:
            marks, text = self.grammar.aside_marks, self.sentence.norm.text
            w = wire_end(self.speech) if any(c in text for c in marks) else None   # 'DAKAR (AP) —' opens none
            self._asides = [] if w is None else [(a + w, b + w) for a, b in aside_spans(self.tokens[w:], marks, self.grammar.joined_aside_marks)]
        return self._asides

    def in_aside(self, i: int) -> bool:
        return any(a <= i < b for a, b in self.asides())

    def is_boundary(self, i: int) -> bool:
        return i in (self._bounds if self._bounds is not None else self.boundary_positions())

    def fresh_key(self) -> int:
        """A key for a mention that is not words of this sentence (never a text mention's)."""
        return next(self._carried)

    def carried(self, trig: Match, entity: str, how: str = "subject", pair_other: str | None = None,
                origin: tuple[int, int] | None = None) -> Mention:
        """An argument that is not written beside its trigger (a carried subject, one of the two sides), on the
        trigger's words; ``origin`` is where the sentence names it, when it does (the evidence highlights it)."""
        return Mention(trig.start, trig.end, entity, self.entities[entity].kind, how, pair_other=pair_other,
                       key=self.fresh_key(), origin=origin)

    def words_between(self, a: int, b: int) -> int:
        return max(0, self.words[b] - self.words[a]) if a <= b else 0

    def distance(self, a: int, b: int) -> int:
        """Words between two places, not counting title words ('نظيره البوركيني كاراموكو ...')."""
        if a < 0:
            return self.words_between(a, b) - sum(1 for i in self.title_tokens if a <= i < b
                                                  and self.tokens[i].is_word)
        free = self.counts()[0]
        return free[b] - free[a] if a <= b else 0

    def boundary_between(self, a: int, b: int) -> bool:
        if a < 0:
            n = len(self.tokens)
            return any(i % n in self.boundary_positions() for i in range(a, b))
        bounds = self.counts()[1]
        return bounds is not None and a < b and bounds[b] > bounds[a]

    def is_coordinated(self, first: Mention, second: Mention, conjunction: bool = False) -> bool:
        """'X وY', 'X and Y', 'X and the Y' (and, unless a real conjunction is asked for, 'X، Y')."""
        start = second.start
        start -= start - 1 > first.end and self.lows[start - 1] in self.grammar.determiners   # 'Mali and the AES'
        end = past_aside(self, first.end, start, True) if second.start > first.end else first.end   # (no new mention)
        n = start - end
        if n <= 0:
            return adjoined(self, first, second, conjunction)
        tokens, head = self.tokens, self.tokens[end].text
        if headed_conjunct(self, head, end, start, actor=first.kind != "person"):
            return True   # 'غويتا ووزير الخارجية عبد الله ديوب': the second name comes with its title
        if second.kind == "person" and titled_conjunct(self, end, start, conjunction):
            return True   # 'كامارا، ووزير الدفاع الروسي، السيد بيلوسوف': its title, affiliation and commas between
        if second.kind == first.kind == "person" and state_conjunct(self, end, start, conjunction):
            return True   # 'وزراء خارجية بوركينا فاسو X، ومالي Y': a plural title's next state, then its holder
        if self.lows[end] in self.conjunctions and n > 1 and all(i in self.title_tokens for i in range(end + 1, start)):
            return True   # 'Putin and Defence Minister Belousov': the conjunction written apart, then the title
        if n == 2:   # 'Mali, Burkina Faso, and Niger': the serial comma
            return head in self.commas and self.lows[end + 1] in self.conjunctions
        return n == 1 and (self.lows[end] in (self.conjunctions if conjunction else self._joiners) or (
            head in self.commas and second.clitic[:1] in self.conjunctions))   # 'مالي، والنيجر': a serial comma

    def span(self, a: int, b: int) -> tuple[int, int]:
        """Tokens [a, b) -> offsets in the document's text."""
        return self.sentence.span(self.tokens[a].start, self.tokens[b - 1].end)   # (char_span, written out)

    def char_span(self, start: int, end: int) -> tuple[int, int]:
        return self.sentence.span(start, end)

    def text(self, a: int, b: int) -> str:
        """The original words of tokens [a, b)."""
        s, e = self.span(a, b)
        return self.doc.text[s:e]

    def relation(self, source, type_, target, date, modality, rule_id, confidence, spans, role=None) -> Relation:
        """A relation stated by this sentence, with its evidence."""
        doc = self.doc
        ev = Evidence(doc=doc.id, sentence=self.sentence.text, sentence_span=(self.sentence.start, self.sentence.end),
                      spans=spans, rule=rule_id, confidence=round(confidence, 3), outlet=doc.outlet,
                      published=iso_text(doc.published),
                      lang=doc.lang, url=doc.url)
        return Relation(doc=doc.id, source=source, type=type_, target=target, date=date, modality=modality,
                        role=role, evidence=[ev])


def _quoted_name(tokens, names, i: int, close: str | None) -> bool:
    """A name written right inside the quote that opens at token ``i`` ('the “Wagner” group'): no clause boundary."""
    return close is not None and any(start == i + 1 and end < len(tokens) and tokens[end].text == close
                                     for start, end in names)


def comma_between(view: SentenceView, a: int, b: int) -> bool:
    """Does a list separator (a comma) stand between tokens ``a`` and ``b`` of the sentence?"""
    return any(view.tokens[k].text in view.commas for k in range(a, b))


@dataclass(frozen=True, slots=True)
class Scene:
    """A sentence as the argument stage reads it: the view and what the early stages found."""

    view: SentenceView
    mentions: tuple[Mention, ...]
    modifiers: frozenset[int]            # keys of mentions that describe a title's holder
    dates: tuple[DateFound, ...]
    by_start: Mapping[int, Mention]      # the mention of the text at each token
    triggers: tuple[Match, ...] = ()     # every trigger of the sentence (a date belongs to the nearest)
    free: tuple[Mention, ...] = ()       # the mentions that describe no title's holder, in order
    free_at: Mapping[int, int] = field(default_factory=dict)   # key -> its first place in ``free``

    @classmethod
    def of(cls, view: SentenceView, mentions: tuple[Mention, ...], modifiers: frozenset[int] = frozenset(),
           dates: tuple[DateFound, ...] = (), triggers: tuple[Match, ...] = ()) -> "Scene":
        modifiers |= bracketed_leaders(view, mentions)   # (state leaders in brackets stand beside the list)
        free = tuple(m for m in mentions if m.key not in modifiers) if modifiers else mentions
        free_at: dict[int, int] = {}
        for i, m in enumerate(free):
            free_at.setdefault(m.key, i)
        return cls(view, mentions, modifiers, dates, {m.start: m for m in mentions}, triggers, free, free_at)

    def with_mentions(self, mentions: tuple[Mention, ...]) -> "Scene":
        return self if mentions is self.mentions else Scene.of(self.view, mentions, self.modifiers, self.dates,
                                                               self.triggers)


_slot_init(Scene)


def named_source(rel) -> tuple[int, int] | None:
    """Where the text names the source of a relation it told (document offsets; None: nowhere it knows)."""
    if not rel.evidence:
        return None
    spans = rel.evidence[0].spans
    return spans.get("source") or spans.get(CARRIED_SOURCE)


def archive_caption(view: SentenceView) -> bool:
    """Does the sentence open as the caption of an archive photo ('FILE - X arrives at ..., Sept. 2, 2024')? Its
    date is the photo's, not the news'."""
    # (speech words come by where they start: the first one past the first word ends the look)
    return next((m.start == 0 for m in view.speech if m.start != 0 or m.payload == CAPTION), False)
