"""Cypher on the embedded store: grand-cypher, made to answer like Neo4j.

grand-cypher runs Cypher on a NetworkX graph but differs from Neo4j in ways
that change answers. This module closes the gaps the analyst's queries hit:

* undirected patterns (grand-cypher silently matches nothing): the query runs
  on a *view* holding a mirror of every edge, labelled ``TYPE__mirror``, and
  :func:`graph.cypher.to_grandcypher` rewrites undirected patterns into
  directed ones that accept mirrors, directed ones into patterns that do not;
* ORDER BY, SKIP and LIMIT with nulls (grand-cypher cannot sort them): applied
  here, nulls last ascending and first descending, as Neo4j does;
* aggregates: ``count``, ``sum``, ``avg``, ``min``, ``max`` ignore nulls as in
  Neo4j (grand-cypher counts them, averages them as 0, and fails on
  ``max`` of strings with nulls);
* values: nodes and relationships come back as the contract dicts of
  :func:`graph.cypher.node_value` / :func:`graph.cypher.relationship_value`.
"""
from __future__ import annotations

import json
import re
import sys
import time
from typing import Any, Mapping

import networkx as nx

from ..cypher import (MIRROR_SUFFIX, ensure_read_only, node_value, relationship_value, return_items,
                      same_expression, split_tail, to_grandcypher)
from ..errors import QueryError
from ..model import ENTITY_LABEL, Edge, kind_label
from .base import QueryResult

__all__ = ["query_view", "run_query"]

_AGGREGATE_RE = re.compile(r"\b(count|sum|avg|max|min|collect)\s*\(", re.I)


class _MirrorLabels(set):
    """Labels of an edge's mirror in the query view.

    Holds ``TYPE__mirror`` (so only rewritten undirected patterns match it) but
    iterates as ``TYPE``, which is what grand-cypher's ``type(r)`` reports.
    """

    def __init__(self, type_: str):
        super().__init__((type_ + MIRROR_SUFFIX,))
        self.type = type_

    def __iter__(self):
        return iter((self.type,))


def query_view(graph: nx.MultiDiGraph, edges: Mapping[str, Edge] | None = None) -> tuple[nx.MultiDiGraph, list[str]]:
    """The graph grand-cypher sees, and the relationship types in it.

    ``graph`` has entity attributes on nodes and :class:`~graph.model.Edge`
    fields on edges (the NetworkX store's graph). The view keeps only the
    contract properties, adds labels, and mirrors every edge but self-loops.
    """
    view = nx.MultiDiGraph()
    for node, attrs in graph.nodes(data=True):
        view.add_node(node, **node_value(attrs), __labels__={ENTITY_LABEL, kind_label(attrs["kind"])})
    types = set()
    for u, v, key, attrs in graph.edges(keys=True, data=True):
        edge = Edge(**{k: attrs[k] for k in ("id", "source", "type", "target", "date", "modality", "role", "cameo",
                                             "plover", "evidence")})
        props = {"date": edge.date, "date_precision": edge.date_precision, "modality": edge.modality,
                 "role": edge.role, "n_sources": edge.n_sources, "first_reported": edge.first_reported}
        types.add(edge.type)
        view.add_edge(u, v, key=key, __labels__={edge.type}, __type__=edge.type, **props)
        if u != v:
            view.add_edge(v, u, key=key + MIRROR_SUFFIX, __labels__=_MirrorLabels(edge.type),
                          __type__=edge.type, **props)
    return view, sorted(types)


def run_query(view: nx.MultiDiGraph, types: list[str], cypher: str, timeout: float = 10.0) -> QueryResult:
    """Run read-only ``cypher`` on a :func:`query_view`; raise QueryError for writes, errors, timeouts."""
    import grandcypher

    ensure_read_only(cypher)
    tail = split_tail(cypher)
    items = return_items(tail.body)
    columns = [name for _, name in items]
    body, hidden, order = tail.body, [], []
    for expr, descending in tail.order:
        index = next((i for i, (e, name) in enumerate(items)
                      if same_expression(expr, name) or same_expression(expr, e)), None)
        if index is None:
            if tail.distinct or any(_AGGREGATE_RE.search(e) for e, _ in items):
                raise QueryError(f"ORDER BY {expr} in {cypher!r}: with DISTINCT or an aggregation, order by "
                                 "a returned column (give it an alias with AS)")
            hidden.append(f"__order{len(hidden)}")
            body += f", {expr} AS {hidden[-1]}"
            index = len(items) + len(hidden) - 1
        order.append((index, descending))
    if not order and (tail.skip is not None or tail.limit is not None):
        body += (f" SKIP {tail.skip}" if tail.skip else "") + (
            f" LIMIT {tail.limit}" if tail.limit is not None else "")
    translated = to_grandcypher(body, types)
    try:
        raw = _run_with_deadline(lambda: _execute(view, translated), timeout)
    except _Timeout:
        raise QueryError(f"query {cypher!r} ran longer than {timeout:g} s: narrow the MATCH (labels, "
                         "{id: ...}) or add a LIMIT") from None
    except Exception as err:  # grand-cypher raises parser and assorted runtime errors
        first = str(err).strip().splitlines()[0] if str(err).strip() else type(err).__name__
        raise QueryError(f"the embedded store cannot run {cypher!r}: {first}; see 'Cypher on the "
                         "embedded store' in docs/graph.md for what it supports") from err
    finally:
        # grand-cypher memoizes edge matches by graph; do not let it keep old views alive.
        grandcypher._is_edge_attr_match.cache_clear()
    rows = _rows(raw, columns + hidden)
    if order:
        for index, descending in reversed(order):
            rows.sort(key=lambda row: _order_key(row[index]), reverse=descending)
        rows = rows[tail.skip or 0:]
        if tail.limit is not None:
            rows = rows[:tail.limit]
    return QueryResult(columns, [row[:len(columns)] for row in rows])


