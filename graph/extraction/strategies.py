"""Argument strategies: the ways a rule finds its source and target around a trigger.

:data:`STRATEGIES` is the registry: each slot kind a rule may list
(``source: [before, {prep: [مع]}, subject]``) maps to a :class:`Strategy`,
the function that implements it and how its findings are weighed. The rule
loader accepts exactly these names and :data:`SLOT_OPTIONS`; a new strategy
is a function here (or in a ``strategies_*`` module beside it: ``prep`` is in
graph.extraction.strategies_prep) and an entry below.

A strategy is asked for candidates around a trigger (given the source found,
when a target is sought, the relations told earlier in the sentence and the
discourse memory) and returns mentions, nearest first; the argument stage
(graph.extraction.arguments) filters them by kind and coordination.
"""
from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass
from typing import Callable

from ..matcher import Match
from ..schema.compiled import Slot
from .memory import Memory
from .date_expressions import day_aside
from .reciprocity import mutual, pointing, reciprocal
from .relative_aside import relative_words
from .report_subject import report_subject
from .coordination import between_conjunct, body_conjunct, closed_quote, described_body, opened_conjunct
from .sentence import ATTRIBUTION, SPEECH, group_origin, Mention, Scene, comma_between
from . import strategies_carried as carried
from .accusations import accused, accuser
from .strategies_context import (FRONTED_MAX, _doers, _first_person, _fronted, _locative, _parties, _restated, _restates,
                                 _went_on, _told, adverbial, closing_speaker, described, in_relative, through, reported, subordinate)
from .strategies_lists import ITEMIZED_MAX, NAMELY_MAX, _namely, hosted, itemized
from .strategies_prep import PREP_MAX, free_words, prep
from .relatives import APPOSITION_CLOSERS, antecedent_end, apposition_end, titled_past_comma, unnamed_relative
from .tellers import in_venue, speech_verb_before, teller, venue_start as _venue_start
from .topic import placed
from .time_frames import trailing_frame
from .non_subjects import at_seat, companion_aside, in_date_aside, in_pair, listed_after, oblique, placed_noun, ruler_aside

__all__ = ["Strategy", "STRATEGIES", "SLOT_OPTIONS", "speaker_of_sentence", "date_words"]

APPOSITION_OPENERS = ("(", "[")   # besides a language's list separators, marks that open an apposition


@dataclass(frozen=True)
class Strategy:
    find: Callable[..., list[Mention]]    # (scene, slot, trig, source, emitted, memory) -> candidates
    factor: float                   # confidence of an argument found this way
    default_max: int | None = None  # words, when the slot gives no max
    prepositional: bool = False     # the slot lists prepositions ({prep: [مع, ب]}) that mark the argument
    positional: bool = False        # before/after: the nearest free actor or nothing (a source may prove the target)
    carried: bool = False           # the argument is not words of the sentence: no span to highlight
    stands_in: str = "no"           # may replace a source an earlier strategy found: 'no', 'adjacent', 'always'
    coordinates: bool = True        # coordinated mentions come along ('مالي وبوركينا فاسو')
    partners: bool = False          # the targets are the source's own coordinated partners ('each other')
    describing: bool = False        # takes mentions that describe a person ('A, ambassador of X': X), modifiers


