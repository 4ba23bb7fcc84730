"""The date grammar: finds date expressions in normalized text and resolves them.

A date keeps the precision the text gives (``2025-11-04``, ``2025-09``,
``2014``) and never gains any. Relative expressions ("الثلاثاء", "سبتمبر
الماضي", "last February", "أمس") resolve against an *anchor*: the article's
publication date or, failing that, the latest full date the text states.

The words are data (``schema/dates.yaml``); month and weekday names come from
CLDR through babel for every locale listed there, normalized like article
text. :meth:`DateGrammar.load` (through :mod:`graph.schema.dates`) compiles
everything once into one regular expression, so :meth:`DateGrammar.find` is a
single scan per sentence. What a found expression means, and how it resolves
against an anchor (:class:`PartialDate`, :class:`DateMention`), is
:mod:`graph.date_values`.

>>> import datetime
>>> g = DateGrammar.load(default_dates_path())
>>> [m.text for m in g.find("وكانت فرضت حصارا منذ سبتمبر/ايلول الماضي")]
['منذ سبتمبر/ايلول الماضي']
>>> g.find("منذ سبتمبر/ايلول الماضي")[0].resolve(datetime.date(2025, 11, 4)).iso()
'2025-09'
>>> g.find("في اغسطس 2014")[0].resolve(None).iso()
'2014-08'
>>> g.find("وصل اليوم الاثنين")[0].resolve(datetime.date(2025, 3, 12)).iso()   # the weekday names the day
'2025-03-10'
>>> [m.resolve(datetime.date(2025, 5, 10)).iso() for m in g.find("في الاسبوع الاول من سبتمبر ثم في السابع من اكتوبر")]
['2024-09', '2024-10-07']
"""
from __future__ import annotations

import calendar
import datetime
import re
from dataclasses import replace
from pathlib import Path
from types import MappingProxyType
from itertools import compress, repeat
from operator import is_not, itemgetter
from typing import Any, Iterable

import ahocorasick

from .date_values import DateMention, PartialDate, _Reading

__all__ = ["PartialDate", "DateMention", "DateGrammar", "default_dates_path", "full_days", "latest_full", "page_day",
           "SHIFTS", "UNITS", "PARTS"]

#: relative words of dates.yaml (``relative: {past: ..., next: ..., this: ...}``) -> how they shift a date
SHIFTS = MappingProxyType({"past": -1, "next": 1, "this": 0})
#: periods a relative word turns into a date (``units:`` of dates.yaml)
UNITS = ("week", "month", "year")


def default_dates_path() -> Path:
    """The ``schema/dates.yaml`` shipped beside the package."""
    return Path(__file__).resolve().parents[1] / "schema" / "dates.yaml"


# --------------------------------------------------------------------------- the grammar

Phrases = tuple[tuple[str, ...], ...]   # a list of phrases, each as its words

