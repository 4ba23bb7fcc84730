"""Where listed phrases stand in a sentence's words: the lookup several stages share.

A phrase list (the grammar's, compiled with the schema) is indexed once by its first words, so a sentence that
holds none of them (most) is not walked.
"""
from __future__ import annotations

from itertools import compress, count

__all__ = ["phrases_in", "by_first_word", "derived"]


def phrases_in(words: list[str], phrases: tuple[tuple[str, ...], ...]) -> list[tuple[int, int]]:
    """(start, end) of each listed phrase where it stands in ``words``, in order; a sentence holding no phrase's
    first word (most of them) is not walked.

    >>> phrases_in(["a", "visit", "led", "by", "x"], (("led", "by"), ("including",)))
    [(2, 4)]
    >>> phrases_in(["no", "cue"], (("led", "by"),))
    []
    """
    held = _FIRSTS.get(id(phrases))   # (by_first_word, written out: every stage asks, many times a sentence)
    firsts = held[1] if held is not None and held[0] is phrases else by_first_word(phrases)
    if firsts is None:   # (an empty phrase: no first word to look for)
        return _walk(words, phrases)
    if firsts.keys().isdisjoint(words):
        return []
    return _placed(words, firsts)


def by_first_word(phrases: tuple[tuple[str, ...], ...]) -> dict | None:
    """The phrases of a list by their first word (made once per list), or None when one is empty."""
    return derived(phrases, _FIRSTS, _index)


# (the walks are functions of their own: their comprehensions make the locals they read cells, made at every call,
# and most sentences are answered above without them)

def _walk(words: list[str], phrases: tuple[tuple[str, ...], ...]) -> list[tuple[int, int]]:
    return [(i, i + len(p)) for i in range(len(words)) for p in phrases if tuple(words[i:i + len(p)]) == p]


def _placed(words: list[str], firsts: dict) -> list[tuple[int, int]]:
    # (the places of first words found in C: most words of a sentence start no phrase)
    return [(i, i + len(p)) for i in compress(count(), map(firsts.__contains__, words))
            for p in firsts[words[i]] if tuple(words[i:i + len(p)]) == p]


def _by_first(phrases: tuple[tuple[str, ...], ...]) -> dict[str, tuple[tuple[str, ...], ...]]:
    """The phrases by their first word, each word's in the list's order."""
    out: dict[str, list] = {}
    for p in phrases:
        out.setdefault(p[0], []).append(p)
    return {word: tuple(ps) for word, ps in out.items()}


_FIRSTS: dict[int, tuple] = {}   # id of a phrase list -> (the list, its phrases by first word, or None)


def _index(phrases):
    """The phrases by first word, or None when one is empty (no first word to look for)."""
    return _by_first(phrases) if all(phrases) else None


def derived(table, store: dict, make):
    """``make(table)``, made once per table: the schema's lists and tables live as long as it does, so what is
    derived from one is kept by its id (with the table itself, so that a reused id is never mistaken for it).

    >>> store, table = {}, ("a", "b")
    >>> derived(table, store, len), derived(table, store, lambda t: 0)
    (2, 2)
    """
    held = store.get(id(table))
    if held is None or held[0] is not table:
        held = store[id(table)] = (table, make(table))
    return held[1]
