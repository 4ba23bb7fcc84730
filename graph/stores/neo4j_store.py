"""The team store: a Neo4j database through the official ``neo4j`` driver.

Layout (see docs/neo4j.md): one ``:Entity:<Kind>`` node per actor, one
relationship per :class:`graph.model.Edge` whose type is the ontology's
relation type, one ``:Evidence`` node per sentence (linked to its edge by
the ``edge`` property, so the graph the analyst queries holds only actors and
relations), and one ``:Document`` node per article, written last: an article
whose Document node exists is complete, so loading twice changes nothing.

Articles are queued and written together (on :meth:`Neo4jStore.flush`, before
any read, or once ``batch_size`` relations wait) through auto-commit queries,
batched as ``UNWIND $rows AS row MERGE ...``. The test server (FalkorDB's Bolt
endpoint) shapes a few choices, each detected by behaviour, not by name, so a
real Neo4j gets the plain path:

* it pastes parameters into the query text, so a ``'`` in a string breaks
  the query and more than about 4 KB of parameters crashes it. When the
  probe string ``\\'`` comes back as ``'``, strings are escaped and every
  request is kept under ``batch_bytes`` (long sentences are appended in pieces);
* it takes the graph's name from the first key of each request's metadata,
  not from the database name: read-mode requests (``mode`` first) see another
  graph than write-mode ones (``db`` first), and explicit transactions yet
  another. So there are no explicit transactions (and "rollback" cannot be
  relied on), and on such a server reads go in write mode too, which is safe
  because user queries pass :func:`graph.cypher.ensure_read_only` first;
* Neo4j 5 constraints fail there: plain indexes are created instead;
* a row of ~70 KB or more never arrives, so evidence is read one row per piece;
* after a client's Bolt GOODBYE the next new connection gets no answer, so the
  store closes without GOODBYE there and retries its first query;
* it ignores transaction timeouts and can hang, so every call also has a
  client-side deadline.

>>> Neo4jStore(uri="bolt://127.0.0.1:1", timeout=1, connect_timeout=0.5)   # doctest: +ELLIPSIS
Traceback (most recent call last):
...
graph.errors.StoreError: cannot reach Neo4j at 'bolt://127.0.0.1:1': ...
"""
from __future__ import annotations

import hashlib
import itertools
import json
import os
import queue
import re
import threading
from dataclasses import dataclass
from typing import Any, Callable, Iterable, Mapping

import neo4j
import neo4j.graph
import neo4j.time

from ..cypher import check_given, check_params, ensure_read_only, node_value, relationship_value, too_many_rows
from ..errors import QueryError, StoreError
from ..model import ENTITY_LABEL, Edge, Entity, Evidence, Relation, Role, edge_from_relation, kind_label
from .base import MAX_ROWS, DocumentInfo, EdgeFilter, GraphStore, QueryResult

__all__ = ["Neo4jStore", "ServerTraits", "DEFAULT_URI", "DEFAULT_USERNAME", "DEFAULT_DATABASE",
           "DOCUMENT_LABEL", "EVIDENCE_LABEL", "INLINED_PARAMS_BUDGET"]

DEFAULT_URI = "bolt://localhost:7687"
DEFAULT_USERNAME = "neo4j"
DEFAULT_DATABASE = "neo4j"
DOCUMENT_LABEL = "Document"
EVIDENCE_LABEL = "Evidence"
# Bytes of parameters per request on a server that pastes them into the query
# text (FalkorDB crashes past ~4,070 bytes); the estimate below is generous.
INLINED_PARAMS_BUDGET = 3500
_DELETE_CHUNK = 5000
_GRACE = 2.0                     # at most this many seconds the client waits past a server-side timeout
_FIRST_TRY = 1.5                 # seconds before the first query is retried on a new connection
_IDENT_RE = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
_STRING_RE = re.compile(r"""'(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*"|`[^`]*`""")
_TEMPORAL_RE = re.compile(r"\b(date|datetime|localdatetime|localtime|time|duration)\s*(\.\w+\s*)?\(", re.I)
_PROBE = "\\'"                  # a server that unescapes parameters returns "'"
_UNIQUE = ((ENTITY_LABEL, "id"), (DOCUMENT_LABEL, "id"), (EVIDENCE_LABEL, "id"))
_INDEXED = ((EVIDENCE_LABEL, "edge"),)
# One row per (edge, piece of evidence), not collect(): FalkorDB never finishes a row of ~70 KB or more.
_EDGE_COLUMNS = "a.id, type(r), b.id, r.id, r.date, r.modality, r.role, r.cameo, r.plover, properties(e)"


