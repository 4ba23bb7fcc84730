"""Plural titles and the lists of holders they introduce ('وزراء خارجية A X، وB Y', 'leaders included A's X
and Y of B'): each person holds the title for his state. Split from :mod:`graph.extraction.roles`.
"""
from __future__ import annotations

from ..matcher import Match
from .role_holding import RANK, RolePhrase
from .sentence import Mention, SentenceView

__all__ = ["coordinated", "distributed", "listed_holders", "paired"]


def distributed(view: SentenceView, tm: Match, first: Mention, by_start, kinds, ends,
                demonyms: bool = False) -> list[RolePhrase]:
    """'وزراء خارجية بوركينا فاسو X، ومالي Y، والنيجر Z': after a plural title's first holder, each state joined
    by a conjunction and followed by a person (its ranks and a first name the gazetteer leaves out between,
    'والنيجر الجنرال سيلستين Y') gives that person the title of that state, as does a state set off by commas
    ('Governors of A, X, B, Y'), or one its preposition opens after a conjunction clitic ('نظراؤه من A، X، ومن
    B، Y'). After a singular title only a
    demonym stands for the title it leaves out ('الرئيس الرواندي X، والغامبي Y'): ``demonyms``."""
    out, k = [], first.end
    while k < len(view.tokens):
        parted = k
        while k < len(view.tokens) and view.tokens[k].text in view.commas:
            k += 1
        joined = k < len(view.tokens) and view.tokens[k].text.lower() in view.conjunctions
        state = by_start.get(k + 1 if joined else k)
        if state is None and not demonyms and k + 1 < len(view.tokens) \
                and view.lows[k][:1] in view.grammar.conjunction_clitics:
            # 'نظراؤه من A، X، ومن B، Y': the state's own preposition after the conjunction clitic opens the item
            state = by_start.get(k + 1)
            joined = state is not None and bool(state.intro) and view.lows[k][1:] == state.intro
        # ('Governors of A, X, B, Y'): after a plural title, a state between commas opens the next item too
        listed = not demonyms and k > parted and state is not None and state.end < len(view.tokens) \
            and view.tokens[state.end].text in view.commas
        if state is None or state.kind == "person" or not (joined or listed or state.clitic[:1] in view.conjunctions) \
                or demonyms and state.how != "adjective":
            break
        after = state.end
        while after < len(view.tokens) and view.tokens[after].text in view.commas and not demonyms:
            after += 1   # the state's holder set off by commas ('the ambassadors of A, X, and B, Y')
        person = by_start.get(_past_rank(view, after, kinds, ends, by_start))
        if person is None or person.kind != "person":
            break
        out.append(RolePhrase((tm.start, tm.end), person, state, False, (state.start, person.end)))
        k = person.end
    return out


def _past_rank(view: SentenceView, k: int, kinds, ends, by_start) -> int:
    """Where the person after a state in a list starts: past its ranks, and past a first name the gazetteer
    leaves out ('اللواء أحمد ديالو')."""
    while k in kinds and kinds[k] == RANK:
        k = ends[k]
    if k + 1 < len(view.tokens) and k not in by_start and view.tokens[k].is_word and k + 1 in by_start:
        k += 1
    return k


#: words after a plural title's phrase within which its list opener may stand ('وزراء ... للدول الأعضاء في
#: تحالف دول الساحل، ويتعلق الأمر بـ')
LISTED_REACH = 12


