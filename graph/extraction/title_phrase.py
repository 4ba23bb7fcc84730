"""The phrase a title word opens: who holds it after it, what it says of him, and whether it is a former one.

Split from :mod:`graph.extraction.roles`, which reads a sentence's titles with these.
"""
from __future__ import annotations

from ..documents import normalized_words
from ..matcher import Match
from .role_holding import CANCEL, COUNTERPART, OUSTING, RANK, REMOVED, TITLE
from .sentence import SentenceView, spans_of

DOT = "."   # 'Gen. Assimi Goita': the dot of an abbreviated rank


#: words that may stand between an ousting verb and the title it governs ('أطاح الجيش بالرئيس X')
OUSTED_GAP = 4
#: words (an article, epithets) between a cancel word that ends with its own preposition and the title it governs
#: ('the ouster of Chad's freely elected head of state'): a verb further on may start another clause
OWN_PREPOSITION_GAP = 2
#: words between a verb of ``ousting`` and the title it governs directly ('overthrew elected president X'), the
#: title's state and its possessive aside ('ousted Niger's president X')
OUSTING_GAP = 1
#: ... and after a state's possessive, which opens the ousted one's noun phrase ('ousted Niger's democratically
#: elected president X'): its epithets are no new clause
OUSTING_POSSESSED_GAP = 2


def ousted_before(view: SentenceView, start: int, kinds, ends, introduced: bool, by_start) -> bool:
    """'أطاح الجيش بالرئيس المنتخب X': a title that is the object (after its preposition) of a cancel word a
    few words before it is a former one; a title with no preposition ('السابق ووزير الخارجية X') is not. A
    cancel word that ends with its own preposition governs the title a few words on, no person or conjunction
    between ('the ouster of Chad's elected head X', 'took power from the Paris-friendly President X').
    An ``ousting`` word ('overthrew', 'ousted') takes its title with no preposition, a word on, no conjunction
    between ('ousted Bazoum appointed Prime Minister X', 'toppled the cabinet and named X' leave X's title)."""
    def words_to(k: int) -> tuple[int, bool, bool]:
        """Words up to the title (a state and its possessive count none: 'Niger's'), whether a person stands
        between, and whether a state's possessive opened the run."""
        words, person, possessed = 0, False, False
        while k < start:
            state = by_start.get(k)
            if state is not None and state.kind != "person":
                marker = view.grammar.possessive_at(view.tokens, state.end)
                possessed |= bool(marker) and words == 0
                k = state.end + len(marker)   # 'Niger's'
                continue
            person |= state is not None
            words += view.tokens[k].is_word
            k += 1
        return words, person, possessed

    described = {ends[j] for j, kind in kinds.items() if kind in (TITLE, COUNTERPART)}

    def governs(i: int, kind: str) -> bool:
        if ends[i] > start or view.boundary_between(ends[i], start) or i in described:
            return False   # ('الرئيسين السابقين مع رئيس المجلس X': a cancel word right after a title is that one's)
        if kind == CANCEL and introduced and view.words_between(ends[i], start) <= OUSTED_GAP:
            return True
        if any(view.lows[k] in view.conjunctions for k in range(ends[i], start)):
            return False
        words, person, possessed = words_to(ends[i])
        if kind == CANCEL:
            return view.lows[ends[i] - 1] in view.grammar.prepositions and not person and words <= OWN_PREPOSITION_GAP
        return kind == OUSTING and words <= (OUSTING_POSSESSED_GAP if possessed and not person else OUSTING_GAP)
    # (only an ousting or cancel word that ends before the title may govern it: the others are not asked)
    return any(governs(i, kind) for i, kind in kinds.items() if kind in (CANCEL, OUSTING) and ends[i] <= start)


def removed_after(view: SentenceView, end: int, kinds) -> bool:
    """'Niger's president X was overthrown in 2023', 'رئيس النيجر X، الذي أطاح به الجيش': the holder's removal
    told right after his name (a comma between) makes the title a former one (titles.yaml ``removed``)."""
    while end < len(view.tokens) and view.tokens[end].text in view.commas:
        end += 1
    return kinds.get(end) == REMOVED


