"""Strategies whose actor the discourse carries, not a name next to the trigger: the subject of the
sentences before, the source of an event just told (a coordinated verb, a circumstantial participle, a
possessive event noun, a dual verb's pair), and the country the article is about.

Each takes ``(scene, slot, trig, source, emitted, memory)`` like every strategy of
:mod:`graph.extraction.strategies`, which registers them.
"""
from __future__ import annotations

from ..documents import normalize_arabic
from ..matcher import Match
from ..schema.compiled import Slot
from .memory import Memory
from .sentence import SPEECH, Mention, Scene, named_source
from .topic import counted, placed_at

__all__ = ["SUBJECT_SENTENCES", "subject", "coordinated_subject", "pair", "clause_subject", "topic", "possessor"]

SUBJECT_SENTENCES = 3     # how many sentences a carried subject lasts


def subject(scene: Scene, slot: Slot, trig: Match, source: Mention | None, emitted: tuple,
            memory: Memory) -> list[Mention]:
    """The subject the discourse carries (a language whose verbs carry their subject only)."""
    st = memory.subject
    view = scene.view
    if trig.start and view.lows[trig.start - 1] in view.grammar.clause_openers:
        return []   # ('the clashes that occurred with Y': a relative clause's verb tells of its antecedent, not of him)
    if st and view.sentence.index - st[1] <= SUBJECT_SENTENCES and view.carries_subject:
        return [view.carried(trig, st[0], origin=memory.subject_span)]
    return []


def coordinated_subject(scene: Scene, slot: Slot, trig: Match, source: Mention | None, emitted: tuple,
                        memory: Memory) -> list[Mention]:
    """'... ووقعت': a verb joined by a conjunction (or 'حيث', 'ثم') shares the last event's source, every one of
    them when several did it ('the Sahel trio expelled X and embraced Y'); when the first verb told no event ('X
    asked Y's envoy to leave, and condemned ...'), the actor opening the sentence. A title standing for an official
    right after the verb is its own subject ('حيث التقى الرئيس عقب ذلك مع Y': officials.officials_titled)."""
    view = scene.view
    if not view.continues(trig) or any(m.start == trig.end and m.how == "anaphor" and m.kind == "person"
                                       and m.start in view.title_tokens for m in scene.mentions):
        return []
    earlier = _outer([(t, rel) for t, rel in emitted if t.end <= trig.start])
    if not earlier:
        first = _opening_subject(scene, trig)
        return [first] if first else []   # the name itself: a list it opens comes along ('A, B and C ..., and')
    return _doers(view, trig, earlier, earlier[-1])


def _outer(earlier: list) -> list:
    """The events told, less the ties inside their subject ('Ghana and its allies Togo and Benin recalled ...':
    the alliance of the three, who all recalled, is no event whose side the next verb carries)."""
    sides: dict[tuple, set] = {}
    for t, rel in earlier:
        sides.setdefault((t.start, t.end), set()).add(rel.source)
    inner = [any(k != (t.start, t.end) and {rel.source, rel.target} <= s for k, s in sides.items()) for t, rel in earlier]
    return [e for e, i in zip(earlier, inner) if not i] or earlier


def _doers(view, trig: Match, earlier: list, chosen: tuple) -> list[Mention]:
    """The sides of the chosen event (a trigger and a relation it told) that were no one's target, every one when
    several did it ('A and B agreed': each is the other's, one side), carried to the trigger."""
    chosen_t, chosen_rel = chosen
    told = [rel for t, rel in earlier if (t.start, t.end) == (chosen_t.start, chosen_t.end)
            and rel.type == chosen_rel.type]   # (a reception's visit by the guests makes them no hosts)
    targets, doers = {r.target for r in told}, {}
    for r in told:
        if r.source not in targets:
            doers.setdefault(r.source, r)
    if len(doers) < 2:
        return [view.carried(trig, chosen_rel.source, origin=named_source(chosen_rel))]
    return [view.carried(trig, d, origin=named_source(r)) for d, r in doers.items()]


def _opening_subject(scene: Scene, trig: Match) -> Mention | None:
    """The actor the sentence opens with, only dates (or a leading auxiliary, 'وكانت') before it ('On Monday, Ghana
    ...'), or a demonym after one word ('the Ghanaian government ...'); a name after a word is not ('In Accra, ...')."""
    first = next((m for m in scene.mentions if m.key not in scene.modifiers), None)
    if first is None or first.end > trig.start or first.intro or first.how not in ("name", "adjective"):
        return None
    view = scene.view
    dated = sum(view.words_between(d.token, d.end) for d in scene.dates if d.end <= first.start)
    lead = 1 if view.lows and view.lows[0] in view.grammar.auxiliaries else 0   # ('وكانت X ...': the subject after it)
    before = view.words_between(0, first.start) - dated - lead
    return first if before == 0 or (before == 1 and first.how == "adjective") else None


def pair(scene: Scene, slot: Slot, trig: Match, source: Mention | None, emitted: tuple,
         memory: Memory) -> list[Mention]:
    """A dual verb ('وقعا', 'اتفقا'): the two sides of the exchange just told; as a target, the side that is not
    the source ('من جانبه أكد الوزير X-ي استعداد قطاعه ...': the host's offer goes to his guest's side)."""
    pair = memory.last_pair
    if not pair or None in pair or pair[0] == pair[1]:
        return []
    if source is not None:
        return [scene.view.carried(trig, pair[pair[0] == source.entity], "anaphor")] if source.entity in pair else []
    return [scene.view.carried(trig, pair[0], "pair", pair_other=pair[1])]


