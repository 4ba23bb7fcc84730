"""Argument strategies for an event told as the content of an accusation: 'X accused Y of shooting down a drone',
'Y, which X accuses of downing a drone'. The one accused is the event's actor (``accused``, a source) and, when
the event names no one it hit, the accuser is the one it hit (``accuser``, a target: its own drone, the guide's
claims are kept with their evidence). The accusation is the relation of a type the slot's ``via`` names told
right before the trigger in the sentence: at most ``max`` words (default :data:`ACCUSED_GAP`) besides names
between its trigger and the event's ('accused Algeria's army of having shot down'), the event marked by one of the
slot's prepositions ('of', 'ب').

Registered in :data:`graph.extraction.strategies.STRATEGIES`; each takes and returns what every strategy does.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..matcher import Match
    from ..schema.compiled import Slot
    from .memory import Memory
    from .sentence import Mention, Scene

__all__ = ["ACCUSED_GAP", "accused", "accuser"]

ACCUSED_GAP = 3   # words besides names between an accusation's trigger and the event it accuses of ('of having')


def _accusation(scene: Scene, slot: Slot, trig: Match, emitted: tuple):
    """The accusations (relations of a ``via`` type) told by the trigger right before this one, or ()."""
    view = scene.view
    last = next((t for t, rel in reversed(emitted) if t.end <= trig.start and rel.type in slot.via), None)
    if last is None:
        return ()
    named = {i for m in scene.mentions if last.end <= m.start and m.end <= trig.start for i in range(m.start, m.end)}
    words = sum(1 for i in range(last.end, trig.start) if view.tokens[i].is_word and i not in named)
    if words > (ACCUSED_GAP if slot.max is None else slot.max) or view.boundary_between(last.end, trig.start):
        return ()
    # the event is what the accusation is of: the slot's prepositions mark it, on the trigger ('بإسقاط') or
    # a word or two before it ('of having shot down'); 'criticized X after the downing' tells another event
    marked = trig.clitic[-1:] in slot.preps or any(view.lows[k] in slot.preps
                                                   for k in range(max(last.end, trig.start - 2), trig.start))
    if not marked:
        return ()
    return tuple(rel for t, rel in emitted if t is last and rel.type in slot.via)


def _one(rels, side: str) -> str | None:
    """The one entity on that side of the accusations, or None when they name several (several accusers: whose
    drone it was is not told)."""
    ids = {getattr(rel, side) for rel in rels}
    return next(iter(ids)) if len(ids) == 1 else None


def accused(scene: Scene, slot: Slot, trig: Match, source: Mention | None, emitted: tuple,
            memory: Memory) -> list[Mention]:
    """'تتهمها X بإسقاط ...': the one accused acts in the event accused of (not the accuser who stands nearer)."""
    rels = _accusation(scene, slot, trig, emitted)
    who = _one(rels, "target")
    if who is None:
        return []
    return [scene.view.carried(trig, who, origin=rels[0].evidence[0].spans.get("target") if rels[0].evidence else None)]


def accuser(scene: Scene, slot: Slot, trig: Match, source: Mention | None, emitted: tuple,
            memory: Memory) -> list[Mention]:
    """'X accused Y of downing a drone': the event the accused is its source of, naming no one it hit, hit the
    accuser (the slot's ``kinds`` say who may be hit: a bloc owns no drone)."""
    rels = _accusation(scene, slot, trig, emitted)
    who = _one(rels, "source")
    if who is None or source is None or _one(rels, "target") != source.entity:
        return []
    return [scene.view.carried(trig, who, origin=rels[0].evidence[0].spans.get("source") if rels[0].evidence else None)]
