"""A language's ``provisional_persons`` block (``languages/<code>.yaml``): whether, and how, its names are read from
their shape, so that a person the gazetteer does not know, named beside a title, becomes a provisional node
(graph.extraction.provisional). Its own module: ``language.py`` reads it as one key of a language file.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .yamlio import Reader, line_of

__all__ = ["ProvisionalNames", "load_provisional"]

_PROVISIONAL_KEYS = ("min_words", "max_words", "not_names", "between", "hosts")


@dataclass(frozen=True)
class ProvisionalNames:
    """A language's ``provisional_persons`` block: how many words a name has, and the capitalised words that
    never stand in a person's name (an organisation's or a place's head: 'Authority', 'Region'; a portfolio's word:
    'Finance'), lowercased; ``between``: the words that, with those, may stand between a title and the name after
    it ('Minister of Finance and Planning X'); ``hosts``: the words before a state that hosts the holder rather than
    employs him ('the Ambassador to Guinea, X': no person is minted from such a title alone)."""

    min_words: int = 2
    max_words: int = 4
    not_names: frozenset[str] = frozenset()
    between: frozenset[str] = frozenset()
    hosts: frozenset[str] = frozenset()


def load_provisional(path: Path, data: dict, reader: Reader) -> ProvisionalNames | None:
    """The ``provisional_persons`` block of a language file, checked: word counts from 1 to 8, min_words <=
    max_words; None when the file has none (the language's names are not read from their shape)."""
    found = reader.block(data, "provisional_persons", path, _PROVISIONAL_KEYS, ("min_words", "max_words"),
                         "a mapping (min_words, max_words, not_names)")
    if found is None:
        return None
    spec, line = found
    counts = []
    for key in ("min_words", "max_words"):
        value = spec.get(key, 0)
        if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 8:
            reader.add(path, line_of(spec, key, line), f"provisional_persons.{key}: a whole number from 1 to 8, "
                       f"got {value!r}")
            return None
        counts.append(value)
    if counts[0] > counts[1]:
        reader.add(path, line_of(spec, "min_words", line), f"provisional_persons: min_words {counts[0]} is more "
                   f"than max_words {counts[1]}")
        return None

    def words(key: str) -> frozenset[str]:
        return frozenset(w.lower() for w in reader.str_list(spec.get(key), path, line_of(spec, key, line),
                                                            f"provisional_persons.{key}"))
    return ProvisionalNames(counts[0], counts[1], words("not_names"), words("between"), words("hosts"))
