"""Stage 5: argument frames. A trigger's rule finds its source and target with its strategies.

Source strategies are tried in the rule's order until one leads to a target too ('إن لاندو التقى ديوب'). The
nearest free actor is the argument; coordinated actors come along; a later strategy stands in for an earlier
source only where the registry says so (an SVO subject right before the verb, a carried subject), or when the
first source turns out to be the marked target.
"""
from __future__ import annotations

from typing import NamedTuple, Sequence

from ..matcher import Match
from ..schema.compiled import Rule, Slot
from .sentence import Mention, Scene
from .coordination import TITLE_PORTFOLIO
from .memory import Memory
from .origin_states import joined_past_origins, origin_state, owned_after, without_origins
from .non_subjects import owns_site
from .objects import earlier_object, no_sides, past_event_phrase, paired, verb_object
from .relatives import relative_subject
from .strategies import STRATEGIES
from .strategies_context import through
from .strategies_lists import listed

__all__ = ["Arguments", "find_arguments", "PAIR_SIDES", "COORDINATED"]

PAIR_SIDES = "pair"          # how 'the two sides' are found: both ends at once
COORDINATED = "coordinated"  # how a target is found in a symmetric event's coordinated subject
SEPARATE_FROM_STATE = ("armed_group",)   # kinds that meet or sign with their own country (rebels and the state)
OWN_BODIES = ("alliance", "organization")   # kinds whose own officials (gazetteer roles) they do not meet
PLACE_TARGETS = {"country", "place"}   # a rule whose target can only be a place tells a movement to it


class Arguments(NamedTuple):
    """Sources and targets of one trigger, how each was found, and the confidence of finding them so."""

    sources: tuple[Mention, ...]
    targets: tuple[Mention, ...]
    source_how: str | None
    target_how: str | None
    source_factor: float
    target_factor: float


class _Found(NamedTuple):
    group: tuple[Mention, ...] = ()
    head: Mention | None = None
    factor: float = 0.0
    how: str | None = None


