"""Meetings that are visits too: who came from elsewhere to meet.

A meeting held in a named place ('met X in Bamako', 'وفي نيامي، التقى') is a
visit to that place's country by every party from another country; a host who
receives a guest ('استقبل الرئيس X وزير ...', 'received') does so at home
unless a place says otherwise; an envoy who hands a message over ('سلم X رسالة
... إلى الرئيس Y', 'delivered a letter to Y') goes to the recipient's country
(``guest``). A rule says which it tells with ``visit:`` (:data:`VISITS`); the prepositions that place an event and the
titles of officials who live where they serve (an ambassador meets at his
post: no visit) are language data (morphology.yaml ``locatives``,
``resident_titles``).
"""
from __future__ import annotations

from ..matcher import Match
from ..model import Relation
from .arguments import Arguments
from .sentence import Mention, Scene, phrases_in, spans_of, venue_phrases
from .strategies import date_words

__all__ = ["VISITS", "visits_of", "delegation_members", "Entourage", "sender_of_envoy"]

#: what a rule's ``visit:`` may say: the meeting is held in a place the sentence names, the source hosts it,
#: or the source goes to the target (an envoy delivering a message)
VISITS = ("place", "host", "guest")
VISITED = "VISITED"
PLACE_KINDS = ("country", "place")
HOST_REACH = 4   # words between a hosting verb and the meeting it hosts ('استضافت في يناير 2024 اجتماعات')
VENUE_REACH = 14   # words of a venue phrase between a meeting and its place ('on the sidelines of the ... in Y')
ENTOURAGE_WINDOW = 6   # sentences between a visit and the one naming who came with the visitor
RESIDENT_REACH = 3   # words between a resident title and the party it names ('سفير الصين')
PLACED = ("fact", "future")   # a meeting denied or attempted tells no visit
NAMED_HOST = ("before", "after", "gap", "prep", "fronted")   # a host named in the sentence (or its main clause
# after a fronted phrase: 'وخلال استقباله X، قال Y'), not a subject carried to it


def visits_of(scene: Scene, rule, trig: Match, args: Arguments, rels: list[Relation], schema) -> list[Relation]:
    """The visits a rule's meetings tell (none unless the rule has ``visit``)."""
    if rule.visit is None or not rels:
        return []
    view = scene.view
    parties = {m.entity: m for m in args.sources + args.targets}
    place = _place(scene, trig, args, schema)
    if place is not None and spans_of(view, view.grammar.seat_sessions):
        return []   # 'talks held at the UN's annual session in New York': they came to the body's session
    out, resident = [], _residents(scene, args.targets)
    for rel in rels:
        if rel.modality not in PLACED:
            continue
        if place is not None:
            where, guests = place.entity, (rel.source, rel.target)
        elif rule.visit == "host" and args.source_how in NAMED_HOST and not _passive(view, trig) \
                and not _elsewhere(scene, schema.country_of(rel.source), schema):
            where, guests = schema.country_of(rel.source), (rel.target,)
        elif rule.visit == "guest" and not _elsewhere(scene, schema.country_of(rel.target), schema):
            where, guests = schema.country_of(rel.target), (rel.source,)
        else:
            continue
        country = schema.country_of(where)
        if country is None:
            continue
        for guest in guests:
            mention = parties.get(guest)
            home = schema.country_of(guest)
            if home is None or home == country or mention is None or mention.key in resident or _resident(scene, mention):
                continue
            spans = {"trigger": view.span(trig.start, trig.end)}
            if mention.key >= 0 or mention.group:
                spans["source"] = view.span(mention.start, mention.end)
            if place is not None:
                spans["target"] = view.span(place.start, place.end)
            conf = rule.confidence * 0.9
            out.append(view.relation(guest, VISITED, where, rel.date, rel.modality, rule.id, conf, spans))
    return out


