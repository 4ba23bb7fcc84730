"""Words that refer back ('الجماعة', 'بلاده', 'البلاد', 'الجانبين', 'الدول الثلاث'): who they are.

:data:`ANAPHORS` is the registry of the ``refers_to`` kinds ``discourse.yaml``
may use: each name maps to the function that resolves it (to the mentions it
stands for: none, one, or the members of a group). The loader accepts
exactly these names; a new kind is a function here and an entry below.
"""
from __future__ import annotations

from typing import Callable, Mapping, Sequence

from ..matcher import Match
from .coordination import opened_conjunct
from .former_posts import only_past_posts
from .memory import Memory, named_last
from .non_subjects import owns_site
from .sentence import Mention, group_origin, spans_of
from .tellers import speech_verb_before

__all__ = ["ANAPHORS", "resolve_anaphor", "bind_pairs", "named_lists", "REPLACES_NAMES_INSIDE", "ANAPHOR_RULE_ID"]

#: the rule id of relations an anaphor states by itself ('the member states' are members of the alliance)
ANAPHOR_RULE_ID = "anaphora.states"
BRACKETED_RULE_ID = "mentions.bracketed_state"   # 'X (Mali)': the HOLDS_ROLE of a person's state in brackets

#: how many tokens after 'the member states' the list that names them may open ('... في إشارة إلى A وB')
LIST_REACH = 4
#: ... and the list that names a counted group may open ('the three states of A, B and C': a preposition or a colon)
GROUP_REACH = 1

#: kinds whose words may contain a name they do not mean: 'دول الكونفدرالية' is the member states, not the alliance;
#: 'the two Nigerien mediators' are the two people named before, not their state
REPLACES_NAMES_INSIDE = {"members": "alliance", "people": "country"}


def _last(anaphor, m: Match, intro: str, earlier: Sequence[Mention], memory: Memory, schema, view=None) -> Mention | None:
    """The latest actor of the anaphor's kinds: in this sentence first, then in earlier ones; with
    ``independent``, not a force the gazetteer gives a state ('الجماعة' after JNIM and 'مجموعة فاغنر' is JNIM)."""
    def fits(ent: str) -> bool:
        return not (anaphor.independent and schema.entities[ent].country) and (not anaphor.heads or _headed(
            schema.entities[ent], anaphor.heads))
    # the nearest by position: a group resolved earlier is listed after the names ('الدول الثلاث انسحبت من
    # إكواس، متهمة إياها': the bloc, not the last of the three)
    # (a demonym right after a group tells its origin, no antecedent: 'فاغنر الروسية ... في هذا البلد' is not Russia)
    picked = next(((o.entity, o.kind) for o in sorted((o for o in earlier if o.start < m.start),
                                                        key=lambda o: o.start, reverse=True)
                   if o.kind in anaphor.kinds and fits(o.entity) and not group_origin(earlier, o)), None)
    if picked is None:
        cands = [(ent, s) for kind, (ent, s) in memory.last_by_kind.items() if kind in anaphor.kinds and fits(ent)]
        ent = max(cands, key=lambda c: c[1])[0] if cands else _sole_headed_country(anaphor, memory, fits)
        picked = (ent, schema.entities[ent].kind) if ent else None
    if picked is None:
        return ()
    return Mention(m.start, m.end, *picked, "anaphor", m.clitic, intro, key=m.start),


def _sole_headed_country(anaphor, memory: Memory, fits) -> str | None:
    """A headed anaphor of countries ('the kingdom') whose latest country does not fit: the one country named so
    far that does, if only one does ('the kingdom' after Saudi Arabia, then Niger, is still Saudi Arabia).

    >>> from types import SimpleNamespace as NS
    >>> mem = NS(country_counts={"SAU": 1, "NER": 2})
    >>> _sole_headed_country(NS(kinds=("country",), heads=("kingdom",)), mem, lambda c: c == "SAU")
    'SAU'
    >>> _sole_headed_country(NS(kinds=("country",), heads=("kingdom",)), mem, lambda c: True) is None
    True
    >>> _sole_headed_country(NS(kinds=("country",), heads=()), mem, lambda c: c == "SAU") is None
    True
    """
    if not anaphor.heads or "country" not in anaphor.kinds:
        return None
    named = [c for c in memory.country_counts if fits(c)]
    return named[0] if len(named) == 1 else None


