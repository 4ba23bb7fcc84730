"""Stage 4: dates. The date expressions of a sentence, and the date of each event.

An event takes the nearest date expression in its clause (within
:data:`DATE_WINDOW` words, not beyond a clause opener such as 'الذي', and
not one another event word stands nearer to), else the date of the event the
same actor was last dated in, one sentence back: a lead sentence dates what
the next one adds. An event told as background ('كان ... قد') borrows no
date; the date after a dateline at the start of a line is the page's. An
undated event a report tag closes ('..., the ministries announced on Sunday')
is that day's news; one a phrase places at an event told before ('خلال تلك
القمة', 'during that visit') takes the date last told beside that event's word;
a speaker's spoken act (criticism, praise) goes on with the statement it last
dated, a few sentences on. A deadline ('until 30 June') dates no fact, and an
event whose date the sentence gives to its cause does not go on with the last.

The article's own dates (its anchor, the title's and the lead's events) are
in :mod:`graph.extraction.leads`; the date expressions of a sentence in
:mod:`graph.extraction.date_expressions`.
"""
from __future__ import annotations

import datetime

from ..matcher import Match
from .memory import Dated, Memory
from .date_carry import acts_for, at_occasion, event_parties, goes_on, restated, speaks_on, statement_date, \
    stay_goes_on, tour_goes_on
from .date_cues import DATE_WINDOW, SAME_EVENT_WORDS, caused, circumstance, framing, joined, lagged, nested_before, since_year, \
    since_last, purpose, recalled, reported, supported_from, within, deadline, turned, fronted, earlier_own, sets_apart
from .sentence import BACKGROUND, SPEECH, DateFound, Mention, SentenceView, comma_between, once

__all__ = ["event_date", "statement_date", "event_parties", "told_as_background", "DATE_WINDOW", "TIED_WINDOW",
           "INHERIT_SENTENCES", "SAME_EVENT_WORDS"]

TIED_WINDOW = 30          # words between a trigger and its date when a cue ties the date to the event ('وذلك اعتبارا من أمس')
INHERIT_SENTENCES = 1     # how far back an undated event looks for its actor's last date
OCCASION_SENTENCES = 4    # ... when the sentence opens at the occasion last told ('وخلال هذا اللقاء، ...')
WHEN_WORDS = SAME_EVENT_WORDS + 1   # ... words between a simultaneous word ('when') and the event of its clause
WHEN_TOKENS = 12          # ... tokens (a name is one word of several tokens)
RESTATED_WORDS = 6        # ... a word of its type this close after it restates it for a date after both


