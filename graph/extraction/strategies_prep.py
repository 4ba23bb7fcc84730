"""The ``prep`` strategy: the actor one of a slot's prepositions introduces after the trigger ('met with X',
'رسالة من الرئيس، X، إلى Y'), looked for past a subject that follows the verb, its title and its asides.

Registered in graph.extraction.strategies (``STRATEGIES["prep"]``); kept here with the walk it needs
(``_within_reach``: the first actor after a preposition, past title words) so that the registry stays small.
"""
from __future__ import annotations

from ..matcher import Match
from ..schema.compiled import Slot
from .coordination import list_end
from .memory import Memory
from .non_subjects import at_seat
from .sentence import group_origin, Mention, Scene
from .strategies_context import (_first_person, _past_frame, _past_venue, after_place, held, heads_opener, included,
                                 included_after, names_place)
from .tellers import attributions as _attributions

PREP_MAX = 8   # words a prep slot looks past when it gives no max
PAST_REACH = 16   # tokens of a phrase a prep slot's ``past`` word opens ('من الرئيس، X،') before its preposition


def prep(scene: Scene, slot: Slot, trig: Match, source: Mention | None, emitted: tuple,
         memory: Memory) -> list[Mention]:
    """The actor after one of the slot's prepositions ('مع', 'ب'), written apart or attached."""
    for m in scene.mentions:   # (a loop: the walk's comprehensions make its locals cells, made at every call)
        if m.start >= trig.end:
            return _prep(scene, slot, trig, source)
    return []   # (every mention it could find stands after the trigger)


