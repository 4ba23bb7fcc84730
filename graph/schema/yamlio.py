"""Reading schema YAML so that every problem can name its file and line.

Files are parsed by libyaml (``yaml.CSafeLoader``'s C parser, about six times
faster than PyYAML's Python one) into the same line-tracking mappings and
lists; the pure-Python loader only re-reads a file that does not parse, to
report the problem in PyYAML's words.

:class:`Reader` collects problems instead of raising at the first, and knows
the schema's languages (``schema/languages/*.yaml``), so ``{ar: [...], en: [...]}``
lists accept exactly the languages the schema has.

>>> r = Reader(languages=("ar", "en"))
>>> r.lang_lists({"fr": ["bonjour"]}, "x.yaml", 3, "greetings")
{}
>>> [str(p) for p in r.problems]
["x.yaml:3: greetings: unknown language 'fr' (one of: ar, en; a language is a file in schema/languages/)"]
"""
from __future__ import annotations

import re
from pathlib import Path
from typing import Any, Iterable, Iterator

import yaml

from ..errors import Problem

__all__ = ["LDict", "LList", "Reader", "line_of", "iso", "load_yaml"]


class LDict(dict):
    """A mapping that remembers the line of itself and of each key."""
    line: int = 0
    key_lines: dict


class LList(list):
    """A sequence that remembers the line of itself and of each item."""
    line: int = 0
    item_lines: list


class _LineLoader(yaml.SafeLoader):
    """PyYAML's Python parser: reports syntax errors (see :meth:`Reader.yaml`)."""


# libyaml's parser with the same constructors and resolvers (PyYAML built without libyaml: the Python one)
_FastLineLoader = type("_FastLineLoader", (getattr(yaml, "CSafeLoader", _LineLoader),), {})


def _construct_mapping(loader, node):
    loader.flatten_mapping(node)
    d = LDict()
    d.line = node.start_mark.line + 1
    d.key_lines = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        if key in d:   # a second 'id:' or a merged rule would silently replace the first
            raise yaml.constructor.ConstructorError(None, None, f"duplicate key {key!r} (first at line "
                                                    f"{d.key_lines[key]})", key_node.start_mark)
        d[key] = loader.construct_object(value_node, deep=True)
        d.key_lines[key] = value_node.start_mark.line + 1
    return d


def _construct_sequence(loader, node):
    lst = LList(loader.construct_object(child, deep=True) for child in node.value)
    lst.line = node.start_mark.line + 1
    lst.item_lines = [child.start_mark.line + 1 for child in node.value]
    return lst


for _loader in (_LineLoader, _FastLineLoader):
    _loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
    _loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _construct_sequence)