class DateGrammar:
    """The compiled date grammar. Build it with :meth:`load`; it is immutable and shareable."""

    def __init__(self, regex: re.Pattern, fields: dict[int, str], lexicon: dict[str, dict[str, int | str]],
                 month_abbreviations: frozenset[str] = frozenset(), cores: Iterable[str] | None = None,
                 proclitics: Iterable[Iterable[str]] = (), nested: frozenset[str] = frozenset(), restating: Phrases = (),
                 came_at: Phrases = (), contrasts: Phrases = (), runs: frozenset[str] = frozenset(),
                 effective: tuple[str, ...] = (), occasion: tuple[str, ...] = (), lasting: frozenset[str] = frozenset(),
                 support: Phrases = (), narrative: dict[str, int] | None = None, purpose: frozenset[str] = frozenset(),
                 spoken: frozenset[str] = frozenset(), simultaneous: frozenset[str] = frozenset(), within: Phrases = (),
                 then: tuple[str, ...] = (), framing: Phrases = (), lags: Phrases = (), names: tuple[str, ...] = (),
                 circumstance: Phrases = (), causes: tuple = (), recalled: Phrases = (), recalled_named: Phrases = (),
                 fronted: Phrases = (), deadlines: frozenset[str] = frozenset(), attributive: frozenset[str] = frozenset(),
                 earlier: frozenset[str] = frozenset(), turns: Phrases = (), joined: Phrases = (), stays: frozenset[str] = frozenset(),
                 made_at: frozenset[str] = frozenset(), gatherings: frozenset[str] = frozenset(), firsts: Phrases = ()):
        self._regex = regex
        #: phrases, each as its words, that tell a lasting tie as the way the event before it was done ('at the request
        #: of': the tie takes that event's date), and that turn to other news ('إلى ذلك': no date reaches across one)
        self.joined, self.turns, self.contrasts = joined, turns, contrasts   # (and 'لكن': a sentence set against the last)
        self.attributive = attributive   #: words before a date that make it name the thing after it ('the 2023 coup')
        #: words that open a deadline ('until', 'بحلول'): a date after one is a limit set, not when a fact happened; first
        #: words of pluperfect cues ('كانت X قد', 'had'): a date set off right before one is that earlier event's own
        self.deadlines, self.earlier = deadlines, earlier
        #: phrases right before an event word naming an event told before as the sentence's occasion ('خلال تلك القمة'),
        #: each as its words: the sentence's undated events take its date (``recalled_named``: before a noun a name makes
        #: definite, 'وفي قمة نيامي،'; ``restating``: a noun restating it, 'the attack'); phrases opening a sentence at the
        #: occasion of its main clause ('Speaking at the ... meeting, X ...') or of the news before it (``came_at``)
        self.recalled, self.recalled_named, self.fronted, self.restating, self.came_at = \
            recalled, recalled_named, fronted, restating, came_at
        #: words that tell the event after them as the standing circumstance of the news ('في وقت', 'amid'); words
        #: that open a cause phrase ('عقب', 'in the wake of'): a date inside one is the cause's
        self.circumstance, self.causes = circumstance, causes
        #: names that hold a date word ('روسيا اليوم', 'USA Today'): they date nothing; a time span before or after ('a
        #: week after', 'بعد أسبوع'), each as its words: an event after one is that span away from the date before it
        self.names, self.lags = names, lags
        #: words before an event noun that make it the frame of the clause after it ('في ختام قمة ... يوم السبت، قررت
        #: X ...'), each as its words: the frame's date is also that clause's event's
        self.framing = framing
        #: phrases that tell an event at the time last told ('آنذاك'), and inside the one told before it ('التقى
        #: خلالها', 'during which'), each as its words
        self.then, self.within = then, within
        #: words that tell an event at the time of the clause before them ('X on Wednesday revived ... when he
        #: announced the ban'): a date before them is the event's, counted to them
        self.simultaneous = simultaneous
        #: relation types a speaker does by speaking ('X said on Saturday ..., accusing Y'), told as a stay, and done at a
        #: gathering (dates.yaml stays, made_at, gatherings); words before an event noun that make it the purpose of the one before it
        self.spoken, self.purpose, self.stays, self.made_at, self.gatherings = spoken, purpose, stays, made_at, gatherings
        #: phrases opening a sentence that place it at the occasion last told ('وخلال هذا اللقاء، ...'); relation
        #: types told as a lasting state (dated only by a date of their own clause, never carried)
        self.occasion, self.lasting = occasion, lasting
        self.support = support   #: verbs that only say an event noun happened ('talks ... were held on 22 May')
        #: phrases that date a sentence by the event last told: days after it ('The following day', 'اليوم التالي')
        self.narrative = MappingProxyType(dict(narrative or {}))
        # any of them, anywhere (lower-cased text): most sentences hold none, and are passed in one search
        self._narrative_any = re.compile("|".join(map(re.escape, self.narrative))) if self.narrative else None
        #: words that open a thing dated on its own ('منذ توليه السلطة في ...'); nouns of a run of events ('attacks');
        #: phrases before a nested word that count from the last such event ('the first visit since 2014'), as words
        self.nested, self.runs, self.firsts = nested, runs, firsts
        #: words right before a date that tie it to the sentence's event however far ('وذلك اعتبارا من ...')
        self.effective = effective
        self._fields = tuple(sorted(fields.items()))
        self._lexicon = MappingProxyType({k: MappingProxyType(v) for k, v in lexicon.items()})
        #: abbreviated month names as listed ('Sept', 'Nov'): their dot does not end a sentence
        self.month_abbreviations = month_abbreviations
        # Every date expression holds a digit or one of these words (a word of each month, weekday, day word
        # or unit name, as the regex spells it), a whole word but for proclitics: text with neither is not
        # scanned (an Aho-Corasick scan finds the words). None: always scan.
        self._cores = None
        if cores is not None:
            self._cores = ahocorasick.Automaton(ahocorasick.STORE_LENGTH)
            for word in cores:
                self._cores.add_word(word)
            self._cores.make_automaton()
        self._proclitics = tuple("".join(layer) for layer in proclitics)
        self._field_names = tuple(name for _idx, name in self._fields)
        self._field_values = itemgetter(*(idx - 1 for idx, _name in self._fields), -1)   # (+ one: always a tuple)

    def may_hold_date(self, text: str) -> bool:
        """Whether ``text`` has a digit or a date word (else :meth:`find` finds nothing, without scanning).

        >>> g = DateGrammar.load(default_dates_path())
        >>> g.may_hold_date("زار باماكو"), g.may_hold_date("وفي سبتمبر"), g.may_hold_date("الانتخابات")
        (False, True, False)
        """
        if self._cores is None or _DIGIT.search(text):
            return True
        for end, length in self._cores.iter(text):
            if end + 1 < len(text) and _is_word(text[end + 1]):
                continue   # 'اب' (August) in 'الانتخابات': a name ends where its word does
            start = end - length + 1
            for letters in reversed(self._proclitics):    # 'وبسبتمبر': at most one proclitic of each layer
                if start > 0 and text[start - 1] in letters:
                    start -= 1
            if start == 0 or not _is_word(text[start - 1]):
                return True
        return False

    def opens_nested(self, word: str) -> bool:
        """Is ``word`` (with at most one proclitic of each layer) one of :attr:`nested`?

        >>> DateGrammar.load(default_dates_path()).opens_nested("ومنذ")
        True
        """
        word = word.lower()
        if word in self.nested:
            return True
        for letters in self._proclitics:
            if word[:1] and word[0] in letters:
                word = word[1:]
                if word in self.nested:
                    return True
        return False

    def tied(self, before: str) -> bool:
        """Does the text ``before`` a date end with an :attr:`effective` cue (a whole word)?

        >>> DateGrammar.load(default_dates_path()).tied("اغلقت مجالها، وذلك اعتبارا من")
        True
        """
        before = before.rstrip(" ,،").lower()
        return any(before.endswith(cue) and (len(before) == len(cue) or not _is_word(before[-len(cue) - 1]))
                   for cue in self.effective)

    def at_occasion(self, text: str) -> bool:
        """Does the sentence ``text`` open (after one proclitic) with an :attr:`occasion` phrase (a whole word)?

        >>> DateGrammar.load(default_dates_path()).at_occasion("وخلال هذا اللقاء، عبر الوزراء عن ...")
        True
        """
        text = text.lstrip(" \"'«“").lower()
        starts = [text] + [text[1:] for letters in self._proclitics if text[:1] and text[0] in letters]
        cues = self.occasion if isinstance(self.occasion, tuple) else tuple(self.occasion)
        if not any(t.startswith(cues) for t in starts):
            return False   # (most sentences open with none)
        return any(t.startswith(cue) and (len(t) == len(cue) or not _is_word(t[len(cue)]))
                   for t in starts for cue in self.occasion)

    def narrative_shift(self, text: str) -> int | None:
        """Days after the event last told that a :attr:`narrative` phrase in ``text`` names, else None.

        >>> DateGrammar.load(default_dates_path()).narrative_shift("the following day, the leader received ...")
        1
        """
        text = text.lower()
        if self._narrative_any is None or not self._narrative_any.search(text):
            return None
        return next((shift for phrase, shift in self.narrative.items() if _has_phrase(text, phrase)), None)

    def at_the_time(self, text: str) -> bool:
        """Does ``text`` tell its event at the time last told (an :attr:`then` phrase, a whole word)?

        >>> DateGrammar.load(default_dates_path()).at_the_time("لترد الجزائر انذاك، باستدعاء سفيريها")
        True
        """
        text = text.lower()
        return any(_has_phrase(text, phrase) for phrase in self.then)

    @classmethod
    def load(cls, path: str | Path) -> "DateGrammar":
        """Read, validate and compile ``dates.yaml``; raises SchemaError with every problem found."""
        from .schema.dates import compile_dates   # (the loader imports this module's records)
        return compile_dates(Path(path))

    def find(self, text: str) -> list[DateMention]:
        """Date expressions in normalized ``text``: non-overlapping, longest match, left to right."""
        if not self.may_hold_date(text):
            return []
        found = (self._mention(m) for m in self._regex.finditer(text))
        return [_named_thing(d, text, self.attributive) for d in found if d is not None]

    def anchor(self, text: str, published: datetime.date | None) -> datetime.date | None:
        """``published``, else the latest full date ``text`` states, else one a weekday names; none after today."""
        if published is not None:
            return published
        return page_day([self.find(text)], datetime.date.today())

    def _mention(self, m: re.Match) -> DateMention | None:
        parts: dict[str, Any] = {}
        lex = self._lexicon
        values = self._field_values(m.groups())   # the groups with a meaning; those that matched (a few), in C
        for name, value in compress(zip(self._field_names, values), map(is_not, values, repeat(None))):
            if name in ("year", "mm"):
                parts["year" if name == "year" else "month"] = int(lex["yn"].get(value, value))   # (year_names)
            elif name == "day":
                parts["day"] = int(value)
            elif name == "feast":
                parts["month"], parts["day"] = lex["feast"][" ".join(value.split())]
            else:
                key = " ".join(value.split()).rstrip(".")
                parts[PARTS[name]] = lex["mon" if name == "mon2" else name][key]
        if parts.pop("month2", parts.get("month")) != parts.get("month"):
            parts.pop("month")      # "سبتمبر/أكتوبر 2025" names two months: keep only what both say
            parts.pop("day", None)
        r = _Reading(**parts)
        if r.day is not None and r.month is not None:
            longest = calendar.monthrange(r.year if r.year is not None else 2000, r.month)[1]
            if r.day > longest:
                return None     # "31/02/2025" is not a date
        return DateMention(m.start(), m.end(), m.group(), relative=r.year is None,
                           full=None not in (r.year, r.month, r.day), reading=r)


