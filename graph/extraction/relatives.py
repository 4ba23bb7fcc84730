"""The subject of a verb that opens a relative clause after a person just named.

'X, minister of A, who arrived in B', 'X وزير A الذي حل بـB': the verb right after the clause opener (morphology.yaml
``clause_openers``) is the antecedent's, the person named before the opener (past his own title apposition), not
an actor after the verb (a verb-first reading would take the sender of a message he carries) nor the main
clause's subject (the one he met). A bare actor right after the verb keeps the other readings: it is the verb's
own subject, or the opener stands for its object ('X, whom Y received'). Where an antecedent and its title
apposition end (:func:`antecedent_end`, :func:`apposition_end`) is asked by the argument strategies too.
"""
from __future__ import annotations

from ..matcher import Match
from .sentence import Mention, Scene

__all__ = ["relative_subject", "antecedent_end", "apposition_end", "APPOSITION_CLOSERS", "titled_past_comma",
           "unnamed_relative"]

APPOSITION_CLOSERS = (")", "]", "\"", "”", "»")   # marks that may close a name before its relative's comma

TITLE_WORDS = 16   # at most so many words of a title between the name and the opener


def relative_subject(scene: Scene, trig: Match, kinds) -> Mention | None:
    """The person a relative clause right before the trigger tells of, or None."""
    view = scene.view
    k = trig.start - 1
    if k < 1 or view.lows[k] not in view.grammar.clause_openers or "person" not in (kinds or ("person",)):
        return None
    if any(m.start == trig.end and not m.intro for m in scene.mentions):
        return None   # ('X, whom Y received': the actor after the verb is its subject)
    ante = None
    for m in scene.mentions:
        if m.end <= k and m.kind == "person" and m.how == "name" and (ante is None or m.end > ante.end):
            ante = m
    if ante is None or any(ante.end <= m.start < k and m.how != "adjective" and m.key not in scene.modifiers
                           for m in scene.mentions):
        return None   # (a state named by name between: 'minister of Mali, which ...' may tell of the state)
    end = antecedent_end(view, ante, k)
    if k in (end, apposition_end(scene, end, k)) or _titled(view, end, k):
        return ante
    return None


def _titled(view, start: int, stop: int) -> bool:
    """Do tokens [start, stop) hold the person's title, opening at its first word, with no comma, boundary or
    other opener inside but one right before the opener ('X وزير الثقافة ... الموريتانية الذي', 'X، وزير ...، الذي')?"""
    if start >= stop or start not in view.title_tokens or view.words_between(start, stop) > TITLE_WORDS:
        return False
    stop -= view.tokens[stop - 1].text in view.commas
    return not any(view.tokens[i].text in view.commas or view.is_boundary(i)
                   or view.lows[i] in view.grammar.clause_openers for i in range(start, stop))


def antecedent_end(view, m: Mention, limit: int) -> int:
    """Where a relative clause's antecedent ends: after the comma that follows the name, or the name's owned body
    ("Mali's ruling junta, which ... broke off ties")."""
    tokens, g = view.tokens, view.grammar
    end = m.end
    marker = g.possessive_at(tokens, end)
    if marker:
        k = end + len(marker)
        body = next((j for j in range(k, min(k + 3, limit)) if tokens[j].text.lower() in g.possessed_bodies), None)
        if body is not None:
            end = body + 1
    close = end
    while close < limit and tokens[close].text in APPOSITION_CLOSERS:
        close += 1   # '(JNIM), which attacked', 'من "إيكواس" التي': a bracket or quote closes the name (before a comma)
    return close + 1 if close < limit and tokens[close].text in view.commas else close


def apposition_end(scene: Scene, k: int, limit: int) -> int | None:
    """Where a title apposition that opens at token k ends, after its closing comma ('X, President of Chad, who
    ...': title words, the actors a title holds, determiners and 'of' only), or None: a relative clause after it
    still tells of the name before it."""
    view = scene.view
    if k >= limit or view.tokens[k - 1].text not in view.commas:
        return None
    held = {i for m in scene.mentions if m.key in scene.modifiers for i in range(m.start, m.end)}
    g, i, titled = view.grammar, k, False
    while i < limit and view.tokens[i].text not in view.commas:
        low = view.lows[i]
        if i in view.title_tokens:
            titled = True
        elif i not in held and low not in g.determiners and low not in g.actor_heads_of_prepositions:
            return None
        i += 1
    return i + 1 if titled and i + 1 < limit else None


def unnamed_relative(scene: Scene, start: int) -> int | None:
    """Where a relative clause opens after an unnamed title holder right after a trigger ('met the leader of the
    coup, who toppled President X': X is the clause's object, no party of the meeting), or None: a title word
    before the opener, no actor named by name between, no clause boundary either."""
    view = scene.view
    opener = view.first_opener(start, len(view.tokens))
    if opener is None or not any(k in view.title_tokens for k in range(start, opener)):
        return None
    if any(start <= m.start < opener and m.how != "adjective" for m in scene.mentions):
        return None
    if any(view.is_boundary(k) for k in range(start, opener)):
        return None
    return opener


def titled_past_comma(view, start: int, end: int) -> bool:
    """Do only title words stand between the last comma among tokens [start, end) and token ``end`` (or no comma
    at all)? 'led by a Fulani preacher, Amadou Koufa' (an apposition) yes; 'بقيادة الجنرال X، باحتجاز الرئيس Y'
    (another phrase after the comma) no."""
    comma = next((k for k in range(end - 1, start - 1, -1) if view.tokens[k].text in view.commas), None)
    return comma is None or all(k in view.title_tokens or not view.tokens[k].is_word for k in range(comma + 1, end))
