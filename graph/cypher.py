"""Cypher text, shared by both stores: the read-only guard, parameters, result columns and plain values.

User queries must never change the graph (FalkorDB even runs writes inside
read transactions, so there nothing else refuses them: see
:mod:`graph.stores.neo4j_bolt`), and the embedded store's engine could also reach files
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
from collections import namedtuple
from typing import Any, Iterable, Mapping

from .errors import QueryError
from .model import CYPHER_EDGE_PROPERTIES, CYPHER_NODE_PROPERTIES

__all__ = ["ensure_read_only", "tokenize", "MAX_QUERY_BYTES", "MAX_DEPTH", "check_params", "check_given", "parse_params", "too_many_rows", "return_columns", "return_items", "node_value",
           "relationship_value",
           "WRITE_CLAUSES", "OUTSIDE_CLAUSES", "READ_PROCEDURES"]

WRITE_CLAUSES = ("CREATE", "MERGE", "SET", "DELETE", "REMOVE", "DROP", "FOREACH")
# Clauses that reach beyond the graph (files, extensions, other databases, transactions):
# Neo4j's LOAD CSV and USE, and the embedded engine's own (COPY ... TO writes a file even
# on a read-only database).
OUTSIDE_CLAUSES = ("LOAD", "COPY", "EXPORT", "IMPORT", "ATTACH", "DETACH", "INSTALL", "USE", "CHECKPOINT",
                   "BEGIN", "COMMIT", "ROLLBACK", "ALTER", "GRANT", "DENY", "REVOKE", "TERMINATE")
# Procedures a user query may CALL: they only describe the database.
READ_PROCEDURES = ("db.labels", "db.relationshiptypes", "db.propertykeys", "db.indexes", "db.constraints",
                   "db.schema.visualization", "db.schema.nodetypeproperties", "db.schema.reltypeproperties",
                   "dbms.components")

MAX_QUERY_BYTES = 64 * 1024      # checked before anything else looks at the text
MAX_DEPTH = 64                    # brackets nested deeper than this are refused (no real query needs it)

Token = namedtuple("Token", "kind text start")
# One pass, each token matched once at its place (no scan over the rest of the text can start
# anywhere else): strings with their escapes, backticked names (`` escapes a backtick), comments.
# A // comment ends at any line break an engine might honour (\r alone, U+2028...): ending it
# too early only shows more words to the check, too late would hide a clause from it.
_TOKEN_RE = re.compile(r"""
    (?P<space>\s+)
  | (?P<comment>//[^\n\r\x0b\x0c\x85\u2028\u2029]*|/\*.*?\*/)
  | (?P<string>'(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*")
  | (?P<quoted>`(?:[^`]|``)*`)
  | (?P<param>\$(?:[^\W\d]\w*|\d+))
  | (?P<word>[^\W\d]\w*)
  | (?P<number>\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)
  | (?P<punct>.)""", re.S | re.X)
_OPEN, _CLOSE = "([{", ")]}"
_PLACEHOLDER_RE = re.compile("\x00(\\d+)\x00")
_NAME = r"(?:[A-Za-z_]\w*|\x00\d+\x00)"          # a name, or a placeholder (a backticked name)
_PARAM_NAME_RE = re.compile(r"^[A-Za-z_]\w*$")


def tokenize(cypher: str) -> list[Token]:
    """The tokens of ``cypher`` in one linear pass; QueryError for an unclosed string, name, comment
    or bracket, a NUL character, or brackets nested deeper than :data:`MAX_DEPTH`.

    >>> [t.text for t in tokenize("MATCH (a {name: 'it''s'}) // c\\nRETURN `a b`.x") if t.kind != "space"]
    ['MATCH', '(', 'a', '{', 'name', ':', "'it'", "'s'", '}', ')', '// c', 'RETURN', '`a b`', '.', 'x']
    >>> tokenize("RETURN '/*a")
    Traceback (most recent call last):
    ...
    graph.errors.QueryError: query "RETURN '/*a" has a string that never closes (from character 8): close it with '
    """
    if "\x00" in cypher:
        raise QueryError(f"query {_short(cypher)!r} contains a NUL character: remove it")
    tokens: list[Token] = []
    append, depth = tokens.append, []
    for m in _TOKEN_RE.finditer(cypher):        # the last alternative takes any character: no gaps
        kind, text = m.lastgroup, m.group()
        if kind == "punct":
            pos = m.start()
            if text in "'\"`" or cypher.startswith("/*", pos):
                what = {"'": "string", '"': "string", "`": "backticked name"}.get(text, "comment")
                closer = "*/" if what == "comment" else text
                raise QueryError(f"query {_short(cypher)!r} has a {what} that never closes (from character "
                                 f"{pos + 1}): close it with {closer}")
            if text in _OPEN:
                depth.append(text)
                if len(depth) > MAX_DEPTH:
                    raise QueryError(f"query {_short(cypher)!r} nests brackets more than {MAX_DEPTH} deep: "
                                     "write it flatter (WITH between parts)")
            elif text in _CLOSE:
                if not depth or _OPEN[_CLOSE.index(text)] != depth.pop():
                    raise QueryError(f"query {_short(cypher)!r} has an unmatched {text!r} at character {pos + 1}")
        append(Token(kind, text, m.start()))
    if depth:
        raise QueryError(f"query {_short(cypher)!r} leaves {depth[-1]!r} open: close every bracket")
    return tokens


def _short(cypher: str, limit: int = 200) -> str:
    """The query as error messages quote it: long ones cut (a 64 KB query is not repeated back)."""
    return cypher if len(cypher) <= limit else cypher[:limit - 3] + "..."


def _mask(cypher: str) -> tuple[str, list[str]]:
    """The text with string literals and backticked names as placeholders and comments as a space,
    so keywords are found safely; and the literals. Linear: built from :func:`tokenize`."""
    literals: list[str] = []
    parts = []
    for token in tokenize(cypher):
        if token.kind in ("string", "quoted"):
            literals.append(token.text)
            parts.append(f"\x00{len(literals) - 1}\x00")
        else:
            parts.append(" " if token.kind == "comment" else token.text)
    return "".join(parts), literals


def _unmask(text: str, literals: list[str], convert=None) -> str:
    return _PLACEHOLDER_RE.sub(lambda m: (convert or str)(literals[int(m.group(1))]), text)


def _name(text: str, literals: list[str]) -> str:
    """A (dotted) name as the engine reads it: placeholders back to their text, backticks and spaces dropped."""
    return "".join(_unmask(text, literals, lambda lit: lit.strip("`")).split())


def _keywords(tokens: list[Token]) -> list[tuple[int, str]]:
    """(index, upper-cased word) of the words that stand as keywords: not a property (``a.set``),
    label or type (``:Set``), parameter, or map key (``{set: 1}``)."""
    solid = [(i, t.kind, t.text) for i, t in enumerate(tokens) if t.kind != "space" and t.kind != "comment"]
    found = []
    last = len(solid) - 1
    for n, (i, kind, text) in enumerate(solid):
        if kind != "word":
            continue
        before = solid[n - 1][2] if n else ""
        after = solid[n + 1][2] if n < last else ""
        if before in (".", ":", "$") or (after == ":" and before in ("{", ",")):
            continue
        found.append((i, text.upper()))
    return found


def _procedure(tokens: list[Token], at: int, cypher: str) -> str | None:
    """The name called by the CALL at ``tokens[at]`` (None for a ``CALL { }`` subquery). It must be
    written plainly, words joined by dots: a backticked, escaped or commented name is refused."""
    i = at + 1
    while i < len(tokens) and tokens[i].kind == "space":
        i += 1
    if i < len(tokens) and tokens[i].text == "{":
        return None
    parts = []
    while i < len(tokens) and (tokens[i].kind == "word" if len(parts) % 2 == 0 else tokens[i].text == "."):
        parts.append(tokens[i].text)
        i += 1
    following = tokens[i] if i < len(tokens) else None
    if not parts or len(parts) % 2 == 0 or (following is not None and following.kind in ("quoted", "comment", "word")):
        raise QueryError(f"query {_short(cypher)!r} calls a procedure whose name is not written plainly "
                         "(backticks, comments or escapes in it): write it as words joined by dots, e.g. "
                         "CALL db.labels()")
    return "".join(parts)


def ensure_read_only(cypher: str) -> None:
    """Raise :class:`QueryError` if ``cypher`` could change the graph or reach beyond it
    (or is not one statement, or is longer than :data:`MAX_QUERY_BYTES`).

    The check works on the query's tokens (:func:`tokenize`): keywords are found as words,
    never inside strings, names or comments, and a CALL must name an allowed procedure plainly.

    >>> ensure_read_only("CALL `db.idx.fulltext.createNodeIndex`('Entity', 'name')")
    Traceback (most recent call last):
    ...
    graph.errors.QueryError: query "CALL `db.idx.fulltext.createNodeIndex`('Entity', 'name')" calls a procedure whose name is not written plainly (backticks, comments or escapes in it): write it as words joined by dots, e.g. CALL db.labels()
    >>> ensure_read_only("CALL db.idx.fulltext.createNodeIndex('Entity', 'name')")
    Traceback (most recent call last):
    ...
    graph.errors.QueryError: query "CALL db.idx.fulltext.createNodeIndex('Entity', 'name')" calls procedure 'db.idx.fulltext.createNodeIndex', which may write: only db.labels, db.relationshiptypes, db.propertykeys, db.indexes, db.constraints, db.schema.visualization, db.schema.nodetypeproperties, db.schema.reltypeproperties, dbms.components may be called
    """
    if not isinstance(cypher, str) or not cypher.strip():
        raise QueryError("empty query: give a Cypher query such as 'MATCH (n) RETURN n.name LIMIT 5'")
    size = len(cypher.encode("utf-8", "surrogatepass"))
    if size > MAX_QUERY_BYTES:
        raise QueryError(f"query of {size:,} bytes is longer than the limit of {MAX_QUERY_BYTES:,} bytes: "
                         "pass long lists as parameters ($ids) instead")
    tokens = tokenize(cypher)
    solid = [t for t in tokens if t.kind not in ("space", "comment")]
    semis = [n for n, t in enumerate(solid) if t.text == ";"]
    if semis and semis[0] != len(solid) - 1:
        raise QueryError(f"query {_short(cypher)!r} has several statements: run one query at a time")
    keywords = _keywords(tokens)
    for n, (i, word) in enumerate(keywords):
        following = keywords[n + 1][1] if n + 1 < len(keywords) else ""
        if word in WRITE_CLAUSES or (word == "DETACH" and following == "DELETE"):
            clause = "DELETE" if word == "DETACH" else word
            raise QueryError(f"query {_short(cypher)!r} writes to the graph ({clause}): only reading queries are "
                             "allowed; change the graph with `geograph build` or `geograph add`")
        if word in OUTSIDE_CLAUSES:
            clause = f"{word} {following}" if word == "LOAD" and following == "CSV" else word
            raise QueryError(f"query {_short(cypher)!r} uses {clause}, which reaches beyond the graph (files, "
                             "extensions, databases or transactions): only queries that read the graph are allowed")
        if word == "CALL":
            name = _procedure(tokens, i, cypher)
            if name is not None and name.lower() not in READ_PROCEDURES:
                raise QueryError(f"query {_short(cypher)!r} calls procedure {name!r}, which may write: only "
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
    missing = sorted({t.text[1:] for t in tokenize(cypher) if t.kind == "param"} - set(params))
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