def _place(scene: Scene, trig: Match, args: Arguments, schema) -> Mention | None:
    """The place the meeting is held in: right after the trigger or one of its arguments ('met X, on Monday, in
    Bamako'; dates and title words aside) or after the state an argument's title names ('met X, leader of Burkina
    Faso in Ouagadougou'), or fronted right before the trigger ('وفي نيامي، التقى')."""
    view = scene.view
    seat = next((m for m in scene.mentions if m.start >= trig.end and _seat(view, m)), None)
    if seat is not None and _placed_away(scene, seat, schema):
        seat = None   # 'talks with the deputy minister in China, the official agency in Mauritania reported'
    if seat is not None and args.targets and all(m.entity == seat.entity for m in args.targets):
        return seat   # 'met his counterpart in Niamey': the counterpart's seat is where they met
    used = {m.key for m in args.sources + args.targets}
    # (a group's members stand on its words: 'وزراء الدول الثلاث في موسكو' were met in Moscow)
    ends = sorted({trig.end} | {m.end for m in args.sources + args.targets if m.key >= 0 or m.group})
    own = {schema.country_of(m.entity) for m in args.sources + args.targets} - {None}
    # (a state an argument's title names, or an official of a party's state: 'met the Russian delegation led by
    # Deputy Minister X in the capital Y'; not an envoy's, whose city is his post: 'سفير X في داكار', b232_04)
    titled = {m.end for m in scene.mentions if m.start >= trig.end and schema.country_of(m.entity) in own
              and not _resident(scene, m)}
    for m in scene.mentions:
        if m.key in used or m.kind not in PLACE_KINDS or not _located(view, m):
            continue
        if m.start >= trig.end:
            if _titles_next(scene, m, args, schema) or (_seat(view, m) and _placed_away(scene, m, schema)):
                continue
            prev = max(e for e in ends if e <= m.start)
            if not view.boundary_between(prev, m.start) and (_gap(scene, prev, m) == 0 or (
                    _gap(scene, prev, m) <= VENUE_REACH and _venue_in(view, prev, m.start))):
                return m
            if any(_gap(scene, e, m) == 0 and not view.boundary_between(e, m.start) for e in titled if e <= m.start):
                return m   # 'met X, president of Guinea in Conakry'
        elif m.end <= trig.start and _gap(scene, m.end, trig.start) == 0 \
                and not view.boundary_between(m.end, trig.start):
            return m
        elif trig.start < m.start and m.end <= trig.end:
            return m   # 'لقاء ... في مدينة X، جمع A مع B': the place a trigger's gap holds (rulesAN2, b217_01)
    return _here(scene, ends) or _hosting(scene, trig) or _opening(scene, trig)


def _here(scene: Scene, ends: list[int]) -> Mention | None:
    """'N'DJAMENA, Jan. 8 -- X met with Y here': a word pointing at the place the report is filed from (morphology.yaml
    ``here_words``), right after the trigger or an argument, names the dateline's place, the sentence's first words
    set off by a comma."""
    view = scene.view
    first = scene.mentions[0] if scene.mentions else None
    if first is None or first.start != 0 or first.kind not in PLACE_KINDS or first.end >= len(view.tokens) \
            or view.tokens[first.end].text not in view.commas:
        return None
    here = view.grammar.here_words
    return first if any(e < len(view.lows) and view.lows[e] in here for e in ends) else None


def _opening(scene: Scene, trig: Match) -> Mention | None:
    """'In Banjul, the second stop of his tour, X met Y': a place the sentence opens with, after a locative
    preposition (its own word or written on it) and set off by a comma, before the trigger, is where the event was
    held (the one right before the trigger is :func:`_place`'s already)."""
    view = scene.view
    first = scene.mentions[0] if scene.mentions else None
    if first is None or first.kind not in PLACE_KINDS or first.end > trig.start or first.end >= len(view.tokens) \
            or view.tokens[first.end].text not in view.commas or first.intro not in view.grammar.locatives:
        return None
    return first if first.start == (0 if first.clitic else 1) else None


def _titles_next(scene: Scene, m: Mention, args: Arguments, schema) -> bool:
    """'التقى وزير الأمن في بوركينا فاسو X': a state after a title word's locative, the meeting's source named
    right after as its official, is where his title serves, not where they met ('met his counterpart in Y, Z' is
    the other side's seat: a venue)."""
    view = scene.view
    # ('وزير الخارجية بجمهورية X، السيد Y': a preposition written on the state, right after the title, names the
    # title's state, whichever side its holder is; rulesAN2, b218_05)
    attached = _title_state(view, m)
    if not (attached or _seat(view, m)):
        return False
    home = schema.country_of(m.entity)
    return any(a.kind == "person" and a.start >= m.end and _gap(scene, m.end, a.start) == 0
               and not view.boundary_between(m.end, a.start) and schema.country_of(a.entity) == home
               for a in (args.sources + args.targets if attached else args.sources))


