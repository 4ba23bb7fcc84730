"""Stage 2: title appositions ('وزير الخارجية المالي عبد الله ديوب', 'Landau, Deputy Secretary of State').

A title phrase yields HOLDS_ROLE (person -> the affiliation inside the phrase,
else the person's gazetteer role), and marks the mentions inside it as
*modifiers*: they describe the person and are no argument of other relations.
The words of ``titles.yaml`` arrive as matches whose payload is one of
:data:`TITLE_WORDS`' values.
"""
from __future__ import annotations

import functools
from typing import Mapping, NamedTuple, Sequence

from ..documents import normalize_arabic
from ..matcher import PREFIX, Match
from .mentions import intro_of
from .role_holding import (CANCEL, COUNTERPART, NOT_TITLE, OUSTING, RANK, ROLE_RULE_ID, TITLE, TITLE_WORDS,
                           RolePhrase, holds_role)
from .role_lists import coordinated, distributed, listed_holders, paired
from .sentence import Mention, SentenceView, comma_between
from .title_phrase import DOT, after_title, is_dual, is_plural, ousted_before, removed_after

__all__ = ["RolePhrase", "TitleReading", "read_titles", "holds_role", "ROLE_RULE_ID", "TITLE_WORDS", "OUSTING",
           "NOT_TITLE"]


class TitleReading(NamedTuple):
    """What the titles of a sentence say: phrases, mentions that describe holders, holders' prepositions."""

    phrases: tuple[RolePhrase, ...]
    modifiers: frozenset[int]            # keys of mentions inside a phrase that has a holder
    holder_intros: Mapping[int, str]     # holder key -> the title's preposition

    def introduce_holders(self, mentions: tuple[Mention, ...]) -> tuple[Mention, ...]:
        """'مع وزير الخارجية ... ديوب': the name takes the preposition of its title."""
        if not self.holder_intros:
            return mentions
        return tuple(m.replaced(intro=self.holder_intros[m.key]) if m.key in self.holder_intros else m
                     for m in mentions)


def read_titles(view: SentenceView, matches: Sequence[Match], mentions: Sequence[Mention], window: int,
                trigger_starts=frozenset()) -> TitleReading:
    """Every title phrase of the sentence, with its holder (after it, or a person just before) and affiliation."""
    if not matches:   # (most sentences)
        return TitleReading((), frozenset(_described(view, mentions, {}, {})), {})
    return _titled(view, matches, mentions, window, trigger_starts)


