"""The date grammar: finds date expressions in normalized text and resolves them.

A date keeps the precision the text gives (``2025-11-04``, ``2025-09``,
``2014``) and never gains any. Relative expressions ("الثلاثاء", "سبتمبر
الماضي", "last February", "أمس") resolve against an *anchor*: the article's
publication date or, failing that, the latest full date the text states.

The words are data (``schema/dates.yaml``); month and weekday names come from
CLDR through babel for every locale listed there, normalized like article
text. :meth:`DateGrammar.load` compiles everything once into one regular
expression, so :meth:`DateGrammar.find` is a single scan per sentence.

>>> import datetime
>>> g = DateGrammar.load(default_dates_path())
>>> [m.text for m in g.find("وكانت فرضت حصارا منذ سبتمبر/ايلول الماضي")]
['منذ سبتمبر/ايلول الماضي']
>>> g.find("منذ سبتمبر/ايلول الماضي")[0].resolve(datetime.date(2025, 11, 4)).iso()
'2025-09'
>>> g.find("في اغسطس 2014")[0].resolve(None).iso()
'2014-08'
"""
from __future__ import annotations

import calendar
import datetime
import re
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Any, Iterable

import yaml
from babel import Locale, UnknownLocaleError

from .documents import normalize_arabic
from .errors import Problem, SchemaError

__all__ = ["PartialDate", "DateMention", "DateGrammar", "default_dates_path"]

_SHIFTS = MappingProxyType({"past": -1, "next": 1, "this": 0})
_UNITS = ("week", "month", "year")


def default_dates_path() -> Path:
    """The ``schema/dates.yaml`` shipped beside the package."""
    return Path(__file__).resolve().parents[1] / "schema" / "dates.yaml"


# --------------------------------------------------------------------------- values

@dataclass(frozen=True)
class PartialDate:
    """A date at year, month or day precision.

    >>> PartialDate(2025, 9).iso(), PartialDate(2025, 9).precision
    ('2025-09', 'month')
    """

    year: int | None
    month: int | None = None
    day: int | None = None

    def iso(self) -> str | None:
        if self.year is None:
            return None
        if self.month is None:
            return f"{self.year:04d}"
        if self.day is None:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"

    @property
    def precision(self) -> str | None:
        if self.year is None:
            return None
        return "year" if self.month is None else "month" if self.day is None else "day"


@dataclass(frozen=True)
class _Reading:
    """What a mention says, before any anchor: the parts the text gives."""

    year: int | None = None
    month: int | None = None
    day: int | None = None
    weekday: int | None = None      # 0 = Monday, like datetime
    offset: int | None = None       # day words: days from the anchor
    shift: int | None = None        # -1 past, 0 this, +1 next
    unit: str | None = None         # week | month | year ("الشهر الماضي")


@dataclass(frozen=True)
class DateMention:
    """A date expression found by :meth:`DateGrammar.find` (offsets into the string given)."""

    start: int
    end: int
    text: str
    relative: bool      # needs an anchor (weekday, "X الماضي", "yesterday", month without year)
    full: bool          # explicit day, month and year: a candidate anchor
    reading: _Reading = field(repr=False)

    def resolve(self, anchor: datetime.date | None) -> PartialDate | None:
        """The date meant, at the precision the text gives; None when it cannot be known."""
        r = self.reading
        if r.year is not None:
            return PartialDate(r.year, r.month, r.day)
        if anchor is None:
            return None
        if r.offset is not None:
            return _day(anchor + datetime.timedelta(days=r.offset))
        if r.unit is not None:
            return _period(anchor, r.unit, r.shift)
        if r.month is not None:
            return _month(anchor, r.month, r.day, r.shift)
        if r.weekday is not None:
            return _weekday(anchor, r.weekday, r.shift)
        return None


def _day(d: datetime.date) -> PartialDate:
    return PartialDate(d.year, d.month, d.day)


