"""The date grammar: finds date expressions in normalized text and resolves them.

A date keeps the precision the text gives (``2025-11-04``, ``2025-09``,
``2014``) and never gains any. Relative expressions ("الثلاثاء", "سبتمبر
الماضي", "last February", "أمس") resolve against an *anchor*: the article's
publication date or, failing that, the latest full date the text states.

The words are data (``schema/dates.yaml``); month and weekday names come from
CLDR through babel for every locale listed there, normalized like article
text. :meth:`DateGrammar.load` (through :mod:`graph.schema.dates`) compiles
everything once into one regular expression, so :meth:`DateGrammar.find` is a
single scan per sentence.

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
"""
from __future__ import annotations

import calendar
import datetime
import re
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from itertools import compress, repeat
from operator import is_not, itemgetter
from typing import Any, Iterable

import ahocorasick

__all__ = ["PartialDate", "DateMention", "DateGrammar", "default_dates_path", "full_days", "latest_full", "SHIFTS",
           "UNITS", "PARTS"]

#: relative words of dates.yaml (``relative: {past: ..., next: ..., this: ...}``) -> how they shift a date
SHIFTS = MappingProxyType({"past": -1, "next": 1, "this": 0})
#: periods a relative word turns into a date (``units:`` of dates.yaml)
UNITS = ("week", "month", "year")


def default_dates_path() -> Path:
    """The ``schema/dates.yaml`` shipped beside the package."""
    return Path(__file__).resolve().parents[1] / "schema" / "dates.yaml"


# --------------------------------------------------------------------------- values

@dataclass(frozen=True)
class PartialDate:
    """A date at year, month or day precision.

    >>> PartialDate(2025, 9).iso(), PartialDate(2025, 9).precision
    ('2025-09', 'month')
    """

    year: int | None
    month: int | None = None
    day: int | None = None
    #: the full dates the page states inside its month (a month-precision publication date): a bare weekday of
    #: the page is the one of them that falls on it (:func:`_in_month`)
    days: tuple = field(default=(), compare=False, repr=False)

    def iso(self) -> str | None:
        if self.year is None:
            return None
        if self.month is None:
            return f"{self.year:04d}"
        if self.day is None:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"

    isoformat = iso   # a month-precision publication date is written like a datetime.date

    def __str__(self) -> str:
        return self.iso() or ""

    @property
    def precision(self) -> str | None:
        if self.year is None:
            return None
        return "year" if self.month is None else "month" if self.day is None else "day"


@dataclass(frozen=True)
class _Reading:
    """What a mention says, before any anchor: the parts the text gives."""

    year: int | None = None
    month: int | None = None
    day: int | None = None
    weekday: int | None = None      # 0 = Monday, like datetime
    offset: int | None = None       # day words: days from the anchor
    shift: int | None = None        # -1 past, 0 this, +1 next
    unit: str | None = None         # week | month | year ("الشهر الماضي")


