"""What an article is about: the state an event noun was placed in, and the states its names count for.

The ``topic`` strategy (graph.extraction.strategies) gives an event told with no place ('the bloc condemned the
coup') the country the article is about. Counting country names alone reads that wrong when another state is
named as often (where the ousted president fled, who spoke): two readings come first.

- An event noun of discourse.yaml's ``placed_events`` told with its place ('the coup that took place in X last
  week', 'the attack near Y in Z') is what a later bare mention of that noun refers to: its place is the
  target (:func:`places_told`, kept in the memory's ``placed``).
- A state body named with its state's name in it ('X's army', 'جيش X') counts for that state
  (:func:`bodies_counted`), as the state's own name does.
"""
from __future__ import annotations

from typing import Mapping

from ..matcher import Match
from .memory import Memory
from .sentence import PLACED, Mention, Scene, comma_between

__all__ = ["places_told", "bodies_counted", "placed_at", "placed_date", "placed", "dated_as_placed", "event_key",
           "counted"]

PLACE_REACH = 8        # words between an event noun and the locative that places it ('the coup that took place
                       # during the current week in X')
PLACE_KINDS = ("country", "place")   # a town places an event in its country
LOCATIVE_GAP = 2       # words between a locative and the place it introduces ('in the north of X' is too far)
NOUN_AFTER = 2         # words between a trigger and the event noun it governs ('claimed responsibility for the attack')


def event_key(view, sm: Match) -> str:
    """The event noun, without its article: 'الانقلاب' and 'انقلاب' are one noun, 'the coup' and 'a coup' too.

    (The key is the discourse.yaml word the text matched, lower-cased, without the language's article.)
    """
    word = sm.pattern.strip().lower()
    article = view.grammar.article
    if article and word.startswith(article) and len(word) > len(article) + 2:
        word = word[len(article):]
    return word


def state_of(view, entity: str) -> str | None:
    """A country itself, or the country a place or body belongs to."""
    e = view.entities.get(entity)
    if e is None:
        return None
    return e.id if e.kind == "country" else e.country


def _place_of(scene: Scene, sm: Match) -> str | None:
    """The state an event noun is placed in by its own clause: a locative after it ('the coup in X', 'الانقلاب
    الذي وقع ... في X'), or a country right beside it ('انقلاب النيجر', 'the Nigerien coup', 'Niger's coup')."""
    view = scene.view
    locatives = view.grammar.locatives
    language = view.language
    before = language is not None and language.affiliation_before_title   # (en.yaml: modifiers stand before)
    for m in scene.mentions:
        if m.key in scene.modifiers or m.how not in ("name", "adjective") or m.kind not in PLACE_KINDS:
            continue
        if m.end <= sm.start:
            # 'the Nigerien coup', "Niger's coup": the country stands right against the noun, in a language whose
            # modifiers come first ('أدانت فرنسا الانقلاب': France is the subject)
            if before and m.kind == "country" and view.words_between(m.end, sm.start) <= 1 \
                    and not view.boundary_between(m.end, sm.start) \
                    and not comma_between(view, m.end, sm.start) \
                    and (m.end == sm.start or view.grammar.possessive_at(view.tokens, m.end)):
                return state_of(view, m.entity)
            continue
        if m.start < sm.end:
            continue
        if view.boundary_between(sm.end, m.start) or view.words_between(sm.end, m.start) > PLACE_REACH \
                or comma_between(view, sm.end, m.start):
            return None   # another clause, or too far
        if m.intro in locatives or (m.start == sm.end and not m.intro and m.kind == "country"):
            return state_of(view, m.entity)   # 'in X', or 'انقلاب النيجر' (the noun's own complement)
        if not m.intro and any(view.lows[k] in locatives for k in range(max(sm.end, m.start - LOCATIVE_GAP),
                                                                         m.start)):
            return state_of(view, m.entity)   # 'في شمال توغو', 'in northern Togo': a region word between
        if not m.intro and m.kind == "place":
            return state_of(view, m.entity)   # 'هجوم على موقع غابات X': a town or site named in the noun's clause
        if m.intro or m.kind == "country":
            return None   # 'the coup against X', 'condemned the coup, X said': another role
    return None


def places_told(scene: Scene) -> dict[str, tuple[str, str | None]]:
    """Event noun -> the state the sentence places it in and the date it gives it ('the coup in X on Monday':
    {'coup': (X, that Monday)})."""
    out: dict[str, tuple[str, str | None]] = {}
    for sm in scene.view.speech:
        if sm.payload == PLACED:
            state = _place_of(scene, sm)
            if state is not None:
                out[event_key(scene.view, sm)] = (state, _date_near(scene, sm))
    return out