def find_arguments(scene: Scene, rule: Rule, trig: Match, emitted: tuple, memory: Memory,
                   schema) -> tuple[Arguments | None, list[dict]]:
    """The arguments of a trigger (after the relations ``emitted`` before it), or None and why not."""
    told = (emitted, memory)
    pair = None
    for m in scene.mentions:
        if m.how == "pair" and m.entity and (m.start == trig.end or m.end == trig.start):
            pair = m
            break
    if pair is not None and _fits(rule, scene.view.entities[pair.pair_other].kind) and (
            not rule.source_kinds or scene.view.entities[pair.entity].kind in rule.source_kinds):
        # ('رئيسا الدولتين': the two states hold no office in each other; a person-only source takes no state)
        # 'بحث الجانبان', 'الطرفان اتفقا': the two sides are the two ends (when the rule takes such a target:
        # 'العلاقات التي تجمع البلدين' is no membership of one in the other)
        return Arguments((pair,), (_other_side(scene, pair),), PAIR_SIDES, PAIR_SIDES, 1.0, 1.0), []
    sources: tuple[Mention, ...] = ()
    targets: tuple[Mention, ...] = ()
    shows = thows = None
    sfac = tfac = 0.0
    first = None
    rtype = schema.relation_types[rule.type]
    symmetric = rtype.symmetric
    event = (symmetric or rtype.cameo is not None) and not rule.own_side   # standing ties may be one's own
    own_side = False   # the source found so far has only its own side for a target
    places = _movement(rule)
    ante = relative_subject(scene, trig, rule.source_kinds)
    svo = None   # (looked for once, at the first verb-first slot: most rules have none before their others)
    for k in range(len(rule.source)):
        if rule.source[k].strategy == "after":
            svo = _svo_subject(scene, rule, trig, told) if svo is None else svo
            if k < svo:
                continue   # 'أن جماعة X هاجمت الجيش قرب Y': the subject right before the verb, not a verb-first reading
        found = _find(scene, rule.source[k:k + 1], rule.source_kinds, trig, None, told, frozenset(), pairs=symmetric)
        if ante:   # 'X, minister of A, who arrived in B': the relative's antecedent, whatever the slot
            found = _Found((ante,), ante, STRATEGIES["before"].factor, "before")
        if not found.group or rule.visit == "host" and found.head.pair_other:
            continue   # ('citing the friendship between the two nations, welcomed': two sides are no one host)
        if sources and not own_side and not _stands_in(scene, found, trig):
            break   # a later strategy only stands in for a subject that sits right before the verb (SVO)
        sources, sfac, shows, first = found.group, found.factor, found.how, found.head
        used = frozenset(m.key for m in sources)
        if first.pair_other:
            # 'التي تجمع البلدين' after a trigger whose target is a bloc: the other side is no target of that kind
            other = _other_side(scene, first)
            targets, tfac, thows = ((other,), 1.0, PAIR_SIDES) if _fits(rule, other.kind) else ((), 0.0, None)
        else:
            # an event's other party is not the source's own side ('استقبل الملك ... بالرباط وزراء'; 'أكدت
            # وزارة الخارجية الجزائرية ... اتهامات إلى الجزائر' is Mali's accusation, not the ministry's)
            apart = (lambda m, first=first: not one_side(first, m, schema)) if event else None
            if places:
                apart = _not_own_noun(scene.view, trig, apart)
            t = _find(scene, rule.target, rule.target_kinds, trig, first, told, used, apart)
            targets, tfac, thows = t.group, t.factor, t.how
            # 'طلب سلطات نيامي ...، خلال اجتماع مع رئيس الوزراء النيجري X': Niamey cannot meet its own prime
            # minister; the clause's subject (a later strategy) may be the one who met him (a meeting, a pact:
            # an arrival home or an expulsion keeps its source)
            own_side = bool(apart and symmetric and not targets
                            and _find(scene, rule.target, rule.target_kinds, trig, first, told, used).group)
        if not targets and len(sources) > 1 and symmetric and no_sides(scene, rule, sources, trig, emitted, _movement):
            sources = ()   # (the places a tour took in, or the object of 'with': no two sides of the event)
        elif not targets and len(sources) > 1 and symmetric and not (
                rule.visit == "host" and len({(m.start, m.group) for m in sources}) == 1 and sources[0].group):
            # ('received envoys of the three states': one group word is the guests, never host and guests too)
            # 'ووقعت روسيا ومالي اتفاقية': a coordinated subject of a symmetric event is both sides, unless the
            # sentence just told them, together, with another party ('X وY اجتمعا مع Z واتفقوا': with Z; rulesZ)
            targets = tuple(m for m in _shared_counterpart(scene, sources, emitted, trig, schema) if _fits(rule, m.kind))
            if targets:
                thows, tfac = "shared", sfac
            elif not listed(scene.view, sources[0]) and all(_fits(rule, m.kind) for m in sources[1:]):
                # (a list a colon opens, 'met counterparts from five states: A, B and C', names those met: no
                # two sides of what follows; rulesAQ1, b234_02)
                sources, targets, thows = sources[:1], sources[1:], COORDINATED
        if STRATEGIES[shows].positional and (not targets or verb_object(scene.view, rule, trig, first)):
            probe = _find(scene, rule.target, rule.target_kinds, trig, None, told, frozenset())
            if probe.how is not None and probe.group[0].entity == first.entity and (
                    STRATEGIES[probe.how].prepositional or not targets and _object_after(rule, shows, probe)):
                # 'أشادت موسكو بقرار النيجر، وأعلنت استعدادها للتعاون مع نيامي': that one is the target
                sources = targets = ()
                continue
        if targets or (rtype.members_take_part and _members_of(scene, sources, schema)):
            break   # 'the summit of the AES': the alliance alone is the party; its members meet (below)
    if not rtype.members_take_part and _headed_by_members(scene, sources):
        sources = _members_of(scene, sources, schema) or sources   # 'وزراء خارجية البلدان الأعضاء في X أشادوا'
    if (rtype.members_take_part or places) and _headed_by_members(scene, targets):
        # 'استقبل X وزراء خارجية دول كونفدرالية الساحل': each state's minister met, not a meeting among them (a
        # censure of 'the member states of X' is the bloc's); a tour of 'the capitals of X's states' visits each
        targets = _members_of(scene, targets, schema, group=False) or targets
    if sources and not targets and rtype.members_take_part:
        members = _members_of(scene, sources, schema)
        if members:   # 'the alliance's summit': its member states met, every two of them
            sources, targets, thows, tfac = members[:1], members[1:], COORDINATED, sfac
    if not sources:
        return None, [{"rule": rule.id, "why": f"no source ({', '.join(s.strategy for s in rule.source)})",
                       "trigger": scene.view.text(trig.start, trig.end)}]
    if not targets:
        return None, [{"rule": rule.id, "why": f"no target ({', '.join(s.strategy for s in rule.target)})",
                       "trigger": scene.view.text(trig.start, trig.end), "source": first.entity}]
    return Arguments(sources, targets, shows, thows, sfac, tfac), []


