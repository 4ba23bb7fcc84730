"""Who tells the event: a speaker's tag or an attribution after it.

'..., Gambia's foreign ministry said', '، وفق ما أعلنت X', 'according to X': the teller is no party to the
event before it (:func:`attributions` bounds the other strategies), except where a rule asks for it as the
`teller` slot: an event told in the passive with no agent ('the ambassador was ordered to leave ..., the
ministry said') is the teller's own act.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from .sentence import ATTRIBUTION, SPEECH, venue_phrases

if TYPE_CHECKING:
    from ..matcher import Match
    from ..schema.compiled import Slot
    from .memory import Memory
    from .sentence import Mention, Scene

__all__ = ["TAG_WORDS", "TAG_TAIL", "attributions", "venue_start", "in_venue", "teller", "speech_verb_before"]

#: the most words between a comma and the speech verb of a speaker's tag ('..., Gambia's foreign ministry said'),
#: and after the verb to the sentence's end ('said in a statement on Monday'): a tag closes its sentence
TAG_WORDS, TAG_TAIL = 4, 5


def venue_start(view, i: int) -> int | None:
    """Where the first venue phrase (morphology.yaml ``venue_openers``), attribution ('، وفق ما أعلنت X',
    'according to X': who reported it, no party) or speaker's tag ('..., X said') after token i opens, or None."""
    return min([s for s, _e in venue_phrases(view) if s >= i] + [s for s in attributions(view) if s >= i],
               default=None)


def in_venue(scene: "Scene", start: int) -> bool:
    """Does the event word at token ``start`` name the venue a venue phrase opens ('met Y on the sidelines of the
    A-B summit', 'على هامش قمة X')? Those who met there are no party to that gathering itself."""
    view = scene.view
    return any(end <= start and all(view.lows[k] in view.grammar.determiners
                                    or any(m.start <= k < m.end for m in scene.mentions) for k in range(end, start))
               for _s, end in venue_phrases(view))


def attributions(view) -> list[int]:
    """Where the sentence's attributions open: a source's ('، وفق ما أعلنت X', 'according to X'; discourse.yaml
    ``attributions``) and a speaker's tag after a comma, its teller before the speech verb ('..., Gambia's
    government said in a statement'; not 'While in X, Y said the ...', where the speech goes on). Who tells the
    event is no party to the event before it. Found once per sentence (read, never changed)."""
    found = view.memo.get("attributions")
    if found is None:
        found = view.memo["attributions"] = _attributions(view)
    return found


def _attributions(view) -> list[int]:
    out = [am.start for am in view.speech if am.payload == ATTRIBUTION]
    tokens, commas = view.tokens, view.commas
    for sm in view.speech:
        if sm.payload != SPEECH or sum(t.is_word for t in tokens[sm.end:]) > TAG_TAIL:
            continue
        k, words = sm.start - 1, 0
        while k >= 0 and tokens[k].text not in commas and words <= TAG_WORDS:
            words, k = words + (tokens[k].is_word and not _run_goes_on(view, k)), k - 1
        if k >= 0 and tokens[k].text in commas and 0 < words <= TAG_WORDS:
            out.append(k)
    return out


def _run_goes_on(view, k: int) -> bool:
    """Is token k inside a name the lexicon found or a title, past its first word? A teller's name and post count
    one word each ('..., Togo's minister of the economy Sani Yaya announced', rulesCV3, b538_06)."""
    return any(s < k < e for s, e in view.names) or (k in view.title_tokens and k - 1 in view.title_tokens)


def teller(scene: "Scene", slot: "Slot", trig: "Match", source: "Mention | None", emitted: tuple,
           memory: "Memory") -> list["Mention"]:
    """The first actor of the first tag or attribution after the trigger ('was ordered to leave ..., Ghana's
    foreign ministry said', '... لمغادرة البلاد، بحسب ما أعلنت X'), within the tag's words."""
    view = scene.view
    opens = sorted(s for s in attributions(view) if s >= trig.end)
    if not opens:
        return []
    at = opens[0]
    for m in scene.mentions:
        if m.start > at and m.key not in scene.modifiers:
            return [m] if view.words_between(at, m.start) <= TAG_WORDS + 3 else []
    return []


def speech_verb_before(view, pos: int):
    """The speech verb that ends at most a word before token ``pos`` ('X told Y that he ...', 'وقال X إنه'), or None:
    the pronoun after it is its speaker's, and the one it addresses is no speaker (one lookup for both stages)."""
    return next((sm for sm in reversed(view.speech) if sm.payload == SPEECH and sm.end <= pos
                 and view.words_between(sm.end, pos) <= 1), None)
