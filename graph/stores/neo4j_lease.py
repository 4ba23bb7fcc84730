"""One writer at a time on a Neo4j graph, across processes: a lease on the ``:GeographMeta`` node.

The embedded store locks its file (:func:`graph.fileio.writer_lock`); a graph on a
server needs the same, or two ``geograph add`` at once can both read a group of
reports, each settle it without the other's, and leave an edge whose source count
misses some (its evidence survives, its summary does not). A write session takes
the lease (``writer`` = a fresh token, ``lease_until`` = now + :data:`LEASE_SECONDS`)
in one statement that first writes the node, so the server runs competing takers
one after the other; it renews the lease at every flush and gives it up at its end.
A writer that died leaves a lease that simply expires. Others wait, with one line
on stderr, up to ``GEOGRAPH_LOCK_TIMEOUT`` seconds (as for the embedded store).
"""
from __future__ import annotations

import contextlib
import sys
import time
import uuid
from typing import Iterator

from ..errors import StoreError
from ..fileio import lock_timeout
from .neo4j_version import META_LABEL

__all__ = ["WriterLease", "LEASE_SECONDS"]

LEASE_SECONDS = 120.0   # a live writer renews it at every flush (every batch of relations)

_TAKE = (f"MERGE (m:{META_LABEL} {{id: 'graph'}}) SET m.lease_probe = $token "   # the node's write lock first
         "WITH m WHERE m.writer IS NULL OR m.writer = $token OR m.lease_until < $now "
         "SET m.writer = $token, m.lease_until = $until RETURN m.writer")
_RENEW = f"MATCH (m:{META_LABEL} {{id: 'graph'}}) WHERE m.writer = $token SET m.lease_until = $until"
_GIVE_UP = f"MATCH (m:{META_LABEL} {{id: 'graph'}}) WHERE m.writer = $token SET m.writer = null, m.lease_until = null"


class WriterLease:
    """Mixin of :class:`graph.stores.neo4j_store.Neo4jStore`: :meth:`writing` holds the graph's lease."""

    _lease: str | None = None

    def _lease_query(self, cypher: str, **params) -> list:
        """A write to the meta node that is not a change of the graph (no version bump)."""
        marked = self._unversioned
        try:
            return self._run(cypher, {**params, "now": time.time(), "until": time.time() + LEASE_SECONDS}, write=True)
        finally:
            self._unversioned = marked

    @contextlib.contextmanager
    def writing(self) -> Iterator["WriterLease"]:
        if self._lease is not None:      # nested: the outer session holds it
            yield self
            return
        token, waited = uuid.uuid4().hex, False
        deadline = time.monotonic() + lock_timeout()
        while not self._lease_query(_TAKE, token=token):
            if time.monotonic() >= deadline:
                raise StoreError("another geograph process is writing to this Neo4j graph: gave up waiting after "
                                 f"{lock_timeout():g} s (GEOGRAPH_LOCK_TIMEOUT)")
            if not waited:
                print("waiting for another geograph process writing to this Neo4j graph...", file=sys.stderr)
                waited = True
            time.sleep(0.2)
        self._lease = token
        try:
            yield self
        finally:
            try:
                self.flush()
            finally:
                self._lease = None
                self._lease_query(_GIVE_UP, token=token)

    def flush(self) -> None:
        super().flush()
        if self._lease is not None:
            self._lease_query(_RENEW, token=self._lease)