def _title_state(view, m: Mention) -> bool:
    """'وزير الخارجية بجمهورية X': a state whose preposition is written on it right after a title word is the
    title's, not a venue."""
    return bool(m.intro in view.grammar.locatives and m.clitic and m.start - 1 in view.title_tokens)


def _hosting(scene: Scene, trig: Match) -> Mention | None:
    """'بأن موسكو استضافت في يناير اجتماعات لرئيسي X وY', 'Accra hosted a summit of ...': the place right beside
    a hosting verb (morphology.yaml ``host_verbs``) a few words before the meeting, in its clause."""
    view = scene.view
    for s, e in spans_of(view, view.grammar.host_verbs):
        if e > trig.start or _gap(scene, e, trig.start) > HOST_REACH or view.boundary_between(e, trig.start):
            continue
        for m in scene.mentions:
            if m.kind in PLACE_KINDS and (m.end <= s and _gap(scene, m.end, s) == 0
                                          or e <= m.start and m.end <= trig.start and _gap(scene, e, m) == 0):
                return m
    return None


def _venue_in(view, a: int, b: int) -> bool:
    """Does a venue phrase open between tokens a and b ('on Saturday on the sidelines of the forum ...')?"""
    return any(a <= start and end <= b for start, end in venue_phrases(view))


def _located(view, m: Mention) -> bool:
    """Introduced by a locative preposition: 'in Accra', 'بالرباط', 'at the Kremlin' (a determiner between)."""
    g, tokens = view.grammar, view.tokens
    if m.intro in g.locatives:
        return True
    k = m.start - _named_head(view, m)
    if k < m.start and tokens[k - 1].text.lower() in g.locatives:
        return True   # 'في العاصمة نيامي': a place head that carries its own article
    return k > 1 and tokens[k - 1].text.lower() in g.determiners \
        and tokens[k - 2].text.lower() in g.locatives   # ('in the capital Ouagadougou': a place head)


def _named_head(view, m: Mention) -> int:
    """Tokens of the place head right before a place's name ('العاصمة نيامي'; 'in the capital, N'Djamena', its
    comma too: rulesAR3, b236_07), or 0."""
    lows, heads = view.lows, view.grammar.place_heads
    if m.start > 2 and lows[m.start - 1] in heads:
        return 1
    return 2 if m.start > 3 and lows[m.start - 1] == "," and lows[m.start - 2] in heads else 0


def _seat(view, m: Mention) -> bool:
    """'met his counterpart in Niamey', 'التقى نظيره في نيامي': a state named by a locative right after a title
    word is where its official was met."""
    lows = view.lows
    return m.key >= 0 and m.start > 1 and lows[m.start - 1] in view.grammar.locatives \
        and m.start - 2 in view.title_tokens


def _placed_away(scene: Scene, seat: Mention, schema) -> bool:
    """A state after a title's locative is the title's, not a venue, when the sentence places the event in
    another country's place ('محادثات مع نائب الوزير في الصين، حسب وكالة الأنباء بموريتانيا')."""
    home = schema.country_of(seat.entity)
    return any(m.key != seat.key and m.kind in PLACE_KINDS and _located(scene.view, m) and not _seat(scene.view, m)
               and not _title_state(scene.view, m) and schema.country_of(m.entity) not in (home, None)
               for m in scene.mentions)


def _passive(view, trig: Match) -> bool:
    """'استقبل X ... من طرف Y': an agent phrase after the verb, outside its trigger, makes X the one received."""
    return any(s >= trig.end for s, _ in spans_of(view, view.grammar.passive_agents))


def _elsewhere(scene: Scene, home: str | None, schema) -> bool:
    """'استقبل ... على هامش القمة في نيويورك': a place of another country named anywhere: no reception at home."""
    return any(_located(scene.view, m) and m.kind in PLACE_KINDS and schema.country_of(m.entity) != home
               and not _title_state(scene.view, m) for m in scene.mentions)


def _gap(scene: Scene, a: int, m: Mention | int) -> int:
    """Words between a and a mention (or a token), not counting dates, titles or the mention's own preposition."""
    view = scene.view
    b = m if isinstance(m, int) else m.start
    own = 0
    if not isinstance(m, int):   # the place's own preposition (and article) written apart
        b -= max(0, _named_head(view, m) - 1)   # (past the comma after its head: 'in the capital, X')
        while b - own - 1 >= a and own < 3 and view.lows[b - own - 1] in \
                (view.grammar.locatives | view.grammar.determiners | view.grammar.place_heads):
            own += 1
    return view.distance(a, b) - date_words(scene, a, b) - own - _retinue_words(view, a, b)


