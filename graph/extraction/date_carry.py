"""Stage 4, what goes on from the event last dated: whether an undated event of a later sentence (or of the same
one) goes on with it, and what a sentence that tells no event leaves as the last dated (the date of its statement,
or the event last dated, kept near while its parties speak on). :mod:`graph.extraction.dating` dates each event.
"""
from __future__ import annotations

from ..matcher import Match
from .date_cues import DATE_WINDOW, deadline
from .memory import Dated, Memory
from .sentence import BACKGROUND, SPEECH, Mention, SentenceView, once

__all__ = ["statement_date", "event_parties", "goes_on", "acts_for", "tour_goes_on", "stay_goes_on", "restated", "at_occasion",
           "speaks_on"]

INHERIT_ACTOR = 2         # how far back the same actor with another party goes on with a tour ('في بوركينا فاسو، التقى الوزير')
STAY_SENTENCES = 4        # how far on a gathering of a visit's parties is held during the visit last dated
DATELINE_WORDS = 1        # words besides a place and a date in a dateline ('date 2023-09 MOSCOW, September 2.')


def statement_date(scene, speaker: Mention | None, memory: Memory, schema) -> Dated | None:
    """What a sentence that told no event leaves as the last dated: the date of its statement ('قال لافروف،
    الأربعاء، إن ...': a next sentence that speaks on, 'وأضاف لافروف خلال لقائه ...', tells the same
    occasion); else the event last dated, still as near when the sentence names no one (a dateline's line,
    'والتقى الجانبان ...'), opens at its occasion ('وفي كلمته، ...') or, with no date, restates its event ('إن
    الوزيرين أجريا محادثات') or speaks on, by a party of an event read or naming only its parties ('وأشارت الدول
    الثلاث، في بيان، إلى أن ...', 'Talks between both states are frequent, the envoy went on', 'Recalling their
    long friendship, the minister said ...'): it does not move the narrative away. A sentence with no speaker that names actors
    and gives one day (not told as background) tells something the rules do not read: its day and its actors
    are the last dated ('وفي وقت سابق من اليوم، استدعت الوزارة ...', then 'وفي بيان مشترك، أعلنت ...')."""
    view, dates = scene.view, scene.dates
    last = memory.last_dated
    if last is not None and last.index == view.sentence.index:
        return last
    if speaker is None and dates and scene.mentions and not any(
            sm.payload == BACKGROUND and sm.start < dates[0].token for sm in view.speech):
        told = {f.value for f in dates}
        if len(told) == 1 and None not in told and len(next(iter(told))) == 10 and not _dateline(view, dates) \
                and not any(f.later or f.expression.ahead or deadline(view, schema.dates, f) for f in dates):
            # 'وفي وقت سابق من اليوم، استدعت الوزارة السفير ...', 'Brussels, Tuesday, 24 June 2025 - X paid a
            # courtesy visit to Y': a dated thing the rules do not read, which the next sentence may go on with (not a
            # deadline or a day ahead: 'the deadline given to X runs until 30 September' dates nothing done)
            # (its one event word's kind: 'الاجتماع الذي عقد في 3 مارس ...' is a meeting a next sentence may restate)
            kinds = {t.payload.type for t in scene.triggers if t.payload.type not in schema.dates.lasting}
            return Dated(event_parties(schema, {m.entity for m in scene.mentions}), told.pop(), view.sentence.index,
                         scene.mentions[0].entity, kind=kinds.pop() if len(kinds) == 1 else None)
    if speaker is None or not dates:
        if last is not None and (not scene.mentions or not dates and schema.dates and (
                at_occasion(view, schema.dates)
                or last.kind is not None and (speaker is not None or _tagged(view) or speaks_on(view)) and (
                    speaker.entity in last.parties if speaker is not None
                    else all(m.entity in last.parties for m in scene.mentions))
                or any(t.payload.type == last.kind for t in scene.triggers) and _shares(scene, last, schema))):
            return last._replace(index=view.sentence.index)
        return last
    for sm in view.speech:
        if sm.payload != SPEECH:
            continue
        for found in dates:
            lo, hi = (found.end, sm.start) if found.token < sm.start else (sm.end, found.token)
            if found.value and lo <= hi and view.words_between(lo, hi) <= DATE_WINDOW \
                    and not view.opens_clause(lo, hi):
                return Dated(event_parties(schema, (speaker.entity,)), found.value, view.sentence.index, speaker.entity,
                             said=True)
    return last