def _prep(scene: Scene, slot: Slot, trig: Match, source: Mention | None) -> list[Mention]:
    view = scene.view
    limit = PREP_MAX if slot.max is None else slot.max
    tokens, grammar = view.tokens, view.grammar
    n_tokens = len(tokens)
    # after a subject that follows the verb ('أثنى رئيس ... غويتا على ...'), look after the subject,
    # and after an aside that follows it ('وأشاد بولس، في تصريحات للصحفيين، بـ...')
    i = trig.end
    if source is not None and source.start >= trig.end and source.how != "subject" and not _first_person(view, trig):
        fronted = _before_subject(scene, slot, trig, source)
        if fronted is not None:
            return [fronted]
        i = list_end(scene, source)   # past the subject's conjuncts ('أشاد وزراء خارجية A وB وC، ...، بـ')
        several = i > source.end
        while i < len(tokens) and i in view.title_tokens and tokens[i].text[:1] not in slot.preps \
                and tokens[i].text.lower() not in slot.preps:
            i += 1   # the subject's title ('التقى X وزير الخارجية، اليوم، مع ...'), not the object's ('بالرئيس')
        i = _past_frame(view, slot, i)   # 'اتفق X خلال زيارة له إلى Y، مع Z'
        if i + 1 < len(tokens) and tokens[i].text in view.commas:
            dated = _date_at(scene.dates, i + 1)
            nxt = tokens[i + 1].text
            named = scene.by_start.get(i + 1) or scene.by_start.get(i + 2)   # (past a place head: 'للعاصمة Y')
            clitic = (glued := grammar.glued_preposition(nxt)) != "" and glued in slot.preps
            if nxt.lower() in slot.preps or clitic or named is not None and named.intro == nxt[:1] and nxt[:1] in slot.preps:
                i += 1   # 'ترأس الاجتماع X، بحضور ...', 'زيارة الوزير، X، للعاصمة Y', 'أشاد X، بالدعم ...'
            elif dated is not None:   # a date is an aside, its closing comma or none: 'وصل X، صباح الأحد إلى Y'
                i = dated + (dated < len(tokens) and tokens[dated].text in view.commas)
                if i == dated:   # the aside goes on to where, up to its comma ('استقبل X، اليوم بالقصر في Z، وزير Y')
                    i = _past_where(scene, slot, i)
                elif (where := _past_where(scene, slot, i)) < n_tokens and view.lows[where] in slot.preps:
                    i = where   # a place aside of its own after the day's: 'وقع X، اليوم، في مدينة Z، مع Y'
            else:
                close = _next_comma(view, i + 1, min(len(tokens), i + 8))
                # (no closing comma: the comma closed the subject's list and its object follows, 'وقعت دول، مثل A
                # وB، اتفاقيات مع Y')
                i = close + 1 if close is not None else i + several
    if i == trig.end and i + 1 < len(tokens) and tokens[i].text in view.commas \
            and (dated := _date_at(scene.dates, i + 1)) is not None:   # 'X وصل، يوم الأحد، إلى Y': the day an aside
        i = dated + (dated < len(tokens) and tokens[dated].text in view.commas)
        i = _past_where(scene, slot, i) if i == dated else i
    if i == trig.end and i + 1 < len(tokens) and tokens[i].text in view.commas \
            and grammar.glued_preposition(tokens[i + 1].text) in slot.preps:
        i += 1   # a lone comma between the noun and its object's attached preposition ('أجرى X اتصالا، بالوزير Y')
    if i == trig.end and i < len(tokens):
        i = _past_frame(view, slot, i)   # 'X agreed, during a visit to Y, with Z'
    if i == trig.end and view.lows[i - 1] in slot.preps:
        listed = included_after(scene, i, slot.reach)   # the trigger holds it: 'withdrawals from several nations,
        if listed is None and slot.via:                 # including A, B and C'; 'from several camps in A'
            listed = _within_reach(scene, i, slot.reach, slot.via)
            listed = listed if listed and set(view.lows[i:listed.start]) & set(slot.via) else None
        if listed is None and view.lows[i - 1] not in view.grammar.actor_heads_of_prepositions:
            # 'ضربات ضد تنظيم X في Y': the object of the trigger's own preposition, before another's ('of': partitive)
            first = _within_reach(scene, i, slot.reach)   # (title words, ranks, the title's state count none: 'by His
            near = first and free_words(scene, i, first.start) <= 2   # Excellency X', "by Togo's minister X")
            # (or the name the trigger's own preposition introduces past a title and its state: 'مع الرئيس التشادي، X')
            own = first is not None and first.intro == view.lows[i - 1] and first.start > i
            listed = first if first and (not first.intro or own) and near and not view.opens_clause(
                i, first.start) and not first.clitic and (slot.places or not names_place(view, first)) else None
        if listed is not None:
            return [listed]
    seen = 0
    preps, by_start, commas, bounds = slot.preps, scene.by_start, view.commas, view.boundary_positions()
    conjunctions, clitic_preps = grammar.conjunction_clitics, grammar.clitic_prepositions
    heads_preps = grammar.actor_heads_of_prepositions
    n = len(tokens)
    while i < n and seen <= limit:
        token = tokens[i]
        tok = token.text
        bare = tok[1:] if tok[:1] in conjunctions and tok[1:] in preps else tok
        mention_here = by_start.get(i)
        if mention_here is not None and mention_here.intro in preps:
            if slot.places or not names_place(view, mention_here):
                return [mention_here]
            i = after_place(scene, mention_here)   # 'قمة بالعاصمة الغانية أكرا': where, not whom
            continue
        clitic_prep = (mention_here is None and tok[:1] in preps and tok[:1] in clitic_preps and len(tok) > 3)
        low = view.lows[i] if bare is tok else bare.lower()
        # 'كل من' ("each of") is no 'from', nor past a clitic preposition ('الانسحاب لكل من A وB': A and B leave)
        prev = view.lows[i - 1] if i > 0 else ""
        heads = i > 0 and low in heads_preps and grammar.each_head(prev)
        if token.is_word and low in preps and i > trig.end and view.lows[i - 1] in grammar.adverbial_heads:
            break   # 'شنت غارة بناء على طلب X في Y': a fixed adverbial closes the trigger's phrase (adverbial)
        if token.is_word and low in slot.past:
            # the sender's phrase with its apposition ('رسالة من الرئيس، X، إلى Y'): on to the slot's preposition
            nxt = _next_of(view.lows, preps, i + 1, min(n, i + PAST_REACH))
            if nxt is not None and not view.boundary_between(i, nxt):
                i = nxt
                continue
        if token.is_word and (low in preps or clitic_prep) and not heads:
            start = i + 1 if low in preps else i
            found = _within_reach(scene, start, slot.reach, slot.via + (low, tok[:1]))
            if found and not slot.places and names_place(view, found):
                i = after_place(scene, found)   # 'قمة بالعاصمة الغانية أكرا': where, not whom
                continue
            if found and at_seat(view, found):   # 'بمقر الاتحاد الأفريقي': the body's seat is where, no party;
                close = _next_comma(view, found.end, min(n, found.end + 8))   # the verb's object after that aside
                named = _within_reach(scene, close + 1, slot.reach) if close is not None else None
                if named is not None and not named.intro:
                    return [named]
                i = found.end if close is None else close + 1
                continue
            if found:
                return [found]
        if tok in commas and i + 1 < n and _own_phrase(view, slot, _past_venue(view, i + 1)):
            i = _past_venue(view, i + 1)   # 'اجتماع عقدوه في X، بمشاركة Y': the rule's own phrase word, set off by
            continue                       # a comma, still joins (past a venue aside: '، على هامش ...، برئاسة Y')
        if i in bounds or tok in commas:
            break   # a comma ends the search once a preposition led nowhere ('بجهودها في ...، وعلى رأسها')
        if token.is_word and not (scene.dates and _in_date(scene.dates, i)):
            seen += 1   # a date is an aside ('وصل X ... اليوم الثلاثاء 23 يناير 2024 إلى موسكو')
        i += 1
    return []


def _before_subject(scene: Scene, slot: Slot, trig: Match, source: Mention) -> Mention | None:
    """'وصل إلى أكرا صباح الأحد، الوزير X': the object the slot's preposition introduces right on the verb,
    before the subject that follows it (verb, object, subject; rulesAR3, b238_06)."""
    view = scene.view
    at = trig.end + (trig.end < source.start and view.lows[trig.end] in slot.preps)
    m = scene.by_start.get(at)
    if m is None or m.start >= source.start or m.intro not in slot.preps or (at == trig.end and not m.clitic):
        return None
    return m if slot.places or not names_place(view, m) else None