_LAST_WORD = re.compile(r"(\w+)\s+$")
_NEXT_WORD = re.compile(r"\s+[^\W\d]")


def _named_thing(mention: DateMention, text: str, words: frozenset) -> DateMention:
    """``mention``, marked :attr:`DateMention.attributive` when it stands right after one of ``words`` (the
    grammar's ``attributive``) and right before a word ('following the March 3, 2021 army putsch'): it names that
    thing, whose date it is, and is no news day of the page. A relative date is never one.

    >>> g = DateGrammar.load(default_dates_path())
    >>> [m.attributive for t in ("after the July 26, 2023 coup", "met on July 26, 2023 in Niamey")
    ...  for m in g.find(t)]
    [True, False]
    """
    if mention.relative or not words:
        return mention
    before = _LAST_WORD.search(text, 0, mention.start)
    if before is not None and before.group(1).lower() in words and _NEXT_WORD.match(text, mention.end):
        return replace(mention, attributive=True)
    return mention


def _has_phrase(text: str, phrase: str) -> bool:
    """Does ``phrase`` stand in ``text`` as whole words?"""
    at = text.find(phrase)
    while at >= 0:
        end = at + len(phrase)
        if (at == 0 or not _is_word(text[at - 1])) and (end == len(text) or not _is_word(text[end])):
            return True
        at = text.find(phrase, at + 1)
    return False


