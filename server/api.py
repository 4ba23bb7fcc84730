"""The JSON API behind the pages (documented in docs/api.md).

Each endpoint reads its arguments, calls :mod:`graph` (or :mod:`server.view`
for the filtered subgraph) and returns JSON; bad arguments raise
:class:`graph.errors.QueryError`, which the app answers with 400 and the message.
"""
from __future__ import annotations

import io
import tempfile
import zipfile
from collections import Counter
from pathlib import Path

import orjson
from flask import Blueprint, abort, current_app, jsonify, request, send_file
from werkzeug.exceptions import UnsupportedMediaType

from graph.cypher import check_params
from graph.errors import QueryError
from graph.stores.base import EdgeFilter

from .guard import refuse_cross_site
from .results import result_graph
from .subset import SubsetStore
from .view import build_view, month_counts, node_json, parse_filter, select

__all__ = ["bp"]

bp = Blueprint("api", __name__, url_prefix="/api")


def explorer():
    return current_app.extensions["geograph"]


def view_filter(args=None):
    """The request's filters (shared by /api/graph, the exports and the graph page)."""
    ex = explorer()
    return parse_filter(request.args if args is None else args, known_types=ex.relation_types,
                        default_limit=ex.settings["MAX_NODES"])


def filter_meta() -> dict:
    """Relation types, entity kinds, dates and counts (cached until the store changes)."""
    ex = explorer()
    edges = ex.store.summaries(EdgeFilter(modalities=None))    # types and dates only: no evidence read
    per_type = Counter(e.type for e in edges)
    kinds_present = Counter(e.kind for e in ex.store.entities())
    style = ex.style
    return dict(
        types=[{"name": name, "symmetric": t.symmetric, "meaning": t.meaning, "count": per_type.get(name, 0),
                "color": style["types"].get(name, style["fallback"]["color"])}
               for name, t in ex.relation_types.items()],
        kinds=[{"name": kind, "count": kinds_present.get(kind, 0), **style["kinds"].get(kind, style["fallback"])}
               for kind in dict.fromkeys([*ex.schema.entity_kinds, *sorted(kinds_present)])],
        fallback=style["fallback"],
        dates=sorted({e.date for e in edges if e.date}),
        months=month_counts(e.date for e in edges), undated=sum(1 for e in edges if not e.date),
        counts=ex.store.counts(), store=ex.store.name, max_nodes=ex.settings["MAX_NODES"],
    )


@bp.get("/meta")
def meta():
    """What the page needs to draw filters and the legend: types, kinds, dates, counts."""
    return jsonify(explorer().cache.get("meta", filter_meta))


def _view_json(flt) -> bytes:
    ex = explorer()
    view = build_view(ex.store, flt, positions=ex.positions(), symmetric=ex.symmetric,
                      physics_max_nodes=ex.settings["PHYSICS_MAX_NODES"],
                      label_max_edges=ex.settings["LABEL_MAX_EDGES"], vis_max_edges=ex.settings["VIS_MAX_EDGES"])
    return orjson.dumps(view)          # big views: about 4x faster than the json module


@bp.get("/graph")
def graph():
    """The current view: nodes (with positions) and edges to draw, and what was left out.

    Recent views are kept (as JSON) until the store changes: going back to a
    filter, or reloading the page, costs nothing.
    """
    flt = view_filter()
    body = explorer().cache.get(("view", flt), lambda: _view_json(flt))
    return current_app.response_class(body, mimetype="application/json")


def _name(entity_id: str) -> dict:
    entity = explorer().store.get_entity(entity_id)
    return {"id": entity_id, "name": entity.name if entity else entity_id,
            "name_ar": entity.name_ar if entity else None}


@bp.get("/entities/<entity_id>")
def entity(entity_id: str):
    """An entity's card: names, kind, roles with dates, relation counts by type."""
    store = explorer().store
    found = store.get_entity(entity_id)
    if found is None:
        abort(404, f"no entity {entity_id!r} in the graph: ids look like MLI or ABDOULAYE_DIOP")
    edges = store.edges(EdgeFilter(actors=(entity_id,), modalities=None))
    roles = [{"role": r.role, "of": _name(r.of), "start": r.start, "end": r.end} for r in found.roles]
    held = sorted((e for e in edges if e.type == "HOLDS_ROLE" and e.source == entity_id),
                  key=lambda e: (e.date or "", e.target, e.role or "", e.id))
    roles += [{"role": e.role, "of": _name(e.target), "start": e.date, "end": None, "edge": e.id} for e in held]
    by_type = Counter(e.type for e in edges if e.modality == "fact")
    return jsonify(entity=found.to_json(), country=_name(found.country) if found.country else None,
                   roles=roles, relations=dict(sorted(by_type.items())), facts=sum(by_type.values()),
                   reported=len(edges))


