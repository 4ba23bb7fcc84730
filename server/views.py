"""The pages: the graph explorer, who met whom, the Cypher console, one relation's evidence, one article.

Pages are templates plus static scripts (no inline script, so the
Content-Security-Policy needs no ``unsafe-inline``); the scripts fetch the
JSON API. Who met whom is a plain form answered on the server.
"""
from __future__ import annotations

from flask import Blueprint, current_app, render_template, request

from graph.errors import GeographError

from . import stories

__all__ = ["bp", "error_page", "PAGE_SIZE"]

bp = Blueprint("views", __name__)
bp.register_blueprint(stories.bp)
PAGE_SIZE = 50            # meetings per who-met page


def error_page(message: str, status: int):
    return render_template("error.html", message=message), status


@bp.get("/")
def graph_page():
    """The graph page; what /api/meta says comes inside it as a JSON data block (one request less)."""
    from .api import explorer, filter_meta

    return render_template("graph.html", page="graph", meta=explorer().cache.get("meta", filter_meta))


@bp.get("/who-met")
def who_met_page():
    """Every meeting, newest first, a page at a time; the form narrows them (actor, counterpart, window, level)."""
    from .api import who_met

    args = request.args
    meetings, error = [], None
    try:
        page = int(args.get("page") or 1)
        if page < 1:
            raise ValueError
        meetings = who_met().json["meetings"]
    except ValueError:
        error, page = f"bad page={args.get('page')!r}: use a whole number of at least 1", 1
    except GeographError as err:
        error, page = str(err), 1
    pages = max(1, -(-len(meetings) // PAGE_SIZE))
    page = min(page, pages)
    shown = meetings[(page - 1) * PAGE_SIZE: page * PAGE_SIZE]
    links = {n: request.path + "?" + _query(args, page=n) for n in (page - 1, page + 1) if 1 <= n <= pages}
    return render_template("who_met.html", page="who-met", args=args, meetings=shown, total=len(meetings),
                           first=(page - 1) * PAGE_SIZE + 1, number=page, pages=pages, links=links, error=error,
                           levels=("person", "country"))


def _query(args, **changes) -> str:
    from urllib.parse import urlencode

    merged = {k: v for k, v in args.items() if v}
    merged.update({k: str(v) for k, v in changes.items()})
    return urlencode(merged)


#: the console's examples, one click away (the first is the default query: each meeting once, as stored)
CYPHER_EXAMPLES = (
    ("who met whom", "MATCH (a)-[r:MET]->(b) RETURN a, r, b ORDER BY r.date DESC LIMIT 25"),
    ("sanctions in a window", "MATCH (a)-[r:SANCTIONED|LIFTED_SANCTIONS]->(b)\n"
                              "WHERE r.date >= '2024-01' AND r.date <= '2026-12' RETURN a, r, b"),
    ("paths between two actors", "MATCH p = (a {id: 'USA'})-[*1..2]-(b {id: 'RUS'}) RETURN p LIMIT 10"),
    ("roles held", "MATCH (p:Person)-[r:HOLDS_ROLE]->(o) RETURN p.name, r.role, o.name"),
    ("who joined an alliance", "MATCH (a)-[r:MEMBER_OF]->(b:Alliance) RETURN a.name, b.name"),
)


@bp.get("/cypher")
def cypher_page():
    return render_template("cypher.html", page="cypher", query=request.args.get("q", ""), examples=CYPHER_EXAMPLES)


@bp.get("/relations/<edge_id>")
def relation_page(edge_id: str):
    """One relation's evidence (drawn by the same script as the graph page's panel)."""
    if current_app.extensions["geograph"].store.get_edge(edge_id) is None:
        return error_page(f"no relation {edge_id!r} in the graph", 404)
    return render_template("relation.html", page="relation", edge_id=edge_id)


@bp.get("/articles/<path:doc_id>")
def article_page(doc_id: str):
    """One article: its whole text with every relation it gave highlighted, and the list of them beside it."""
    if current_app.extensions["geograph"].store.document(doc_id) is None:
        return error_page(f"no article {doc_id!r} in the graph", 404)
    return render_template("article.html", page="article", doc_id=doc_id)
