"""Stage 4, the date expressions of a sentence: each found by the grammar, placed at its first token and resolved
against the article's anchor; a page's dateline, time stamp, archive caption or a name that holds a date word
('روسيا اليوم') gives none, and a weekday right before a day and month is one expression with it. The date of each
event is :mod:`graph.extraction.dating`'s.
"""
from __future__ import annotations

import datetime
import re

from ..date_values import later_than
from .sentence import DateFound, SentenceView, archive_caption

__all__ = ["sentence_dates", "day_aside"]

_CLOCK = re.compile(r"\W{0,3}\d{1,2}:\d\d(?!\d)")   # a time of day right after a date: a page's time stamp


def sentence_dates(view: SentenceView, grammar, anchor, found: list | None = None,
                   published=None) -> tuple[DateFound, ...]:
    """Date expressions of the sentence (``found``: as the grammar found them, if it did already), each at
    its first token, resolved against the anchor; each marked :attr:`DateFound.later` when after ``published``,
    the page's own date, or on an undated page the clock's (not an anchor read off its sentences, which only
    bounds the page's date from below)."""
    if not grammar:
        return ()
    if found is None:
        found = grammar.find(view.sentence.norm.text)
    if not found or archive_caption(view):
        return ()   # ('FILE - X arrives at ..., Sept. 2, 2024': the photo's date)
    tokens = view.tokens
    out = []
    dateline = view.dateline_end()
    named = _name_spans(view.sentence.norm.text, grammar.names) if grammar.names else ()
    for d in found:
        if any(a < d.end and d.start < b for a, b in named):
            continue   # 'موسكو - روسيا اليوم: قال ...': a source's name, no date
        tok = next((i for i, t in enumerate(tokens) if t.end > d.start), None)
        if tok is None:
            continue
        if dateline is not None and all(not t.is_word or t.text.isdigit() for t in tokens[dateline:tok]):
            continue   # 'date 2025-01-08 ...', 'تاريخ النشر: ...': the page's date, not the event's
        if d.full and _CLOCK.match(view.sentence.norm.text, d.end):
            continue   # 'الرباط - الاثنين 12 فبراير 2024 10:15 صباحاً - ...': the page's time stamp, not the event's
        if d.text.isdigit() and tok > 0 and tokens[tok - 1].is_word and not tokens[tok - 1].text.isdigit():
            continue   # 'انقلاب 2020', 'the 2023 coup': the year of something named, not of this event
        end = next((i for i in range(tok, len(tokens)) if tokens[i].start >= d.end), len(tokens))
        if tok == 0 and d.full and _credited(view, end):
            continue   # 'March 28, 2024 (AGENCY)— On March 26, X ...': the page's dateline, not the event's
        value = d.resolve(anchor)
        iso = value.iso() if value else None
        out.append(DateFound(tok, d, iso, end, later_than(iso, published)))
    out = _dateline_yields(view, out, anchor)
    # 'يوم الاثنين 8 ديسمبر 2025', 'Monday, 8 December 2025', 'Monday, July 24': a weekday right before a date
    # with its day names that date (not the latest such weekday); the two are one expression, from the weekday's
    # first word
    # (without a year, only in a year where that day is that weekday: 'الأربعاء 6 يونيو' on a page of 5 June 2024,
    # a Thursday, is no 6 June of 2023)
    merged: list[DateFound] = []
    for f in out:
        prev = merged[-1] if merged else None
        value = f.value if f.expression.full else _weekday_agrees(prev, f, anchor)
        if prev is not None and prev.expression.relative and value is not None \
                and view.words_between(prev.end, f.token) == 0:
            merged[-1] = DateFound(prev.token, f.expression, value, f.end, later_than(value, published))
        elif (day := _day_in_year(prev, f)) is not None and view.words_between(prev.end, f.token) == 0:
            # '5 يناير هذا العام', '3 March last year': the day and month in the year the relative words name
            merged[-1] = DateFound(prev.token, prev.expression, day, f.end, later_than(day, published))
        else:
            merged.append(f)
    return tuple(merged)


#: words besides digits between a dateline's place and its date (another calendar's date, 'الموافق', 'on')
DATELINE_GAP_WORDS = 4