def _before(scene: Scene, slot: Slot, trig: Match, source: Mention | None, emitted: tuple,
            memory: Memory) -> list[Mention]:
    """Actors before the trigger, nearest first, within the clause."""
    view = scene.view
    limit = STRATEGIES["before"].default_max if slot.max is None else slot.max
    if trig.start > 0 and view.lows[trig.start - 1] in view.grammar.unnamed_subjects:
        return []   # 'militants, including some allied with al-Qaeda': the subject is 'some', nobody named
    if trig.end < len(view.lows) and view.lows[trig.end] in view.grammar.subjects_after \
            and not any(m.end == trig.start for m in scene.mentions):
        return []   # 'حيث يتهم سكان القرى الجيش X': the residents accuse, verb-first, not a state named before
    if trig.start > 0 and view.lows[trig.start - 1] in view.grammar.speaker_pronouns:
        speaker = _reported_speaker(scene, trig.start - 1)
        if speaker is not None:
            return [speaker]   # 'Lavrov said that he discussed ...': the speaker
    if in_venue(scene, trig.start) or trailing_frame(scene, trig):
        return []   # 'met Y on the sidelines of the X summit': the summit is where they met, not whom (time_frames.py)
    if _first_person(view, trig):
        speaker = closing_speaker(scene, APPOSITION_CLOSERS)
        return [speaker] if speaker is not None else []   # '"I met Y," X said': who closes the quote
    out = []
    asides = view.asides()   # 'Togo -- whose president chairs the bloc -- expelled': the aside is passed over
    at = trig.start
    free, bounds, opens = view.counts()   # (view.distance, boundary_between and first_opener, written out)
    before = []   # (loops, not comprehensions, here: those would make this function's locals cells)
    for m in scene.mentions:
        if m.end <= at:
            before.append(m)
    comp = companion_aside(view, before, at) or ruler_aside(view, before, at)
    for m in reversed(before):
        if group_origin(scene.mentions, m, view) or _people_demonym(view, m):
            continue   # 'مجموعة فاغنر الروسية تعلن ... انسحاب': the demonym tells the group's origin, the group acts
        # (an aside's words are passed over: 'Niger -- whose rulers likewise seized office by force -- expelled')
        inside = (_aside_words(free, asides, m.end, at) if asides else 0) + (
            relative_words(view, free, opens, antecedent_end(view, m, at), at) if opens and slot.max is None else 0)
        # ('X, who ..., visited': the clause's words; a slot with its own short window wants the subject against it)
        if comp and m.end <= comp[0]:
            inside += free[comp[1]] - free[comp[0]]   # ('X, accompanied by A and B, met Y': X, the companions aside)
        if free[at] - free[m.end] - inside > limit or (bounds is not None and m.end < at and bounds[at] > bounds[m.end]):
            break
        if asides and view.in_aside(m.start) or emitted and (described(scene, emitted, m, at) or slot.fresh and _reached(
                scene, emitted, m, trig)) or opens and in_relative(scene, m, at) or in_date_aside(scene, m, at) \
                or comp and comp[0] <= m.start < comp[1]:
            continue   # ('JNIM, an al-Qaeda affiliate, claimed': the apposition describes JNIM; so do a relative, companions)
        k = bisect_left(opens, m.end) if opens else 0
        opener = opens[k] if k < len(opens) and opens[k] < at else None
        if opener is not None and asides and view.in_aside(opener):
            opener = None
        if opener is not None and opener != antecedent_end(view, m, at) \
                and opener != _past_date(scene, m.end, at) \
                and opener != apposition_end(scene, antecedent_end(view, m, at), at):
            # ('the putsch of July 2023 in Niger, which brought'; 'X, President of Chad, who has been touring Y')
            break   # 'الهجوم الذي استهدف': the relative clause's subject is its antecedent, not an earlier actor
        # an oblique actor is no subject, unless it is the relative clause's antecedent ('with Paris, which
        # withdrew') or stands right against the trigger ('al-Qaeda-linked', 'JNIM, an al-Qaida affiliate')
        if (via := m.intro or through(view, m.start) or listed_after(scene, before, m) or placed_noun(view, m)
                or in_pair(scene, before, m, at)) \
                and limit > 1 \
                and opener is None and via not in slot.via:
            continue   # ('via': prepositions that may stand before it: 'the juntas in X and Y founded')
        out.append(m)
    return out


def _people_demonym(view, m: Mention, counted: bool = False) -> bool:
    """Is ``m`` a demonym right after a noun of unnamed people (morphology.yaml subjects_after: 'ناشطون X-يون';
    rulesBR3, b365_06) or, with ``counted``, after a count ('183 X-is arrived'; rulesBS4, b367_06)? It tells
    where those people are from; they act as themselves, not as their state."""
    if m.how != "adjective" or m.start == 0:
        return False
    before = view.lows[m.start - 1]
    return before in view.grammar.subjects_after or counted and before.isdigit()


def _aside_words(free: list[int], asides, start: int, end: int) -> int:
    """Words of the asides between tokens ``start`` and ``end``."""
    return sum(free[b] - free[a] for a, b in asides if start <= a and b <= end)