def is_dual(view: SentenceView, tm: Match) -> bool:
    """Whether a title was written in the dual, or right after a dual title word ('نائبا وزير الدفاع',
    'وزيري الدفاع'; morphology.yaml ``dual_titles``): it names two holders."""
    words = view.grammar.dual_titles
    if not words:
        return False
    forms = [view.tokens[tm.start].text[len(tm.clitic):]]
    if tm.start > 0:
        prev = view.tokens[tm.start - 1].text
        forms += [prev, prev[1:]] if prev[:1] in view.grammar.conjunction_clitics else [prev]
    return any(normalized_words(f).lower() in words for f in forms)


def is_plural(view: SentenceView, tm: Match) -> bool:
    """Whether a title was written in the plural ('وزراء خارجية ...'; morphology.yaml ``plural_titles``)."""
    words = view.grammar.plural_titles
    return bool(words) and normalized_words(view.tokens[tm.start].text[len(tm.clitic):]).lower() in words


def _closed_at(tokens, j: int, closers, reach: int, names=()) -> int | None:
    """After the mark (one of ``closers``) closing a short run of plain words opened at j, or None: a bracket
    ('Deputy Chief of Staff (Operations), X'), or a quote around a body the gazetteer does not know by that name
    ('قائد "القيادة العامة" X'; no name of ``names`` inside)."""
    for k in range(j + 1, min(len(tokens), j + reach + 2)):
        if tokens[k].text in closers:
            return k + 1 if k > j + 1 else None
        if not tokens[k].is_word or k in names:
            return None
    return None


def portfolio_word(view: SentenceView, i: int) -> bool:
    """Is token i a definite noun a conjunction clitic joins ('والتعاون')? Inside a title's phrase it is one more
    word of the portfolio ('وزير الشؤون الخارجية والتكامل ... والتعاون الدولي X'), not the event it may open."""
    low, g = view.lows[i], view.grammar
    if i > 0 and view.lows[i - 1] in g.conjunction_clitics:
        low = view.lows[i - 1] + low   # the clitic written apart ('و التعاون') joins it all the same
    return bool(g.article) and low[:1] in g.conjunction_clitics and low[1:].startswith(g.article) \
        and len(low) > len(g.article) + 3


#: plain words a portfolio's list may hold after a comma ('..., Maritime and Port Infrastructure, X')
PORTFOLIO_TAIL = 5