def _titled(view: SentenceView, matches: Sequence[Match], mentions: Sequence[Mention], window: int,
            trigger_starts) -> TitleReading:
    """read_titles of a sentence with titles (apart: its closures make its locals cells, made at every call)."""
    kinds = {m.start: m.payload for m in matches}
    ends = {m.start: m.end for m in matches}
    by_start = {m.start: m for m in mentions}
    # "Mali's Foreign Minister", 'US envoy': in some languages the affiliation may stand before the title
    before_ok = view.grammar.affiliation_before_title(view.doc.lang)
    phrases: list[RolePhrase] = []
    modifiers: set[int] = set()
    intros: dict[int, str] = {}
    consumed = -1
    counterparts = {m.start for m in matches if m.payload == COUNTERPART}
    for tm in matches:
        if tm.start < consumed:
            continue
        if tm.payload not in (TITLE, COUNTERPART) and not (tm.payload == RANK and (
                _possessor_before(view, tm.start, mentions) if before_ok else _demonym_after(tm, by_start))):
            continue   # 'Nigerien General X', 'الجنرال الأميركي X': a rank beside an affiliation is a title
        named = by_start.get(tm.start)
        if named is not None and named.kind == "person" and named.end > tm.end and tm.payload == TITLE:
            # 'King Mohammed VI': a name the gazetteer writes with its title holds it (its role in the gazetteer)
            phrases.append(RolePhrase((tm.start, tm.end), named, None, False, (tm.start, named.end)))
            consumed = named.end
            continue
        holder, inner, cancelled, end = after_title(view, tm, kinds, ends, by_start, window, trigger_starts)
        holder_before = False
        introduced = bool(intro_of(view, tm.start, tm.clitic))
        cancelled = cancelled or ousted_before(view, tm.start, kinds, ends, introduced, by_start) \
            or holder is not None and removed_after(view, holder.end, kinds)
        pre = _possessor_before(view, tm.start, mentions) if before_ok else None
        if pre is not None and any(kind == CANCEL and ends[j] == pre.start for j, kind in kinds.items()):
            cancelled = True   # 'former Nigerian President X': the cancel word before the title's state
        elif before_ok and any(kind == CANCEL and ends[j] == tm.start for j, kind in kinds.items()):
            cancelled = True   # 'the former trade and industry minister, X': a cancel word right before the title
        if holder is not None and holder.start > end and _set_off(view, tm.start) \
                and _person_before(view, tm, kinds, mentions, pre) is not None:
            holder = None   # 'X, the commander of Y, Z, ...': an article after a comma makes the title X's, not Z's
        if holder is not None and holder.start > end and comma_between(view, end, holder.start) \
                and tm.clitic[:1] not in view.grammar.conjunction_clitics \
                and _titled_after(view, holder, matches) and (named := _person_before(
                    view, tm, kinds, mentions, pre)) is not None and comma_between(view, named.end, tm.start):
            holder = None   # 'X، وزير ...، الدكتور Y، وزير ...': Y has his own title set off after him; this is X's
        if holder is not None and holder.start > tm.end and pre is None \
                and any(k in (RANK, TITLE) and tm.end <= j and ends[j] == holder.start for j, k in kinds.items()) \
                and _titled_after(view, holder, matches, bare=True) and (named := _person_before(
                    view, tm, kinds, mentions, pre)) is not None and named.end == tm.start:
            holder = None   # 'X وزير ... السفير Y سفير ...': a rank or title opens Y, his own title after him: X's
        if holder is not None and (_joined_next(view, tm.end, holder, kinds, ends) or any(
                _joined_next(view, m.end, holder, kinds, ends) for m in inner if m.kind != "person")) \
                and _person_before(view, tm, kinds, mentions, pre) is not None:
            # 'X, Force Commander and Brig Gen Y, ...', 'X، وزير التجارة السنغالي و Y، رئيس ...' (after the title's
            # state): the name 'and' joins is another
            holder = None
        if holder is not None and holder.start > tm.end and pre is None \
                and _title_before(view, holder.start, kinds, ends) > tm.start:
            named = _person_before(view, tm, kinds, mentions, pre)
            if named is not None and comma_between(view, named.end, tm.start):
                holder = None   # 'X، المتحدث باسم الرئيس Y': the name right after a second title is that one's
        elif holder is not None and holder.start > tm.end and pre is None and (named := _person_before(
                view, tm, kinds, mentions, pre)) is not None and comma_between(view, named.end, tm.start) and (
                cut := _inner_title(view, tm, holder, matches, kinds, ends, by_start, window, trigger_starts)) >= 0:
            # ... also where that title's state stands between it and the name ('X، مستشار الرئيس الغاني Y'): X
            # holds the first title, its phrase ending where the second begins (whose state is not X's own)
            holder, end = None, cut
            inner = [m for m in inner if m.end <= cut]
        if holder is None and not introduced and tm.payload != COUNTERPART:   # a counterpart is someone else
            before = _person_before(view, tm, kinds, mentions, pre)
            if before is not None and (not any(p.holder is not None and p.holder.key == before.key and not (
                    not tm.clitic and comma_between(view, before.end, tm.start)) for p in phrases)
                    or not tm.clitic and _role_in(view, before, inner)):
                # 'رئيس الوزراء علي الأمين زين سفير الصين': the ambassador is someone else; 'نظيره X، الرئيس الحالي
                # لـY', 'الرئيس المالي X، الرئيس الدوري للتحالف': a second title after a comma is his too (not
                # 'نظيره X، ورئيس البرلمان'); nor one right after his name, unless the gazetteer gives him a role
                # in the title's body ('الرئيس X رئيس الاتحاد الأفريقي' for a head of state chairing the union)
                holder, holder_before = before, True
        by_pronoun = None
        if _suffixed(view, tm, matches):
            # 'استدعت تشاد سفيرتها': 'her ambassador' is the ambassador of the actor named before
            before = [m for m in mentions if m.end <= tm.start and m.kind != "person" and m.entity
                      and m.how != "pair"]
            pre = before[-1] if before else None
            if pre is not None and pre.how == "adjective" and len(before) > 1 and before[-2].end == pre.start:
                pre = before[-2]   # 'مجموعة فاغنر الروسية ... قائدها': its leader is the group's, not Russia's
            by_pronoun = pre
            if holder_before and pre is not None and pre.end <= holder.start:
                # 'X، وزيرة الخارجية في Y': a title set off after a name is that name's; its ending (ة, written
                # as ه) is no pronoun pointing back past the name
                pre = by_pronoun = None
        if pre is not None:
            inner.insert(0, pre)
        inner = [m for m in mentions if m.kind != "person" and tm.start <= m.start < tm.end
                 and m not in inner] + inner   # 'رئيس المجلس العسكري في النيجر': a title word starts a name
        affiliation = next((m for m in inner if m.kind != "person"), None)
        dual, plural = is_dual(view, tm), is_plural(view, tm)
        if holder is not None and not holder_before and affiliation is not None and holder.start >= end \
                and not introduced and tm.payload == TITLE:
            before = _person_before(view, tm, kinds, mentions, pre)
            if before is not None and _serves(view, before, affiliation) and not _serves(view, holder, affiliation):
                # 'X, President of Togo, His Excellency Y, President of ...': a title of X's state between two
                # names is X's, not the next one's
                holder, holder_before = before, True
        if affiliation is None and holder is not None and not dual and (
                plural or " ".join(view.lows[tm.start:tm.end]) in view.grammar.plural_titles):
            # 'their leaders, X and Y': a plural title with no body says whose leader no one is; written right
            # before two names joined by 'and' ('by Presidents X and Y', 'Foreign Ministers X and Y', 'Ministers of
            # Trade X and Y': the portfolio between) it names them, each by his gazetteer role
            dual = holder.start in (tm.end, end) and paired(view, tm, holder, None, by_start, kinds, ends) is not None
            holder = holder if dual else None
        if holder is not None and plural and affiliation is not None \
                and affiliation.end < holder.start and view.tokens[holder.start - 1].text == "(":
            holder = None   # 'the leaders of A (X), B (Y) and C (Z)': the states are the list, their leaders aside
        if holder_before:
            # the phrase after the name ends with its first affiliation, or with the state's name right after a
            # demonym the portfolio names ('وزير التعاون والتوغوليين بالخارج في جمهورية توغو': its nationals abroad)
            k = inner.index(affiliation) if affiliation else -1
            if affiliation is not None and affiliation.how == "adjective" and k + 1 < len(inner) \
                    and inner[k + 1].entity == affiliation.entity and inner[k + 1].how != "adjective":
                k += 1
            inner = inner[: k + 1]
            end = inner[-1].end if affiliation and affiliation.start > tm.start else tm.end
        if holder is not None and not holder_before and not intros.get(holder.key, holder.intro):
            intros[holder.key] = intro_of(view, tm.start, tm.clitic)
        if holder is None and tm.payload == COUNTERPART and affiliation is not None \
                and affiliation.intro in view.grammar.locatives and affiliation.kind == "country" \
                and affiliation.start == tm.end + 1:
            # 'met his counterparts in Togo and Benin', 'نظرائه من مالي والنيجر': the states' leaders were met
            intros.update(_states_listed(view, affiliation, mentions))
        if holder is not None:
            # the actor a suffix points back to ('عقوبات على غينيا بعد أن عزل الجيش رئيسها ألفا كوندي') is named
            # outside the phrase: it says whose title it is and stays an argument of its own clause; so does the
            # place a suffixed title's holder serves in ('استدعت X سفيرها في Y، Z': the recall is from Y, Z named
            # or not)
            modifiers.update(m.key for m in inner if m is not by_pronoun and not (
                by_pronoun is not None and m.intro in view.grammar.locatives))
            # a person the title's own words name ('سفير خادم الحرمين الشريفين X': the king's style) describes X
            modifiers.update(m.key for m in mentions if m.kind == "person" and tm.start <= m.start and m.end <= tm.end)
            consumed = max(end, holder.end if holder.start > tm.start else end)
        phrases.append(RolePhrase((tm.start, tm.end), holder, affiliation, cancelled, (tm.start, end),
                                  tm.payload == COUNTERPART))
        more = []
        if holder is not None and not holder_before and affiliation is not None and (
                plural or not cancelled):
            more = distributed(view, tm, holder, by_start, kinds, ends, demonyms=not plural)
            phrases += more
            modifiers.update(p.affiliation.key for p in more)
            consumed = max([consumed] + [p.holder.end for p in more])
        if (plural or view.lows[tm.end - 1] in view.grammar.plural_titles) and holder is not None \
                and not holder_before and not more and not cancelled \
                and len(states := _joined_states(view, pre, mentions)
                        + [m for m in inner if m.kind == "country" and m is not pre]) > 1:
            # 'the Nigerien and Togolese defence ministers, X and Y': each his own state's (role_lists.coordinated)
            more = coordinated(view, tm, holder, states, by_start, _serves)
            phrases[-1:] = more
            modifiers.update(m.key for m in states)
            consumed = max([consumed] + [p.holder.end for p in more])
        if dual and holder is not None and not holder_before and not more and not cancelled:
            second = paired(view, tm, holder, affiliation, by_start, kinds, ends)
            if second is not None:   # 'نائبا وزير الدفاع الروسي X وY': the second of the two holds it too
                phrases.append(second)
                consumed = max(consumed, second.holder.end)
        if holder is None and plural and (not introduced or end in by_start):   # ('with presidents X of A')
            more = listed_holders(view, tm, end, kinds, ends, by_start)
            phrases += more
            modifiers.update(p.affiliation.key for p in more if p.affiliation is not None)
            consumed = max([consumed] + [p.holder.end for p in more])
    clitics = {m.start: m.clitic for m in matches}
    # ('and his Togolese counterpart' is another: counterparts, above)
    phrases = _share_holders(view, [p for p in phrases], mentions, clitics, counterparts, modifiers)
    modifiers.update(_described(view, mentions, kinds, ends))
    return TitleReading(phrases, frozenset(modifiers), intros)


