"""Talking to a Bolt server: the driver, deadlines, batching, and schema setup.

Every call is one auto-commit query with a client-side deadline. The test
server (FalkorDB's Bolt endpoint) shapes a few choices, each detected by
behaviour, not by name, so a real Neo4j gets the plain path:

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
  client-side deadline;
* it runs a write inside a read transaction (on another graph, see above)
  instead of refusing it. Once per connection a write that changes nothing is
  sent in a read transaction: where the server refuses it (Neo4j), user queries
  run in read transactions (``execute_read``, with the server-side transaction
  timeout), so the server refuses writes too; elsewhere they run as auto-commit
  queries, in write mode on a server like FalkorDB, and only the store's own
  check (:func:`graph.cypher.ensure_read_only`, before anything is sent)
  refuses writes.
"""
from __future__ import annotations

import itertools

import json
import os
import queue
import threading
from dataclasses import dataclass
from typing import Any, Callable, Iterable, Mapping

import neo4j

from ..errors import QueryError, StoreError
from ..model import ENTITY_LABEL
from .neo4j_records import DOCUMENT_LABEL, EVIDENCE_LABEL

__all__ = ["BoltSession", "ServerTraits", "DEFAULT_URI", "DEFAULT_USERNAME", "DEFAULT_DATABASE",
           "INLINED_PARAMS_BUDGET", "literal_size"]

DEFAULT_URI = "bolt://localhost:7687"
DEFAULT_USERNAME = "neo4j"
DEFAULT_DATABASE = "neo4j"
# Bytes of parameters per request on a server that pastes them into the query
# text (FalkorDB crashes past ~4,070 bytes); the estimate below is generous.
INLINED_PARAMS_BUDGET = 3500
_GRACE = 2.0                     # at most this many seconds the client waits past a server-side timeout
_FIRST_TRY = 1.5                 # seconds before the first query is retried on a new connection
_PROBE = "\\'"                  # a server that unescapes parameters returns "'"
_UNIQUE = ((ENTITY_LABEL, "id"), (DOCUMENT_LABEL, "id"), (EVIDENCE_LABEL, "id"))
_READ_PROBE = "OPTIONAL MATCH (n:GeographReadModeProbe) WHERE n.never = true SET n.probe = 1 RETURN 1"
_INDEXED = ((EVIDENCE_LABEL, "edge"), (EVIDENCE_LABEL, "group"), (EVIDENCE_LABEL, "doc"), (DOCUMENT_LABEL, "source"))


@dataclass(frozen=True)
class ServerTraits:
    """What the probe found out about the server (see the module docstring)."""

    # Parameters pasted into the query text (FalkorDB): escape strings, keep requests small,
    # and send reads in write mode (such a server picks the graph by the request's first key).
    inlined_params: bool
    constraints: bool | None = None   # None until the first write sets up the schema
    # A write in a read transaction is refused (Neo4j): user queries run in read transactions
    # (execute_read, with the server-side timeout). FalkorDB runs it (on another graph): user queries
    # go in write mode there, and only the store's own check (graph.cypher) refuses writes.
    read_transactions: bool = False


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


class BoltSession:
    """The connection half of the Neo4j store: one driver, calls with deadlines, batches, schema."""

    timeout: float
    batch_size: int
    batch_bytes: int | None

    def _connect(self, uri: str | None, username: str | None, password: str | None, database: str | None,
                 connect_timeout: float) -> None:
        """Open the driver and probe the server (see the module docstring); StoreError when unreachable."""
        self.uri = uri or os.environ.get("NEO4J_URI") or DEFAULT_URI
        self.username = username or os.environ.get("NEO4J_USERNAME") or DEFAULT_USERNAME
        password = password if password is not None else os.environ.get("NEO4J_PASSWORD", "")
        self.database = database or os.environ.get("NEO4J_DATABASE") or DEFAULT_DATABASE
        self._schema_lock = threading.Lock()
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
            inlined = self._probe()
            self.traits = ServerTraits(inlined_params=inlined, read_transactions=self._probe_read_mode())
        except BaseException:
            self._driver.close()
            self._caller.close()
            raise

    def _probe(self) -> bool:
        """True when the server pastes parameters into the query text (it unescapes ``\\'``)."""
        (value,), = self._run("RETURN $probe AS probe", {"probe": _PROBE}, write=True, escape=False,
                              retry_hang=True)
        return value != _PROBE

    def _probe_read_mode(self) -> bool:
        """True when the server refuses a write inside a read transaction (asked once per connection).

        The probe writes nothing even where it runs: it sets a property on nodes of a label no graph has."""
        def work():
            with self._driver.session(database=self.database, default_access_mode=neo4j.READ_ACCESS) as session:
                return session.execute_read(lambda tx: tx.run(_READ_PROBE).consume())

        try:
            self._caller.call(work, self.timeout)
        except neo4j.exceptions.ClientError as err:
            return "AccessMode" in (err.code or "") or "read" in (err.message or "").lower()
        except (_Timeout, neo4j.exceptions.Neo4jError, neo4j.exceptions.DriverError):
            return False        # no answer or another failure: the plain path, checked by our parser
        return False

    def _run(self, cypher: str, params: Mapping[str, Any] | None = None, *, write: bool = False,
             timeout: float | None = None, escape: bool = True, keys: list | None = None,
             user: bool = False, retry_hang: bool = False, max_rows: int | None = None) -> list[list[Any]]:
        """One auto-commit query; rows as lists of driver values. ``keys`` receives the column names.

        Errors become :class:`StoreError`, or :class:`QueryError` for a user's query (``user=True``).
        ``retry_hang`` first waits only briefly, then tries again on a new connection: FalkorDB
        leaves the first connection opened after another client's GOODBYE unanswered.
        """
        params = dict(params or {})
        if write:
            self._unversioned = True      # the store bumps its version after the write (neo4j_version)
        if escape and self.traits.inlined_params:
            params = _escape(params)
        seconds = self.timeout if timeout is None else timeout
        mode = neo4j.WRITE_ACCESS if write or self.traits.inlined_params else neo4j.READ_ACCESS

        def read(result) -> list[list[Any]]:
            rows = [list(record.values()) for record in itertools.islice(result, max_rows)]
            if keys is not None:
                keys[:] = result.keys()
            return rows

        @neo4j.unit_of_work(timeout=seconds)
        def in_read_transaction(tx):
            return read(tx.run(cypher, params))

        def work():
            with self._driver.session(database=self.database, default_access_mode=mode) as session:
                if user and not write and self.traits.read_transactions:
                    return session.execute_read(in_read_transaction)
                return read(session.run(neo4j.Query(cypher, timeout=seconds), params))

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