@dataclass(frozen=True)
class ServerTraits:
    """What the probe found out about the server (see the module docstring)."""

    # Parameters pasted into the query text (FalkorDB): escape strings, keep requests small,
    # and send reads in write mode (such a server picks the graph by the request's first key).
    inlined_params: bool
    constraints: bool | None = None   # None until the first write sets up the schema


class _Timeout(Exception):
    pass


class _Caller:
    """Runs calls on daemon worker threads, so a caller can give up on one at a deadline.

    The Bolt driver has no read timeout of its own, and a server may ignore
    the transaction timeout (FalkorDB does), so this is what bounds every call.
    Workers are reused (a thread per call costs more than a small query); one
    that is still busy after its deadline rejoins the idle ones when it returns.
    """

    def __init__(self):
        self._idle: queue.SimpleQueue = queue.SimpleQueue()
        self._inboxes: list[queue.SimpleQueue] = []
        self._lock = threading.Lock()

    def _worker(self, inbox: queue.SimpleQueue) -> None:
        while True:
            job = inbox.get()
            if job is None:
                return
            fn, out = job
            try:
                out.put((True, fn()))
            except BaseException as err:  # handed over to the caller's thread
                out.put((False, err))
            self._idle.put(inbox)

    def call(self, fn: Callable[[], Any], seconds: float) -> Any:
        try:
            inbox = self._idle.get_nowait()
        except queue.Empty:
            inbox = queue.SimpleQueue()
            with self._lock:
                self._inboxes.append(inbox)
            threading.Thread(target=self._worker, args=(inbox,), name="geograph-bolt", daemon=True).start()
        out: queue.SimpleQueue = queue.SimpleQueue()
        inbox.put((fn, out))
        try:
            ok, value = out.get(timeout=seconds)
        except queue.Empty:
            raise _Timeout() from None
        if not ok:
            raise value
        return value

    def close(self) -> None:
        with self._lock:
            for inbox in self._inboxes:
                inbox.put(None)
            self._inboxes.clear()


def _escape(value: Any) -> Any:
    """Backslash-escape every string for a server that pastes parameters between single quotes."""
    if isinstance(value, str):
        return value.replace("\\", "\\\\").replace("'", "\\'")
    if isinstance(value, list):
        return [_escape(v) for v in value]
    if isinstance(value, dict):
        return {k: _escape(v) for k, v in value.items()}
    return value


def literal_size(value: Any) -> int:
    """Bytes ``value`` takes as Cypher literal text (over-estimated: floats print with 6 decimals).

    >>> literal_size({"id": "MLI", "n": [1, 2.5, None]})
    42
    """
    if isinstance(value, str):
        return len(value.encode("utf-8")) + value.count("'") + value.count("\\") + 2
    if value is None or isinstance(value, bool):
        return 5
    if isinstance(value, int):
        return len(str(value))
    if isinstance(value, float):
        return len(f"{value:f}") + 2
    if isinstance(value, (list, tuple)):
        return 2 + sum(literal_size(v) + 2 for v in value)
    if isinstance(value, dict):
        return 2 + sum(len(str(k)) + 2 + literal_size(v) + 2 for k, v in value.items())
    return len(str(value)) + 2


def _identifier(name: str, what: str) -> str:
    if not _IDENT_RE.match(name or ""):
        raise StoreError(f"{what} {name!r} cannot be a Neo4j label or type: use letters, digits and _ "
                         "(fix it in schema/ontology.yaml)")
    return name


def _evidence_id(edge_id: str, ev: Evidence) -> str:
    key = "\x1f".join([edge_id, ev.doc, str(ev.sentence_span[0]), str(ev.sentence_span[1]), ev.rule])
    return hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]


def _evidence_order(ev: Evidence) -> tuple:
    return (ev.doc, tuple(ev.sentence_span), ev.rule)


def _entity_props(entity: Entity) -> dict[str, Any]:
    """An entity as Neo4j properties: lists of strings only (roles as JSON text)."""
    return {"kind": entity.kind, "name": entity.name, "name_ar": entity.name_ar, "aliases": list(entity.aliases),
            "country": entity.country,
            "roles": [json.dumps({"role": r.role, "of": r.of, "start": r.start, "end": r.end}, ensure_ascii=False)
                      for r in entity.roles]}


