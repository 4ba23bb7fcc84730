"""The embedded store's Cypher engine: a LadybugDB database derived from the graph.

LadybugDB (the continuation of Kùzu) is an in-process graph database with full
Cypher. It needs a schema, so the graph is laid out as:

* one node table ``Entity`` holding every actor, with the properties the Neo4j
  store writes: ``id`` (the primary key), ``kind``, ``name``, ``name_ar``,
  ``country``, ``aliases``, ``roles`` (JSON text, as on Neo4j) and ``provisional``
  (true for a person the gazetteer lacks, else null, as on Neo4j). Neo4j's kind
  labels (``:Person``) are conditions on ``kind`` here
  (:mod:`graph.stores.ladybug_dialect`): one node table means one FROM/TO pair
  per relationship table, hence one bulk COPY per relation type (with a table
  per kind, a COPY per pair of kinds made loading several times slower);
* one relationship table per relation type, with the contract properties
  (:data:`graph.model.CYPHER_EDGE_PROPERTIES`) and ``id``; and an always-empty
  one, where a type the graph lacks is sent.

Everything is loaded from Arrow tables with ``COPY FROM`` (the engine's bulk
path: exact for every value, a million relationships in a few seconds).

Queries run on a pool of connections (one per concurrent caller; a LadybugDB
connection runs one query at a time), with the engine's own time limit
(``set_query_timeout``), and the functions that build a large value in one call
checked (:mod:`graph.stores.ladybug_bounds`): the time limit cannot stop those.
Users' queries run this in a worker process killed when their time is up
(:mod:`graph.stores.ladybug_pool`): the engine's limit cannot stop a value grown
within one row either.
"""
from __future__ import annotations

import decimal
import os
import queue
import re
from pathlib import Path
from typing import Any, Iterable, Mapping, Sequence

from ..cypher import node_value, relationship_value, return_columns, too_many_rows
from ..errors import QueryError, StoreError
from ..model import CYPHER_EDGE_PROPERTIES, ENTITY_LABEL, Entity, date_precision, kind_label
from .base import MAX_ROWS, QueryResult
from .ladybug_bounds import bound_builders, limit_error, register_bounds
from .ladybug_dialect import EMPTY_REL_TABLE, Tables, translate
from .ladybug_worker import memory_error

__all__ = ["LadybugGraph", "NODE_COLUMNS", "EDGE_COLUMNS", "LAYOUT_VERSION", "remove_database"]

# Bump when the layout below changes: databases of another version are rebuilt.
LAYOUT_VERSION = 2   # 2: the provisional column
NODE_COLUMNS = (("id", "STRING"), ("kind", "STRING"), ("name", "STRING"), ("name_ar", "STRING"),
                ("country", "STRING"), ("aliases", "STRING[]"), ("roles", "STRING[]"), ("provisional", "BOOLEAN"))
EDGE_COLUMNS = (("id", "STRING"), ("date", "STRING"), ("date_precision", "STRING"), ("modality", "STRING"),
                ("role", "STRING"), ("n_sources", "INT64"), ("first_reported", "STRING"))
assert tuple(n for n, _ in EDGE_COLUMNS[1:]) == CYPHER_EDGE_PROPERTIES
_PRECISIONS = {len(d): date_precision(d) for d in ("2025-11-04", "2025-11", "2025")}   # by length, as in the model
_IDENT_RE = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")


def _ladybug():
    import ladybug      # imported on the first query: commands that never query do not pay for it

    return ladybug


