"""Exports: GraphML and GEXF for Gephi and yEd, node-link JSON, CSV tables, and a self-contained HTML page.

GraphML and GEXF hold only int, float, str and bool values, so lists are
joined with `` | ``, missing values become ``""`` and the evidence is
flattened to readable lines (date · outlet · document · rule: sentence). Key
ids are the attribute names (node and edge names never clash), and each edge
keeps its stable :attr:`graph.model.Edge.id`, as its element id and as the
``edge_id`` attribute (igraph does not read edge element ids). GEXF gives each dated edge a
*spell* covering its date at its precision (``2026-02`` is February 1-28) so
Gephi's timeline can play the graph; undated edges have no spell (always shown).

JSON is networkx's node-link format (``nx.node_link_graph(data, edges="edges")``
reads it back) with every field, evidence included. CSV writes two tables:
``--out DIR`` gives ``DIR/nodes.csv`` and ``DIR/edges.csv``; ``--out NAME.csv``
gives ``NAME.nodes.csv`` and ``NAME.edges.csv`` beside it. HTML is one page that
opens offline, drawn with pyvis (:mod:`server.export_html`).
"""
from __future__ import annotations

import calendar
from dataclasses import asdict
import csv
import io
import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .errors import QueryError, StoreError
from .fileio import write_atomic
from .model import Edge, Entity
from .stores.base import EdgeFilter, GraphStore

if TYPE_CHECKING:      # networkx is imported when an export runs: `geograph` starts without it
    import networkx as nx

__all__ = ["FORMATS", "export_graph", "flat_graph", "node_link_data", "evidence_text", "date_spell", "csv_paths",
           "NODE_COLUMNS", "EDGE_COLUMNS"]

FORMATS = ("graphml", "gexf", "json", "csv", "html")
LIST_SEPARATOR = " | "
NODE_COLUMNS = ("label", "kind", "name", "name_ar", "aliases", "country", "roles")
EDGE_COLUMNS = ("edge_id", "relation", "date", "date_precision", "modality", "role", "cameo", "plover", "first_reported",
                "last_reported", "n_sources", "documents", "evidence")
_ALL_EDGES = EdgeFilter(modalities=None)


def evidence_text(edge: Edge) -> str:
    """Every piece of evidence as one readable line: date · outlet · document · rule: sentence
    (then the page's address, when the article came from one)."""
    return "\n".join(f"{e.published or 'undated'} · {e.outlet or 'unknown outlet'} · {e.doc} · {e.rule}: "
                     f"{' '.join(e.sentence.split())}" + (f" <{e.url}>" if e.url else "") for e in edge.evidence)


def date_spell(date: str | None) -> tuple[str, str] | None:
    """The days an ISO date at any precision covers.

    >>> date_spell("2026-02"), date_spell("2014"), date_spell("2025-11-04"), date_spell(None)
    (('2026-02-01', '2026-02-28'), ('2014-01-01', '2014-12-31'), ('2025-11-04', '2025-11-04'), None)
    """
    if not date:
        return None
    if len(date) == 4:
        return f"{date}-01-01", f"{date}-12-31"
    if len(date) == 7:
        year, month = int(date[:4]), int(date[5:7])
        return f"{date}-01", f"{date}-{calendar.monthrange(year, month)[1]:02d}"
    return date, date


def _node_attrs(entity: Entity) -> dict[str, Any]:
    return {"label": entity.name, "kind": entity.kind, "name": entity.name, "name_ar": entity.name_ar or "",
            "aliases": LIST_SEPARATOR.join(entity.aliases), "country": entity.country or "",
            "roles": LIST_SEPARATOR.join(f"{r.role} of {r.of} ({r.start or '?'} to {r.end or '?'})"
                                         for r in entity.roles)}


def _edge_attrs(edge: Edge) -> dict[str, Any]:
    return {"edge_id": edge.id, "relation": edge.type, "date": edge.date or "", "date_precision": edge.date_precision or "",
            "modality": edge.modality, "role": edge.role or "", "cameo": edge.cameo or "",
            "plover": edge.plover or "", "first_reported": edge.first_reported or "",
            "last_reported": edge.last_reported or "", "n_sources": edge.n_sources,
            "documents": LIST_SEPARATOR.join(edge.documents), "evidence": evidence_text(edge)}


def flat_graph(store: GraphStore) -> nx.MultiDiGraph:
    """The whole graph (every modality) with scalar attributes only, keyed by entity and edge ids."""
    import networkx as nx

    graph = nx.MultiDiGraph()
    for entity in sorted(store.entities(), key=lambda e: e.id):
        graph.add_node(entity.id, **_node_attrs(entity))
    for edge in sorted(store.edges(_ALL_EDGES), key=lambda e: e.id):
        graph.add_edge(edge.source, edge.target, key=edge.id, **_edge_attrs(edge))
    return graph


