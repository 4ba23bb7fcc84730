"""Stage 7: assembly. Relations from a trigger's arguments, and one relation per fact of a document.

Each source gets its event date (graph.extraction.dating), each pair of
source and target one :class:`~graph.model.Relation` with its evidence (a
multi-party event, every two parties); the
reports of one relation in a document are merged into one, with every piece
of evidence.
"""
from __future__ import annotations

from dataclasses import replace
from typing import Iterable

from ..matcher import Match
from ..model import Relation, edge_key, oriented_evidence
from ..schema.compiled import Rule
from .arguments import COORDINATED, PAIR_SIDES, Arguments, one_side
from .dating import event_date
from .memory import Memory
from .modality import modality_of
from .reciprocity import MUTUAL
from .role_holding import foreign_post
from .sentence import CARRIED_SOURCE, Mention, Scene
from .strategies import STRATEGIES
from .visits import VISITED, sender_of_envoy

HOLDS_ROLE = "HOLDS_ROLE"

__all__ = ["assemble", "merge", "presupposed"]

ANAPHOR_FACTOR = 0.85     # confidence of a relation one of whose ends is an anaphor


def _two_sides(view, args: Arguments, trig: Match) -> bool:
    """Is the subject 'the two sides' (morphology.yaml ``pair_subjects``), before the trigger, and the target the
    other of them ('وأكد الطرفان أهمية تكثيف التنسيق')? Then each did it to the other, whatever the rule ('سبل تعزيز
    التعاون بين الجانبين', 'التي تربط البلدين': the two sides as an object say nothing of who acts)."""
    subjects = view.grammar.pair_subjects
    ends = {s.pair_other for s in args.sources if s.how == "pair" and s.end <= trig.start and not s.intro
            and " ".join(view.lows[s.start:s.end])[len(s.clitic):] in subjects}
    return bool(args.sources) and len(ends) == len(args.sources) and None not in ends \
        and all(t.entity in ends for t in args.targets)


def assemble(scene: Scene, rule: Rule, trig: Match, args: Arguments, memory: Memory,
             schema) -> tuple[list[Relation], list[dict], Memory]:
    """The relations of one trigger, what was dropped and why, and the memory with the last dated event."""
    view = scene.view
    modality = modality_of(view, trig, schema.modality, scene.dates)
    rtype = schema.relation_types[rule.type]
    standing = rtype.cameo is None   # membership, affiliation: no event date
    source_span = args.source_how not in STRATEGIES or not STRATEGIES[args.source_how].carried
    out, dropped = [], []
    dated: dict[int, tuple] = {}   # source key -> (date, span of its expression)
    if rule.parties and len({m.entity for m in (*args.sources, *args.targets)}) < rule.parties:
        return [], [{"rule": rule.id, "why": f"fewer than {rule.parties} parties"}], memory
    sides = rule.sides or _each_with(rule, args)
    pairs = _respective(args) if rule.respective else _pairs(args, rtype, schema, rule.joint, sides)
    if rule.each_way or args.target_how == MUTUAL or _two_sides(view, args, trig):   # 'the two sides affirmed their
        # commitment': each made it to the other; 'A and B recalled their envoys from each other's capitals': each
        # recalled its own
        pairs += [(t, s) for s, t in pairs if (t, s) not in pairs]
    for source, place in pairs:
        target = target_of(place, rule, schema)
        if source.key not in dated:
            if standing:
                dated[source.key] = (None, None)
            else:
                date, date_span, last = event_date(view, scene.dates, scene.triggers, trig, source, memory, schema,
                                                   tuple(t.entity for t in args.targets), modality == "fact")
                memory = memory.with_dated(last)
                dated[source.key] = (date, date_span)
        date, date_span = dated[source.key]
        if target.entity == source.entity:
            dropped.append({"rule": rule.id, "why": f"source and target are both {source.entity}"})
            continue
        if (rtype.symmetric or rtype.two_sides) and one_side(source, target, schema):
            # 'Mali met Goïta': a state does not meet, or sign with, its own officials, nor its minister pledge to it
            dropped.append({"rule": rule.id, "why": f"{source.entity} and {target.entity} are one side"})
            continue
        if rule.type == VISITED and view.entities[target.entity].kind == "country" \
                and schema.country_of(source.entity) == target.entity:
            # 'ووصل كريكه إلى ألمانيا': an official arriving in his own state returns home, no visit
            dropped.append({"rule": rule.id, "why": f"{source.entity} is at home in {target.entity}"})
            continue
        if rule.type == VISITED and args.target_how == PAIR_SIDES and not rule.each_way:
            # 'papers the two states signed while he was on a visit': one pair mention as both ends tells no
            # visitor and no host (rulesCA4, b407_08)
            dropped.append({"rule": rule.id, "why": "the two sides of one pair are no visitor and host"})
            continue
        if rule.type == VISITED and source_span and sender_of_envoy(scene, source):
            # 'حل سفير الملك X بمالي': X only sent the ambassador, who lives at his post: no one's visit
            dropped.append({"rule": rule.id, "why": f"{source.entity} sent the envoy the title names"})
            continue
        if rule.type == HOLDS_ROLE and foreign_post(schema, source.entity, target.entity):
            dropped.append({"rule": rule.id, "why": f"the gazetteer ties {source.entity} to another state"})
            continue
        if not standing and not rtype.leaves_own and _member(source.entity, target.entity, schema):
            # 'cooperation with the AES states', said of Mali: no event between a state and its own alliance
            dropped.append({"rule": rule.id, "why": f"{source.entity} and {target.entity}: a member and its alliance"})
            continue
        spans = {"trigger": view.span(trig.start, trig.end)}
        if source_span:
            spans["source"] = view.span(source.start, source.end)
        elif source.origin:   # a carried subject: where the sentence, or an earlier one, names it
            inside = view.sentence.start <= source.origin[0] and source.origin[1] <= view.sentence.end
            spans["source" if inside else CARRIED_SOURCE] = source.origin
        if args.target_how != PAIR_SIDES:
            spans["target"] = view.span(place.start, place.end)
        if date_span:
            spans["date"] = date_span
        source_id = _acting_body(source.entity, date, schema) if rtype.acts_for_body else source.entity
        if source_id == target.entity:
            dropped.append({"rule": rule.id, "why": f"{source.entity} acts for {source_id}, the target"})
            continue
        conf = rule.confidence * args.source_factor * args.target_factor * (
            ANAPHOR_FACTOR if "anaphor" in (source.how, target.how) else 1.0)
        out.append(view.relation(source_id, rule.type, target.entity, date, modality, rule.id, conf, spans))
    return out, dropped, memory


