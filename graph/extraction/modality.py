"""Stage 6: modality. Is the event a fact, or negated, attempted, future?

:data:`MODALITIES` is the registry of the modalities ``discourse.yaml`` may
give cues for, in the order they win: a denied plan is negated, a plan to
try is attempted. Anything without a cue is ``fact``.
"""
from __future__ import annotations

from ..matcher import Match
from .phrases import derived
from .relative_aside import relative_words
from .sentence import SentenceView, comma_between

__all__ = ["MODALITIES", "FACT", "modality_of"]

FACT = "fact"
#: the modalities cues can give, strongest first
MODALITIES = ("negated", "attempted", "future")


def modality_of(view: SentenceView, trig: Match, cues_by_modality, dates=()) -> str:
    """The first modality (in :data:`MODALITIES` order) with a cue near the trigger, else 'fact'.

    A cue counts within its entry's ``window`` words before the trigger (not
    across a clause boundary, nor into a relative clause) or after it, or as a
    ``clitic`` on the trigger; never one of the words of a date expression of
    the sentence (``dates``: 'In May, an attack ...' names a month, no 'may'), unless the cue's entry is ``dated``
    ('next week': a time still to come).
    """
    every = view.cues
    if not every:   # no cue word in the sentence (most): only the clitics count, in the same order
        return next((name for name, clitic, spec in _clitics(cues_by_modality)
                     if clitic in trig.clitic and _speaks_of(spec, trig)), FACT)
    plain = _outside_dates(every, dates) if dates else every
    for name in MODALITIES:
        for k, spec in enumerate(cues_by_modality.get(name, ())):
            window, clitic = spec["window"], spec["clitic"]
            cues = every if spec["dated"] else plain   # ('dated': cues that are date words, 'next week')
            if not (clitic and clitic in trig.clitic) and not (
                    cues and ((name, k, "before") in cues or (name, k, "after") in cues)):
                continue   # (most entries: neither its clitic nor a cue of its own in the sentence, nothing to weigh)
            if not _speaks_of(spec, trig):
                continue   # a cue of some relations only ('withdrawing from' ends a pact, not an expulsion)
            if clitic and clitic in trig.clitic:
                return name
            if not cues:
                continue   # no cue word in the sentence (most): only the clitics count
            before = cues.get((name, k, "before"), ())
            if before and not spec["framed"] and _framed(view, trig.start):
                before = ()   # ('denied any losses during the attack': the frame's event took place)
            for cue in before:
                parts = _apart(view, cue.end, trig.start) if cue.end <= trig.start else ()
                if parts and sum(view.words_between(a, b) for a, b in parts) <= window \
                        and not view.boundary_between(cue.end, trig.start) \
                        and not any(view.opens_clause(a, b) for a, b in parts[:-1]) \
                        and not view.opens_clause(parts[-1][0], trig.end) and not _coordinated_clause(view, cue, trig):
                    return name   # ('لم تحدد ... الهجمات التي تبنتها': a relative clause keeps the cue out)
            for cue in cues.get((name, k, "after"), ()):
                aside = _aside(view, trig.end, cue.start) if cue.start >= trig.end else None
                if aside is not None and view.words_between(trig.end, cue.start) - aside <= window \
                        and (not spec.get("fronted") or comma_between(view, trig.end, cue.start)):
                    return name   # ('signed a deal, which is expected to ...': the relative clause's own cue;
                    # 'fronted': the trigger's phrase set off before the cue's clause by a comma)
    return FACT


def _framed(view: SentenceView, start: int) -> bool:
    """Is the event at ``start`` introduced by a frame word (morphology.yaml ``frames``), an article between?"""
    k = start - 1
    while k > 0 and view.lows[k] in view.grammar.determiners:
        k -= 1
    return k >= 0 and view.lows[k] in view.grammar.frames


def _apart(view: SentenceView, a: int, b: int) -> tuple[tuple[int, int], ...]:
    """The stretches between a cue and its trigger that count, an apposition set off by two commas aside ('أنهت
    حكومة X، الحليف الرئيسي لـY في ...، اتفاقية التعاون': the ending is the accord's)."""
    commas = [k for k in range(a, b) if view.tokens[k].text in view.commas]
    if len(commas) < 2:
        return ((a, b),)
    return ((a, commas[0]), (commas[-1], b))


def _coordinated_clause(view: SentenceView, cue, trig: Match) -> bool:
    """'رغم أن بلاده ليست من أعضائها، ووصل إلى أبوجا': a verb after a comma and a conjunction opens a clause of
    its own, which a cue before the comma does not cover."""
    return trig.clitic[:1] in view.grammar.conjunction_clitics and comma_between(view, cue.end, trig.start)


def _outside_dates(cues: dict, dates) -> dict:
    """The cues none of whose words a date expression spans."""
    inside = {i for d in dates for i in range(d.token, d.stop)}
    if not any(i in inside for found in cues.values() for c in found for i in range(c.start, c.end)):
        return cues
    return {key: [c for c in found if not any(i in inside for i in range(c.start, c.end))]
            for key, found in cues.items()}


def _clitics(cues_by_modality) -> tuple[tuple[str, str, dict], ...]:
    """(modality, clitic, entry) of each cue entry that has a clitic, in the order :func:`modality_of` tries them;
    made once per schema (its modality table lives as long as it does)."""
    return derived(cues_by_modality, _CLITICS, lambda table: tuple(
        (name, spec["clitic"], spec) for name in MODALITIES for spec in table.get(name, ()) if spec["clitic"]))


def _speaks_of(spec, trig: Match) -> bool:
    """Does a cue entry speak of the trigger's relation type (its ``types``, if any, and not its ``not_types``)?"""
    kind = trig.payload.type
    return (not spec.get("types") or kind in spec["types"]) and kind not in spec.get("not_types", ())


_CLITICS: dict[int, tuple] = {}   # id of a schema's modality table -> (the table, its clitics)


def _aside(view: SentenceView, start: int, end: int) -> int | None:
    """The words of a relative clause set off by commas between a trigger and a cue after it ('the visit to X,
    which was set for May, was called off': the cue is the visit's), 0 when no clause opens between, None when
    one opens that is not set off (the cue is the clause's own: 'signed a deal, which is expected to ...')."""
    opener = view.first_opener(start, end)
    if opener is None:
        return 0
    free, _bounds, opens = view.counts()
    return relative_words(view, free, opens, opener, end) or None
