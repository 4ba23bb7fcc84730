"""Stage 1: who the sentence names. Gazetteer names and demonyms, surnames of people named before, anaphora.

Each mention also records the preposition that introduces it (``intro``):
strategies read it to tell a subject from an oblique ('مع مالي' is no subject).
"""
from __future__ import annotations

from operator import attrgetter, itemgetter
from typing import Sequence

from ..matcher import GAP_TEXT, Match, Token
from .anaphora import REPLACES_NAMES_INSIDE, resolve_anaphor
from .coordination import ACTOR_HEAD_WORDS
from .memory import Memory
from .sentence import Mention, SentenceView, comma_between, spans_of

__all__ = ["find_mentions", "intro_of", "select_triggers", "addressed"]

HYPHENS = ("-", "‐", "‑")   # a hyphen glued to the word before makes it a compound's first half
RESTATEMENT = ("(", ")")   # 'الأمم المتحدة (مينوسما)': a name in brackets restates the one before
_START = attrgetter("start")
_TEXT = attrgetter("text")
_TAIL = itemgetter(slice(1, None))   # a word without its first letter


def find_mentions(view: SentenceView, names: Sequence[Match], anaphors: Sequence[Match], memory: Memory,
                  schema) -> tuple[Mention, ...]:
    """Every mention of the sentence, by position: names first, then surnames, then what anaphora refer to."""
    tokens, grammar = view.tokens, view.grammar
    possessive_firsts = grammar.possessive_firsts
    out: list[Mention] = []
    named: set[int] = set()   # where the names kept start
    dropped: list[tuple[int, int]] = []   # names a neighbour word excludes ('العاصمة الغينية' before 'بيساو')
    for m in names:
        form = m.payload
        prev = tokens[m.start - 1].text if m.start > 0 else ""
        nxt = tokens[m.end].text if m.end < len(tokens) else ""
        if prev in form.exclude_before or nxt in form.exclude_after or (
                m.clitic and f"{prev} {m.clitic}" in form.exclude_before) or \
                form.exclude_before and _unjoined(prev, grammar.conjunction_clitics) in form.exclude_before:
            # ('العسكري و': only when joined by و; 'ووزير المالية' is 'وزير المالية' after its و)
            dropped.append((m.start, m.end))
            continue
        if form.form == "adjective" and (prev in grammar.non_actor_heads or _ends_on_tail(view, m.end) or (
                m.start > 1 and f"{tokens[m.start - 2].text} {prev}" in grammar.non_actor_heads)
                or _listed_after_head(view.lows, m.start, m.clitic, grammar)):
            continue   # 'الأسلحة الروسية', 'the Sudanese border': Russian weapons, a border, not the state (a head
            # of two words too: 'الهيمنة الاقتصادية الفرنسية'; and the adjectives listed after the first)
        kind = schema.entities[form.entity].kind
        if kind == "country" and form.form == "name" and (
                prev in grammar.firm_heads or prev in grammar.pavilion_heads):
            continue   # 'شركة مصر للطيران', 'رواق المغرب': a firm named after its state, a fair's stand, not the state
        if 0 < m.start and m.end < len(tokens) and view.lows[m.start - 1] in grammar.determiners \
                and view.lows[m.end] in grammar.non_actor_tails:
            continue   # 'near the Burkina Faso border (town)': a name between an article and its tail qualifies it
        if kind in grammar.instrument_kinds and _names_instrument(view.lows, m, grammar):
            continue   # 'نظام لشبونة الأساسي', 'the Treaty of Lisbon': a treaty's name, not Portugal
        if kind == "alliance" and grammar.member_partitives \
                and any(e == m.start for _, e in spans_of(view, grammar.member_partitives)):
            continue   # 'مع أحد أعمدة التحالف', 'with one of the pillars of the bloc': one unnamed member, not the bloc
        if m.start in named:   # same span, two readings: keep the first
            continue
        # "al-Qaeda's affiliate", "with Russia's Africa Corps": a possessor, not the argument
        marker = grammar.possessive_at(tokens, m.end) if m.end < len(tokens) and \
            tokens[m.end].text in possessive_firsts else ()
        intro = "".join(marker) if marker else intro_of(view, m.start, m.clitic)
        if marker and (m.end + len(marker) in view.title_tokens or _owns_body(tokens, m.end + len(marker), grammar)):
            intro = ""   # "Mali's foreign minister met ...": the state whose official acts, not a possessor aside
        entity = _demonym_owner(form, out, memory) if form.shared_with else form.entity
        if kind == "person" and m.end - m.start == 1:
            # a gazetteer's one-word name of a person is the one the document named in full by that last word
            # ('Mohamed Ali Bathily' named, 'Minister Bathily' is he, not the gazetteer's bare 'Bathily')
            entity = memory.surnames.get(tokens[m.start].text[len(m.clitic):]) or entity
        if kind == "person" and not marker and _governs(view, m, grammar):
            # 'with the X administration': a leader's name before his state's body, between an article and the
            # body, is the state (morphology.yaml determiners, possessed_bodies), not the man himself
            state = schema.entities[entity].country
            entity, kind = (state, "country") if state else (entity, kind)
        out.append(Mention(m.start, m.end, entity, kind, form.form, m.clitic, intro, key=m.start))
        named.add(m.start)
    out = _lineage(out, view, grammar.lineage_particles)
    if not memory.surnames and not anaphors:   # (no surname known, no anaphor: the names are all)
        return _in_order(out, tokens, grammar)
    taken = {i for o in out for i in range(o.start, o.end)}
    surnames = _surnames(view, taken, memory)
    out += surnames
    taken.update(m.start for m in surnames)
    starts = {o.start for o in out}
    for m in anaphors:
        inside = REPLACES_NAMES_INSIDE.get(m.payload.refers_to)
        if inside and any(o.kind == inside and m.start <= o.start and o.end <= m.end for o in out):
            # 'دول الكونفدرالية': the member states, not the alliance its last word names
            out = [o for o in out if not (m.start <= o.start and o.end <= m.end)]
            taken = {i for o in out for i in range(o.start, o.end)}
            starts = {o.start for o in out}
        if any(i in taken for i in range(m.start, m.end)) or (m.end in starts and not m.payload.stood_for
                                                              and not _joined_after(m, out, grammar)
                                                              and not _object_after(m, out)) \
                or _named_after(m, dropped, starts) or (
                m.end + 1 in starts and (m.payload.count or 0) < 2
                and (tokens[m.end].text.lower() in grammar.actor_heads_of_prepositions
                     or tokens[m.end].text.lower() in grammar.actor_heads_prepositions)):
            # 'العاصمة باماكو', 'the capital of Niger', 'the junta in Niamey': the name says who it is; one name
            # never says who 'the three countries' are ('وزراء الدول الثلاث في موسكو': where they met); a name right
            # after a body that stands for its state is the verb's object ('يتهم المجلس العسكري بنين بـ...')
            continue
        if m.end < len(tokens) and tokens[m.end].text in HYPHENS and tokens[m.end].start == tokens[m.end - 1].end:
            continue   # 'the junta-led country': the first half of a compound, no one
        if view.lows[m.end - 1] in grammar.place_heads and m.end + 1 in starts \
                and any(o.start == m.end + 1 and (o.how == "adjective" or tokens[m.end].text == ",") for o in out):
            # 'العاصمة الإدارية السودانية': the capital's state is told by its demonym, a word on; 'in the capital,
            # N'Djamena': by its name past a comma, no earlier capital (rulesAR3, b236_07)
            continue
        found = resolve_anaphor(m.payload, m, intro_of(view, m.start, m.clitic), out, memory, schema, view)
        if len(found) > 1 or any(x.group for x in found):
            # the members of a group share its words: each its own key
            found = tuple(x.replaced(key=view.fresh_key()) for x in found)
        out.extend(found)
    return _in_order(out, tokens, grammar)


