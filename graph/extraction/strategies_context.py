"""Argument strategies that read beyond the words around the trigger: the sentence's opening phrase (a place, or
a fronted event whose subject follows it), the event the sentence before told, the relation told earlier in the
sentence (its target, its doers, or all its parties). Registered in :data:`graph.extraction.strategies.STRATEGIES`
as ``locative``, ``fronted``, ``restated``, ``told``, ``doers`` and ``parties``; each takes and returns what every strategy
does (graph.extraction.strategies). ``_restates`` tells the ``after`` strategy a place named again after a comma
('in Abuja, the Nigerian capital'), which is no party.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from .coordination import conjuncts
from .mentions import intro_of
from .sentence import SPEECH, comma_between, spans_of, venue_phrases

if TYPE_CHECKING:
    from ..matcher import Match
    from ..schema.compiled import Slot
    from .memory import Memory
    from .sentence import Mention, Scene

__all__ = ["RESTATED_SENTENCES", "FRONTED_MAX", "INCLUSIVE_GAP", "included", "included_after", "heads_opener", "names_place", "after_place", "held", "through",
           "subordinate", "closing_speaker", "described", "described_keys", "reported", "in_relative",
           "adverbial"]

RESTATED_SENTENCES = 2   # how far back the event a sentence restates may be told (a sentence of comment between)
FRONTED_MAX = 3          # words from the comma closing a fronted phrase to the main clause's subject
VENUE_TOKENS = 16        # tokens of a venue aside ('على هامش القمة السابعة والثلاثين للاتحاد الأفريقي،')
FRONTED_COMMAS = 3       # commas inside a fronted phrase (a name after its title, an actorless clause) and its last
INCLUSIVE_GAP = 3        # words (an adjective, a comma, 'in X') between a plural head and the opener of its members
TITLE_WORDS = 5          # title words between an opener and the member it names


def _uncounted(word: str) -> str:
    """The word without the digits written on its front (any script's digits).

    >>> _uncounted("5officials"), _uncounted("officials")
    ('officials', 'officials')
    """
    i = 0
    while i < len(word) and word[i].isdigit():
        i += 1
    return word[i:]


def _locative(scene: Scene, slot: Slot, trig: Match, source: Mention | None, emitted: tuple,
              memory: Memory) -> list[Mention]:
    """'In Guinea, ECOWAS had imposed a ban ...', 'وفي مالي، فرضت ...': the actor of a locative phrase that opens
    the sentence (a preposition of the slot's ``via``, the name, a comma before the trigger); a one-word
    sentence adverb set off by its comma may come first ('Meanwhile, in X, ...')."""
    view = scene.view
    m = next((m for m in scene.mentions if m.start < trig.start), None)
    if m is None or m.intro not in slot.via:
        return []
    before = view.words_between(0, m.start)
    if before > 2 or (before == 2 and not comma_between(view, 0, m.start)):
        return []
    return [m] if comma_between(view, m.end, trig.start) else []


def _restated(scene: Scene, slot: Slot, trig: Match, source: Mention | None, emitted: tuple,
              memory: Memory) -> list[Mention]:
    """'X announced a visa ban on 12 countries. The new ban targets A, B and C': words that restate the event
    the sentence before told keep its actor (the one who led that sentence), in any language."""
    st = memory.subject
    if st is None or scene.view.sentence.index - st[1] > RESTATED_SENTENCES:
        return []
    return [scene.view.carried(trig, st[0], origin=memory.subject_span)]


def _went_on(scene: Scene, slot: Slot, trig: Match, source: Mention | None, emitted: tuple,
             memory: Memory) -> list[Mention]:
    """'An attack by X hit Y on Saturday. The villages of A and B were targeted ...': an agentless passive goes on
    with the event last dated, of a type the slot's ``via`` names, told a sentence or two before: its actor."""
    last = memory.last_dated
    if last is None or last.kind not in slot.via or last.background or last.said \
            or not 0 < scene.view.sentence.index - last.index <= RESTATED_SENTENCES:
        return []
    return [scene.view.carried(trig, last.actor)]


def _parties(scene: Scene, slot: Slot, trig: Match, source: Mention | None, emitted: tuple,
             memory: Memory) -> list[Mention]:
    """'X held talks with A and B, which ended with the signing of a memorandum': an event that closes the one
    told just before it in the sentence (a type of the slot's ``via``) has every party of that one; so does one
    whose words the other's end in ('agreed to X's request to withdraw': the request granted is X's)."""
    told = [(t, rel) for t, rel in emitted if t.start < trig.start and rel.type in slot.via]
    if not told:
        return []
    last = told[-1][0]
    parties: dict[str, tuple | None] = {}
    for t, rel in told:
        if t is last:
            spans = rel.evidence[0].spans if rel.evidence else {}
            parties.setdefault(rel.source, spans.get("source"))
            parties.setdefault(rel.target, spans.get("target"))
    return [scene.view.carried(trig, e, origin=span) for e, span in parties.items()]


def _told(scene: Scene, slot: Slot, trig: Match, source: Mention | None, emitted: tuple,
          memory: Memory) -> list[Mention]:
    """'X had levied sanctions against Y after the coup, but lifted them', 'العقوبات التي فرضتها X ... والتي رفعتها':
    what 'them' stands for, the target of the latest relation told before the trigger in the sentence, of a type
    the slot's ``via`` names."""
    rel = next((rel for t, rel in reversed(emitted) if t.end <= trig.start and rel.type in slot.via), None)
    if rel is None:
        return []
    return [scene.view.carried(trig, rel.target, origin=rel.evidence[0].spans.get("target") if rel.evidence else None)]


def _doers(scene: Scene, slot: Slot, trig: Match, source: Mention | None, emitted: tuple,
           memory: Memory) -> list[Mention]:
    """'A and B recalled their envoys from C in protest at C's backing of rebels': who protests is who did the
    latest relation told before the trigger in the sentence, of a type the slot's ``via`` names (each of them)."""
    told = [(t, rel) for t, rel in emitted if t.end <= trig.start and rel.type in slot.via]
    if not told:
        return []
    last, out = told[-1][0], {}
    for t, rel in told:
        if t is last and rel.source not in out:
            out[rel.source] = rel.evidence[0].spans.get("source") if rel.evidence else None
    return [scene.view.carried(trig, who, origin=span) for who, span in out.items()]


def _fronted(scene: Scene, slot: Slot, trig: Match, source: Mention | None, emitted: tuple,
             memory: Memory) -> list[Mention]:
    """'Following a meeting with X, Sonko said': an event in a phrase fronted before the main clause (its opener
    first in the sentence, morphology.yaml ``fronted_openers``, or right before the trigger with no actor before
    it: 'وفي تصريحات عقب اجتماع مع X') has the main clause's subject, the first actor after the comma that closes
    the phrase (within the slot's max words). The phrase's own asides are passed over: the counterpart's name after
    his title ('مع وزير الخارجية، X،') and a clause that names no actor, up to FRONTED_COMMAS commas."""
    view = scene.view
    tokens, g = view.tokens, view.grammar
    if not tokens or not g.fronted_openers:
        return []
    def opener(words: str) -> bool:   # (with a conjunction written on it: 'وفي ...')
        return words in g.fronted_openers or (words[:1] in g.conjunction_clitics and words[1:] in g.fronted_openers)

    if not opener(tokens[0].text.lower()) and not opener(" ".join(t.text.lower() for t in tokens[:2])) and not (
            trig.start > 2 and (opener(view.lows[trig.start - 1]) or opener(view.lows[trig.start - 2])) and scene.mentions
            and all(m.start >= trig.end for m in scene.mentions)):
        return []   # (an opener of two words: 'في إطار زيارة ...، سلم X')
    commas = _phrase_commas(scene, trig.end)
    if not commas or comma_between(view, 1, trig.start):
        return []
    limit = FRONTED_MAX if slot.max is None else slot.max
    for n, comma in enumerate(commas):
        m = next((m for m in scene.mentions if m.start > comma and m.key not in scene.modifiers), None)
        if m is None:
            return []
        m = _titled_holder(scene, m)
        if m.kind == "person" and m.end < len(tokens) and tokens[m.end].text in view.commas and (
                m.intro or comma - 1 in view.title_tokens):
            continue   # the counterpart named after his title, set off by commas: the phrase goes on
        if m.intro or not m.entity or _title_introduced(view, m):
            return []   # (an unbound 'both sides' is no actor yet; 'سلم الوزير رسالة من الرئيس X': no subject)
        if subordinate(view, comma + 1, m.start) is not None:
            return []   # ('عقب اجتماع عقده X، في حين أعلنت Y ...': a clause of its own, no main clause of the phrase)
        if _words_to(view, comma + 1, m.start) > limit:
            if n == 0:
                return []
            continue   # a clause with no actor after the counterpart's name ('، X، تم تخصيصه لـ...،')
        # ('After expelling X, all three nations left Y': a group anaphor stands for every member at its span)
        chain = tuple(x for x in scene.mentions if x.group and (x.start, x.end) == (m.start, m.end)) if m.group \
            else conjuncts(scene, m)
        if m.kind != "person" and len(chain) == 1 and any(i in view.title_tokens for i in range(comma + 1, m.start)):
            return []   # ('..., بمن فيهم رئيس الدبلوماسية المالية، ركزت': a title's state in an aside is no subject)
        # the phrase's own words stay free; a plural title's states are all the subject ('جدد رؤساء دبلوماسية A وB')
        return [view.carried(trig, x.entity, origin=view.span(x.start, x.end)) for x in chain]
    return []


def _phrase_commas(scene: Scene, start: int) -> list[int]:
    """The commas after token ``start`` that may close a fronted phrase, FRONTED_COMMAS of them. An attendance aside
    (morphology.yaml ``attendance_cues``: 'عقب مباحثاته مع Y، بحضور الوزير A، أعرب X') is passed over whole, its
    commas uncounted, up to the comma right after the first person named in it: who sat in is no subject."""
    view = scene.view
    tokens = view.tokens
    inside: set[int] = set()
    for s, e in spans_of(view, view.grammar.attendance_cues):
        if s < start or tokens[s - 1].text not in view.commas:
            continue
        who = next((m for m in scene.mentions if m.start >= e and m.kind == "person"), None)
        if who is not None and who.end < len(tokens) and tokens[who.end].text in view.commas:
            inside.update(range(s - 1, who.end))
    commas = [i for i in range(start, len(tokens)) if tokens[i].text in view.commas and i not in inside]
    return commas[:FRONTED_COMMAS]


def _titled_holder(scene: Scene, m: Mention) -> Mention:
    """'وزراء خارجية لـA X، ولـB Y': a state set by a preposition after a title is the office's, the person named
    right after it holds it and is the actor (the list goes on from him)."""
    view = scene.view
    if not m.intro or m.kind == "person" or m.start - 1 not in view.title_tokens:
        return m
    holder = next((x for x in scene.free if x.start == m.end), None)
    return holder if holder is not None and holder.kind == "person" else m


def _title_introduced(view, m: Mention) -> bool:
    """Does a preposition written apart introduce the title right before a person's name ('a letter from
    President X', 'رسالة من الرئيس X')? The person is then the preposition's object, not a clause's subject."""
    j = m.start
    while j - 1 in view.title_tokens:
        j -= 1
    return m.kind == "person" and j < m.start and bool(intro_of(view, j, ""))


def _words_to(view, a: int, b: int) -> int:
    """Words from a to b, titles, determiners and 'of' not counted ('the foreign ministers of X')."""
    g = view.grammar
    return sum(1 for i in range(a, b) if view.tokens[i].is_word and i not in view.title_tokens
               and view.lows[i] not in g.determiners and view.lows[i] not in g.actor_heads_of_prepositions)


def _first_person(view, trig: Match) -> bool:
    """'"I held (extensive) talks with Y," X said': the first person within two words before the trigger."""
    return not view.grammar.first_persons.isdisjoint(view.lows[max(0, trig.start - 3):trig.start])


def _past_venue(view, i: int) -> int:
    """After a venue aside that opens at token i and a comma closes ('على هامش الدورة ...،', 'on the sidelines of
    ...,'), the token after that comma; else i."""
    if not any(s == i for s, _e in venue_phrases(view)):
        return i
    close = next((j for j in range(i + 1, min(len(view.tokens), i + VENUE_TOKENS)) if view.tokens[j].text in view.commas),
                 None)
    return close + 1 if close is not None and close + 1 < len(view.tokens) else i


def _past_frame(view, slot: Slot, i: int) -> int:
    """The slot's preposition right after the comma closing a framing phrase at token i ('during a visit to Y,',
    morphology.yaml ``frames``), else i: 'اتفق X خلال زيارة له إلى Y، مع Z'."""
    if i >= len(view.tokens):
        return i
    k = i + (view.tokens[i].text in view.commas)
    if k >= len(view.tokens) or view.lows[k] not in view.grammar.frames:
        return i
    close = next((j for j in range(k + 1, min(len(view.tokens), k + 10)) if view.tokens[j].text in view.commas), None)
    return close + 1 if close is not None and close + 1 < len(view.tokens) and view.lows[close + 1] in slot.preps else i


def _restates(view, prev: Mention | None, m: Mention) -> bool:
    """Is m the same actor as the introduced mention just before it, set off by a comma ('in Abuja, the Nigerian
    capital', 'في أبوجا، العاصمة النيجيرية'), or after its place head ('in Ghana's capital, Accra')?"""
    if prev is None or not prev.intro or m.intro or prev.entity != m.entity:
        return False
    return _restated_gap(view, view.lows[prev.end:m.start])


def _restated_gap(view, gap: list[str]) -> bool:
    """_restates past its quick answer (apart: its generators make its locals cells, made at every call)."""
    grammar = view.grammar
    if gap[:1] and gap[0] not in view.commas:   # a possessive and a place head before the comma
        marks = {t for p in grammar.possessives for t in p}
        head = [w for w in gap if w not in view.commas and w not in marks]
        if not any(w in view.commas for w in gap) or not head or any(w not in grammar.place_heads for w in head):
            return False
    return bool(gap) and all(w in view.commas or w in grammar.determiners or w in grammar.place_heads
                             or any(w in p for p in grammar.possessives) for w in gap)


def names_place(view, m: Mention) -> bool:
    """Does m open on a place head (morphology.yaml ``place_heads``: 'بالعاصمة الغانية'), a name of where something is
    held rather than of who takes part? A state or town with a locative written on it ('قمة ... بمالي') is one too:
    a meeting is held with a person or a body, in a country (rulesBC4, b288_04)."""
    if m.kind in ("country", "place") and m.clitic and m.intro in view.grammar.locatives:
        return True
    return view.lows[m.start][len(m.clitic):] in view.grammar.place_heads


def held(scene: Scene, j: int) -> bool:
    """Is token j in a mention that describes a title's holder, or its possessive ("Togo's Foreign Minister X")?"""
    return any(m.start <= j < m.end + 2 for m in scene.mentions if m.key in scene.modifiers)


def through(view, k: int, prepositions=None) -> str:
    """The preposition before an article before token k, which leaves a mention's own introduction empty: by
    default one of a destination or a party ('sent an envoy to the Gambia for consultations', morphology.yaml
    oblique_prepositions), an oblique actor, no subject before a trigger (not 'by the X, a unit ...', 'soldiers
    from the X mission': an agent or a part may still be one); or one of ``prepositions``."""
    lows, g = view.lows, view.grammar
    if k > 1 and lows[k - 1] in g.determiners and lows[k - 2] in (
            g.oblique_prepositions if prepositions is None else prepositions):
        return lows[k - 2]
    return ""


def after_place(scene: Scene, m: Mention) -> int:
    """The token after place m and the same place named again right after it ('بالعاصمة الغانية أكرا')."""
    i = m.end
    while i in scene.by_start and scene.by_start[i].entity == m.entity:
        i = scene.by_start[i].end
    return i


def included(scene: Scene, i: int) -> Mention | None:
    """'from several West African nations, including A, B and C', 'من دول عدة، منها A وB': at a plural head
    (morphology.yaml ``inclusive_heads``) followed, a word or two on, by an opener of its members
    (``inclusive_openers``), the first member named right after the opener (the others come along with it)."""
    view = scene.view
    grammar = view.grammar
    if view.lows[i] not in grammar.inclusive_heads and _uncounted(view.lows[i]) not in grammar.inclusive_heads:
        return None   # (a count written on the head, digits glued to the word)
    k, words = i + 1, 0
    while k < len(view.tokens) and words <= INCLUSIVE_GAP:
        named = scene.by_start.get(k)
        if named is not None:   # a name is one word however long ('officials in Burkina Faso, including')
            k, words = named.end, words + 1
            continue
        after = next((e for s, e in spans_of(view, grammar.inclusive_openers) if s == k), None)
        if after is not None:
            while after < min(len(view.tokens), k + TITLE_WORDS) and after not in scene.by_start \
                    and after in view.title_tokens:
                after += 1   # 'among them the transitional prime minister X': the member's title
            m = scene.by_start.get(after)
            return m if m is not None and m.key not in scene.modifiers and not m.intro else None
        if view.is_boundary(k) and view.tokens[k].text not in view.commas:
            return None
        k, words = k + 1, words + 1
    return None


def included_after(scene: Scene, start: int, reach: int) -> Mention | None:
    """The first member an inclusive list names after a plural head within ``reach`` words of ``start``, with
    no actor and no clause boundary before the head ('from several other Sahel nations, including A')."""
    view = scene.view
    words = 0
    for i in range(start, len(view.tokens)):
        if words > reach or i in scene.by_start or view.is_boundary(i):
            return None
        listed = included(scene, i)
        if listed is not None:
            return listed
        words += view.tokens[i].is_word
    return None


def subordinate(view, start: int, end: int) -> int | None:
    """Where the first subordinator (morphology.yaml ``subordinators``: 'while', 'came as', 'بينما') among tokens
    [start, end) stands, or None: what follows it is another clause's."""
    subs = view.grammar.subordinators
    if not subs:
        return None
    return next((s for s, _ in spans_of(view, subs) if start <= s < end), None)


def adverbial(view, start: int) -> int | None:
    """Where the first fixed adverbial (morphology.yaml ``adverbial_heads`` and a preposition: 'بناء على طلب X', 'in
    response to') after token ``start`` opens, or None: the trigger's own phrase ends there."""
    heads, lows = view.grammar.adverbial_heads, view.lows
    if heads.isdisjoint(lows):
        return None   # (most sentences hold no such head)
    return next((k for k in range(start, len(lows) - 1) if lows[k] in heads and lows[k + 1] in view.grammar.prepositions),
                None)


def reported(view, trig: "Match") -> int | None:
    """Where the report opens after a trigger told between a speech verb and its complementizer (morphology.yaml
    ``speech_complementizers``: 'وصرح X عند بدء الاجتماع بأن الطرفين ...'), or None: the actors after it are the
    report's, not the trigger's."""
    words = view.grammar.speech_complementizers
    if not words or not any(sm.payload == SPEECH and sm.end <= trig.start for sm in view.speech):
        return None
    lows = view.lows
    if any(lows[k] in words for k in range(trig.start)):
        return None   # the trigger is inside a report already ('قال إن الطرفين عقدا قمة مع X')
    return next((k for k in range(trig.end, len(lows)) if lows[k] in words), None)


def closing_speaker(scene: "Scene", closers: tuple[str, ...]) -> "Mention | None":
    """'"...," Tiani said.': the actor right before a speech verb that closes the sentence after a quote (a comma
    or one of ``closers`` before the name), the sentence's speaker when none follows a speech verb."""
    view = scene.view
    last = next((sm for sm in reversed(view.speech) if sm.payload == SPEECH), None)
    if last is None or any(t.is_word for t in view.tokens[last.end:]):
        return None
    m = next((m for m in reversed(scene.mentions) if m.end == last.start), None)
    if m is None or m.start == 0 or m.intro or m.key in scene.modifiers:
        return None
    before = view.tokens[m.start - 1].text
    return m if before in view.commas or before in closers else None


def described(scene: "Scene", emitted: tuple, m: "Mention", at: int) -> bool:
    """Is m inside an apposition, before token ``at``, that told a relation of the actor it follows ('JNIM, an
    al-Qaeda affiliate, claimed ...': the affiliation's trigger opens after a comma and holds al-Qaeda, its source
    stands before that comma)? Such an actor describes the one before it and is no subject of a later verb."""
    view = scene.view
    for t, rel in emitted:
        if t.start <= m.start and t.end <= at and m.end <= at and rel.target == m.entity and t.start > 0 \
                and (m.end <= t.end or _phrase_after(view, t.end, m.start)) \
                and view.tokens[t.start - 1].text in view.commas and _named_before(scene.mentions, rel.source, t.start):
            return True   # (or right after the trigger, in its phrase: 'Y، المرتبطة بتنظيم Z،' describes Y)
    return False


def _phrase_after(view, end: int, start: int) -> bool:
    """Does a mention at ``start`` stand in the phrase a trigger ending at ``end`` opens (no comma between,
    a few tokens at most)?"""
    return 0 <= start - end <= 3 and not comma_between(view, end, start)


def _named_before(mentions, entity: str, at: int) -> bool:
    for x in mentions:   # (a loop: a generator in described would make its locals cells)
        if x.entity == entity and x.end < at:
            return True
    return False


def described_keys(scene: "Scene", emitted: tuple) -> frozenset[int]:
    """The keys of the sentence's mentions an apposition describes its actor with (:func:`described`): no actor
    the discourse recalls ('JNIM, an al-Qaeda affiliate, ... The group' is JNIM)."""
    if not emitted:
        return frozenset()
    return _described_keys(scene, emitted, len(scene.view.tokens))


def _described_keys(scene: "Scene", emitted: tuple, n: int) -> frozenset[int]:
    return frozenset(m.key for m in scene.mentions if described(scene, emitted, m, n))


def in_relative(scene: "Scene", m: "Mention", at: int) -> bool:
    """Is m inside a relative clause that a comma opens right after another actor and a comma closes before token
    ``at`` ('Y، التي تعد ... والمرتبطة بتنظيم Z، أعلنت': the clause describes Y; Z is no subject of the verb)?

    (Y an alliance, its clause lists its members, who act with it: 'ECOWAS, which brings together A, B and C, met'.)"""
    view = scene.view
    tokens, commas = view.tokens, view.commas
    opens = view.counts()[2]
    o = next((k for k in reversed(opens) if k < m.start), None)
    if not o or tokens[o - 1].text not in commas or not any(tokens[k].text in commas for k in range(m.end, at)):
        return False
    return any(x.end < o and x.kind != "alliance" and not any(t.is_word for t in tokens[x.end:o - 1])
               for x in scene.mentions)


def heads_opener(scene: Scene, i: int) -> bool:
    """Do tokens i, i+1 open the list named right after them ('كل من' before a name)?"""
    view = scene.view
    g = view.grammar
    return i + 2 < len(view.tokens) and (i + 2) in scene.by_start and view.lows[i] in g.actor_heads_of \
        and view.lows[i + 1] in g.actor_heads_of_prepositions