def _dateline_yields(view: SentenceView, out: list, anchor) -> list:
    """Drop the page's own date (the anchor) heading a place dateline ('CITY, D M Y — X met Y yesterday', 'CITY D M Y X
    met Y on Monday') when the sentence tells a date of its own after it: that one is the event's, the first
    only the day of the report."""
    if len(out) < 2 or anchor is None or not out[0].expression.full or out[0].value != anchor.isoformat():
        return out
    first, tokens = out[0], view.tokens
    place = next((b for a, b in view.names if a == 0), None)
    if place is None or place > first.token or any(place < a < first.token for a, _ in view.names):
        return out
    words = sum(1 for t in tokens[place:first.token] if t.is_word and not t.text.isdigit())
    return out[1:] if words <= DATELINE_GAP_WORDS else out


#: tokens a bracketed credit after a dateline's date may hold ('(AP)', '(Agence X)')
CREDIT_TOKENS = 4


def _credited(view: SentenceView, end: int) -> bool:
    """Does a bracketed credit closed by a dash follow token ``end`` ('... 2024 (AGENCY)— ...')? A full date that
    opens the sentence with one is the page's dateline."""
    tokens, marks = view.tokens, view.grammar.aside_marks
    if end >= len(tokens) or tokens[end].text != "(":
        return False
    close = next((i for i in range(end + 1, min(end + CREDIT_TOKENS + 2, len(tokens))) if tokens[i].text == ")"), None)
    return close is not None and close + 1 < len(tokens) and tokens[close + 1].text in marks


def _weekday_agrees(prev: DateFound | None, f: DateFound, anchor) -> str | None:
    """The day a weekday (``prev``) and a day and month without a year (``f``) name together: the day's date as
    resolved, or in the anchor's year, where it falls on that weekday; None when neither does."""
    weekday, r = prev.expression.reading.weekday if prev is not None else None, f.expression.reading
    if weekday is None or r.day is None or r.month is None or f.value is None:
        return None
    years = [int(f.value[:4])] + ([anchor.year] if isinstance(anchor, datetime.date) else [])
    for year in years:
        try:
            day = datetime.date(year, r.month, r.day)
        except ValueError:
            continue
        if day.weekday() == weekday:
            return day.isoformat()
    return None


def _day_in_year(prev: DateFound | None, f: DateFound) -> str | None:
    """The day a day and month without a year (``prev``) names in the year a relative expression right after it
    (``f``: 'this year', 'العام الماضي') gives; None when the two are not such a pair."""
    if prev is None or prev.expression.full or not f.expression.relative or not f.value or len(f.value) != 4:
        return None
    r = prev.expression.reading
    if r.day is None or r.month is None:
        return None
    try:
        return datetime.date(int(f.value), r.month, r.day).isoformat()
    except ValueError:
        return None


def _name_spans(text: str, names) -> list[tuple[int, int]]:
    """Where the names that hold a date word stand in ``text``, as written, ending at a word's end.

    >>> _name_spans("موسكو - روسيا اليوم: قال", ("- روسيا اليوم",)), _name_spans("USA Todays", ("USA Today",))
    ([(6, 19)], [])
    """
    out = []
    for name in names:
        at = text.find(name)
        while at >= 0:
            end = at + len(name)
            if end == len(text) or not text[end].isalnum():
                out.append((at, end))
            at = text.find(name, at + 1)
    return out


def day_aside(view: SentenceView, dates, i: int, place: int = 3) -> bool:
    """Does the comma at token ``i`` open an aside that starts with a date, or close one a comma opened, a place of
    at most ``place`` tokens after the date allowed ('talks held, on Friday in Rabat, between A and B')?

    >>> from types import SimpleNamespace as NS
    >>> view = NS(tokens=[NS(text=t) for t in "talks held , on friday , between a and b".split()], commas={","})
    >>> dates = (DateFound(3, None, "2024-01-05", 5),)
    >>> [day_aside(view, dates, 2), day_aside(view, dates, 5), day_aside(view, (), 2)]
    [True, True, False]
    >>> view = NS(tokens=[NS(text=t) for t in "signed in may , but the rift".split()], commas={","})
    >>> day_aside(view, (DateFound(2, None, "2024-05", 3),), 3)
    False
    """
    commas = view.commas
    for d in dates:
        if d.token == i + 1:
            return True
        if d.token >= 1 and view.tokens[d.token - 1].text in commas and d.stop <= i <= d.stop + place \
                and not any(view.tokens[k].text in commas for k in range(d.stop, i)):
            return True
    return False