def event_date(view: SentenceView, dates, triggers, trig: Match, mention: Mention, memory: Memory, schema,
               others: tuple[str, ...] = (), fact: bool = True):
    """(date, span of its expression or None, what memory's last_dated becomes) for one source of an event
    (``triggers``: every event word of the sentence; ``others``: the event's other parties; ``fact``: told as
    done, so no date ahead of the article's dates it)."""
    source = mention.entity
    parties = event_parties(schema, (source, *others))
    grammar = schema.dates   # (dates come only from it: without it there are none)
    best, caused_by = None, False   # (a date the sentence gives its event's cause: it tells no time of the last)
    for found in dates:
        tok = found.token
        if fact and (found.expression.ahead or found.later or deadline(view, grammar, found)) \
                or since_year(view, grammar, found, trig) \
                or since_last(view, grammar, found):   # 'منذ عام 2020، نفذت الجماعات هجمات': when a run of them began
            continue   # 'أمرت ... ملحقين عسكريين بالرحيل قبل يوم الأحد المقبل', 'has until 15 September to leave': the deadline's
            # ('has eased the sanctions' on a page of 2022 is not dated by 'civilian rule in March 2024')
        if found.expression.attributive and tok >= trig.end:
            continue   # 'sanctions imposed following the March 3, 2021 army putsch': the date names the coup (one
            # before the event may name its frame: 'In the 2 March 2024 statement, X accused Y')
        if _told_aside(view, found, trig):
            continue   # 'X and Y -- ruled by officers who seized power in 2020 -- pledged ...': the aside's date
        if tok < trig.start and trig.payload.type in grammar.lasting and _past_its_clause(view, found, trig):
            continue   # 'جرت المراسم يوم السبت في العاصمة، مؤكدة على عمق العلاقات': the ceremony's day, not the tie's
        # a date before the event counts from its last word ('في بداية شهر سبتمبر، أكدت ...')
        lo, hi = (min(found.end, trig.start), _at_the_time(view, grammar, found.end, trig)) if tok < trig.start \
            else (
            supported_from(view, grammar, _framed_from(view, triggers, trig, tok, grammar), tok), tok)
        parts = _outside_asides(view, lo, hi)   # 'In May, X -- whose junta ... -- expelled': the aside is skipped
        dist = _words_in(view, parts)
        if (tok >= trig.end or trig.payload.type not in grammar.lasting) and not view.boundary_between(lo, hi) \
                and not _background_within(view, lo, hi):
            dist -= _named_words(view, lo, hi)   # 'وقع وزير النفط X، ووزير الطاقة Y، اليوم الأربعاء': names and titles
            # (also after a date before the event: 'Early last month, the head of X's junta, Captain Y,
            # received Z'; but for a lasting tie: 'ناقش X، الثلاثاء، مع Y توسيع الشراكة بين البلدين' dates the talks only)
        if _nearer_trigger(view, triggers, trig, tok, dist, schema, grammar) and not view.continues(trig) \
                and not (tok >= trig.end and fronted(view, grammar, trig, found)):
            continue   # 'أغلقت ... الأحد، في إطار انسحابها': the date is the other event's (not the main clause's
            # day for the occasion it is told at: 'Speaking at the X meeting, Y hailed the ties ... on Thursday')
        if caused(view, grammar, trig, found.token, found.end):
            caused_by = True
            continue   # 'أنهت X عقوباتها على Y، وذلك إثر تنصيب Z في مطلع مارس': the date is the cause's
        if _any_opens_clause(view, parts, trig.end) or (
                tok < trig.start and (_background(view, found.end, trig) and not _own_earlier(view, grammar, found, trig)
                                      or _inside_cue(view, found, trig)
                                      or circumstance(view, grammar, found.end, trig.start))):
            continue   # '... on Monday in response to Y's expulsion of ...': the date is the response's
        if turned(view, grammar, min(tok, trig.start), max(found.end, trig.end)):
            continue   # 'قرر المجلس اليوم الجمعة ...، إلى ذلك، اتهم X Y': the date is the other news'
        if _any_lagged(view, grammar, parts):
            continue   # 'met Y on Thursday, a week after meeting Z': Z's meeting is a week before Thursday
        if (tok >= trig.end and _opens_nested_in(view, grammar, parts)) or (
                tok < trig.start and nested_before(view, grammar, tok)):
            continue   # 'في أول زيارة له منذ توليه السلطة في 5 سبتمبر 2021': the date is the taking of power's
        window = TIED_WINDOW if tok >= trig.end and (_news_day(view, found, trig) or grammar.tied(
            view.sentence.norm.text[:view.tokens[tok].start]) or fronted(view, grammar, trig, found)) \
            or tok < trig.start and (_opening(view, found, hi) or _joined_on(view, grammar, found, trig)) else DATE_WINDOW
        if dist <= window and (best is None or dist < best[0]):
            best = (dist, found)
    index = view.sentence.index
    if best is not None:
        found = best[1]
        span = view.char_span(found.expression.start, found.expression.end)
        prev = memory.last_dated
        if prev is not None and prev.index == index and prev.at == trig.start:
            parties |= prev.parties   # one event word of several parties: one event, all of them its parties
        # (a trip still to come dates no fact told after it: 'hoped to visit Y in November, in talks with Z')
        last = Dated(parties, found.value, index, source, at=trig.start, kind=trig.payload.type,
                     background=_background(view, 0, trig)) if found.value and fact else memory.last_dated
        return found.value, span, last
    last = memory.last_dated
    shift = _narrative_shift(view, grammar) if grammar.narrative else None
    if shift is not None and last and last.date and len(last.date) == 10 \
            and last.index < index <= last.index + OCCASION_SENTENCES:
        # 'The following day, X received Y': a day after the event last told
        date = (datetime.date.fromisoformat(last.date) + datetime.timedelta(days=shift)).isoformat()
        return date, None, Dated(parties, date, index, source, at=trig.start, kind=trig.payload.type)
    if shift is not None and shift < 0 and fact and not (last and last.date) \
            and isinstance(view.doc.published, datetime.date):
        # 'The day before, X and Y signed ...' with no date told before it: the day before the page's own date
        date = (view.doc.published + datetime.timedelta(days=shift)).isoformat()
        return date, None, Dated(parties, date, index, source, at=trig.start, kind=trig.payload.type)
    if last and last.date and not last.said and last.index < index <= last.index + OCCASION_SENTENCES \
            and not last.parties.isdisjoint(parties) and grammar.then \
            and _at_the_time_told(view, grammar):
        # 'لتردّ الجزائر آنذاك باستدعاء ...': at the time last told, by a party of it, at its precision
        return last.date, None, Dated(last.parties | parties, last.date, index, source, at=trig.start,
                                      kind=trig.payload.type)
    said = _statement_day(view, dates, trig, mention) if trig.payload.type in grammar.spoken else None
    if said is not None:
        return said, None, Dated(parties, said, index, source, at=trig.start, kind=trig.payload.type)
    if last and last.date and last.index == index and trig.payload.type in grammar.lasting \
            and source in last.parties and joined(view, grammar, trig, last.at):
        return last.date, None, last   # 'نفذت X ضربات يوم الأحد بناء على طلب Y': the help given that day
    framed = _framed_event(view, grammar, triggers, trig)   # 'praised Y during a meeting with Z': the praise
    if framed is not None and last and last.date and last.index == index and last.at == framed.start \
            and not last.parties.isdisjoint(parties):
        # 'أشاد X يوم الاثنين خلال لقاء له مع Y بـ Z': the meeting framing the praise just dated is of its day
        return last.date, None, Dated(last.parties | parties, last.date, index, last.actor, at=trig.start,
                                      kind=trig.payload.type)
    if _background(view, 0, trig) or circumstance(view, grammar, 0, trig.start):
        return None, None, last   # 'وكانت الكتلة قد فرضت ...': background, not the event just dated
    if trig.payload.type in grammar.lasting:   # a tie takes no carried date, only its own sentence's news day:
        told = reported(view, dates, trig) if fact else None   # 'X sent troops to back Y, Z reported Monday'
        return (None, None, last) if told is None else (
            told.value, view.char_span(told.expression.start, told.expression.end), last)
    occasion = recalled(view, grammar, triggers, trig, memory.framed, index)
    if occasion is not None:   # 'وقرر الاتحاد، خلال تلك القمة، ...': the summit told before, with its date
        return occasion, None, Dated(parties, occasion, index, source, at=trig.start, kind=trig.payload.type)
    told = reported(view, dates, trig) if fact else None
    if told is not None:   # 'X left Y, the ministries announced in a communique on Sunday': that day's news
        return told.value, view.char_span(told.expression.start, told.expression.end), Dated(
            parties, told.value, index, source, at=trig.start, kind=trig.payload.type)
    if last and last.date and not last.said and index - last.index <= OCCASION_SENTENCES \
            and at_occasion(view, grammar):
        # 'وخلال هذا اللقاء، عبّر الوزراء عن امتنانهم ...': at the occasion last told, whoever the parties
        return last.date, None, Dated(last.parties | parties, last.date, index, source, at=trig.start, kind=trig.payload.type)
    if last and last.said and last.actor in (source, schema.country_of(source)) and (
            trig.payload.type in grammar.spoken or framed is not None and framed.payload.type in grammar.spoken
            or at_occasion(view, grammar)) and (last.index < index or last.at >= 0) \
            and index <= last.index + OCCASION_SENTENCES:   # (another word of the sentence it already went on to)
        # 'أفادت X، في تقرير نشرته الثلاثاء، ...', then 'ووجهت المنظمة انتقادات إلى Y': the statement goes on (and
        # the occasion it is told at: 'وأشاد X خلال لقاء له مع Y بـ ...'; the speaker may be read as the state; and
        # what its speaker tells at it: 'In its statement, X also claimed the raids on Y')
        return last.date, None, Dated(parties, last.date, index, source, said=True, at=trig.start, kind=trig.payload.type)
    if last and not caused_by and (index == last.index or not last.background) \
            and (index - last.index <= INHERIT_SENTENCES or tour_goes_on(last, index, source, others, schema)
                 or stay_goes_on(last, index, trig.payload.type, parties, grammar)) \
            and (not last.said or speaks_on(view)) and (index == last.index or not sets_apart(view, grammar)) \
            and (goes_on(last, index, mention, parties, schema, others, trig.start, trig.payload.type)
                 or index == last.index and view.continues(trig) and not last.parties.isdisjoint(parties)
                 or index == last.index and restated(view, last, trig, parties)
                 or index == last.index and acts_for(view, last, source, trig, schema)) \
            and not (index == last.index and 0 <= last.at < trig.start and lagged(view, grammar, last.at, trig.start)):
        # the narrative goes on ('حطت الطائرة ... حيث كان في استقباله غويتا': told on, with a party of it)
        actor = last.actor if index == last.index else source   # (a coordinated actor does not take the lead)
        return last.date, None, Dated(last.parties | parties, last.date, index, actor, at=trig.start, kind=trig.payload.type)
    return None, None, last