#: at most this many words between a demonym and the word that names who its description is ('مالي بارزا هو')
DESCRIBED_GAP = 1


def _described(view: SentenceView, mentions, kinds, ends) -> list[int]:
    """'رجل دين مالي نافذ هو الإمام X': a demonym on a common noun, then an identity word (morphology.yaml
    ``identity_openers``) and the person (ranks or titles between), describes that person: the keys of such
    demonyms."""
    openers = view.grammar.identity_openers
    if not openers or openers.isdisjoint(view.lows):
        return []   # (most sentences hold no identity word)
    by_start = {m.start: m for m in mentions}
    out = []
    for m in mentions:
        if m.kind != "country" or m.how not in ("adjective", "name") or m.start == 0 \
                or not view.tokens[m.start - 1].is_word:   # ('مالي' is Mali and Malian alike)
            continue
        for i in range(m.end, min(len(view.tokens), m.end + DESCRIBED_GAP + 1)):
            if view.tokens[i].text.lower() in openers:
                j = i + 1
                while j in kinds and kinds[j] in (RANK, TITLE):
                    j = ends[j]
                if j in by_start and by_start[j].kind == "person":
                    out.append(m.key)
                break
            if not view.tokens[i].is_word or i in by_start:
                break
    return out


#: at most this many words between two titles a conjunction joins ('ECOWAS Chair and Nigerian President X')
JOINED_GAP = 4