def _date_at(dates, i: int) -> int | None:
    """Where the date expression at token i ends (past its first token), or None."""
    for d in dates:
        if d.token == i:
            return d.stop
    return None


def _in_date(dates, i: int) -> bool:
    for d in dates:
        if d.token <= i < d.stop:
            return True
    return False


def _past_where(scene: Scene, slot: Slot, i: int) -> int:
    """Past a place phrase that goes on from a date aside to its comma, when no word of the slot's prepositions or
    actor it introduces stands before that comma ('وصل X، صباح الأحد إلى Y' keeps its 'إلى')."""
    view = scene.view
    close = _next_comma(view, i, min(len(view.tokens), i + 8))
    nxt = view.lows[close + 1] if close is not None and close + 1 < len(view.tokens) else ""
    again = view.grammar.glued_preposition(nxt)
    if close is None or any(view.lows[k] in slot.preps or (m := scene.by_start.get(k)) is not None
                            and m.intro in slot.preps and m.intro != again for k in range(i, close)):
        return i   # (the same clitic preposition again after the comma: the first named where, 'أمس ببانجول، بدعم')
    return close + 1


def _next_comma(view, lo: int, hi: int) -> int | None:
    return _next_of(view.lows, view.commas, lo, hi)


def _next_of(lows: list[str], words, lo: int, hi: int) -> int | None:
    for j in range(lo, hi):
        if lows[j] in words:
            return j
    return None


def free_words(scene: Scene, lo: int, hi: int) -> int:
    """Tokens in [lo, hi) neither title words nor held by the title's phrase."""
    view = scene.view
    return sum(j not in view.title_tokens and not held(scene, j) for j in range(lo, hi))


def _own_phrase(view, slot: Slot, i: int) -> bool:
    """Is token i one of the slot's own preposition words that no grammar lists ('بحضور', 'بمشاركة'): a phrase
    naming who took part, not a general preposition ('مع', 'في') that may open another clause's phrase?"""
    low = view.lows[i]
    return view.tokens[i].is_word and low in slot.preps and low not in view.grammar.prepositions \
        and len(low) > 1


def _within_reach(scene: Scene, start: int, reach: int, via: tuple[str, ...] = ()) -> Mention | None:
    """The first argument mention after a preposition, skipping title words."""
    view = scene.view
    count = 0
    i = start
    attributed = set(_attributions(view))   # '، وفق ما أعلنت X', '..., X said': the reporter
    while i < len(view.tokens) and count <= reach and i not in attributed:
        m = scene.by_start.get(i)
        if m is not None:
            if m.key not in scene.modifiers and (i == start or not m.intro or m.intro in via) \
                    and not group_origin(scene.mentions, m, view):   # ('... بمجموعة فاغنر الروسية': the group's origin)
                return m
            i = m.end
            if m.key in scene.modifiers and (holder := _holder_after(scene, i)) is not None:
                return holder   # 'لرئيس المجلس في جمهورية X، الجنرال Y': the title's holder past its state
            continue
        if heads_opener(scene, i):
            i += 2   # 'في كل من A وB' ("in each of"): the list's opener, no words of the phrase
            continue
        listed = included(scene, i)   # 'from several nations, including A, B and C'
        if listed is not None or view.is_boundary(i):
            return listed
        title_state = scene.by_start.get(i + 1)
        if title_state is not None and title_state.key in scene.modifiers and i > start \
                and (holder := _holder_after(scene, title_state.end)) is not None:
            return holder   # 'لرئيس المجلس الانتقالي في جمهورية X، الجنرال Y': the title's state is the post's
        if i > start and view.lows[i] in view.grammar.prepositions and view.lows[i] not in via and i - 1 not in view.title_tokens \
                and view.lows[i] not in view.grammar.actor_heads_of_prepositions and getattr(scene.by_start.get(i + 1), "intro", True) \
                and not held(scene, i):   # (a post's own phrase goes on: 'مع السفير الإيراني لدى Y، X')
            # 'بالخروج من الاتحاد على خطى تشاد': a noun's own phrase ends where another opens ('عدد من', 'of' and a head's 'المسؤولين في X' go on)
            return None
        if view.tokens[i].is_word and i not in view.title_tokens:
            count += 1
        i += 1
    return None


def _holder_after(scene: Scene, i: int) -> Mention | None:
    """The holder of a title named after a comma that closes the title's state ('لرئيس ... في X، الجنرال Y'):
    the mention that took the title's preposition, past rank words only (rulesBQ4, b355_04)."""
    view = scene.view
    if i >= len(view.tokens) or view.tokens[i].text not in view.commas:
        return None
    for j in range(i + 1, min(len(view.tokens), i + 4)):
        m = scene.by_start.get(j)
        if m is not None:
            return m if m.intro and m.key not in scene.modifiers and m.kind == "person" else None
        if j not in view.title_tokens:
            return None
    return None
