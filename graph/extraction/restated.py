"""The day a next sentence gives an event by restating it ('X attacked Y.' then 'The attack took place on
Saturday.'): a sentence that tells no event of its own, with a restating noun (dates.yaml ``restating``) and a day
within :data:`DATE_WINDOW` words of it in its clause, dates the undated events of the sentence right before it,
when they are all of one kind. In one sentence, an event told twice ('بحث X سبل ...، اليوم الاثنين، محور مباحثات بين
A وB') takes the date its later telling got (:func:`retold_in_sentence`)."""
from __future__ import annotations

from dataclasses import replace

from ..model import edge_key
from .date_cues import DATE_WINDOW, lagged
from .visits import VISITED
from .sentence import spans_of

__all__ = ["restated_day", "date_restated", "retold_in_sentence"]


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


def retold_in_sentence(emitted: list, view, schema) -> list:
    """``emitted`` ((trigger, relation) pairs of one sentence, in order) with an undated fact dated by a later
    trigger of the sentence that tells the same event (its type, between the same parties, a fact) with a date, and
    the visits the first trigger's meeting implied with it (a visit retold dates no meeting: it lasts days); not
    across a lag ('met Y, a week after meeting Y on Sunday') nor for a lasting tie (dates.yaml ``lasting``).

    >>> from types import SimpleNamespace as NS
    >>> from graph.model import Relation
    >>> schema = NS(dates=NS(lasting=frozenset({"TIE"}), lags=()), pair_types=frozenset({"MET"}),
    ...             relation_types={"MET": NS(symmetric=True), "VISITED": NS(symmetric=False)})
    >>> t1, t2 = NS(start=1), NS(start=9)
    >>> out = retold_in_sentence([(t1, Relation("d", "A", "MET", "B")), (t1, Relation("d", "B", "VISITED", "A")),
    ...                           (t1, Relation("d", "A", "TIE", "B")),
    ...                           (t2, Relation("d", "B", "MET", "A", "2024-07-08"))], None, schema)
    >>> [r.date for _t, r in out]
    ['2024-07-08', '2024-07-08', None, '2024-07-08']
    """
    grammar = schema.dates
    if not grammar or len(emitted) < 2 or all(r.date for _t, r in emitted):
        return emitted
    dated: dict[tuple[int, str], str] = {}   # (an undated trigger's start, a type) -> its later telling's date
    for trig, rel in emitted:
        if rel.date or rel.modality != "fact" or rel.type not in schema.pair_types or rel.type in grammar.lasting:
            continue
        same = _undated_key(rel, schema)
        for later, other in emitted:
            if later.start > trig.start and other.date and _undated_key(other, schema) == same \
                    and not (view is not None and lagged(view, grammar, trig.start, later.start)):
                dated.setdefault((trig.start, rel.type), other.date)
                if rel.type != VISITED:   # (a meeting's day is the visit's it implied; a visit's, not the meeting's)
                    dated.setdefault((trig.start, VISITED), other.date)
                break
    if not dated:
        return emitted
    return [(t, replace(r, date=dated[t.start, r.type]) if (t.start, r.type) in dated and not r.date
             and r.modality == "fact" else r) for t, r in emitted]


def _undated_key(rel, schema) -> tuple:
    """The relation's edge key without its date: the same event between the same parties, either way round for a
    symmetric type (:func:`graph.model.edge_key`)."""
    return edge_key(rel.source, rel.type, rel.target, None, rel.modality, rel.role,
                    schema.relation_types[rel.type].symmetric)