def _reached(scene: Scene, emitted: tuple, m: Mention, trig: Match) -> bool:
    """Is m where an earlier trigger of the same type went ('the visit of X to Mali, which ...,
    comes after his visit to Rwanda': the first trip's destination is no visitor of the second)?"""
    kind, span = trig.payload.type, None
    for t, rel in emitted:
        if rel.type == kind and rel.target == m.entity and t.end <= trig.start:   # (not the same words read back)
            span = span or scene.view.span(m.start, m.end)
            if tuple(rel.evidence[0].spans.get("target") or ()) == tuple(span):
                return True
    return False


def _past_date(scene: Scene, end: int, limit: int) -> int:
    """Where a relative clause's antecedent ends when a date follows the name ('in Niger in July 2023, which')."""
    view = scene.view
    for d in scene.dates:
        if d.token == end:
            e = d.stop
            return e + 1 if e < limit and view.tokens[e].text in view.commas else e
    return end


def _reported_speaker(scene: Scene, pronoun: int) -> Mention | None:
    """'X said (that) he ...', 'وقال X إنه ...': the one who speaks is the pronoun's referent (the actor before the
    speech verb, or right after it when the verb comes first)."""
    view = scene.view
    verb = speech_verb_before(view, pronoun)
    if verb is None:
        return None
    after = [m for m in scene.mentions if verb.end <= m.start and m.end <= pronoun and not m.intro]
    if after:
        return after[0]
    for m in reversed([m for m in scene.mentions if m.end <= verb.start]):
        if view.boundary_between(m.end, verb.start) or view.distance(m.end, verb.start) > 2:
            return None
        if not m.intro:
            return m
    return None


def _grouped(scene: Scene, slot: Slot, trig: Match, source: Mention | None, emitted: tuple,
             memory: Memory) -> list[Mention]:
    """The members of a group anaphor the trigger's next actor is ('الاجتماع الثلاثي' after three states): a name
    there is no group, so 'a meeting of A's leaders' is left to the rules that read it."""
    found = _after(scene, slot, trig, source, emitted, memory)
    if not found or not found[0].group:
        return []
    first = found[0]
    return [m for m in found if m.group and m.start == first.start and m.end == first.end]


