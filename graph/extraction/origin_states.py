"""A person's state named right after his name by 'of' (morphology.yaml ``actor_heads_of_prepositions``) or right
before it with a possessive: 'X of A, Y of B and Z met in C', 'A's X, B's Y and C's Z met'. The state tells where
each one comes from; it is no conjunct of the list of people, so the list runs past it (arguments._chain), as it
already does past the state a title names (scene.modifiers)."""
from __future__ import annotations

from typing import Sequence

from .sentence import Mention, Scene

__all__ = ["origin_state", "owner_state", "owned_after", "joined_past_origins", "without_origins"]


def origin_state(scene: Scene, person: Mention) -> Mention | None:
    """The state or body right after ``person``'s name and its 'of' (none when something else stands between)."""
    if person.kind != "person":
        return None
    view = scene.view
    if person.end >= len(view.lows) or view.lows[person.end] not in view.grammar.actor_heads_of_prepositions:
        return None
    state = scene.by_start.get(person.end + 1)
    if state is None or state.kind == "person" or state.intro != view.lows[person.end]:
        return None
    return state


def owner_state(scene: Scene, person: Mention) -> Mention | None:
    """The state or body right before ``person``'s name with its possessive ('A's X'), if any."""
    if person.kind != "person":
        return None
    return next((m for m in scene.mentions if m.end < person.start and m.kind != "person" and m.intro
                 and _owns(scene.view, m, person)), None)


def owned_after(view, ms: Sequence[Mention], k: int) -> int | None:
    """The index of the mention ms[k] owns right after its possessive ('Russia's Wagner'), if any."""
    return k + 1 if k + 1 < len(ms) and _owns(view, ms[k], ms[k + 1]) else None


def _owns(view, m: Mention, other: Mention) -> bool:
    """Does ``m`` own ``other`` through a possessive written right between them ('Russia's Wagner')?"""
    marker = view.grammar.possessive_at(view.tokens, m.end) if m.end < len(view.tokens) else ()
    return bool(marker) and m.intro == "".join(marker) and other.start == m.end + len(marker)


def joined_past_origins(scene: Scene, a: Mention, b: Mention, conjunction: bool) -> bool:
    """Two people joined once their states are set aside: 'X of A and Y', 'X, B's Y' ('A's X, B's Y and C's Z')."""
    if not a.kind == b.kind == "person" or a.end >= b.start:
        return False
    of, own = origin_state(scene, a), owner_state(scene, b)
    if of is None and own is None or of is not None and own is not None and of.end > own.start:
        return False
    return scene.view.is_coordinated(a if of is None else a.replaced(end=of.end), b if own is None else own,
                                     conjunction)


def without_origins(scene: Scene, ms: tuple[Mention, ...], m: Mention, i: int) -> tuple[tuple[Mention, ...], int]:
    """The free mentions less the origin states of the people among them, and ``m``'s place in what is left;
    ``ms`` and ``i`` themselves when ``m`` is no person or no person in ``ms`` has such a state."""
    if m.kind != "person":
        return ms, i
    skip = set()
    for x in ms:
        for s in (origin_state(scene, x), owner_state(scene, x)):
            if s is not None:
                skip.add(s.key)
    if not skip or m.key in skip:
        return ms, i
    kept = tuple(x for x in ms if x.key not in skip)
    return kept, next(k for k, x in enumerate(kept) if x.key == m.key)