def _lineage(out: list[Mention], view: SentenceView, particles) -> list[Mention]:
    """A person's name goes on over the lineage words right after it (morphology.yaml ``lineage_particles``:
    'X بن Y', 'X بن Y آل Z'): the father's or family name is his, no surname
    of someone named before, and a title after it is his.

    >>> import types
    >>> toks = [types.SimpleNamespace(text=w, is_word=True) for w in "A B ibn C al D said".split()]
    >>> view = types.SimpleNamespace(tokens=toks, lows=[t.text.lower() for t in toks])
    >>> [(m.start, m.end) for m in _lineage([Mention(0, 2, "P", "person", "name")], view, {"ibn", "al"})]
    [(0, 6)]
    """
    if not particles:
        return out
    lows, tokens = view.lows, view.tokens
    starts = {m.start for m in out}
    kept = []
    for m in out:
        end = m.end
        if m.kind == "person" and m.how == "name":
            while end + 1 < len(tokens) and lows[end] in particles and tokens[end + 1].is_word \
                    and end not in starts and end + 1 not in starts:
                end += 2
        kept.append(m.replaced(end=end) if end != m.end else m)
    return kept


def _demonym_owner(form, out: list[Mention], memory: Memory) -> str:
    """A demonym two states share ('الغيني': Guinea's, Equatorial Guinea's) is the one's the text last named by
    name, in this sentence or before; none named: the gazetteer's own entity."""
    owners = {form.entity, *form.shared_with}
    named = [m.entity for m in out if m.how == "name"][::-1] + list(memory.recent_countries[::-1])
    return next((e for e in named if e in owners), form.entity)