def target_of(place: Mention, rule: Rule, schema) -> Mention:
    """The target a rule with ``in_state: true`` reads for a town or region: the state the gazetteer puts it in
    (a consulate opened in a town is a tie with the town's state); any other target as it is.

    >>> from types import SimpleNamespace as NS
    >>> from dataclasses import dataclass
    >>> @dataclass(frozen=True)
    ... class M:
    ...     entity: str
    ...     kind: str
    >>> towns = NS(country_of={"DAKHLA": "MAR"}.get)
    >>> target_of(M("DAKHLA", "place"), NS(in_state=True), towns)
    M(entity='MAR', kind='country')
    >>> target_of(M("DAKHLA", "place"), NS(in_state=False), towns)
    M(entity='DAKHLA', kind='place')
    """
    if not rule.in_state or place.kind != "place":
        return place
    state = schema.country_of(place.entity)
    return replace(place, entity=state, kind="country") if state else place


def _acting_body(entity_id: str, date: str | None, schema) -> str:
    """The body or state a person acts for (his gazetteer role valid at ``date``, else his country); any
    other actor is itself. 'ECOWAS Commission chief X lifted the sanctions': ECOWAS lifted them."""
    person = schema.entities.get(entity_id)
    if person is None or person.kind != "person":
        return entity_id
    valid = [r for r in person.roles if r.valid_on(date) and r.of in schema.entities]
    role = next((r for r in valid if r.end is None), valid[0] if valid else None)   # a current role first
    return role.of if role is not None else (person.country or entity_id)


def _member(a: str, b: str, schema) -> bool:
    """Is one a member of the other (the gazetteer's ``members`` of an alliance)?"""
    return a in schema.members.get(b, ()) or b in schema.members.get(a, ())


def _respective(args: Arguments) -> list[tuple[Mention, Mention]]:
    """Each source with the target in the same place of its list ('Mali and Niger and their leaders, Goita and
    Tiani'), in the order the text names them; two lists of the same length, else nothing (one name and one state
    are no lists: 'قادة مالي استقبلوا X' makes no X Mali's)."""
    sources = sorted(args.sources, key=lambda m: m.start)
    targets = sorted(args.targets, key=lambda m: m.start)
    return list(zip(sources, targets)) if len(sources) == len(targets) > 1 else []