def listed_holders(view: SentenceView, tm: Match, end: int, kinds, ends, by_start) -> list[RolePhrase]:
    """'وزراء الخارجية ...، ويتعلق الأمر بالسيد X عن بوركينا فاسو، والسيد Y عن مالي', 'وزراء الدفاع؛ المالي
    الجنرال X، والبوركينابي الجنرال Y': a plural title with no holder of its own, then (after a list opener or
    a separator) a list of persons, each with its state before it or after a preposition ('عن مالي'), or
    none (the person's gazetteer role): each person holds the title."""
    tokens, grammar = view.tokens, view.grammar
    k, n = end, len(tokens)
    opener = None
    for j in range(end, min(n, end + LISTED_REACH)):   # the rest of the title phrase, then the opener
        if j in by_start and by_start[j].kind == "person":
            break
        opener = next((w for w in grammar.list_openers if tuple(view.lows[j:j + len(w)]) == w), None)
        if opener is not None:
            k = j + len(opener)
            break
    if opener is None:
        while k < n and not tokens[k].is_word and k < end + 2:
            k += 1   # '،', '؛'
    out: list[RolePhrase] = []
    while k < n:
        start = k
        while k < n and (tokens[k].text in view.commas or tokens[k].text in grammar.item_separators):
            k += 1   # ('X of A; Y of B')
        if out and k == start and tokens[k].text.lower() not in view.conjunctions \
                and tokens[k].text[:1] not in grammar.conjunction_clitics:
            break   # the next item comes after a comma or a conjunction
        if k < n and tokens[k].text.lower() in view.conjunctions:
            k += 1
        state = by_start.get(k)
        owner = grammar.possessive_at(tokens, state.end, any_case=True) if state is not None else ()
        if state is not None and (state.kind == "person" or state.intro and state.intro != "".join(owner)):
            state = None   # ('Sierra Leone's X': a state's possessive opens its item)
        k = state.end + len(owner) if state is not None else k
        k = _past_rank(view, k, kinds, ends, by_start)
        person = by_start.get(k)
        if person is None or person.kind != "person":
            break
        if person.end + 1 < n and tokens[person.end].text in view.commas and person.end + 1 in view.title_tokens:
            break   # ': X، وزير خارجية A؛ Y، ...': each person has a title of its own (read as an apposition)
        after = by_start.get(person.end)
        if after is None and person.end < n and person.end not in by_start:
            after = by_start.get(person.end + 1)   # the preposition written apart ('عن مالي')
            after = after if after is not None and after.intro == view.lows[person.end] else None
        if state is None and after is not None and after.kind == "country" and after.intro \
                and after.intro not in grammar.locatives:
            state = after   # 'X عن بوركينا فاسو'
        elif not opener and state is None:
            break   # no opener: each item names its state, first ('المالي الجنرال X') or after ('X of A; Y of B')
        k = max(person.end, state.end if state is not None else 0)
        out.append(RolePhrase((tm.start, tm.end), person, state, False, (start, k)))
    return out


#: plain words (the second portfolio) at most between the conjunction and a dual title's second holder ('وزيري
#: الدفاع X والطاقة والموارد الطبيعية Y')
PAIR_GAP = 4


def paired(view: SentenceView, tm: Match, first: Mention, affiliation: Mention | None, by_start, kinds,
           ends) -> RolePhrase | None:
    """'نائبا وزير الدفاع الروسي X وY', 'نائبي وزير الدفاع، الجنرال X والجنرال Y', 'وزيري الدفاع X والطاقة Y': the
    person a conjunction joins to a dual title's first holder (ranks, or a few words of his own portfolio, between)
    holds the title too, with the phrase's affiliation (none: his gazetteer role). Another title, a body or a
    punctuation mark between ends the pair."""
    tokens, k, n = view.tokens, first.end, len(view.tokens)
    if k >= n:
        return None
    second = by_start.get(k + 1)
    if tokens[k].text in view.commas and (first.start > 0 and tokens[first.start - 1].text in view.commas or (
            second is not None and second.kind == "person"
            and second.clitic[:1] in view.grammar.conjunction_clitics)):
        k += 1   # the first holder set off by commas ('وزيرا الدفاع والداخلية، X، وY'), or the second glued to
        # its conjunction right after one ('رئيسا البلدين X، وY')
    joined = tokens[k].text.lower() in view.conjunctions if k < n else False
    k += joined
    words = 0
    while k < n:
        m = by_start.get(k)
        if m is not None:
            clitic = m.clitic[:1] in view.grammar.conjunction_clitics
            if m.kind != "person" or m.intro or not (joined or clitic):
                return None
            return RolePhrase((tm.start, tm.end), m, affiliation, False, (first.end, m.end))
        if k in kinds:
            if kinds[k] != RANK:
                return None   # ('X ووزير الخارجية Y': another's title)
            joined |= tokens[k].text[:1] in view.grammar.conjunction_clitics
            k = ends[k]
            continue
        word = tokens[k].text
        if not tokens[k].is_word or words >= PAIR_GAP:
            return None
        if not joined:   # the second portfolio opens with the conjunction and the article ('والطاقة')
            lead = next((c for c in view.grammar.conjunction_clitics if word.startswith(c)), "")
            if not lead or not word[len(lead):].startswith(view.grammar.article or "\0"):
                return None
            joined = True
        words += 1
        k += 1
    return None


def coordinated(view: SentenceView, tm: Match, first: Mention, states: list[Mention], by_start, serves) -> list[RolePhrase]:
    """'the Nigerien and Togolese defence ministers, X and Y (respectively)': a plural title of several joined states,
    then persons joined after it. Each person holds the title for the one listed state the gazetteer ties him to
    (``serves``); a person tied to none or to several holds nothing here (the order alone is not trusted)."""
    tokens, n = view.tokens, len(view.tokens)
    people, k = [first], first.end
    while k < n:
        j = k
        while j < n and (tokens[j].text in view.commas or tokens[j].text.lower() in view.conjunctions):
            j += 1
        m = by_start.get(j)
        if j == k or m is None or m.kind != "person":
            break
        people.append(m)
        k = m.end
    out = []
    for person in people:
        tied = [s for s in states if serves(view, person, s)]
        if len(tied) == 1:
            out.append(RolePhrase((tm.start, tm.end), person, tied[0], False, (tm.start, person.end)))
    return out