# ---- grand-cypher with Neo4j's aggregates ------------------------------------

def _aggregates():
    """Aggregate classes that skip nulls, as Neo4j's do (built on first use: grand-cypher loads lazily)."""
    import grandcypher as gc

    def non_null(values):
        return [v for v in values if v is not None]

    class Count(gc.Count):
        def aggregate(self, values):
            return len(non_null(values))

    class Sum(gc.Sum):
        def aggregate(self, values):
            return sum(non_null(values))

    class Avg(gc.Avg):
        def aggregate(self, values):
            values = non_null(values)
            return sum(values) / len(values) if values else None

    class Max(gc.Max):
        def aggregate(self, values):
            return max(non_null(values), key=_order_key, default=None)

    class Min(gc.Min):
        def aggregate(self, values):
            return min(non_null(values), key=_order_key, default=None)

    return {"COUNT": Count, "SUM": Sum, "AVG": Avg, "MAX": Max, "MIN": Min, "COLLECT": gc.Collect}


def _execute(view: nx.MultiDiGraph, translated: str) -> dict:
    """What ``GrandCypher(view).run(translated)`` does, with the aggregates above."""
    import grandcypher as gc

    aggregates = _aggregates()

    class Transformer(gc.GrandCypherTransformer):
        def _parse_aggregation_token(self, item):
            return aggregates[str(item.children[0].value)](item.children[1])

    transformer = Transformer(view)
    transformer.transform(gc._GrandCypherGrammar.parse(translated))
    return transformer._executors[0].returns()


class _Timeout(Exception):
    pass


def _run_with_deadline(fn, seconds: float):
    """Call ``fn`` in this thread, aborting it once ``seconds`` have passed (checked on Python calls)."""
    deadline = time.monotonic() + seconds
    calls = 0

    def check(frame, event, arg):
        nonlocal calls
        calls += 1
        if calls % 2000 == 0 and time.monotonic() > deadline:
            raise _Timeout()

    previous = sys.getprofile()
    sys.setprofile(check)
    try:
        return fn()
    finally:
        sys.setprofile(previous)


# ---- rows and values ----------------------------------------------------------

def _order_key(value: Any) -> tuple:
    """Neo4j's ORDER BY: maps, lists, strings, booleans, numbers, then nulls (ascending)."""
    if value is None:
        return (5, 0)
    if isinstance(value, bool):
        return (3, value)
    if isinstance(value, (int, float)):
        return (4, value)
    if isinstance(value, str):
        return (2, value)
    return (0 if isinstance(value, dict) else 1, json.dumps(value, sort_keys=True, ensure_ascii=False))


def _normal(name: Any) -> str:
    return "".join(str(name).split()).lower().replace("'", '"')


def _rows(raw: Mapping[Any, list], columns: list[str]) -> list[list[Any]]:
    """grand-cypher's {column: values} -> rows in RETURN order, with plain values."""
    by_name = {_normal(k): v for k, v in raw.items()}
    unmatched = [v for k, v in raw.items() if _normal(k) not in {_normal(c) for c in columns}]
    ordered = []
    for column in columns:
        values = by_name.get(_normal(column))
        if values is None:
            values = unmatched.pop(0) if unmatched else []
        ordered.append(values)
    n = max((len(v) for v in ordered), default=0)
    return [[_plain(v[i]) if i < len(v) else None for v in ordered] for i in range(n)]


def _plain(value: Any) -> Any:
    """Nodes and relationships of the view -> the dicts both stores return; sets -> sorted lists."""
    if isinstance(value, dict):
        if "__type__" in value:
            return relationship_value(value["__type__"], value)
        if "__labels__" in value:
            return node_value(value)
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, (set, frozenset)):
        return sorted(_plain(v) for v in value)
    return value