def _headed(entity, heads: tuple[str, ...]) -> bool:
    """Does one of the entity's names hold one of ``heads`` ('معبر التوم' holds 'معبر': 'المعبر' may be it)?"""
    names = (entity.name, entity.name_ar or "", *entity.aliases)
    return any(h in n.lower().split() for n in names for h in heads)


def _subject_country(anaphor, m: Match, intro: str, earlier: Sequence[Mention], memory: Memory,
                     schema, view=None) -> Mention | None:
    """'وأشاد تياني ...، معربا عن رغبة بلاده': the country of the person just named, else of the subject."""
    person = next((o for o in reversed(earlier) if o.start < m.start and o.kind == "person"), None)
    holder = person.entity if person else memory.subject[0] if memory.subject else None
    country = schema.country_of(holder)
    if country:
        return Mention(m.start, m.end, country, schema.entities[country].kind, "anaphor", m.clitic, intro,
                       key=m.start),
    return ()


def _topic(anaphor, m: Match, intro: str, earlier: Sequence[Mention], memory: Memory, schema, view=None) -> Mention | None:
    """'البلاد': the country the article is about, the one named most so far (this sentence included).

    ``stood_for`` ('the junta'): only a state a body stands for, one that has a junta; named nowhere before, the
    first such state the sentence names after it ('بعد طرد المجلس العسكري الحاكم ...، اتفقت النيجر').
    ``within`` ('the West African country'): only one of those states.
    """
    counts = dict(memory.country_counts)
    for o in earlier:
        if o.start < m.start and o.kind == "country" and o.how == "name":
            counts[o.entity] = counts.get(o.entity, 0) + 1
    for o in _site_owners(earlier, m, view):   # ('the Russian base in the country': the host, not the owner)
        counts.pop(o, None)
    if anaphor.stood_for:
        counts = {c: n for c, n in counts.items() if c in schema.stood_for}
        if not counts:
            later = [o.entity for o in earlier if o.start > m.start and o.how == "name" and o.entity in schema.stood_for]
            counts = {later[0]: 1} if later else {}
    order = {c: c for c in counts}
    if anaphor.within:   # (among the region's states, a tie goes to the one named first: the article's lead)
        counts = {c: n for c, n in counts.items() if c in anaphor.within}
        order = {c: i for i, c in enumerate(reversed(list(counts)))}
    if counts:
        country = max(counts, key=lambda c: (counts[c], order[c]))
        return Mention(m.start, m.end, country, schema.entities[country].kind, "anaphor", m.clitic, intro,
                       key=m.start),
    return ()


#: tokens between a site's owner ('the Russian military base') and 'the country' after it ('in the country')
SITE_REACH = 4


def _site_owners(earlier: Sequence[Mention], m: Match, view) -> tuple[str, ...]:
    """The states whose site (non_subjects.owns_site) stands right before the anaphor at ``m``: 'visited the
    Turkish air base in the country' places a foreign site in the land told of, not in its owner."""
    if view is None:
        return ()
    return tuple(o.entity for o in earlier if o.end <= m.start <= o.end + SITE_REACH and owns_site(view, o)
                 and not any(view.tokens[k].text in view.commas for k in range(o.end, m.start)))


def _subject(anaphor, m: Match, intro: str, earlier: Sequence[Mention], memory: Memory,
             schema, view=None) -> tuple[Mention, ...]:
    """'In Bamako, he had thanked ...': the actor of the kinds named before it in the sentence, else the one
    who leads the discourse (the subject of the last event told), not merely the last one named ('Tiani
    arrived for talks with Traore. ... he thanked' is Tiani). The one a speech verb addresses is passed over for its
    speaker ('X told Y that he had been to Z': X, :func:`_addressed_speaker`)."""
    for o in reversed([o for o in earlier if o.start < m.start]):
        if o.kind in anaphor.kinds and o.how == "name":
            o = _addressed_speaker(o, m, earlier, anaphor.kinds, view) or o
            return Mention(m.start, m.end, o.entity, o.kind, "anaphor", m.clitic, intro, key=m.start),
    if memory.subject is not None:
        ent = memory.subject[0]
        if schema.entities[ent].kind in anaphor.kinds:
            return Mention(m.start, m.end, ent, schema.entities[ent].kind, "anaphor", m.clitic, intro, key=m.start),
    return ()


