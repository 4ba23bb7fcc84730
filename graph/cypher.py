"""Cypher text, shared by both stores: the read-only guard, parameters, result columns and plain values.

User queries must never change the graph (FalkorDB even runs writes inside
read transactions), and the embedded store's engine could also reach files
(``COPY ... TO``, ``LOAD FROM``), so every store calls :func:`ensure_read_only`
first, and :func:`check_params` on the parameters. The embedded store's own
dialect is handled in :mod:`graph.stores.ladybug_dialect`.

>>> ensure_read_only('MATCH (a)-[:MET]-(b) RETURN a.name')
>>> ensure_read_only("MATCH (a) DETACH DELETE a")
Traceback (most recent call last):
...
graph.errors.QueryError: query 'MATCH (a) DETACH DELETE a' writes to the graph (DELETE): only reading queries are allowed; change the graph with `geograph build` or `geograph add`
>>> return_columns("MATCH (a)-[r]->(b) RETURN DISTINCT a.name, count(r) AS n ORDER BY n DESC")
['a.name', 'n']
"""
from __future__ import annotations

import json
import re
from typing import Any, Iterable, Mapping

from .errors import QueryError
from .model import CYPHER_EDGE_PROPERTIES, CYPHER_NODE_PROPERTIES

__all__ = ["ensure_read_only", "check_params", "check_given", "parse_params", "too_many_rows", "return_columns", "return_items", "node_value",
           "relationship_value",
           "WRITE_CLAUSES", "OUTSIDE_CLAUSES", "READ_PROCEDURES"]

WRITE_CLAUSES = ("CREATE", "MERGE", "SET", "DELETE", "REMOVE", "DROP", "FOREACH")
# Clauses that reach beyond the graph (files, extensions, other databases, transactions):
# Neo4j's LOAD CSV and USE, and the embedded engine's own (COPY ... TO writes a file even
# on a read-only database).
OUTSIDE_CLAUSES = ("LOAD", "COPY", "EXPORT", "IMPORT", "ATTACH", "DETACH", "INSTALL", "USE", "CHECKPOINT",
                   "BEGIN", "COMMIT", "ROLLBACK", "ALTER")
# Procedures a user query may CALL: they only describe the database.
READ_PROCEDURES = ("db.labels", "db.relationshiptypes", "db.propertykeys", "db.indexes", "db.constraints",
                   "db.schema.visualization", "db.schema.nodetypeproperties", "db.schema.reltypeproperties",
                   "dbms.components")

_LITERAL_RE = re.compile(r"""'(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*"|`[^`]*`|//[^\n]*|/\*.*?\*/""", re.S)
_PLACEHOLDER_RE = re.compile("\x00(\\d+)\x00")
_WORD_RE = re.compile(r"(?<![\w.$:])([A-Za-z_]\w*)(?![\w:])")
_NAME = r"(?:[A-Za-z_]\w*|\x00\d+\x00)"          # a name, or a placeholder (a backticked name)
_CALL_RE = re.compile(rf"\bCALL\s+({_NAME}(?:\s*\.\s*{_NAME})*)", re.I)
_PARAM_NAME_RE = re.compile(r"^[A-Za-z_]\w*$")
_PARAM_USE_RE = re.compile(r"\$([A-Za-z_]\w*)")


def _mask(cypher: str) -> tuple[str, list[str]]:
    """Replace string literals and backticked names by placeholders and comments by a space,
    so keywords are found safely."""
    literals: list[str] = []

    def keep(m: re.Match) -> str:
        text = m.group(0)
        if text.startswith(("//", "/*")):
            return " "
        literals.append(text)
        return f"\x00{len(literals) - 1}\x00"

    return _LITERAL_RE.sub(keep, cypher), literals


def _unmask(text: str, literals: list[str], convert=None) -> str:
    return _PLACEHOLDER_RE.sub(lambda m: (convert or str)(literals[int(m.group(1))]), text)


def _name(text: str, literals: list[str]) -> str:
    """A (dotted) name as the engine reads it: placeholders back to their text, backticks and spaces dropped."""
    return "".join(_unmask(text, literals, lambda lit: lit.strip("`")).split())


