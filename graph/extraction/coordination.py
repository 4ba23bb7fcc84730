"""What joins a name to the one before it in a list, besides a conjunction or a comma right between them:
a conjoined title ('، ووزير الدفاع الروسي، السيد X'), a plural title's next state and its holder ('وزراء خارجية
بوركينا فاسو X، ومالي Y'), a conjunct's head ('وحلفاءه الروس'). :meth:`SentenceView.is_coordinated
<graph.extraction.sentence.SentenceView.is_coordinated>` asks these.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from .phrases import by_first_word

if TYPE_CHECKING:
    from .sentence import Mention, Scene, SentenceView

__all__ = ["ACTOR_HEAD_WORDS", "adjoined", "closed_quote", "past_aside", "bracketed_leaders", "state_conjunct", "headed_conjunct", "joint_conjunct", "actor_head_conjunct", "titled_conjunct", "body_conjunct", "opened_conjunct", "described_body", "list_end", "conjuncts", "TITLE_PORTFOLIO"]

TITLE_PORTFOLIO = 4   # words of a portfolio between a conjoined title word and its affiliation
NAME_ASIDE = 5   # words of a holder's name set off by commas inside a list ('of A, Y Z, and B')


def closed_quote(view: SentenceView, first: Mention, second: Mention) -> Mention:
    """``first`` reaching over the quotation marks that close its name before ``second`` ('بين "قوات الدعم السريع"
    والجيش', 'between "X" and the army': the conjunction joins the quoted name), else ``first`` itself."""
    end, marks = first.end, view.grammar.quote_marks
    while end < second.start and view.tokens[end].text in marks:
        end += 1
    return first.replaced(end=end) if end > first.end else first


def adjoined(view: SentenceView, first: Mention, second: Mention, conjunction: bool) -> bool:
    """Two names with nothing between them: joined by a conjunction written on the second ('مالي والنيجر'), or,
    unless a real conjunction is asked for, two states named by name in a list whose comma was left out ('مالي
    بوركينا فاسو والنيجر': the list must still close with a conjunction, :func:`conjuncts`)."""
    if second.clitic and second.clitic[0] in view.conjunctions:
        return True
    return not conjunction and first.how == second.how == "name" and first.kind == second.kind == "country"


def past_aside(view: SentenceView, a: int, b: int, named: bool = False) -> int:
    """The token after a bracket that opens at ``a`` and closes before ``b`` (a state's leader told beside it:
    'مالي (العقيد X)، والنيجر'), else ``a``; ``named``: also the comma that closes a name the gazetteer lacks,
    set off by commas (:func:`_named_aside`)."""
    tokens = view.tokens
    if named and a < b and view.grammar.side_asides:
        k = side_aside(view, a, b)
        if k != a:
            return k
    if named and a < b and tokens[a].text in view.commas:
        return _named_aside(view, a, b)
    if a >= b or tokens[a].text != "(":
        return a
    return next((j + 1 for j in range(a + 1, b) if tokens[j].text == ")"), a)


def side_aside(view: SentenceView, a: int, b: int) -> int:
    """'between the government of A, represented by its ministry of X, and the government of B': an aside that a
    phrase of morphology.yaml ``side_asides`` opens right after a side (a comma before it or not), closed by a
    comma before ``b``, says who acts for that side; the list goes on past it. Returns the token after the
    closing comma, or ``a``."""
    tokens, lows = view.tokens, view.lows
    i = a + (tokens[a].text in view.commas)
    asides = view.grammar.side_asides
    firsts = by_first_word(asides)   # (by first word: most places start none of them)
    if firsts is not None:
        asides = firsts.get(lows[i], ()) if i < len(lows) else ()
    if not any(tuple(lows[i:i + len(p)]) == p for p in asides):
        return a
    return next((j + 1 for j in range(i + 1, b) if tokens[j].text in view.commas), a)


def _named_aside(view: SentenceView, a: int, b: int) -> int:
    """'the envoys of A, Y Z, and B': capitalized words set off by commas right after a name (in a script that
    writes case), none of them a known name or a title word, are its holder's name; the list goes on past them.
    Returns the closing comma, or ``a``."""
    tokens, inside = view.tokens, {i for s, e in view.names for i in range(s, e)}
    j = a + 1
    while j < b and j - a <= NAME_ASIDE and tokens[j].is_word and tokens[j].text[:1].isupper() \
            and j not in inside and j not in view.title_tokens:
        j += 1
    return j if a + 1 < j < b and tokens[j].text in view.commas else a


def bracketed_leaders(view: SentenceView, mentions) -> frozenset[int]:
    """Keys of the people named in brackets right after a state of a list, with at most their titles ('رؤساء
    مالي (العقيد X)، وتشاد (الجنرال Y)', 'the leaders of Ghana (Z), Togo and Benin'): they say who leads each
    state, and the list goes on past them."""
    if "(" not in view.sentence.norm.text:
        return frozenset()   # (most sentences open no bracket: no leader in one)
    return _bracketed_leaders(view, mentions)


def _bracketed_leaders(view: SentenceView, mentions) -> frozenset[int]:
    states = [m for m in mentions if m.kind == "country"]
    def joined(end: int, nxt) -> bool:   # only a comma and a conjunction between (or one on the word)
        between = [view.lows[i] for i in range(end, nxt.start)]
        return len(between) <= 2 and all(w in view.commas or w in view.conjunctions for w in between) and (
            bool(between) or nxt.clitic[:1] in view.conjunctions)
    keys = set()
    for c, p in zip(mentions, mentions[1:]):
        if c.kind != "country" or p.kind != "person":
            continue   # (most neighbours: no state before a person, no bracket to look for)
        close = past_aside(view, c.end, len(view.tokens))
        if not (c.end < p.start and p.end == close - 1
                and all(i in view.title_tokens for i in range(c.end + 1, p.start))):
            continue
        after = any(joined(close, d) for d in states if d.start >= close)
        before = any(joined(past_aside(view, d.end, c.start), c) for d in states if d.end <= c.start)
        if after or before:
            keys.add(p.key)
    return frozenset(keys)


def state_conjunct(view: SentenceView, a: int, b: int, conjunction: bool = False) -> bool:
    """Whether tokens [a, b) are an optional comma and a name joined by a conjunction ('، ومالي', ', and Mali'), the
    name set off by a comma before its holder ('the presidents of A, X, B, Y and C, Z'; unless a real conjunction is
    asked for, the comma alone joins there, as in any list)."""
    tokens = view.tokens
    comma = a < b and tokens[a].text in view.commas
    a += comma
    joined = a < b and tokens[a].text.lower() in view.conjunctions
    a += joined
    # (the state set off by commas: ', and C, Z', or ', B, Y' in a list)
    set_off = b - a > 1 and tokens[b - 1].text in view.commas and (a, b - 1) in view.names
    if not (joined or (a < b and tokens[a].text[:1] in view.conjunctions)):
        return set_off and comma and not conjunction
    # 'وزراء الدفاع؛ المالي الجنرال X، والبوركينابي الجنرال Y': the state's name may take the holder's rank,
    # and then a first name the gazetteer leaves out ('الجنرال سيلستين Y', or right after the state)
    return set_off or (a, b) in view.names or any(
        s == a and e < b and all(i in view.title_tokens for i in range(e, b - 1))
        and (b - 1 in view.title_tokens or (b - 1 >= e and tokens[b - 1].is_word)) for s, e in view.names)


def headed_conjunct(view, head: str, a: int, b: int, actor: bool = False) -> bool:
    """After a conjunction, the words before the next name are its title, or one word that names it by its tie
    to the name before ('اتهمت X الجيش المالي وحلفاءه الروس', morphology.yaml ``conjunct_heads``), or those words
    after a conjunction written apart ('Ghana and its allies Togo and Benin'), or an actor head and its 'of'
    (:func:`actor_head_conjunct`)."""
    if actor and (actor_head_conjunct(view, a, b) or joint_conjunct(view, a, b)):
        return True
    heads = view.grammar.conjunct_heads
    if head[:1] in view.conjunctions:   # (the conjunction written on the word)
        # (heads may follow one another: 'وحكومة جمهورية X', the state named through its government)
        return all(i in view.title_tokens for i in range(a, b)) or (head[1:] in heads and all(
            view.lows[i] in heads for i in range(a + 1, b)))
    return b - a > 1 and view.lows[a] in view.conjunctions and " ".join(view.lows[a + 1:b]) in heads


JOINT_ASIDE = 12   # tokens after the first name of a joint aside within which its closing comma stands


def joint_conjunct(view, a: int, b: int) -> bool:
    """'A، إلى جانب B وC، لجأت إلى Y': an aside set off by commas right after an actor that a cue of
    morphology.yaml ``joint_cues`` opens names those who did the deed with it; its first name joins A's list (the
    aside must close with a comma: 'A قاتل إلى جانب B' is another tie). Only Arabic cues are listed: the English
    subject search steps over such an aside ('A, along with B, condemned Y' gives A alone)."""
    cues, tokens = view.grammar.joint_cues, view.tokens
    if not cues or b - a < 2 or tokens[a].text not in view.commas or tuple(view.lows[a + 1:b]) not in cues:
        return False
    return any(tokens[k].text in view.commas for k in range(b, min(len(tokens), b + JOINT_ASIDE)))


ACTOR_HEAD_WORDS = 5   # the longest actor head before its 'of' ('heads of state and government of X'; mentions asks it too)


def actor_head_conjunct(view, a: int, b: int) -> bool:
    """'the chiefs of navies of A and B, the chief of coast guard of C and the commander of D signed': after a body or
    a state (a person's comma opens his title), a comma or a conjunction, determiners, then actor heads and the
    preposition after each (morphology.yaml ``actor_heads_of``, ``actor_heads_of_prepositions``): the next name is
    the list's next actor, told by who heads it. The head restarts the list's item, so a comma joins as firmly as
    a conjunction: the inner list ('A and B') does not end the outer one."""
    g, lows = view.grammar, view.lows
    if b - a < 2 or lows[b - 1] not in g.actor_heads_of_prepositions:
        return False
    comma = lows[a] in view.commas
    a += comma
    joined = a < b and lows[a] in view.conjunctions
    a += joined
    if not (joined or comma):
        return False
    while a < b and lows[a] in g.determiners:
        a += 1
    if not 0 < b - 1 - a <= ACTOR_HEAD_WORDS:
        return False
    # (heads may head one another: 'the chief of coast guard of C')
    parts, part = [], []
    for w in lows[a:b - 1]:
        if w in g.actor_heads_of_prepositions:
            parts.append(part)
            part = []
        elif part or w not in g.determiners:
            part.append(w)
    return all(p and " ".join(p) in g.actor_heads_of for p in parts + [part])


def titled_conjunct(view: SentenceView, a: int, b: int, conjunction: bool = False) -> bool:
    """Whether tokens [a, b) are a conjoined title: an optional comma, a title word with a conjunction on it,
    then title words, names inside the title (its affiliation) and commas; or one written apart (:func:`_apart_title`)."""
    tokens = view.tokens
    if _apart_title(view, a, b, conjunction) or _apposed_then_honored(view, a, b):
        return True
    if a < b and tokens[a].text in view.commas:
        a += 1
    if a >= b or a not in view.title_tokens or tokens[a].text[:1] not in view.conjunctions:
        return False
    inside = {i for s, e in view.names for i in range(s, e)}
    # (a preposition right before a name inside the title is the title's: 'ورئيس المجلس ... في النيجر، X')
    plain = [i for i in range(a, b) if not (i in view.title_tokens or i in inside or tokens[i].text in view.commas
                                            or i + 1 in inside and view.lows[i] in view.grammar.prepositions)]
    # a portfolio the title word covers ('ووزير الطاقة والموارد الطبيعية التركي، السيد Y'): words of the title
    # window, but only before the affiliation that closes it
    affiliation = min((i for i in range(a, b) if i in inside), default=None)
    if not plain or affiliation is None or len(plain) > TITLE_PORTFOLIO or not all(tokens[i].is_word for i in plain):
        return not plain
    # ... or, when a comma closes the title right before the name, a portfolio after the affiliation ('والوزير
    # النيجري للتجهيز، Y': the state's adjective, then the portfolio, then the name set off)
    return all(i < affiliation for i in plain) or (max(plain) + 1 < b and tokens[max(plain) + 1].text in view.commas
                                                   and all(i > affiliation for i in plain))


def _apposed_then_honored(view: SentenceView, a: int, b: int) -> bool:
    """'X، وزير التعاون والماليين المقيمين بالخارج بجمهورية مالي، ومعالي السيد Y': the first name's own title set off
    by commas (a few portfolio words, its state closing it), then a conjunction on the next name's honorific."""
    tokens, titles = view.tokens, view.title_tokens
    a += a < b and tokens[a].text in view.commas   # (the first comma may be left out: 'X وزير ...')
    if not (a < b and a in titles):
        return False
    close = next((i for i in range(a + 1, b) if tokens[i].text in view.commas), None)
    if close is None or close + 1 > b or tokens[close + 1].text[:1] not in view.conjunctions \
            or not all(i in titles for i in range(close + 1, b)):
        return False
    inside = {i for s, e in view.names for i in range(s, e)}
    plain = [i for i in range(a, close) if i not in titles and i not in inside]
    if close + 1 == b:   # ('X، وزير الخارجية ... بلاده، وY': the conjunction on the next name, its state in the title)
        return any(i in inside for i in range(a, close)) and len(plain) <= TITLE_PORTFOLIO \
            and all(tokens[i].is_word for i in plain)
    # (its state named, or a title that names it by 'the country' and one honorific word after it: 'X أمير البلاد
    # المفدى، وفخامة Y'; rulesBV4, b385_05)
    closed = close - 1 in inside or close - 1 in titles or close - 2 in titles and plain == [close - 1]
    return closed and len(plain) <= TITLE_PORTFOLIO and all(tokens[i].is_word for i in plain)


def _apart_title(view: SentenceView, a: int, b: int, conjunction: bool = False) -> bool:
    """'X, Defence Minister Y, Energy Minister Z, and intelligence chief, W': the next name's title set off by a comma
    (capitalized, in a script that writes case) or after a conjunction written apart, a few portfolio words beside
    its title word ('Energy', 'of Defence'); unless a real conjunction is asked for, the comma alone joins (a list
    closes with one)."""
    tokens, titles = view.tokens, view.title_tokens
    if a < b and tokens[a].text in view.commas:
        a += 1
    apart = a < b and view.lows[a] in view.conjunctions
    a += apart
    while a < b and view.lows[a] in view.grammar.determiners:
        a += 1
    titled = [i for i in range(a, b) if i in titles]
    if not titled or (conjunction and not apart) or not (apart or tokens[a].text[:1].isupper()):
        return False
    # (the title's state and its possessive are no portfolio words: ', Mali's Foreign Minister Y'; rulesAN2, b215_07)
    owned = {i for s, e in view.names if a <= s and e < b
             for i in range(s, e + len(view.grammar.possessive_at(tokens, e)))}
    plain = [i for i in range(a, b) if i not in titles and tokens[i].text not in view.commas and i not in owned]
    return len(plain) <= TITLE_PORTFOLIO and all(tokens[i].is_word for i in plain)


def body_conjunct(view: SentenceView, a: int, b: int) -> bool:
    """Whether tokens [a, b) are the first side's own body (morphology.yaml possessed_bodies) and a conjunction
    opening the second ('between an EU mission and Mali's rulers'; a determiner may follow it)."""
    i = a
    while i < b and view.lows[i] in view.grammar.possessed_bodies:
        i += 1
    if i == a or i >= b or view.lows[i] not in view.conjunctions:
        return False
    i += 1
    while i < b and view.lows[i] in view.grammar.determiners:
        i += 1
    return i == b


DESCRIPTOR_WORDS = 4   # words of a firm's description before its name, its state's name aside


def described_body(scene: Scene, first: Mention) -> Mention | None:
    """The body a conjoined firm's description names right after ``first`` ('بين X والشركة الوطنية للبترول لجمهورية
    النيجر Y': Y, the description a conjunction on a firm head (morphology.yaml firm_heads) and a few words, the
    states in it its origin; a comma may close X), else None."""
    view, a = scene.view, first.end
    a += a < len(view.tokens) and view.tokens[a].text in view.commas   # ('بين X، والوكالة النيجيرية "Y"')
    head = view.lows[a] if a < len(view.lows) else ""
    if head[:1] not in view.grammar.conjunction_clitics or head not in view.grammar.firm_heads:
        return None
    words = 0
    for m in scene.mentions:
        if m.start <= a:
            continue
        words += sum(1 for i in range(a + 1, m.start) if view.tokens[i].is_word)
        if words > DESCRIPTOR_WORDS or m.key in scene.modifiers:
            return None
        if m.kind != "country":
            return m if m.kind == "organization" else None
        a = m.end - 1   # (a state in the description is its origin: count on past it)
    return None


def opened_conjunct(view: SentenceView, a: int, b: int) -> bool:
    """Whether tokens [a, b) are a list opener written with a conjunction on its first word ('بين قطر وكل من الدول
    الخمس': 'and each of' joins the second side, morphology.yaml list_openers)."""
    if b - a < 1 or view.lows[a][:1] not in view.grammar.conjunction_clitics:
        return False
    words = (view.lows[a][1:],) + tuple(view.lows[a + 1:b])
    return words in view.grammar.list_openers


def between_conjunct(view: SentenceView, a: int, b: int) -> bool:
    """Whether tokens [a, b) are a conjunction and 'between' said again ('بين X وبين Y', 'between X and between
    Y'): the second side of the pair; a determiner may follow."""
    words = list(view.lows[a:b])
    while words and words[-1] in view.grammar.determiners:
        words.pop()
    if len(words) == 1 and words[0][:1] in view.grammar.conjunction_clitics:
        words = [words[0][:1], words[0][1:]]
    return len(words) == 2 and words[0] in view.conjunctions and words[1] in view.grammar.between


def conjuncts(scene: Scene, m: Mention) -> tuple[Mention, ...]:
    """The list m opens ('وزراء خارجية A وB وC'), closed by a real conjunction, else m alone."""
    ms, k = scene.free, scene.free_at.get(m.key)
    if k is None:
        return (m,)
    last, joined = k, False
    # (every conjunct introduced like m: 'X وزيرة ...، مع Y' is no list)
    while last + 1 < len(ms) and ms[last + 1].intro == m.intro and scene.view.is_coordinated(ms[last], ms[last + 1]):
        joined = joined or scene.view.is_coordinated(ms[last], ms[last + 1], conjunction=True)
        last += 1
    return tuple(ms[k:last + 1]) if joined else (m,)


def list_end(scene: Scene, m: Mention) -> int:
    """Where the list that m opens ends, so that a comma after it ends an aside, not the search for the object
    ('أشاد وزراء خارجية A وB، الأعضاء في X، بـ...')."""
    return conjuncts(scene, m)[-1].end