def _retinue_words(view, a: int, b: int) -> int:
    """Words of a retinue phrase (morphology.yaml ``retinue_tails``) between tokens a and b: 'received X and the
    delegation accompanying him in Y' was held in Y."""
    spans = [(s, e) for s, e in spans_of(view, view.grammar.retinue_tails) if a <= s and e <= b]
    return sum(view.distance(s, e) for s, e in spans if not any(o[0] <= s and e <= o[1] and o != (s, e) for o in spans))


def _residents(scene: Scene, targets) -> set[int]:
    """Keys of the targets listed after a resident one ('the ambassadors of A, Y, and B, Z'): the title covers the
    list."""
    listed = sorted(targets, key=lambda m: m.start)
    if not listed or not _resident(scene, listed[0]):
        return set()
    keys = {listed[0].key}
    for prev, m in zip(listed, listed[1:]):
        if not scene.view.is_coordinated(prev, m):
            break
        keys.add(m.key)
    return keys


def _resident(scene: Scene, mention: Mention) -> bool:
    """'سفير الصين لدى النيجر', 'China's ambassador': an official who serves where the meeting is."""
    view = scene.view
    titles = view.grammar.resident_titles
    lo, hi = max(0, mention.start - RESIDENT_REACH), min(len(view.tokens), mention.end + RESIDENT_REACH)
    if any(view.tokens[i].text.lower() in titles for i in range(lo, hi) if not mention.start <= i < mention.end):
        return True
    # 'X, the German Ambassador to Y': the title set off after the name, its words counted, not its commas
    words, i = 0, mention.end
    while i < len(view.tokens) and words < RESIDENT_REACH:
        if view.tokens[i].text.lower() in titles:
            return True
        words += view.tokens[i].is_word
        i += 1
    # 'سفير جمهورية الهند في النيجر، سعادة X': the title's own words (its state, its post, a courtesy title)
    # count none between the resident title and the name; another person ends the walk
    named = {i: m for m in scene.mentions for i in range(m.start, m.end) if m.key != mention.key}
    words, i = 0, mention.start - 1
    while i >= 0 and words <= RESIDENT_REACH:
        if view.tokens[i].text.lower() in titles:
            return True
        m = named.get(i)
        if m is not None and m.kind == "person":
            return False
        words += view.tokens[i].is_word and i not in view.title_tokens and m is None
        i -= 1
    return False


def sender_of_envoy(scene: Scene, mention: Mention) -> bool:
    """'حل سفير الملك X بمالي', 'سفير الرئيس السنغالي X': a person named with a title of his own right after an
    envoy's title sent the envoy, who lives at his post and came to nobody ('السفير X', no title of his own, is the
    envoy himself)."""
    view = scene.view
    titles, own, k = view.grammar.resident_titles, mention.start in view.title_tokens, mention.start - 1
    states = {i for m in scene.mentions if m.kind != "person" for i in range(m.start, m.end)}   # ('السنغالي')
    while k >= 0 and (k in view.title_tokens or k in states) and view.tokens[k].text.lower() not in titles:
        own, k = own or k in view.title_tokens, k - 1
    return mention.kind == "person" and own and k >= 0 and view.tokens[k].text.lower() in titles


def delegation_members(scene: Scene, rels: list[Relation], schema) -> list[Relation]:
    """'وصل الوفد التركي نيامي ويضم X وY', 'a visit by U.S. officials, led by X and including Y': the people a
    delegation's words name after a member cue (morphology.yaml ``delegation_cues``) made its visit too, each from
    the delegation's own state."""
    view = scene.view
    cues = view.grammar.delegation_cues
    if not cues or not any(r.type == VISITED for r in rels):
        return []
    tokens = view.tokens
    starts = [i for i, _ in phrases_in(view.lows, cues)]
    if not starts:
        return []
    out = []
    for rel in rels:
        if rel.type != VISITED or rel.modality not in PLACED:
            continue
        home = schema.country_of(rel.source)
        for m in scene.mentions:
            if m.kind != "person" or m.entity == rel.source or schema.country_of(m.entity) != home or home is None:
                continue
            cue = max((i for i in starts if i < m.start), default=None)
            if cue is None or view.boundary_between(cue, m.start):
                continue
            ev = rel.evidence[0]
            out.append(view.relation(m.entity, VISITED, rel.target, rel.date, rel.modality, ev.rule,
                                     ev.confidence * 0.9, {**ev.spans, "source": view.span(m.start, m.end)}))
    return out


