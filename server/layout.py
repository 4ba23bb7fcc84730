"""Node positions computed on the server, once per state of the store.

Browsers stall when vis-network's physics has to place thousands of nodes, so
the server lays out the whole graph with igraph's Fruchterman-Reingold (C,
fewer steps for big graphs: :func:`iterations`) and every view reuses
the same positions: filtering never makes the picture jump. The app keeps
them in its :class:`server.cache.StoreCache`.
"""
from __future__ import annotations

import math
import random

from graph.stores.base import EdgeFilter, GraphStore

__all__ = ["compute_layout", "layout_store", "iterations"]

SPACING = 120.0   # pixels per node along the side of the drawing's square


def iterations(n: int) -> int:
    """Fruchterman-Reingold steps for ``n`` nodes: igraph's 500 up to 1,000 nodes, then fewer (at least
    100), so the first view of a big graph after start stays quick (a hairball gains little from more).

    >>> iterations(30), iterations(2000), iterations(5000), iterations(50000)
    (500, 250, 100, 100)
    """
    return 500 if n <= 1000 else max(100, 500_000 // n)


def compute_layout(node_ids: list[str], pairs: list[tuple[str, str]]) -> dict[str, tuple[float, float]]:
    """Positions for ``node_ids``, scaled so nodes sit about ``SPACING`` pixels apart; deterministic.

    >>> pos = compute_layout(["A", "B", "C"], [("A", "B")])
    >>> sorted(pos), len(set(pos.values())), pos == compute_layout(["A", "B", "C"], [("A", "B")])
    (['A', 'B', 'C'], 3, True)
    """
    import igraph

    n = len(node_ids)
    if n == 0:
        return {}
    index = {node: i for i, node in enumerate(node_ids)}
    links = sorted({(index[a], index[b]) for a, b in pairs if a in index and b in index and a != b})
    g = igraph.Graph(n=n, edges=links)
    # igraph draws from one process-wide generator: lend it a seeded one, so the same graph
    # gives the same picture (and the committed screenshot does not change from run to run).
    igraph.set_random_number_generator(random.Random(n))
    try:
        coords = g.layout_fruchterman_reingold(grid="auto", niter=iterations(n)).coords if n > 1 else [[0, 0]]
    finally:
        igraph.set_random_number_generator(random)
    xs, ys = [c[0] for c in coords], [c[1] for c in coords]
    cx, cy = (max(xs) + min(xs)) / 2, (max(ys) + min(ys)) / 2
    extent = max(max(xs) - min(xs), max(ys) - min(ys)) or 1.0
    scale = max(400.0, SPACING * math.sqrt(n)) / extent
    return {node: ((x - cx) * scale, (y - cy) * scale) for node, (x, y) in zip(node_ids, coords)}


def layout_store(store: GraphStore) -> dict[str, tuple[float, float]]:
    """Positions for every entity of ``store`` and every end of its edges (all modalities)."""
    edges = store.summaries(EdgeFilter(modalities=None))       # ends only: no evidence read
    nodes = sorted({e.id for e in store.entities()} | {n for e in edges for n in (e.source, e.target)})
    return compute_layout(nodes, [(e.source, e.target) for e in edges])
