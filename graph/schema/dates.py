"""Compiling ``schema/dates.yaml`` into a :class:`~graph.dates.DateGrammar`: one regular expression with a named
group per part of a date. Reading and validating the file (every word with its line, CLDR's month and weekday
names) is :mod:`graph.schema.dates_spec`.
"""
from __future__ import annotations

import re
from pathlib import Path
from typing import Iterable

from ..dates import PARTS, DateGrammar
from .dates_spec import _LISTS, _Spec, _norm, _read_spec

__all__ = ["compile_dates"]


def compile_dates(path: Path) -> DateGrammar:
    """Read, validate and compile a dates.yaml; raises SchemaError with every problem found."""
    return _Compiler(_read_spec(path)).grammar()


# --------------------------------------------------------------------------- compiling

#: a year glued to the next word of a non-Latin script ('2024قال' in a page whose line lost its space): the year
#: ends the expression; Latin letters after a year stay part of a word ('the 2020s' is a decade)
_GLUED_YEAR = r"(?<=(?:19|20)\d\d)(?=[^\W\d_A-Za-z])"

def _word_runs(spec: _Spec, name: str) -> tuple[tuple[str, ...], ...]:
    """A list of the date spec as lowered word runs, in the order written ('on the sidelines of' -> its words)."""
    return tuple(tuple(w.lower().split()) for w in spec.lists.get(name, []))


#: the narrative lists of dates.yaml and the days after the event last told each names
_SHIFTS = (("same_day", 0), ("next_day", 1), ("previous_day", -1))


def _year_names(spec) -> tuple[str | None, dict[str, int]]:
    """dates.yaml ``year_names``, years told in words after their month ('فبراير ألفين واثنين وعشرين'): the pattern
    their written forms match (None: no such table) and the year of each form."""
    years = {w: v[0] for k, v in spec.year_names.items() for w in _cases(k)}
    return (_trie(list(years)) if years else None), years