def _dateline(view: SentenceView, dates) -> bool:
    """Is the sentence no more than a place and a date ('MOSCOW, September 2.'): a dateline, the day of the report,
    which dates no event told after it."""
    inside = {i for a, b in view.names for i in range(a, b)} | {i for f in dates for i in range(f.token, f.end)}
    return sum(1 for i, t in enumerate(view.tokens)
               if t.is_word and not t.text.isdigit() and i not in inside) <= DATELINE_WORDS


def _shares(scene, last: Dated, schema) -> bool:
    """Does a sentence that restates the kind of the event last dated name one of its parties, or no one by name
    ('إن الوزيرين أجريا محادثات')? 'The delegation met with the Nigerien junta', after 'Tinubu met the ECOWAS
    delegation on Tuesday', is another meeting."""
    named = {m.entity for m in scene.mentions if m.how in ("name", "adjective")}
    return not named or not last.parties.isdisjoint(event_parties(schema, named))


def at_occasion(view: SentenceView, grammar) -> bool:
    """Does the sentence open at an occasion phrase ('وخلال هذا اللقاء'), or set one off between commas ('وأكد
    الطرفان، خلال المباحثات، على ...', 'X, during the talks, thanked Y')? Read once per sentence."""
    def read() -> bool:
        text = view.sentence.norm.text
        if grammar.at_occasion(text):
            return True
        low = text.lower()   # (once; and only the cues and commas it holds are put together)
        cues = [cue for cue in grammar.occasion if cue in low]
        return bool(cues) and any(f"{m} {cue}{m}" in low for m in view.commas if m in low for cue in cues)
    return once(view, "at_occasion", read)


TAG_WORDS = 3   # words after the speech verb of a report tag that closes a sentence ('..., أضاف الوزير الروسي')


def _tagged(view: SentenceView) -> bool:
    """Is the sentence closed by a report tag ('..., the minister added', '...، أضاف الوزير'): a speaker says on."""
    n = len(view.tokens)
    return any(sm.payload == SPEECH and sm.start > 0 and view.words_between(sm.end, n) <= TAG_WORDS
               for sm in view.speech)


def speaks_on(view: SentenceView) -> bool:
    """Does the sentence open with a speech verb ('وأضاف ...', 'He added')? It goes on with the statement."""
    return any(sm.payload == SPEECH and view.words_between(0, sm.start) <= 1 for sm in view.speech)


def tour_goes_on(last: Dated, index: int, source: str, others, schema) -> bool:
    """A little further back, the same actor with another party of the event last dated goes on with it (a tour
    dated in the lead, then 'في بوركينا فاسو، التقى عبد العاطي بالرئيس ...' a sentence later)."""
    return not last.said and index - last.index <= INHERIT_ACTOR and last.actor == source \
        and not last.parties.isdisjoint(event_parties(schema, others))


def stay_goes_on(last: Dated, index: int, kind: str, parties: frozenset, grammar) -> bool:
    """A little further on, a gathering whose parties all took part in the visit last dated is held during that stay
    ('arrived in Y on Thursday', who was there, then 'the delegation handed Y's leaders a message')."""
    return last.kind in grammar.stays and kind in grammar.gatherings and parties <= last.parties \
        and index - last.index <= STAY_SENTENCES