def ensure_read_only(cypher: str) -> None:
    """Raise :class:`QueryError` if ``cypher`` could change the graph or reach beyond it
    (or is not one statement).

    >>> ensure_read_only("CALL `db.idx.fulltext.createNodeIndex`('Entity', 'name')")
    Traceback (most recent call last):
    ...
    graph.errors.QueryError: query "CALL `db.idx.fulltext.createNodeIndex`('Entity', 'name')" calls procedure 'db.idx.fulltext.createNodeIndex', which may write: only db.labels, db.relationshiptypes, db.propertykeys, db.indexes, db.constraints, db.schema.visualization, db.schema.nodetypeproperties, db.schema.reltypeproperties, dbms.components may be called
    """
    if not cypher or not cypher.strip():
        raise QueryError("empty query: give a Cypher query such as 'MATCH (n) RETURN n.name LIMIT 5'")
    masked, literals = _mask(cypher)
    body = masked.strip()
    if ";" in body.rstrip(";"):
        raise QueryError(f"query {cypher!r} has several statements: run one query at a time")
    words = [w.upper() for w in _WORD_RE.findall(body)]
    for i, word in enumerate(words):
        following = words[i + 1] if i + 1 < len(words) else ""
        if word in WRITE_CLAUSES or (word == "DETACH" and following == "DELETE"):
            clause = "DELETE" if word == "DETACH" else word
            raise QueryError(f"query {cypher!r} writes to the graph ({clause}): only reading queries are "
                             "allowed; change the graph with `geograph build` or `geograph add`")
        if word in OUTSIDE_CLAUSES:
            clause = f"{word} {following}" if word == "LOAD" and following == "CSV" else word
            raise QueryError(f"query {cypher!r} uses {clause}, which reaches beyond the graph (files, extensions, "
                             "databases or transactions): only queries that read the graph are allowed")
    for m in _CALL_RE.finditer(body):
        name = _name(m.group(1), literals)
        if name.lower() not in READ_PROCEDURES:
            raise QueryError(f"query {cypher!r} calls procedure {name!r}, which may write: only "
                             f"{', '.join(READ_PROCEDURES)} may be called")


def check_params(params: Any) -> dict[str, Any]:
    """Query parameters as both stores take them: names to strings, numbers, booleans, nulls or lists of them.

    >>> check_params({"id": "MLI", "ids": ["MLI", "NER"], "n": 3})
    {'id': 'MLI', 'ids': ['MLI', 'NER'], 'n': 3}
    >>> check_params({"where": {"id": "MLI"}})
    Traceback (most recent call last):
    ...
    graph.errors.QueryError: parameter 'where' is an object: give a string, number, boolean, null or a list of them
    """
    if params is None:
        return {}
    if not isinstance(params, Mapping):
        raise QueryError(f"parameters must be an object of names to values, not {type(params).__name__}: "
                         'e.g. {"id": "MLI"}')
    for name, value in params.items():
        if not isinstance(name, str) or not _PARAM_NAME_RE.match(name):
            raise QueryError(f"parameter name {name!r} is not a Cypher name: use letters, digits and _")
        _check_value(name, value)
    return dict(params)


def parse_params(items: Iterable[str]) -> dict[str, Any]:
    """``name=value`` texts (``geograph query --param``) as parameters: the value as JSON when it
    parses as JSON, else as the string it is.

    >>> parse_params(["id=MLI", "n=3", 'ids=["MLI", "NER"]', "since=2025-11", "x=null"])
    {'id': 'MLI', 'n': 3, 'ids': ['MLI', 'NER'], 'since': '2025-11', 'x': None}
    >>> parse_params(["MLI"])
    Traceback (most recent call last):
    ...
    graph.errors.QueryError: --param 'MLI' is not name=value: write e.g. --param id=MLI or --param 'ids=["MLI", "NER"]'
    """
    params: dict[str, Any] = {}
    for item in items:
        name, sep, text = item.partition("=")
        if not sep or not _PARAM_NAME_RE.match(name.strip()):
            raise QueryError(f"--param {item!r} is not name=value: write e.g. --param id=MLI or "
                             "--param 'ids=[\"MLI\", \"NER\"]'")
        try:
            value = json.loads(text)
        except ValueError:
            value = text
        params[name.strip()] = value
    return check_params(params)