def _portfolio_tail(view: SentenceView, i: int, kinds, by_start, ends=None) -> int | None:
    """Where a title's portfolio list set off by the comma at ``i`` ends: up to PORTFOLIO_TAIL plain words joined
    by a conjunction (no name, no title word) and the commas of the list before it, then a comma and a person
    ('Minister of Mines, Oil and Gas Resources, X'; '..., Science, Technology and Innovation, X'; or with no comma
    before the holder, '..., Oil and Gas X', rulesCT4, b529_06), ranks
    (``ends``: where each ends) and their dots passed over before him ('..., Dr. X'); else None. The separator
    it returns opens the holder.

    >>> from types import SimpleNamespace as NS
    >>> toks = [NS(text=w, is_word=w != ",") for w in "of fisheries , maritime and port , x".split()]
    >>> view = NS(tokens=toks, lows=[t.text for t in toks], conjunctions=frozenset({"and"}),
    ...           grammar=NS(title_separators=frozenset({","}), conjunction_clitics=frozenset()))
    >>> person = NS(kind="person")
    >>> _portfolio_tail(view, 2, {}, {7: person})
    6
    >>> _portfolio_tail(view, 2, {}, {4: person, 7: person}) is None
    True
    >>> toks[7:] = [NS(text="dr", is_word=True), NS(text=".", is_word=False), NS(text="x", is_word=True)]
    >>> view.lows = [t.text for t in toks]
    >>> _portfolio_tail(view, 2, {7: RANK}, {9: person}, {7: 8})
    6
    >>> _portfolio_tail(view, 2, {7: RANK}, {9: person}) is None
    True
    >>> toks = [NS(text=w, is_word=w != ",") for w in "of soil , water , forests and hunting , x".split()]
    >>> view.lows = [t.text for t in toks]; view.tokens = toks
    >>> _portfolio_tail(view, 2, {}, {9: person})
    8
    >>> _portfolio_tail(view, 2, {}, {5: person, 9: person}) is None
    True
    >>> toks = [NS(text=w, is_word=w not in ",()") for w in "of soil , water and forests ( msf ) , x".split()]
    >>> view.lows = [t.text for t in toks]; view.tokens = toks
    >>> _portfolio_tail(view, 2, {}, {7: NS(kind="organization"), 10: person})
    9
    >>> toks = [NS(text=w, is_word=w != ",") for w in "of mines , energy and water x".split()]
    >>> view.lows = [t.text for t in toks]; view.tokens = toks
    >>> _portfolio_tail(view, 2, {}, {6: person})
    6
    >>> toks = [NS(text=w, is_word=w != ",") for w in "of mines , and x".split()]
    >>> view.lows = [t.text for t in toks]; view.tokens = toks
    >>> _portfolio_tail(view, 2, {}, {4: person}) is None
    True
    """
    tokens, g = view.tokens, view.grammar
    j, joined, words = i + 1, False, 0
    while j < len(tokens) - 1:
        # the list may hold more commas before its conjunction ('..., Science, Technology and Innovation, X')
        while j < len(tokens) and words <= PORTFOLIO_TAIL and tokens[j].is_word and j not in by_start \
                and j not in kinds:
            joined |= view.lows[j] in view.conjunctions or j > i + 1 and tokens[j].text[:1] in g.conjunction_clitics
            j, words = j + 1, words + 1
        if joined and j > i + 1 and _state_closes(view, by_start.get(j), kinds, by_start, ends):
            return j   # '..., Planning and Cooperation of Senegal, X': the state closes the list; the walk reads it
        if joined and j > i + 2 and getattr(by_start.get(j), "kind", "") == "person" \
                and tokens[j - 1].is_word and view.lows[j - 1] not in view.conjunctions:
            return j   # '..., Tourism and Handicrafts X': the list's last portfolio, no comma, then the holder
        # the body's short name in brackets after the list ('..., Science and Technology (MoHERST), X')
        close = next((c for c in range(j + 1, min(len(tokens), j + 4)) if tokens[c].text == ")"), None) \
            if j > i + 1 and j < len(tokens) and tokens[j].text == "(" and tokens[j - 1].is_word else None
        if close is not None and close + 1 < len(tokens) - 1 and tokens[close + 1].text in g.title_separators:
            j = close + 1
        elif j >= len(tokens) - 1 or not tokens[j - 1].is_word or j == i + 1 \
                or tokens[j].text not in g.title_separators:
            return None
        k = j + 1
        while ends is not None and kinds.get(k) == RANK:
            k = ends[k]
            k += k < len(tokens) and tokens[k].text == DOT
        holder = by_start.get(k)
        if holder is not None and holder.kind == "person":
            return j if joined else None
        if joined or tokens[j].text != tokens[i].text:
            return None
        j += 1
    return None


def _state_closes(view: SentenceView, state, kinds, by_start, ends) -> bool:
    """Does a state its preposition opens close a portfolio's list, a separator and a person right after it?"""
    if state is None or state.kind != "country" or not state.intro or state.end >= len(view.tokens) - 1 \
            or view.tokens[state.end].text not in view.grammar.title_separators:
        return False
    k = state.end + 1
    while ends is not None and kinds.get(k) == RANK:
        k = ends[k]
        k += k < len(view.tokens) and view.tokens[k].text == DOT
    return getattr(by_start.get(k), "kind", "") == "person"


def agrees(cancel: str, title_words, grammar) -> bool:
    """Can a cancel word describe the title? One in the feminine (morphology.yaml ``feminine_cancels``) cannot
    describe a title none of whose words is feminine: it describes a feminine noun before it ('the minister's
    earlier visit'), and the title stays a current one.

    >>> from types import SimpleNamespace as G
    >>> g = G(feminine_cancels=frozenset({"earlier-f"}), feminine_endings=("-f",))
    >>> agrees("earlier-f", ["minister"], g), agrees("earlier-f", ["minister-f"], g), agrees("former", ["minister"], g)
    (False, True, True)
    """
    if cancel not in grammar.feminine_cancels:
        return True
    return any(w.endswith(e) for w in title_words for e in grammar.feminine_endings)