def _shared_counterpart(scene: Scene, sources: tuple[Mention, ...], emitted: tuple, trig: Match,
                        schema) -> tuple[Mention, ...]:
    """The other party of the sentence's earlier two-sided events whose sources were all these coordinated actors
    ('عقد X وY اجتماعا مع Z واتفقوا على ...': X and Y agreed with Z, not with each other)."""
    side = {m.entity for m in sources}
    others: dict[str, set[str]] = {}
    for t, rel in emitted:
        if t.end <= trig.start and rel.source in side and rel.target not in side \
                and schema.relation_types[rel.type].symmetric:
            others.setdefault(rel.source, set()).add(rel.target)
    if set(others) != side or len({frozenset(v) for v in others.values()}) != 1:
        return ()
    party = next(iter(others.values()))
    return tuple(m for m in scene.mentions if m.entity in party and m.end <= trig.start
                 and not any(n.entity == m.entity and n.start < m.start for n in scene.mentions if n.end <= trig.start))


def _object_after(rule: Rule, source_how: str | None, probe: _Found) -> bool:
    """'وفي يوليو، زار كينيا وأوغندا': the only actors after a verb whose target is a place (``target_kinds``
    only places: a visit, an arrival) with nothing after them are its object, not its subject: the verb's
    subject is carried (pro-drop), a later source strategy's. ('انتقدت الجزائر المبادرة' keeps its subject.)
    A demonym adjective names no place: it tells whose the trigger's noun is ('مغادرة الجنود الفرنسيين
    أراضيها': the French troops leave; the state that wants them gone is not the one leaving)."""
    return (_places_only(rule) and source_how == probe.how == "after"
            and not (_movement(rule) and probe.group[0].how == "adjective"))


def _places_only(rule: Rule) -> bool:
    """Can the rule's target only be a place (a state or a town)?"""
    return bool(rule.target_kinds) and set(rule.target_kinds) <= PLACE_TARGETS


def _movement(rule: Rule) -> bool:
    """Does the rule tell a movement to or from a place (its targets places, a town or base among them: a visit,
    a withdrawal), not an act on a state (an expulsion, a sanction: 'X closed its airspace to Y-ian aircraft')?"""
    return "place" in rule.target_kinds and _places_only(rule)


def _not_own_noun(view, trig: Match, apart):
    """A place left or visited is never the demonym right after the trigger: that one tells whose the trigger's
    noun is ('طالبت X بمغادرة القوات الروسية أراضيها': the Russian forces leave, Russia is no place left; c677);
    nor one that tells whose a site is (a base, an embassy: :func:`owns_site`)."""
    def keep(m: Mention) -> bool:
        return not (m.how == "adjective" and m.start == trig.end or owns_site(view, m)) and (apart is None or apart(m))
    return keep


def _fits(rule: Rule, kind: str) -> bool:
    """May an entity of this kind be the rule's target?"""
    return not rule.target_kinds or kind in rule.target_kinds


