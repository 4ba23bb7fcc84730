"""Targets told back to an actor of an earlier event of the sentence.

``reciprocal`` ('وردت الجزائر بالمثل عبر سحب سفرائها', 'Algeria reciprocated'):
a state answering in kind does to the others what they did to it: with a
reciprocity cue (morphology.yaml ``reciprocal_cues``) a few words before the
trigger, the targets are the sources of the relations of the same type told
earlier in the sentence whose target is this source.

``mutual`` ('A and B recalled their envoys from each other's capitals'): with a
mutual cue (morphology.yaml ``mutual_cues``) a few words after the trigger, the
targets are the source's coordinated partners, and each partner did it to the
source too (assembly adds the reverse pairs).

``pointing`` ('استدعت الجزائر سفيرها ...، عقب سحب X لسفرائها لديها'): one of
the slot's prepositions with a possessive suffix right after the trigger
points back to the actor of the sentence's first event.
"""
from __future__ import annotations

from ..matcher import Match
from .memory import Memory
from .sentence import Mention, Scene, named_source, spans_of

__all__ = ["reciprocal", "pointing", "mutual", "CUE_REACH", "MUTUAL", "MUTUAL_REACH"]

#: words before the trigger a reciprocity cue may stand ('ردت X بالمثل عبر سحب ...')
CUE_REACH = 4
#: words after the trigger a mutual cue may stand ('withdrew their envoys from each other's capitals')
MUTUAL_REACH = 6
MUTUAL = "mutual"


def reciprocal(scene: Scene, slot, trig: Match, source: Mention | None, emitted: tuple,
               memory: Memory) -> list[Mention]:
    """The sources of this type's earlier relations on ``source``, when a reciprocity cue stands before."""
    view = scene.view
    cues = view.grammar.reciprocal_cues
    if source is None or not cues:
        return []
    start = max(0, trig.start - CUE_REACH - 1)
    cue = next((i for i in range(trig.start - 1, start - 1, -1) if view.tokens[i].text.lower() in cues), None)
    if cue is None or view.boundary_between(cue, trig.start):
        return []
    out, seen = [], set()
    for _t, rel in emitted:
        if rel.type == trig.payload.type and rel.target == source.entity and rel.source not in seen:
            seen.add(rel.source)
            out.append(view.carried(trig, rel.source, origin=named_source(rel)))
    return out


def pointing(scene: Scene, slot, trig: Match, source: Mention | None, emitted: tuple,
             memory: Memory) -> list[Mention]:
    """The first event's actor, when a listed preposition with a possessive suffix ('لديها') follows the
    trigger within the slot's reach."""
    view = scene.view
    earlier = [rel for t, rel in emitted if t.end <= trig.start]
    if not earlier or source is None or earlier[0].source == source.entity:
        return []
    suffixes = view.grammar.possessive_suffixes
    for i in range(trig.end, min(len(view.tokens), trig.end + slot.reach + 1)):
        word = view.tokens[i].text
        if any(word.startswith(p) and word[len(p):] in suffixes for p in slot.preps):
            return [view.carried(trig, earlier[0].source, origin=named_source(earlier[0]))]
        if not view.tokens[i].is_word:
            break
    return []


def mutual(scene: Scene, slot, trig: Match, source: Mention | None, emitted: tuple,
           memory: Memory) -> list[Mention]:
    """The source's coordinated partners ('A and B', 'كل من A وB'), when a mutual cue follows the trigger within
    :data:`MUTUAL_REACH` words in its clause."""
    view = scene.view
    cues = view.grammar.mutual_cues
    if source is None or source.key < 0 or not cues:
        return []
    end = min(len(view.tokens), trig.end + MUTUAL_REACH + 1)
    cue = next((s for s, _ in spans_of(view, cues) if trig.start <= s < end), None)
    if cue is None or view.boundary_between(trig.end, cue):
        return []
    free = [m for m in scene.mentions if m.key not in scene.modifiers and m.key >= 0]
    if source not in free:
        return []
    k = free.index(source)
    lo = hi = k
    while lo > 0 and view.is_coordinated(free[lo - 1], free[lo]):
        lo -= 1
    while hi + 1 < len(free) and free[hi + 1].end <= trig.start and view.is_coordinated(free[hi], free[hi + 1]):
        hi += 1
    return [m for m in free[lo:hi + 1] if m.entity != source.entity]
