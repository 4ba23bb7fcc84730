"""Functions that build a large value in one call, bounded on the embedded store's engine.

LadybugDB checks its time limit (``set_query_timeout``, and ``Connection.interrupt()`` from another
thread) between chunks of rows, never inside one expression: ``RETURN size(range(1, 30000000))``
ran 3.1 s against a 0.5 s limit, ``lpad('', 300000000, 'x')`` 24 s, and ``repeat('ab', -1)`` asks
the buffer pool for all its memory. So the calls that make a value much larger than their
arguments are sent to checked versions: ``range`` and ``repeat`` to Python functions registered
with the database, and ``lpad``/``rpad`` get their length checked. A call that would build more
than :data:`MAX_BUILT` items or characters is an error naming the limit.

(Values grown step by step in one row, ``WITH s + s AS s`` many times over, are not bounded here:
the engine cannot stop them, so user queries run in a process of their own, killed at the limit:
:mod:`graph.stores.ladybug_pool`. These checks still refuse the one-call cases at once, with a reason.)

>>> bound_builders("UNWIND range(1, $n) AS x RETURN lpad(x, 3, '0'), Range(1, 9, 2), a.range")
"UNWIND geograph_range(1, $n, 1) AS x RETURN lpad(x, geograph_length(3), '0'), geograph_range(1, 9, 2), a.range"
"""
from __future__ import annotations

import re
from typing import Any

from ..cypher import _mask, _unmask
from ..errors import QueryError

__all__ = ["MAX_BUILT", "bound_builders", "register_bounds", "limit_error"]

MAX_BUILT = 1_000_000     # items of a list, characters of a string, one call may build (0.1 s of the engine's time)
_MARK = "geograph-limit: "
_CALL_RE = re.compile(r"(?<![\w.$])(range|repeat|lpad|rpad)\s*\(", re.I)
_LIMIT_RE = re.compile(re.escape(_MARK) + r"(.*?)(?:\s+At:|$)", re.S)


def _refuse(what: str, n: int) -> None:
    raise ValueError(f"{_MARK}{what} would make {n:,} items or characters; the embedded store builds at most "
                     f"{MAX_BUILT:,} in one call (its time limit cannot stop a call while it runs)")


def _range(start, stop, step):   # (no annotations: the engine reads them, and knows no "int | None")
    """The engine's ``range``: ``stop`` included, a step of 0 an error, NULL in, NULL out."""
    if start is None or stop is None or step is None:
        return None
    if step == 0:
        raise ValueError(f"{_MARK}the step of range() cannot be 0")
    items = range(start, stop + (1 if step > 0 else -1), step)
    if len(items) > MAX_BUILT:
        _refuse("range()", len(items))
    return list(items)


def _repeat(text, count):
    if text is None or count is None:
        return None
    if len(text) * max(count, 0) > MAX_BUILT:
        _refuse("repeat()", len(text) * count)
    return text * count


def _length(count):
    if count is not None and count > MAX_BUILT:
        _refuse("lpad()/rpad()", count)
    return count


def register_bounds(db: Any) -> None:
    """Make the checked functions known to the database ``db`` (every connection sees them)."""
    import ladybug

    conn = ladybug.Connection(db)
    try:
        conn.create_function("geograph_range", _range, ["INT64", "INT64", "INT64"], "INT64[]")
        conn.create_function("geograph_repeat", _repeat, ["STRING", "INT64"], "STRING")
        conn.create_function("geograph_length", _length, ["INT64"], "INT64")
    finally:
        conn.close()


def bound_builders(cypher: str) -> str:
    """``cypher`` (LadybugDB's dialect) with every ``range``, ``repeat``, ``lpad`` and ``rpad`` call
    checked (strings, backticked names and properties such as ``a.range`` are left alone). Linear:
    one pass, a stack of the open calls."""
    if not _CALL_RE.search(cypher):     # most queries call none of them: no second pass over the text
        return cypher
    masked, literals = _mask(cypher)
    calls = {m.end() - 1: m.group(1).lower() for m in _CALL_RE.finditer(masked)}   # "(" -> function
    if not calls:
        return cypher
    inserts: dict[int, str] = {}       # position -> text inserted before it
    renames: dict[int, tuple[int, str]] = {}   # start of a name -> (its end, new name)
    stack: list[tuple[str | None, list[int]]] = []
    for i, ch in enumerate(masked):
        if ch in "([{":
            stack.append((calls.get(i) if ch == "(" else None, [i]))
        elif ch == "," and stack:
            stack[-1][1].append(i)
        elif ch in ")]}" and stack:
            name, marks = stack.pop()
            marks.append(i)
            if name is not None:
                _bound_call(masked, name, marks, inserts, renames)
    out, pos = [], 0
    for at in sorted(set(inserts) | set(renames)):
        out.append(masked[pos:at])
        out.append(inserts.get(at, ""))
        pos = at
        if at in renames:
            end, new = renames[at]
            out.append(new)
            pos = end
    out.append(masked[pos:])
    return _unmask("".join(out), literals)


def _bound_call(masked: str, name: str, marks: list[int], inserts: dict[int, str],
                renames: dict[int, tuple[int, str]]) -> None:
    """Rewrite one call: ``marks`` are its "(", its top-level commas and its ")"."""
    start = marks[0]
    while masked[start - 1].isspace():
        start -= 1
    start -= len(name)
    n_args = len(marks) - 1
    if name == "range" and n_args in (2, 3):
        renames[start] = (start + len(name), "geograph_range")
        if n_args == 2:
            inserts[marks[-1]] = inserts.get(marks[-1], "") + ", 1"
    elif name == "repeat" and n_args == 2:
        renames[start] = (start + len(name), "geograph_repeat")
    elif name in ("lpad", "rpad") and n_args == 3:
        arg = marks[1] + 1
        while masked[arg].isspace():
            arg += 1
        inserts[arg] = inserts.get(arg, "") + "geograph_length("
        inserts[marks[2]] = ")" + inserts.get(marks[2], "")


def limit_error(message: str, cypher: str) -> QueryError | None:
    """The QueryError for an engine error raised by a checked function (its message without the
    Python traceback the engine appends), else None."""
    found = _LIMIT_RE.search(message)
    if found is None:
        return None
    return QueryError(f"query {cypher[:200]!r}: {found.group(1).strip()}")