def _addressed_speaker(o: Mention, m: Match, earlier: Sequence[Mention], kinds, view) -> Mention | None:
    """When ``o`` is the one a speech verb right before it addresses ('X told Y that he ...'), the speaker: the actor
    of ``kinds`` named right before that verb in its clause (a word between at most: 'X also told Y'); else None."""
    if view is None:
        return None
    verb = speech_verb_before(view, o.start)
    if verb is None or verb.end > m.start:
        return None
    for s in reversed([s for s in earlier if s.end <= verb.start]):
        if view.boundary_between(s.end, verb.start) or view.words_between(s.end, verb.start) > 1:
            return None
        if s.kind in kinds and s.how == "name":
            return s
    return None


def _opening(anaphor, m: Match, intro: str, earlier: Sequence[Mention], memory: Memory,
             schema, view=None) -> tuple[Mention, ...]:
    """'X is to leave A, as it had left B': the first actor of the kinds the sentence names before it (the main
    clause's subject, which a clause of comparison repeats), else none: not the actor named last."""
    o = min((o for o in earlier if o.start < m.start and o.kind in anaphor.kinds and o.how == "name"),
            key=lambda o: o.start, default=None)
    return () if o is None else (Mention(m.start, m.end, o.entity, o.kind, "anaphor", m.clitic, intro, key=m.start),)


def _pair(anaphor, m: Match, intro: str, earlier: Sequence[Mention], memory: Memory, schema, view=None) -> Mention | None:
    """'الجانبين': unknown yet; bound to the two sides of an exchange when arguments are sought (bind_pairs)."""
    return Mention(m.start, m.end, "", "", "pair", m.clitic, intro, key=m.start),


def _last_named(kind: str, recent: Sequence[str], m: Match, earlier: Sequence[Mention], n: int) -> Sequence[str]:
    """The entities of ``kind`` named so far, latest last, counting this sentence's names before ``m``;
    empty when fewer than ``n`` (at least two) were named."""
    for o in earlier:
        if o.start < m.start and o.kind == kind and o.how == "name":
            recent = named_last(recent, o.entity)
    return recent if 2 <= n <= len(recent) else ()


def _group(anaphor, m: Match, intro: str, earlier: Sequence[Mention], memory: Memory,
           schema, view=None) -> tuple[Mention, ...]:
    """'الدول الثلاث', 'the three countries': the last N countries named (``count``), one mention each; no one when
    the N states are listed right after the words ('the three Sahel states of A, B and C', 'الدول الثلاث: A وB
    وC'): the names say who they are, whatever was named before."""
    n = anaphor.count or 0
    named = [o for o in earlier if o.kind == "country" and o.how == "name" and o.start >= m.end]
    if named and named[0].start - m.end <= GROUP_REACH and len(_run(named)) == n:
        return ()
    recent = _last_named("country", memory.recent_countries, m, earlier, n)
    joined = _joined_before(m, earlier, view) if recent and view else ()
    if joined:
        recent = tuple(e for e in recent if e not in joined)
        recent = recent if len(recent) >= n else ()
    if not recent:
        return ()
    here = [run for run in named_lists(view, [o for o in earlier if o.end <= m.start]) if len(run) == n] if view else []
    return tuple(Mention(m.start, m.end, ent, "country", "anaphor", m.clitic, intro, group=True)
                 for ent in _alliance_of(recent, n, schema.members) or _list_less_restated(earlier, m, n)
                 or (here[-1] if here else memory.lists.get(n)) or recent[-n:])


def _joined_before(m: Match, earlier: Sequence[Mention], view) -> set[str]:
    """The states a conjunction joins the group to ('بين قطر وكل من الدول الخمس', 'Algeria and the three
    countries'): the other side, none of the group."""
    conj = view.grammar.conjunction_clitics
    return {o.entity for o in earlier if o.kind == "country" and o.how == "name" and o.end <= m.start and (
        (o.end == m.start and m.clitic[:1] in conj and m.clitic) or opened_conjunct(view, o.end, m.start))}


def named_lists(view, mentions: Sequence[Mention]) -> list[tuple[str, ...]]:
    """The lists of two or more states the sentence names together, in order ('A, B and C', 'A (X), B (Y) and C
    (Z)': SentenceView.is_coordinated): what 'the three countries' later stands for, rather than any three
    named last ('... in A, B and C. ... war in D. The three states signed' is A, B and C)."""
    states = [o for o in mentions if o.kind == "country" and o.how == "name" and not o.group]
    if len(states) < 2:
        return []   # (most sentences name one state or none: no list)
    runs: list[list[Mention]] = []
    for o in states:
        if runs and view.is_coordinated(runs[-1][-1], o):
            runs[-1].append(o)
        else:
            runs.append([o])
    lists = [tuple(dict.fromkeys(o.entity for o in run)) for run in runs]
    return [run for run in lists if len(run) > 1]