class LadybugGraph:
    """One derived database, open, and the connections that query it."""

    def __init__(self, db: Any, tables: Tables, path: Path | None = None):
        self.db, self.tables, self.path = db, tables, path
        self._idle: queue.SimpleQueue = queue.SimpleQueue()
        register_bounds(db)     # range(), repeat(), lpad(), rpad() checked: see graph.stores.ladybug_bounds

    # ---- building ---------------------------------------------------------

    @staticmethod
    def write(entities: Iterable[Entity], edges: Mapping[str, Sequence], path: Path) -> Tables:
        """Build the database of ``entities`` and ``edges`` in the file ``path``, close it, and
        return what it holds."""
        lb = _ladybug()
        db = lb.Database(str(path))
        conn = lb.Connection(db)
        try:
            return _load(conn, list(entities), edges)
        finally:
            conn.close()
            db.close()

    @classmethod
    def open(cls, path: Path, tables: Tables | None = None, buffer_pool_size: int = 0) -> "LadybugGraph":
        """The database at ``path``, read-only: the engine itself refuses writes. ``buffer_pool_size``
        bounds the engine's memory (0: its default, most of the machine's)."""
        db = _ladybug().Database(str(path), read_only=True, buffer_pool_size=buffer_pool_size)
        graph = cls(db, tables or Tables(), path)
        if tables is None:
            graph.tables = graph._read_tables()
        return graph

    def _read_tables(self) -> Tables:
        rows = self._execute("CALL show_tables() RETURN name, type", {}, 0, None)
        rels = frozenset(n for n, t in rows if t == "REL" and n != EMPTY_REL_TABLE)
        kinds = self._execute(f"MATCH (n:{ENTITY_LABEL}) RETURN DISTINCT n.kind", {}, 0, None)
        return Tables({kind_label(k): k for (k,) in kinds if k}, rels)

    # ---- querying -----------------------------------------------------------

    def query(self, cypher: str, params: Mapping[str, Any], timeout: float, max_rows: int = MAX_ROWS) -> QueryResult:
        """Run ``cypher`` (Neo4j dialect, already checked read-only) and return Neo4j-like rows."""
        translated = bound_builders(translate(cypher, self.tables))
        keys: list[str] = []
        try:
            rows = self._execute(translated, dict(params), timeout, max_rows, keys)
        except QueryError:
            raise
        except Exception as err:  # the engine raises RuntimeError; its binding, ValueError and TypeError
            limited = limit_error(str(err), cypher)
            if limited is not None:
                raise limited from None
            message = " ".join(str(err).split()) or type(err).__name__
            if isinstance(err, MemoryError) or memory_error(message):
                raise QueryError(f"query {cypher[:200]!r} ran out of memory ({message[:100]}): build smaller "
                                 "values, or aggregate") from None
            if message.rstrip(".").lower() == "interrupted":
                raise QueryError(f"query {cypher!r} ran longer than {timeout:g} s: narrow the MATCH (labels, "
                                 "{id: ...}) or add a LIMIT") from None
            raise QueryError(f"the embedded store cannot run {cypher!r}: {message[:300]}; see 'Cypher on the "
                             "embedded store' in docs/graph.md") from err
        if len(rows) > max_rows:
            raise too_many_rows(cypher, max_rows)
        try:
            columns = return_columns(cypher)
        except QueryError:
            columns = keys
        if len(columns) != len(keys):
            columns = keys
        return QueryResult(columns, [[_plain(v) for v in row] for row in rows])

    def _connection(self):
        try:
            return self._idle.get_nowait()
        except queue.Empty:
            return _ladybug().Connection(self.db)

    def _execute(self, cypher: str, params: dict, timeout: float, max_rows: int | None,
                 keys: list | None = None) -> list[list[Any]]:
        conn = self._connection()
        try:
            conn.set_query_timeout(max(1, int(timeout * 1000)) if timeout else 0)
            result = conn.execute(cypher, params)
            if keys is not None:
                keys.extend(result.get_column_names())
            rows = []
            while result.has_next() and (max_rows is None or len(rows) <= max_rows):
                rows.append(result.get_next())
            result.close()
            return rows
        finally:
            self._idle.put(conn)

    def close(self) -> None:
        while True:
            try:
                self._idle.get_nowait().close()
            except queue.Empty:
                break
        self.db.close()


# ---- loading ------------------------------------------------------------------

