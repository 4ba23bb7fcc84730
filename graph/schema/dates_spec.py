"""Reading ``schema/dates.yaml``: every word validated with the line it came from (all problems at once), month and
weekday names from CLDR (babel) for the locales listed. :mod:`graph.schema.dates` compiles the result.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable

import yaml
from babel import Locale, UnknownLocaleError

from ..dates import SHIFTS, UNITS
from ..documents import normalize_arabic
from ..errors import Problem, SchemaError

__all__ = ["_read_spec", "_Spec", "_LISTS", "_norm"]   # (the compiler's, in graph.schema.dates)


@dataclass
class _Spec:
    """dates.yaml after validation: words (normalized) with the line each came from."""

    path: str
    problems: list[Problem]
    proclitics: list[list[str]] = field(default_factory=list)
    months: dict[str, tuple[int, int]] = field(default_factory=dict)          # name -> (month, line)
    abbreviations: dict[str, tuple[int, int]] = field(default_factory=dict)
    weekdays: dict[str, tuple[int, int]] = field(default_factory=dict)
    context_names: list[tuple[str, int]] = field(default_factory=list)
    lists: dict[str, list[str]] = field(default_factory=dict)                  # cues, year_words, ...
    day_words: dict[str, tuple[int, int]] = field(default_factory=dict)
    ago_words: dict[str, tuple[int, int]] = field(default_factory=dict)    # 'two days ago' -> (-2, line)
    feasts: dict[str, tuple[tuple[int, int], int]] = field(default_factory=dict)   # name -> ((month, day), line)
    ordinal_days: dict[str, tuple[int, int]] = field(default_factory=dict)   # 'السابع' -> (7, line)
    year_names: dict[str, tuple[int, int]] = field(default_factory=dict)   # a year in words -> (2022, line)
    relative: dict[str, dict[str, tuple[int, int]]] = field(default_factory=lambda: {"after": {}, "before": {}})
    units: dict[str, tuple[str, int]] = field(default_factory=dict)

    def add(self, line: int | None, message: str) -> None:
        self.problems.append(Problem(message, self.path, line))


_LISTS = ("cues", "year_words", "month_year_links", "month_prefixes", "weekday_prefixes", "day_parts",
          "year_suffixes", "vetoes", "bare_vetoes", "nested", "effective", "occasion", "lasting", "support", "next_day",
          "same_day", "purpose", "spoken", "simultaneous", "at_the_time", "within", "framing",
          "lags", "names", "circumstance", "causes", "recalled", "recalled_named", "restating", "came_at", "fronted", "deadlines",
          "attributive", "turns", "contrasts", "joined", "period_parts", "stays", "earlier", "gatherings", "made_at",
          "ago_vetoes", "previous_day", "runs", "firsts")
# Matched exactly as written (no Capitalized or UPPER CASE forms): ordinal endings, punctuation.
_EXACT_LISTS = ("day_suffixes", "separators", "day_spans")
_KEYS = frozenset({"proclitics", "months", "weekdays", "context_names", "day_words", "ago_words", "feasts", "ordinal_days",
                   "year_names",
                   "relative", "units",
                   *_LISTS,
                   *_EXACT_LISTS})
_REQUIRED = ("months", "weekdays", "cues", "day_words", "relative", "units")


def _read_spec(path: Path) -> _Spec:
    spec = _Spec(str(path), [])
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as err:
        raise SchemaError([Problem(f"not UTF-8 ({err.reason}); re-save the file as UTF-8", str(path))])
    except OSError as err:
        raise SchemaError([Problem(f"cannot read dates grammar: {err.strerror}", str(path))])
    loader = None
    try:
        loader = yaml.SafeLoader(text)   # (its reader already refuses control characters)
        root = loader.get_single_node()
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None) or getattr(err, "context_mark", None)
        raise SchemaError([Problem(f"invalid YAML: {getattr(err, 'problem', None) or err}", str(path),
                                   mark.line + 1 if mark else None)])
    except RecursionError:
        raise SchemaError([Problem("invalid YAML: nested too deeply", str(path))]) from None
    finally:
        if loader is not None:
            loader.dispose()
    if root is None:
        raise SchemaError([Problem(f"empty file: expected {', '.join(_REQUIRED)} (see schema/dates.yaml)",
                                   str(path), 1)])
    top = _mapping(spec, root, "dates.yaml")
    if top is None:
        raise SchemaError(spec.problems)
    for key, (knode, _v) in top.items():
        if key not in _KEYS:
            spec.add(_line(knode), f"unknown key {key!r} (allowed: {', '.join(sorted(_KEYS))})")
    for key in _REQUIRED:
        if key not in top:
            spec.add(_line(root), f"missing {key!r}: see the comments in schema/dates.yaml")
    _read_names(spec, top)
    for key in _LISTS + _EXACT_LISTS:
        if key in top:
            spec.lists[key] = [w for w, _ in _words(spec, top[key][1], key)]
    if "proclitics" in top:
        layers = top["proclitics"][1]
        if not isinstance(layers, yaml.SequenceNode):
            spec.add(_line(layers), "proclitics: expected a list of layers, e.g. [[و, ف], [ب, ل, ك]]")
        else:
            spec.proclitics = [[w for w, _ in _words(spec, layer, "proclitics layer")] for layer in layers.value]
    _read_word_tables(spec, top)
    _read_relative(spec, top)
    _read_units(spec, top)
    if "context_names" in top:
        spec.context_names = _words(spec, top["context_names"][1], "context_names")
        for word, line in spec.context_names:
            if word not in spec.months and word not in spec.weekdays:
                spec.add(line, f"context_names: {word!r} is not a month or weekday name; "
                               "list only names that appear under months or weekdays")
    if spec.problems:
        raise SchemaError(sorted(spec.problems, key=lambda p: p.line or 0))
    return spec


def _read_names(spec: _Spec, top: dict) -> None:
    if "months" in top:
        months = _mapping(spec, top["months"][1], "months")
        if months is not None:
            _check_keys(spec, months, {"locales", "abbreviation_locales", "extra", "extra_abbreviations"}, "months")
            for loc, line in _locales(spec, months, "locales", "months"):
                for ctx in ("format", "stand-alone"):
                    _add_names(spec, spec.months, loc.months[ctx]["wide"].items(), line, f"month of {loc}")
            for loc, line in _locales(spec, months, "abbreviation_locales", "months"):
                for ctx in ("format", "stand-alone"):
                    _add_names(spec, spec.abbreviations, loc.months[ctx]["abbreviated"].items(), line,
                               f"abbreviated month of {loc}")
            _read_extra(spec, months, "extra", spec.months, 1, 12, "months")
            _read_extra(spec, months, "extra_abbreviations", spec.abbreviations, 1, 12, "months")
            for name in list(spec.abbreviations):
                if name in spec.months:
                    del spec.abbreviations[name]     # "May": a full name already
    if "weekdays" in top:
        weekdays = _mapping(spec, top["weekdays"][1], "weekdays")
        if weekdays is not None:
            _check_keys(spec, weekdays, {"locales", "extra"}, "weekdays")
            for loc, line in _locales(spec, weekdays, "locales", "weekdays"):
                for ctx in ("format", "stand-alone"):
                    # babel counts 0 = Monday; dates.yaml extra keys are ISO 1 = Monday
                    _add_names(spec, spec.weekdays, ((d + 1, n) for d, n in loc.days[ctx]["wide"].items()), line,
                               f"weekday of {loc}")
            _read_extra(spec, weekdays, "extra", spec.weekdays, 1, 7, "weekdays")


def _locales(spec: _Spec, node: dict, key: str, what: str) -> Iterable[tuple[Locale, int]]:
    if key not in node:
        return []
    out = []
    for name, line in _words(spec, node[key][1], f"{what}.{key}", normalize=False):
        try:
            out.append((Locale.parse(name), line))
        except (UnknownLocaleError, ValueError, TypeError):
            spec.add(line, f"{what}.{key}: unknown locale {name!r}; use a CLDR id such as ar_EG or en")
    return out


def _add_names(spec: _Spec, table: dict, items: Iterable[tuple[int, str]], line: int, what: str) -> None:
    for num, name in items:
        if any(ch.isdigit() for ch in name):
            spec.add(line, f"{what}: CLDR gives {name!r}, not a name; drop this locale")
            return
        _put(spec, table, _norm(name).rstrip("."), num, line, what)


def _read_extra(spec: _Spec, node: dict, key: str, table: dict, lo: int, hi: int, what: str) -> None:
    if key not in node:
        return
    extra = _mapping(spec, node[key][1], f"{what}.{key}")
    for num, (knode, vnode) in (extra or {}).items():
        if not isinstance(num, int) or isinstance(num, bool) or not lo <= num <= hi:
            spec.add(_line(knode), f"{what}.{key}: {num!r} is not a number from {lo} to {hi}")
            continue
        for word, line in _words(spec, vnode, f"{what}.{key}.{num}"):
            _put(spec, table, word.rstrip("."), num, line, f"{what}.{key}")


def _put(spec: _Spec, table: dict, word: str, value, line: int, what: str) -> None:
    old = table.get(word)
    if old is not None and old[0] != value:
        spec.add(line, f"{what}: {word!r} means {value!r} here but {old[0]!r} on line {old[1]}; keep one")
        return
    table.setdefault(word, (value, line))


def _whole(value, low=None, high=None) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and (low is None or low <= value <= high)


def _day_offset(value, word):
    """``day_words``: a word for a day relative to the page's (أمس -> -1)."""
    if _whole(value):
        return value, None
    return None, f"offset {value!r} of {word!r} must be a whole number of days (أمس: -1)"


