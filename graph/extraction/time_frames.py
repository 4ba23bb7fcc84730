"""An event word that only times another event of its clause.

'The union said A and B remain suspended following the summit in Z': the summit, after a word of
morphology.yaml ``trailing_frames`` and after the clause's own event word, tells when the suspension was
confirmed; those suspended are no parties to it (they neither met nor visited Z). The event word still takes a
party a preposition or 'between' names ('after the summit between A and B'); only the clause's actors before it
are not read as its parties. A frame fronted before the clause ('Following talks with X, Y said') is
``fronted_openers``' and not this.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from .sentence import comma_between, spans_of

if TYPE_CHECKING:
    from ..matcher import Match
    from .sentence import Scene

__all__ = ["trailing_frame"]


def trailing_frame(scene: "Scene", trig: "Match") -> bool:
    """Is the event word at ``trig`` the object of a trailing frame word ('following the summit'), only
    determiners and names between, with another event word earlier in its clause (no comma between)?"""
    view = scene.view
    spans = [(start, end) for start, end in spans_of(view, view.grammar.trailing_frames)
             if 0 < start and end <= trig.start]
    if not spans:
        return False   # (most sentences: no frame word before the trigger, nothing more to build)
    named = {k for m in scene.mentions for k in range(m.start, m.end)}
    for start, end in spans:
        if not all(view.lows[k] in view.grammar.determiners or k in named for k in range(end, trig.start)):
            continue
        if any(t.end <= start and t.start != trig.start and not comma_between(view, t.end, start)
               for t in scene.triggers):
            return True
    return False
