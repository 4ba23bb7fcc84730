"""A post the document says its holder lost: no HOLDS_ROLE from the same title elsewhere in it.

A page that calls someone 'the ousted president X' (a title with a cancel word, :mod:`.title_phrase`) and, in
its headline or another sentence, 'President X' tells one post, the lost one: the bare title is the writer's
shorthand, no post held now (rulesCP1, b498_04). Only the same title word on the same person is taken back:
'former minister X' says nothing of the presidency X holds now.
"""
from __future__ import annotations

from ..date_values import iso_text
from ..model import Relation

__all__ = ["FORMER_WHY", "lost_on_page", "lost_posts", "only_past_posts", "without_lost_posts"]

#: the reason :func:`graph.extraction.role_holding.holds_role` gives for a cancelled title
FORMER_WHY = "title marked former (cancel word)"


def lost_posts(dropped: list[dict]) -> set[tuple[str, str]]:
    """(person, title words) of the titles one sentence marked former."""
    return {(d["source"], d["title"]) for d in dropped if d.get("why") == FORMER_WHY and "title" in d}


def without_lost_posts(relations: list[Relation], lost: set[tuple[str, str]], text: str) -> list[Relation]:
    """The relations but the HOLDS_ROLE whose every report has a title the document marked former elsewhere.

    >>> from types import SimpleNamespace as NS
    >>> ev = NS(spans={"trigger": (0, 6)})
    >>> rel = NS(type="HOLDS_ROLE", source="X", evidence=[ev])
    >>> without_lost_posts([rel], {("X", "الرئيس")}, "الرئيس X")
    []
    >>> len(without_lost_posts([rel], {("X", "الوزير")}, "الرئيس X"))
    1
    """
    if not lost:
        return relations
    people = {person for person, _ in lost}

    def lost_title(rel) -> bool:
        return rel.type == "HOLDS_ROLE" and rel.source in people and bool(rel.evidence) and all(
            "trigger" in e.spans and (rel.source, text[slice(*e.spans["trigger"])]) in lost for e in rel.evidence)

    return [rel for rel in relations if not lost_title(rel)]


def only_past_posts(entity, state: str, published) -> bool:
    """Whether every post the gazetteer gives the person in ``state`` had ended by the publication date: his
    state in brackets then tells where he comes from, not a post he holds ('former heads of state: X (Nigeria),
    Y (Kenya)', rulesCV3, b540_07). False where the gazetteer gives him no post there (a national envoy).

    >>> from graph.model import Entity, Role
    >>> ex = Entity("X", "person", "X", country="NGA", roles=(Role("President", "NGA", "1999-05", "2007-05"),))
    >>> only_past_posts(ex, "NGA", "2025-05-17"), only_past_posts(ex, "NGA", "2003-01-01")
    (True, False)
    >>> only_past_posts(ex, "NGA", None)
    True
    >>> only_past_posts(Entity("Y", "person", "Y", country="NGA"), "NGA", "2025-05-17")
    False
    """
    date = iso_text(published)
    posts = [r for r in entity.roles if r.of == state]
    # (an undated page: posts that have all ended)
    return bool(posts) and not any(r.valid_on(date[:7]) if date else r.end is None for r in posts)


def lost_on_page(entity, published) -> bool:
    """Whether the gazetteer ends one of the person's posts in the page's own month or later, the page's date
    still inside it: the page tells the loss itself ('the army deposed President X' on the day it did), so its
    'President X' elsewhere is the post he held until then, not the writer's shorthand for a lost one. Undated
    pages keep the takeback.

    >>> from graph.model import Entity, Role
    >>> x = Entity("X", "person", "X", country="GNB", roles=(Role("President", "GNB", "2020-02", "2025-11"),))
    >>> lost_on_page(x, "2025-11-26"), lost_on_page(x, "2026-03-02"), lost_on_page(x, None)
    (True, False, False)
    >>> lost_on_page(Entity("Y", "person", "Y", roles=(Role("President", "NER", "2021-04"),)), "2025-11-26")
    False
    """
    date = iso_text(published)
    return bool(date) and entity is not None and any(
        r.end is not None and r.valid_on(date) for r in getattr(entity, "roles", ()))
