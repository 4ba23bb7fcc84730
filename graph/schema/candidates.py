"""``candidates.yaml``: stop words and name links for ``geograph candidates`` (graph.candidates); optional.

The report looks beside triggers and titles for names the gazetteer does not
know yet; these words may never be (or never start) such a name. The
function words of ``morphology.yaml`` (prepositions, conjunctions, clause
openers) count as stop words too, with their proclitics.
"""
from __future__ import annotations

from pathlib import Path
from typing import Mapping

from ..documents import normalize_arabic
from ..matcher import PatternError, PhraseMatcher, compile_pattern
from .compiled import CandidateWords
from .yamlio import Reader, line_of

__all__ = ["load_candidates"]

_FUNCTION_WORDS = ("prepositions", "conjunctions", "between", "clause_openers")   # of morphology.yaml


def load_candidates(path: Path, morphology: Mapping, reader: Reader) -> CandidateWords | None:
    """The candidates report's word lists, or None when the schema has no candidates.yaml."""
    if not path.exists():
        return None
    data = reader.yaml(path)
    if not isinstance(data, dict):
        reader.add(path, 1, "expected {stopwords: {ar: [...], en: [...]}, name_links, max_words, gap}")
        return None
    reader.check_keys(data, ("stopwords", "never_first", "name_links", "determiners", "max_words", "gap", "reach"),
                      ("stopwords",), path, "candidates")
    numbers = {}
    for key, default, low in (("max_words", 4, 1), ("gap", 1, 0), ("reach", 6, 1)):
        value = data.get(key, default)
        if not isinstance(value, int) or isinstance(value, bool) or value < low:
            reader.add(path, line_of(data, key), f"candidates: {key} must be a whole number >= {low}, got {value!r}")
            value = default
        numbers[key] = value
    matchers = {key: _one_word_matcher(data, key, path, morphology, reader) for key in ("stopwords", "never_first")}
    for key in _FUNCTION_WORDS:   # function words, with proclitics
        matchers["stopwords"].add_all((w for w in morphology.get(key) or () if compile_pattern(w)), "stopwords")
    words = {key: frozenset(normalize_arabic(w).lower() for ws in reader.lang_lists(
        data.get(key), path, line_of(data, key), key).values() for w in ws)
        for key in ("name_links", "determiners")}
    return CandidateWords(matchers["stopwords"], matchers["never_first"], **words, **numbers)


def _one_word_matcher(data, key: str, path: Path, morphology: Mapping, reader: Reader) -> PhraseMatcher:
    """A matcher of the words listed under ``key`` (one word per entry), each with the payload ``key``."""
    matcher = PhraseMatcher(morphology)
    raw = data.get(key)
    for lang, words in reader.lang_lists(raw, path, line_of(data, key), key).items():
        items = raw if lang == "any" else raw[lang]
        lines = getattr(items, "item_lines", None) or [line_of(data, key)] * len(words)
        for w, line in zip(words, lines):
            if len(w.split()) != 1:
                reader.add(path, line, f"{key}: {w!r}: one word per entry")
                continue
            try:
                matcher.add(w, key)
            except PatternError as err:
                reader.add(path, line, f"{key}: {err}")
    return matcher