def _list_less_restated(earlier: Sequence[Mention], m: Match, n: int) -> tuple[str, ...]:
    """The sentence's list of ``n`` + 1 states one of which is named again after the list, before the group:
    the other ``n`` ('أعلنت الصين وغانا وتوغو وبنين ... التزام بكين بدعم الدول الثلاث': the one restated acts
    towards the three, it is none of them).

    >>> M = lambda s, e: Mention(s, s + 1, e, "country", "name", "", "")
    >>> _list_less_restated([M(1, "CHN"), M(3, "GHA"), M(5, "TGO"), M(7, "BEN"), M(20, "CHN")], M(22, ""), 3)
    ('GHA', 'TGO', 'BEN')
    >>> _list_less_restated([M(1, "CHN"), M(3, "GHA"), M(5, "TGO"), M(7, "BEN")], M(22, ""), 3)
    ()
    """
    named = [o for o in earlier if o.kind == "country" and o.how == "name" and o.end <= m.start]
    i = 0
    while i < len(named):
        j = i + _run_length(named[i:])
        run = list(dict.fromkeys(o.entity for o in named[i:j]))
        later = {o.entity for o in named[j:]}
        if len(run) == n + 1 and len(later & set(run)) == 1:
            return tuple(e for e in run if e not in later)
        i = j
    return ()


LIST_GAP = 2   # words between two states of one list (a comma, 'and')


def _people(anaphor, m: Match, intro: str, earlier: Sequence[Mention], memory: Memory,
            schema, view=None) -> tuple[Mention, ...]:
    """'الوزراء الثلاثة', 'the three ministers': the last N people named (``count``), one mention each."""
    n = anaphor.count or 0
    if view is not None and m.start > 0 and view.tokens[m.start - 1].text in view.commas \
            and any(o.kind == "person" and o.end == m.start - 1 for o in earlier):
        return ()   # 'A and B, the two mediators, met X': in apposition, the names before it say who they are
    recent = _last_named("person", memory.recent_people, m, earlier, n)
    return tuple(Mention(m.start, m.end, ent, "person", "anaphor", m.clitic, intro, group=True)
                 for ent in recent[-n:])


def _acted(anaphor, m: Match, intro: str, earlier: Sequence[Mention], memory: Memory,
           schema, view=None) -> tuple[Mention, ...]:
    """'A, B and C visited X. They met with Y': the people who together did what the sentence just before told,
    one mention each; no one when it told no such thing, nor when it named an armed group ('A and B condemned the
    raid by X. They killed ...': the group's men, the other reading of 'they')."""
    if memory.acted is None or view is None or view.sentence.index - memory.acted[1] != 1:
        return ()
    group = memory.last_by_kind.get("armed_group")
    if group is not None and group[1] == memory.acted[1]:
        return ()
    return tuple(Mention(m.start, m.end, ent, "person", "anaphor", m.clitic, intro, group=True)
                 for ent in memory.acted[0])


def _bodies(anaphor, m: Match, intro: str, earlier: Sequence[Mention], memory: Memory,
            schema, view=None) -> tuple[Mention, ...]:
    """'هذه المنظمات', 'these organisations': the bodies of the anaphor's kinds named before it in its sentence,
    else those the sentence just before named (two at least), one mention each: no count says how many."""
    ents = tuple(dict.fromkeys(o.entity for o in earlier
                               if o.start < m.start and o.how == "name" and o.kind in anaphor.kinds))
    if len(ents) < 2 and memory.named is not None and view is not None \
            and view.sentence.index - memory.named[1] == 1:
        ents = tuple(ent for ent, kind in memory.named[0] if kind in anaphor.kinds)
    if len(ents) < 2:
        return ()
    return tuple(Mention(m.start, m.end, ent, schema.entities[ent].kind, "anaphor", m.clitic, intro, group=True)
                 for ent in ents)


def _alliance_of(recent: Sequence[str], n: int, members: Mapping[str, Sequence[str]]) -> tuple[str, ...]:
    """The members of an alliance of exactly ``n`` states all named so far, the one named latest: 'the three
    countries recalled their envoys from Algiers' after Mali, Niger, Burkina Faso and Algeria are the AES trio,
    not the last three named.

    >>> _alliance_of(("MLI", "NER", "BFA", "DZA"), 3, {"AES": ("MLI", "NER", "BFA")})
    ('MLI', 'NER', 'BFA')
    >>> _alliance_of(("MLI", "DZA", "BFA"), 3, {"AES": ("MLI", "NER", "BFA")})
    ()
    """
    where = {e: i for i, e in enumerate(recent)}
    fits = [(min(where[s] for s in states), tuple(states)) for states in members.values()
            if len(states) == n and all(s in where for s in states)]
    return max(fits)[1] if fits else ()