def one_side(a: Mention, b: Mention, schema) -> bool:
    """Is one the other's own state (its official, its body), or a bloc or body the other holds a gazetteer role
    of? 'Mali met Goïta', 'the bloc met its commission president' are no meetings; armed groups stay apart from
    their state."""
    return (a.entity == schema.country_of(b.entity) and b.kind not in SEPARATE_FROM_STATE) or (
        b.entity == schema.country_of(a.entity) and a.kind not in SEPARATE_FROM_STATE) or any(
        p.kind == "person" and o.kind in OWN_BODIES and o.entity in schema.entities[p.entity].ties
        for p, o in ((a, b), (b, a)) if p.entity in schema.entities)


def _members_of(scene: Scene, sources: tuple[Mention, ...], schema, group: bool = True) -> tuple[Mention, ...]:
    """The member states of the one alliance found as the only party (the gazetteer's ``members``), on its words;
    ``group``: they took part together (not a host's guests, each received)."""
    if len(sources) != 1 or sources[0].kind != "alliance":
        return ()
    side = sources[0]
    return tuple(Mention(side.start, side.end, ent, schema.entities[ent].kind, "anaphor", side.clitic, side.intro,
                         key=scene.view.fresh_key(), group=group)
                 for ent in schema.members.get(side.entity, ()))


def _headed_by_members(scene: Scene, sources: tuple[Mention, ...]) -> bool:
    """Is the one alliance found named after a head that makes its members the actors ('الدول الأعضاء في X',
    'the member states of X'; morphology.yaml ``member_heads``)?"""
    if len(sources) != 1 or sources[0].kind != "alliance" or sources[0].start < 3:
        return False
    view, k = scene.view, sources[0].start - 1   # (the preposition before the bloc, then the head's two words)
    word, g = view.lows[k], view.grammar
    if word in g.member_heads or (word[:1] in g.clitic_prepositions and word[1:] in g.member_heads):
        return True   # a head joined to the bloc with no preposition ('دول كونفدرالية الساحل'), or its own ('لدول X')
    k -= view.lows[k] in view.grammar.determiners and k > 2   # ('of the AES')
    return f"{view.lows[k - 2]} {view.lows[k - 1]}" in view.grammar.member_heads


def _other_side(scene: Scene, side: Mention) -> Mention:
    """The other of 'the two sides', on the same words."""
    other = side.pair_other
    return Mention(side.start, side.end, other, scene.view.entities[other].kind, "anaphor",
                   key=scene.view.fresh_key())


def _svo_subject(scene: Scene, rule: Rule, trig: Match, told) -> int:
    """The index of the rule's later source slot that finds a subject standing right against the verb (SVO), or
    0: a verb-first reading ('after') before it would take the verb's object for its subject whenever a target
    follows the object."""
    if any(c in scene.view.grammar.clitic_prepositions for c in trig.clitic):
        return 0   # ('لفرض', 'بانسحاب': a noun a preposition governs has no subject before it)
    for k, slot in enumerate(rule.source):
        if k and STRATEGIES[slot.strategy].stands_in == "adjacent":
            found = _find(scene, (slot,), rule.source_kinds, trig, None, told, frozenset())
            if found.group and (_adjacent_before(scene, found.group, trig, 0) or _titled_aside(scene, found.group, trig)):
                return k
    return 0


def _stands_in(scene: Scene, found: _Found, trig: Match) -> bool:
    """May a source found by a later strategy replace the one an earlier strategy found?"""
    rule = STRATEGIES[found.how].stands_in
    return rule == "always" or (rule == "adjacent" and _adjacent_before(scene, found.group, trig))


def _titled_aside(scene: Scene, found: Sequence[Mention], trig: Match) -> bool:
    """'أن وزير الخارجية ...، X، استقبل ...': a name set off by commas right after its title, then the verb, is
    its subject (SVO), as one right against it (rulesAN2, b213_04)."""
    view, first, last = scene.view, min(found, key=lambda m: m.start), max(found, key=lambda m: m.end)
    k = first.start - 2   # (the title's words end a few words before: 'وزير الخارجية الغاني، X،', its portfolio)
    return trig.start == last.end + 1 and view.tokens[last.end].text in view.commas and k >= 0 \
        and view.tokens[k + 1].text in view.commas and any(
            i in view.title_tokens and all(view.tokens[j].is_word for j in range(i, k + 1))
            for i in range(max(0, k - TITLE_PORTFOLIO + 1), k + 1))