def _each_with(rule, args: Arguments) -> bool:
    """Did each listed party do it with the one counterpart after a preposition ('A, B and C signed deportation deals
    with X': three deals with X, none among them), for a rule that says so (``each_with``)?"""
    return rule.each_with and args.target_how == "prep" and len(args.targets) == 1


def _pairs(args: Arguments, rtype, schema, joint: bool = False, sides: bool = False) -> list[tuple[Mention, Mention]]:
    """Every source with every target; for a multi-party event, also every two parties on one side.

    'Mali, Niger and Burkina Faso signed', 'a meeting of the three countries': every two of them took part;
    'talks with Benin and Côte d'Ivoire' are one side's talks with each, not between the two, unless the rule
    says its targets sat together (``joint``: 'a meeting with the defence ministers of A, B and C'); a rule whose
    two sides made it (``sides``: 'the reconciliation between A and the four states') pairs no side within itself.
    """
    pairs = [(s, t) for s in args.sources for t in args.targets]
    if rtype.symmetric and not rtype.multiparty and (args.source_how == args.target_how == "between"
                                                     or args.target_how == COORDINATED) \
            and not (any(m.group for m in args.targets) and not any(m.group for m in args.sources)):
        # (not 'between Qatar and the five states': one named side's ties with each of the group)
        # 'security cooperation between A, B and C', 'a force of troops from A, B and C': a tie between every two
        pairs += [(a, b) for k, a in enumerate(args.targets) for b in args.targets[k + 1:] if _apart(schema, a, b)]
    if rtype.multiparty and not sides:
        together = [args.sources] + ([args.targets] if joint or args.target_how in (COORDINATED, "between")
                                     or any(m.group for m in args.targets) else [])
        pairs += [(a, b) for side in together for k, a in enumerate(side) for b in side[k + 1:] if _apart(schema, a, b)]
    return pairs


def _apart(schema, a: Mention, b: Mention) -> bool:
    """May two parties of one side be paired: not two of one state ('the ministry and the army of A'); two bodies
    of no state are two parties ('the agreement involving the AU, UNICEF and ECOWAS': every two of them)."""
    ca, cb = schema.country_of(a.entity), schema.country_of(b.entity)
    return ca != cb or (ca is None and a.entity != b.entity)


def merge(relations: Iterable[Relation], schema) -> list[Relation]:
    """One relation per (source, type, target, date, modality, role): the evidence of every report of it."""
    merged: dict[tuple, Relation] = {}
    known: dict[tuple, set] = {}   # key -> its evidence's (span, rule), kept as it grows: linear in reports
    for rel in relations:
        key = edge_key(rel.source, rel.type, rel.target, rel.date, rel.modality, rel.role,
                       schema.relation_types[rel.type].symmetric)
        old = merged.get(key)
        if old is None:
            merged[key] = rel
            continue
        seen = known.get(key)
        if seen is None:   # second report: the merged relation gets its own evidence list, grown in place
            seen = known[key] = {(e.sentence_span, e.rule) for e in old.evidence}
            old = merged[key] = replace(old, evidence=list(old.evidence))
        new = [e for e in oriented_evidence(rel, old.source) if (e.sentence_span, e.rule) not in seen]
        old.evidence.extend(new)
        seen.update((e.sentence_span, e.rule) for e in new)
    return list(merged.values())


def presupposed(relations: Iterable[Relation], schema) -> list[Relation]:
    """What facts tell besides themselves (ontology ``presupposes``): sanctions lifted had been imposed. Undated,
    on the same evidence, unless the document told that relation already."""
    relations = list(relations)
    types = schema.relation_types
    if all(types[r.type].presupposes is None for r in relations):
        return []   # (most documents tell nothing that presupposes another relation)

    def side(e):   # the USA told it: its president need not be told again
        return schema.country_of(e) or e
    told = {(side(r.source), r.type, r.target) for r in relations}
    out = []
    for rel in relations:
        then = schema.relation_types[rel.type].presupposes
        if then is None or rel.modality != "fact" or (side(rel.source), then, rel.target) in told:
            continue
        told.add((side(rel.source), then, rel.target))
        out.append(replace(rel, type=then, date=None))
    return out