def _share_holders(view: SentenceView, phrases: list, mentions, clitics, counterparts, modifiers: set) -> tuple:
    """'ECOWAS Chair and Nigerian President X', 'X, Nigeria's president and ECOWAS chairman': a title with
    no holder joined by a conjunction to the next (its holder after it) or the last (its holder before it)
    is the same person's; its affiliation then describes him (a modifier)."""
    out = list(phrases)
    for k, p in enumerate(out):
        if p.holder is not None or p.cancelled or p.title[0] in counterparts:
            continue
        for q, p_first in ((out[k + 1] if k + 1 < len(out) else None, True), (out[k - 1] if k else None, False)):
            if q is None or q.holder is None or q.cancelled:
                continue
            first, second = (p, q) if p_first else (q, p)
            if p_first and q.holder.start < q.title[0] or not p_first and q.holder.end > q.title[0]:
                continue   # the holder must stand on the far side of the other title
            start = first.title[1]
            if first.affiliation is not None and start <= first.affiliation.start \
                    and first.affiliation.end <= second.title[0]:
                start = first.affiliation.end   # 'Chairman of the X Authority and President of Y, Z': past its body
            end = second.title[0]
            if second.affiliation is not None and start <= second.affiliation.start < end:
                end = second.affiliation.start   # 'ECOWAS chair and Sierra Leone's President X': before its state
            gap = range(start, end)
            conj = [i for i in gap if view.tokens[i].text.lower() in view.conjunctions]
            joined = len(conj) == 1 or (not conj and clitics.get(second.title[0], "")[:1] in view.conjunctions)
            if not joined or len(gap) > JOINED_GAP or any(not view.tokens[i].is_word for i in gap) \
                    or any(m.kind == "person" and m.start in gap for m in mentions):
                continue
            own = view.entities[q.holder.entity].country
            if p.affiliation is None:
                # 'وزير الطاقة والمعادن ورئيس مجلس إدارة X، Y': a portfolio naming no state, joined to a title whose
                # holder follows, is his too, of his own state (the gazetteer's), only in his own state's words
                if p_first and own and not conj:
                    out[k] = p._replace(holder=q.holder)
                    break
                continue
            if p_first and conj and p.affiliation.start > conj[0]:
                continue   # 'Chair and Nigerian President X': the affiliation after 'and' is the other title's
            aff = view.entities[p.affiliation.entity]
            if own and aff.kind == "country" and aff.id != own:
                continue   # 'بين الوزير الفرنسي والرئيس X' (X Chadian): another state's title is another person's
            out[k] = p._replace(holder=q.holder)
            modifiers.add(p.affiliation.key)
            break
    return tuple(out)