def check_given(cypher: str, params: Mapping[str, Any]) -> None:
    """Raise :class:`QueryError` if ``cypher`` uses a ``$parameter`` that ``params`` lacks.

    >>> check_given("MATCH (a {id: $id}) WHERE a.name <> '$x' RETURN a", {})
    Traceback (most recent call last):
    ...
    graph.errors.QueryError: query "MATCH (a {id: $id}) WHERE a.name <> '$x' RETURN a" uses $id, which was not given: pass it (--param id=..., or "params" in the JSON body)
    """
    missing = sorted(set(_PARAM_USE_RE.findall(_mask(cypher)[0])) - set(params))
    if missing:
        raise QueryError(f"query {cypher!r} uses {', '.join('$' + m for m in missing)}, which "
                         f"{'was' if len(missing) == 1 else 'were'} not given: pass "
                         f"{'it' if len(missing) == 1 else 'them'} (--param {missing[0]}=..., or \"params\" "
                         "in the JSON body)")


def too_many_rows(cypher: str, max_rows: int) -> QueryError:
    """The error of a query whose answer has more than ``max_rows`` rows (every store gives this one)."""
    return QueryError(f"query {cypher!r} gives more than {max_rows:,} rows: add a LIMIT, or aggregate "
                      "(count(), collect())")


def _check_value(name: str, value: Any) -> None:
    if value is None or isinstance(value, (bool, int, float, str)):
        return
    if isinstance(value, (list, tuple)):
        for item in value:
            _check_value(name, item)
        return
    what = "an object" if isinstance(value, Mapping) else f"a {type(value).__name__}"
    raise QueryError(f"parameter {name!r} is {what}: give a string, number, boolean, null or a list of them")


def _split_top(text: str, sep: str = ",") -> list[str]:
    """Split at ``sep`` outside brackets (placeholders already hide string contents)."""
    parts, depth, start = [], 0, 0
    for i, ch in enumerate(text):
        if ch in "([{":
            depth += 1
        elif ch in ")]}":
            depth -= 1
        elif ch == sep and depth == 0:
            parts.append(text[start:i])
            start = i + 1
    parts.append(text[start:])
    return parts


def _top_level_keyword(text: str, pattern: str) -> list[re.Match]:
    """Matches of ``pattern`` that are not inside brackets (e.g. not in an EXISTS { } subquery)."""
    depth_at = []
    depth = 0
    for ch in text:
        if ch in "([{":
            depth += 1
        elif ch in ")]}":
            depth -= 1
        depth_at.append(depth)
    return [m for m in re.finditer(pattern, text, re.I) if depth_at[m.start()] == 0]


def return_items(cypher: str) -> list[tuple[str, str]]:
    """``(expression, column name)`` of each item of the final RETURN, as written.

    The column name is the alias, else the expression itself (as Neo4j names it).
    """
    masked, literals = _mask(cypher)
    returns = _top_level_keyword(masked, r"\bRETURN\b")
    if not returns:
        raise QueryError(f"query {cypher!r} has no RETURN clause: end it with RETURN and the values you want")
    clause = masked[returns[-1].end():]
    ends = _top_level_keyword(clause, r"\b(ORDER\s+BY|SKIP|LIMIT)\b")
    if ends:
        clause = clause[:ends[0].start()]
    clause = re.sub(r"^\s*DISTINCT\b", "", clause, flags=re.I)
    items = []
    for item in _split_top(clause):
        aliases = _top_level_keyword(item, r"\s+AS\s+")
        expr = item[:aliases[-1].start()] if aliases else item
        name = item[aliases[-1].end():] if aliases else item
        items.append((_unmask(expr.strip(), literals), _unmask(name.strip(), literals).strip("`")))
    return items


def return_columns(cypher: str) -> list[str]:
    """Column names of a query, as Neo4j names them: the alias, else the expression as written."""
    return [name for _, name in return_items(cypher)]


# ---- plain values -----------------------------------------------------------

def node_value(props: Mapping[str, Any]) -> dict[str, Any]:
    """A node as a query row shows it, on every store: the contract properties, None when missing."""
    return {k: props.get(k) for k in CYPHER_NODE_PROPERTIES}


def relationship_value(type: str, props: Mapping[str, Any]) -> dict[str, Any]:
    """A relationship as a query row shows it: its type and the contract properties."""
    return {"type": type, **{k: props.get(k) for k in CYPHER_EDGE_PROPERTIES}}