def restated(view: SentenceView, last: Dated, trig: Match, parties: frozenset) -> bool:
    """Is ``trig``, later in the sentence than the event last dated and in its clause, a word of the same type whose
    parties all took part in it ('ترأس الاجتماع رئيس النيجر ...، بحضور وزراء دفاع مالي وبوركينا فاسو', 'chaired the
    meeting, attended by ...')? It restates that event: one event, one date ('met Y on Monday, a week after meeting
    Z': Z was no party of Monday's)."""
    return last.kind == trig.payload.type and 0 <= last.at < trig.start and parties <= last.parties \
        and not view.boundary_between(last.at, trig.start) and not view.opens_clause(last.at, trig.start)


def acts_for(view: SentenceView, last: Dated, source: str, trig: Match, schema) -> bool:
    """Is the actor of ``trig``, later in the sentence than the event last dated and in its clause (no clause opened
    between), the state that event's actor acts for, named ('رحب الرئيس برئيس وزراء Y، مؤكدا استعداد موريتانيا لتعزيز
    التعاون مع Y', 'X received Y on Tuesday, saying Mauritania was keen to ...')? The leader speaks for it: what it
    tells goes on with that event, as a pronoun for the state would (not 'the accords Mali signed at the forum',
    told in a relative clause after the meeting: their own time)."""
    return source != last.actor and source == schema.country_of(last.actor) and 0 <= last.at < trig.start \
        and not view.boundary_between(last.at, trig.start) and not view.opens_clause(last.at, trig.start)


def goes_on(last: Dated, index: int, mention: Mention, parties: frozenset, schema, others=(), at=-1,
             kind: str | None = None) -> bool:
    """Whether an undated event goes on with the event last dated: in a later sentence, when its actor (or the
    actor's state) took part in it (the visitor received by the host; not 'X was asked to oversee the pull-out of
    the French contingent from Y' after Y's delegation met X on Monday: France took no part), and it is not another of
    its kind with other parties ('Lavrov also visited Guinea and Congo' after his arrival in Ouagadougou on
    Tuesday: another leg of the tour); in the same sentence, only with its actor (another event of the
    sentence lost the date to a nearer one: 'withdrew in August 2014 after X's request to leave'), as
    parties of the same event word (a meeting of several parties, coordinated actors: one event, one date) or
    with a party of it carried on ('met A, B and C on Wednesday, which ended with the signing of a memorandum')."""
    if index != last.index:
        return not last.parties.isdisjoint(event_parties(schema, (mention.entity,))) and not (
            kind == last.kind and others and event_parties(schema, others).isdisjoint(last.parties)) and not (
            schema.dates and kind in schema.dates.stays and _other_guest(last, mention.entity, schema))
    source = mention.entity
    if at == last.at and last.parties.issuperset(others):
        return True   # 'لقائه وزراء خارجية مالي والنيجر وبوركينا', 'قدم ديوب وكامارا للقاء ...': one event, one date
    if kind is not None and schema.dates and kind in schema.dates.stays and parties <= last.parties:
        return True   # 'met his counterpart X on Tuesday, X being in the capital for the summit': the stay it was in
    if mention.key < 0 and source in last.parties:
        return True   # a party of it carried on ('..., which ended with the signing of a memorandum')
    return last.actor == source or (mention.how in ("anaphor", "subject", "pair")
                                    and schema.country_of(last.actor) == schema.country_of(source) is not None)


def _other_guest(last: Dated, guest: str, schema) -> bool:
    """Was another person of the person ``guest``'s state, not the guest, a party of the event last dated ('X's visit
    to Y' after Z, of X's state, visited Y on the 29th): the stay is not that event's."""
    def person(e) -> bool:
        return getattr(schema.entities.get(e), "kind", None) == "person"
    state = schema.country_of(guest)
    return guest not in last.parties and person(guest) and state not in (None, guest) and any(
        p != guest and person(p) and schema.country_of(p) == state for p in last.parties)


def event_parties(schema, entities) -> frozenset:
    """The entities of an event and the states they act for: who a later sentence may go on about."""
    out = set(entities)
    for e in entities:   # (a loop: every dated event asks, and generators cost more than the one or two entities)
        c = schema.country_of(e)
        if c:
            out.add(c)
    return frozenset(out)