def _joined_after(m: Match, out: list[Mention], grammar) -> bool:
    """'the five states and the AU': a counted group followed by a name its conjunction joins lists one more
    party; the name does not say who the group is (as 'the capital Bamako' does); so for a headed anaphor ('بين
    المملكة وجمهورية النيجر': the kingdom and Niger, two sides; rulesBT3, b376_04)."""
    return ((m.payload.count or 0) >= 2 or bool(m.payload.heads)) and any(
        o.start == m.end and o.clitic[:1] in grammar.conjunction_clitics and o.clitic for o in out)


def _object_after(m: Match, out: list[Mention]) -> bool:
    """'وشكلت الدول الثلاث تحالف X': a counted group of states or people followed by a name of another kind (a bloc,
    a group) is the verb's subject before its object; that name does not say who the group is."""
    return (m.payload.count or 0) >= 2 and any(
        o.start == m.end and o.kind not in ("country", "person") for o in out)


def _named_after(m: Match, dropped, starts) -> bool:
    """'العاصمة الغينية بيساو': an anaphor inside a name dropped for the word after it ('the Guinean capital' before
    'Bissau') is that next name's, as in 'العاصمة باماكو'."""
    return any(s <= m.start and m.end <= e and e in starts for s, e in dropped)


def _in_order(out: list[Mention], tokens: list[Token], grammar) -> tuple[Mention, ...]:
    """The mentions by position, introductions shared along lists."""
    if len(out) < 2:
        return tuple(out)
    out.sort(key=_START)
    return tuple(_share_introductions(out, tokens, grammar.conjunction_clitics))


def _governs(view: SentenceView, m: Match, grammar) -> bool:
    """'the X government': a person's name between an article and a body through which a state acts."""
    lows = view.lows
    return 0 < m.start and m.end < len(lows) and lows[m.start - 1] in grammar.determiners \
        and lows[m.end] in grammar.possessed_bodies


def _owns_body(tokens, i: int, grammar) -> bool:
    """"Algeria's Foreign Ministry announced ...": a state body the gazetteer may not name acts for its owner."""
    bodies = grammar.possessed_bodies
    return bool(bodies) and any(tokens[j].text.lower() in bodies for j in range(i, min(i + 2, len(tokens))))


