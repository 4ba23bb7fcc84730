"""Stage 4, the date cues: words of the date grammar (``schema/dates.yaml``) that place an event in time against
another event or a date of its sentence: its purpose ('arrived ... for the meeting'), a frame before it ('في ختام قمة
...'), an event told inside another ('التقى خلالها'), a lag ('a week after meeting Z'), a support verb ('talks were
held on ...') and a nested thing before a date ('منذ توليه السلطة في ...'). :mod:`graph.extraction.dating` weighs
them.
"""
from __future__ import annotations

from ..matcher import Match
from ..model import date_precision
from .sentence import BACKGROUND, SPEECH, SentenceView, comma_between, once, spans_of

__all__ = ["sets_apart", "caused", "circumstance", "framing", "joined", "lagged", "nested_before", "purpose", "recalled", "reported",
           "deadline", "earlier_own", "since_year", "since_last", "fronted", "turned", "supported_from", "within", "SAME_EVENT_WORDS", "RECALL_SENTENCES",
           "DATE_WINDOW"]

DATE_WINDOW = 10          # words between a trigger and its date expression
SAME_EVENT_WORDS = 4      # a second word for the same event this close after the first restates it
PURPOSE_WORDS = 6         # words between a purpose word and the event noun it tells ('for the high-level bilateral meeting')
FRAME_WORDS = 2           # words between a framing phrase and the noun it frames ('at the close of a special summit')
REPORT_WORDS = 5          # words between a report tag's speech verb and its day ('announced in a joint communique on Sunday')
LAG_WORDS = 4             # words between a lag and the event it governs ('بعد أن استدعت توغو وبنين سفيريهما')
RECALL_SENTENCES = 3      # how far back the occasion a sentence recalls was told ('خلال تلك القمة')


def lagged(view: SentenceView, grammar, lo: int, hi: int) -> bool:
    """Is a :attr:`lags` phrase ('a week after', 'بعد أسبوع', 'بعد أن') told among tokens [lo, hi), at most
    :data:`LAG_WORDS` words before ``hi`` with no comma between: it governs what stands at ``hi`` ('met Y on Monday,
    a week after meeting Z'; not 'on Monday, a week after the talks, X and Y signed ...': it governs the talks)."""
    if not grammar.lags:
        return False
    return any(s >= max(lo, hi - (e - s) - LAG_WORDS - 4) and e <= hi and view.words_between(e, hi) <= LAG_WORDS
               and not comma_between(view, e, hi)
               for s, e in spans_of(view, grammar.lags))


def framing(view: SentenceView, grammar, other: Match) -> bool:
    """Is ``other`` told as the frame of what follows it: a :attr:`framing` phrase ending at most
    :data:`FRAME_WORDS` words before its word ('At the close of a special summit held on Saturday, the bloc
    decided ...', 'على هامش القمة')?"""
    if grammar is None or not grammar.framing:
        return False
    return any(s >= other.start - (e - s) - FRAME_WORDS - 2 and e <= other.start
               and view.words_between(e, other.start) <= FRAME_WORDS and not view.boundary_between(e, other.start)
               for s, e in spans_of(view, grammar.framing))


def within(view: SentenceView, grammar, lo: int, other: Match) -> bool:
    """Is ``other`` told inside the event before it: a :attr:`within` word right after it ('التقى خلالها') or in
    its own words (a trigger that holds it, 'التقى خلالها' of met.during_visit.ar) or between ``lo`` (a date) and
    it ('on Tuesday, during which he met')?"""
    if grammar is None or not grammar.within:
        return False
    return any(s == other.end and e == s + 1 or other.start < s and e <= other.end or s >= lo and e <= other.start
               for s, e in spans_of(view, grammar.within))



def purpose(view: SentenceView, grammar, trig: Match, other: Match, glued: bool = False) -> bool:
    """Is ``other``, a few words after ``trig``, told as its purpose ('arrived ... for the bilateral meeting',
    'وصل ... لحضور القمة')? The two share a date. ``glued``: its own first word may be the purpose word ('جرى اتصال
    ... يوم الأحد، بين X وY، لبحث ...')."""
    if grammar is None or not grammar.purpose or other.start < trig.end:
        return False
    tokens = view.tokens
    return any(tokens[i].is_word and tokens[i].text.lower() in grammar.purpose
               and view.words_between(i, other.start) <= PURPOSE_WORDS
               and not view.boundary_between(i, other.start) for i in range(trig.end, other.start + glued))


