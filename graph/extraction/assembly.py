"""Stage 7: assembly. Relations from a trigger's arguments, and one relation per fact of a document.

Each source gets its event date (graph.extraction.dating), each pair of
source and target one :class:`~graph.model.Relation` with its evidence; the
reports of one relation in a document are merged into one, with every piece
of evidence.
"""
from __future__ import annotations

from dataclasses import replace
from typing import Iterable

from ..matcher import Match
from ..model import Relation, edge_key
from ..schema.compiled import Rule
from .arguments import PAIR_SIDES, Arguments
from .dating import event_date
from .memory import Memory
from .modality import modality_of
from .sentence import Scene
from .strategies import STRATEGIES

__all__ = ["assemble", "merge"]

ANAPHOR_FACTOR = 0.85     # confidence of a relation one of whose ends is an anaphor


def assemble(scene: Scene, rule: Rule, trig: Match, args: Arguments, memory: Memory,
             schema) -> tuple[list[Relation], list[dict], Memory]:
    """The relations of one trigger, what was dropped and why, and the memory with the last dated event."""
    view = scene.view
    modality = modality_of(view, trig, schema.modality)
    standing = schema.relation_types[rule.type].cameo is None   # membership, affiliation: no event date
    source_span = args.source_how not in STRATEGIES or not STRATEGIES[args.source_how].carried
    out, dropped = [], []
    for source in args.sources:
        date, date_span = None, None
        if not standing:
            date, date_span, last = event_date(view, scene.dates, trig, source, memory, schema)
            memory = memory.with_dated(last)
        for target in args.targets:
            if target.entity == source.entity:
                dropped.append({"rule": rule.id, "why": f"source and target are both {source.entity}"})
                continue
            spans = {"trigger": view.span(trig.start, trig.end)}
            if source_span:
                spans["source"] = view.span(source.start, source.end)
            if args.target_how != PAIR_SIDES:
                spans["target"] = view.span(target.start, target.end)
            if date_span:
                spans["date"] = date_span
            conf = rule.confidence * args.source_factor * args.target_factor * (
                ANAPHOR_FACTOR if "anaphor" in (source.how, target.how) else 1.0)
            out.append(view.relation(source.entity, rule.type, target.entity, date, modality, rule.id, conf, spans))
    return out, dropped, memory


def merge(relations: Iterable[Relation], schema) -> list[Relation]:
    """One relation per (source, type, target, date, modality, role): the evidence of every report of it."""
    merged: dict[tuple, Relation] = {}
    for rel in relations:
        key = edge_key(rel.source, rel.type, rel.target, rel.date, rel.modality, rel.role,
                       schema.relation_types[rel.type].symmetric)
        old = merged.get(key)
        if old is None:
            merged[key] = rel
            continue
        known = {(e.sentence_span, e.rule) for e in old.evidence}
        merged[key] = replace(old, evidence=old.evidence + [e for e in rel.evidence
                                                            if (e.sentence_span, e.rule) not in known])
    return list(merged.values())