def after_title(view: SentenceView, tm: Match, kinds, ends, by_start, budget: int, trigger_starts):
    """Walk the phrase after a title word: (holder, inner mentions, cancelled, end of the phrase)."""
    tokens, separators, marks = view.tokens, view.grammar.title_separators, view.grammar.aside_marks
    holder, cancelled, inner, joined, loose, named = None, False, [], False, False, -1
    preposition = -1   # the last preposition written as a word of its own that the walk passed
    i = end = tm.end
    own = any(m.kind != "person" and tm.start <= m.start < tm.end for m in by_start.values())   # 'رئيس المجلس ...'
    openers = {s for s, _ in spans_of(view, view.grammar.list_openers)} if is_plural(view, tm) else ()   # 'included'
    # a title set off after a name ('X، مدير ...') is that name's: its portfolio does not stretch the window to a
    # holder after it ('X، مدير الإغاثة والبرامج ... إضافة لسعادة السيد Y')
    after_name = tm.start > 1 and tokens[tm.start - 1].text in separators and any(
        m.kind == "person" and m.end == tm.start - 1 for m in by_start.values())
    while i < len(tokens) and budget > 0:
        tok = tokens[i]
        if i in openers:
            break
        if i in by_start:
            m = by_start[i]
            if m.kind == "person":
                if not (m.intro and (inner or i > tm.end)) and m.clitic[:1] not in view.grammar.conjunction_clitics \
                        and m.how != "anaphor" and not (inner and preposition > named):
                    holder = m   # ('وزراء خارجية التحالف للملك X', 'الوزير فلان مع X': a name that takes a
                break            # preposition past the title's words is another's; 'X رئيس بنين وY رئيس ...': one a
                                 # conjunction joins is the next of a list; a pronoun names no holder: 'قابل وزير
                                 # المياه فأشار معاليه' is the next clause's subject, whoever it stands for; a
                                 # name past a preposition after the title's state is its object: 'اجتمع رئيس
                                 # جمهورية X لاحقا إلى الكاردينال Y', 'the President of X later met with Cardinal Y')
            inner.append(m)
            i = end = named = m.end
            budget -= 1
            continue
        if i in kinds:
            if i > tm.start and not cancelled and (kinds[i] == COUNTERPART or (
                    kinds[i] == TITLE and (joined or own or any(m.kind != "person" for m in inner)))):
                # a title stops at the next one once it has its affiliation: 'وزير الخارجية التركي نظيره
                # النيجري X' makes X the counterpart ('مساعد وزير الخارجية' stays one title); or at one a
                # conjunction joins ('Nigerian President and ECOWAS Chair X': each has its own affiliation)
                break
            if kinds[i] == TITLE and preposition > max(named, tm.end):
                break   # 'حيث التقى الرئيس عقب ذلك مع أمين سر X': a title past a preposition a word or more after the
                        # title is the preposition's object, another's ('Head of State' keeps its own 'of')
            if cancelled and kinds[i] == TITLE and (loose or view.lows[i - 1] in view.grammar.prepositions):
                # 'لقاء الوزيرين السابقين مع رئيس الهيئة X': a former title's phrase ends at another's preposition,
                # or at one a word after it ('the former head of the office of President X' is no former president)
                break
            if kinds[i] == CANCEL and i > tm.end and view.grammar.affiliation_before_title(view.doc.lang):
                break   # 'X, Mali's leader since soldiers ousted President Y': English tells it before its title
            if kinds[i] == RANK and i > tm.end and view.tokens[i].text[:1] in view.grammar.conjunction_clitics:
                break   # 'X، قائد الأركان والفريق Y': a rank a conjunction clitic joins opens the next of a list
            if kinds[i] == TITLE and i > tm.end and not cancelled and not after_name and holder is None \
                    and view.tokens[i].text[:1] in view.grammar.conjunction_clitics:
                break   # 'وزير الطاقة والمعادن ورئيس مجلس X، Y': after a portfolio, a title a conjunction clitic
                        # joins is a second post of his (roles._share_holders gives it the same holder)
            cancelled |= kinds[i] == REMOVED or kinds[i] == CANCEL and agrees(
                " ".join(view.lows[i:ends[i]]), view.lows[tm.start:tm.end], view.grammar)   # ('الرئيس الذي أطيح به X')
            inside = [by_start[k] for k in range(i + 1, ends[i]) if k in by_start and by_start[k].kind != "person"]
            if inside and i > tm.start:
                # 'نائب حاكم ولاية X': a later title word that opens a place's name ('ولاية X') keeps it as the
                # phrase's affiliation (the walk would jump past its start)
                inner.extend(inside)
                named = max(m.end for m in inside)
                budget -= len(inside)
            i = end = max([ends[i]] + [m.end for m in inside])
            continue
        if tok.text == DOT and i > tm.start and kinds.get(i - 1) == RANK:
            i += 1          # 'Gen. Assimi Goita': the dot of an abbreviated rank
            continue
        marker = view.grammar.possessive_at(tokens, i, any_case=True)
        if marker:
            i += len(marker)   # 'the head of Niger's junta, General X': the possessive stays in the title
            continue
        aside = next((b for a, b in view.asides() if a == i + 1), None) if tok.text in marks and i > tm.end else None
        if aside is not None and not any(m.kind == "person" for k, m in by_start.items() if i < k < aside):
            i = aside   # 'رئيس مجلس السيادة –السلطة الحاكمة– X': an aside between dashes that names no one is
            while i < len(tokens) and tokens[i].text in marks:   # passed over to the holder after it
                i += 1
            continue
        if tok.text in separators:
            # a comma, dash or quote may separate the title from its holder: 'المبعوث ...، رودولف عطا الله',
            # 'وزير الدفاع "فلان"', 'وزير الخارجية - فلان'
            # (a bracket that opens on a name holds the holder: 'نائب القائد العام الفريق أول ( X )'; one of up
            # to five plain words is passed over, an abbreviation spelt out letter by letter: 'رئيس الشركة (سي إن بي سي) X')
            j = (_closed_at(tokens, i, (")",), 5) if tok.text == "(" and getattr(by_start.get(i + 1), "kind", "") != "person"
                 else None) or i + 1
            joined = False   # 'X، وزير ...، والسيد Y': a conjunction on the rank starts the next of a list
            ranked = False   # ('Minister of Foreign Affairs, Amb. X': the dot of an abbreviated rank)
            while j < len(tokens) and (kinds.get(j) == RANK or tokens[j].text in separators
                                       or ranked and tokens[j].text == DOT):
                joined |= kinds.get(j) == RANK and tokens[j].text[:1] in view.grammar.conjunction_clitics
                ranked = kinds.get(j) == RANK
                close = _closed_at(tokens, j, (")",), 3) if tokens[j].text == "(" else None
                j = close if close is not None else ends.get(j, j + 1)
            nationality = by_start.get(j)
            if nationality is not None and nationality.how == "adjective" and not joined \
                    and getattr(by_start.get(nationality.end), "kind", "") == "person":
                j = nationality.end   # 'المدعية العامة لدى X، الغامبية Y': the holder's nationality before her name
            if j in by_start and by_start[j].kind == "person" and not joined \
                    and by_start[j].clitic[:1] not in view.grammar.conjunction_clitics and not _quote_ends(view, tm.start, i, j):
                holder = by_start[j]   # ('X، وزير خارجية بوركينا فاسو، وعبد الله ديوب': the next of a list)
            elif tok.text == "(" and j > i + 1 and tokens[j - 1].text == ")" and (
                    j in by_start and by_start[j].kind != "person"
                    or j + 1 in by_start and view.lows[j] in view.grammar.prepositions):
                i = j   # 'the Force Commander (FC) MNJTF, General X': an abbreviation in brackets, then the body
                #         (or its preposition: 'the Chief of Staff (COS) of Y, General X')
                continue
            elif (k := _portfolio_tail(view, i, kinds, by_start, ends)) is not None:
                i = end = k   # 'Minister of Water, Forests and Hunting, X': the portfolio's list
                budget -= 1
                continue
            elif j in by_start and inner and by_start[j].entity == inner[-1].entity and not joined:
                i = j   # 'الممثل الخاص للمجموعة ...، «إيكواس»، X': the body's short name set off restates it
                continue
            elif j in by_start and tok.text in view.grammar.quote_openers and not joined and j == i + 1:
                i = j   # 'رئيس لجنة "الإيكواس"، X': a quoted body is the title's own
                continue
            elif tok.text in view.grammar.quote_openers and not joined and j == i + 1 and (
                    close := _closed_at(tokens, i, view.grammar.quote_closers, 4, by_start)):
                i = end = close   # 'وقائد "القيادة العامة" X': so is one the gazetteer does not know
                continue
            break
        if not tok.is_word and view.lows[i] not in view.conjunctions \
                or i in trigger_starts and not portfolio_word(view, i) \
                or view.lows[i] in view.grammar.speech_complementizers \
                or view.lows[i] in view.grammar.clause_openers:
            break   # a title phrase does not run into punctuation (an ampersand is a portfolio's 'and'), the event
                    # itself or a clause ('قال الوزير إن X')
        joined |= view.lows[i] in view.conjunctions
        if view.lows[i] in view.grammar.prepositions:
            preposition = i
        loose |= cancelled
        # (a conjunction right after a name, 'the Sahel agency and X', is no portfolio's: it pays)
        budget -= 1 if after_name or i == named and view.lows[i] in view.conjunctions else window_cost(view, i)
        i += 1
        end = i
    return holder, inner, cancelled, end