def supported_from(view: SentenceView, grammar, lo: int, tok: int) -> int:
    """Where the distance to a later date counts from: past a support verb between them, which only says the
    event happened ('Consultations between X and Y were held on 22 May', 'عقدت ... يوم الاثنين'), else ``lo``."""
    support, lows = grammar.support, view.lows
    # the first support phrase of the list that stands between them, where it first does (found once a sentence)
    first = min(((support.index(tuple(lows[s:e])), s, e) for s, e in spans_of(view, support) if lo <= s and e <= tok),
                default=None)
    if first is None:
        return lo
    _, i, end = first
    return end if not view.opens_clause(lo, i) else lo


def nested_before(view: SentenceView, grammar, tok: int) -> bool:
    """Does a nested thing open a few words before the date at ``tok`` ('منذ توليه السلطة في 5 سبتمبر 2021، وكان
    في استقباله ...', 'since X Y came to power in September 2022, ...'): the date is that thing's, not a later
    event's. A name counts as one word."""
    named = {i: a for a, b in view.names for i in range(a, b)}   # (a name counts as one word: 'منذ وصول X Y إلى ...')
    words, i = 0, tok - 1
    while i >= 0 and words <= SAME_EVENT_WORDS:
        t = view.tokens[i]
        if t.is_word and grammar.opens_nested(t.text) and not view.boundary_between(i, tok):
            return True
        words += t.is_word
        i = named[i] - 1 if i in named else i - 1
    return False


def since_year(view: SentenceView, grammar, found, trig: Match) -> bool:
    """Does the date open with a nested word and name a year only ('since 2020', 'منذ عام 2020') while the event
    word tells a run of events (:attr:`runs`: 'carried out attacks')? The year is when the run began, no date of
    one of them (a war or a presence 'since 2009' is one standing thing: its start dates it)."""
    text = found.expression.text if found.expression is not None else ""
    return bool(text) and date_precision(found.value) == "year" and grammar.opens_nested(text.split(maxsplit=1)[0]) \
        and any(view.tokens[i].text.lower() in grammar.runs for i in range(trig.start, trig.end))


def since_last(view: SentenceView, grammar, found) -> bool:
    """Does the date open with a nested word a few words after a :attr:`firsts` phrase, in its clause ('his first
    trip abroad since 2019', 'لأول مرة منذ عام 2019')? The date is when the last such event was, no date of this one."""
    text = found.expression.text if found.expression is not None else ""
    if not grammar.firsts or not text or not grammar.opens_nested(text.split(maxsplit=1)[0]):
        return False
    tok = found.token
    for s, e in spans_of(view, grammar.firsts):   # (a loop: a generator would make the arguments cells)
        if e <= tok and view.words_between(e, tok) <= SAME_EVENT_WORDS \
                and not view.boundary_between(e, tok):
            return True
    return False


def circumstance(view: SentenceView, grammar, lo: int, hi: int) -> bool:
    """Does a :attr:`circumstance` phrase ('في وقت', 'amid') stand among tokens [lo, hi), in the clause of ``hi``? The
    event at ``hi`` is the standing circumstance of the news ('ويأتي القرار في وقت تشدد فيه الجماعة حصارها'), dated
    only by a date after its own word."""
    if grammar is None or not grammar.circumstance:
        return False
    for s, e in spans_of(view, grammar.circumstance):   # (a loop: a generator would make the arguments cells)
        if s >= lo and e <= hi and not view.boundary_between(e, hi):
            return True
    return False


