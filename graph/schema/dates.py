"""Reading and compiling ``schema/dates.yaml`` into a :class:`~graph.dates.DateGrammar`.

Every word is validated with the line it came from (all problems at once);
month and weekday names come from CLDR (babel) for the locales listed. The
result is one regular expression with a named group per part of a date.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable

import yaml
from babel import Locale, UnknownLocaleError

from ..dates import PARTS, SHIFTS, UNITS, DateGrammar
from ..documents import normalize_arabic
from ..errors import Problem, SchemaError

__all__ = ["compile_dates"]


def compile_dates(path: Path) -> DateGrammar:
    """Read, validate and compile a dates.yaml; raises SchemaError with every problem found."""
    return _Compiler(_read_spec(path)).grammar()


# --------------------------------------------------------------------------- reading dates.yaml

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
    relative: dict[str, dict[str, tuple[int, int]]] = field(default_factory=lambda: {"after": {}, "before": {}})
    units: dict[str, tuple[str, int]] = field(default_factory=dict)

    def add(self, line: int | None, message: str) -> None:
        self.problems.append(Problem(message, self.path, line))


_LISTS = ("cues", "year_words", "month_year_links", "month_prefixes", "weekday_prefixes", "day_parts",
          "year_suffixes", "vetoes", "nested", "effective", "occasion", "lasting", "support", "next_day",
          "same_day", "purpose", "spoken", "simultaneous", "at_the_time", "within", "framing",
          "lags", "names", "circumstance", "causes")
# Matched exactly as written (no Capitalized or UPPER CASE forms): ordinal endings, punctuation.
_EXACT_LISTS = ("day_suffixes", "separators")
#: a year glued to the next word of a non-Latin script ('2024قال' in a page whose line lost its space): the year
#: ends the expression; Latin letters after a year stay part of a word ('the 2020s' is a decade)
_GLUED_YEAR = r"(?<=(?:19|20)\d\d)(?=[^\W\d_A-Za-z])"
_KEYS = frozenset({"proclitics", "months", "weekdays", "context_names", "day_words", "relative", "units", *_LISTS,
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
    _read_day_words(spec, top)
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


def _read_day_words(spec: _Spec, top: dict) -> None:
    if "day_words" not in top:
        return
    for word, (knode, vnode) in (_mapping(spec, top["day_words"][1], "day_words") or {}).items():
        offset = _value(vnode)
        if not isinstance(word, str) or not _norm(word):
            spec.add(_line(knode), f"day_words: {word!r} is not a word")
        elif not isinstance(offset, int) or isinstance(offset, bool):
            spec.add(_line(vnode), f"day_words: offset {offset!r} of {word!r} must be a whole number of days "
                                   "(أمس: -1)")
        else:
            _put(spec, spec.day_words, _norm(word), offset, _line(knode), "day_words")


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


# --------------------------------------------------------------------------- compiling

class _Compiler:
    """Turns a validated spec into one regular expression with a named group per part.

    Shapes, tried in order at each start so the longest wins (groups are named
    ``<part>_<n>``; only ``year``, ``mm``, ``day``, ``mon``, ``wd``, ``dw``,
    ``rel`` and ``unit`` carry meaning)::

        [cue] [weekday] day month year | month day year | dd/mm/yyyy | yyyy-mm-dd
        [cue] month year | month [link] unit rel | month rel unit | day month [rel] | month day | month rel | rel month
        [cue] weekday rel | rel weekday | [part] day-word [weekday] [part]
        [cue] unit rel | rel unit | [year-word] year | month | weekday
    """

    def __init__(self, spec: _Spec):
        self.spec = spec
        self.n = 0
        self.fields: dict[str, str] = {}

    def group(self, part: str, pattern: str) -> str:
        self.n += 1
        name = f"{part}_{self.n}"
        self.fields[name] = part
        return f"(?P<{name}>{pattern})"

    def grammar(self) -> DateGrammar:
        spec = self.spec
        context = {w for w, _ in spec.context_names}
        lists = {k: [w for v in spec.lists.get(k, []) for w in _cases(v)] for k in _LISTS}
        months = {w: v for k, v in spec.months.items() for w in _cases(k)}
        abbrevs = {w: v for k, v in spec.abbreviations.items() for w in _cases(k)}
        weekdays = {w: v for k, v in spec.weekdays.items() for w in _cases(k)}
        after = {w: v for k, v in spec.relative["after"].items() for w in _cases(k)}
        before = {w: v for k, v in spec.relative["before"].items() for w in _cases(k)}
        day_words = {w: v for k, v in spec.day_words.items() for w in _cases(k)}
        units = {w: v for k, v in spec.units.items() for w in _cases(k)}
        is_context = {w for w in [*months, *weekdays] if _norm(w).lower() in {c.lower() for c in context}}

        self.p = {
            "mon_safe": _trie([w for w in months if w not in is_context]),
            "mon_ctx": _trie(list(months)),
            "abbr": _trie(list(abbrevs)),
            "wd_safe": _trie([w for w in weekdays if w not in is_context]),
            "wd_ctx": _trie(list(weekdays)),
            "after": _trie(list(after)), "before": _trie(list(before)),
            "dw": _trie(list(day_words)), "unit": _trie(list(units)),
            "dp": _trie(lists["day_parts"]), "yw": _trie(lists["year_words"]),
            "link": _trie(lists["month_year_links"]), "mpfx": _trie(lists["month_prefixes"]),
            "wpfx": _trie(lists["weekday_prefixes"]), "suffix": _trie(lists["year_suffixes"]),
            "ordinal": _trie(spec.lists.get("day_suffixes", [])),
        }
        proclitic = "".join(f"(?:{'|'.join(map(re.escape, layer))})?" for layer in spec.proclitics if layer)
        cue = f"(?:{_trie(lists['cues'])})(?:\\s+|-)"
        shape_firsts = [*months, *abbrevs, *weekdays, *before, *day_words, *units, *lists["day_parts"],
                        *lists["year_words"], *lists["month_prefixes"], *lists["weekday_prefixes"]]
        firsts = [*shape_firsts, *lists["cues"]]
        # every shape starts with a digit or one of these words: looked at before trying the shapes (after a
        # cue, 'في باماكو' fails here, not in every shape)
        shape_start = f"(?=\\d|{_trie(shape_firsts)})"
        pattern = (rf"(?<!\w)(?={proclitic}(?:\d|{_trie(firsts)}))"
                   rf"{proclitic}(?:(?:{cue}){{1,2}}{shape_start}(?:{self.shapes(True)})"
                   rf"|{shape_start}(?:{self.shapes(False)}))(?:(?!\w)|{_GLUED_YEAR})"
                   rf"(?!\s+{_trie(lists['vetoes'])}(?!\w))")
        regex = re.compile(pattern)
        lexicon = {"mon": {**{w: v[0] for w, v in months.items()}, **{w: v[0] for w, v in abbrevs.items()}},
                   "wd": {w: v[0] - 1 for w, v in weekdays.items()},
                   "rel": {**{w: v[0] for w, v in after.items()}, **{w: v[0] for w, v in before.items()}},
                   "dw": {w: v[0] for w, v in day_words.items()},
                   "unit": {w: v[0] for w, v in units.items()}}
        fields = {regex.groupindex[name]: part for name, part in self.fields.items()
                  if part in ("year", "mm", "day", *PARTS)}
        cores = _cores([*months, *abbrevs, *weekdays, *day_words, *units])
        return DateGrammar(regex, fields, lexicon, frozenset(spec.abbreviations), cores, spec.proclitics,
                           nested=frozenset(w.lower() for w in spec.lists.get("nested", [])),
                           effective=tuple(w.lower() for w in spec.lists.get("effective", [])),
                           occasion=tuple(w.lower() for w in spec.lists.get("occasion", [])),
                           lasting=frozenset(spec.lists.get("lasting", [])),
                           spoken=frozenset(spec.lists.get("spoken", [])),
                           support=tuple(tuple(w.lower().split()) for w in spec.lists.get("support", [])),
                           purpose=frozenset(w.lower() for w in spec.lists.get("purpose", [])),
                           within=tuple(tuple(w.lower().split()) for w in spec.lists.get("within", [])),
                           framing=tuple(tuple(w.lower().split()) for w in spec.lists.get("framing", [])),
                           lags=tuple(tuple(w.lower().split()) for w in spec.lists.get("lags", [])),
                           names=tuple(spec.lists.get("names", [])),
                           circumstance=tuple(tuple(w.lower().split()) for w in spec.lists.get("circumstance", [])),
                           causes=tuple(tuple(w.lower().split()) for w in spec.lists.get("causes", [])),
                           then=tuple(w.lower() for w in spec.lists.get("at_the_time", [])),
                           simultaneous=frozenset(w.lower() for w in spec.lists.get("simultaneous", [])),
                           narrative={**{w.lower(): 0 for w in spec.lists.get("same_day", [])},
                                      **{w.lower(): 1 for w in spec.lists.get("next_day", [])}})

    def shapes(self, cued: bool) -> str:
        """Every shape, longest first; after a cue word, context names count on their own."""
        p, g = self.p, self.group
        marks = "".join(re.escape(c) for c in self.spec.lists.get("separators", []))
        sep = rf"(?:\s*[{marks}]\s*|\s+)" if marks else r"\s+"
        opt = lambda key, after=r"\s+": f"(?:(?:{p[key]}){after})?"   # noqa: E731

        def day():
            return r"(?<!\w)" + g("day", r"3[01]|[12]\d|0?[1-9]") + rf"(?!\d)(?:{p['ordinal']})?"   # not 'ك1'

        def year(bare=False):
            guard = r"(?<![\d/:.,])" if bare else ""     # "1,2020" and "3/2020" are no years
            return (guard + g("year", r"(?:19|20)\d\d") + r"(?!\d)(?![/:.,]\d)(?!\s*%)"
                    + rf"(?:\s?(?:{p['suffix']})(?!\w))?")

        def month(key):
            names = f"{p['mon_ctx']}|(?:{p['abbr']})\\.?" if key == "all" else p[key]
            same = p["mon_ctx"]     # "سبتمبر/أيلول", "أيلول (سبتمبر)": one mention
            return g("mon", names) + rf"(?:\s*/\s*{g('mon2', same)}|\s*\(\s*{g('mon2', same)}\s*\))?"

        def wd(key="wd_ctx"):
            return g("wd", p[key])

        def num(sep_name):
            return g(sep_name, r"[/.\-]")

        def rel(side):
            return g("rel", p[side])

        shapes = []
        # full dates
        glued = rf"(?:{sep}|(?=\d))"   # 'فبراير2026': a year glued to its month (a typing slip pages keep)
        shapes.append(f"(?:{wd()}{sep})?{day()}\\s+{month('all')}{glued}{opt('link')}{opt('yw')}{year()}")
        shapes.append(f"(?:{wd()}{sep})?{month('all')}\\s+{day()}{sep}{year()}")
        s1 = self.n + 1
        shapes.append(g("day", r"3[01]|[12]\d|0?[1-9]") + num("sep") + g("mm", r"1[0-2]|0?[1-9]")
                      + f"(?P=sep_{s1 + 1})" + g("year", r"(?:19|20)\d\d") + r"(?!\d)(?![/.\-]\d)")
        s2 = self.n + 1
        shapes.append(g("year", r"(?:19|20)\d\d") + num("sep") + g("mm", r"1[0-2]|0[1-9]")
                      + f"(?P=sep_{s2 + 1})" + g("day", r"3[01]|[12]\d|0[1-9]") + r"(?!\d)(?![/.\-]\d)")
        # month precision and partial days
        shapes.append(f"{opt('mpfx')}{month('all')}{glued}{opt('link')}{opt('yw')}{year()}")
        # 'ديسمبر من العام الماضي', 'December last year': a month of the year a relative word names
        shapes.append(f"{opt('mpfx')}{month('all')}\\s+{opt('link')}{g('unit', p['unit'])}\\s+{rel('after')}")
        shapes.append(f"{opt('mpfx')}{month('all')}\\s+{rel('before')}\\s+{g('unit', p['unit'])}")
        shapes.append(f"(?:{wd()}{sep})?{day()}\\s+{month('all')}(?:\\s+{rel('after')})?")   # '10 مارس الجاري'
        shapes.append(f"{month('all')}\\s+{day()}")
        # 'يوم 7 من الشهر الجاري', 'في 15 من الشهر الماضي', 'the 7th of this month': a day of the month a relative
        # word names
        shapes.append(f"{day()}\\s+{opt('link')}"
                      f"(?:{g('unit', p['unit'])}\\s+{rel('after')}|{rel('before')}\\s+{g('unit', p['unit'])})")
        shapes.append(f"{opt('mpfx')}{month('mon_ctx')}\\s+{rel('after')}")
        shapes.append(f"{rel('before')}\\s+{month('mon_ctx')}")
        # days
        shapes.append(f"{opt('dp')}{opt('wpfx')}{wd()}\\s+{rel('after')}")
        shapes.append(f"{rel('before')}\\s+{wd()}(?:\\s+(?:{p['dp']}))?")
        shapes.append(f"{opt('dp')}{opt('wpfx')}{g('dw', p['dw'])}(?:\\s+{wd()})?(?:\\s+(?:{p['dp']}))?")
        # periods
        shapes.append(f"{g('unit', p['unit'])}\\s+{rel('after')}")
        shapes.append(f"{rel('before')}\\s+{g('unit', p['unit'])}")
        # years
        shapes.append(f"{opt('yw')}{year(bare=True)}")
        # bare names: ambiguous ones need a cue or a prefix
        shapes.append(f"(?:{p['mpfx']})\\s+{month('mon_ctx')}")
        shapes.append(month("mon_ctx" if cued else "mon_safe"))
        shapes.append(f"(?:{p['dp']})\\s+{opt('wpfx')}{wd()}(?:\\s+(?:{p['dp']}))?")
        shapes.append(f"(?:{p['wpfx']})\\s+{wd()}(?:\\s+(?:{p['dp']}))?")
        shapes.append(f"{wd()}\\s+(?:{p['dp']})")
        shapes.append(wd("wd_ctx" if cued else "wd_safe"))
        return "|".join(f"(?:{s})" for s in shapes)


def _cores(names: Iterable[str]) -> list[str]:
    """What every date expression holds besides digits: a word of one of these names (the longest of each,
    the last of equals: 'the day before yesterday' -> 'yesterday', 'أول أمس' -> 'أمس'), as the grammar spells it.

    >>> _cores(["أول أمس", "September", "Sept."])
    ['Sept', 'September', 'أمس']
    """
    return sorted({max(reversed(re.findall(r"\w+", name)), key=len) for name in names if re.search(r"\w", name)})


def _cases(word: str) -> list[str]:
    """Words of a script with case match as written, Capitalized and UPPER CASE; others (Arabic) as they are.

    >>> _cases("last"), _cases("الماضي")
    (['last', 'Last', 'LAST'], ['الماضي'])
    """
    if word.upper() == word.lower():
        return [word]
    return list(dict.fromkeys([word, word[0].upper() + word[1:], word.upper()]))


def _trie(words: Iterable[str]) -> str:
    """A regex alternation factored by common prefixes (fast), preferring the longest word.

    >>> _trie(["ab", "abc", "b x"])
    '(?:ab(?:c)?|b\\\\s+x)'
    """
    root: dict = {}
    for word in words:
        node = root
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}
    if not root:
        return "(?!)"

    def emit(node: dict) -> str:
        branches = [(r"\s+" if ch == " " else re.escape(ch)) + emit(child)
                    for ch, child in sorted(node.items()) if ch]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else f"(?:{'|'.join(branches)})"
        return f"(?:{body})?" if "" in node else body

    out = emit(root)
    return out if out.startswith("(?:") else f"(?:{out})"
