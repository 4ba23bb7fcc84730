"""Cypher text, shared by both stores: the read-only guard, result columns and plain values.

User queries must never change the graph (FalkorDB even runs writes inside
read transactions), so every store calls :func:`ensure_read_only` first. The
embedded store runs queries with ``grand-cypher``, whose dialect differs from
Neo4j's; :func:`to_grandcypher` translates the common differences (single
quotes, lower-case aggregates, ``IS NOT NULL``, undirected and untyped
relationship patterns) so the same query gives the same answer on both stores.

>>> ensure_read_only('MATCH (a)-[:MET]-(b) RETURN a.name')
>>> ensure_read_only("MATCH (a) DETACH DELETE a")
Traceback (most recent call last):
...
graph.errors.QueryError: query 'MATCH (a) DETACH DELETE a' writes to the graph (DELETE): only reading queries are allowed; change the graph with `geograph build` or `geograph add`
>>> return_columns("MATCH (a)-[r]->(b) RETURN DISTINCT a.name, count(r) AS n ORDER BY n DESC")
['a.name', 'n']
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Iterable, Mapping

from .errors import QueryError
from .model import CYPHER_EDGE_PROPERTIES, CYPHER_NODE_PROPERTIES

__all__ = ["ensure_read_only", "return_columns", "return_items", "split_tail", "Tail", "same_expression", "to_grandcypher", "node_value", "relationship_value",
           "MIRROR_SUFFIX", "WRITE_CLAUSES", "READ_PROCEDURES"]

WRITE_CLAUSES = ("CREATE", "MERGE", "SET", "DELETE", "REMOVE", "DROP", "FOREACH", "LOAD CSV")
# Procedures a user query may CALL: they only describe the database.
READ_PROCEDURES = ("db.labels", "db.relationshiptypes", "db.propertykeys", "db.indexes", "db.constraints",
                   "db.schema.visualization", "db.schema.nodetypeproperties", "db.schema.reltypeproperties",
                   "dbms.components")
# Label of the reverse copy of each edge in the embedded store's query view.
MIRROR_SUFFIX = "__mirror"

_LITERAL_RE = re.compile(r"""'(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*"|`[^`]*`|//[^\n]*|/\*.*?\*/""", re.S)
_PLACEHOLDER_RE = re.compile("\x00(\\d+)\x00")
_WORD_RE = re.compile(r"(?<![\w.$:])([A-Za-z_]\w*)(?![\w:])")
_CALL_RE = re.compile(r"\bCALL\s+([A-Za-z_][\w.]*)", re.I)


def _mask(cypher: str) -> tuple[str, list[str]]:
    """Replace string literals by placeholders and comments by a space, so keywords are found safely."""
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


def ensure_read_only(cypher: str) -> None:
    """Raise :class:`QueryError` if ``cypher`` could change the graph (or is not one statement)."""
    if not cypher or not cypher.strip():
        raise QueryError("empty query: give a Cypher query such as 'MATCH (n) RETURN n.name LIMIT 5'")
    masked, _ = _mask(cypher)
    body = masked.strip()
    if ";" in body.rstrip(";"):
        raise QueryError(f"query {cypher!r} has several statements: run one query at a time")
    words = [w.upper() for w in _WORD_RE.findall(body)]
    for i, word in enumerate(words):
        clause = "LOAD CSV" if word == "LOAD" and i + 1 < len(words) and words[i + 1] == "CSV" else word
        if clause in WRITE_CLAUSES:
            raise QueryError(f"query {cypher!r} writes to the graph ({clause}): only reading queries are "
                             "allowed; change the graph with `geograph build` or `geograph add`")
    for m in _CALL_RE.finditer(body):
        name = m.group(1).lower()
        if name not in READ_PROCEDURES:
            raise QueryError(f"query {cypher!r} calls procedure {m.group(1)!r}, which may write: only "
                             f"{', '.join(READ_PROCEDURES)} may be called")


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


@dataclass(frozen=True)
class Tail:
    """A query split into its body and its ORDER BY / SKIP / LIMIT (which the embedded store applies)."""

    body: str
    order: tuple[tuple[str, bool], ...] = ()    # (expression as written, descending)
    skip: int | None = None
    limit: int | None = None
    distinct: bool = False