def caused(view: SentenceView, grammar, trig: Match, tok: int, end: int) -> bool:
    """Is the date at tokens [tok, end) told inside a :attr:`causes` phrase ('عقب', 'إثر', 'in response to', 'in the
    wake of'): after the event's word, past such a phrase ('أنهت X عقوباتها على Y، وذلك إثر تنصيب Z في مطلع
    مارس'), or before it, in one that opens the sentence and a comma away from the event ('In the wake of the vote
    held on 9 March, X received Y')? The date is the cause's, not the event's."""
    if grammar is None or not grammar.causes:
        return False
    spans = spans_of(view, grammar.causes)
    if tok >= trig.end:
        return any(trig.end <= s and e <= tok for s, e in spans)
    return any(e <= tok and view.words_between(0, s) <= 1 for s, e in spans) and comma_between(view, end, trig.start)


def reported(view: SentenceView, dates, trig: Match):
    """The day of a report tag that closes the sentence after the event, a comma away from it: a speech verb with
    a day at most :data:`REPORT_WORDS` words after it and no clause opened past it ('X pulled its troops out of Y,
    the two ministries announced in a joint communique on Sunday'; '...، حسبما أعلنت الحكومة مساء الجمعة'). The event
    is that day's news. Not a report's publication ('according to a report published on Sunday': no speech verb),
    nor a tag that opens what it says ('..., and Z said on Monday that ...'). Returns the date found, or None."""
    for sm in view.speech:
        if sm.payload != SPEECH or sm.start < trig.end or view.opens_clause(sm.end, len(view.tokens)) \
                or not comma_between(view, trig.end, sm.start):
            continue
        for found in dates:
            if found.value and len(found.value) == 10 and found.token >= sm.end \
                    and view.words_between(sm.end, found.token) <= REPORT_WORDS \
                    and not comma_between(view, sm.end, found.token):
                return found
    return None


def recalled(view: SentenceView, grammar, triggers, trig: Match, framed, index: int) -> str | None:
    """The date of the occasion the sentence recalls: a :attr:`recalled` phrase right before an event word ('وقرر
    الاتحاد، خلال تلك القمة، رفع العقوبات عن Y', 'During that visit, X signed ...'), in the event's clause, names an event
    told before; its date is the one last told beside a word of its type (``framed``: type -> (date, sentence)), at most
    :data:`RECALL_SENTENCES` sentences back. So does a :attr:`restating` noun in the event's own words ('ISWAP later
    claimed the attack', 'وأعلن الرئيس تنفيذ الضربات ضد ...': the attack, the strikes told dated before). None when the
    sentence recalls none."""
    if grammar is None or not (grammar.recalled or grammar.recalled_named or grammar.restating) or not framed:
        return None
    for s, e, noun in [*((s, e, next((t for t in triggers if t.start == e), None))
                         for s, e in spans_of(view, grammar.recalled)), *_named_occasions(view, grammar, triggers),
                       *((s, e, trig) for s, e in spans_of(view, grammar.restating) if trig.start - 1 <= s
                         and e <= trig.end)]:
        told = framed.get(noun.payload.type) if noun is not None else None
        if told is not None and index - RECALL_SENTENCES <= told[1] < index \
                and not view.boundary_between(min(s, trig.start), max(e, trig.start)):
            return told[0]
    return None


def _named_occasions(view: SentenceView, grammar, triggers):
    """(start, end, event word) of each :attr:`recalled_named` phrase that opens the sentence before an event noun a
    name makes definite, the whole set off by a comma ('وفي قمة نيامي، وقع ...', 'At the Niamey summit, the
    leaders signed ...'): the sentence recalls that event, told before."""
    for s, e in spans_of(view, grammar.recalled_named):
        if view.words_between(0, s):
            continue
        for t in triggers:
            after = next((b for a, b in view.names if a == t.end), None) if t.start == e else (
                t.end if any(a == e and b == t.start for a, b in view.names) else None)
            if after is not None and after < len(view.tokens) and view.tokens[after].text in view.commas:
                yield s, e, t


FRONTED_WORDS = 10  # words between a fronted phrase and its noun ('Speaking at the fourth joint commission meeting')