def full_days(mentions: Iterable[DateMention]) -> list[datetime.date]:
    """The full (day-precision) dates among ``mentions``.

    >>> g = DateGrammar.load(default_dates_path())
    >>> full_days(g.find("زار باماكو في 4 نوفمبر 2025 ثم في ديسمبر 2025، والثلاثاء"))
    [datetime.date(2025, 11, 4)]
    """
    return [datetime.date(r.year, r.month, r.day) for r in (m.reading for m in mentions if m.full)]


def latest_full(mentions: Iterable[DateMention], until: datetime.date | None = None) -> datetime.date | None:
    """The latest full (day-precision) date among ``mentions``, none after ``until`` (the clock: a page is no
    later than the day it is read, so a later day it states is one still to come): an article's anchor when it
    has no date.

    >>> g = DateGrammar.load(default_dates_path())
    >>> latest_full(g.find("زار باماكو في 4 نوفمبر 2025 ثم في 2 ديسمبر 2025، والثلاثاء"))
    datetime.date(2025, 12, 2)
    >>> latest_full(g.find("visited on 4 November 2025 before the vote of 2 December 2025"), datetime.date(2025, 11, 20))
    datetime.date(2025, 11, 4)
    """
    return max((d for d in full_days(m for m in mentions if not m.attributive) if until is None or d <= until),
               default=None)