def _period(anchor: datetime.date, unit: str, shift: int) -> PartialDate | None:
    if unit == "year":
        return PartialDate(anchor.year + shift)
    if unit == "month":
        m = anchor.month - 1 + shift
        return PartialDate(anchor.year + m // 12, m % 12 + 1)
    # weeks: no week precision, but a week inside one month (or year) dates an event to that month (or year)
    monday = anchor - datetime.timedelta(days=anchor.weekday()) + datetime.timedelta(weeks=shift)
    sunday = monday + datetime.timedelta(days=6)
    if (monday.year, monday.month) == (sunday.year, sunday.month):
        return PartialDate(monday.year, monday.month)
    return PartialDate(monday.year) if monday.year == sunday.year else None


def _month(anchor: datetime.date, month: int, day: int | None, shift: int | None) -> PartialDate | None:
    """'X الماضي' is strictly before the anchor's month, 'X المقبل' strictly after, bare X on or before."""
    if shift == -1:
        year = anchor.year if month < anchor.month else anchor.year - 1
    elif shift == 1:
        year = anchor.year if month > anchor.month else anchor.year + 1
    elif shift == 0:
        year = anchor.year
    else:
        year = anchor.year if (month, day or 1) <= (anchor.month, anchor.day) else anchor.year - 1
    if day is not None and day > calendar.monthrange(year, month)[1]:
        return None     # 29 February of a year that has none
    return PartialDate(year, month, day)


def _weekday(anchor: datetime.date, weekday: int, shift: int | None) -> PartialDate:
    """Latest such weekday on or before the anchor; 'last' strictly before, 'next' strictly after."""
    if shift == 1:
        return _day(anchor + datetime.timedelta(days=(weekday - anchor.weekday()) % 7 or 7))
    back = (anchor.weekday() - weekday) % 7
    if shift == -1 and back == 0:
        back = 7
    return _day(anchor - datetime.timedelta(days=back))


# --------------------------------------------------------------------------- the grammar

class DateGrammar:
    """The compiled date grammar. Build it with :meth:`load`; it is immutable and shareable."""

    def __init__(self, regex: re.Pattern, fields: dict[int, str], lexicon: dict[str, dict[str, int | str]]):
        self._regex = regex
        self._fields = tuple(sorted(fields.items()))
        self._lexicon = MappingProxyType({k: MappingProxyType(v) for k, v in lexicon.items()})

    @classmethod
    def load(cls, path: str | Path) -> "DateGrammar":
        """Read, validate and compile ``dates.yaml``; raises SchemaError with every problem found."""
        return _Compiler(_read_spec(Path(path))).grammar()

    def find(self, text: str) -> list[DateMention]:
        """Date expressions in normalized ``text``: non-overlapping, longest match, left to right."""
        out = []
        for m in self._regex.finditer(text):
            mention = self._mention(m)
            if mention is not None:
                out.append(mention)
        return out

    def anchor(self, text: str, published: datetime.date | None) -> datetime.date | None:
        """``published`` if given, else the latest full (day-precision) date stated in ``text``."""
        if published is not None:
            return published
        days = [datetime.date(r.year, r.month, r.day) for r in
                (m.reading for m in self.find(text) if m.full)]
        return max(days, default=None)

    def _mention(self, m: re.Match) -> DateMention | None:
        parts: dict[str, Any] = {}
        lex = self._lexicon
        for idx, name in self._fields:
            value = m.group(idx)
            if value is None:
                continue
            if name in ("year", "mm"):
                parts["year" if name == "year" else "month"] = int(value)
            elif name == "day":
                parts["day"] = int(value)
            else:
                key = " ".join(value.split()).rstrip(".")
                parts[_PART[name]] = lex["mon" if name == "mon2" else name][key]
        if parts.pop("month2", parts.get("month")) != parts.get("month"):
            parts.pop("month")      # "سبتمبر/أكتوبر 2025" names two months: keep only what both say
            parts.pop("day", None)
        r = _Reading(**parts)
        if r.day is not None and r.month is not None:
            longest = calendar.monthrange(r.year if r.year is not None else 2000, r.month)[1]
            if r.day > longest:
                return None     # "31/02/2025" is not a date
        return DateMention(m.start(), m.end(), m.group(), relative=r.year is None,
                           full=None not in (r.year, r.month, r.day), reading=r)


# regex group name -> _Reading field (lexicon lookups)
_PART = MappingProxyType({"mon": "month", "mon2": "month2", "wd": "weekday", "dw": "offset", "rel": "shift",
                          "unit": "unit"})


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
          "year_suffixes", "vetoes")
_KEYS = frozenset({"proclitics", "months", "weekdays", "context_names", "day_words", "relative", "units", *_LISTS})
_REQUIRED = ("months", "weekdays", "cues", "day_words", "relative", "units")