# (event_date's tests, apart: a comprehension or lambda there would make its locals cells, made at every call)

def _words_in(view: SentenceView, parts) -> int:
    return sum(view.words_between(a, b) for a, b in parts)


def _background_within(view: SentenceView, lo: int, hi: int) -> bool:
    return any(sm.payload == BACKGROUND and lo <= sm.start < hi for sm in view.speech)


def _any_opens_clause(view: SentenceView, parts, end: int) -> bool:
    return any(_opens_clause(view, a, b, end) for a, b in parts)


def _any_lagged(view: SentenceView, grammar, parts) -> bool:
    return any(lagged(view, grammar, a, b) for a, b in parts)


def _opens_nested_in(view: SentenceView, grammar, parts) -> bool:
    return any(view.tokens[i].is_word and grammar.opens_nested(view.tokens[i].text) for a, b in parts
               for i in range(a, b))


def _narrative_shift(view: SentenceView, grammar) -> int | None:
    return once(view, "narrative_shift", lambda: grammar.narrative_shift(view.sentence.norm.text))


def _at_the_time_told(view: SentenceView, grammar) -> bool:
    return once(view, "at_the_time", lambda: grammar.at_the_time(view.sentence.norm.text))


def told_as_background(view: SentenceView, schema, trig: Match) -> bool:
    """Is the event at ``trig`` told as background or as a standing circumstance in its sentence ('announced the
    lifting of sanctions imposed on X', 'وكانت الكتلة قد فرضت ...')? It takes no date but its own: not the lead's."""
    return _background(view, 0, trig) or circumstance(view, schema.dates, 0, trig.start)


