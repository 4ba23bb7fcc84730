"""Standing memberships the gazetteer knows, told by a sentence that names an alliance and one of its members.

An article that names the AES next to Mali presupposes Mali's membership, and analysts code it (the annotation
guide, point 2: standing relations stated in passing; over the first fifteen real-news batches, the articles that
named the AES and a member had that membership in their gold, with one exception, a page cut off inside the
alliance's name). Only wholes whose gazetteer entry lists ``members`` take part: a fixed membership (the AES), of an
alliance or of a joint force the states staff (the Multinational Joint Task Force: over batches 1-60 its members
named near it were coded in eight of nine cases).
A bloc whose membership changed in the period (ECOWAS) lists none, and its memberships come from the rules alone.

``discourse.yaml`` says which relation type an alliance's ``members`` stand in and how many sentences apart the
two may be named (``standing_members: {type, window}``); without it the stage adds nothing. A member named
only far from the alliance (a seed article about Mali that names Niger in another paragraph) is not told.

The same stage, built on the gazetteer's ``parents`` (``standing_parents`` in ``discourse.yaml``), tells a part's
standing tie to its whole when both are named near each other (the whole by name or demonym: 'شركة أورانو
الفرنسية', 'the Russian mercenary group Wagner'; over batches 1-21 that added five ties the gold coded, none it
did not): Wagner or the Africa Corps next to Russia
(AFFILIATED_WITH), a franchise next to its parent group. Over batches 1-19 the gold coded Wagner's tie to Russia in
11 of the 14 articles that named both (the rest were told by the rules), JNIM's to al-Qaeda in all 11. The
gazetteer's ``partners`` (``standing_partners``) do the same for a foreign force's host states: Wagner named near
Mali was coded COOPERATES_WITH in 13 of 14 articles.

The relation's evidence is the sentence that names the alliance nearest the member (with the member's span when
it names both). A membership the rules already told (with any modality) is left to them; so is a host's partnership
the rules told of one of the host's own bodies ('the Malian army relies on Wagner': the army is the more specific
actor, annotation guide point 7; b70_05).
"""
from __future__ import annotations

import dataclasses
from operator import attrgetter
from types import SimpleNamespace
from typing import Iterable, Mapping

from ..matcher import Match
from ..model import Relation
from .modality import FACT, modality_of
from .sentence import Scene

__all__ = ["StandingMembers", "RULE_ID", "TIES", "standing_stages", "standing_relations", "orient_ties"]

RULE_ID = "standing.members"    # the rule id of the relations this stage adds
TIES = ("parents", "partners")   # the gazetteer keys of standing ties; rule id ``standing.<key>``
# a parent state may be named by its demonym ('مجموعة فاغنر الروسية', 'the French company Orano'); a host state
# by name only (a demonym beside a foreign force is often the force's own: 'the Malian army and Wagner')
WHOLE_NAMED = {"parents": ("name", "adjective")}
CONFIDENCE = 0.7
_ENTITY = attrgetter("entity")
NAMED = ("name", "anaphor")     # how a member counts as named: by its name or as one of 'the three countries'