def _states_listed(view: SentenceView, first: Mention, mentions) -> dict[int, str]:
    """The states a counterpart title lists after its preposition, each to be read with none."""
    out, prev = {first.key: ""}, first
    for m in mentions:
        if m.start >= prev.end and m.kind == "country" and m.intro == first.intro and view.is_coordinated(prev, m):
            out[m.key], prev = "", m
    return out


def _joined_next(view: SentenceView, end: int, holder: Mention, kinds, ends) -> bool:
    """Whether the phrase ends on a conjunction word, ranks at most, then the holder found after it ('X, Force
    Commander and Brig Gen Y'): a list's next item, not the title's own name."""
    if end >= holder.start or view.lows[end] not in view.conjunctions:
        return False
    j = end + 1
    while j < holder.start and kinds.get(j) == RANK:
        j = ends[j]
    return j == holder.start


def _titled_after(view: SentenceView, holder: Mention, matches, bare: bool = False) -> bool:
    """Whether a comma and a title follow the name ('Y، وزير ...'): the name's own apposition (not one a
    conjunction joins: 'X، ووزير ...، Y، ووزير ...' is a list, each title before its name); ``bare``: the
    comma may be missing ('السفير Y سفير ...')."""
    j = holder.end
    while j < len(view.tokens) and view.tokens[j].text in view.commas:
        j += 1
    return (j > holder.end or bare) and any(m.start == j and m.payload == TITLE and m.clitic[:1] not in
                                  view.grammar.conjunction_clitics for m in matches)


def _set_off(view: SentenceView, start: int) -> bool:
    """Whether a title opens with an article right after a comma ('X, the commander of Y'): an apposition."""
    return start > 1 and view.tokens[start - 1].text.lower() in view.grammar.determiners \
        and view.tokens[start - 2].text in view.commas