def _after(scene: Scene, slot: Slot, trig: Match, source: Mention | None, emitted: tuple,
           memory: Memory) -> list[Mention]:
    """Actors after the trigger (after a long subject that follows the verb, counted from the subject)."""
    view = scene.view
    purpose = source is None and trig.end - trig.start == 1 and trig.clitic[-1:] in view.grammar.purpose_clitics
    after = []   # (a loop, not a comprehension: that would make trig a cell at every call)
    for m in scene.mentions:
        if m.start >= trig.end:
            if purpose and not (m.how == "adjective" and m.start == (after[-1].end if after else trig.end)):
                break   # 'لبحث قرار X': a verbal noun of purpose has its subject before it; only the states'
            after.append(m)   # adjectives right on it are its own ('للتعاون الموريتاني المالي'; rulesAQ1, b232_02)
    if not after:
        return after   # (a quarter of the asks: nothing after the trigger, no clause to bound)
    limit = STRATEGIES["after"].default_max if slot.max is None else slot.max
    # after a long subject ('زار نائب مساعد ...، رودولف عطا الله، مالي') count from the subject
    start = source.end if source is not None and source.start >= trig.end else trig.end
    key = ("after", trig.start, trig.end)   # (once per trigger: its source and its target both ask)
    reach = view.memo.get(key)
    if reach is None:
        reach = view.memo[key] = _reach_after(view, trig)
    venue, framed, sub = reach
    out = []
    free, bounds, _opens = view.counts()   # (view.distance and boundary_between, written out)
    prev, topic = None, _topic_after(scene, trig)
    clause = unnamed_relative(scene, trig.end) if _opens else None
    for m in after:
        if clause is not None and m.start > clause:
            break   # 'met the coup leader, who ousted X': X is no party
        if topic and not comma_between(view, trig.end, m.start):
            continue   # 'discussions on the X scheme': the topic, no party
        if venue is not None and m.start > venue or sub is not None and m.start > sub or framed and \
                comma_between(view, trig.end, m.start):
            break   # 'met on the sidelines of the African Union summit': the summit's bloc is no party
        restated, prev = _restates(view, prev, m), m
        if restated:
            continue   # 'a summit in Abuja, the Nigerian capital': the place named again, no party
        gap = free[m.start] - free[start] if start <= m.start else 0
        if gap > limit and scene.modifiers:
            gap = min(gap, free_words(scene, start, m.start))   # 'لقائه سفير دولة X لدى Y الدكتور Z': the post's words
        if (gap > limit and gap - _date_words(scene, start, m.start) > limit) \
                or (bounds is not None and trig.end < m.start and bounds[m.start] > bounds[trig.end]):
            if m.start >= start:
                break
        if slot.direct and (m.intro or _governed(view, trig, m) or source is None and oblique(view, m)):
            continue   # 'the members of the Council, ...': the trigger's own object is no subject after it
        if group_origin(scene.mentions, m, view) or _people_demonym(view, m, counted=source is None):
            continue   # 'شنته قوات الدعم السريع السودانية': the demonym tells the group's origin, as before it
        if at_seat(view, m):
            continue   # 'بمقر الاتحاد الأفريقي': where they met, no party
        if m.intro and not ((m.start - trig.end <= (view.tokens[trig.end].text in view.grammar.quote_openers)   # ('of "X"')
                             or (view.lows[m.start - 1] in view.grammar.epithet_ends
                                                      and tuple(view.lows[trig.end:m.start])
                                                      in view.grammar.epithets))
                            and m.intro == view.lows[trig.end - 1]):
            # 'linked to X': the preposition belongs to the trigger
            continue
        if slot.apart and not (m.start > 0 and (view.tokens[m.start - 1].text in view.commas
                                                or view.tokens[m.start - 1].text in APPOSITION_OPENERS)):
            continue   # 'دول الكتلة، X وY' lists its members; 'بين دول الكتلة وX' joins another party
        if slot.set_off and not titled_past_comma(view, trig.end, m.start):
            continue   # 'بقيادة الجنرال X، باحتجاز الرئيس Y': past the comma another phrase, Y no leader
        if slot.untitled and m.how == "adjective" and m.start - 1 in view.title_tokens:
            continue   # 'زيارة السفير الإماراتي': the demonym is the title holder's state, not where he went
        if slot.joined and m.start > 0 and view.tokens[m.start - 1].text in view.commas:
            continue   # 'from ECOWAS countries, Chad and Mauritania': a comma alone goes on with the list, no members
        out.append(m)
    return out


def _topic_after(scene: Scene, trig: Match) -> bool:
    """Does a topic preposition (morphology.yaml ``topic_prepositions``) open right after the trigger, no date after
    it ('talks on the trade scheme'; not 'met on Monday')?"""
    view, k = scene.view, trig.end
    return k + 1 < len(view.lows) and view.lows[k] in view.grammar.topic_prepositions \
        and not _date_words(scene, k + 1, k + 2)


def _reach_after(view, trig: Match) -> tuple[int | None, bool, int | None]:
    """What bounds the actors after a trigger: where a venue, attribution or tag opens, whether the trigger is
    framed, where another clause opens."""
    venue = _venue_start(view, trig.end)
    # 'A and B, during a bilateral meeting, urged C': a framed event's object is not past the comma that closes it
    framed = any(view.lows[k] in view.grammar.frames and not comma_between(view, k, trig.start)
                 for k in range(max(0, trig.start - 3), trig.start))   # (the word first: most words are none)
    # ('the talks came as friction between A and B grew': a subordinator opens another clause)
    sub = min((k for k in (subordinate(view, trig.end, len(view.tokens)), reported(view, trig),
                           adverbial(view, trig.end)) if k is not None),
              default=None)   # (or the report a speech verb opens: 'said at the summit that A and B ...'; 'بناء على')
    return venue, framed, sub