def fronted(view: SentenceView, grammar, trig: Match, found) -> bool:
    """Is the event at ``trig`` the occasion a :attr:`fronted` phrase opening the sentence names, the phrase closed by
    a comma, and the day ``found`` told in the main clause after it, no other comma or clause opener between ('Speaking
    at the joint commission meeting held in Accra, X stressed ... on Thursday', 'وفي كلمة له خلال اجتماع اللجنة
    المشتركة، أكد X يوم الخميس ...')? The main clause is told at that occasion: its day is the occasion's."""
    if grammar is None or not grammar.fronted or not found.value or len(found.value) != 10:
        return False
    comma = next((i for i in range(trig.end, found.token) if view.tokens[i].text in view.commas), None)
    return comma is not None and not comma_between(view, comma + 1, found.token) \
        and not view.opens_clause(comma + 1, found.token) and any(
            not view.words_between(0, s) and e <= trig.start and view.words_between(e, trig.start) <= FRONTED_WORDS
            and not comma_between(view, e, trig.start) for s, e in spans_of(view, grammar.fronted))


def sets_apart(view: SentenceView, grammar) -> bool:
    """Does the sentence open with a :attr:`turns` or :attr:`contrasts` phrase ('لكن واشنطن تحاول ...', 'إلى ذلك،
    ...')? It sets what it tells against the news before: no undated event of it goes on with that news' date."""
    if grammar is None or not (grammar.turns or grammar.contrasts):
        return False
    return once(view, "sets_apart", lambda: any(
        not view.words_between(0, s) for s, _ in spans_of(view, (*grammar.turns, *grammar.contrasts))))


def turned(view: SentenceView, grammar, lo: int, hi: int) -> bool:
    """Does a :attr:`turns` phrase ('إلى ذلك', 'meanwhile') stand among tokens [lo, hi): the sentence turns to other
    news there ('قرر المجلس اليوم الجمعة إنهاء ...، إلى ذلك، اتهم X Y ...'), and a date on one side is not the news
    told on the other?"""
    return bool(grammar is not None and grammar.turns) and any(
        lo <= s and e <= hi for s, e in spans_of(view, grammar.turns))


def deadline(view: SentenceView, grammar, found) -> bool:
    """Does a :attr:`deadlines` word open the date ``found`` (its cue, 'until 15 September', or the word right before it,
    'بحلول 31 يناير')? The date is a limit set ('has until ... to leave'), not when a fact happened."""
    if grammar is None or not grammar.deadlines:
        return False
    first = found.expression.text.split(maxsplit=1)[0].lower() if found.expression.text else ""
    ago = (found.expression.reading.offset or 0) < 0   # 'قبل يومين', two days ago: its 'قبل' sets no limit
    return first in grammar.deadlines and not ago or found.token > 0 and view.lows[found.token - 1] in grammar.deadlines


def joined(view: SentenceView, grammar, trig: Match, at: int) -> bool:
    """Is the lasting tie at ``trig`` told as the way the event at token ``at`` was done: a :attr:`joined` phrase that
    opens its words ('نفذت X ضربات جوية ... بناء على طلب Y', 'flew strikes ... at the request of Y'), after that event
    in its clause (no clause opened or closed between)? The help given is that event's, on its day."""
    if grammar is None or not grammar.joined or not 0 <= at < trig.start:
        return False
    return any(trig.start - 1 <= s < trig.end for s, _ in spans_of(view, grammar.joined)) \
        and not view.boundary_between(at, trig.start) and not view.opens_clause(at, trig.start)


def earlier_own(view: SentenceView, grammar, found):
    """The background cue that tells its clause's own verb as earlier (:attr:`earlier`: 'كانت X قد', 'had already'),
    right after the date ``found`` and a comma that sets it off, no word but the subject's name between ('منتصف يونيو
    2023، كانت الإمارات قد وقعت ...', 'In mid-June 2023, the UAE had already signed ...'): (start, end) of the cue, whose
    event the date is, else None."""
    if grammar is None or not grammar.earlier:
        return None
    tokens, end = view.tokens, found.end
    if end >= len(tokens) or tokens[end].text not in view.commas:
        return None
    named = {i for a, b in view.names for i in range(a, b)}
    for sm in view.speech:
        if sm.payload == BACKGROUND and sm.start > end and view.lows[sm.start] in grammar.earlier \
                and sum(1 for i in range(end + 1, sm.start) if tokens[i].is_word and i not in named) <= 1 \
                and not comma_between(view, end + 1, sm.start):
            return sm.start, sm.end
    return None