WEEKDAY_YEARS = 6   # a yearless day's weekday names its year among this many from the latest year stated


def weekday_day(found: list[list[DateMention]], until: datetime.date | None = None) -> datetime.date | None:
    """The day a yearless date names with its weekday ('Thursday, January 30'), on a page with no date and no
    full date: the one year among the :data:`WEEKDAY_YEARS` from the latest year the text states on which that
    day falls on that weekday (none when the text states no year, or two such years: a day's weekday comes back
    after five, six or eleven years), and no day after ``until`` (the clock: the page is read after its news).
    ``found``: each sentence's mentions (of the article's own lines: a sidebar's headline of a later year sets no
    floor). A page whose news is more than a few years later than any year it states is misread: the latest year
    stated is the only year it gives. Every year from that floor to the clock is a year the page may be of: where
    two of them put that day on that weekday ('Tuesday, October 3' after 'since 2014', read in 2026: 2017 and 2023),
    the text gives no year and the day stays undated (rulesCT4, b529_08).

    >>> g = DateGrammar.load(default_dates_path())
    >>> weekday_day([g.find("وصل الوفد منذ 2022."), g.find("ثم غادر اليوم الخميس 18 يونيو")])
    datetime.date(2026, 6, 18)
    >>> weekday_day([g.find("left on Thursday, June 18")]) is None
    True
    >>> weekday_day([g.find("since 2022."), g.find("left on Thursday, June 18")], datetime.date(2026, 3, 1)) is None
    True
    >>> weekday_day([g.find("since 2014."), g.find("met on Tuesday, October 3")], datetime.date(2026, 12, 1)) is None
    True
    """
    floor = max((m.reading.year for mentions in found for m in mentions if m.reading.year), default=None)
    if floor is None:
        return None
    pairs = [(a, b) for mentions in found for a, b in zip(mentions, mentions[1:] + [None])]
    for a, b in pairs:
        r = a.reading
        weekday = r.weekday
        if b is not None and r.weekday is not None and r.month is None and b.start - a.end <= 2:
            r = b.reading
        if None in (weekday, r.month, r.day) or r.year is not None or r.offset not in (None, 0) or r.unit:
            continue
        last = floor + WEEKDAY_YEARS if until is None else max(floor + WEEKDAY_YEARS, until.year + 1)
        days = [d for d in (_date_or_none(y, r.month, r.day) for y in range(floor, last))
                if d is not None and d.weekday() == weekday and (until is None or d <= until)]
        if len(days) == 1 and days[0].year < floor + WEEKDAY_YEARS:
            return days[0]
    return None


def page_day(found: list[list[DateMention]], until: datetime.date | None = None) -> datetime.date | None:
    """The anchor of a page with no date: the later of its latest full date (:func:`latest_full`) and the day a
    yearless date names with its weekday (:func:`weekday_day`). A page that tells a background day in full ('the vote
    held on 5 March 2021') and its news by weekday ('Last Friday, March 4') is written after both: the
    weekday gives the news its year, which the older full date would otherwise lend it.

    >>> g = DateGrammar.load(default_dates_path())
    >>> vote = g.find("a year after the vote held on 5 March 2021")
    >>> [page_day([g.find(f"{day}, March 4, envoys signed."), vote], datetime.date(2026, 1, 1))
    ...  for day in ("Last Friday", "On Thursday")]
    [datetime.date(2022, 3, 4), datetime.date(2021, 3, 5)]
    """
    full = latest_full((m for mentions in found for m in mentions), until)
    named = weekday_day(found, until)
    return max(full, named) if full and named else full or named


def _date_or_none(year: int, month: int, day: int) -> datetime.date | None:
    try:
        return datetime.date(year, month, day)
    except ValueError:
        return None




_DIGIT = re.compile(r"\d")   # what the grammar's digits are (\d: any script's)


def _is_word(ch: str) -> bool:
    """What the grammar's ``\\w`` matches (letters and digits of any script, '_')."""
    return ch.isalnum() or ch == "_"

#: regex group name -> _Reading field (lexicon lookups)
PARTS = MappingProxyType({"mon": "month", "mon2": "month2", "wd": "weekday", "dw": "offset", "rel": "shift",
                          "unit": "unit", "od": "day"})
