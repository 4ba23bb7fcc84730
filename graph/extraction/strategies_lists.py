"""The argument strategy that reads a list the trigger introduces: the names after a list opener ('namely A, B
and C', 'وزراء خارجية الدول الثلاث: A، B'), each item's first name when separators close items that carry their own
titles ('A, a minister; B, a general; and C, ...'). Registered in :data:`graph.extraction.strategies.STRATEGIES` as
``namely``; ``itemized`` reads a list the trigger itself opens, whose items each carry their own description
('The new envoys are A, ambassador of X; B, high commissioner of Y'); both take and return what every strategy
does (graph.extraction.strategies).
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from .sentence import ATTRIBUTION, SPEECH, spans_of
from .topic import state_of

if TYPE_CHECKING:
    from ..matcher import Match
    from ..schema.compiled import Slot
    from .memory import Memory
    from .sentence import Mention, Scene

__all__ = ["ITEMIZED_MAX", "NAMELY_GAP", "NAMELY_MAX", "itemized", "listed"]

NAMELY_GAP = 6    # words (titles aside) between two items of a list a list opener introduces
NAMELY_MAX = 20   # words from the trigger to the list opener, when the slot gives no max
ITEMIZED_MAX = 120  # words from the trigger to the last item's actor, when the slot gives no max


def _namely(scene: Scene, slot: Slot, trig: Match, source: Mention | None, emitted: tuple,
            memory: Memory) -> list[Mention]:
    """'استقبل الملك ... وزراء خارجية الدول الثلاث: A، وزير ...؛ B، ...', '..., namely A, B and C': the names a
    list opener (morphology.yaml ``list_openers``) introduces after the trigger, every one (their titles'
    affiliations aside)."""
    view = scene.view
    tokens, openers = view.tokens, view.grammar.list_openers
    limit = NAMELY_MAX if slot.max is None else slot.max
    start = source.end if source is not None and source.start >= trig.end else trig.end
    for i in range(start, len(tokens)):
        if view.words_between(start, i) > limit:
            return []
        after = next((e for s, e in spans_of(view, openers) if s == i), None)
        if after is None:
            continue
        if any(sm.payload == SPEECH and start <= sm.start < i for sm in view.speech):
            return []   # 'وقال: ...' quotes speech, it lists nobody ('..., as the agency reported' after the list does)
        listed = [m for m in scene.mentions if m.start >= after and m.key not in scene.modifiers]
        lead = listed[0].intro if listed and listed[0].start == after else ""   # 'ويتعلق الأمر بـA وB'
        out: list[Mention] = []
        itemized = False   # items closed by separators ('A, a minister; B, ...'): each item's first name only
        for m in listed:
            if out:
                crossed = any(tokens[k].text in view.grammar.item_separators for k in range(out[-1].end, m.start))
                itemized = itemized or crossed
                if itemized and not _next_item(view, m.start):
                    if crossed:
                        break   # 'A, a minister; the ministry said ...': the list is over
                    continue    # 'C, Niger's deputy chief of staff': the item's description
                if not itemized and view.distance(out[-1].end, m.start) > NAMELY_GAP:
                    break   # '... والنيجر، وذلك في إطار تعزيز التعاون مع دول التحالف': the list is over
            if not m.intro or m.intro == lead:
                out.append(m)
        return out + _added(scene, out, i)
    return []


def itemized(scene: Scene, slot: Slot, trig: Match, source: Mention | None, emitted: tuple,
             memory: Memory) -> list[Mention]:
    """'The new envoys are A, ambassador of X; B, high commissioner of Y', 'والسفراء هم A سفير X، وB سفير Y': the
    trigger opens a list whose items describe each one; every actor of the slot's kinds named in it, up to the
    slot's ``max`` words after the trigger, prepositions or not, until speech or an attribution cuts in ('..., the
    ministry said'); a state an item's title names is taken though it describes the item's person (an envoy the
    gazetteer knows, or a provisional one)."""
    view = scene.view
    limit = ITEMIZED_MAX if slot.max is None else slot.max
    cut = min([sm.start for sm in view.speech if sm.start >= trig.end and sm.payload in (SPEECH, ATTRIBUTION)]
              + [len(view.tokens)])
    return [m for m in scene.mentions if trig.end <= m.start < cut
            and (slot.kinds is None or m.kind in slot.kinds) and view.words_between(trig.end, m.start) <= limit]


def _added(scene: Scene, out: list[Mention], opener: int) -> list[Mention]:
    """The one more item a list addition (morphology.yaml ``list_additions``) names right before the list opener or
    right after the list's last item ('وهي بالإضافة إلى A: B وC', 'namely B and C in addition to A')."""
    view = scene.view
    if not out:
        return []
    last = out[-1].end
    for s, e in spans_of(view, view.grammar.list_additions):
        if s != last and not (s < opener and view.distance(s, opener) <= 4):
            continue
        m = next((m for m in scene.mentions if m.start == e and m.key not in scene.modifiers), None)
        if m is not None and m not in out and (s == last or m.end == opener):
            return [m]
    return []


def _next_item(view, start: int) -> bool:
    """Does an item separator (morphology.yaml ``item_separators``: 'A, a minister; and B, ...') stand right before
    token ``start``, a conjunction aside?"""
    tokens, seps = view.tokens, view.grammar.item_separators
    j = start - 1
    if j >= 0 and (tokens[j].text.lower() in view.conjunctions):
        j -= 1
    return j >= 0 and tokens[j].text in seps


def listed(view, m: "Mention") -> bool:
    """Does a list opener that closes a clause stand right before m ('met his counterparts from five states: A, B
    and C')? Then the list names an earlier noun's members, no coordinated subject of what the sentence says next
    ('كل من A وB' opens no clause: a subject)."""
    return any(e == m.start and view.is_boundary(e - 1) for _, e in spans_of(view, view.grammar.list_openers))


HOSTED_SENTENCES = 2   # how far back the host who led the discourse may have been named


def hosted(scene: Scene, slot: Slot, trig: Match, source: Mention | None, emitted: tuple,
           memory: Memory) -> list[Mention]:
    """'X received the delegation in her capital. Delegations of A, B and C took part in this visit': the visit went
    to the state of the one who led the sentences before (the host); nothing when that one has no state, is the
    source's own, or was named too long ago."""
    st = memory.subject
    if st is None or scene.view.sentence.index - st[1] > HOSTED_SENTENCES:
        return []
    state = state_of(scene.view, st[0])
    if state is None or (source is not None and state_of(scene.view, source.entity) == state):
        return []
    return [scene.view.carried(trig, state, how="topic", origin=memory.subject_span)]