def _statement_day(view: SentenceView, dates, trig: Match, mention: Mention) -> str | None:
    """The day of the statement in which the event's source speaks, before the event ('General X said on Saturday
    that ..., accusing Y'): the source named right beside a speech verb, the date near that verb, a day or a month
    ('X said in January that ..., calling Y's charges unfounded')."""
    start, end = mention.start, mention.end
    if mention.key < 0:   # a carried source ('..., accusing Y'): where the sentence names it, if it does
        if mention.origin is None:
            return None
        named = [i for i in range(len(view.tokens)) if mention.origin[0] <= view.span(i, i + 1)[0] < mention.origin[1]]
        if not named:
            return None
        start, end = named[0], named[-1] + 1
    for sm in view.speech:
        if sm.payload != SPEECH or sm.start >= trig.start or not (
                end <= sm.start and (view.words_between(end, sm.start) <= 1 or _in_speaker(view, end, sm.start))
                or sm.end <= start and (view.words_between(sm.end, start) <= 1 or _in_speaker(view, sm.end, start))):
            continue
        for found in dates:
            lo, hi = (found.end, sm.start) if found.token < sm.start else (sm.end, found.token)
            if found.value and len(found.value) >= 7 and lo <= hi and found.token < trig.start \
                    and view.words_between(lo, hi) <= DATE_WINDOW and not view.opens_clause(lo, hi):
                return found.value
    return None


