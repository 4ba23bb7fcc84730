"""The day a next sentence gives an event by restating it ('X attacked Y.' then 'The attack took place on
Saturday.'): a sentence that tells no event of its own, with a restating noun (dates.yaml ``restating``) and a day
within :data:`DATE_WINDOW` words of it in its clause, dates the undated events of the sentence right before it,
when they are all of one kind."""
from __future__ import annotations

from dataclasses import replace

from .date_cues import DATE_WINDOW
from .sentence import spans_of

__all__ = ["restated_day", "date_restated"]


def restated_day(view, dates, stated, relations, schema) -> str | None:
    """The day the sentence gives beside a restating noun when it tells no event of its own, else None (``dates``:
    its date expressions; ``stated``: the same as :func:`graph.extraction.leads.stated_dates` read them, in order;
    ``relations``: what it told)."""
    grammar = schema.dates
    if not grammar or not grammar.restating or not stated or any(
            schema.relation_types[r.type].cameo is not None for r in relations):
        return None
    nouns = spans_of(view, grammar.restating)
    for found, told in zip(dates, stated):
        if not told.value or len(told.value) != 10 or told.background or found.later:
            continue
        for s, e in nouns:
            lo, hi = (e, found.token) if e <= found.token else (found.end, s)
            if lo <= hi and view.words_between(lo, hi) <= DATE_WINDOW and not view.boundary_between(lo, hi):
                return told.value
    return None


def date_restated(before: list, day: str, schema) -> list:
    """``before`` (the relations of the sentence before) with its events dated ``day``, when they are all facts of
    one kind and none is dated (events of several kinds leave the noun's referent unknown)."""
    events = [r for r in before if schema.relation_types[r.type].cameo is not None]
    if not events or any(r.date for r in events) or len({r.type for r in events}) != 1 \
            or any(r.modality != "fact" for r in events):
        return before
    return [replace(r, date=day) if any(r is e for e in events) else r for r in before]