def _surnames(view: SentenceView, taken: set[int], memory: Memory) -> list[Mention]:
    """'إبراهيم تراوري' once named, 'تراوري' alone is him (even when the gazetteer cannot say so)."""
    out: list[Mention] = []
    surnames = memory.surnames
    if not surnames:
        return out
    proclitics = view.grammar.proclitic_letters
    named = surnames.get
    tokens = view.tokens
    known = surnames.keys()
    texts = list(map(_TEXT, tokens))
    if known.isdisjoint(texts) and known.isdisjoint(map(_TAIL, texts)):
        return out   # (most sentences name no one known by a surname)
    # the words that are a surname known, or one after a proclitic letter
    for i in [i for i, text in enumerate(texts) if text in surnames or text[1:] in surnames]:
        tok = tokens[i]
        word = tok.text
        if len(word) < 3 or not tok.is_word or i in taken:
            continue
        clitic = ""
        ent = named(word)
        if ent is None and word[0] in proclitics:   # 'وتراوري'
            ent, clitic = named(word[1:]), word[0]
        if ent:
            out.append(Mention(i, i + 1, ent, "person", "name", clitic, intro_of(view, i, clitic), key=i))
    return out


def _share_introductions(out: list[Mention], tokens: list[Token], conjunction_clitics) -> list[Mention]:
    """A conjunct keeps the preposition of the mention before it; a restatement in brackets is one mention with
    the name before it ('ECOWAS (the bloc) and the AES': the brackets do not break the list); brackets that hold
    more than one name list members ('اتحاد الساحل (مالي والنيجر)') and restate nothing."""
    kept: list[Mention] = []
    for m in out:
        prev = kept[-1] if kept else None
        if prev is not None and m.start == prev.end and prev.intro and not m.intro \
                and m.clitic[:1] in conjunction_clitics and m.clitic:
            m = m.replaced(intro=prev.intro)   # 'من السنغال وكوت ديفوار': both come after من
        if prev is not None and m.start == prev.end and prev.intro and not m.intro and m.entity == prev.entity:
            m = m.replaced(intro=prev.intro)   # 'في العاصمة التوغولية لومي': the name restates the words before
        if prev is not None and m.start == prev.end + 1 and tokens[prev.end].text == RESTATEMENT[0] \
                and not m.intro and m.end < len(tokens) and tokens[m.end].text == RESTATEMENT[1] \
                and not prev.group and not m.group and not (prev.kind == "country" and m.kind == "person"):
            if m.entity != prev.entity and any(k.entity == m.entity for k in kept[:-1]):
                # 'X، الفرع التابع لـY (X)': brackets naming an actor told earlier in the sentence restate that
                # one's whole phrase, not the name just before them (Y stays Y)
                kept[-1] = prev.replaced(end=m.end + 1)
                continue
            # 'من المجموعة الاقتصادية لدول غرب أفريقيا (إيكواس)': one mention, with the preposition before it;
            # 'بعثة الأمم المتحدة (مينوسما)': the name in brackets is the one meant; 'عبد الله ديوب (مالي)': a
            # person's state in brackets says whose he is, and the person is meant ('Ghana (X), Togo (Y) and ...':
            # a state's leader in brackets stays a mention of his own, coordination.bracketed_leaders)
            # (the state in brackets states the person's tie to it: anaphora.stated_by_anaphora checks it)
            # ('X (Lagos)': a governor's region in brackets is his too, and the person is meant)
            kept[-1] = prev.replaced(end=m.end + 1, states=("HOLDS_ROLE", m.entity)) \
                if prev.kind == "person" and m.kind in ("country", "place") else \
                prev.replaced(end=m.end + 1, entity=m.entity, kind=m.kind)
            continue
        kept.append(m)
    return kept