class StandingMembers:
    """Collects, sentence by sentence, the alliances with known members and the countries a document names.

    >>> StandingMembers({}, None).relations([])
    []
    """

    def __init__(self, members: Mapping[str, tuple[str, ...]], rtype: str | None, window: int = 0,
                 kinds: tuple[str | None, str | None] = (None, "country"), named=NAMED, rule_id=RULE_ID,
                 whole_named=("name",), host=None):
        self._members = members if rtype else {}
        self._type = rtype
        self._window = window   # sentences between the alliance's naming and the member's
        self._kinds = kinds     # (the whole's kind, the part's kind); None: any kind
        self._named = named     # how a part counts as named
        self._whole_named = whole_named   # how a whole counts as named ('شركة أورانو الفرنسية': by its demonym)
        self._rule = rule_id
        self._host = host   # the schema, for partners only: a body's tie stands for its state's; the modality cues
        self._payload = SimpleNamespace(type=rtype)   # (what a modality cue of some types only asks of a trigger)
        self._parts = {p for parts in self._members.values() for p in parts}
        self._either = frozenset(self._members) | self._parts   # (a sentence naming neither is passed at once)
        self._alliances: list[tuple] = []    # (sentence, view, mention) of each alliance named
        self._countries: list[tuple] = []    # (sentence, view, mention) of each country named

    def see(self, scene: Scene, entities=None) -> None:
        """Note what one sentence names (``entities``: the set of its mentions' entities, when already made: the
        stages of a sentence share it)."""
        if not self._members or self._either.isdisjoint(map(_ENTITY, scene.mentions) if entities is None
                                                        else entities):
            return
        n = scene.view.sentence.index
        whole, part = self._kinds
        for m in scene.mentions:
            if m.entity in self._members and whole in (None, m.kind) and m.how in self._whole_named:
                self._alliances.append((n, scene.view, m))
            if m.entity in self._parts and part in (None, m.kind) and m.how in self._named:
                # 'تعتزم روسيا نشر الفيلق الأفريقي في النيجر': a force still to be deployed is no partner yet
                mod = FACT if self._host is None else modality_of(
                    scene.view, Match(m.start, m.end, self._payload, m.clitic, ""), self._host.modality, scene.dates)
                self._countries.append((n, scene.view, m, mod))

    def relations(self, told: Iterable[Relation]) -> list[tuple[int, Relation]]:
        """The membership of each member named near an alliance it belongs to, unless told already, with the index
        of the sentence that is its evidence."""
        known = {(r.source, r.target) for r in told if r.type == self._type}
        if self._host is not None:   # ('the Malian army relies on Wagner': Mali's tie is told, by its army)
            state = self._host.country_of
            known |= {pair for r in told if r.type == self._type
                      for a, b in ((r.source, r.target), (r.target, r.source)) if state(a) not in (None, a)
                      for pair in ((state(a), b), (b, state(a)))}
        best: dict[tuple[str, str], tuple] = {}
        for an, aview, am in self._alliances:
            for cn, cview, cm, mod in self._countries:
                key = (cm.entity, am.entity)
                if key in known or key[0] == key[1] or cm.entity not in self._members[am.entity] or abs(cn - an) > self._window:
                    continue
                if key not in best or (mod != FACT, abs(cn - an), an) < best[key][0]:   # a fact sighting first
                    best[key] = ((mod != FACT, abs(cn - an), an), aview, am, cview if cn == an else None, cm, mod)
        out = []
        for (member, alliance), ((_, _, index), view, am, same, cm, mod) in best.items():
            spans = {"target": view.span(am.start, am.end)}
            if same is not None:
                spans["source"] = view.span(cm.start, cm.end)
            out.append((index, view.relation(member, self._type, alliance, None, mod, self._rule, CONFIDENCE, spans)))
        return out


def standing_stages(schema) -> list[StandingMembers]:
    """One stage per kind of standing tie the schema configures: alliances' members, then parents and partners."""
    return [StandingMembers(schema.members, *(schema.standing_members or (None, 0)))] + [
        StandingMembers(getattr(schema, key), *(getattr(schema, f"standing_{key}") or (None, 0)),
                        kinds=(None, None), named=("name",), rule_id=f"standing.{key}",
                        whole_named=WHOLE_NAMED.get(key, ("name",)),
                        host=schema if key == "partners" else None) for key in TIES]


def standing_relations(stages: list[StandingMembers], told: list[Relation]) -> list[tuple[int, Relation]]:
    """What the stages add once the document is read, each stage seeing what the rules and the earlier ones told."""
    added: list[tuple[int, Relation]] = []
    for stage in stages:
        added += stage.relations(told + [rel for _, rel in added])
    return added


_SWAP = {"source": "target", "target": "source", "carried_source": "carried_target", "carried_target": "carried_source"}


def orient_ties(relations: list[Relation], schema) -> list[Relation]:
    """A tie to a whole the gazetteer knows, read by a rule, follows the gazetteer: the part is the source.

    'الدولة الإسلامية فرع داعش في الساحل' read as the parent tied to its franchise is turned round (the smaller
    body is the source: IS Sahel -> IS, JNIM -> al-Qaeda); a part tied to another whole that has parts of its
    own, not one of its own wholes ('JNIM, affiliated to al-Qaeda, and the Islamic State'), is dropped.

    >>> orient_ties([], None)
    []
    """
    if not relations or not schema.standing_parents:
        return relations
    rtype, parts = schema.standing_parents[0], schema.parents
    out = []
    for rel in relations:
        if rel.type == rtype:
            if rel.target in parts.get(rel.source, ()) and rel.source not in parts.get(rel.target, ()):
                rel = dataclasses.replace(rel, source=rel.target, target=rel.source, evidence=[
                    dataclasses.replace(e, spans={_SWAP.get(k, k): v for k, v in e.spans.items()})
                    for e in rel.evidence])
            elif (rel.target in parts and rel.source not in parts[rel.target]
                  and any(rel.source in children for children in parts.values())):
                continue
        out.append(rel)
    return out