def _governed(view, trig: Match, m: Mention) -> bool:
    """Is m the object of the preposition that ends the trigger ('members of the Council'), determiners between, or
    of one right after it ('نفذت ضربات ضد إرهابيي X': the struck, no attacker)?"""
    g, lows = view.grammar, view.lows
    if lows[trig.end - 1] in g.prepositions:
        return all(lows[k] in g.determiners for k in range(trig.end, m.start))
    return trig.end < m.start <= trig.end + 3 and lows[trig.end] in g.prepositions


def _date_words(scene: Scene, a: int, b: int) -> int:
    """Words of date expressions between tokens a and b: 'استقبل X، صباح الخميس 4 ديسمبر 2025، Y' (an adverbial
    between a verb's subject and its object does not push the object out of reach)."""
    if not scene.dates:
        return 0
    view = scene.view
    return sum(view.words_between(max(a, d.token), min(b, d.stop))
               for d in scene.dates if d.token < b and d.stop > a)


date_words = _date_words   # graph.extraction.visits: 'met X, on Monday, in Bamako'


def _gap(scene: Scene, slot: Slot, trig: Match, source: Mention | None, emitted: tuple,
         memory: Memory) -> list[Mention]:
    """An actor inside the trigger's own words ('رفع ... العقوبات عن مالي'); with ``direct``, none a preposition
    introduces ('a move welcomed by X but criticized': X welcomed it); with ``oblique``, only those."""
    return [m for m in scene.mentions if trig.start < m.start and m.end < trig.end and not (slot.direct and m.intro)
            and not (slot.oblique and not m.intro)]


def _group_at(scene: Scene, start: int) -> list[Mention]:
    """The mentions a group anaphor starting at ``start`` stands for ('الدول الأربع': one per state)."""
    return [m for m in scene.mentions if m.group and m.start == start]


def _between(scene: Scene, slot: Slot, trig: Match, source: Mention | None, emitted: tuple,
             memory: Memory) -> list[Mention]:
    """'بين باماكو وموسكو': the first of the pair for a source, the second (and any more) for a target."""
    view = scene.view
    reach = 4 if slot.max is None else slot.max + 1   # (max: words between the trigger and 'between')
    between = view.grammar.between
    if between.isdisjoint(view.lows[trig.end:trig.end + reach]):
        return []   # (most asks: no 'between' in reach)
    tokens, sub = view.tokens, subordinate(view, trig.end, trig.end + reach)   # (the first subordinator in reach)
    for i in range(trig.end, min(len(tokens), trig.end + reach)):
        if i == sub or (comma_between(view, i, i + 1) and not any(m.end == i for m in scene.mentions)
                        and not day_aside(view, scene.dates, i)):
            return []   # 'the talks came as friction between A and B grew', '... in May, but the rift between A
            # and B': another clause's pair (a comma closing a name's apposition, '..., Accra, between', is none,
            # nor one opening a day's aside: 'talks held, on Friday in Rabat, between A and B')
        if view.lows[i] in between:
            first = next((m for m in scene.mentions if m.start > i and m.key not in scene.modifiers), None)
            if slot.pairs and first is not None and first.pair_other and first.start == i + 1:
                if source is None:
                    return [first]   # 'between the two countries': both ends (arguments.py)
                ends = (first.entity, first.pair_other)   # one end the source: the target is the other ('X
                other = ends[source.entity == ends[0]]    # stressed deepening ties between the two countries')
                return [Mention(first.start, first.end, other, view.entities[other].kind, "anaphor",
                                key=view.fresh_key())] if source.entity in ends else []
            if source is None and first is not None and first.group and first.start == i + 1:
                # 'اتفاق بين الدول الأربع': the states a group anaphor stands for are every side (arguments.py
                # pairs a symmetric event's many sources)
                return _group_at(scene, first.start)
            if first is None or _lead_words(scene, i + 1, first.start) > 2:
                return []   # ('between Ghana's Foreign Minister, X and ...': the first's title and state aside)
            # ('بين شركتي X الجزائرية وY': a demonym after a company tells its origin, no side of its own)
            second = next((m for m in scene.mentions if m.start >= first.end and m.key not in scene.modifiers
                           and not group_origin(scene.mentions, m, view)), None)
            quoted = closed_quote(view, first, second) if second else first   # ('بين "X" وY')
            quoted = quoted.replaced(end=max([quoted.end] + [m.end for m in scene.mentions if second is not None
                                                              and quoted.end <= m.start < second.start
                                                              and group_origin(scene.mentions, m, view)]))
            if second is None or not (view.is_coordinated(quoted, second) or _titled_pair(scene, first, second)
                                      or body_conjunct(view, first.end, second.start)
                                      or opened_conjunct(view, first.end, second.start)
                                      or between_conjunct(view, quoted.end, second.start)):
                second = described_body(scene, quoted)   # ('بين X والشركة ... النيجرية Y': Y, described)
                if second is None:
                    return []   # 'بين كورت كامبل نائب وزير الخارجية ورئيس الوزراء ...': each name with its title
            if source is None:
                return [first]
            rest = [second]   # 'بين بوركينا فاسو ومالي والنيجر': every one after the first is the other side
            rest += [m for m in _group_at(scene, second.start) if m.key != second.key]
            for m in scene.mentions:
                if m.start >= rest[-1].end and m.key not in scene.modifiers \
                        and not group_origin(scene.mentions, m, view):
                    if not view.is_coordinated(rest[-1], m):
                        break
                    rest.append(m)
            own = {source.entity, view.entities[source.entity].country}   # (the source and its state)
            if all(m.entity in own for m in rest) and first.entity not in own:
                return [first]   # 'praised the ties between Y and X' told by X: the other side is the first
            return rest
    return []