def node_link_data(store: GraphStore) -> dict[str, Any]:
    """Node-link JSON with every field (evidence as objects); networkx reads it back."""
    import networkx as nx

    graph = nx.MultiDiGraph(format="geograph", version=1,
                            documents=[asdict(d) for d in store.documents()])
    for entity in sorted(store.entities(), key=lambda e: e.id):
        graph.add_node(entity.id, **{k: v for k, v in entity.to_json().items() if k != "id"})
    for edge in sorted(store.edges(_ALL_EDGES), key=lambda e: e.id):
        data = edge.to_json()
        graph.add_edge(edge.source, edge.target, key=edge.id,
                       **{k: v for k, v in data.items() if k not in ("source", "target")})
    return nx.node_link_data(graph, edges="edges")


def _graphml(store: GraphStore) -> bytes:
    import networkx as nx

    buffer = io.BytesIO()
    nx.write_graphml(flat_graph(store), buffer, encoding="utf-8", named_key_ids=True)
    return buffer.getvalue()


def _gexf(store: GraphStore) -> bytes:
    import networkx as nx

    graph = flat_graph(store)
    for _, _, key, data in graph.edges(keys=True, data=True):
        data["id"] = key
        data["label"] = data["relation"]
        spell = date_spell(data["date"] or None)
        if spell:
            data["spells"] = [spell]
    buffer = io.BytesIO()
    nx.write_gexf(graph, buffer, encoding="utf-8", version="1.2draft")
    return buffer.getvalue()


def _csv(rows: list[dict[str, Any]], columns: list[str]) -> bytes:
    buffer = io.StringIO(newline="")
    writer = csv.DictWriter(buffer, fieldnames=columns, lineterminator="\n", extrasaction="ignore")
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue().encode("utf-8")


def _csv_tables(store: GraphStore) -> tuple[bytes, bytes]:
    graph = flat_graph(store)
    nodes = [{"Id": n, "Label": d["label"], **{k: d[k] for k in NODE_COLUMNS if k != "label"}}
             for n, d in graph.nodes(data=True)]
    edges = [{"Id": k, "Source": u, "Target": v, "Label": d["relation"], **d}
             for u, v, k, d in graph.edges(keys=True, data=True)]
    return (_csv(nodes, ["Id", "Label", *[c for c in NODE_COLUMNS if c != "label"]]),
            _csv(edges, ["Id", "Source", "Target", "Label", *[c for c in EDGE_COLUMNS if c != "edge_id"]]))


def csv_paths(out: Path) -> tuple[Path, Path]:
    """Where the CSV tables go: ``NAME.nodes.csv``/``NAME.edges.csv`` for ``NAME.csv``, else inside the folder."""
    if out.suffix.lower() == ".csv":
        stem = out.with_suffix("")
        return stem.with_name(stem.name + ".nodes.csv"), stem.with_name(stem.name + ".edges.csv")
    return out / "nodes.csv", out / "edges.csv"


def _write(path: Path, data: bytes) -> None:
    """Write atomically: temporary file in the same folder, fsync, rename."""
    try:
        write_atomic(path, data)
    except OSError as err:
        raise StoreError(f"cannot write {str(path)!r}: {err.strerror}; choose a writable --out") from err


def export_graph(store: GraphStore, fmt: str, out: str | Path, **html_options) -> list[Path]:
    """Write the graph in ``fmt`` (one of :data:`FORMATS`) to ``out``; return the files written.

    ``html_options`` (style, positions, symmetric, title) go to :func:`server.export_html.html_document`."""
    fmt = (fmt or "").lower()
    out = Path(out)
    if fmt not in FORMATS:
        raise QueryError(f"unknown export format {fmt!r}: use one of {', '.join(FORMATS)}")
    if fmt == "csv":
        nodes_path, edges_path = csv_paths(out)
        nodes, edges = _csv_tables(store)
        _write(nodes_path, nodes)
        _write(edges_path, edges)
        return [nodes_path, edges_path]
    if out.is_dir():
        raise StoreError(f"--out {str(out)!r} is a folder: give a file name such as graph.{fmt}")
    if fmt == "graphml":
        data = _graphml(store)
    elif fmt == "gexf":
        data = _gexf(store)
    elif fmt == "html":
        from server.export_html import html_document

        data = html_document(store, **html_options)
    else:
        data = (json.dumps(node_link_data(store), ensure_ascii=False, indent=1) + "\n").encode("utf-8")
    _write(out, data)
    return [out]