def _entity(props: Mapping[str, Any]) -> Entity:
    return Entity(id=props["id"], kind=props["kind"], name=props["name"], name_ar=props.get("name_ar"),
                  aliases=tuple(props.get("aliases") or ()), country=props.get("country"),
                  roles=tuple(Role(**json.loads(r)) for r in props.get("roles") or ()))


def _evidence_props(edge: Edge, ev: Evidence) -> dict[str, Any]:
    return {"edge": edge.id, "source": edge.source, "doc": ev.doc, "sentence": ev.sentence,
            "sentence_start": int(ev.sentence_span[0]), "sentence_end": int(ev.sentence_span[1]),
            "spans": json.dumps({k: list(v) for k, v in sorted(ev.spans.items())}),
            "rule": ev.rule, "confidence": float(ev.confidence), "outlet": ev.outlet, "published": ev.published,
            "lang": ev.lang}


def _evidence(props: Mapping[str, Any]) -> Evidence:
    return Evidence(doc=props["doc"], sentence=props.get("sentence") or "",
                    sentence_span=(props["sentence_start"], props["sentence_end"]),
                    spans={k: tuple(v) for k, v in json.loads(props.get("spans") or "{}").items()},
                    rule=props["rule"], confidence=float(props.get("confidence", 1.0)), outlet=props.get("outlet"),
                    published=props.get("published"), lang=props.get("lang"))


def _edges(rows: Iterable[list[Any]]) -> list[Edge]:
    """Rows of _EDGE_COLUMNS (one per piece of evidence) -> edges, evidence sorted by (doc, span, rule)."""
    edges: dict[str, Edge] = {}
    for source, type_, target, id_, date, modality, role, cameo, plover, evidence in rows:
        edge = edges.get(id_)
        if edge is None:
            edge = edges[id_] = Edge(id=id_, source=source, type=type_, target=target, date=date, modality=modality,
                                     role=role, cameo=cameo, plover=plover)
        if evidence:
            edge.evidence.append(_evidence(evidence))
    for edge in edges.values():
        edge.evidence.sort(key=_evidence_order)
    return sorted(edges.values(), key=lambda e: e.id)


def _plain(value: Any) -> Any:
    """Driver values -> what a query row holds on every store (nodes and relationships as dicts)."""
    if isinstance(value, neo4j.graph.Node):
        props = dict(value.items())
        return node_value(props) if ENTITY_LABEL in value.labels else props
    if isinstance(value, neo4j.graph.Relationship):
        return relationship_value(value.type, dict(value.items()))
    if isinstance(value, neo4j.graph.Path):
        return {"nodes": [_plain(n) for n in value.nodes], "relationships": [_plain(r) for r in value.relationships]}
    if isinstance(value, (neo4j.time.Date, neo4j.time.DateTime, neo4j.time.Time, neo4j.time.Duration)):
        return value.iso_format()
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    return value