def _lead_words(scene: Scene, a: int, b: int) -> int:
    """Words in [a, b) besides title words, the mentions a title holds and a possessive ('Ghana's Foreign
    Minister, X')."""
    view = scene.view
    skip = set(view.title_tokens)
    for m in scene.mentions:
        if m.key in scene.modifiers and a <= m.start < b:
            skip.update(range(m.start, m.end + len(view.grammar.possessive_at(view.tokens, m.end))))
    return sum(1 for i in range(a, b) if view.tokens[i].is_word and i not in skip)


def _titled_pair(scene: Scene, first: Mention, second: Mention) -> bool:
    """'X نائب وزير الخارجية الأميركي ورئيس الوزراء النيجري Y', 'Chad's Foreign Minister and Russian President Y':
    two names (a state owning the first title), each with its title, joined by a conjunction between the titles."""
    view = scene.view
    tokens, conj = view.tokens, view.conjunctions
    held = {i for m in scene.mentions if m.key in scene.modifiers
            for i in range(m.start, m.end + len(view.grammar.possessive_at(tokens, m.end)))}   # ("Togo's president")
    held.update(i for i in range(first.end, second.start) if view.lows[i] in conj)   # (the English 'and' apart)
    words = [i for i in range(first.end + len(view.grammar.possessive_at(tokens, first.end)), second.start) if tokens[i].is_word]
    if len(words) > 1 and tokens[words[0]].text.lower() in conj:
        words = words[1:]   # 'X and Nigerien counterpart Y': the conjunction written apart, then the title
        if all(i in view.title_tokens or i in held for i in words):
            return True
    if not words or not all(i in view.title_tokens or i in held for i in words):
        return False
    return any(i in view.title_tokens and len(tokens[i].text) > 1 and tokens[i].text[0] in conj
               or tokens[i].text.lower() in conj for i in words[1:])


def _speaker(scene: Scene, slot: Slot, trig: Match, source: Mention | None, emitted: tuple,
             memory: Memory) -> list[Mention]:
    """'وأضاف لاندو: "..."': the first actor after a speech verb before the trigger."""
    view = scene.view
    if trailing_frame(scene, trig):
        return []   # 'X said A remains suspended following the summit': A is no party to it (time_frames.py)
    limit = STRATEGIES["speaker"].default_max if slot.max is None else slot.max
    attributed = {am.end for am in view.speech if am.payload == ATTRIBUTION}
    for sm in view.speech:
        if sm.payload != SPEECH or sm.start in attributed:
            continue   # ('على ما ذكرت وزارة الخارجية': who reported it speaks for no event)
        if sm.end > trig.start:
            break
        for m in scene.mentions:
            if m.key in scene.modifiers:
                continue   # ('وأوضح وزير الدفاع النيجري X': the title's state describes X, who speaks; rulesCS3, b521_05)
            if m.start >= sm.end and view.words_between(sm.end, m.start) <= limit and m.end <= trig.start:
                return [m]
    return []