def window_cost(view: SentenceView, i: int) -> int:
    """What plain word i spends of a title phrase's window: nothing for one more member of a portfolio a
    conjunction clitic joins, so that a long portfolio does not push its holder out of reach ('الوزير المالي
    للشباب والرياضة والثقافة والفنون والسياحة، X'), nor for a conjunction written as a word of its own, the
    word after it paying ('the Minister of Housing and Urban Development of Nigeria, X'); one for any other word.

    >>> from types import SimpleNamespace as NS
    >>> view = NS(lows=["وزير", "الصحة", "والسكان", "و", "الإسكان", "اليوم"], conjunctions=frozenset({"و", "and"}),
    ...           grammar=NS(conjunction_clitics=frozenset({"و", "ف"}), article="ال"))
    >>> [window_cost(view, i) for i in range(6)]
    [1, 1, 0, 1, 0, 1]
    >>> view.lows = ["minister", "of", "housing", "and", "urban", "development"]
    >>> [window_cost(view, i) for i in range(6)]
    [1, 1, 1, 0, 1, 1]
    """
    low = view.lows[i]
    return 0 if portfolio_word(view, i) or low in view.conjunctions and low not in view.grammar.conjunction_clitics \
        else 1


def _quote_ends(view, start: int, i: int, j: int) -> bool:
    """Does a quotation that opened before the title (at token ``start``) close among tokens [i, j), beside a
    comma ('"... as its new mediator," X said': the title is the quoted words', the name after it the speaker's;
    with no quote before it in the sentence, a comma right before the mark)?
    A quote that opens after the title's start sets off its body ('رئيس مفوضية "الاتحاد الأفريقي"، X'); one that
    only opens (a curly mark) after the comma quotes the holder's name."""
    g, tokens = view.grammar, view.tokens
    quotes = [k for k in range(i, j) if tokens[k].text in g.quote_closers or tokens[k].text in g.quote_openers]
    if not quotes or not any(tokens[k].text in view.commas for k in range(i, j)):
        return False
    if tokens[quotes[0]].text not in g.quote_closers:
        return False   # a mark that only opens quotes the holder's name ('وزير خارجية مالي، “X”'): nothing closes
    before = next((k for k in range(quotes[0] - 1, -1, -1)
                   if tokens[k].text in g.quote_closers or tokens[k].text in g.quote_openers), None)
    if before is None:   # (the quotation opened sentences before: a comma right before the mark closes it)
        return quotes[0] > i and tokens[quotes[0] - 1].text in view.commas
    return before < start