def _adjacent_before(scene: Scene, found: Sequence[Mention], trig: Match, words: int = 1) -> bool:
    """Does the subject stand right against the verb, its auxiliaries aside ('أن X كانت قد اتهمت Y': X accused)?"""
    view = scene.view
    last = max(found, key=lambda m: m.end)
    aux = sum(view.lows[i] in view.grammar.auxiliaries for i in range(last.end, trig.start))
    return view.words_between(last.end, trig.start) - aux <= words and not any(
        view.tokens[i].text in view.commas or view.is_boundary(i)
        for i in range(last.end, trig.start))


def _find(scene: Scene, slots: tuple[Slot, ...], kinds, trig: Match, source: Mention | None, told,
          used: frozenset[int], apart=None, pairs: bool = True) -> _Found:
    """The first strategy that finds an argument wins; coordinated mentions come along. ``pairs``: may the two
    sides 'between' names past a comma be a source (a symmetric event's, 'cooperation between A and B ..., topped
    talks'), or are they a noun's sides, no actor of a one-way event after it?"""
    # (loops, not comprehensions: a comprehension would make this function's locals cells, made at every call)
    emitted, memory = told
    modifiers = scene.modifiers
    for slot in slots:
        strategy = STRATEGIES[slot.strategy]
        found = strategy.find(scene, slot, trig, source, emitted, memory)
        if found and source is None and emitted and slot.strategy == "before":
            found = _without(found, earlier_object, scene, trig, emitted)   # ('forced X to ... and agreed')
        if found and source is None and not pairs and slot.strategy == "before":
            found = _without(found, paired, scene, trig)   # ('the war between A and B ..., after accusations')
        if found and source is not None and slot.strategy == "prep":
            kept = []   # ('مع توطيد علاقاتهم مع Y')
            for m in found:
                if not past_event_phrase(scene, slot.preps, m, trig):
                    kept.append(m)
            found = kept
        if not found:
            continue
        allowed = slot.kinds or kinds
        if strategy.positional and slot.nearest:
            # the nearest free actor is the argument; one of the wrong kind means this strategy fails
            nearest = []
            for m in found:
                if m.key not in used and m.key not in modifiers and m.entity \
                        and (source is None or m.entity != source.entity):
                    nearest = [m]
                    break
            found = nearest
        # (_eligible, written out: a few candidates for every trigger)
        mine = used if not strategy.partners else frozenset()   # 'A and B ... each other': B is A's partner
        # ('The new envoys are A, ambassador of X; B, ...': X, though it describes A)
        skip = modifiers if not strategy.describing else frozenset()
        kept = []
        for m in found:   # (a bloc named by its member states' head stands for them: 'وزراء خارجية دول X')
            if (m.kind in allowed or m.kind == "alliance" and "country" in allowed and _headed_by_members(scene, (m,))) \
                    and m.key not in mine and m.key not in skip \
                    and (source is None or (m.entity != source.entity and m.how != "pair")) \
                    and (apart is None or apart(m)):
                kept.append(m)
        found = kept
        if found:
            head = found[0]
            # ('between' lists its own side; a carried subject of several sides carries them all)
            group = (head,) if strategy.coordinates and not (strategy.carried and len(found) > 1) else tuple(found)
            if slot.coordinated and head.how != "subject" and strategy.coordinates:
                group = _coordinated(scene, head, allowed, used, source, trig)
            return _Found(group, head, strategy.factor, slot.strategy)
    return _NOTHING


_NOTHING = _Found()   # (most strategies tried find nothing: one record for all)


def _without(found: list[Mention], test, scene: Scene, trig: Match, *more) -> list[Mention]:
    """The mentions of ``found`` for which ``test(scene, m, trig, *more)`` is false."""
    return [m for m in found if not test(scene, m, trig, *more)]


def _eligible(scene: Scene, m: Mention, allowed, used: frozenset[int], source: Mention | None) -> bool:
    return (m.kind in allowed and m.key not in used and m.key not in scene.modifiers
            and (source is None or (m.entity != source.entity and m.how != "pair")))


