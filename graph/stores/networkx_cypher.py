"""Cypher on the embedded store: where its LadybugDB database lives and when it is rebuilt.

The NetworkX store's file stays the file of record. Queries run on a LadybugDB
database derived from it (:mod:`graph.stores.ladybug_graph`):

* for a store with a file and nothing unsaved, the database is kept beside the
  file, named by a fingerprint of it (``graph.cypher-<fingerprint>.lbug``, and
  what it holds in ``graph.cypher-<fingerprint>.lbug.tables.json``: the
  file's size, modification time and inode, and the layout version). A command
  that finds the database of the file it loaded just opens it, read-only; one
  that does not builds it (into a temporary name, then renamed, so another
  process never sees half a database) and deletes the databases of older files;
* for a memory-only store, or one with changes not yet flushed, the database is
  built in memory, once per generation of the graph (every change starts one).

Writes and procedure calls are refused before anything runs
(:func:`graph.cypher.ensure_read_only`), and on disk the database is opened
read-only, so the engine refuses writes too.
"""
from __future__ import annotations

import gc
import hashlib
import json
import os
import re
import shutil
import tempfile
import threading
import weakref
from pathlib import Path
from typing import Any, Callable, Iterable, Mapping, Sequence

from ..cypher import _mask, check_given, check_params, ensure_read_only
from ..errors import QueryError
from ..model import Entity
from .base import MAX_ROWS, QueryResult
from .ladybug_dialect import Tables
from .ladybug_graph import LAYOUT_VERSION, LadybugGraph, remove_database
from .ladybug_pool import shared_pool

__all__ = ["CypherEngine", "file_stamp", "database_path"]

_CALL_RE = re.compile(r"\bCALL\s+[A-Za-z_\x00]", re.I)


def file_stamp(path: Path) -> str | None:
    """What identifies one version of a file without reading it (None: no file)."""
    try:
        st = os.stat(path)
    except FileNotFoundError:
        return None
    return f"{st.st_size}:{st.st_mtime_ns}:{st.st_ino}"


def database_path(graph_file: Path, stamp: str) -> Path:
    """Where the database derived from one version of ``graph_file`` is kept.

    >>> database_path(Path("/data/graph.json"), "10:20:30").name
    'graph.cypher-d06d7d2c4b3c.lbug'
    """
    digest = hashlib.sha1(f"{LAYOUT_VERSION}:{stamp}".encode()).hexdigest()[:12]
    return graph_file.with_name(f"{graph_file.stem}.cypher-{digest}.lbug")


class CypherEngine:
    """The derived database of one store, rebuilt when the graph changed.

    ``snapshot()`` returns ``(key, file_stamp, entities, edges)`` under the
    store's lock: ``key`` changes with every change of the graph, ``file_stamp``
    is the stamp of the file the graph equals (None when there are unsaved
    changes or no file).
    """

    def __init__(self, graph_file: Path | None, lock: threading.RLock,
                 snapshot: Callable[[], tuple[Any, str | None, Callable[[], Iterable[Entity]],
                                              Callable[[], Mapping[str, Sequence]]]]):
        self.graph_file, self._lock, self._snapshot = graph_file, lock, snapshot
        self._current: tuple[Any, Path, Tables] | None = None
        self._scratch: Path | None = None       # a temporary folder for databases of unsaved graphs
        self._cleanup: weakref.finalize | None = None
        self._built = 0

    def query(self, cypher: str, params: Mapping[str, Any] | None = None, *, timeout: float = 10.0,
              max_rows: int = MAX_ROWS) -> QueryResult:
        """Run read-only ``cypher`` with ``params`` in a query process (:mod:`graph.stores.ladybug_pool`);
        QueryError for writes, errors, time, memory and row limits."""
        ensure_read_only(cypher)
        values = check_params(params)
        check_given(cypher, values)
        call = _CALL_RE.search(_mask(cypher)[0])
        if call:
            raise QueryError(f"query {cypher!r} calls a procedure: the embedded store has none (they are "
                             "Neo4j's); ask with MATCH instead, e.g. MATCH (n) RETURN DISTINCT labels(n)")
        path, tables = self.database()
        if not path.exists():       # another process replaced the file and deleted this version's database
            with self._lock:
                if self._current is not None and self._current[1] == path:
                    self._current = None
            path, tables = self.database()
        return shared_pool().query(path, tables, cypher, values, timeout, max_rows)

    def prepare(self, concurrent: int) -> None:
        """Build the database now and start ``concurrent`` query processes holding it open."""
        path, tables = self.database()
        shared_pool().warm(concurrent, (path, tables))

    def database(self) -> tuple[Path, Tables]:
        """The database of the graph as it is now, and what it holds (built on first use after a change)."""
        with self._lock:
            key, stamp, entities, edges = self._snapshot()
            if self._current is not None and self._current[0] == key:
                return self._current[1], self._current[2]
            built = None
            collecting = gc.isenabled()
            gc.disable()        # the build makes millions of small objects; the collector would rescan the graph
            try:
                if stamp is not None and self.graph_file is not None:
                    built = self._on_disk(stamp, entities, edges)
                if built is None:
                    built = self._private(entities, edges)
            finally:
                if collecting:
                    gc.enable()
            self._current = (key, *built)
            return built

    def _private(self, entities, edges) -> tuple[Path, Tables]:
        """A database of the graph held in memory (unsaved, or no file, or a folder not writable), in
        a temporary folder of this engine's own; the one built before is deleted."""
        if self._scratch is None:
            self._scratch = Path(tempfile.mkdtemp(prefix="geograph-cypher-"))
            self._cleanup = weakref.finalize(self, shutil.rmtree, self._scratch, True)
        self._built += 1
        path = self._scratch / f"graph-{self._built}.lbug"
        tables = LadybugGraph.write(entities(), edges(), path)
        for old in self._scratch.glob("graph-*.lbug"):
            if old != path:
                remove_database(old)
        return path, tables

    def close(self) -> None:
        """Forget the database (a query after this opens or builds it again), and delete a private one."""
        with self._lock:
            self._current = None
            if self._cleanup is not None:
                self._cleanup()
                self._scratch = self._cleanup = None

    def _on_disk(self, stamp: str, entities, edges) -> tuple[Path, Tables] | None:
        """Open the database of this version of the file, or build it; None if the folder is not writable,
        or if the file has moved on (another process wrote it: its database is not ours to replace).

        What the database holds is also written beside it (``.tables.json``), before the database
        is renamed into place: opening then needs no query to learn it.
        """
        path = database_path(self.graph_file, stamp)
        tables_file = path.with_name(path.name + ".tables.json")
        if path.exists():
            try:
                tables = Tables.from_json(json.loads(tables_file.read_text(encoding="utf-8")))
            except (OSError, ValueError, KeyError, TypeError):
                tables = None           # asked of the database instead
            try:
                graph = LadybugGraph.open(path, tables)     # opened once here to see it is sound
            except Exception:   # damaged or from another engine version: build it again
                remove_database(path)
            else:
                graph.close()
                return path, graph.tables
        if file_stamp(self.graph_file) != stamp:
            return None
        tmp = path.with_name(f".{path.name}.{os.getpid()}.{threading.get_ident()}.tmp")
        try:
            remove_database(tmp)
            tables = LadybugGraph.write(entities(), edges(), tmp)
            tables_file.write_text(json.dumps(tables.to_json()), encoding="utf-8")
            os.replace(tmp, path)
        except OSError:
            remove_database(tmp)
            return None
        for old in path.parent.glob(f"{self.graph_file.stem}.cypher-*.lbug"):
            if old != path:
                remove_database(old)
        return path, tables
