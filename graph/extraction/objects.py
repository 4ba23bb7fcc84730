"""Mentions that belong to another event's phrase, and so are no argument of this one.

- ``earlier_object``: the object of an earlier event is no subject of a verb joined on after it;
- ``paired``: the two sides 'between' opens, past a comma, are a noun's, no subject of a one-way event;
- ``past_event_phrase``: a preposition repeated after an event noun it opened is that noun's.

'The junta forced France to pull out its troops and agreed with the US on ...': the one who agreed is the one
who forced, not France, named nearer. A mention that an event told earlier in the sentence took for its target,
with its source named before it, is passed over by a `before` source past a conjunction that joins a new verb
after it (a conjunction word, or one written on a later trigger: 'واتفق'); one named after the conjunction is a
new subject ('..., and France replied'); one right before the conjunction is joined to it ('X and its
allies').
"""
from __future__ import annotations

from ..matcher import Match
from .sentence import Mention, Scene

__all__ = ["earlier_object", "paired", "past_event_phrase", "toured", "object_group", "verb_object", "no_sides"]


def earlier_object(scene: Scene, m: Mention, trig: Match, emitted: tuple) -> bool:
    """Is m the target of an event told before it in the sentence, whose source was named before m, with a
    conjunction between m and the trigger that opens a verb past that event's words?"""
    if m.key < 0 or not emitted:
        return False
    joint = _conjunction(scene, m, trig)
    if joint is None:
        return False
    view = scene.view
    start, end = view.span(m.start, m.end)
    return any(_object_of(rel, start, end) for t, rel in emitted if t.start < m.start and t.end <= joint)


def _conjunction(scene: Scene, m: Mention, trig: Match) -> int | None:
    """The first conjunction after m (not right after it: 'accused X and its allies' joins a conjunct, no new
    verb) up to the trigger: a word, or written on a trigger that does not hold this one."""
    view, conjunctions = scene.view, scene.view.conjunctions
    words = [i for i in range(m.end + 1, trig.start) if view.lows[i] in conjunctions]
    # (a conjoined pronoun that says who the one just named is opens no verb: 'Y، وهو رئيس Z': Y is still the
    # one described; morphology.yaml identity_openers)
    openers = view.grammar.identity_openers
    title = _title_end(view, m.end, trig.start)   # (a portfolio word of m's own title opens no verb: 'X، وزير الخارجية
    # والتعاون، لدى وصوله')
    written = [t.start for t in scene.triggers if m.end < t.start <= trig.start and (t is trig or t.end <= trig.start)
               and t.clitic[:1] in conjunctions and view.lows[t.start] not in openers and t.start >= title]
    return min(words + written, default=None)


def _object_of(rel, start: int, end: int) -> bool:
    if not rel.evidence:
        return False
    spans = rel.evidence[0].spans
    target, source = spans.get("target"), spans.get("source")
    return bool(target and source) and tuple(target) == (start, end) and source[1] <= start


def toured(view, group: tuple[Mention, ...], trig: Match, emitted: tuple, moves) -> bool:
    """Are these coordinated actors, all of them, the places one visit told before the trigger took in ('a tour
    taking in A, B and C, amid efforts to deepen ties and a crisis over receiving migrants'): the tour's stops,
    no two sides of a later event among themselves (``moves``: does a rule tell a movement to a place?)."""
    spans = {view.span(m.start, m.end) for m in group}
    stops: dict[tuple, set] = {}
    for t, rel in emitted:
        if moves(t.payload) and t.end <= trig.start and rel.evidence and rel.evidence[0].spans.get("target"):
            stops.setdefault((t.start, rel.source), set()).add(tuple(rel.evidence[0].spans["target"]))
    return any(spans <= places for places in stops.values())


def no_sides(scene: Scene, rule, group: tuple[Mention, ...], trig: Match, emitted: tuple, moves) -> bool:
    """May a coordinated group not be both sides of a symmetric event: a tour's stops, or the object of 'with'?"""
    return toured(scene.view, group, trig, emitted, moves) or object_group(rule, group)


def object_group(rule, group: tuple[Mention, ...]) -> bool:
    """Are these coordinated actors all after a preposition the rule's target slots name ('a partnership with
    these three states'): the event's object, no coordinated subject whose members are its two sides?"""
    preps = _target_preps(rule)
    return bool(preps) and all(m.intro in preps for m in group)


def verb_object(view, rule, trig: Match, m: Mention) -> bool:
    """Is m inside the phrase right after the trigger that one of the rule's target prepositions opens ('وأشاد
    بإجراءات X في ...': X is the praised one's, the object, no subject after the verb)?"""
    i = trig.end
    if not i < m.start <= i + 2:
        return False
    preps = _target_preps(rule)
    return view.lows[i] in preps or view.grammar.glued_preposition(view.tokens[i].text) in preps


def _target_preps(rule) -> set[str]:
    """The prepositions any of the rule's target slots names."""
    return {p for slot in rule.target for p in slot.preps}


def paired(scene: Scene, m: Mention, trig: Match) -> bool:
    """Is m one of a pair 'between' opens, with a comma before the trigger ('the war between A and B entered a
    new phase, after accusations against C'): the two sides of a noun, no subject of an event past the comma
    ('ties between A and B soured after each recalled its envoy' are theirs)."""
    view = scene.view
    if not any(view.tokens[k].text in view.commas for k in range(m.end, trig.start)):
        return False
    between, determiners = view.grammar.between, view.grammar.determiners
    i = scene.free_at.get(m.key)
    if i is None:
        return False
    free = scene.free
    while True:
        k = free[i].start - 1
        k -= k > 0 and view.lows[k] in determiners
        if k >= 0 and view.lows[k] in between:
            return True
        if i == 0 or not view.is_coordinated(free[i - 1], free[i], conjunction=True):
            return False
        i -= 1


def past_event_phrase(scene: Scene, slot_preps, m: Mention, trig: Match) -> bool:
    """Is m past one of the slot's prepositions that opens another event after the trigger ('اتفقوا على رحيل
    القوات مع توطيد علاقاتهم مع Y': 'مع' + an event noun is 'along with', and the 'مع' after that noun is its
    own: Y is the ties' partner, not the agreement's)?"""
    view = scene.view
    if m.start < 1 or view.lows[m.start - 1] not in slot_preps:
        return False   # (the same preposition again before m: 'in leaving the G5' names what was left)
    own = view.lows[m.start - 1]
    starts = {t.start for t in scene.triggers if t.start >= trig.end}
    return any(view.lows[i] == own and i + 1 in starts for i in range(trig.end, m.start - 1))


def _title_end(view, a: int, b: int) -> int:
    """Where the title apposition right after a name (at token ``a``, a comma before it or not) ends: its closing
    comma before ``b``; ``a`` when no title word opens there or no comma closes it."""
    i = a + (a < b and view.tokens[a].text in view.commas)
    if i >= b or i not in view.title_tokens:
        return a
    close = next((j for j in range(i + 1, b) if view.tokens[j].text in view.commas or view.is_boundary(j)), a)
    return close if close > a and view.tokens[close].text in view.commas else a
