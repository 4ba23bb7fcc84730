"""Date values: a date at the precision the text gives, a date expression's reading, and how a relative one
resolves against an anchor (the article's publication date, or a month when the page gives only that).

The grammar that finds the expressions is :mod:`graph.dates`; this module holds what they mean once found.

>>> PartialDate(2025, 9).iso()
'2025-09'
"""
from __future__ import annotations

import calendar
import datetime
from dataclasses import dataclass, field

__all__ = ["PartialDate", "DateMention", "StatedDay", "iso_text", "later_than"]


class StatedDay(datetime.date):
    """An anchor read off the page's own sentences (the latest full date it states), not its publication date:
    the page is on or after that day, so 'X الماضي' / 'last X' of that day's own month is that month (a page that
    tells a summit of 24 February and then 'فبراير الماضي' was written after it, not a year later)."""

    @classmethod
    def of(cls, day: datetime.date) -> "StatedDay":
        return cls(day.year, day.month, day.day)


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


def iso_text(value) -> str | None:
    """A publication date as ISO text, whatever form it came in (a datetime.date, a month-precision
    :class:`PartialDate`, text already, or none): evidence and gazetteer posts compare it as text.

    >>> iso_text(datetime.date(2025, 11, 26)), iso_text(PartialDate(2025, 11)), iso_text("2025-11"), iso_text(None)
    ('2025-11-26', '2025-11', '2025-11', None)
    """
    return value.isoformat() if hasattr(value, "isoformat") else value


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
    attributive: bool = False   # names the thing after it ('the July 26, 2023 coup'): dates only that thing

    @property
    def ahead(self) -> bool:
        """Does it point after its anchor ('next Saturday', 'السبت المقبل', 'tomorrow')? A fact told in the past
        tense is not dated by it (a deadline: 'must leave by next Saturday').

        >>> from graph.dates import DateGrammar, default_dates_path
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
                return _nearest_weekday(day, r.weekday, anchor)   # 'اليوم الاثنين' on a page dated Wednesday
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


def later_than(value: str, anchor) -> bool:
    """Is the date ``value`` after the anchor, at the precision both give? A fact told as done is no later than
    its page ('has eased the sanctions' on a page of 2022 is not dated by 'a return to civilian rule in March 2024').

    >>> later_than("2025-06-20", datetime.date(2025, 6, 14)), later_than("2025-06", datetime.date(2025, 6, 14))
    (True, False)
    >>> later_than("2024-03", PartialDate(2022, 9)), later_than("2024-03", None)
    (True, False)
    """
    if anchor is None or not value:
        return False
    mark = anchor.isoformat()
    if not mark:
        return False
    return value[:len(mark)] > mark[:len(value)]


def _in_month(r: _Reading, anchor: PartialDate) -> PartialDate | None:
    """A relative date against a page dated to the month only: a day word, a weekday or 'this week' is in
    that month (to month precision); 'last month', 'X الماضي' shift from it; nothing gains a day it lacks, but
    a bare weekday ('this Thursday') that one full date the page states in its month falls on (its
    :attr:`PartialDate.days`: 'Thursday 7 March 2024' later in the text) is that day. 'This week' and 'last
    week' are the page's month (the week before a day after the 7th is in its month); 'next week' is unknown.

    >>> from graph.dates import DateGrammar, default_dates_path
    >>> g = DateGrammar.load(default_dates_path())
    >>> [g.find(t)[0].resolve(PartialDate(2023, 12)).iso() for t in ("الاثنين", "امس", "ديسمبر من العام الماضي")]
    ['2023-12', '2023-12', '2022-12']
    >>> [g.find(t)[0].resolve(PartialDate(2022, 12)) for t in ("last week", "الاسبوع الماضي", "next week")]
    [PartialDate(year=2022, month=12, day=None), PartialDate(year=2022, month=12, day=None), None]
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
        if r.unit == "week":   # ('last week' too: from the 8th of a month on, the week before is in it)
            return PartialDate(anchor.year, anchor.month) if not r.shift or r.shift == -1 else None
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
    if shift == -1:   # (the month of a stated day is already past: :class:`StatedDay`)
        year = anchor.year if here < now or day is None and month == anchor.month and isinstance(anchor, StatedDay) \
            else anchor.year - 1
    elif shift == 1:
        year = anchor.year if here > now else anchor.year + 1
    elif shift == 0:
        year = anchor.year
    else:
        year = anchor.year if (month, day or 1) <= (anchor.month, anchor.day) else anchor.year - 1
    if day is not None and day > calendar.monthrange(year, month)[1]:
        return None     # 29 February of a year that has none
    return PartialDate(year, month, day)


def _nearest_weekday(day: datetime.date, weekday: int, anchor: datetime.date) -> PartialDate:
    """A day word whose weekday disagrees with the day it counts to ('امس السبت' on a page dated Saturday, its
    time stamp a day on): the day of that weekday nearest to it, not after the anchor (the earlier of two as near).

    >>> sat = datetime.date(2022, 12, 3)
    >>> [_nearest_weekday(sat - datetime.timedelta(days=1), w, sat).iso() for w in (5, 3, 4)]
    ['2022-12-03', '2022-12-01', '2022-12-02']
    >>> _nearest_weekday(datetime.date(2025, 3, 12), 0, datetime.date(2025, 3, 12)).iso()   # Monday, not next Monday
    '2025-03-10'
    """
    back = (day.weekday() - weekday) % 7
    ahead = (weekday - day.weekday()) % 7
    if ahead < back and day + datetime.timedelta(days=ahead) <= anchor:
        return _day(day + datetime.timedelta(days=ahead))
    return _day(day - datetime.timedelta(days=back))


def _weekday(anchor: datetime.date, weekday: int, shift: int | None) -> PartialDate:
    """Latest such weekday on or before the anchor; 'last' strictly before, 'next' strictly after. A stated day
    (:class:`StatedDay`) is no page's date, only a day the page tells, so a bare weekday is the nearer of the two
    around it ('began the tour on Saturday 8 March ... On Sunday, flew on to Y': the day after).

    >>> sat = StatedDay(2025, 3, 8)
    >>> [_weekday(sat, w, None).iso() for w in (6, 0, 3)], _weekday(datetime.date(2025, 3, 8), 6, None).iso()
    (['2025-03-09', '2025-03-10', '2025-03-06'], '2025-03-02')
    """
    if shift == 1:
        return _day(anchor + datetime.timedelta(days=(weekday - anchor.weekday()) % 7 or 7))
    back = (anchor.weekday() - weekday) % 7
    if shift is None and isinstance(anchor, StatedDay) and (weekday - anchor.weekday()) % 7 < back:
        return _day(anchor + datetime.timedelta(days=(weekday - anchor.weekday()) % 7))
    if shift == -1 and back == 0:
        back = 7
    return _day(anchor - datetime.timedelta(days=back))