def split_tail(cypher: str) -> Tail:
    """Separate the final ORDER BY, SKIP and LIMIT from the rest of the query.

    >>> split_tail('MATCH (n) RETURN n.name AS x ORDER BY x DESC, n.id SKIP 2 LIMIT 5')
    Tail(body='MATCH (n) RETURN n.name AS x', order=(('x', True), ('n.id', False)), skip=2, limit=5, distinct=False)
    """
    masked, literals = _mask(cypher.strip().rstrip(";"))
    returns = _top_level_keyword(masked, r"\bRETURN\b")
    if not returns:
        raise QueryError(f"query {cypher!r} has no RETURN clause: end it with RETURN and the values you want")
    start = returns[-1].end()
    distinct = bool(re.match(r"\s*DISTINCT\b", masked[start:], re.I))
    tail_marks = _top_level_keyword(masked[start:], r"\b(ORDER\s+BY|SKIP|LIMIT)\b")
    if not tail_marks:
        return Tail(_unmask(masked, literals), distinct=distinct)
    body = masked[:start + tail_marks[0].start()]
    parts = {m.group(1).split()[0].upper(): (m.end(), (tail_marks[i + 1].start() if i + 1 < len(tail_marks)
                                                        else len(masked) - start))
             for i, m in enumerate(tail_marks)}
    tail = masked[start:]
    order = []
    if "ORDER" in parts:
        a, b = parts["ORDER"]
        for item in _split_top(tail[a:b]):
            m = re.match(r"^(.*?)(?:\s+(ASC|ASCENDING|DESC|DESCENDING))?\s*$", item.strip(), re.I | re.S)
            order.append((_unmask(m.group(1).strip(), literals), (m.group(2) or "").upper().startswith("DESC")))
    numbers = {}
    for word in ("SKIP", "LIMIT"):
        if word in parts:
            a, b = parts[word]
            text = tail[a:b].strip()
            if not text.isdigit():
                raise QueryError(f"{word} {text!r} in query {cypher!r}: give a whole number")
            numbers[word] = int(text)
    return Tail(_unmask(body, literals).strip(), tuple(order), numbers.get("SKIP"), numbers.get("LIMIT"),
                distinct)


def same_expression(a: str, b: str) -> bool:
    """Whether two expressions are the same text, ignoring spaces, case and quote style."""
    def norm(x: str) -> str:
        return "".join(x.split()).lower().replace("'", '"')
    return norm(a) == norm(b)


# ---- grand-cypher dialect -------------------------------------------------

_AGGREGATE_RE = re.compile(r"\b(count|sum|avg|max|min|collect)\s*\(", re.I)
_IS_NOT_NULL_RE = re.compile(r"([A-Za-z_]\w*(?:\.[A-Za-z_]\w*)?)\s+IS\s+NOT\s+NULL\b", re.I)
_REL_RE = re.compile(r"(\)\s*)(<)?\s*-\s*(?:\[([^\]]*)\]\s*)?-\s*(>)?(\s*\()")
_REL_BODY_RE = re.compile(
    r"^\s*(?P<var>[A-Za-z_]\w*)?\s*"
    r"(?::\s*(?P<types>[A-Za-z_]\w*(?:\s*\|\s*:?\s*[A-Za-z_]\w*)*))?\s*"
    r"(?P<hops>\*\s*\d+(?:\s*\.\.\s*\d+)?)?\s*$")


def _double_quoted(literal: str) -> str:
    """'it\\'s' -> "it's" (grand-cypher reads double-quoted strings only)."""
    if literal.startswith("'"):
        inner = re.sub(r"\\(.)", r"\1", literal[1:-1])
        return '"' + inner.replace("\\", "\\\\").replace('"', '\\"') + '"'
    return literal


