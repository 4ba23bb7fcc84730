"""Hints for a Cypher query that names a label, relationship type or property the graph does not have.

A misspelled property (``a.nme``) gives null cells and an unknown type (``:MEET``) gives no row, with no
error from either store: the console asks for these hints after each run and shows them.

>>> names = {"labels": ["Entity", "Person"], "types": ["MET", "VISITED"], "properties": ["id", "name", "date"]}
>>> [h["message"] for h in cypher_hints("MATCH (a:Person)-[r:MEET]-(b) RETURN a.nme, r.date", **names)]
["unknown relationship type 'MEET': did you mean MET?", "unknown property 'nme': did you mean name?"]
"""
from __future__ import annotations

import difflib
import re
from typing import Any, Iterable

from graph.cypher import MAX_QUERY_BYTES, _mask, _unmask
from graph.errors import QueryError
from graph.model import CYPHER_EDGE_PROPERTIES, CYPHER_NODE_PROPERTIES, ENTITY_LABEL, kind_label

__all__ = ["cypher_hints", "known_names", "closest"]

_NODE = re.compile(r"\(\s*(?:[A-Za-z_]\w*)?\s*((?::\s*`?\w+`?\s*)+)")
_REL = re.compile(r"\[\s*(?:[A-Za-z_]\w*)?\s*:\s*(`?\w+`?(?:\s*\|\s*:?\s*`?\w+`?)*)")
_PROPERTY = re.compile(r"(?<![\w.$])([A-Za-z_]\w*)\.([A-Za-z_]\w*)\b(?!\s*\()")
_PATTERN_MAP = re.compile(r"[(\[]\s*(?:[A-Za-z_]\w*)?(?:\s*:\s*[\w|:`]+)?\s*\{([^{}]*)\}")
_MAP_KEY = re.compile(r"(?:^|,)\s*`?([A-Za-z_]\w*)`?\s*:")
WHAT = {"label": "labels", "type": "relationship types", "property": "properties"}


def known_names(schema: Any, store: Any) -> dict[str, list[str]]:
    """The labels, relationship types and properties user Cypher sees on every store (:mod:`graph.model`)."""
    kinds = dict.fromkeys([*schema.entity_kinds, *sorted({e.kind for e in store.entities()})])
    return {"labels": [ENTITY_LABEL, *(kind_label(k) for k in kinds)], "types": list(schema.relation_types),
            "properties": list(dict.fromkeys([*CYPHER_NODE_PROPERTIES, *CYPHER_EDGE_PROPERTIES]))}


def closest(name: str, known: Iterable[str], n: int = 3) -> list[str]:
    """The known names closest to ``name`` (case ignored), best first.

    >>> closest("nme", ["id", "name", "name_ar"]), closest("met", ["MET", "VISITED"])
    (['name', 'name_ar'], ['MET'])
    """
    folded = {k.casefold(): k for k in known}
    return [folded[k] for k in difflib.get_close_matches(name.casefold(), list(folded), n=n, cutoff=0.6)]


def _used(query: str) -> list[tuple[str, str]]:
    """(what, name) for each label, type and property the query names, in order, each once (none for a
    query over the size limit or one that does not tokenize: the query's own answer says why)."""
    if len(query.encode("utf-8", "surrogatepass")) > MAX_QUERY_BYTES:
        return []
    try:
        masked, literals = _mask(query)         # one linear pass (a regex here took 45 s on '/*a' * 32000)
    except QueryError:
        return []
    text = _unmask(masked, literals, lambda lit: lit if lit.startswith("`") else "''")
    found: list[tuple[int, str, str]] = []
    for m in _NODE.finditer(text):
        found += [(m.start(1), "label", x.strip("` ")) for x in m.group(1).split(":") if x.strip("` ")]
    for m in _REL.finditer(text):
        found += [(m.start(1), "type", x.strip("`: ")) for x in m.group(1).split("|") if x.strip("`: ")]
    for m in _PROPERTY.finditer(text):
        found.append((m.start(2), "property", m.group(2)))
    for m in _PATTERN_MAP.finditer(text):
        found += [(m.start(1) + k.start(1), "property", k.group(1)) for k in _MAP_KEY.finditer(m.group(1))]
    return list(dict.fromkeys((what, name) for _, what, name in sorted(found)))


def cypher_hints(query: str, *, labels: Iterable[str], types: Iterable[str],
                 properties: Iterable[str]) -> list[dict[str, Any]]:
    """``[{what, name, closest, message}]`` for each unknown name in ``query`` (empty: nothing to say)."""
    known = {"label": list(labels), "type": list(types), "property": list(properties)}
    hints = []
    for what, name in _used(query):
        if name in known[what]:
            continue
        near = closest(name, known[what])
        noun = "relationship type" if what == "type" else what
        message = (f"unknown {noun} {name!r}: did you mean {' or '.join(near)}?" if near else
                   f"unknown {noun} {name!r}: the graph's {WHAT[what]} are {', '.join(known[what])}")
        hints.append({"what": what, "name": name, "closest": near, "message": message})
    return hints
