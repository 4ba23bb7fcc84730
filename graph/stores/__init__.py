"""Choosing a graph store: ``--store networkx|neo4j`` or ``GEOGRAPH_STORE`` (default networkx).

>>> import tempfile
>>> with open_store("networkx", home=tempfile.mkdtemp()) as store:
...     store.counts()
{'nodes': 0, 'edges': 0, 'evidence': 0, 'documents': 0}
"""
from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from ..errors import StoreError
from .base import DocumentInfo, EdgeFilter, GraphStore, QueryResult

__all__ = ["open_store", "store_kind", "graph_home", "STORE_KINDS", "GraphStore", "DocumentInfo", "EdgeFilter",
           "QueryResult"]

STORE_KINDS = ("networkx", "neo4j")
GRAPH_FILE = "graph.json"


def store_kind(kind: str | None = None) -> str:
    """The store asked for: the argument, else ``GEOGRAPH_STORE``, else networkx."""
    chosen = (kind or os.environ.get("GEOGRAPH_STORE") or "networkx").strip().lower()
    if chosen not in STORE_KINDS:
        raise StoreError(f"unknown store {chosen!r}: use one of {', '.join(STORE_KINDS)} "
                         "(--store or GEOGRAPH_STORE)")
    return chosen


def graph_home(home: str | Path | None = None) -> Path:
    """The data folder: the argument, else ``GEOGRAPH_HOME``, else ``.geograph`` in the working directory."""
    return Path(home or os.environ.get("GEOGRAPH_HOME") or ".geograph")


def open_store(kind: str | None = None, **options: Any) -> GraphStore:
    """Open the graph store ``kind`` (see :func:`store_kind`).

    Options for every store: ``relation_types`` (``schema.relation_types``;
    needed to add documents). NetworkX: ``home`` (data folder) or ``path``
    (the graph file itself; for a memory-only store use ``NetworkXStore(None)``). Neo4j: ``uri``,
    ``username``, ``password``, ``database`` (default: ``NEO4J_URI``,
    ``NEO4J_USERNAME``, ``NEO4J_PASSWORD``, ``NEO4J_DATABASE``) and whatever
    else :class:`graph.stores.neo4j_store.Neo4jStore` takes.
    """
    kind = store_kind(kind)
    options = {k: v for k, v in options.items() if v is not None}
    if kind == "networkx":
        from .networkx_store import NetworkXStore

        home = options.pop("home", None)
        path = options.pop("path", None) or graph_home(home) / GRAPH_FILE
        unknown = sorted(set(options) - {"relation_types"})
        if unknown:
            raise StoreError(f"option(s) {', '.join(unknown)} do not apply to the networkx store")
        return NetworkXStore(path, relation_types=options.get("relation_types"))
    try:
        from .neo4j_store import Neo4jStore
    except ImportError as err:
        raise StoreError(f"the neo4j store is not available ({err}); use --store networkx") from err
    for option, variable in (("uri", "NEO4J_URI"), ("username", "NEO4J_USERNAME"),
                             ("password", "NEO4J_PASSWORD"), ("database", "NEO4J_DATABASE")):
        if option not in options and os.environ.get(variable):
            options[option] = os.environ[variable]
    options.pop("home", None)
    return Neo4jStore(**options)
