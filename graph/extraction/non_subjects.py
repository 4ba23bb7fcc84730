"""Mentions beside a trigger that are not its subject, though nothing marks them as objects: a name in the day-and-place
aside after the subject, a list opened by a preposition, the demonym of a place, a people's name in the oblique plural.

The argument strategies ask these before taking a mention as the doer (graph.extraction.strategies).
"""
from __future__ import annotations

from .sentence import Mention, Scene, spans_of


def in_date_aside(scene: Scene, m: Mention, at: int) -> bool:
    """'أجرى X، اليوم الخميس بمقر الرئاسة Y-ية بZ، محادثات': the day set off by commas right after the subject, with
    where it fell; a name in it places the event, none of it acts (the subject before it does; rulesBB4, b284_02)."""
    view = scene.view
    commas, tokens = view.commas, view.tokens
    for d in scene.dates:
        c = d.token - 1
        if not (0 < c < m.start and d.stop <= m.start and tokens[c].text in commas
                and any(x.end == c for x in scene.mentions)):
            continue
        close = next((i for i in range(m.end, at) if tokens[i].text in commas), None)
        if close is not None and not any(tokens[i].text in commas for i in range(d.stop, m.start)):
            return True
    return False


def at_seat(view, m: Mention) -> bool:
    """'التقى X، بمقر Y في Z، W', 'met W at the headquarters of Y': the body whose seat the meeting was held at is
    where it was held, no party (morphology.yaml ``seat_heads``; rulesBN4, b346_04)."""
    g, k = view.grammar, m.start - 1
    while k >= 0 and (view.lows[k] in g.determiners or view.lows[k] in g.seat_links):
        k -= 1
    return k >= 0 and view.lows[k] in g.seat_heads


def listed_after(scene: Scene, before: list, m: Mention) -> str:
    """The preposition that opens a list m stands in, closed by a real conjunction ('the bank's office in A, B and C
    signed': B and C are the preposition's too), unless the phrase is fronted ('In Accra, A and B signed')."""
    view, chain = scene.view, [m]
    for x in reversed(before):
        if x.end > chain[-1].start:
            continue
        if x.entity == chain[-1].entity or not view.is_coordinated(x, chain[-1]):
            break   # ('from Niger, and Niger answered': a new clause)
        chain.append(x)
        if x.intro:
            nxt = next((y for y in before if y.start >= m.end), None)
            closed = any(view.is_coordinated(b, a, True) for a, b in zip(chain, chain[1:])) or (
                nxt is not None and view.is_coordinated(m, nxt, True))
            k = x.start - 1
            while k > 0 and view.lows[k] != x.intro:
                k -= 1   # (the preposition may stand a determiner or a title before the name)
            fronted = k <= 0 or view.is_boundary(k - 1) or any(d.end == k for d in scene.dates)
            return x.intro if closed and not fronted else ""
    return ""


def placed_noun(view, m: Mention) -> str:
    """The locative before the noun a demonym describes ('داخل الأراضي التشادية', 'in Malian territory'): where
    something happens, no actor of the clause."""
    k = m.start - 2   # (the noun itself no article nor title: 'at the Senegalese President's forum' names him)
    return view.lows[k] if m.how == "adjective" and k >= 0 and view.lows[k] in view.grammar.locatives \
        and view.lows[k + 1] not in view.grammar.determiners and k + 1 not in view.title_tokens else ""


def oblique(view, m: Mention) -> bool:
    """A people's name of one word in the oblique plural ('الموريتانيين', morphology.yaml object_endings) is an
    object: no subject of the verb before it (asked for the source only: the target may well be that object)."""
    return m.how == "adjective" and m.end - m.start == 1 and view.lows[m.start].endswith(view.grammar.object_endings)


def in_pair(scene: Scene, before: list, m: Mention, at: int) -> str:
    """The word that makes a pair ('بين A وB', 'between A and B', morphology.yaml ``between``) when m is the first of
    the pair or joined to it, the noun the pair hangs on stands after a preposition, and a comma closes the phrase
    before the trigger at token ``at``: a fronted frame that names the two the ties are between, no subject of the
    verb after it ('في إطار العلاقات بين A وB، بحث الوزير ...' is no meeting of A and B; rulesCD4, b419_05). As
    the clause's own subject the pair may act ('relations between A and B worsened, prompting their ministers to
    meet'; 'ties between A and B worsened after the tit-for-tat expulsions')."""
    view, first = scene.view, m
    for x in reversed(before):
        if x.end <= first.start and x.entity != first.entity and view.is_coordinated(x, first):
            first = x
    k = first.start - 1
    if k < 2 or view.lows[k] not in view.grammar.between or view.lows[k - 2] not in view.grammar.prepositions:
        return ""
    return view.lows[k] if any(view.tokens[i].text in view.commas for i in range(m.end, at)) else ""


def companion_aside(view, before: list, at: int) -> tuple[int, int] | None:
    """The tokens [start, end) of an aside that a companion cue (morphology.yaml ``companion_cues``) opens after a
    comma, an actor before that comma, and a comma closes before the trigger at token ``at`` ('X, accompanied by
    A and B, held talks with Y': the companions came along; X is the subject, the aside's words no distance)."""
    return _set_off_aside(view, view.grammar.companion_cues, at, lambda s: any(x.end < s for x in before))


RULED_KINDS = ("country", "alliance", "organization")   # whose leader or chair an aside names (a bloc too: 'ECOWAS,
# chaired by X, ...')


def ruler_aside(view, before: list, at: int) -> tuple[int, int] | None:
    """The tokens [start, end) of an aside that a ruler cue (morphology.yaml ``ruler_cues``) opens after a comma
    right after a state, and a comma closes before the trigger at token ``at`` ('The Emirates, led by its president
    X, want close ties with Y': the leader describes the state, which is the subject; rulesCV1, b543_03)."""
    return _set_off_aside(view, view.grammar.ruler_cues, at,
                          lambda s: any(x.end == s - 1 and x.kind in RULED_KINDS for x in before))


def _set_off_aside(view, cues, at: int, opens) -> tuple[int, int] | None:
    """The first aside a cue of ``cues`` opens right after a comma where ``opens(cue start)`` holds, closed by the
    last comma before token ``at``: [the opening comma, past the closing one)."""
    for s, e in spans_of(view, cues):
        if 0 < s < at and view.tokens[s - 1].text in view.commas and opens(s):
            close = max((k for k in range(e, at) if view.tokens[k].text in view.commas), default=None)
            if close is not None:
                return s - 1, close + 1
    return None


def owns_site(view, m: Mention) -> bool:
    """Is ``m`` a demonym that tells whose a site beside it is (morphology.yaml ``site_heads``: 'the Turkish
    embassy', 'the Chinese naval base', 'السفارة التركية')? Such a site stands abroad: a visit to it is none to
    the state whose it is. The site noun is at most one word (another adjective) away, on either side."""
    lows, heads = view.lows, view.grammar.site_heads
    return m.how == "adjective" and any(w in heads for w in lows[max(0, m.start - 2):m.start] + lows[m.end:m.end + 2])
