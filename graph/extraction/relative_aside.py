"""A relative clause set off by commas between a subject and its verb ('X, who ... between A and B ..., visited Y').

The clause describes the actor before it; its words do not put that actor beyond the reach of the verb after
the clause's closing comma (the `before` strategy counts only the words outside it). The actors inside it are
passed over by ``strategies_context.in_relative``.
"""
from __future__ import annotations

__all__ = ["relative_words"]

# at most this many words between the clause's closing comma and the trigger ('..., on Wednesday visited')
TAIL_MAX = 2


def relative_words(view, free: list[int], opens: list[int], start: int, at: int) -> int:
    """Words of the relative clause that a clause opener at token ``start`` (right after a comma that follows
    an actor) opens and the last comma before token ``at`` closes; 0 when there is no such clause."""
    if start not in opens or start == 0 or view.tokens[start - 1].text not in view.commas:
        return 0
    commas = view.commas
    close = next((k for k in range(at - 1, start, -1) if view.tokens[k].text in commas), None)
    if close is None or free[at] - free[close] > TAIL_MAX:
        return 0
    return free[close] - free[start]