@bp.get("/relations/<edge_id>")
def relation(edge_id: str):
    """One edge with every report of it (sentence, spans, rule, outlet, publication date)."""
    ex = explorer()
    edge = ex.store.get_edge(edge_id)
    if edge is None:
        abort(404, f"no relation {edge_id!r} in the graph: take ids from /api/graph (edges[].ids)")
    rtype = ex.relation_types.get(edge.type)
    return jsonify(**edge.to_json(), meaning=rtype.meaning if rtype else None,
                   source_entity=_name(edge.source), target_entity=_name(edge.target))


@bp.get("/who-met")
def who_met():
    """Who met whom when: ``actor``, ``with``, ``from``, ``to``, ``level`` (person or country)."""
    from graph.queries import resolve_actor, who_met as query

    ex = explorer()
    args = request.args
    actor = resolve_actor(ex.store, args["actor"], ex.schema) if args.get("actor", "").strip() else None
    other = resolve_actor(ex.store, args["with"], ex.schema) if args.get("with", "").strip() else None
    flt = parse_filter({k: args[k] for k in ("from", "to") if k in args}, known_types=())
    meetings = query(ex.store, actor, other, date_from=flt.date_from, date_to=flt.date_to,
                     level=(args.get("level") or "person").strip(), schema=ex.schema)
    return jsonify(actor=actor, counterpart=other, meetings=[
        {"a": m.a, "a_name": m.a_name, "b": m.b, "b_name": m.b_name, "date": m.date, "precision": m.precision,
         "first_reported": m.first_reported, "sources": m.sources, "documents": list(m.documents),
         "edges": list(m.edges)} for m in meetings])


@bp.post("/cypher")
def cypher():
    """Run a read-only Cypher query (``q``, with ``params``, in a POSTed JSON body); rows as a table and
    the actors and relations in them. Only from the explorer's own pages (see :mod:`server.guard`),
    bounded in time, rows and queries at once."""
    ex = explorer()
    refuse_cross_site()
    if not request.is_json:
        raise UnsupportedMediaType('send the query as a JSON body (Content-Type: application/json): '
                                   '{"q": "MATCH ...", "params": {"id": "MLI"}}')
    body = request.get_json(silent=True)
    if not isinstance(body, dict):
        raise QueryError('the body must be a JSON object: {"q": "MATCH ...", "params": {"id": "MLI"}}')
    text = body.get("q")
    if text is not None and not isinstance(text, str):
        raise QueryError(f'"q" must be a string of Cypher, not {type(text).__name__}: {{"q": "MATCH ..."}}')
    text = (text or "").strip()
    if not text:
        raise QueryError("empty query: write Cypher such as MATCH (a)-[r:MET]-(b) RETURN a, r, b LIMIT 25")
    params = check_params(body.get("params"))
    with ex.slots.hold():
        result = ex.store.query(text, params, timeout=ex.settings["QUERY_TIMEOUT"],
                                max_rows=ex.settings["QUERY_MAX_ROWS"])
    found = result_graph(result.rows, lambda i: ex.store.get_entity(i) is not None, symmetric=ex.symmetric)
    positions = ex.positions()
    nodes = [node_json(n, ex.store.get_entity(n), positions.get(n)) for n in found["nodes"]]
    return jsonify(**result.to_json(), graph={"nodes": nodes, "edges": found["edges"]})


@bp.get("/export/<fmt>")
def export(fmt: str):
    """GraphML, GEXF, JSON, CSV (a zip of nodes.csv and edges.csv) or a self-contained HTML page of the view,
    or with scope=all the graph."""
    from graph.export import FORMATS, export_graph

    ex = explorer()
    if fmt not in FORMATS:
        raise QueryError(f"unknown export format {fmt!r}: use one of {', '.join(FORMATS)}")
    scope = request.args.get("scope", "view")
    if scope not in ("view", "all"):
        raise QueryError(f"unknown scope {scope!r}: use view (the filters given) or all (the whole graph)")
    store = ex.store
    if scope == "view":
        sel = select(ex.store, view_filter())
        store = SubsetStore(ex.store, sel.shown, sel.nodes)
    name = f"geograph-{scope}"
    with tempfile.TemporaryDirectory() as tmp:
        drawing = {"positions": ex.positions(), "style": ex.style, "symmetric": ex.symmetric,
                   "title": "Geograph: " + ("the whole graph" if scope == "all" else "a view of the graph")}
        files = export_graph(store, fmt, Path(tmp) / (name if fmt == "csv" else f"{name}.{fmt}"),
                             **(drawing if fmt == "html" else {}))
        if fmt == "csv":
            data = io.BytesIO()
            with zipfile.ZipFile(data, "w", zipfile.ZIP_DEFLATED) as zf:
                for path in files:
                    zf.write(path, f"{name}/{path.name}")
            data.seek(0)
            return send_file(data, mimetype="application/zip", as_attachment=True, download_name=f"{name}.csv.zip")
        data = io.BytesIO(files[0].read_bytes())
    mimetypes = {"graphml": "application/graphml+xml", "gexf": "application/gexf+xml", "json": "application/json",
                 "html": "text/html"}
    return send_file(data, mimetype=mimetypes[fmt], as_attachment=True, download_name=f"{name}.{fmt}")

