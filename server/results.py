"""Drawing a Cypher result: which cells are actors, which are relationships between them.

Stores return nodes as ``{"id", "kind", "name", "name_ar"}`` and
relationships as ``{"type", "date", ...}`` (:mod:`graph.cypher`), without
their ends. A row is read left to right like the path it came from: its
nodes (node values, or strings that are entity ids) in order, and its
relationships joining consecutive nodes, so ``RETURN a, r, b`` draws the edge
``a -r-> b`` (symmetric types once, whichever way the query matched them).
Nodes with no relationship between them are drawn alone.

>>> rows = [[{"id": "USA", "kind": "country"}, {"type": "MET", "date": "2025"}, "MLI"]]
>>> g = result_graph(rows, {"USA", "MLI"}.__contains__, symmetric=())
>>> [n for n in g["nodes"]], [(e["from"], e["type"], e["to"]) for e in g["edges"]]
(['MLI', 'USA'], [('USA', 'MET', 'MLI')])

A path cell is read the same way, node, relationship, node:

>>> path = {"nodes": [{"id": "USA", "kind": "country"}, "MLI"], "relationships": [{"type": "MET"}]}
>>> [(e["from"], e["to"]) for e in result_graph([[path]], {"USA", "MLI"}.__contains__, symmetric=())["edges"]]
[('USA', 'MLI')]
"""
from __future__ import annotations

from collections import defaultdict
from typing import Any, Callable, Collection, Iterable

from .view import curves, smooth

__all__ = ["result_graph"]


def _cells(value: Any) -> Iterable[Any]:
    """Cells, with lists (collect()) and paths (``{"nodes", "relationships"}``) opened in place, a path's
    nodes and relationships in turn."""
    if isinstance(value, list):
        for item in value:
            yield from _cells(item)
    elif isinstance(value, dict) and isinstance(value.get("nodes"), list) and \
            isinstance(value.get("relationships"), list):
        nodes, rels = value["nodes"], value["relationships"]
        for i, node in enumerate(nodes):
            yield node
            if i < len(rels):
                yield rels[i]
    else:
        yield value


def result_graph(rows: list[list[Any]], is_entity: Callable[[str], bool], *,
                 symmetric: Collection[str]) -> dict[str, Any]:
    """``{"nodes": [ids], "edges": [{id, from, to, type, date, smooth}]}`` found in ``rows``."""
    nodes: dict[str, None] = {}
    links: dict[tuple[str, str, str, str], None] = {}
    for row in rows:
        last, pending = None, None
        for cell in _cells(row):
            node = None
            if isinstance(cell, dict) and isinstance(cell.get("id"), str) and is_entity(cell["id"]):
                node = cell["id"]
            elif isinstance(cell, str) and is_entity(cell):
                node = cell
            elif isinstance(cell, dict) and isinstance(cell.get("type"), str):
                pending = cell
                continue
            if node is None:
                continue
            nodes[node] = None
            if last is not None and pending is not None:
                a, b = (node, last) if pending["type"] in symmetric and node < last else (last, node)
                links[(a, pending["type"], b, pending.get("date") or "")] = None
            last, pending = node, None
    by_pair: dict[tuple[str, str], list[tuple[str, str, str, str]]] = defaultdict(list)
    for link in links:
        by_pair[tuple(sorted((link[0], link[2])))].append(link)
    edges = []
    for pair, group in sorted(by_pair.items()):
        for (a, type_, b, date), curve in zip(sorted(group), curves(len(group))):
            edges.append({"id": f"{type_}|{a}|{b}|{date}", "from": a, "to": b, "type": type_,
                          "date": date or None, "arrows": "" if type_ in symmetric else "to",
                          "smooth": smooth(curve, a, b) or False})
    return {"nodes": sorted(nodes), "edges": edges}