class Neo4jStore(GraphStore):
    """The graph in a Neo4j 5 database (or anything that speaks Bolt and Cypher).

    ``uri``, ``username``, ``password``, ``database`` default to ``NEO4J_URI``,
    ``NEO4J_USERNAME``, ``NEO4J_PASSWORD``, ``NEO4J_DATABASE`` and then to a
    local Neo4j (``bolt://localhost:7687``, ``neo4j``). ``batch_size`` is the
    number of rows per write; ``batch_bytes`` caps the parameters per request
    (default: no cap, or 3,500 bytes on a server that pastes parameters into the
    query text). ``timeout`` bounds every call in seconds. ``relation_types``
    (``schema.relation_types``) is needed to add documents, not to read.
    """

    name = "neo4j"

    def __init__(self, uri: str | None = None, username: str | None = None, password: str | None = None,
                 database: str | None = None, *, relation_types: Mapping[str, Any] | None = None,
                 batch_size: int = 500, batch_bytes: int | None = None, timeout: float = 30.0,
                 connect_timeout: float = 5.0):
        if batch_size < 1:
            raise StoreError(f"batch size {batch_size!r} must be at least 1")
        if batch_bytes is not None and batch_bytes < 256:
            raise StoreError(f"batch_bytes {batch_bytes!r} is too small: give at least 256")
        self.uri = uri or os.environ.get("NEO4J_URI") or DEFAULT_URI
        self.username = username or os.environ.get("NEO4J_USERNAME") or DEFAULT_USERNAME
        password = password if password is not None else os.environ.get("NEO4J_PASSWORD", "")
        self.database = database or os.environ.get("NEO4J_DATABASE") or DEFAULT_DATABASE
        self.relation_types = relation_types
        self.batch_size = batch_size
        self.timeout = float(timeout)
        self._schema_lock = threading.Lock()
        self._write_lock = threading.RLock()
        self._reset_pending()
        self._caller = _Caller()
        self.traits = ServerTraits(inlined_params=False)     # until the probe below says otherwise
        if self.uri.split("://")[0].lower() in ("http", "https"):
            raise StoreError(f"Neo4j URI {self.uri!r} is HTTP; Geograph talks Bolt: use bolt://host:7687 or "
                             "neo4j://host:7687 (--neo4j-uri or NEO4J_URI)")
        try:
            self._driver = neo4j.GraphDatabase.driver(
                self.uri, auth=(self.username, password), connection_timeout=connect_timeout,
                connection_acquisition_timeout=connect_timeout + self.timeout, max_connection_pool_size=8,
                user_agent="geograph")
        except (ValueError, neo4j.exceptions.ConfigurationError) as err:
            raise StoreError(f"bad Neo4j URI {self.uri!r}: {err}; use e.g. bolt://localhost:7687 "
                             "(--neo4j-uri or NEO4J_URI)") from err
        try:
            self.traits = ServerTraits(inlined_params=self._probe())
        except BaseException:
            self._driver.close()
            self._caller.close()
            raise
        self.batch_bytes = batch_bytes or (INLINED_PARAMS_BUDGET if self.traits.inlined_params else None)

    # ---- talking to the server ------------------------------------------

    def _probe(self) -> bool:
        """True when the server pastes parameters into the query text (it unescapes ``\\'``)."""
        (value,), = self._run("RETURN $probe AS probe", {"probe": _PROBE}, write=True, escape=False,
                              retry_hang=True)
        return value != _PROBE

    def _run(self, cypher: str, params: Mapping[str, Any] | None = None, *, write: bool = False,
             timeout: float | None = None, escape: bool = True, keys: list | None = None,
             user: bool = False, retry_hang: bool = False, max_rows: int | None = None) -> list[list[Any]]:
        """One auto-commit query; rows as lists of driver values. ``keys`` receives the column names.

        Errors become :class:`StoreError`, or :class:`QueryError` for a user's query (``user=True``).
        ``retry_hang`` first waits only briefly, then tries again on a new connection: FalkorDB
        leaves the first connection opened after another client's GOODBYE unanswered.
        """
        params = dict(params or {})
        if escape and self.traits.inlined_params:
            params = _escape(params)
        seconds = self.timeout if timeout is None else timeout
        mode = neo4j.WRITE_ACCESS if write or self.traits.inlined_params else neo4j.READ_ACCESS

        def work():
            with self._driver.session(database=self.database, default_access_mode=mode) as session:
                result = session.run(neo4j.Query(cypher, timeout=seconds), params)
                rows = [list(record.values()) for record in itertools.islice(result, max_rows)]
                if keys is not None:
                    keys.extend(result.keys())
                return rows

        short = cypher if len(cypher) < 120 else cypher[:117] + "..."
        try:
            if retry_hang:
                try:
                    return self._caller.call(work, min(_FIRST_TRY, seconds))
                except _Timeout:
                    pass
            return self._caller.call(work, seconds + min(_GRACE, seconds))
        except _Timeout:
            error = QueryError if user else StoreError
            raise error(f"query {short!r} got no answer from {self.uri} within {seconds:g} s: narrow it "
                        "(labels, {id: ...}, LIMIT) or raise the timeout") from None
        except neo4j.exceptions.AuthError as err:
            raise StoreError(f"Neo4j at {self.uri!r} refused user {self.username!r}: {err.message}; check "
                             "NEO4J_USERNAME and NEO4J_PASSWORD (or --neo4j-username/--neo4j-password)") from err
        except (neo4j.exceptions.ServiceUnavailable, neo4j.exceptions.SessionExpired, OSError) as err:
            raise StoreError(f"cannot reach Neo4j at {self.uri!r}: {' '.join(str(err).split())}; start it "
                             "(docker compose up -d) or set NEO4J_URI / --neo4j-uri") from err
        except neo4j.exceptions.Neo4jError as err:
            message = (err.message or str(err)).strip().splitlines()[0] if (err.message or str(err)) else ""
            if user:
                raise QueryError(f"the server rejected {cypher!r}: {message} ({err.code}); check the syntax "
                                 "against docs/neo4j.md") from err
            raise StoreError(f"Neo4j at {self.uri!r} failed on {short!r}: {message} ({err.code})") from err
        except neo4j.exceptions.DriverError as err:
            raise StoreError(f"Neo4j driver error talking to {self.uri!r}: {err}") from err

    def _batches(self, rows: list[dict[str, Any]], overhead: int = 16) -> Iterable[list[dict[str, Any]]]:
        """Split rows into batches of at most ``batch_size`` rows and ``batch_bytes`` bytes."""
        batch: list[dict[str, Any]] = []
        size = overhead
        for row in rows:
            row_size = literal_size(row) + 2
            if self.batch_bytes and row_size + overhead > self.batch_bytes:
                raise StoreError(f"a row of {row_size} bytes does not fit the server's request limit "
                                 f"({self.batch_bytes} bytes): {json.dumps(row, ensure_ascii=False)[:120]}...; "
                                 "raise batch_bytes if the server allows it")
            if batch and (len(batch) >= self.batch_size or (self.batch_bytes and size + row_size > self.batch_bytes)):
                yield batch
                batch, size = [], overhead
            batch.append(row)
            size += row_size
        if batch:
            yield batch

    def _write_rows(self, cypher: str, rows: list[dict[str, Any]]) -> None:
        for batch in self._batches(rows):
            self._run(cypher, {"rows": batch}, write=True)

    def _read_by_ids(self, cypher: str, ids: Iterable[str]) -> list[list[Any]]:
        """Run a read with ``$ids`` in as many requests as the byte cap needs."""
        found: list[list[Any]] = []
        for batch in self._batches([{"id": i} for i in ids]):
            found.extend(self._run(cypher, {"ids": [r["id"] for r in batch]}))
        return found

    def _ensure_schema(self) -> None:
        """Uniqueness constraints (Neo4j 5), else plain indexes, else nothing; once per store."""
        with self._schema_lock:
            if self.traits.constraints is not None:
                return
            constraints = True
            for label, prop in _UNIQUE:
                try:
                    self._run(f"CREATE CONSTRAINT geograph_{label.lower()}_{prop} IF NOT EXISTS "
                              f"FOR (n:{label}) REQUIRE n.{prop} IS UNIQUE", write=True)
                except StoreError as err:
                    if not isinstance(err.__cause__, neo4j.exceptions.Neo4jError):
                        raise
                    constraints = False
                    break
            if constraints:
                for label, prop in _INDEXED:
                    self._run(f"CREATE INDEX geograph_{label.lower()}_{prop} IF NOT EXISTS "
                              f"FOR (n:{label}) ON (n.{prop})", write=True)
            else:
                self._create_plain_indexes()
            self.traits = ServerTraits(self.traits.inlined_params, constraints)

    def _create_plain_indexes(self) -> None:
        """Servers without Neo4j 5 constraints (FalkorDB): ``CREATE INDEX FOR ... ON`` where missing."""
        try:
            existing = {(row[0], prop) for row in self._run("CALL db.indexes()") for prop in (row[1] or [])}
        except StoreError:
            existing = set()
        for label, prop in _UNIQUE + _INDEXED:
            if (label, prop) in existing:
                continue
            try:
                self._run(f"CREATE INDEX FOR (n:{label}) ON (n.{prop})", write=True)
            except StoreError as err:
                if not isinstance(err.__cause__, neo4j.exceptions.Neo4jError):
                    raise
                # the server refuses this index: MERGE still works, only slower

    # ---- writing -------------------------------------------------------

    def _existing_entities(self, ids: Iterable[str]) -> set[str]:
        return {row[0] for row in self._read_by_ids(
            f"MATCH (n:{ENTITY_LABEL}) WHERE n.id IN $ids RETURN n.id", sorted(ids))}

    def _existing_evidence(self, edge_ids: Iterable[str]) -> dict[str, dict[str, tuple]]:
        """edge id -> {evidence id: (doc, published)} already stored."""
        found: dict[str, dict[str, tuple]] = {}
        for edge, ev_id, doc, published in self._read_by_ids(
                f"MATCH (e:{EVIDENCE_LABEL}) WHERE e.edge IN $ids RETURN e.edge, e.id, e.doc, e.published",
                sorted(edge_ids)):
            found.setdefault(edge, {})[ev_id] = (doc, published)
        return found

    def add_document(self, doc: DocumentInfo, relations: Iterable[Relation],
                     entities: Mapping[str, Entity]) -> bool:
        """Queue one article; the queue is written once it holds ``batch_size`` relations, and on
        :meth:`flush` (which every read and :meth:`close` call first), so batches span articles."""
        with self._write_lock:
            if self.has_document(doc.id):
                return False
            edges: dict[str, Edge] = {}
            count = 0
            for rel in relations:
                edge = edge_from_relation(rel, self._relation_type(rel, doc.id))
                count += 1
                if edge.id in edges:
                    edges[edge.id].add_evidence(edge.evidence)
                else:
                    edges[edge.id] = edge
            ends = {end for e in edges.values() for end in (e.source, e.target)}
            missing = ends - set(entities) - set(self._pending_entities)
            missing -= self._existing_entities(missing) if missing else set()
            if missing:
                edge = next(e for e in edges.values() if e.source in missing or e.target in missing)
                end = edge.source if edge.source in missing else edge.target
                raise StoreError(f"document {doc.id!r} relates {edge.source} {edge.type} {edge.target}, "
                                 f"but entity {end!r} is not in the gazetteer: add it under schema/")
            for end in sorted(ends):
                if end in entities:
                    self._pending_entities[end] = entities[end]
            for edge in edges.values():
                if edge.id in self._pending_edges:
                    self._pending_edges[edge.id].add_evidence(edge.evidence)
                else:
                    self._pending_edges[edge.id] = edge
            self._pending_docs[doc.id] = doc
            self._pending_relations += count
            if self._pending_relations >= self.batch_size:
                self.flush()
            return True

    def flush(self) -> None:
        """Write the queued articles: entities, evidence, edges, then their Document nodes (so an
        article whose Document node exists is complete, and a failed flush is redone by adding again)."""
        with self._write_lock:
            if not self._pending_docs:
                return
            docs, edges, entities = self._pending_docs, self._pending_edges, self._pending_entities
            self._ensure_schema()
            self._write_entities([entities[i] for i in sorted(entities)])
            existing = self._existing_evidence(edges) if edges else {}
            self._write_evidence(edges.values())
            self._write_edges(edges.values(), existing)
            self._write_rows(f"UNWIND $rows AS row MERGE (d:{DOCUMENT_LABEL} {{id: row.id}}) SET d += row.props",
                             [{"id": d.id, "props": {k: v for k, v in (
                                 ("outlet", d.outlet), ("published", d.published), ("lang", d.lang),
                                 ("path", d.path)) if v is not None}} for _, d in sorted(docs.items())])
            self._reset_pending()

    def _reset_pending(self) -> None:
        self._pending_docs: dict[str, DocumentInfo] = {}
        self._pending_edges: dict[str, Edge] = {}
        self._pending_entities: dict[str, Entity] = {}
        self._pending_relations = 0

    def _write_entities(self, entities: list[Entity]) -> None:
        by_label: dict[str, list[dict[str, Any]]] = {}
        for entity in entities:
            label = _identifier(kind_label(entity.kind), "entity kind")
            by_label.setdefault(label, []).append({"id": entity.id, "props": _entity_props(entity)})
        for label, rows in sorted(by_label.items()):
            self._write_rows(f"UNWIND $rows AS row MERGE (n:{ENTITY_LABEL} {{id: row.id}}) "
                             f"SET n:{label}, n += row.props", rows)

    def _write_evidence(self, edges: Iterable[Edge]) -> None:
        """Evidence nodes; a sentence too long for one request is sent in pieces and appended."""
        rows, tails = [], []
        for edge in edges:
            for ev in edge.evidence:
                props = _evidence_props(edge, ev)
                row = {"id": _evidence_id(edge.id, ev), "props": props}
                if self.batch_bytes and literal_size(row) + 64 > self.batch_bytes // 2:
                    pieces = self._pieces(ev.sentence, self.batch_bytes // 4)
                    props["sentence"] = pieces[0]
                    tails.extend((row["id"], piece) for piece in pieces[1:])
                rows.append(row)
        self._write_rows(f"UNWIND $rows AS row MERGE (e:{EVIDENCE_LABEL} {{id: row.id}}) SET e += row.props", rows)
        for ev_id, piece in tails:
            self._run(f"MATCH (e:{EVIDENCE_LABEL} {{id: $id}}) SET e.sentence = e.sentence + $piece",
                      {"id": ev_id, "piece": piece}, write=True)

    @staticmethod
    def _pieces(text: str, budget: int) -> list[str]:
        """Cut ``text`` into pieces of at most ``budget`` literal bytes each."""
        pieces, current, size = [], [], 0
        for ch in text:
            n = literal_size(ch) - 2
            if current and size + n > budget:
                pieces.append("".join(current))
                current, size = [], 0
            current.append(ch)
            size += n
        pieces.append("".join(current))
        return pieces

    def _write_edges(self, edges: Iterable[Edge], existing: Mapping[str, Mapping[str, tuple]]) -> None:
        by_type: dict[str, list[dict[str, Any]]] = {}
        for edge in edges:
            reports = dict(existing.get(edge.id, {}))
            reports.update({_evidence_id(edge.id, ev): (ev.doc, ev.published) for ev in edge.evidence})
            documents = sorted({doc for doc, _ in reports.values()})
            published = [p for _, p in reports.values() if p]
            props = {"date": edge.date, "date_precision": edge.date_precision, "modality": edge.modality,
                     "role": edge.role, "cameo": edge.cameo, "plover": edge.plover, "n_sources": len(documents),
                     "documents": documents, "n_evidence": len(reports),
                     "first_reported": min(published, default=None), "last_reported": max(published, default=None)}
            by_type.setdefault(_identifier(edge.type, "relation type"), []).append(
                {"id": edge.id, "source": edge.source, "target": edge.target, "props": props})
        for type_, rows in sorted(by_type.items()):
            self._write_rows(f"UNWIND $rows AS row MATCH (a:{ENTITY_LABEL} {{id: row.source}}), "
                             f"(b:{ENTITY_LABEL} {{id: row.target}}) MERGE (a)-[r:{type_} {{id: row.id}}]->(b) "
                             "SET r += row.props", rows)

    def clear(self) -> None:
        """Delete every node Geograph wrote (entities, evidence, documents), in chunks; drop the queue."""
        self._reset_pending()
        for label in (EVIDENCE_LABEL, ENTITY_LABEL, DOCUMENT_LABEL):
            while True:
                (deleted,), = self._run(f"MATCH (n:{label}) WITH n LIMIT {_DELETE_CHUNK} DETACH DELETE n "
                                        "RETURN count(n)", write=True)
                if not deleted:
                    break

    # ---- reading -------------------------------------------------------

    def has_document(self, doc_id: str) -> bool:
        if doc_id in self._pending_docs:
            return True
        (n,), = self._run(f"MATCH (d:{DOCUMENT_LABEL} {{id: $id}}) RETURN count(d)", {"id": doc_id})
        return n > 0

    def documents(self) -> list[DocumentInfo]:
        self.flush()
        rows = self._run(f"MATCH (d:{DOCUMENT_LABEL}) RETURN properties(d) ORDER BY d.id")
        return [DocumentInfo(id=p["id"], outlet=p.get("outlet"), published=p.get("published"), lang=p.get("lang"),
                             path=p.get("path")) for (p,) in rows]

    def entities(self) -> list[Entity]:
        self.flush()
        return [_entity(p) for (p,) in self._run(f"MATCH (n:{ENTITY_LABEL}) RETURN properties(n) ORDER BY n.id")]

    def get_entity(self, entity_id: str) -> Entity | None:
        self.flush()
        rows = self._run(f"MATCH (n:{ENTITY_LABEL} {{id: $id}}) RETURN properties(n)", {"id": entity_id})
        return _entity(rows[0][0]) if rows else None

    def get_edge(self, edge_id: str) -> Edge | None:
        self.flush()
        rows = self._run(
            f"MATCH (x:{EVIDENCE_LABEL} {{edge: $id}}) WITH x.source AS s LIMIT 1 "
            f"MATCH (a:{ENTITY_LABEL} {{id: s}})-[r]->(b:{ENTITY_LABEL}) WHERE r.id = $id "
            f"OPTIONAL MATCH (e:{EVIDENCE_LABEL} {{edge: r.id}}) RETURN {_EDGE_COLUMNS}", {"id": edge_id})
        if not rows:   # an edge without evidence: look it up the slow way
            rows = self._run(f"MATCH (a:{ENTITY_LABEL})-[r]->(b:{ENTITY_LABEL}) WHERE r.id = $id "
                             f"OPTIONAL MATCH (e:{EVIDENCE_LABEL} {{edge: r.id}}) RETURN {_EDGE_COLUMNS}",
                             {"id": edge_id})
        return _edges(rows)[0] if rows else None

    def edges(self, flt: EdgeFilter | None = None) -> list[Edge]:
        """Edges passing ``flt``: types, actors and modalities narrow the Cypher, ``flt.accepts`` decides."""
        flt = flt or EdgeFilter()
        self.flush()
        pattern = ""
        if flt.types is not None:
            types = [t for t in flt.types if _IDENT_RE.match(t)]
            if not types:
                return []
            pattern = ":" + "|".join(types)
        where, params = [], {}
        if flt.actors:
            where.append("(a.id IN $actors OR b.id IN $actors)")
            params["actors"] = list(flt.actors)
        if flt.modalities is not None:
            where.append("r.modality IN $modalities")
            params["modalities"] = list(flt.modalities)
        rows = self._run(f"MATCH (a:{ENTITY_LABEL})-[r{pattern}]->(b:{ENTITY_LABEL}) "
                         + (f"WHERE {' AND '.join(where)} " if where else "")
                         + f"OPTIONAL MATCH (e:{EVIDENCE_LABEL} {{edge: r.id}}) RETURN {_EDGE_COLUMNS}", params)
        return [edge for edge in _edges(rows) if flt.accepts(edge)]

    def counts(self) -> dict[str, int]:
        self.flush()

        def one(cypher: str) -> int:
            (n,), = self._run(cypher)
            return int(n)

        return {"nodes": one(f"MATCH (n:{ENTITY_LABEL}) RETURN count(n)"),
                "edges": one(f"MATCH (:{ENTITY_LABEL})-[r]->(:{ENTITY_LABEL}) RETURN count(r)"),
                "evidence": one(f"MATCH (e:{EVIDENCE_LABEL}) RETURN count(e)"),
                "documents": one(f"MATCH (d:{DOCUMENT_LABEL}) RETURN count(d)")}

    def query(self, cypher: str, params: Mapping[str, Any] | None = None, *, timeout: float = 10.0,
              max_rows: int = MAX_ROWS) -> QueryResult:
        """Run a user's read-only Cypher with ``params`` (writes refused here: a server may not refuse them itself)."""
        ensure_read_only(cypher)
        values = check_params(params)
        check_given(cypher, values)
        if self.traits.inlined_params:
            temporal = _TEMPORAL_RE.search(_STRING_RE.sub("''", cypher))
            if temporal:
                raise QueryError(f"query {cypher!r} calls {temporal.group(1)}(): this server (FalkorDB) crashes "
                                 "when a query returns a temporal value; dates are ISO strings, so compare "
                                 "them as strings (r.date >= '2025-11')")
        self.flush()
        keys: list[str] = []
        rows = self._run(cypher, values, timeout=timeout, keys=keys, user=True, max_rows=max_rows + 1)
        if len(rows) > max_rows:
            raise too_many_rows(cypher, max_rows)
        return QueryResult(list(keys), [[_plain(v) for v in row] for row in rows])

    def close(self) -> None:
        """Write what is queued and close the driver. On a FalkorDB-like server the connections
        are cut without the Bolt GOODBYE, which would leave the next client's first connection hanging."""
        try:
            self.flush()
        finally:
            self._disconnect()

    def _disconnect(self) -> None:
        if self.traits.inlined_params:
            self._drop_connections()
        self._driver.close()
        self._caller.close()

    def _drop_connections(self) -> None:
        pool = getattr(self._driver, "_pool", None)
        try:
            with pool.lock:
                connections = [c for group in pool.connections.values() for c in group]
            for connection in connections:
                connection.kill()
        except AttributeError:      # another driver version: fall back to a polite close
            pass