def _framed_event(view: SentenceView, grammar, triggers, trig: Match) -> Match | None:
    """The event word, earlier in the clause, that the event at ``trig`` frames: a frame word right before ``trig``
    ('praised Y during a meeting with Z', 'وأشاد X خلال لقاء له مع Y'), nothing closing the clause between. What is
    done or said during an occasion tells its day, and the occasion is of that day too."""
    frames = view.grammar.frames
    if not frames or trig.start < 1 or view.lows[trig.start - 1] not in frames or trig.payload.type in grammar.lasting:
        return None
    return next((o for o in triggers if o.end < trig.start and o.payload.type != trig.payload.type
                 and not view.boundary_between(o.start, trig.start) and not view.opens_clause(o.end, trig.start)), None)


SPEAKER_WORDS = 4   # words of a speaking body's name before the state it is of ('أعلنت وزارة الشؤون الدينية والأوقاف في توغو')


def _in_speaker(view: SentenceView, lo: int, hi: int) -> bool:
    """Are tokens [lo, hi), between a speech verb and the source, the words of the speaker's own name that the source
    ends or opens ('أعلنت وزارة الشؤون الدينية والأوقاف في توغو، أمس الخميس، عن ...', 'The Malian territorial ministry said on
    Thursday ...'): a few words, no comma, no clause opened?"""
    return view.words_between(lo, hi) <= SPEAKER_WORDS and not comma_between(view, lo, hi) \
        and not view.opens_clause(lo, hi)


def _opening(view: SentenceView, found: DateFound, hi: int) -> bool:
    """Does the date open the sentence, set off by a comma, with no other comma or clause opener before ``hi``, where
    its distance ends, but for a complementizer right after a speech verb ('On 16 May, the defence ministries of X
    and Y announced that the pull-out is complete')? It dates the main clause, however many words its subject takes."""
    tokens = view.tokens
    return view.words_between(0, found.token) <= 1 and found.end < hi and tokens[found.end].text in view.commas \
        and not comma_between(view, found.end + 1, hi) and not _opens_clause(view, found.end, hi)


def _joined_on(view: SentenceView, grammar, found: DateFound, trig: Match) -> bool:
    """Does the date open the sentence (set off or not) and the event go on from its first clause by a conjunction,
    with no subject of its own ('وفي مارس الماضي أصيب جنديان ...، وتعرضا لهجوم من ...', 'Last March, X planted a bomb
    on the road ..., and attacked ...')? The date is of the clauses the sentence joins, however long the first; not
    past a clause opened, nor past a nested thing ('..., and has since expelled ...')."""
    return view.words_between(0, found.token) <= 1 and view.continues(trig) \
        and not _opens_clause(view, found.end, trig.start) and not any(
            view.tokens[i].is_word and grammar.opens_nested(view.tokens[i].text) for i in range(found.end, trig.end))


def _at_the_time(view: SentenceView, grammar, lo: int, trig: Match) -> int:
    """Where the distance from an earlier date to the event ends: at a :attr:`simultaneous` word a few words
    before it ('X on Wednesday revived a policy of his first term when he announced the ban'), else the event. The
    clause it opens may name its subject and a first act before the event, a name counting as one word ('the pact
    ended in 2017 when the United States pulled out and reimposed sanctions on Y')."""
    for i in range(max(lo, trig.start - WHEN_TOKENS), trig.start):
        if view.tokens[i].is_word and view.tokens[i].text.lower() in grammar.simultaneous \
                and not view.boundary_between(i, trig.start) \
                and view.words_between(i + 1, trig.start) - _named_words(view, i + 1, trig.start) <= WHEN_WORDS:
            return i
    return trig.start


