"""The pages: the graph explorer, who met whom, the Cypher console, one relation's evidence.

Pages are templates plus static scripts (no inline script, so the
Content-Security-Policy needs no ``unsafe-inline``); the scripts fetch the
JSON API. Who met whom is a plain form answered on the server.
"""
from __future__ import annotations

from flask import Blueprint, current_app, render_template, request

from graph.errors import GeographError

__all__ = ["bp", "error_page"]

bp = Blueprint("views", __name__)


def error_page(message: str, status: int):
    return render_template("error.html", message=message), status


@bp.get("/")
def graph_page():
    """The graph page; what /api/meta says comes inside it as a JSON data block (one request less)."""
    from .api import explorer, filter_meta

    return render_template("graph.html", page="graph", meta=explorer().cache.get("meta", filter_meta))


@bp.get("/who-met")
def who_met_page():
    """The form, and when it was sent, the meetings as a table with links to their evidence."""
    from .api import who_met

    args = request.args
    meetings, error, asked = None, None, any(args.get(k, "").strip() for k in ("actor", "with", "from", "to"))
    if asked:
        try:
            meetings = who_met().json["meetings"]
        except GeographError as err:
            error = str(err)
    return render_template("who_met.html", page="who-met", args=args, meetings=meetings, error=error,
                           levels=("person", "country"))


@bp.get("/cypher")
def cypher_page():
    return render_template("cypher.html", page="cypher", query=request.args.get("q", ""))


@bp.get("/relations/<edge_id>")
def relation_page(edge_id: str):
    """One relation's evidence (drawn by the same script as the graph page's panel)."""
    if current_app.extensions["geograph"].store.get_edge(edge_id) is None:
        return error_page(f"no relation {edge_id!r} in the graph", 404)
    return render_template("relation.html", page="relation", edge_id=edge_id)