def _load(conn, entities: Iterable[Entity], edges: Mapping[str, Sequence]) -> Tables:
    """Create the tables and fill them; return what they hold.

    ``edges`` holds the edges by column: ``type``, ``source``, ``target``, ``id``, ``date``,
    ``modality``, ``role`` and ``evidence`` (lists of :class:`graph.model.Evidence`), as
    :meth:`graph.stores.networkx_store.NetworkXStore._cypher_edges` gives them.
    """
    entities = sorted(entities, key=lambda e: e.id)
    columns = ", ".join(f"{name} {kind}" + (" PRIMARY KEY" if name == "id" else "") for name, kind in NODE_COLUMNS)
    conn.execute(f"CREATE NODE TABLE {ENTITY_LABEL}({columns})")
    if entities:
        conn.execute(f"COPY {ENTITY_LABEL} FROM $rows", {"rows": _arrow(NODE_COLUMNS, _node_columns(entities))})
    types = sorted(set(edges["type"]))
    props = ", ".join(f"{name} {kind}" for name, kind in EDGE_COLUMNS)
    for type_ in types + [EMPTY_REL_TABLE]:
        conn.execute(f"CREATE REL TABLE {_identifier(type_, 'relation type')}(FROM {ENTITY_LABEL} TO "
                     f"{ENTITY_LABEL}, {props})")
    if types:
        import pyarrow.compute as pc

        schema = (("type", "STRING"), ("from", "STRING"), ("to", "STRING")) + EDGE_COLUMNS
        table = _arrow(schema, _edge_columns(edges))
        for type_ in types:
            part = table.filter(pc.equal(table["type"], type_)).drop_columns(["type"])
            conn.execute(f"COPY {type_} FROM $rows", {"rows": part})
    return Tables({kind_label(k): k for k in {e.kind for e in entities}}, frozenset(types))


def _node_columns(entities: list[Entity]) -> list[list]:
    """Entities' properties by column (NODE_COLUMNS), as the Neo4j store writes them (roles as JSON text)."""
    return [[e.id for e in entities], [e.kind for e in entities], [e.name for e in entities],
            [e.name_ar for e in entities], [e.country for e in entities], [list(e.aliases) for e in entities],
            [[r.to_property() for r in e.roles] for e in entities], [e.provisional or None for e in entities]]


def _edge_columns(edges: Mapping[str, Sequence]) -> list[Sequence]:
    """Type, source, target and EDGE_COLUMNS, as the Neo4j store computes them (one pass per column
    or two: this is the part of a build that runs in Python)."""
    dates = edges["date"]
    n_sources, first_reported = zip(*map(_reports, edges["evidence"])) if dates else ((), ())
    return [edges["type"], edges["source"], edges["target"], edges["id"], dates,
            [_PRECISIONS.get(len(d)) if d else None for d in dates], edges["modality"], edges["role"],
            n_sources, first_reported]


def _reports(evidence: Sequence) -> tuple[int, str | None]:
    """(documents reporting an edge, first publication date) from its evidence."""
    if len(evidence) == 1:
        return 1, evidence[0].published or None
    return len({e.copy_of or e.doc for e in evidence}), min((e.published for e in evidence if e.published), default=None)


def _arrow(schema: tuple, columns: list[list]):
    """Columns as an Arrow table, the engine's exact bulk path (pyarrow is imported only to build)."""
    import pyarrow as pa

    types = {"STRING": pa.string(), "INT64": pa.int64(), "STRING[]": pa.list_(pa.string()), "BOOLEAN": pa.bool_()}
    return pa.table({name: pa.array(column, types[kind]) for (name, kind), column in zip(schema, columns)})


def _identifier(name: str, what: str) -> str:
    if not _IDENT_RE.match(name or ""):
        raise StoreError(f"{what} {name!r} cannot be a Cypher label or type: use letters, digits and _ "
                         "(fix it in schema/ontology.yaml)")
    return name


# ---- values ---------------------------------------------------------------------

def _plain(value: Any) -> Any:
    """Engine values -> what a query row holds on every store (nodes and relationships as dicts)."""
    if isinstance(value, dict):
        if "_LABEL" in value and "_ID" in value:
            if "_SRC" in value:
                return relationship_value(value["_LABEL"], value)
            return node_value(value)
        if "_NODES" in value and "_RELS" in value:
            rels = [_plain(r) for r in value["_RELS"]]
            if len(value["_NODES"]) != len(rels) + 1:
                return rels                 # a variable-length relationship: its relationships, as on Neo4j
            return {"nodes": [_plain(n) for n in value["_NODES"]], "relationships": rels}
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, decimal.Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value


def remove_database(path: Path) -> None:
    """Delete a derived database and its side files (write-ahead log, temporary pages), if any."""
    for candidate in (path, *path.parent.glob(path.name + ".*")):
        try:
            os.unlink(candidate)
        except FileNotFoundError:
            pass
        except IsADirectoryError:
            import shutil

            shutil.rmtree(candidate, ignore_errors=True)
