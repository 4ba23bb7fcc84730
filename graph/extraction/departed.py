"""States a sentence tells leaving a body are not the members its 'member states' stands for.

'Despite the exit of A, B and C, the bloc keeps free movement among member states': the anaphor
(discourse.yaml) finds the list just named, but the list is of the states that left (rulesCX3, b545_07).
The states listed right after a withdrawal trigger (a WITHDREW_FROM rule's words; one word between it and the
first at most, the list joined only by the grammar's separators and conjunctions) are taken out of the MEMBER_OF the anaphor states by itself.
"""
from __future__ import annotations

from .anaphora import ANAPHOR_RULE_ID

__all__ = ["departed", "without_departed"]

#: the relation type whose trigger tells states leaving, and the one the anaphor's membership has
WITHDREW, MEMBER = "WITHDREW_FROM", "MEMBER_OF"


def departed(view, triggers, mentions) -> frozenset[str]:
    """The states named as a list right after a withdrawal trigger of the sentence ('withdrawal of A, B and C')."""
    names = sorted((m for m in mentions if m.kind == "country" and m.how != "anaphor"), key=lambda m: m.start)
    out: set[str] = set()
    for t in triggers:
        if t.payload.type != WITHDREW:
            continue
        end, first = t.end, True
        for m in names:
            if m.start < end:
                continue
            joined = all(view.lows[i] in view.commas or view.lows[i] in view.conjunctions for i in range(end, m.start))
            if not (joined or first and m.start - end == 1 and view.tokens[end].is_word):
                break   # (the first one word after the trigger at most: 'exit of A', 'انسحاب A')
            first = False
            out.add(m.entity)
            end = m.end
    return frozenset(out)


def without_departed(relations: list, view, triggers, mentions) -> list:
    """The relations but the anaphor's MEMBER_OF of a state the sentence tells leaving (the departed states are
    looked for only where the anaphor gave a membership: most sentences give none)."""
    if not any(map(_by_anaphor, relations)):
        return relations
    gone = departed(view, triggers, mentions)
    return [r for r in relations if not (r.source in gone and _by_anaphor(r))]


def _by_anaphor(r) -> bool:
    """A membership the anaphor alone states ('member states' after a list)."""
    return r.type == MEMBER and all(e.rule == ANAPHOR_RULE_ID for e in r.evidence)