def _feast_day(value, word):
    """``feasts``: a feast named as a day (Christmas Day) -> the day it falls on, as 'MM-DD'."""
    parts = str(value).split("-")
    if len(parts) == 2 and all(x.isdigit() for x in parts) and 1 <= int(parts[0]) <= 12 and 1 <= int(parts[1]) <= 31:
        return (int(parts[0]), int(parts[1])), None
    return None, f"{str(value)!r} of {word!r} must be a month and day as MM-DD (12-25)"


def _ordinal_day(value, word):
    """``ordinal_days``: a day of the month told as an ordinal word ('السابع من أبريل') -> its number."""
    if _whole(value, 1, 31):
        return value, None
    return None, f"{value!r} of {word!r} must be a day of the month (1 to 31)"


def _year_name(value, word):
    """``year_names``: a year told in words ('ألفين واثنين وعشرين') -> its number."""
    if _whole(value, 1900, 2099):
        return value, None
    return None, f"{value!r} of {word!r} must be a year (1900 to 2099)"


#: the word tables of dates.yaml: key -> how one value is read (value, or an error message)
_WORD_TABLES = {"day_words": _day_offset, "ago_words": _day_offset, "feasts": _feast_day, "ordinal_days": _ordinal_day,
                "year_names": _year_name}