class _Compiler:
    """Turns a validated spec into one regular expression with a named group per part.

    Shapes, tried in order at each start so the longest wins (groups are named
    ``<part>_<n>``; only ``year``, ``mm``, ``day``, ``mon``, ``wd``, ``dw``,
    ``rel`` and ``unit`` carry meaning)::

        [cue] [weekday] day month year | month day year | dd/mm/yyyy | yyyy-mm-dd
        [cue] month year | month [link] unit rel | month [link] rel unit | day month [rel] | month day | month rel | rel month
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
        ago_words = {w: v for k, v in spec.ago_words.items() for w in _cases(k)}
        feasts = {w: v for k, v in spec.feasts.items() for w in _cases(k)}
        years = _year_names(spec)
        ordinals = {w: v for k, v in spec.ordinal_days.items() for w in _cases(k)}
        units = {w: v for k, v in spec.units.items() for w in _cases(k)}
        is_context = {w for w in [*months, *weekdays] if _norm(w).lower() in {c.lower() for c in context}}

        self.p = {
            "mon_safe": _trie([w for w in months if w not in is_context]),
            "mon_ctx": _trie(list(months)),
            "abbr": _trie(list(abbrevs)),
            "wd_safe": _trie([w for w in weekdays if w not in is_context]),
            "wd_ctx": _trie(list(weekdays)),
            "after": _trie(list(after)), "before": _trie(list(before)),
            "dw": _trie(list(day_words)), "od": _trie(list(ordinals)), "unit": _trie(list(units)),
            "ago": _trie(list(ago_words)) if ago_words else None, "ago_veto": _trie(lists["ago_vetoes"]),
            "feast": _trie(list(feasts)), "yn": years[0],
            "dp": _trie(lists["day_parts"]), "yw": _trie(lists["year_words"]),
            "link": _trie(lists["month_year_links"]), "mpfx": _trie(lists["month_prefixes"]),
            "wpfx": _trie(lists["weekday_prefixes"]), "suffix": _trie(lists["year_suffixes"]),
            "ordinal": _trie(spec.lists.get("day_suffixes", [])),
            "span": _trie(spec.lists.get("day_spans", [])),
        }
        proclitic = "".join(f"(?:{'|'.join(map(re.escape, layer))})?" for layer in spec.proclitics if layer)
        cue = f"(?:{_trie(lists['cues'])})(?:\\s+|-)"
        shape_firsts = [*months, *abbrevs, *weekdays, *before, *day_words, *ago_words, *feasts, *ordinals, *units,
                        *lists["day_parts"],
                        *lists["year_words"], *lists["month_prefixes"], *lists["weekday_prefixes"]]
        firsts = [*shape_firsts, *lists["cues"]]
        # every shape starts with a digit or one of these words: looked at before trying the shapes (after a
        # cue, 'في باماكو' fails here, not in every shape)
        shape_start = f"(?=\\d|{_trie(shape_firsts)})"
        # a veto word after the mention ('اليوم التالي'); a bare veto only after one without a cue ('the Saturday
        # following the vote' is another Saturday; 'announced on Saturday following a summit' is that Saturday)
        ends = rf"(?:(?!\w)|{_GLUED_YEAR})(?!\s+{_trie(lists['vetoes'])}(?!\w))"
        bare = rf"(?!\s+{_trie(lists['bare_vetoes'])}(?!\w))" if lists["bare_vetoes"] else ""
        pattern = (rf"(?<!\w)(?={proclitic}(?:\d|{_trie(firsts)}))"
                   rf"{proclitic}(?:(?:{cue}){{1,2}}{shape_start}(?:{self.shapes(True)}){ends}"
                   rf"|{shape_start}(?:{self.shapes(False)}){ends}{bare})")
        regex = re.compile(pattern)
        lexicon = {"mon": {**{w: v[0] for w, v in months.items()}, **{w: v[0] for w, v in abbrevs.items()}},
                   "wd": {w: v[0] - 1 for w, v in weekdays.items()},
                   "rel": {**{w: v[0] for w, v in after.items()}, **{w: v[0] for w, v in before.items()}},
                   "dw": {w: v[0] for w, v in {**day_words, **ago_words}.items()},
                   "feast": {w: v[0] for w, v in feasts.items()},
                   "od": {w: v[0] for w, v in ordinals.items()}, "yn": years[1],
                   "unit": {w: v[0] for w, v in units.items()}}
        fields = {regex.groupindex[name]: part for name, part in self.fields.items()
                  if part in ("year", "mm", "day", "feast", *PARTS)}
        cores = _cores([*months, *abbrevs, *weekdays, *day_words, *ago_words, *feasts, *units])
        return DateGrammar(regex, fields, lexicon, frozenset(spec.abbreviations), cores, spec.proclitics,
                           nested=frozenset(w.lower() for w in spec.lists.get("nested", [])),
                           runs=frozenset(w.lower() for w in spec.lists.get("runs", [])),
                           effective=tuple(w.lower() for w in spec.lists.get("effective", [])),
                           occasion=tuple(w.lower() for w in spec.lists.get("occasion", [])),
                           lasting=frozenset(spec.lists.get("lasting", [])),
                           spoken=frozenset(spec.lists.get("spoken", [])),
                           stays=frozenset(spec.lists.get("stays", [])), made_at=frozenset(spec.lists.get("made_at", [])),
                           gatherings=frozenset(spec.lists.get("gatherings", [])),
                           support=_word_runs(spec, "support"), firsts=_word_runs(spec, "firsts"),
                           purpose=frozenset(w.lower() for w in spec.lists.get("purpose", [])),
                           within=_word_runs(spec, "within"), framing=_word_runs(spec, "framing"),
                           lags=_word_runs(spec, "lags"),
                           names=tuple(spec.lists.get("names", [])),
                           circumstance=_word_runs(spec, "circumstance"),
                           causes=_word_runs(spec, "causes"),
                           recalled=_word_runs(spec, "recalled"),
                           recalled_named=_word_runs(spec, "recalled_named"),
                           restating=_word_runs(spec, "restating"),
                           came_at=_word_runs(spec, "came_at"),
                           fronted=_word_runs(spec, "fronted"),
                           turns=_word_runs(spec, "turns"), contrasts=_word_runs(spec, "contrasts"),
                           joined=_word_runs(spec, "joined"),
                           deadlines=frozenset(w.lower() for w in spec.lists.get("deadlines", [])),
                           earlier=frozenset(w.lower() for w in spec.lists.get("earlier", [])),
                           attributive=frozenset(w.lower() for w in spec.lists.get("attributive", [])),
                           then=tuple(w.lower() for w in spec.lists.get("at_the_time", [])),
                           simultaneous=frozenset(w.lower() for w in spec.lists.get("simultaneous", [])),
                           narrative={w.lower(): shift for key, shift in _SHIFTS for w in spec.lists.get(key, [])})

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
            words = f"|(?:{p['yn']})(?!\\w)" if p["yn"] and not bare else ""   # in words, after a month (year_names)
            return (guard + g("year", r"(?:19|20)\d\d" + words) + r"(?!\d)(?![/:.,]\d)(?!\s*%)"
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
        # a span of days ('16 و 17 مايو', 'May 21-22, 2025'): its first day; a link before a month ('8th of March')
        span = rf"\s*(?:{p['span']})\s*(?:3[01]|[12]\d|0?[1-9])(?!\d)(?:{p['ordinal']})?"
        shapes += [f"(?:{wd()}{sep})?{day()}{span}\\s+{opt('link')}{month('all')}{glued}{opt('link')}{opt('yw')}{year()}",
                   f"{month('all')}\\s+{day()}{span}{sep}{year()}",
                   f"(?:{wd()}{sep})?{day()}{span}\\s+{opt('link')}{month('all')}(?:\\s+{rel('after')})?"]
        glued_day = r"(?:\s+|(?<=\d))"   # '17نوفمبر2024': a day glued to its month too, where the year follows
        shapes.append(f"(?:{wd()}{sep})?{day()}{glued_day}{opt('link')}{month('all')}{glued}{opt('link')}{opt('yw')}{year()}")
        shapes.append(f"(?:{wd()}{sep})?{month('all')}\\s+{day()}{sep}{year()}")
        # 'السابع من نيسان/ أبريل 2025', 'الأول من مارس': a day told as an ordinal word, before its month (not
        # after a part of a period: 'الأسبوع الأول من مارس' is a week)
        parts = "".join(f"(?<!{re.escape(w)} )" for w in self.spec.lists.get("period_parts", []))
        shapes.append(f"{parts}{g('od', p['od'])}\\s+{opt('link')}{month('all')}"
                      f"(?:{glued}{opt('link')}{opt('yw')}{year()}|\\s+{rel('after')})?")
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
        shapes.append(f"{opt('mpfx')}{month('all')}\\s+{opt('link')}{rel('before')}\\s+{g('unit', p['unit'])}")
        shapes.append(f"(?:{wd()}{sep})?{day()}\\s+{opt('link')}{month('all')}(?:\\s+{rel('after')})?")   # '10 مارس الجاري'
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
        if p["ago"]:   # 'two days ago', 'منذ يومين'; not a span before another event ('قبل يومين من لقائه')
            veto = rf"(?!\s+(?:{p['ago_veto']})(?!\w))" if self.spec.lists.get("ago_vetoes") else ""
            shapes.append(f"{g('dw', p['ago'])}{veto}")
        shapes.append(g("feast", p["feast"]))   # 'يوم عيد الميلاد', 'Christmas Day': the day the feast falls on
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