@dataclass(frozen=True)
class DateMention:
    """A date expression found by :meth:`DateGrammar.find` (offsets into the string given)."""

    start: int
    end: int
    text: str
    relative: bool      # needs an anchor (weekday, "X الماضي", "yesterday", month without year)
    full: bool          # explicit day, month and year: a candidate anchor
    reading: _Reading = field(repr=False)

    @property
    def ahead(self) -> bool:
        """Does it point after its anchor ('next Saturday', 'السبت المقبل', 'tomorrow')? A fact told in the past
        tense is not dated by it (a deadline: 'must leave by next Saturday').

        >>> g = DateGrammar.load(default_dates_path())
        >>> [m.ahead for m in g.find("يوم السبت المقبل") + g.find("يوم السبت الماضي") + g.find("tomorrow")]
        [True, False, True]
        """
        r = self.reading
        return r.year is None and (r.shift == 1 or (r.offset or 0) > 0)

    def resolve(self, anchor: datetime.date | None) -> PartialDate | None:
        """The date meant, at the precision the text gives; None when it cannot be known."""
        r = self.reading
        if r.year is not None:
            return PartialDate(r.year, r.month, r.day)
        if anchor is None:
            return None
        if isinstance(anchor, PartialDate):
            return _in_month(r, anchor)
        if r.offset is not None:
            day = anchor + datetime.timedelta(days=r.offset)
            if r.weekday is not None and r.weekday != day.weekday():
                return _weekday(day, r.weekday, None)   # 'اليوم الاثنين' on a page dated Wednesday: that Monday
            return _day(day)
        if r.unit is not None:
            if r.month is not None and r.unit == "year":   # 'ديسمبر من العام الماضي'
                return PartialDate(anchor.year + (r.shift or 0), r.month)
            if r.day is not None:   # '15 من الشهر الماضي': that day of the month named; of no other unit
                return _with_day(_period(anchor, r.unit, r.shift), r.day) if r.unit == "month" else None
            return _period(anchor, r.unit, r.shift)
        if r.month is not None:
            return _month(anchor, r.month, r.day, r.shift)
        if r.weekday is not None:
            return _weekday(anchor, r.weekday, r.shift)
        return None


def _in_month(r: _Reading, anchor: PartialDate) -> PartialDate | None:
    """A relative date against a page dated to the month only: a day word, a weekday or 'this week' is in
    that month (to month precision); 'last month', 'X الماضي' shift from it; nothing gains a day it lacks, but
    a bare weekday ('this Thursday') that one full date the page states in its month falls on (its
    :attr:`PartialDate.days`: 'Thursday 7 March 2024' later in the text) is that day.

    >>> g = DateGrammar.load(default_dates_path())
    >>> [g.find(t)[0].resolve(PartialDate(2023, 12)).iso() for t in ("الاثنين", "امس", "ديسمبر من العام الماضي")]
    ['2023-12', '2023-12', '2022-12']
    >>> page = PartialDate(2023, 1, days=(datetime.date(2023, 1, 4), datetime.date(2023, 1, 9)))
    >>> [g.find(t)[0].resolve(page).iso() for t in ("this Wednesday", "الاثنين", "الخميس", "last Wednesday")]
    ['2023-01-04', '2023-01-09', '2023-01', '2023-01']
    """
    if anchor.month is None:
        return None
    if r.weekday is not None and r.offset is None and r.unit is None and r.month is None and not r.shift:
        stated = {d for d in anchor.days if d.weekday() == r.weekday}
        if len(stated) == 1:
            return _day(stated.pop())
    if r.unit is not None:
        if r.month is not None and r.unit == "year":
            return PartialDate(anchor.year + (r.shift or 0), r.month)
        if r.unit == "week":
            return PartialDate(anchor.year, anchor.month) if not r.shift else None
        return _period(datetime.date(anchor.year, anchor.month, 1), r.unit, r.shift)
    if r.month is not None:
        if r.day is not None and r.month == anchor.month:
            return _with_day(PartialDate(anchor.year, r.month), r.day)   # '12 ديسمبر' on a December page
        month = _month(datetime.date(anchor.year, anchor.month, 1), r.month, None, r.shift)
        return month if r.day is None else _with_day(month, r.day)
    if r.offset is not None or r.weekday is not None:
        return PartialDate(anchor.year, anchor.month)
    return None


def _with_day(month: PartialDate | None, day: int) -> PartialDate | None:
    if month is None or day > calendar.monthrange(month.year, month.month)[1]:
        return None
    return PartialDate(month.year, month.month, day)


def _day(d: datetime.date) -> PartialDate:
    return PartialDate(d.year, d.month, d.day)