def _person_before(view: SentenceView, tm: Match, kinds, mentions, pre: Mention | None) -> Mention | None:
    """'X، Deputy Secretary of State', 'X, Niger's defence minister': a person right before the title (or
    before its affiliation ``pre``), commas and ranks between."""
    j = (pre.start if pre is not None and pre.start < tm.start else tm.start) - 1
    if pre is None:
        # 'X, Tinubu's spokesman': a person's possessive before the title says whose aide, not who holds it
        owner = next((m for m in mentions if m.kind == "person" and (marker := view.grammar.possessive_at(
            view.tokens, m.end, any_case=True)) and m.end + len(marker) == tm.start), None)
        if owner is not None and owner.start > 0 and view.tokens[owner.start - 1].text in view.commas:
            j = owner.start - 1
    j = _past_title_epithet(view, j)
    if pre is None and j > 3 and (n := next((len(m) for m in view.grammar.possessives if j - len(m) + 1 > 1 and
                                             view.grammar.possessive_at(view.tokens, j - len(m) + 1, True) == m), 0)) \
            and view.tokens[j - n].is_word and not any(m.start <= j - n < m.end for m in mentions):
        j -= n   # 'X, the ministry's director': a body the gazetteer does not know, owning the title after the article
    if j > 1 and view.tokens[j].is_word and view.lows[j - 1] in view.grammar.determiners \
            and view.tokens[j - 2].text in view.commas:
        j -= 1   # 'X, the top State Department official': one epithet between the article and the title
    if j > 0 and view.tokens[j].text.lower() in view.grammar.determiners and (
            view.tokens[j - 1].text in view.commas or view.lows[j - 1] in view.grammar.title_links):
        j -= 1   # 'X, the President of the ECOWAS Commission', 'named X as the envoy': an article opens the title
    if j > 0 and j == tm.start - 1 and view.tokens[j].text == "(":
        j -= 1   # 'X (أمير أنصار الدين)': the title opens a bracket right after the name
    if j > 0 and j == tm.start - 1 and view.tokens[j].text in view.grammar.quote_closers:
        j -= 1   # '"X" رئيس المرحلة الانتقالية': the name set in quotes right before the title
    if j > 1 and view.lows[j] in view.grammar.set_off_title_links and view.tokens[j - 1].text in view.commas:
        j -= 1   # 'replacing X, appointed director of the cabinet': the post he went to, set off after his name
    if j > 0 and view.lows[j] in view.grammar.title_links:
        j = _before_aside(view.tokens, j - 1)   # 'appointed X (retd) as Ghana's envoy': the post he is given
    if j > 0 and j == tm.start - 1 and view.tokens[j].text in view.grammar.item_separators \
            and view.tokens[j].text in view.grammar.title_separators:
        j -= 1   # 'X؛ قائد الأركان': a mark that is both an item and a title separator sets the title off the name
    dash = j > 0 and view.tokens[j].text in view.grammar.aside_marks
    j -= dash   # a list item 'X – Minister of Defence': the person opens the line, a dash, then the title
    while j >= 0 and (view.tokens[j].text in view.commas or kinds.get(j) == RANK
                      or view.tokens[j].text in view.grammar.quote_closers):   # ('"X"، وزير ...': quoted, then a comma)
        j -= 1
    return next((m for m in mentions if m.end == j + 1 and m.kind == "person" and (not dash or (
        m.start <= LIST_ITEM_LEAD and all(t.is_word for t in view.tokens[:m.start])))), None)


def _past_title_epithet(view: SentenceView, j: int) -> int:
    """'X, the newly appointed ambassador to Y': a listed epithet of several words ending at token j, the article
    before it, stands aside like the one-word epithet; j moves to the article."""
    for words in view.grammar.title_epithets:
        k = len(words)
        if j - k >= 1 and tuple(view.lows[j - k + 1:j + 1]) == words and view.lows[j - k] in view.grammar.determiners:
            return j - k
    return j


def _inner_title(view: SentenceView, tm: Match, holder: Mention, matches, kinds, ends, by_start, window: int,
                 trigger_starts) -> int:
    """The start of a later title inside ``tm``'s phrase whose own phrase reaches the same holder, else -1:
    the holder is that title's."""
    for m in matches:
        if m.payload == TITLE and tm.end <= m.start < holder.start:
            inner_holder = after_title(view, m, kinds, ends, by_start, window, trigger_starts)[0]
            if inner_holder is not None and inner_holder.key == holder.key:
                return m.start
    return -1