def _listed_after_head(lows: Sequence[str], start: int, clitic: str, grammar, most: int = 8) -> bool:
    """Is the adjective at ``start`` one more item of a list of adjectives (each with the article) that describes a
    noun of morphology.yaml ``non_actor_heads``: 'the Arabic, French and Turkish languages' are languages, not
    states (rulesCJ4, b468_02)? Items are one word each, parted by a list separator or a conjunction, written
    apart or glued to the next item; without the article (the head without it too: 'Canadian and French firms')
    only the one right on the head.

    >>> from types import SimpleNamespace as NS
    >>> g = NS(conjunction_clitics=("&",), list_separators=frozenset({","}), conjunctions=frozenset({"and"}),
    ...        article="al", non_actor_heads=frozenset({"tongue"}))
    >>> _listed_after_head("the tongue alfoo , albar &alqux".split(), 5, "&", g)
    True
    >>> _listed_after_head("the tongue alfoo , albar &alqux".split(), 4, "", g)
    True
    >>> _listed_after_head("the people alfoo , albar".split(), 4, "", g)
    False
    >>> _listed_after_head("the tongue alfoo albar".split(), 3, "", g)
    False
    >>> _listed_after_head("some tongue foo &bar".split(), 3, "&", g)
    True
    >>> _listed_after_head("some people foo &bar".split(), 3, "&", g)
    False
    """
    conj, art = grammar.conjunction_clitics, grammar.article
    k, joined = start, bool(clitic) and clitic[:1] in conj
    for _ in range(most):
        if joined:
            k -= 1
        elif k >= 2 and (lows[k - 1] in grammar.list_separators or lows[k - 1] in grammar.conjunctions):
            k -= 2
        else:
            return False
        word = lows[k]
        glued = word[:1] in conj and word[1:].startswith(art)
        if not art or k < 1 or not (word.startswith(art) or glued) and lows[k - 1] not in grammar.non_actor_heads:
            return False   # (items without the article only right on their head: 'شركات X-ية وY-ية', rulesCW4)
        if lows[k - 1] in grammar.non_actor_heads:
            return not glued
        joined = glued
    return False


def _unjoined(word: str, conjunctions) -> str:
    """A word without the conjunction glued to its front ('ووزير' -> 'وزير'), else ''."""
    lead = next((c for c in conjunctions if word.startswith(c) and len(word) > len(c) + 1), "")
    return word[len(lead):] if lead else ""


def _ends_on_tail(view: SentenceView, end: int) -> bool:
    """Does a noun of morphology.yaml ``non_actor_tails`` follow, ending its phrase ('at the Sudanese border,',
    'Malian rebels who ...')? Before another noun it only qualifies that noun ('a Ghanaian border town')."""
    lows, g = view.lows, view.grammar
    if end >= len(lows) or lows[end] not in g.non_actor_tails:
        return False
    k = end + 1
    return k >= len(lows) or not view.tokens[k].is_word or lows[k] in g.prepositions or lows[k] in g.conjunctions \
        or lows[k] in g.clause_openers or lows[k] in g.determiners


def _names_instrument(lows: Sequence[str], m: Match, grammar) -> bool:
    """Is the name at ``m`` inside a treaty's or statute's name (morphology.yaml ``instruments``: the words right
    before and right after it)? A capital names the treaty signed there ('the Treaty of Lisbon'): no act of its state.
    """
    edges = grammar.instrument_edges
    if not ((m.start and lows[m.start - 1] in edges) or (m.end < len(lows) and lows[m.end] in edges)
            or None in edges):
        return False   # (most names stand beside no word of an instrument)
    for before, after in grammar.instruments:
        if len(before) > m.start or m.end + len(after) > len(lows):
            continue
        if tuple(lows[m.start - len(before):m.start]) == before and tuple(lows[m.end:m.end + len(after)]) == after:
            return True
    return False