def _members(anaphor, m: Match, intro: str, earlier: Sequence[Mention], memory: Memory,
             schema, view=None) -> tuple[Mention, ...]:
    """'دول الاتحاد', 'the member states': the members of the alliance named last (the gazetteer's ``members``);
    for a bloc whose membership changed (no ``members``), or words that count some of them ('four of our member
    states', ``count``), the states the sentence lists right next to the words ('Referring to A, B, C and D, ...
    our four member states', 'دولنا الأعضاء في إشارة إلى A وB وC') or further on after a reference cue
    (morphology.yaml ``reference_cues``: '... our member states, the chair said, referring to A, B and C');
    a count the list does not match names no one."""
    alliance = next((o.entity for o in reversed(earlier) if o.start < m.start and o.kind == "alliance"), None)
    if alliance is None and _ends_before(view, view.grammar.unnamed_blocs if view else (), m.start, False):
        return ()   # 'left a regional bloc, blaming its member states': that bloc's members, not the alliance of before
    if alliance is None and anaphor.count:   # ('“... three of our member states,” the chair of X said': the bloc
        # the sentence names after counted members, before one told earlier; 'the member states left X' is no such)
        alliance = next((o.entity for o in earlier if o.start >= m.end and o.kind == "alliance"), None)
    alliance = alliance or (memory.last_by_kind.get("alliance") or (None,))[0] or _listed_bloc(memory, schema.members)
    states = (anaphor.states, alliance) if anaphor.states else None
    members = schema.members.get(alliance, ())
    n = anaphor.count
    if (not members or n and len(members) != n) and alliance is not None:
        named = [o for o in earlier if o.kind == "country" and o.how == "name"]
        after = _run([o for o in named if o.start >= m.end])
        first = next((o.start for o in named if o.start >= m.end), None)
        if after and first - m.end > LIST_REACH and not _cued(view, first):
            after = []   # 'the member states imposed sanctions on A and B': a list further on is the object
        before = _run([o for o in named if o.end <= m.start][::-1])
        members = after if len(after) > 1 else before if len(before) > 1 else ()
    if n and len(members) != n:
        return ()
    return tuple(Mention(m.start, m.end, ent, schema.entities[ent].kind, "anaphor", m.clitic, intro, group=True,
                         states=states)
                 for ent in members)


def _listed_bloc(memory: Memory, members: Mapping[str, Sequence[str]]) -> str | None:
    """On a page that never names the bloc, the alliance whose member states, all of them and no other, a
    sentence listed together: 'a satellite for A, B and C ... the ministers of the alliance's states'.

    >>> _listed_bloc(Memory(lists={3: ("NER", "MLI", "BFA")}), {"AES": ("MLI", "NER", "BFA"), "G5": ("MRT", "TCD")})
    'AES'
    >>> _listed_bloc(Memory(lists={3: ("NER", "MLI", "TCD")}), {"AES": ("MLI", "NER", "BFA")}) is None
    True
    """
    fits = [bloc for bloc, states in members.items()
            if len(states) > 1 and set(memory.lists.get(len(states), ())) == set(states)]
    return fits[0] if len(fits) == 1 else None


def _ends_before(view, phrases, start: int, right_before: bool = True) -> bool:
    """Does a phrase of ``phrases`` end right before token ``start`` (anywhere before it: ``right_before``
    False)?"""
    if view is None:
        return False
    return any(e == start or not right_before and e <= start for _, e in spans_of(view, phrases))


def _cued(view, start: int) -> bool:
    """Does a reference cue ('referring to', 'في إشارة إلى') stand right before token ``start``?"""
    return _ends_before(view, view.grammar.reference_cues if view else (), start)


