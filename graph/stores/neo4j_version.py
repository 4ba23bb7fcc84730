"""The Neo4j store's version counter: how a running viewer learns that another process wrote.

One ``:GeographMeta {id: 'graph'}`` node holds ``version`` (a counter) and
``stamp`` (a random token, so two writers bumping at once still leave a value
no reader has seen). Every write query marks the store (``_run(..., write=True)``
sets ``_unversioned``); the mark is turned into one bump at the end of the
write: after :meth:`flush` (which every read and :meth:`close` call first) and
after :meth:`clear`, so any write path, present or future (``remove``), bumps
the version without knowing about it. Reading the version is one small query:
what ``geograph serve`` asks once per request instead of recounting the graph.
"""
from __future__ import annotations

import uuid

__all__ = ["VersionCounter", "META_LABEL"]

META_LABEL = "GeographMeta"


class VersionCounter:
    """Mixin over :class:`graph.stores.neo4j_write.Neo4jWriter` and :class:`graph.stores.neo4j_bolt.BoltSession`."""

    _unversioned = False     # a write query ran since the last bump

    def version(self) -> tuple:
        """``(counter, stamp)`` of the stored graph; ``(0, None)`` before the first write."""
        self.flush()
        rows = self._run(f"MATCH (m:{META_LABEL} {{id: 'graph'}}) RETURN m.version, m.stamp")
        return tuple(rows[0]) if rows else (0, None)

    def _bump_version(self) -> None:
        self._unversioned = False
        self._run(f"MERGE (m:{META_LABEL} {{id: 'graph'}}) "
                  "SET m.version = coalesce(m.version, 0) + 1, m.stamp = $stamp",
                  {"stamp": uuid.uuid4().hex}, write=True)
        self._unversioned = False

    def _bump_if_written(self) -> None:
        if self._unversioned:
            self._bump_version()

    def flush(self) -> None:
        super().flush()
        self._bump_if_written()

    def clear(self) -> None:
        super().clear()
        self._bump_if_written()