def _opens_clause(view: SentenceView, start: int, end: int, own: int = -1) -> bool:
    """A clause opener among tokens [start, end), but for one right after a speech verb: 'said on Friday that it
    is leaving' (a complementizer: what is said is the news of that day), and for one at ``own``, right after the
    event's word: 'claimed the attack that killed eight soldiers last month' tells of the attack itself."""
    speech_ends = None
    for i in view.counts()[2]:
        if start <= i < end:
            if speech_ends is None:
                speech_ends = {sm.end for sm in view.speech if sm.payload == SPEECH}
            if i not in speech_ends and i != own:
                return True
    return False


def _named_words(view: SentenceView, lo: int, hi: int) -> int:
    """Words of [lo, hi) inside names or titles (the parties named between a verb and its date), but one per name:
    a long name is as near as a short one."""
    inside = {i for a, b in view.names for i in range(max(a, lo), min(b, hi))} | {
        i for i in view.title_tokens if lo <= i < hi}
    words = sum(1 for i in inside if view.tokens[i].is_word)
    names = sum(1 for a, b in view.names if lo <= a and b <= hi)
    return max(0, words - names)


def _news_day(view: SentenceView, found: DateFound, trig: Match) -> bool:
    """Is the date a day the page names from its own ('on Sunday', 'أمس', 'yesterday'), after the event with no
    comma between? Such a day is the news the clause tells, however many words its objects and places take
    ('withdrew from X with the last of its soldiers ... through the hub beside the airport of the capital on
    Saturday'); not one a comma sets apart ('..., according to what X reported on Tuesday')."""
    r = found.expression.reading
    return found.expression.relative and (r.weekday is not None or r.offset is not None) \
        and bool(found.value) and len(found.value) == 10 \
        and not comma_between(view, trig.end, found.token)


def _told_aside(view: SentenceView, found: DateFound, trig: Match) -> bool:
    """Is the date told inside a dash aside that tells more than it, away from the event ('X -- whose officers
    seized power in 2020 -- pledged ...'), or in a relative clause closed by a comma before it? A date alone
    between dashes ('أعلن ماكرون -الأحد الماضي- ...') is the sentence's."""
    for a, b in view.asides():
        if a <= found.token < b and not a <= trig.start < b:
            return any(view.tokens[i].is_word for i in range(a, b) if not found.token <= i < found.end)
    return found.token < trig.start and _in_closed_clause(view, found, trig)


def _past_its_clause(view: SentenceView, found: DateFound, trig: Match) -> bool:
    """Is a comma between the date and the later event, other than one that closes a date set off ('In May, X and Y
    ...', 'X، الاثنين، ...')? A lasting tie takes only the date of its own clause: not one of a clause before ('the
    ceremony took place on Saturday in the capital, affirming the deep ties between X and Y', 'clashed on Monday,
    and Z's medics helped')."""
    tokens, commas = view.tokens, view.commas
    set_off = found.end < len(tokens) and tokens[found.end].text in commas and (
        view.words_between(0, found.token) <= 1 or found.token > 0 and tokens[found.token - 1].text in commas)
    return comma_between(view, found.end + 1 if set_off else found.end, trig.start)


def _in_closed_clause(view: SentenceView, found: DateFound, trig: Match) -> bool:
    """Is the date told in a relative clause set off by commas before the event ('Guinea, which a colonel has led
    since 2021, has moved closer to China'): the clause's time, not the event's?"""
    left = next((k for k in range(found.token - 1, -1, -1) if view.tokens[k].text in view.commas), None)
    return left is not None and view.first_opener(left, found.token) is not None \
        and comma_between(view, found.end, trig.start)


