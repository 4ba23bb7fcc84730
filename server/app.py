"""The explorer's app factory: settings, the store it serves, security headers.

>>> from graph.stores.networkx_store import NetworkXStore
>>> app = create_app({"STORE": NetworkXStore(None), "TESTING": True})
>>> app.test_client().get("/api/graph").json["total"]
{'nodes': 0, 'edges': 0}
"""
from __future__ import annotations

from collections import namedtuple
from pathlib import Path
from typing import Any, Mapping

import yaml
from flask import Flask, jsonify, request

from graph.errors import GeographError, QueryError
from graph.stores.base import GraphStore

from .cache import StoreCache
from .guard import QuerySlots, install
from .layout import layout_store

__all__ = ["create_app", "Explorer", "SETTINGS", "DEFAULTS", "CSP"]

HERE = Path(__file__).resolve().parent

Setting = namedtuple("Setting", "name default help")
SETTINGS = (
    Setting("STORE", None, "the GraphStore to serve; None: open one with STORE_KIND and STORE_OPTIONS"),
    Setting("STORE_KIND", None, "networkx or neo4j (None: $GEOGRAPH_STORE, else networkx)"),
    Setting("STORE_OPTIONS", None, "keyword arguments for graph.stores.open_store (home, uri, ...)"),
    Setting("SCHEMA", None, "a graph.rules.Schema or Gazetteer (its entities), or a schema folder (None: the "
                      "default schema/; only its entities are read)"),
    Setting("MAX_NODES", 400, "at most this many nodes drawn by default, the most connected first"),
    Setting("PHYSICS_MAX_NODES", 300, "views with more nodes are drawn with physics off"),
    Setting("LABEL_MAX_EDGES", 150, "views with more drawn edges show no edge labels (colour and hover only)"),
    Setting("VIS_MAX_EDGES", 2000, "views with more drawn edges paint them straight on the canvas (fast, still clickable)"),
    Setting("STYLE", str(HERE / "style.yaml"), "YAML file of node shapes/colours by kind and edge colours by type"),
    Setting("HOST", None, "the address served (geograph serve --host): answered to beside localhost and 127.0.0.1"),
    Setting("ALLOWED_HOSTS", (), "more host names the app answers to (any other Host: header gets 400)"),
    Setting("QUERY_TIMEOUT", 10.0, "seconds a user's Cypher query may run (the engine or server stops it)"),
    Setting("QUERY_MAX_ROWS", 10_000, "a user's query giving more rows is refused (add a LIMIT)"),
    Setting("QUERY_CONCURRENCY", None, "at most this many user queries at once (None: one per core); twice as "
                                       "many more wait QUERY_WAIT seconds for a slot, others get 503 + Retry-After"),
    Setting("QUERY_WAIT", 1.0, "seconds a query waits for a free slot before its 503"),
    Setting("WARM", False, "lay out the graph and prepare the default view before serving (geograph serve does)"),
)
DEFAULTS = {s.name: s.default for s in SETTINGS}
_POSITIVE = ("MAX_NODES", "PHYSICS_MAX_NODES", "LABEL_MAX_EDGES", "VIS_MAX_EDGES", "QUERY_MAX_ROWS")
MAX_BODY = 1024 * 1024          # request bodies (a query is at most 64 KB, its parameters the rest)

# Nothing remote, no inline script; styles set from JS go through the CSSOM, which CSP allows.
CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
       "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'")


class Explorer:
    """What the app serves: one store, the ontology's relation types, the drawing style, the layout."""

    def __init__(self, store: GraphStore, schema: Any, style: Mapping[str, Any], settings: Mapping[str, Any]):
        self.store = store
        self.schema = schema
        self.style = style
        self.settings = dict(settings)
        self.cache = StoreCache(store)
        self.slots = QuerySlots(self.settings.get("QUERY_CONCURRENCY"), self.settings.get("QUERY_WAIT", 1.0))

    def positions(self) -> dict[str, tuple[float, float]]:
        """Where every node is drawn (computed once per state of the store)."""
        return self.cache.get("layout", lambda: layout_store(self.store))

    @property
    def relation_types(self) -> Mapping[str, Any]:
        return self.schema.relation_types

    @property
    def symmetric(self) -> set[str]:
        return {name for name, t in self.relation_types.items() if t.symmetric}