# Keep dates as strings: '2025-11' and '2025-11-04' must stay what the curator wrote. Only true/false are
# booleans: YAML 1.1 also reads the words on, off, yes, no (prepositions and cues here) as booleans.
_BOOL = re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$")
_LineLoader.yaml_implicit_resolvers = _FastLineLoader.yaml_implicit_resolvers = {
    k: [(tag, _BOOL if tag == "tag:yaml.org,2002:bool" else rx) for tag, rx in v
        if tag != "tag:yaml.org,2002:timestamp"]
    for k, v in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def load_yaml(text: str) -> Any:
    """YAML with line numbers (LDict, LList); raises ``yaml.YAMLError`` as PyYAML words it.

    >>> doc = load_yaml("a: on\\nb: [x, 2025-11]\\n")
    >>> doc, doc.key_lines, doc["b"].line
    ({'a': 'on', 'b': ['x', '2025-11']}, {'a': 1, 'b': 2}, 2)
    """
    try:
        try:
            return yaml.load(text, Loader=_FastLineLoader)
        except yaml.YAMLError:
            if _FastLineLoader is _LineLoader:
                raise
        # PyYAML's message and line (or its reading, in a case where libyaml alone refuses the text)
        return yaml.load(text, Loader=_LineLoader)
    except RecursionError:   # '[[[[...' thousands deep: the composer recurses once per level
        raise yaml.YAMLError("nested too deeply") from None


def line_of(obj, key=None, default=None):
    """The line of a key of a mapping (else of the mapping or list itself)."""
    if key is not None and isinstance(obj, LDict):
        return obj.key_lines.get(key, obj.line)
    return getattr(obj, "line", default)


def iso(value) -> str | None:
    """A date as the curator wrote it (YAML dates stay strings)."""
    return None if value is None else str(value)


class Reader:
    """Reads the files of one schema; collects every problem, never stops at the first."""

    def __init__(self, problems: list[Problem] | None = None, languages: Iterable[str] = ()):
        self.problems: list[Problem] = [] if problems is None else problems
        self.languages = tuple(languages)

    def with_languages(self, languages: Iterable[str]) -> "Reader":
        """The same problem list, now knowing the schema's languages."""
        return Reader(self.problems, languages)

    def add(self, file, line, message) -> None:
        self.problems.append(Problem(message, str(file), line))

    def yaml(self, path: Path) -> Any:
        """The file's YAML with line numbers (LDict, LList), or None after reporting why not."""
        try:
            text = path.read_text(encoding="utf-8-sig")
        except UnicodeDecodeError as err:
            self.add(path, None, f"not UTF-8 ({err.reason}); re-save the file as UTF-8")
            return None
        except OSError as err:
            self.add(path, None, f"cannot read: {err.strerror}")
            return None
        try:
            return load_yaml(text)
        except yaml.YAMLError as err:
            mark = getattr(err, "problem_mark", None) or getattr(err, "context_mark", None)
            what = getattr(err, "problem", None) or str(err)
            self.add(path, mark.line + 1 if mark else None, f"invalid YAML: {what}")
            return None

    def check_keys(self, d: LDict, allowed: Iterable[str], required: Iterable[str], file, what: str) -> None:
        allowed = set(allowed)
        for key in d:
            if key not in allowed:
                self.add(file, line_of(d, key), f"{what}: unknown key {key!r} (allowed: {', '.join(sorted(allowed))})")
        for key in required:
            if key not in d:
                self.add(file, line_of(d), f"{what}: missing {key!r}")

    def block(self, data, key: str, file, allowed: Iterable[str], required: Iterable[str],
              expected: str) -> tuple[dict, int] | None:
        """An optional mapping under ``key`` of ``data`` and its line, its keys checked; None when it is absent or
        not a mapping (reported as ``key: expected <expected>``): one check for every such block of the schema.

        >>> r = Reader()
        >>> r.block({"b": [1]}, "b", "f.yaml", ("x",), (), "{x}"), [p.message for p in r.problems]
        (None, ['b: expected {x}'])
        >>> r.block({"b": {"x": 1}}, "b", "f.yaml", ("x",), ("x",), "{x}")[0]
        {'x': 1}
        """
        spec = data.get(key)
        if spec is None:
            return None
        line = line_of(data, key)
        if not isinstance(spec, dict):
            self.add(file, line, f"{key}: expected {expected}")
            return None
        self.check_keys(spec, allowed, required, file, key)
        return spec, line

    def mappings(self, items: LList, file, what: str) -> Iterator[tuple[dict, int]]:
        """(item, line) for each mapping of a YAML list; anything else is reported."""
        for i, item in enumerate(items):
            line = items.item_lines[i]
            if isinstance(item, dict):
                yield item, line
            else:
                self.add(file, line, f"{what}: expected a mapping, got {item!r}")

    def str_list(self, value, file, line, what) -> list[str]:
        if value is None:
            return []
        if isinstance(value, str):
            return [value]
        if not isinstance(value, list) or not all(isinstance(v, (str, int)) for v in value):
            self.add(file, line, f"{what}: expected a list of strings, got {value!r}")
            return []
        return [str(v) for v in value]

    def lang_lists(self, value, file, line, what) -> dict[str, list[str]]:
        """``{ar: [...], en: [...]}`` (one key per language of the schema) or a plain list (key ``any``)."""
        if value is None:
            return {}
        if isinstance(value, (list, str)):
            return {"any": self.str_list(value, file, line, what)}
        if not isinstance(value, dict):
            keys = ", ".join(f"{code}: [...]" for code in self.languages)
            self.add(file, line, f"{what}: expected a list or {{{keys}}}, got {value!r}")
            return {}
        out = {}
        for lang, items in value.items():
            if lang not in self.languages:
                self.add(file, line_of(value, lang, line), f"{what}: unknown language {lang!r} (one of: "
                         f"{', '.join(self.languages)}; a language is a file in schema/languages/)")
                continue
            out[lang] = self.str_list(items, file, line_of(value, lang, line), f"{what}.{lang}")
        return out