def clause_subject(scene: Scene, slot: Slot, trig: Match, source: Mention | None, emitted: tuple,
                   memory: Memory) -> list[Mention]:
    """'وهاجم عطاف باريس، متهما ...': a circumstantial participle shares the sentence's subject: the actor of
    its first event, else the first person the sentence names as a subject ('أما وزير خارجية مالي، ديوب،
    فاعتبر ...، مشيدا ب...')."""
    earlier = _outer([(t, rel) for t, rel in emitted if t.start < trig.start])
    if earlier:   # ('أعلنت A وحليفتاها B وC ...، متهمة Y': each of them accuses; rulesQb, b77_05)
        return _doers(scene.view, trig, earlier, earlier[0])
    first = next((m for m in scene.mentions if m.end <= trig.start and not m.intro and m.key not in scene.modifiers
                  and m.how == "name" and m.kind == "person"), None) or _state_body_subject(scene, trig)
    if first is None:
        return []
    return [scene.view.carried(trig, first.entity, origin=scene.view.span(first.start, first.end))]


def _state_body_subject(scene: Scene, trig: Match) -> Mention | None:
    """'The Malian Ministry of Transport said ..., condemning X': a demonym opening the sentence before a state
    body (morphology.yaml possessed_bodies) is the sentence's subject."""
    view = scene.view
    bodies = view.grammar.possessed_bodies
    first = scene.mentions[0] if scene.mentions else None
    if first is None or first.how != "adjective" or first.end >= trig.start or not bodies or view.words_between(0, first.start) > 1:
        return None
    return first if any(view.tokens[j].text.lower() in bodies for j in range(first.end, min(first.end + 2, trig.start))) else None


def topic(scene: Scene, slot: Slot, trig: Match, source: Mention | None, emitted: tuple,
          memory: Memory) -> list[Mention]:
    """The country the article is about: where the trigger's event noun was told to be ('the coup in X' ...
    'condemned the coup'), else the one named most so far, this sentence included ('the attack, attributed to
    X' told after the attack itself was told with no agent; graph.extraction.topic)."""
    placed = placed_at(scene, trig, memory)
    if placed is not None and (source is None or placed != source.entity):
        return [scene.view.carried(trig, placed, "topic")]
    counts = counted(memory, scene.mentions, trig.start)
    if source is not None:
        counts.pop(source.entity, None)   # the other side: 'Senegal had condemned the coup' is not Senegal's
        if source.kind == "person":
            # nor its official's ('withdrawal at the request of the Chadian president': not Chad's withdrawal)
            counts.pop(scene.view.entities[source.entity].country or "", None)
    if not counts:
        return []
    # (on a tie, the one named first: a lead names the state the story is about before the bloc's chair's)
    return [scene.view.carried(trig, max(counts, key=counts.__getitem__), "topic")]


def possessor(scene: Scene, slot: Slot, trig: Match, source: Mention | None, emitted: tuple,
              memory: Memory) -> list[Mention]:
    """'أتمت فرنسا تسليم القاعدة ...، مسجلة أولى خطوات انسحابها', 'استقبل الرئيس X ...، بعد أيام من استقباله
    وزيرة ...': an event noun the rule lists bare, written with a possessive suffix (morphology.yaml
    ``inflection``), is its sentence's first event's actor's, not the nearest name's; so is a phrase whose last
    noun carries it ('... مع توطيد علاقاتهم مع Y')."""
    view = scene.view
    words = trig.pattern.split()
    if len(words) > 1 and words[0] in view.grammar.possessive_determiners:
        return _first_actors(scene, trig, emitted)   # 'their exit from X', the determiner written apart
    if len(words) != trig.end - trig.start or "..." in words:
        return []   # (a phrase's last noun may carry it too: 'توطيد علاقاتهم مع Y', their ties)
    word, raw = view.tokens[trig.end - 1].text, words[-1]
    if trig.end - trig.start == 1:
        word = word[len(trig.clitic):]
    suffix = next((s for s in view.grammar.possessive_suffixes if word.endswith(s) and len(word) > len(s) + 2), None)
    # a form the rule lists with its suffix ('استقباله') counts; a ta marbuta the normalizer wrote as ه does not
    if suffix is None or (word == normalize_arabic(raw) and not raw.endswith(suffix)):
        return []
    # (not an event told before the speech verb whose quote holds the trigger: 'بعد التقارب بين A وB، قالت X إن
    # الحلف يتجه نحو تعزيز تعاونه مع Y', the alliance's cooperation)
    earlier = [rel for t, rel in emitted if t.end <= trig.start
               and not any(sm.payload == SPEECH and t.end <= sm.start < trig.start for sm in view.speech)]
    if not earlier:
        return []
    return [view.carried(trig, earlier[0].source, origin=named_source(earlier[0]))]


def _first_actors(scene: Scene, trig: Match, emitted: tuple) -> list[Mention]:
    """Every source of the sentence's first event before the trigger ('A, B and C formed X after their exit'),
    else the actor the sentence opens with and the list it opens ('A and B set up a union after their exit')."""
    view = scene.view
    earlier = [(t, rel) for t, rel in emitted if t.end <= trig.start]
    if not earlier:
        first = _opening_subject(scene, trig)
        return [first] if first else []
    first = earlier[0][0]
    actors = {rel.source: rel for t, rel in earlier if t is first}
    return [view.carried(trig, src, origin=named_source(rel)) for src, rel in actors.items()]
