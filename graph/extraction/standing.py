"""Standing memberships the gazetteer knows, told by an article that names an alliance and its members.

``discourse.yaml`` says which relation type an alliance's ``members`` stand in (``standing_members``); without
it the stage adds nothing.

An article that names the AES and Mali presupposes Mali's membership, and analysts code it (the annotation
guide, point 2: standing relations stated in passing; over the first fifteen real-news batches, every article
that named the AES and a member had that membership in its gold). Only alliances whose gazetteer entry lists
``members`` take part: a fixed membership (the AES). A bloc whose membership changed in the period (ECOWAS)
lists none, and its memberships come from the rules alone.

The relation's evidence is the sentence that names both when there is one, else the first sentence that names
the alliance. A membership the rules already told (with any modality) is left to them.
"""
from __future__ import annotations

from typing import Iterable, Mapping

from ..model import Relation
from .sentence import Scene

__all__ = ["StandingMembers", "RULE_ID"]

RULE_ID = "standing.members"    # the rule id of the relations this stage adds
CONFIDENCE = 0.7
NAMED = ("name", "anaphor")     # how a member counts as named: by its name or as one of 'the three countries'


class StandingMembers:
    """Collects, sentence by sentence, the alliances with known members and the countries a document names.

    >>> StandingMembers({}, None).relations([])
    []
    """

    def __init__(self, members: Mapping[str, tuple[str, ...]], rtype: str | None):
        self._members = members if rtype else {}
        self._type = rtype
        self._alliance_at: dict[str, tuple] = {}    # alliance -> (view, mention) where first named
        self._together: dict[tuple[str, str], tuple] = {}   # (member, alliance) -> (view, member m, alliance m)
        self._named: set[str] = set()

    def see(self, scene: Scene) -> None:
        """Note what one sentence names."""
        if not self._members:
            return
        alliances = [m for m in scene.mentions if m.kind == "alliance" and m.how == "name" and m.entity in self._members]
        countries = [m for m in scene.mentions if m.kind == "country" and m.how in NAMED]
        self._named.update(m.entity for m in countries)
        for a in alliances:
            self._alliance_at.setdefault(a.entity, (scene.view, a))
            for c in countries:
                if c.entity in self._members[a.entity]:
                    self._together.setdefault((c.entity, a.entity), (scene.view, c, a))

    def relations(self, told: Iterable[Relation]) -> list[Relation]:
        """The membership of each member named in the document of each alliance it names, unless told already."""
        known = {(r.source, r.target) for r in told if r.type == self._type}
        out = []
        for alliance, (view, am) in self._alliance_at.items():
            for member in self._members[alliance]:
                if member not in self._named or (member, alliance) in known:
                    continue
                both = self._together.get((member, alliance))
                if both is not None:
                    v, cm, am2 = both
                    spans = {"source": v.span(cm.start, cm.end), "target": v.span(am2.start, am2.end)}
                else:
                    v, spans = view, {"target": view.span(am.start, am.end)}
                out.append(v.relation(member, self._type, alliance, None, "fact", RULE_ID, CONFIDENCE, spans))
        return out