def _title_before(view: SentenceView, start: int, kinds, ends) -> int:
    """The start of the title word that ends right before ``start`` (ranks between skipped), else -1."""
    j = start
    while True:
        k = next((i for i, e in ends.items() if e == j and kinds.get(i) in (TITLE, RANK)), None)
        if k is None:
            return -1
        if kinds[k] == TITLE:
            return k
        j = k


def _joined_states(view: SentenceView, pre: Mention | None, mentions) -> list[Mention]:
    """The states joined up to a title's affiliation before it ('the Malian and Guinean ministers'), in order."""
    if pre is None or pre.kind != "country":
        return []
    out, by_end = [pre], {m.end: m for m in mentions}
    while True:
        j = out[0].start - 1
        if j < 1 or not (view.tokens[j].text in view.commas or view.lows[j] in view.conjunctions):
            return out
        m = by_end.get(j)
        if m is None or m.kind != "country":
            return out
        out.insert(0, m)


def _serves(view: SentenceView, person: Mention, body: Mention) -> bool:
    """Whether the gazetteer ties a person to a body's state (his own, or that of a body he has a role in)."""
    entities = view.entities
    if body.entity not in entities or person.entity not in entities:
        return False

    def state(eid: str):
        return eid if entities[eid].kind == "country" else entities[eid].country
    own = entities[person.entity]
    return body.entity in {r.of for r in own.roles} \
        or state(body.entity) in ({own.country} | {state(r.of) for r in own.roles if r.of in entities}) - {None}


def _role_in(view: SentenceView, person: Mention, inner) -> bool:
    """Whether the gazetteer gives a person a role in the first body a title's phrase names."""
    body = next((m for m in inner if m.kind != "person"), None)
    own = view.entities.get(person.entity)
    return body is not None and own is not None and body.entity in {r.of for r in own.roles}


def _before_aside(tokens, j: int) -> int:
    """The token before a short bracket that ends at j ('X (retd) as envoy'), else j."""
    if tokens[j].text != ")":
        return j
    k = next((k for k in range(j - 1, max(-1, j - 4), -1) if not tokens[k].is_word), -1)
    return k - 1 if k > 0 and tokens[k].text == "(" else j


#: words (ranks, honorifics) at most before the person a list item opens with ('Colonel X – Minister of Health')
LIST_ITEM_LEAD = 4


def _suffixed(view: SentenceView, tm: Match, matches: Sequence[Match]) -> bool:
    """Whether a title was written with a possessive suffix ('سفيرها'), not as listed ('سفير'); a form some
    title lists as it is ('وزيرة', the feminine, normalized like 'وزيره', his minister) is not."""
    form = view.tokens[tm.start].text[len(tm.clitic):].lower()
    listed = {_listed(m.pattern) for m in matches if m.start == tm.start}
    article = view.grammar.article or "\0"
    if tm.clitic[-1:] in view.grammar.article_contractions:
        article = article[1:] or "\0"   # 'للمتحدث باسم الحكومة': ل with the article, no suffix
    return form not in listed and not form.startswith(article)


@functools.lru_cache(maxsize=4096)
def _listed(pattern: str) -> str:
    """A title pattern's first word as listed (normalized once per pattern, not once per match)."""
    return normalize_arabic(pattern.split()[0]).rstrip(PREFIX).lower()


def _demonym_after(tm: Match, by_start) -> bool:
    """'الجنرال الأميركي X': a state's demonym right after a rank, then the person."""
    m = by_start.get(tm.end)
    return m is not None and m.kind == "country" and m.how == "adjective" \
        and getattr(by_start.get(m.end), "kind", "") == "person"


def _possessor_before(view: SentenceView, start: int, mentions) -> Mention | None:
    for m in mentions:
        if m.kind == "person":
            continue
        if m.end == start or m.end + 1 == start and view.tokens[m.end].text == DOT:
            return m   # ('U.S. Secretary of State': the dot of an abbreviated name)
        marker = view.grammar.possessive_at(view.tokens, m.end, any_case=True)
        if marker and m.end + len(marker) == start:
            return m
    return None
