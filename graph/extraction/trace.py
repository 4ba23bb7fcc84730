"""Stage 8: the trace ``geograph explain`` prints: per sentence, what every stage found and dropped.

The format is public (``explain`` JSON, the ``candidates`` command, tests):
``{"anchor": iso|None, "sentences": [{index, text, mentions, dates,
triggers, relations, dropped}]}``.
"""
from __future__ import annotations

from typing import Iterable

from ..documents import Sentence
from ..matcher import Match, Token
from ..model import Relation
from .sentence import DateFound, Mention

__all__ = ["trace_sentence", "traced_relation"]


def trace_sentence(sentence: Sentence, tokens: list[Token], mentions: Iterable[Mention], dates: Iterable[DateFound],
                   triggers: Iterable[Match], relations: Iterable[Relation], dropped: Iterable) -> dict:
    """One sentence's entry: the original words of each mention and trigger, not their normalized form."""
    def tx(a, b):
        if not tokens:
            return ""
        s, e = sentence.norm.to_original(tokens[a].start, tokens[b - 1].end)
        return sentence.text[s:e]
    return {
        "index": sentence.index, "text": sentence.text,
        "mentions": [{"text": tx(m.start, m.end), "entity": m.entity,
                      "how": m.how + (f", after {m.intro}" if m.intro else "")} for m in mentions],
        "dates": [{"text": d.expression.text, "value": d.value} for d in dates],
        "triggers": [{"text": tx(t.start, t.end), "rule": t.payload.id} for t in triggers],
        "relations": [traced_relation(r) for r in relations],
        "dropped": [d if isinstance(d, dict) else {"rule": "-", "why": d} for d in dropped],
    }


def traced_relation(r: Relation) -> dict:
    """A relation as a sentence's entry lists it (also one a later stage places there: graph.extraction.standing)."""
    return {"source": r.source, "type": r.type, "target": r.target, "date": r.date, "modality": r.modality,
            "rule": r.evidence[0].rule}