def _load_style(path: str) -> dict[str, Any]:
    try:
        with open(path, encoding="utf-8") as fh:
            style = yaml.safe_load(fh)
    except (OSError, yaml.YAMLError) as err:
        raise GeographError(f"cannot read the explorer style {path!r}: {err}; fix the file or point STYLE elsewhere")
    if not isinstance(style, dict) or not {"fallback", "kinds", "types"} <= set(style):
        raise GeographError(f"explorer style {path!r} must map fallback, kinds and types (see server/style.yaml)")
    return style


def _check_settings(config: Mapping[str, Any]) -> None:
    unknown = sorted(k for k in config if k.isupper() and k not in DEFAULTS and not _is_flask_key(k))
    if unknown:
        raise GeographError(f"unknown explorer setting {unknown[0]!r}: use one of {', '.join(DEFAULTS)}")
    for name in _POSITIVE:
        value = config.get(name, DEFAULTS[name])
        if not isinstance(value, int) or isinstance(value, bool) or value < 1:
            raise GeographError(f"setting {name}={value!r} must be a whole number of at least 1")
    timeout = config.get("QUERY_TIMEOUT", DEFAULTS["QUERY_TIMEOUT"])
    if not isinstance(timeout, (int, float)) or isinstance(timeout, bool) or not 0 < timeout < 3600:
        raise GeographError(f"setting QUERY_TIMEOUT={timeout!r} must be a number of seconds above 0")
    wait = config.get("QUERY_WAIT", DEFAULTS["QUERY_WAIT"])
    if not isinstance(wait, (int, float)) or isinstance(wait, bool) or not 0 <= wait <= 60:
        raise GeographError(f"setting QUERY_WAIT={wait!r} must be a number of seconds from 0 to 60")
    slots = config.get("QUERY_CONCURRENCY")
    if slots is not None and (not isinstance(slots, int) or isinstance(slots, bool) or slots < 1):
        raise GeographError(f"setting QUERY_CONCURRENCY={slots!r} must be a whole number of at least 1 (or None)")


def _is_flask_key(key: str) -> bool:
    return key in Flask.default_config or key in ("TESTING", "SERVER_NAME")


def _open(config: Mapping[str, Any]) -> tuple[GraphStore, Any]:
    from graph.schema.load import load_entities

    schema = config["SCHEMA"]
    if schema is None or isinstance(schema, (str, Path)):
        schema = load_entities(schema)      # the explorer reads the entities, never the rules
    store = config["STORE"]
    if store is None:
        from graph.stores import open_store

        store = open_store(config["STORE_KIND"], relation_types=schema.relation_types,
                           **dict(config["STORE_OPTIONS"] or {}))
    return store, schema


def create_app(config: Mapping[str, Any] | None = None) -> Flask:
    """A Flask app serving the graph of ``config["STORE"]`` (see :data:`SETTINGS`).

    The caller owns the store and closes it; when the app opens one itself
    (no STORE given) it lives as long as the process.
    """
    config = dict(config or {})
    _check_settings(config)
    app = Flask(__name__)
    app.json.sort_keys = False          # big views: keep JSON encoding cheap
    app.config.from_mapping(DEFAULTS, MAX_CONTENT_LENGTH=MAX_BODY)
    app.config.update(config)
    store, schema = _open(app.config)
    app.extensions["geograph"] = Explorer(store, schema, _load_style(app.config["STYLE"]), app.config)

    from . import api, views

    install(app)
    app.register_blueprint(views.bp)
    app.register_blueprint(api.bp)
    app.before_request(app.extensions["geograph"].cache.before_request)   # see what others wrote since
    if app.config["WARM"]:
        with app.test_request_context("/api/graph"):
            api.graph()
            api.meta()
        explorer = app.extensions["geograph"]
        explorer.store.prepare_queries(explorer.slots.size)

    @app.after_request
    def _secure(response):
        response.headers["Content-Security-Policy"] = CSP
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["Referrer-Policy"] = "no-referrer"
        return response

    @app.errorhandler(GeographError)
    def _geograph_error(err):
        """A user's bad filter or query: 400 with the message (JSON for the API, text for pages)."""
        status = 400 if isinstance(err, QueryError) else 500
        if request.path.startswith("/api/"):
            return jsonify(error=str(err)), status
        return views.error_page(str(err), status)

    return app