def _listed(anaphor, m: Match, intro: str, earlier: Sequence[Mention], memory: Memory,
            schema, view=None) -> tuple[Mention, ...]:
    """'هذه الدول', 'these countries': the countries listed with them. Two or more named after the words in
    the sentence when a preposition introduces them ('علاقاتها مع دول الساحل، حيث ... جولة شملت نجامينا
    وواغادوغو ونيامي'; not 'أشاد بالتزام دول الساحل، خلال استقباله نظراءه من مالي'), else two or more
    before them, else (``listed`` only, not ``listed_here``: 'دول الساحل' with no list is the region at large)
    those of a sentence just before that named two or more, less the ones this sentence names."""
    named = [o for o in earlier if o.kind == "country" and o.how == "name"]
    after = _run([o for o in named if o.start >= m.end])
    before = _run([o for o in named if o.end <= m.start][::-1])
    if len(after) > 1 and intro:   # an oblique ('مع دول الساحل'), told by the list that follows
        states = after
    elif len(before) > 1:
        states = before
    elif memory.listed is not None and anaphor.refers_to == "listed":
        states = [e for e in memory.listed[0] if e not in before and e not in after]
    else:
        states = []
    if len(states) < 2:
        return ()
    return tuple(Mention(m.start, m.end, ent, "country", "anaphor", m.clitic, intro, group=True) for ent in states)


def _run(mentions: Sequence[Mention], gap: int = LIST_GAP) -> list[str]:
    """The states of the list the first mention opens: the next ones each at most ``gap`` words away (a comma,
    'and'), in either direction ('قادة هذه الدول' after 'شملت نجامينا وواغادوغو ونيامي', not the visitor)."""
    return list(dict.fromkeys(o.entity for o in mentions[:_run_length(mentions, gap)]))


def _run_length(mentions: Sequence[Mention], gap: int = LIST_GAP) -> int:
    """How many mentions, from the first, stand in one list (each at most ``gap`` words from the one before)."""
    for i in range(1, len(mentions)):
        if max(mentions[i].start - mentions[i - 1].end, mentions[i - 1].start - mentions[i].end) > gap:
            return i
    return len(mentions)


Resolver = Callable[..., "tuple[Mention, ...]"]

#: refers_to (discourse.yaml) -> the function that says who the anaphor is
ANAPHORS: Mapping[str, Resolver] = {
    "last": _last,
    "subject_country": _subject_country,
    "topic": _topic,
    "subject": _subject,
    "opening": _opening,
    "pair": _pair,
    "group": _group,
    "people": _people,
    "acted": _acted,
    "bodies": _bodies,
    "members": _members,
    "listed": _listed,
    "listed_here": _listed,
}


def resolve_anaphor(anaphor, m: Match, intro: str, earlier: Sequence[Mention], memory: Memory,
                    schema, view=None) -> tuple[Mention, ...]:
    """The mentions an anaphor stands for (several for a group: each with ``group`` set), () when none fits;
    ``view`` (the sentence's words) lets a resolver read the words around them."""
    resolver = ANAPHORS.get(anaphor.refers_to)
    found = resolver(anaphor, m, intro, earlier, memory, schema, view) if resolver else ()
    if isinstance(found, tuple) and len(found) > 1 and view is not None \
            and _ends_before(view, view.grammar.partitives, m.start):
        return ()   # 'في إحدى دول التحالف', 'in one of the member states': one of them, unnamed
    return found


def stated_by_anaphora(view, mentions: Sequence[Mention]) -> list:
    """The relations anaphora state by themselves: 'الدول الأعضاء', 'the member states' are members of the
    alliance they refer to; and a person's state in brackets after his name ('X (Mali)') holds him, when the
    gazetteer ties him to it (a state he serves, not one he is only in)."""
    return [view.relation(m.entity, m.states[0], m.states[1], None, "fact",
                          ANAPHOR_RULE_ID if m.how != "name" else BRACKETED_RULE_ID, 0.8,
                          {"source": view.span(m.start, m.end)})
            for m in mentions if m.states is not None and m.states[1] and m.entity != m.states[1]
            and (m.how != "name" or m.states[1] in view.entities[m.entity].ties
                 and not only_past_posts(view.entities[m.entity], m.states[1], view.doc.published))]


def bind_pairs(mentions: tuple[Mention, ...], pair, schema, final: bool = False) -> tuple[Mention, ...]:
    """Give 'the two sides' the two ends of the latest exchange; at the end, drop those still unknown.

    Returns ``mentions`` itself when there is nothing to change.
    """
    if not any(m.how == "pair" for m in mentions):
        return mentions
    known = bool(pair) and None not in pair and pair[0] != pair[1]
    out = []
    for m in mentions:
        if m.how == "pair":
            if known:
                m = Mention(m.start, m.end, pair[0], schema.entities[pair[0]].kind, m.how, m.clitic, m.intro,
                            pair[1], m.key)
            elif final and m.entity == "":
                continue
        out.append(m)
    return tuple(out)