def _period(anchor: datetime.date, unit: str, shift: int) -> PartialDate | None:
    if unit == "year":
        return PartialDate(anchor.year + shift)
    if unit == "month":
        m = anchor.month - 1 + shift
        return PartialDate(anchor.year + m // 12, m % 12 + 1)
    return _week(anchor, shift)


def _week(anchor: datetime.date, shift: int) -> PartialDate | None:
    """A week has no week precision: it dates an event to the month that holds most of its days (a week across
    two months is told of either: 'last week' on Tuesday 4 June is 27 May - 2 June, May), else (a tie) to its year.
    'This week' is its days up to the anchor: what a page tells done this week was done by its day.

    >>> [_week(datetime.date(2024, 6, 4), -1).iso(), _week(datetime.date(2023, 9, 2), 0).iso()]
    ['2024-05', '2023-08']
    >>> _week(datetime.date(2021, 9, 2), 0).iso()   # 30 Aug - 2 Sep: two days of August, two of September
    '2021'
    """
    monday = anchor - datetime.timedelta(days=anchor.weekday()) + datetime.timedelta(weeks=shift)
    last = anchor if shift == 0 else monday + datetime.timedelta(days=6)
    days = [monday + datetime.timedelta(days=i) for i in range((last - monday).days + 1)]
    counts: dict[tuple[int, int], int] = {}
    for d in days:
        counts[(d.year, d.month)] = counts.get((d.year, d.month), 0) + 1
    ranked = sorted(counts.items(), key=lambda kv: -kv[1])
    if len(ranked) == 1 or ranked[0][1] > ranked[1][1]:
        return PartialDate(*ranked[0][0])
    return PartialDate(monday.year) if monday.year == last.year else None


def _month(anchor: datetime.date, month: int, day: int | None, shift: int | None) -> PartialDate | None:
    """'X الماضي' is strictly before the anchor's month, 'X المقبل' strictly after, bare X on or before."""
    here = (month, day or 0) if day else (month,)     # with a day, '10 مارس الماضي' may be this month's 10th
    now = (anchor.month, anchor.day) if day else (anchor.month,)
    if shift == -1:
        year = anchor.year if here < now else anchor.year - 1
    elif shift == 1:
        year = anchor.year if here > now else anchor.year + 1
    elif shift == 0:
        year = anchor.year
    else:
        year = anchor.year if (month, day or 1) <= (anchor.month, anchor.day) else anchor.year - 1
    if day is not None and day > calendar.monthrange(year, month)[1]:
        return None     # 29 February of a year that has none
    return PartialDate(year, month, day)


def _weekday(anchor: datetime.date, weekday: int, shift: int | None) -> PartialDate:
    """Latest such weekday on or before the anchor; 'last' strictly before, 'next' strictly after."""
    if shift == 1:
        return _day(anchor + datetime.timedelta(days=(weekday - anchor.weekday()) % 7 or 7))
    back = (anchor.weekday() - weekday) % 7
    if shift == -1 and back == 0:
        back = 7
    return _day(anchor - datetime.timedelta(days=back))


# --------------------------------------------------------------------------- the grammar

class DateGrammar:
    """The compiled date grammar. Build it with :meth:`load`; it is immutable and shareable."""

    def __init__(self, regex: re.Pattern, fields: dict[int, str], lexicon: dict[str, dict[str, int | str]],
                 month_abbreviations: frozenset[str] = frozenset(), cores: Iterable[str] | None = None,
                 proclitics: Iterable[Iterable[str]] = (), nested: frozenset[str] = frozenset(),
                 effective: tuple[str, ...] = (), occasion: tuple[str, ...] = (),
                 lasting: frozenset[str] = frozenset(), support: tuple[tuple[str, ...], ...] = (),
                 narrative: dict[str, int] | None = None, purpose: frozenset[str] = frozenset(),
                 spoken: frozenset[str] = frozenset(), simultaneous: frozenset[str] = frozenset(),
                 within: tuple[tuple[str, ...], ...] = (), then: tuple[str, ...] = (),
                 framing: tuple[tuple[str, ...], ...] = (), lags: tuple[tuple[str, ...], ...] = (),
                 names: tuple[str, ...] = (), circumstance: tuple[tuple[str, ...], ...] = (), causes: tuple = ()):
        self._regex = regex
        #: words that tell the event after them as the standing circumstance of the news ('في وقت', 'amid'); words
        #: that open a cause phrase ('عقب', 'in the wake of'): a date inside one is the cause's
        self.circumstance, self.causes = circumstance, causes
        #: names that hold a date word ('روسيا اليوم', 'USA Today'): a source's name dates nothing
        self.names = names
        #: a time span before or after ('a week after', 'بعد أسبوع'), each as its words: an event after one is that
        #: span away from the date before it
        self.lags = lags
        #: words before an event noun that make it the frame of the clause after it ('في ختام قمة ... يوم السبت، قررت
        #: X ...'), each as its words: the frame's date is also that clause's event's
        self.framing = framing
        #: phrases that tell an event at the time last told ('آنذاك')
        self.then = then
        #: words that tell an event inside the one told before it ('التقى خلالها', 'during which'), each as its words
        self.within = within
        #: words that tell an event at the time of the clause before them ('X on Wednesday revived ... when he
        #: announced the ban'): a date before them is the event's, counted to them
        self.simultaneous = simultaneous
        #: relation types a speaker does by speaking ('X said on Saturday ..., accusing Y'): dated by the statement
        self.spoken = spoken
        #: words before an event noun that make it the purpose of the event before it ('arrived ... for the
        #: meeting'): the two share a date
        self.purpose = purpose
        #: phrases opening a sentence that place it at the occasion last told ('وخلال هذا اللقاء، ...')
        self.occasion = occasion
        #: relation types told as a lasting state: dated only by a date of their own clause, never carried
        self.lasting = lasting
        #: verbs that only say an event noun happened ('talks ... were held on 22 May'), each as its words
        self.support = support
        #: phrases that date a sentence by the event last told: days after it ('The following day', 'اليوم التالي')
        self.narrative = MappingProxyType(dict(narrative or {}))
        # any of them, anywhere (lower-cased text): most sentences hold none, and are passed in one search
        self._narrative_any = re.compile("|".join(map(re.escape, self.narrative))) if self.narrative else None
        #: words after an event that open a thing of its own, dated on its own ('منذ توليه السلطة في ...')
        self.nested = nested
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
        out = []
        for m in self._regex.finditer(text):
            mention = self._mention(m)
            if mention is not None:
                out.append(mention)
        return out

    def anchor(self, text: str, published: datetime.date | None) -> datetime.date | None:
        """``published`` if given, else the latest full (day-precision) date stated in ``text``."""
        if published is not None:
            return published
        return latest_full(self.find(text))

    def _mention(self, m: re.Match) -> DateMention | None:
        parts: dict[str, Any] = {}
        lex = self._lexicon
        values = self._field_values(m.groups())   # the groups with a meaning; those that matched (a few), in C
        for name, value in compress(zip(self._field_names, values), map(is_not, values, repeat(None))):
            if name in ("year", "mm"):
                parts["year" if name == "year" else "month"] = int(value)
            elif name == "day":
                parts["day"] = int(value)
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


def latest_full(mentions: Iterable[DateMention]) -> datetime.date | None:
    """The latest full (day-precision) date among ``mentions``: an article's anchor when it has no date.

    >>> g = DateGrammar.load(default_dates_path())
    >>> latest_full(g.find("زار باماكو في 4 نوفمبر 2025 ثم في 2 ديسمبر 2025، والثلاثاء"))
    datetime.date(2025, 12, 2)
    """
    return max(full_days(mentions), default=None)




_DIGIT = re.compile(r"\d")   # what the grammar's digits are (\d: any script's)


def _is_word(ch: str) -> bool:
    """What the grammar's ``\\w`` matches (letters and digits of any script, '_')."""
    return ch.isalnum() or ch == "_"

#: regex group name -> _Reading field (lexicon lookups)
PARTS = MappingProxyType({"mon": "month", "mon2": "month2", "wd": "weekday", "dw": "offset", "rel": "shift",
                          "unit": "unit"})