def intro_of(view: SentenceView, start: int, clitic: str) -> str:
    """The preposition that introduces the words at ``start`` (attached or the word before), or ''."""
    tokens, g = view.tokens, view.grammar
    for c in clitic:
        if c in g.clitic_prepositions:
            return c
    if start > 1 and tokens[start - 1].text in g.quote_openers:
        start -= 1   # 'المنخرطة في "تحالف دول الساحل"': the preposition before the quoted name introduces it
    if start > 1 and tokens[start - 1].text in g.actor_heads_prepositions and _head_before(view.lows, start - 1,
                                                                                             g.actor_heads_in):
        return ""   # 'السلطات في بوركينا فاسو', 'الأنظمة العسكرية الحاكمة في A': the country itself acts
    if start > 1 and view.lows[start - 1] in g.actor_heads_of_prepositions and _head_before(view.lows, start - 1,
                                                                                           g.actor_heads_of):
        return ""   # 'the military leaders of Mali, ...', 'the heads of state of the AU resolved': Mali, the AU act
    if start > 2 and view.lows[start - 1] in g.actor_heads_of_prepositions and g.each_head(view.lows[start - 2]):
        return ""   # 'لكل من A وB', 'بكل من A' ("for each of"): as 'كل من', no 'from' introduces the list
    if start > 2 and view.lows[start - 1] in g.actor_heads_of_prepositions and view.lows[start - 2] in g.place_heads:
        k = start - 2   # 'visited the port of X', 'flew to the city of X': the name is introduced as its head is
        while k > 0 and (view.lows[k - 1] in g.place_heads or view.lows[k - 1] in g.determiners):
            k -= 1
        return intro_of(view, k, "")
    if start > 1 and view.lows[start - 1] in g.epithet_ends:
        for words in g.epithets:   # 'broke off ties with former colonial power France': the preposition before them
            k = len(words)
            if start > k and tuple(view.lows[start - k:start]) == words:
                start -= k
                break
    if start > 0:
        prev = tokens[start - 1].text
        prev = prev[1:] if prev[:1] in g.conjunction_clitics and prev[1:] in g.prepositions else prev
        prev = prev.lower()
        if prev in g.prepositions:
            return prev
        if g.place_heads and start > 1:
            return _place_intro(view, start - 1)
    return ""


def _head_before(lows: list[str], end: int, heads) -> bool:
    """Do the 1 to ACTOR_HEAD_WORDS words before ``end`` make one of ``heads``? (A loop: any() over a generator would
    make intro_of's locals cells, made at every call.)"""
    for k in range(1, min(ACTOR_HEAD_WORDS, end) + 1):
        if " ".join(lows[end - k:end]) in heads:
            return True
    return False


def _place_intro(view: SentenceView, k: int) -> str:
    """The preposition of a place head right before a name ('للعاصمة X', 'إلى العاصمة X', 'to the capital X'): the
    name is introduced as its head is (a destination, a venue), not a bare actor."""
    g, low = view.grammar, view.lows[k]
    low = low[1:] if low[:1] in g.conjunction_clitics else low
    if low[:1] not in g.clitic_prepositions:
        return ""
    rest = low[1:]
    if low[0] in g.article_contractions and g.article and rest.startswith(g.article[1:]):
        rest = g.article + rest[len(g.article) - 1:]   # 'للعاصمة': the article's first letter absorbed
    return low[0] if rest in g.place_heads else ""


