"""Inflected forms of a lexicon word, generated once when the schema is compiled.

Curators list a trigger or a title once (``زيارة``, ``وزير``); news writes it
with the article and with a possessive or object suffix
(``الزيارة``, ``زيارتها``, ``التقاه``). The forms come from the language's
data (``inflection`` in ``schema/morphology.yaml``): the article, the
suffixes, and how a word's last letter changes before a suffix (normalized
``ة`` is ``ه`` and becomes ``ت``; ``ى`` is ``ي`` and becomes ``ا``). Matching
stays one dictionary lookup: the forms are keys, not rules run on the text.

The Arabic morphology packages on the package index were tried first:
``alyahmor`` 0.2 (its generator) fails to import on Python 3
(``import noun_affixer``), ``qalsadi`` and ``tashaphyne`` analyse and stem
rather than generate, and ``pyarabic`` has no generator.

>>> spec = {"article": "ال", "suffixes": ["ه", "ها"], "before_suffix": {"ه": "ت", "ي": "ا"}, "min_length": 3}
>>> sorted(inflections("زياره", spec))
['الزياره', 'زيارته', 'زيارتها', 'زياره']
>>> sorted(inflections("التقي", spec))
['التقاه', 'التقاها', 'التقي']
>>> sorted(inflections("talks", spec))
['talks']
>>> sorted(inflections("دول", dict(spec, homographs={"دوله"})))   # a form that is another word is not made
['الدول', 'دول', 'دولها']
"""
from __future__ import annotations

import re
from typing import Any, Mapping

__all__ = ["inflections", "has_inflection"]

_ARABIC = re.compile(r"[\u0600-\u06FF]")


def has_inflection(spec: Mapping[str, Any] | None) -> bool:
    return bool(spec and (spec.get("suffixes") or spec.get("article")))


def inflections(word: str, spec: Mapping[str, Any] | None) -> set[str]:
    """``word`` and its generated forms (normalized text in, normalized text out)."""
    forms = {word}
    if not spec or not _ARABIC.search(word) or len(word) < int(spec.get("min_length", 3)):
        return forms
    article = spec.get("article") or ""
    if article and not word.startswith(article):
        forms.add(article + word)
    last = word[-1:]
    stem = word[:-1] + spec["before_suffix"][last] if last in (spec.get("before_suffix") or {}) else word
    forms.update(stem + suffix for suffix in spec.get("suffixes") or ())
    return forms - (set(spec.get("homographs") or ()) - {word})   # ('دوله', his states, is 'دولة', a state)