def _outside_asides(view: SentenceView, lo: int, hi: int) -> list[tuple[int, int]]:
    """The token ranges of [lo, hi) outside the dash asides that lie wholly inside it."""
    parts, start = [], lo
    for a, b in view.asides():
        if lo <= a and b <= hi and a >= start:
            parts.append((start, a))
            start = b
    parts.append((start, hi))
    return parts


def _own_earlier(view: SentenceView, grammar, found: DateFound, trig: Match) -> bool:
    """Is the date set off right before the pluperfect cue of the event's own clause ('منتصف يونيو 2023، كانت X قد
    وقعت ...')? It is the earlier event's own date, not one the cue tells apart from it."""
    cue = earlier_own(view, grammar, found)
    return cue is not None and cue[0] < trig.start and cue[1] <= trig.end


def _background(view: SentenceView, start: int, trig: Match) -> bool:
    """A background cue from token ``start`` to the trigger ('وكانت الكتلة قد فرضت ...'; after a date: 'recalled X
    on Monday in response to Y's expulsion of ...' tells the expulsion as the cause, and Monday is the recall's).
    A cue may end inside the trigger: 'lifting most of the sanctions imposed on Y' ends at the trigger's noun (not
    one that runs past it: 'جاءت الزيارة بعد ...' is no background of the visit)."""
    memo = view.memo   # (once and any, written out: their lambda and generator would make the locals cells)
    cues = memo.get("background")
    if cues is None:
        cues = memo["background"] = _background_cues(view.speech)
    for sm in cues:
        if start <= sm.start < trig.start and sm.end <= trig.end:
            return True
    return False


def _background_cues(speech) -> list:
    return [sm for sm in speech if sm.payload == BACKGROUND]


def _inside_cue(view: SentenceView, found: DateFound, trig: Match) -> bool:
    """Is the date inside a background cue whose last word opens the event's own words ('رفع الاتحاد يوم السبت
    العقوبات التي فرضها على X', 'lifted on Saturday the sanctions imposed on X')? The date is the cue verb's (the
    lifting), not the sanctions'."""
    return any(sm.payload == BACKGROUND and sm.start < found.token and found.end <= sm.end and trig.start < sm.end
               <= trig.end for sm in view.speech)


def _framed_from(view: SentenceView, triggers, trig: Match, tok: int, grammar=None) -> int:
    """Where the distance to a later date counts from: the end of a frame event between them ('talks ... during a
    visit to Niger on Wednesday' dates the talks by the visit), of the event's purpose ('arrived in X for the
    meeting with Y, yesterday morning') or of a word restating it, else the trigger's end."""
    for other in triggers:
        if trig.end <= other.start and other.end <= tok and (
                _frames(view, grammar, trig, other) or purpose(view, grammar, trig, other)
                or _restates(view, trig, other)):
            return other.end
    return trig.end


def _frames(view: SentenceView, grammar, trig: Match, other: Match) -> bool:
    """Is ``other``, after ``trig``, told as its frame: a frame word right before it ('talks ... خلال زيارة'), or,
    for an event (no lasting tie: 'France-allied X'), a framing phrase a word or two before it ('hailed ties with Y
    during a meeting on Wednesday')?"""
    frames = view.grammar.frames
    return other.start > trig.end and (frames and view.tokens[other.start - 1].text.lower() in frames or (
        grammar is not None and trig.payload.type not in grammar.lasting and framing(view, grammar, other)))


def _framing(view: SentenceView, trig: Match) -> bool:
    """Is the event at ``trig`` told as the frame of what came before it: a frame word opens it or stands right
    before it ('..., خلال زيارة قام بها X', '..., during a visit by X')?"""
    frames = view.grammar.frames
    return bool(frames) and (view.lows[trig.start] in frames or trig.start > 0 and view.lows[trig.start - 1] in frames)


def _restates(view: SentenceView, trig: Match, other: Match) -> bool:
    """Is ``other``, later in the clause, a word of the same event type that restates it ('في خطوة نحو إتمام
    الانسحاب ...، سلمت القوات الفرنسية قاعدة ... أمس السبت')? A date after it is the event's, counted from it."""
    return other.payload.type == trig.payload.type and not view.continues(other) \
        and view.words_between(trig.end, other.start) <= RESTATED_WORDS \
        and not view.opens_clause(trig.end, other.start) and not view.boundary_between(trig.end, other.start)