def select_triggers(matches: Sequence[Match], mentions: Sequence[Mention],
                    view: SentenceView | None = None) -> list[Match]:
    """Stage 3: trigger matches outside entity names; where several start at one word, the longest wins.

    One rule matching the same words twice is one trigger: the reading that
    recognizes more of the word's prefixes wins ('سيلتقي' listed as written and
    as س + 'يلتقي' is a future meeting, not also a present one).
    """
    if not matches:
        return []
    # names hide the words inside them; so do groups ('the three countries' is no 'countries' of an alliance)
    inside = {i for m in mentions if m.how not in ("anaphor", "pair") or m.group for i in range(m.start, m.end)}
    found = [m for m in matches if m.start not in inside]
    if len({m.start for m in found}) == len(found):
        return found   # (most sentences: one trigger at each word, each the longest there and read once)
    best: dict[int, int] = {}
    for m in found:
        best[m.start] = max(best.get(m.start, 0), m.end)
    spare = _gapless_spares(found, best, view) if view is not None else set()
    readings: dict[tuple, Match] = {}
    for m in found:
        if m.end == best[m.start] or (m.start, m.end, id(m.payload)) in spare:
            key = (m.start, m.end, id(m.payload))
            if key not in readings or len(m.clitic) > len(readings[key].clitic):
                readings[key] = m
    # across rules, one that lists the words with their prefix ('بالتعاون مع', in cooperation with) reads them
    # more closely than one that strips it ('التعاون مع', a pledge): the stripped reading yields
    literal: dict[int, int] = {}
    for (start, _end, _rule), m in readings.items():
        literal[start] = min(literal.get(start, len(m.clitic)), len(m.clitic))
    return [m for m in found if readings.get((m.start, m.end, id(m.payload))) is m
            and len(m.clitic) == literal[m.start]]


def _gapless_spares(found: Sequence[Match], best: dict[int, int], view: SentenceView) -> set[tuple]:
    """Where the longest trigger at a word skips words past a comma ('visit to ... by') the longest one of its type
    that skips none stays too: a gap run into another clause ('a visit to Dakar, answering the call made by his
    host') may tell nothing, and the plain words then do ('visit to'); when the longer one tells, its type's inner
    trigger is dropped (pipeline._events)."""
    gapped = {(m.start, m.payload.type) for m in found
              if m.end == best[m.start] and GAP_TEXT in m.pattern and comma_between(view, m.start, m.end)}
    if not gapped:
        return set()
    plain: dict[tuple, int] = {}
    for m in found:
        key = (m.start, m.payload.type)
        if key in gapped and GAP_TEXT not in m.pattern and m.end < best[m.start]:
            plain[key] = max(plain.get(key, 0), m.end)
    return {(m.start, m.end, id(m.payload)) for m in found
            if GAP_TEXT not in m.pattern and plain.get((m.start, m.payload.type)) == m.end}


ADDRESSEE_LEAD = 4   # words between an addressee cue and the name it addresses ('to the president of the Council')


def addressed(view: SentenceView, mentions: Sequence[Mention], triggers: Sequence[Match]) -> frozenset[int]:
    """The keys of the mentions a message is addressed to (morphology.yaml ``addressee_cues``: 'in a letter to
    the council', 'في رسالة رسمية إلى الأمين العام'): they read the message, no argument of the sentence's events
    ('A condemned B in a letter to C': C neither condemns nor is condemned). A trigger that holds the message or
    stands right before it ('رسالة احتجاج إلى X', 'a protest letter to X') makes the one addressed its target."""
    cues = spans_of(view, view.grammar.addressee_cues)
    if not cues or not mentions:
        return frozenset()
    return _addressed(view, mentions, triggers, cues)


def _addressed(view: SentenceView, mentions: Sequence[Mention], triggers: Sequence[Match], cues) -> frozenset[int]:
    """addressed, in a sentence with a cue (apart: its generators make its locals cells, made at every call)."""
    g, by_start = view.grammar, {m.start: m for m in mentions}
    skip = g.determiners | g.actor_heads_of_prepositions
    keys: set[int] = set()
    for s, e in cues:
        if any(t.start <= s <= t.end for t in triggers):
            continue
        i = e
        while i < len(view.tokens) and i not in by_start and i - e < ADDRESSEE_LEAD and (
                i in view.title_tokens or view.lows[i] in skip):
            i += 1
        first = by_start.get(i)
        while first is not None:
            keys.add(first.key)
            first = next((m for m in mentions if m.start >= first.end and view.is_coordinated(first, m, True)), None)
    return frozenset(keys)