def _read_word_tables(spec: _Spec, top: dict) -> None:
    """Each word table: a word -> a value, each word once, each error with its line."""
    for key, read in _WORD_TABLES.items():
        if key not in top:
            continue
        for word, (knode, vnode) in (_mapping(spec, top[key][1], key) or {}).items():
            if not isinstance(word, str) or not _norm(word):
                spec.add(_line(knode), f"{key}: {word!r} is not a word")
                continue
            value, error = read(_value(vnode), word)
            if error:
                spec.add(_line(vnode), f"{key}: {error}")
            else:
                _put(spec, getattr(spec, key), _norm(word), value, _line(knode), key)


def _read_relative(spec: _Spec, top: dict) -> None:
    if "relative" not in top:
        return
    for direction, (knode, vnode) in (_mapping(spec, top["relative"][1], "relative") or {}).items():
        if direction not in SHIFTS:
            spec.add(_line(knode), f"relative: {direction!r} must be one of {', '.join(SHIFTS)}")
            continue
        sides = _mapping(spec, vnode, f"relative.{direction}") or {}
        _check_keys(spec, sides, {"after", "before"}, f"relative.{direction}")
        for side, (_k, words) in sides.items():
            if side in spec.relative:
                for word, line in _words(spec, words, f"relative.{direction}.{side}"):
                    _put(spec, spec.relative[side], word, SHIFTS[direction], line, f"relative.{direction}")


def _read_units(spec: _Spec, top: dict) -> None:
    if "units" not in top:
        return
    for unit, (knode, vnode) in (_mapping(spec, top["units"][1], "units") or {}).items():
        if unit not in UNITS:
            spec.add(_line(knode), f"units: {unit!r} must be one of {', '.join(UNITS)}")
            continue
        for word, line in _words(spec, vnode, f"units.{unit}"):
            _put(spec, spec.units, word, unit, line, "units")


# --- YAML nodes, so every problem can name its line

def _line(node: yaml.Node) -> int:
    return node.start_mark.line + 1


def _value(node: yaml.Node) -> Any:
    if isinstance(node, yaml.ScalarNode):
        return yaml.SafeLoader("").construct_object(node) if node.tag != "tag:yaml.org,2002:str" else node.value
    return None


def _mapping(spec: _Spec, node: yaml.Node, what: str) -> dict | None:
    if isinstance(node, yaml.ScalarNode) and node.tag == "tag:yaml.org,2002:null":
        return {}
    if not isinstance(node, yaml.MappingNode):
        spec.add(_line(node), f"{what}: expected a mapping (key: value lines)")
        return None
    return {_value(k): (k, v) for k, v in node.value}


def _check_keys(spec: _Spec, mapping: dict, allowed: set[str], what: str) -> None:
    for key, (knode, _v) in mapping.items():
        if key not in allowed:
            spec.add(_line(knode), f"{what}: unknown key {key!r} (allowed: {', '.join(sorted(allowed))})")


def _words(spec: _Spec, node: yaml.Node, what: str, normalize: bool = True) -> list[tuple[str, int]]:
    if isinstance(node, yaml.ScalarNode) and node.tag == "tag:yaml.org,2002:null":
        return []
    if not isinstance(node, yaml.SequenceNode):
        spec.add(_line(node), f"{what}: expected a list of words, e.g. [word, other word]")
        return []
    out = []
    for item in node.value:
        value = _value(item)
        if isinstance(value, bool):
            spec.add(_line(item), f"{what}: YAML reads {item.value!r} as {value}; quote it: \"{item.value}\"")
            continue
        if not isinstance(value, str) or not value.strip():
            spec.add(_line(item), f"{what}: {value!r} is not a word; quote it or remove it")
            continue
        out.append((_norm(value) if normalize else value.strip(), _line(item)))
    return out


def _norm(word: str) -> str:
    """Normalized like article text, spaces collapsed."""
    return " ".join(normalize_arabic(word).split())