def _rewrite_relationship(m: re.Match, edge_types: list[str]) -> str:
    before, left, body, right, after = m.group(1), m.group(2), m.group(3) or "", m.group(4), m.group(5)
    parsed = _REL_BODY_RE.match(body)
    if parsed is None:
        raise QueryError(f"relationship pattern [{body}] is not supported by the embedded store: use "
                         "[var:TYPE1|TYPE2*min..max] without properties (filter in WHERE instead)")
    var, hops = parsed.group("var") or "", (parsed.group("hops") or "").replace(" ", "")
    types = [t.strip(" :") for t in (parsed.group("types") or "").split("|") if t.strip(" :")]
    directed = bool(left) != bool(right)
    if directed:
        # The view holds a mirror of every edge; a directed pattern must only see the originals.
        types = types or list(edge_types) or ["NO_RELATIONSHIPS"]
        arrow_left, arrow_right = ("<", "") if left else ("", ">")
    else:
        # Undirected: follow the original or its mirror, i.e. either direction.
        types = [t for base in types for t in (base, base + MIRROR_SUFFIX)]
        arrow_left, arrow_right = "", ">"
    label = (":" + "|".join(types)) if types else ""
    return f"{before}{arrow_left}-[{var}{label}{hops}]-{arrow_right}{after}"


_CLAUSE_RE = re.compile(r"\b(MATCH|WHERE|RETURN|WITH|OPTIONAL|UNWIND|ORDER|SKIP|LIMIT|UNION|CALL)\b", re.I)


def _split_match_commas(text: str) -> str:
    """``MATCH p1, p2`` -> ``MATCH p1 MATCH p2`` (grand-cypher takes one path per MATCH)."""
    out = list(text)
    for m in re.finditer(r"\bMATCH\b", text, re.I):
        depth, i = 0, m.end()
        while i < len(text):
            ch = text[i]
            if ch in "([{":
                depth += 1
            elif ch in ")]}":
                depth -= 1
                if depth < 0:
                    break
            elif depth == 0 and ch == ",":
                out[i] = " MATCH"
            elif depth == 0 and _CLAUSE_RE.match(text, i) and (i == 0 or not text[i - 1].isalnum()):
                break
            i += 1
    return "".join(out)


def to_grandcypher(cypher: str, edge_types: Iterable[str]) -> str:
    """Translate Neo4j-style Cypher to what grand-cypher runs on the mirrored view.

    ``edge_types`` are the relationship types present (an untyped directed
    pattern is spelled out with them so it does not see mirrors).

    >>> to_grandcypher("MATCH (a {name: 'Mali'})-[r:MET]-(b) WHERE b.x IS NOT NULL RETURN count(r)", ["MET"])
    'MATCH (a {name: "Mali"})-[r:MET|MET__mirror]->(b) WHERE NOT b.x IS NULL RETURN COUNT(r)'
    >>> to_grandcypher("MATCH (a)<--(b)-->(c) RETURN a", ["MET", "VISITED"])
    'MATCH (a)<-[:MET|VISITED]-(b)-[:MET|VISITED]->(c) RETURN a'
    >>> to_grandcypher("MATCH (a {id: 'X'}), (b) WHERE a.x IN [1, 2] RETURN a, b", [])
    'MATCH (a {id: "X"}) MATCH (b) WHERE a.x IN [1, 2] RETURN a, b'
    """
    masked, literals = _mask(cypher)
    if re.search(r"\bcount\s*\(\s*\*\s*\)", masked, re.I):
        raise QueryError(f"query {cypher!r} uses count(*), which the embedded store does not support: "
                         "count a variable instead, e.g. count(r)")
    edge_types = sorted(edge_types)
    text = _REL_RE.sub(lambda m: _rewrite_relationship(m, edge_types), _split_match_commas(masked))
    text = _AGGREGATE_RE.sub(lambda m: m.group(1).upper() + "(", text)
    text = re.sub(r"\bexists\s*\{", "EXISTS {", text, flags=re.I)
    text = _IS_NOT_NULL_RE.sub(r"NOT \1 IS NULL", text)
    return _unmask(text, literals, _double_quoted).strip().rstrip(";")


# ---- plain values -----------------------------------------------------------

def node_value(props: Mapping[str, Any]) -> dict[str, Any]:
    """A node as a query row shows it, on every store: the contract properties, None when missing."""
    return {k: props.get(k) for k in CYPHER_NODE_PROPERTIES}


def relationship_value(type: str, props: Mapping[str, Any]) -> dict[str, Any]:
    """A relationship as a query row shows it: its type and the contract properties."""
    return {"type": type, **{k: props.get(k) for k in CYPHER_EDGE_PROPERTIES}}