def _nearer_trigger(view: SentenceView, triggers, trig: Match, tok: int, dist: int, schema, grammar=None) -> bool:
    """Whether another event word stands nearer to the date at ``tok`` (a date belongs to its nearest event).

    An event restated right after itself ('مسؤوليتها عن كمين مسلح استهدف ...') is one event: its words
    do not compete.
    """
    for other in triggers:
        if schema.relation_types[other.payload.type].cameo is None:
            continue   # a standing tie ('دولة' of a member state) takes no date: its word does not compete
        if trig.end <= tok < other.start and view.continues(other):
            continue   # 'زار موسكو من 12 إلى 14 فبراير، حيث التقى ...': what is told on does not take the date
            # told before its continuation word (it is the first event's, and the one told on goes on with it)
        if trig.end <= tok < other.start and within(view, grammar, tok, other):
            continue   # 'جولة ... يومي الأحد والاثنين، اجتمع خلالها ...': told inside the event, not on its own
        if other.payload.type in grammar.lasting and joined(view, grammar, other, trig.start):
            continue   # 'attacked X on Sunday at the request of Y': the help is the attack's, its date too
        if other.payload.type == trig.payload.type and not view.continues(other) and (
                other.start >= trig.end or view.words_between(
                other.end, trig.start) <= SAME_EVENT_WORDS):
            continue   # 'وصل ... يوم الخميس في زيارة': the later word restates the event, it does not compete
            # (one told on, 'ثم يسافر الخميس إلى ...', is another event)
        if _frames(view, grammar, trig, other) or purpose(view, grammar, trig, other):
            continue   # 'محادثاته ... خلال زيارة للنيجر يوم الأربعاء': the visit's date is also the talks'
        if other.end <= tok < trig.start and _framing(view, trig) and not view.boundary_between(other.end, trig.start):
            continue   # 'وقع X الاتفاق يوم الأحد في Y، خلال زيارة قام بها Z': the frame shares the day of what it frames
        if other.payload.type == trig.payload.type and purpose(view, grammar, other, trig, glued=True):
            continue   # 'held a call on Sunday with Y to discuss ...': the talks the call was for are the call
        if tok < other.start and other.end <= trig.start and other.start > 0 and view.grammar.frames \
                and view.lows[other.start - 1] in view.grammar.frames \
                and not view.boundary_between(tok, trig.start):
            continue   # 'قررت X أمس السبت خلال قمة ...، رفع العقوبات': the date before the frame is the decision's too
        if any(a <= other.start and other.end <= b and not a <= trig.start < b for a, b in view.asides()):
            continue   # an event told in an aside does not take the date of the sentence's own
        if any(a <= tok < b and a <= trig.start < b and not a <= other.start < b for a, b in view.asides()):
            continue   # ... nor one outside it the date of an event told in it ('قال X – في اجتماع مع Y، وفق ما نقلته
            # وكالة Z اليوم – إن ...': today is the meeting's)
        if other.end <= tok < trig.start and framing(view, grammar, other):
            continue   # 'في ختام قمة ... عقدت يوم السبت، قررت الكتلة ...': the decision is the summit's, its day too
        if trig.end <= tok < other.start and comma_between(view, tok, other.start) \
                and not comma_between(view, trig.end, tok):
            continue   # 'X, who met Y in Tehran in January, said nothing was signed': the date closes the first clause
        if other.end <= tok < trig.start and not view.boundary_between(other.end, trig.start) \
                and comma_between(view, tok, trig.start) \
                and not comma_between(view, other.end, tok):
            return True   # 'شرعت في الخروج ... منذ يناير الماضي، في إطار تفاهم ...': the date closes the clause before
        if other.end <= trig.start or other.start >= trig.end:
            lo, hi = (tok, other.start) if tok < other.start else (other.end, tok)
            if other.start <= tok < other.end or view.words_between(lo, hi) < dist:
                return True
    return False