def _reported(scene: Scene, slot: Slot, trig: Match, source: Mention | None, emitted: tuple,
              memory: Memory) -> list[Mention]:
    """'أشار X إلى أن الرئيس Y يسعى لتعزيز ...': the subject of the speaker's report, not the speaker."""
    speaker = _speaker(scene, slot, trig, source, emitted, memory)
    subject = report_subject(scene, speaker[0], trig) if speaker else None
    return [subject] if subject is not None else []


#: slot kind (rules/*.yaml) -> its implementation, in the order the loader lists them to curators
STRATEGIES: dict[str, Strategy] = {
    "before": Strategy(_before, 0.9, default_max=15, positional=True, stands_in="adjacent"),
    "after": Strategy(_after, 0.9, default_max=6, positional=True),
    "grouped": Strategy(_grouped, 0.9, default_max=6, positional=True),
    "prep": Strategy(prep, 1.0, default_max=PREP_MAX, prepositional=True),
    "gap": Strategy(_gap, 1.0),
    "between": Strategy(_between, 1.0, coordinates=False),
    "namely": Strategy(_namely, 0.85, default_max=NAMELY_MAX, coordinates=False),
    "itemized": Strategy(itemized, 0.85, default_max=ITEMIZED_MAX, coordinates=False, describing=True),
    "hosted": Strategy(hosted, 0.75, carried=True, coordinates=False),
    "subject": Strategy(carried.subject, 0.75, carried=True),
    "speaker": Strategy(_speaker, 0.85, default_max=4),
    "reported": Strategy(_reported, 0.85, default_max=4),
    "coordinated_subject": Strategy(carried.coordinated_subject, 0.8, carried=True, stands_in="always"),
    "clause_subject": Strategy(carried.clause_subject, 0.8, carried=True, stands_in="always"),
    "possessor": Strategy(carried.possessor, 0.8, carried=True),
    "pair": Strategy(carried.pair, 0.8, carried=True),
    "topic": Strategy(carried.topic, 0.7, carried=True),
    "placed": Strategy(placed, 0.7, carried=True),
    "fronted": Strategy(_fronted, 0.8, default_max=FRONTED_MAX, carried=True),
    "locative": Strategy(_locative, 0.8),
    "restated": Strategy(_restated, 0.75, carried=True),
    "went_on": Strategy(_went_on, 0.75, carried=True, coordinates=False),
    "told": Strategy(_told, 0.75, carried=True, coordinates=False),
    "doers": Strategy(_doers, 0.75, carried=True, coordinates=False),
    "parties": Strategy(_parties, 0.75, carried=True, coordinates=False),
    "reciprocal": Strategy(reciprocal, 0.8, carried=True, coordinates=False),
    "pointing": Strategy(pointing, 0.8, carried=True, prepositional=True, coordinates=False),
    "mutual": Strategy(mutual, 0.8, coordinates=False, partners=True),
    "accused": Strategy(accused, 0.8, carried=True, prepositional=True, coordinates=False),
    "accuser": Strategy(accuser, 0.75, carried=True, prepositional=True, coordinates=False),
    "teller": Strategy(teller, 0.75),
}
#: options any slot may carry besides its strategy
SLOT_OPTIONS = ("max", "reach", "kinds", "coordinated", "via", "nearest", "apart", "joined", "direct", "places", "past",
                "pairs", "fresh", "oblique", "untitled", "set_off")   # direct, untitled, set_off: after; pairs: between

_SENTENCE_SPEAKER = Slot("speaker", max=2)


def speaker_of_sentence(scene: Scene, memory: Memory) -> Mention | None:
    """Who speaks in the sentence ('وأكد عطا الله أن ...'): the actor right after a speech verb."""
    n = len(scene.view.tokens)
    found = _speaker(scene, _SENTENCE_SPEAKER, Match(n, n, None, "", ""), None, (), memory)
    return found[0] if found else closing_speaker(scene, APPOSITION_CLOSERS)