def _date_near(scene: Scene, sm: Match) -> str | None:
    """The value of the sentence's date expression nearest the event noun ('قتلوا ... يوم السبت خلال هجوم')."""
    view = scene.view
    found = [(view.words_between(d.stop, sm.start) if d.token < sm.start
              else view.words_between(sm.end, d.token), d.value) for d in scene.dates if d.value]
    return min(found)[1] if found else None


def placed_at(scene: Scene, trig: Match, memory: Memory) -> str | None:
    """The state the trigger's event noun was placed in: by this sentence, else by an earlier one."""
    told = _placed_event(scene, trig, memory)
    return told[0] if told else None


def placed_date(scene: Scene, trig: Match, memory: Memory) -> tuple[str | None, bool]:
    """The date told with the event the trigger's noun refers to, and whether an earlier sentence told it ('claimed
    responsibility for the attack' on Monday: the attack of Saturday told before)."""
    told = _placed_event(scene, trig, memory)
    return (told[1], told[2]) if told else (None, False)


def _placed_event(scene: Scene, trig: Match, memory: Memory) -> tuple[str, str | None, bool] | None:
    """(state, date, told earlier) of the event the trigger's noun refers to."""
    view = scene.view
    nouns = [sm for sm in view.speech if sm.payload == PLACED and trig.start <= sm.start and (
        sm.end <= trig.end or view.words_between(trig.end, sm.start) <= NOUN_AFTER
        and not view.boundary_between(trig.end, sm.start)
        and not comma_between(view, trig.end, sm.start))]
    for sm in nouns:
        here = _place_of(scene, sm)
        if here is not None:
            return here, _date_near(scene, sm), False
    for sm in nouns:
        key = event_key(view, sm)
        earlier = [other for other in view.speech if other.payload == PLACED and other.end <= sm.start
                   and event_key(view, other) == key]
        for other in earlier:
            here = _place_of(scene, other)
            if here is not None:
                return here, _date_near(scene, other), False
        if key in memory.placed:
            state, date = memory.placed[key]
            # (told earlier with no date, as a headline does: the date this sentence gives it, if any)
            return (state, date, True) if date is not None else (state, _date_near(scene, sm), False)
    return None


def placed(scene: Scene, slot, trig: Match, source: Mention | None, emitted: tuple, memory: Memory) -> list[Mention]:
    """The ``placed`` strategy: where the event noun the trigger holds or governs was told to be ('claimed
    responsibility for the attack' after 'an attack in northern Togo'); nothing when it was told with no place."""
    state = placed_at(scene, trig, memory)
    if state is None or (source is not None and state == source.entity):
        return []
    return [scene.view.carried(trig, state, "topic")]


def dated_as_placed(rels: list, scene: Scene, trig: Match, target_how: str | None, memory: Memory) -> list:
    """Relations whose target is where their event was placed ('X claimed responsibility for the attack' after 'an
    attack in Y on Saturday') take that event's date, not the claim's; an undated one told in the same sentence
    takes the date nearest its event noun ('مسؤوليتها عن هجوم ... في منطقة Y ... يوم الثلاثاء'). No date words of
    the sentence are highlighted for a date an earlier sentence gave."""
    if target_how != "placed":
        return rels
    date, earlier = placed_date(scene, trig, memory)
    if date is None:
        return rels
    for rel in rels:
        if earlier or rel.date is None:
            rel.date = date
            for ev in rel.evidence:
                ev.spans.pop("date", None)
    return rels


def bodies_counted(scene: Scene, schema) -> tuple[str, ...]:
    """The states that the sentence's state bodies count for: a body named with its state's name in it
    ("Guinea-Bissau's army", 'جيش غينيا بيساو'); a company or a body named without it counts for none."""
    view = scene.view
    out = []
    for m in scene.mentions:
        if m.how != "name" or m.kind != "organization" or m.key in scene.modifiers:
            continue
        state = state_of(view, m.entity)
        if state is None or state == m.entity:
            continue
        words = [t.text for t in view.tokens[m.start:m.end]]
        if any(state in schema.find_entities(" ".join(words[a:b]))
               for a in range(len(words)) for b in range(a + 1, len(words) + 1) if (a, b) != (0, len(words))):
            out.append(state)
    return tuple(out)


def counted(memory: Memory, mentions: tuple[Mention, ...], before: int) -> dict[str, int]:
    """How often each country was named so far, the sentence's names before token ``before`` included."""
    counts = dict(memory.country_counts)
    for m in mentions:
        if m.end <= before and m.kind == "country" and m.how == "name":
            counts[m.entity] = counts.get(m.entity, 0) + 1
    return counts