def _list_ended(view, a: int, b: int) -> bool:
    """Whether an item separator between tokens a and b (morphology.yaml ``item_separators``) ends a list of
    members: past it, a preposition outside any title introduces the next person as someone else ('...؛ رسالة من
    الرئيس X': the sender, no member; '; the National Security Adviser, Y' goes on with the list)."""
    g, lows = view.grammar, view.lows
    for i in range(a, b):
        if view.tokens[i].text in g.item_separators and any(
                lows[k] in g.prepositions and k not in view.title_tokens for k in range(i + 1, b)):
            return True
    return False


class Entourage:
    """'ويضم الوفد ... هم:' then one member a line; 'Accompanying him on the mission were X; the minister, Y': the
    people named after an entourage cue (morphology.yaml ``entourage_cues``) in a sentence after a placed visit, or
    in the list lines a cue's sentence opens with ':', made that visit too, each from the visitor's own state.

    >>> Entourage().relations([])
    []
    """

    def __init__(self, window: int = ENTOURAGE_WINDOW):
        self._window = window
        self._visit: tuple[int, Relation] | None = None   # the latest placed visit and its sentence
        self._listing = False   # the last sentence was a cue's, or a member's line, of a list opened by ':'
        self._named: list[tuple[int, object, Mention, Relation, frozenset]] = []

    def see(self, scene: Scene, told: list[Relation]) -> None:
        """Note one sentence: a visit it tells, or the people its entourage cue (or list line) names."""
        view, n = scene.view, scene.view.sentence.index
        visits = [r for r in told if r.type == VISITED and r.modality in PLACED]
        if visits:
            self._visit, self._listing = (n, visits[-1]), False
            return
        if self._visit is None or (n - self._visit[0] > self._window and not self._listing):
            self._listing = False
            return
        self._listed(scene, view, n)

    def _listed(self, scene: Scene, view, n: int) -> None:
        """see, in a sentence near a visit (apart: its comprehensions make its locals cells, made at every call)."""
        tokens = view.tokens
        cue = next((end for _, end in phrases_in(view.lows, view.grammar.entourage_cues)),
                   None)
        # (a person a preposition introduces is someone else: 'يرافقه X رسالة من الرئيس Y', the sender)
        people = [m for m in scene.mentions if m.kind == "person" and (cue is None or m.start >= cue and not
                                                                      m.intro and not _list_ended(view, cue, m.start))]
        if cue is None and not (self._listing and people):
            self._listing = False
            return
        for k, m in enumerate(people):
            # the places his own phrase names ('its ambassador to Y, Z': posted where the visit went, no visitor)
            lo = people[k - 1].end if k else (cue or 0)
            lo = max([lo] + [j + 1 for j in range(lo, m.start - 1) if tokens[j].text in view.commas
                             and tokens[j + 1].text[:1] in view.grammar.conjunction_clitics])   # ('، ووزير ...')
            posted = frozenset(x.entity for x in scene.mentions if x.kind != "person" and lo <= x.start < m.start)
            self._named.append((n, view, m, self._visit[1], posted))
        self._listing = cue is None or (bool(tokens) and tokens[-1].text == ":")

    def relations(self, told, schema=None) -> list[tuple[int, Relation]]:
        """Each person named with the visitor, from the visitor's state, visited where the visitor did."""
        known = {(r.source, r.target) for r in told if r.type == VISITED}
        out = []
        for n, view, m, visit, posted in self._named:
            home = schema.country_of(visit.source) if schema else None
            if home is None or m.entity == visit.source or schema.country_of(m.entity) != home \
                    or (m.entity, visit.target) in known or home == visit.target \
                    or any(schema.country_of(e) == visit.target for e in posted):
                continue
            known.add((m.entity, visit.target))
            ev = visit.evidence[0]
            out.append((n, view.relation(m.entity, VISITED, visit.target, visit.date, visit.modality,
                                         "visited.entourage", ev.confidence * 0.85,
                                         {"source": view.span(m.start, m.end)})))
        return out
