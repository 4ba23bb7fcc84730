"""Neo4j's Cypher to LadybugDB's, for the embedded store's derived database.

LadybugDB runs openCypher on a schema: here one node table ``Entity`` (every
actor; its kind in the property ``kind``) and one relationship table per
relation type (see :mod:`graph.stores.ladybug_graph`; one node table keeps the
bulk load to one COPY per type). Only what would otherwise fail or answer
differently is rewritten, on the text with string literals and backticked
names masked (nothing inside them changes):

* **kind labels** become conditions on ``kind``, added to the WHERE of their
  MATCH: ``MATCH (a:Person)-->(b)`` -> ``MATCH (a)-->(b) WHERE a.kind IN
  ['person']``. ``:Entity`` is every node; ``(a:Person:Country)`` (all of) and
  unknown labels match nothing, ``(a:Person|Country)`` (any of) either kind;
* **label predicates** ``WHERE a:Person`` -> ``a.kind IN ['person']`` (on a
  relationship variable, ``label(r) IN ['MET']``);
* **relationship types** the graph lacks are dropped from ``[r:A|B]`` (none
  left: an always-empty table; LadybugDB refuses unknown tables, Neo4j matches
  nothing);
* ``type(r)`` -> ``label(r)``; ``labels(n)`` -> ``['Entity', <kind label>]``;
* **relationship uniqueness**: Neo4j never binds one relationship twice in a
  MATCH; LadybugDB does (walk semantics). So a MATCH with several
  fixed-length relationship patterns also gets ``id(r1) <> id(r2)``, and a
  variable-length pattern is asked for trails: ``[r*1..3]`` -> ``[r* TRAIL 1..3]``
  (the engine's ``recursive_pattern_semantic`` setting does not take effect in 0.22).

>>> t = Tables(kinds={"Person": "person", "Country": "country"}, rels=frozenset({"MET"}))
>>> translate("MATCH (a:Entity {id: $id})-[r:MET|VISITED]-(b:Person) RETURN type(r)", t)
"MATCH (a {id: $id})-[r:MET]-(b)  WHERE b.kind IN ['person'] RETURN label(r)"
>>> translate("MATCH (a)--(m)-[:MET]->(b) WHERE a:Person OR b.id = 'x' RETURN b", t)
"MATCH (a)-[geograph_r0]-(m)-[geograph_r1:MET]->(b) WHERE id(geograph_r0) <> id(geograph_r1) AND ( (a.kind IN ['person']) OR b.id = 'x' ) RETURN b"
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Mapping

from ..cypher import _NAME, _mask, _name, _unmask
from ..errors import QueryError
from ..model import ENTITY_LABEL

__all__ = ["Tables", "translate", "EMPTY_REL_TABLE"]

EMPTY_REL_TABLE = "NO_RELATIONSHIP_"    # always empty: where a type the graph lacks goes

_IDENT = r"[A-Za-z_]\w*"
_LABELS = rf"{_NAME}(?:\s*[:&|]\s*:?\s*{_NAME})*"
# A variable (optional) and its labels: node pattern, relationship pattern or label predicate.
_LABELLED_RE = re.compile(rf"(?P<var>{_IDENT})?\s*:\s*(?P<labels>{_LABELS})")
_NODE_RE = re.compile(rf"\(\s*(?P<var>{_IDENT})?\s*:\s*(?P<labels>{_LABELS})(?=\s*\{{[^{{}}]*\}}\s*\)|\s*\))")
_REL_VAR_RE = re.compile(rf"\[\s*({_IDENT})\s*(?=[:*\]{{])")
_VAR_LENGTH_RE = re.compile(r"(-\s*\[[^\[\]]*?\*)(?!\s*[A-Za-z])")     # the * of -[r:T*1..3]-
_TYPE_RE = re.compile(r"(?<![\w.$])type\s*\(", re.I)
_LABELS_FN_RE = re.compile(rf"(?<![\w.$])labels\s*\(\s*({_IDENT})\s*\)", re.I)
_SUBQUERY_RE = re.compile(r"\b(EXISTS|COUNT|COLLECT|CALL)\s*$", re.I)
_CLAUSE_RE = re.compile(r"\b(OPTIONAL\s+MATCH|MATCH|WHERE|RETURN|WITH|UNWIND|ORDER\s+BY|SKIP|LIMIT|UNION|CALL)\b",
                        re.I)
# A relationship pattern: -[...]-, with either arrow, or the short forms --, -->, <--.
_REL_RE = re.compile(r"<?-\s*\[(?P<body>[^\]]*)\]\s*->?|<?--(?!\[)>?")


@dataclass(frozen=True)
class Tables:
    """What a derived database holds: kind labels (``Person``) to kinds (``person``), relation types."""

    kinds: Mapping[str, str] = field(default_factory=dict)
    rels: frozenset[str] = frozenset()

    def to_json(self) -> dict:
        return {"kinds": dict(sorted(self.kinds.items())), "rels": sorted(self.rels)}

    @classmethod
    def from_json(cls, data: dict) -> "Tables":
        return cls(dict(data["kinds"]), frozenset(data["rels"]))


def translate(cypher: str, tables: Tables) -> str:
    """``cypher`` (Neo4j dialect, already checked read-only) as LadybugDB should run it."""
    masked, literals = _mask(cypher.strip().rstrip(";"))
    text = _rewrite_matches(masked, literals, tables)
    text = _rewrite_labels(text, literals, tables, set(_REL_VAR_RE.findall(masked)), cypher)
    text = _VAR_LENGTH_RE.sub(r"\1 TRAIL ", text)
    text = _TYPE_RE.sub("label(", text)
    text = _LABELS_FN_RE.sub(lambda m: f"['{ENTITY_LABEL}', {_kind_label(m.group(1), tables)}]", text)
    return _unmask(text, literals)


def _kind_label(var: str, tables: Tables) -> str:
    cases = " ".join(f"WHEN '{kind}' THEN '{label}'" for label, kind in sorted(tables.kinds.items()))
    return f"CASE {var}.kind {cases} END" if cases else "NULL"


# ---- brackets and scopes ---------------------------------------------------------

def _contexts(text: str) -> tuple[list[str], list[int], dict[int, int]]:
    """For each character: the innermost open bracket ('(', '[', '{' for a map, 's' for a subquery's
    braces, '' at the top), and its scope (where the enclosing subquery opens, -1 at the top);
    and where each scope closes."""
    stack: list[tuple[str, int]] = []
    kinds, scopes, closes = [], [], {-1: len(text)}
    for i, ch in enumerate(text):
        kinds.append(stack[-1][0] if stack else "")
        scopes.append(next((at for kind, at in reversed(stack) if kind == "s"), -1))
        if ch in "([":
            stack.append((ch, i))
        elif ch == "{":
            stack.append(("s" if _SUBQUERY_RE.search(text[max(0, i - 12):i]) else "{", i))
        elif ch in ")]}" and stack:
            kind, at = stack.pop()
            if kind == "s":
                closes[at] = i
    return kinds, scopes, closes


# ---- MATCH clauses: kind labels and relationship uniqueness ---------------------------

def _rewrite_matches(text: str, literals: list[str], tables: Tables) -> str:
    """Move node labels of every MATCH into its WHERE, with ``id(r1) <> id(r2)`` for its relationships."""
    kinds, scopes, closes = _contexts(text)
    by_scope: dict[int, list[re.Match]] = {}
    for m in _CLAUSE_RE.finditer(text):
        if kinds[m.start()] in ("", "s"):
            by_scope.setdefault(scopes[m.start()], []).append(m)
    edits: list[tuple[int, int, str]] = []
    counter = iter(range(1_000_000))
    for scope, clauses in by_scope.items():
        bounds = [m.start() for m in clauses[1:]] + [closes.get(scope, len(text))]
        for i, clause in enumerate(clauses):
            if not clause.group(1).upper().endswith("MATCH"):
                continue
            conditions = []
            for node in _NODE_RE.finditer(text, clause.end(), bounds[i]):
                names, ops = _split_labels(node.group("labels"), literals)
                var = node.group("var") or f"geograph_n{next(counter)}"
                allowed = _node_kinds(names, ops, tables, node.group(0))
                if allowed is not None:
                    conditions.append(_kind_condition(var, allowed))
                edits.append((node.start(), node.end(), f"({var}"))
            rels, renames = [], []
            for rel in _REL_RE.finditer(text, clause.end(), bounds[i]):
                if scopes[rel.start()] != scope or kinds[rel.start()] not in ("", "s"):
                    continue
                body = rel.group("body") or ""
                if "*" in body:
                    continue                            # variable length: asked for a trail (TRAIL)
                var = re.match(rf"\s*({_IDENT})\s*(?=[:{{]|$)", body)
                rels.append(var.group(1) if var else f"geograph_r{next(counter)}")
                if not var:
                    renames.append((rel.start(), rel.end(), _named(rel, rels[-1])))
            if len(rels) > 1:
                edits += renames
                conditions.append(" AND ".join(f"id({a}) <> id({b})" for j, a in enumerate(rels) for b in rels[j + 1:]))
            if not conditions:
                continue
            condition = " AND ".join(conditions)
            following = clauses[i + 1] if i + 1 < len(clauses) else None
            if following is not None and following.group(1).upper() == "WHERE":
                edits += [(following.end(), following.end(), f" {condition} AND ("),
                          (bounds[i + 1], bounds[i + 1], ") ")]
            else:
                edits.append((bounds[i], bounds[i], f" WHERE {condition} "))
    for start, stop, new in sorted(edits, key=lambda e: (e[0], e[1]), reverse=True):
        text = text[:start] + new + text[stop:]
    return text


def _named(rel: re.Match, name: str) -> str:
    """A relationship pattern with variable ``name`` (its arrows and types kept)."""
    raw = rel.group(0)
    left = "<-" if raw.startswith("<") else "-"
    right = "->" if raw.endswith(">") else "-"
    body = (rel.group("body") or "").strip()
    return f"{left}[{name}{'' if body.startswith(':') or not body else ' '}{body}]{right}"


# ---- labels elsewhere: relationship types, label predicates ----------------------------

def _rewrite_labels(text: str, literals: list[str], tables: Tables, rel_vars: set[str], cypher: str) -> str:
    contexts, _, _ = _contexts(text)
    out, last = [], 0
    for m in _LABELLED_RE.finditer(text):
        if contexts[m.start()] == "{":
            continue                                    # a map: {key: value}
        names, ops = _split_labels(m.group("labels"), literals)
        if names is None:
            continue                                    # the "label" is a string: not a label
        before = text[:m.start()].rstrip()
        var = m.group("var") or ""
        if before.endswith("["):
            new = f"{var}:{'|'.join(_rel_types(names, ops, tables))}"
        elif before.endswith("(") and (not var or _in_pattern(text, before)):
            raise QueryError(f"query {cypher!r} puts a label on a node of a pattern outside MATCH: the embedded "
                             "store takes labels there only in MATCH; write EXISTS { MATCH (a)-->(b:Country) }")
        elif not var:
            continue
        elif var in rel_vars:
            new = f"label({var}) IN {_list(_rel_types(names, ops, tables))}"
        else:
            new = f"({_kind_condition(var, _node_kinds(names, ops, tables, m.group(0)))})"
        out.append(text[last:m.start()] + new)
        last = m.end()
    out.append(text[last:])
    return "".join(out)


def _in_pattern(text: str, before: str) -> bool:
    """Whether the node whose '(' ends ``before`` is part of a pattern (an arrow touches it)."""
    return before[:-1].rstrip().endswith(("-", ">"))


def _split_labels(expr: str, literals: list[str]) -> tuple[list[str] | None, set[str]]:
    names = re.split(r"\s*[:&|]\s*:?\s*", expr.strip())
    ops = set(re.findall(r"[&|]", expr)) or {"&"}
    for name in names:
        if name.startswith("\x00") and not literals[int(name.strip("\x00"))].startswith("`"):
            return None, ops
    return [_name(name, literals) for name in names], ops


def _node_kinds(names: list[str], ops: set[str], tables: Tables, where: str) -> list[str] | None:
    """The kinds a node with all (``:A:B``, ``A&B``) or any (``A|B``) of the labels ``names`` has;
    None when any kind will do."""
    if len(ops) > 1:
        raise QueryError(f"label expression {where.strip()!r} mixes '&' (or ':') and '|': the embedded store "
                         "takes one or the other; split the pattern or use WHERE")
    if "|" in ops:
        if ENTITY_LABEL in names:
            return None
        return sorted({tables.kinds[n] for n in names if n in tables.kinds})
    wanted = {n for n in names if n != ENTITY_LABEL}
    if not wanted:
        return None
    return [tables.kinds[n] for n in wanted if n in tables.kinds] if len(wanted) == 1 else []


def _kind_condition(var: str, kinds: list[str] | None) -> str:
    if kinds is None:
        return f"{var} IS NOT NULL"
    return f"{var}.kind IN {_list(kinds)}" if kinds else "false"


def _rel_types(names: list[str], ops: set[str], tables: Tables) -> list[str]:
    """The relationship tables of ``[r:A|B]`` (a relationship has one type: ``A&B`` matches none)."""
    found = [n for n in dict.fromkeys(names) if n in tables.rels] if "|" in ops or len(names) == 1 else []
    return found or [EMPTY_REL_TABLE]


def _list(items: list[str]) -> str:
    return "[" + ", ".join(f"'{i}'" for i in items) + "]"
