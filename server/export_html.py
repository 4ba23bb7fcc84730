"""One self-contained HTML file of a graph (the whole graph, or the view on screen), drawn with pyvis.

It is what an analyst sends to a colleague who will not run a server: it
opens from disk with no network. pyvis builds the nodes, edges and options;
its own template links Bootstrap and vis-network from CDNs (even in its
"in_line" mode), so the page is rendered through our template
(``templates/export_pyvis.html``) with vis-network's script and stylesheet
inlined from ``static/vendor``, and the explorer's label placement
(``static/labels.js``: legible, never overlapping). Colours and shapes come from the explorer's
style (``style.yaml``); a legend lists the kinds and relation types drawn;
each edge's tooltip gives its dates, its sources and their outlets.

>>> lines = edge_tooltip({"type": "MET", "dates": ["2025-11-04"], "sources": 1, "confidence": 0.77,
...                       "modalities": ["fact"]}, [("landau", "Asharq", "2025-11-05")])
>>> print(lines)
MET · 2025-11-04
1 source (confidence 0.77):
  2025-11-05 · Asharq · landau
"""
from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any, Collection, Mapping

import yaml

from graph.stores.base import EdgeFilter, GraphStore

__all__ = ["html_document", "edge_tooltip", "load_style", "VENDOR"]

HERE = Path(__file__).resolve().parent
VENDOR = HERE / "static" / "vendor"
TEMPLATE = HERE / "templates" / "export_pyvis.html"
_ALL = EdgeFilter(modalities=None)


def load_style(path: str | Path | None = None) -> dict[str, Any]:
    """The explorer's drawing style (node shapes and colours, edge colours)."""
    with open(path or HERE / "style.yaml", encoding="utf-8") as fh:
        return yaml.safe_load(fh)


def edge_tooltip(edge: Mapping[str, Any], reports: list[tuple[str, str | None, str | None]]) -> str:
    """Plain text (vis-network shows titles as text, never as markup): type, dates, sources."""
    when = ", ".join(edge["dates"]) or "undated"
    mods = [m for m in edge["modalities"] if m != "fact"]
    head = f"{edge['type']} · {when}" + (f" ({', '.join(mods)})" if mods else "")
    n = edge["sources"]
    lines = [head, f"{n} source{'' if n == 1 else 's'} (confidence {edge['confidence']:.2f}):"]
    lines += [f"  {published or 'undated'} · {outlet or 'unknown outlet'} · {doc}" for doc, outlet, published in reports]
    return "\n".join(lines)


def _symmetric() -> set[str]:
    from graph.schema.load import load_entities

    return {name for name, t in load_entities(None).relation_types.items() if t.symmetric}


def html_document(store: GraphStore, *, style: Mapping[str, Any] | None = None,
                  positions: Mapping[str, tuple[float, float]] | None = None,
                  symmetric: Collection[str] | None = None, title: str = "Geograph") -> bytes:
    """Every edge of ``store`` (every modality; non-facts dashed) and their ends, as one HTML page."""
    from pyvis.network import Network

    from .layout import compute_layout
    from .view import group_edges

    style = style or load_style()
    edges = store.edges(_ALL)
    drawn = group_edges(edges, _symmetric() if symmetric is None else symmetric)
    by_id = {e.id: e for e in edges}
    degree: Counter[str] = Counter()
    for e in edges:
        degree[e.source] += 1
        degree[e.target] += 1
    ids = sorted(degree)
    if positions is None or any(n not in positions for n in ids):
        positions = compute_layout(ids, [(e.source, e.target) for e in edges])
    net = Network(height="100%", width="100%", directed=True, cdn_resources="in_line", heading=title)
    kinds, types = Counter(), Counter()
    for node in ids:
        ent = store.get_entity(node)
        kind = ent.kind if ent else None
        kinds[kind] += 1
        look = style["kinds"].get(kind, style["fallback"])
        x, y = positions[node]
        tip = "\n".join(t for t in (ent.name if ent else node, ent.name_ar if ent else None,
                                    f"{kind or 'entity'} · {degree[node]} relations") if t)
        net.add_node(node, label=ent.name if ent else node, shape=look["shape"], color=look["color"], title=tip,
                     x=round(x, 1), y=round(y, 1), size=10 + min(14, 2 * degree[node] ** 0.5), degree=degree[node])
    for d in drawn:
        types[d["type"]] += 1
        reports = sorted({(ev.doc, ev.outlet, ev.published) for i in d["ids"] for ev in by_id[i].evidence},
                         key=lambda r: (r[2] or "", r[0]))
        options = {"id": d["id"], "label": d["label"], "title": edge_tooltip(d, reports), "arrows": d["arrows"],
                   "sources": d["sources"], "dates": d["dates"],
                   "color": style["types"].get(d["type"], style["fallback"]["color"]),
                   "width": 1.5 + 1.5 * min(4, d["sources"] - 1), "dashes": "fact" not in d["modalities"]}
        if d.get("smooth"):
            options["smooth"] = d["smooth"]
        net.add_edge(d["from"], d["to"], **options)
    net.set_options('{"physics": {"enabled": false}, "interaction": {"hover": true, "tooltipDelay": 120},'
                    ' "edges": {"smooth": false, "font": {"size": 12, "align": "horizontal", "strokeWidth": 4},'
                    ' "arrows": {"to": {"scaleFactor": 0.6}}},'
                    ' "nodes": {"font": {"face": "system-ui, sans-serif", "strokeWidth": 3, "strokeColor": "#ffffff"}}}')
    net.set_template_dir(str(TEMPLATE.parent) + "/", TEMPLATE.name)
    net.templateEnv.globals.update(
        vis_js=(VENDOR / "vis-network.min.js").read_text(encoding="utf-8"),
        labels_js=(HERE / "static" / "labels.js").read_text(encoding="utf-8"),
        vis_css=(VENDOR / "vis-network.css").read_text(encoding="utf-8"),
        shapes_css=(HERE / "static" / "shapes.css").read_text(encoding="utf-8"),
        legend_kinds=[{"name": k or "entity", "count": n, **style["kinds"].get(k, style["fallback"])}
                      for k, n in sorted(kinds.items(), key=lambda kv: (-kv[1], kv[0] or ""))],
        legend_types=[{"name": t, "count": n, "color": style["types"].get(t, style["fallback"]["color"])}
                      for t, n in sorted(types.items(), key=lambda kv: (-kv[1], kv[0]))],
        counts={"nodes": len(ids), "edges": len(drawn), "relations": len(edges)})
    return net.generate_html(name="geograph.html").encode("utf-8")