def _coordinated(scene: Scene, m: Mention, allowed, used, source, trig: Match) -> tuple[Mention, ...]:
    """'مالي وبوركينا فاسو والنيجر': the chain of mentions joined by و/،/and around m.

    A comma only joins when the chain ends in a real conjunction ("X، Y وZ"),
    and every member must be introduced like the head (same preposition or none).
    """
    if m.group:   # 'the three countries': the members stand together in one span
        return _group_members(scene, m, allowed, used, source)
    i = scene.free_at.get(m.key)
    if i is None or len(scene.free) == 1:   # a carried subject or 'the two sides': nothing stands beside it
        return (m,)   # (nor beside the only free mention)
    return _chain(scene, m, allowed, used, source, trig, i)


def _group_members(scene: Scene, m: Mention, allowed, used, source) -> tuple[Mention, ...]:
    return tuple(x for x in scene.mentions if x.group and x.start == m.start
                 and (x.key == m.key or _eligible(scene, x, allowed, used, source)))


def _chain(scene: Scene, m: Mention, allowed, used, source, trig: Match, i: int) -> tuple[Mention, ...]:
    """The chain around m, past _coordinated's quick answers; ``i``: m's place among the free mentions. (No
    closure or comprehension here: either would make its locals cells, made at every call.)"""
    view, ms = scene.view, scene.free
    bloc = _bracketed_bloc(scene, m, trig)
    if bloc:
        return _bloc_members(scene, bloc, m, allowed, used, source)
    ms, i = without_origins(scene, ms, m, i)   # ('X of A, Y of B and Z met': the people, their states aside)
    lo = i
    while lo > 0 and _joined(scene, ms[lo - 1], ms[lo]) and _joins_chain(scene, ms[lo - 1], m, allowed, used, source, trig):
        if lo > 1 and _joined(scene, ms[lo - 2], ms[lo - 1], conjunction=True) and not _joined(scene, 
                ms[lo - 1], ms[lo], conjunction=True):
            break   # 'Following Niger, Guinea, and Mali, the bloc ...': a list closed by 'and' goes on with no comma
        lo -= 1
    chain, hi = list(ms[lo:i + 1]), i
    joined = False
    for a, b in zip(chain, chain[1:]):
        if _joined(scene, a, b, conjunction=True):
            joined = True
            break
    while hi + 1 < len(ms) and _joined(scene, ms[hi], ms[hi + 1]):
        # 'accused Mali and Russia's Wagner group': a possessor stands for the conjunct it owns
        owned = owned_after(view, ms, hi + 1)
        if not _joins_chain(scene, ms[hi + 1 if owned is None else owned], m, allowed, used, source, trig):
            break
        joined = joined or _joined(scene, ms[hi], ms[hi + 1], conjunction=True)
        hi = hi + 1 if owned is None else owned
        chain.append(ms[hi])
    joined = joined or _open_tail(view, chain[-1].end)
    if len(chain) > 1 and _sides_then_clause(view, chain, m, trig):
        return (m,)
    return tuple(chain) if joined or len(chain) == 1 else (m,)


def _sides_then_clause(view, chain: list, m: Mention, trig: Match) -> bool:
    """'tensions between A and B, which is moving closer to Y': the two sides 'between' opens are no joint actor of
    a relative clause after them; the clause tells of the one right before it."""
    first = chain[0].start
    return m is chain[-1] and first > 0 and view.lows[first - 1] in view.grammar.between \
        and m.end <= trig.start and view.opens_clause(m.end, trig.start)


def _bloc_members(scene: Scene, bloc, m: Mention, allowed, used, source) -> tuple[Mention, ...]:
    return tuple(x for x in bloc if x.key == m.key or _eligible(scene, x, allowed, used, source))


def _joins_chain(scene: Scene, x: Mention, m: Mention, allowed, used, source, trig: Match) -> bool:
    """May x join m's chain? 'من مالي وبوركينا فاسو': later conjuncts do not repeat the preposition (nor join
    across the trigger: 'الجيش المالي وحلفاءه الروس' read at 'حلفاءه' has the army and its allies)."""
    return _eligible(scene, x, allowed, used, source) and (
        x.intro == m.intro or (x.intro == "" and x.start > m.start)) and not (
        min(x.end, m.end) <= trig.start < max(x.start, m.start)) and not (
        # (a name after a preposition and an article, 'imposed by the X, Y and Z signed', is the preposition's)
        x.start < m.start and not m.intro and through(scene.view, x.start, scene.view.grammar.prepositions))