def _read_spec(path: Path) -> _Spec:
    spec = _Spec(str(path), [])
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as err:
        raise SchemaError([Problem(f"not UTF-8 ({err.reason}); re-save the file as UTF-8", str(path))])
    except OSError as err:
        raise SchemaError([Problem(f"cannot read dates grammar: {err.strerror}", str(path))])
    loader = yaml.SafeLoader(text)
    try:
        root = loader.get_single_node()
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None) or getattr(err, "context_mark", None)
        raise SchemaError([Problem(f"invalid YAML: {getattr(err, 'problem', None) or err}", str(path),
                                   mark.line + 1 if mark else None)])
    finally:
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
    for key in _LISTS:
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
        if direction not in _SHIFTS:
            spec.add(_line(knode), f"relative: {direction!r} must be one of {', '.join(_SHIFTS)}")
            continue
        sides = _mapping(spec, vnode, f"relative.{direction}") or {}
        _check_keys(spec, sides, {"after", "before"}, f"relative.{direction}")
        for side, (_k, words) in sides.items():
            if side in spec.relative:
                for word, line in _words(spec, words, f"relative.{direction}.{side}"):
                    _put(spec, spec.relative[side], word, _SHIFTS[direction], line, f"relative.{direction}")


def _read_units(spec: _Spec, top: dict) -> None:
    if "units" not in top:
        return
    for unit, (knode, vnode) in (_mapping(spec, top["units"][1], "units") or {}).items():
        if unit not in _UNITS:
            spec.add(_line(knode), f"units: {unit!r} must be one of {', '.join(_UNITS)}")
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
        [cue] month year | day month | month day | month rel | rel month
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
        }
        proclitic = "".join(f"(?:{'|'.join(map(re.escape, layer))})?" for layer in spec.proclitics if layer)
        cue = f"(?:{_trie(lists['cues'])})(?:\\s+|-)"
        firsts = [*months, *abbrevs, *weekdays, *before, *day_words, *units, *lists["cues"], *lists["day_parts"],
                  *lists["year_words"], *lists["month_prefixes"], *lists["weekday_prefixes"]]
        pattern = (rf"(?<!\w)(?={proclitic}(?:\d|{_trie(firsts)}))"
                   rf"{proclitic}(?:(?:{cue}){{1,2}}(?:{self.shapes(True)})|(?:{self.shapes(False)}))(?!\w)"
                   rf"(?!\s+{_trie(lists['vetoes'])}(?!\w))")
        regex = re.compile(pattern)
        lexicon = {"mon": {**{w: v[0] for w, v in months.items()}, **{w: v[0] for w, v in abbrevs.items()}},
                   "wd": {w: v[0] - 1 for w, v in weekdays.items()},
                   "rel": {**{w: v[0] for w, v in after.items()}, **{w: v[0] for w, v in before.items()}},
                   "dw": {w: v[0] for w, v in day_words.items()},
                   "unit": {w: v[0] for w, v in units.items()}}
        fields = {regex.groupindex[name]: part for name, part in self.fields.items()
                  if part in ("year", "mm", "day", *_PART)}
        return DateGrammar(regex, fields, lexicon)

    def shapes(self, cued: bool) -> str:
        """Every shape, longest first; after a cue word, context names count on their own."""
        p, g = self.p, self.group
        sep = r"(?:\s*[,،]\s*|\s+)"
        opt = lambda key, after=r"\s+": f"(?:(?:{p[key]}){after})?"   # noqa: E731

        def day():
            return g("day", r"3[01]|[12]\d|0?[1-9]") + r"(?!\d)(?:st|nd|rd|th)?"

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
        shapes.append(f"(?:{wd()}{sep})?{day()}\\s+{month('all')}{sep}{opt('link')}{opt('yw')}{year()}")
        shapes.append(f"(?:{wd()}{sep})?{month('all')}\\s+{day()}{sep}{year()}")
        s1 = self.n + 1
        shapes.append(g("day", r"3[01]|[12]\d|0?[1-9]") + num("sep") + g("mm", r"1[0-2]|0?[1-9]")
                      + f"(?P=sep_{s1 + 1})" + g("year", r"(?:19|20)\d\d") + r"(?!\d)(?![/.\-]\d)")
        s2 = self.n + 1
        shapes.append(g("year", r"(?:19|20)\d\d") + num("sep") + g("mm", r"1[0-2]|0[1-9]")
                      + f"(?P=sep_{s2 + 1})" + g("day", r"3[01]|[12]\d|0[1-9]") + r"(?!\d)(?![/.\-]\d)")
        # month precision and partial days
        shapes.append(f"{opt('mpfx')}{month('all')}{sep}{opt('link')}{opt('yw')}{year()}")
        shapes.append(f"(?:{wd()}{sep})?{day()}\\s+{month('all')}")
        shapes.append(f"{month('all')}\\s+{day()}")
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


def _cases(word: str) -> list[str]:
    """Latin words match as written, Capitalized and UPPER CASE; Arabic ones as they are."""
    if not re.search("[A-Za-z]", word):
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
