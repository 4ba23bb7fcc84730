"""A state's adjective that only tells where a firm named right after its kind comes from ('a claim brought by
the Canadian mining company X', 'Mali expelled the French firm Y'): the firm acts or is acted on, the state
is no argument (a modifier, as a state a title names is). The words between are a short description that ends
on a firm head (morphology.yaml ``firm_heads``) right before the name, with no conjunction and no punctuation
among them; the state is still the firm's origin (standing ties)."""
from __future__ import annotations

from .coordination import DESCRIPTOR_WORDS
from .sentence import Mention, SentenceView

__all__ = ["firm_origins"]


def firm_origins(view: SentenceView, mentions: tuple[Mention, ...]) -> frozenset[int]:
    """The keys of the state adjectives that describe the named firm a few words after them."""
    grammar = view.grammar
    heads, joiners = grammar.firm_heads, grammar.joiners
    if not heads:
        return frozenset()
    ms = sorted((m for m in mentions if m.key >= 0), key=lambda m: m.start)
    out = set()
    for a, b in zip(ms, ms[1:]):
        if a.how != "adjective" or a.kind != "country" or b.how != "name" or b.kind != "organization":
            continue
        if not 0 < b.start - a.end <= DESCRIPTOR_WORDS or view.lows[b.start - 1] not in heads:
            continue
        if all(view.tokens[i].is_word and view.lows[i] not in joiners for i in range(a.end, b.start)):
            out.add(a.key)
    return frozenset(out)