def _repeated_preposition(view, a: Mention, b: Mention) -> bool:
    """'من A ومن B', 'from A and from B': a conjunction and the same preposition again join its two objects (the
    preposition written on the conjunction, or after it)."""
    intro = a.intro
    if not intro or b.intro != intro or not a.end < b.start <= a.end + 2:
        return False
    between = view.lows[a.end:b.start]
    if len(between) == 1:
        for c in view.grammar.conjunction_clitics:   # (a loop: a generator would make the locals cells)
            if between[0] == c + intro:
                return True
        return False
    return between[0] in view.conjunctions and between[1] == intro


def _joined(scene: Scene, a: Mention, b: Mention, conjunction: bool = False) -> bool:
    """``is_coordinated``, also past the state a person's title names after him, and an item separator after it
    ('President X of A and President Y of B', 'presidents X of A; Y of B; and Z of C')."""
    view = scene.view
    if view.is_coordinated(a, b, conjunction) or _repeated_preposition(view, a, b) \
            or joined_past_origins(scene, a, b, conjunction):
        return True
    state = scene.by_start.get(a.end + 1) if a.kind == b.kind == "person" and a.end < b.start else None
    if state is None or state.key not in scene.modifiers and state is not origin_state(scene, a) or state.end >= b.start \
            or view.lows[a.end] not in view.grammar.actor_heads_of_prepositions:
        return False
    if view.tokens[state.end].text in view.grammar.item_separators:
        if b.start == state.end + 1:
            return not conjunction
        return view.is_coordinated(a.replaced(end=state.end + 1), b, conjunction)
    return view.is_coordinated(a.replaced(end=state.end), b, conjunction)


#: tokens a bracket that lists a bloc's states may span ('(المكونة من غانا، توغو، وبنين)')
BRACKET_REACH = 16


def _bracketed_bloc(scene: Scene, m: Mention, trig: Match) -> tuple[Mention, ...]:
    """'مبادرة أكرا (المكونة من غانا، توغو، وبنين) سحبت سفراءها', 'the AES (Mali, Niger and Burkina
    Faso) recalled': an alliance with two or more states in brackets right after its name (the guide's members
    told in passing) acts with each of them; m is the alliance or one of the states. Nothing when the trigger
    stands inside the bracket (its own words: 'المكون من')."""
    if "(" not in scene.view.sentence.norm.text:
        return ()   # (most sentences open no bracket)
    return _bloc_in_brackets(scene, m, trig)


def _bloc_in_brackets(scene: Scene, m: Mention, trig: Match) -> tuple[Mention, ...]:
    view, tokens = scene.view, scene.view.tokens
    bloc = m if m.kind == "alliance" else next(
        (b for b in reversed(scene.free) if b.kind == "alliance" and b.end < m.start), None)
    if bloc is None or bloc.end >= len(tokens) or tokens[bloc.end].text != "(":
        return ()
    close = next((j for j in range(bloc.end + 1, min(len(tokens), bloc.end + BRACKET_REACH)) if tokens[j].text == ")"),
                 None)
    if close is None or m.end > close or bloc.start <= trig.start < close:
        return ()
    inside = [x for x in scene.free if bloc.end < x.start and x.end <= close]
    if len(inside) < 2 or any(x.kind != "country" for x in inside):
        return ()
    return (bloc, *inside)


def _open_tail(view, end: int) -> bool:
    """'France, Britain, Germany and other countries': a list that goes on unnamed (``open_list_tails``)."""
    tails, lows = view.grammar.open_list_tails, view.lows
    if end < len(lows) and lows[end] in view.grammar.open_list_firsts:   # (most lists end with no such word)
        words = tuple(lows[end:end + 4])
        return any(words[:len(tail)] == tail for tail in tails)
    return () in tails
