"""A worker process that runs the embedded store's user queries, so they can be stopped.

LadybugDB checks its time limit (and ``interrupt()``) only between chunks of
rows: a value grown step by step in one row (``WITH s + s AS s`` again and
again) runs on past any limit, and may take all the memory there is. So user
queries run here, in a process of its own that the caller kills when the limit
passes (:mod:`graph.stores.ladybug_pool`). The database is opened read-only,
with a bounded buffer pool, and the process's address space is capped
(``RLIMIT_AS``) just above what opening it took, so a query that grows a value
past :data:`QUERY_MEMORY` fails with a memory error instead of taking the
machine's memory.

Started as ``python -m graph.stores.ladybug_worker FD``: ``FD`` is its end of a
socket pair, read and written with :class:`multiprocessing.connection.Connection`.
Messages in: ``("open", path, tables)`` (open ahead, no answer) and
``("query", path, tables, cypher, params, timeout, max_rows)``; out: ``("ready",
pid)`` once, then per query ``("ok", columns, rows)``, ``("error", message)``
or ``("memory", "")`` (after which the worker exits: the engine may not
have recovered).
"""
from __future__ import annotations

import os
import resource
import sys
from pathlib import Path
from typing import Any

__all__ = ["QUERY_MEMORY", "memory_error", "main"]

QUERY_MEMORY = 1 << 30     # bytes: the engine's buffer pool, and as much again outside it, per query process
_MEMORY_SIGNS = ("bad_alloc", "Unable to allocate memory", "buffer pool is full", "Cannot allocate memory",
                 "ran out of memory")


def memory_error(message: str) -> bool:
    """Whether an engine error says it ran out of memory.

    >>> memory_error("Buffer manager exception: Unable to allocate memory! The buffer pool is full")
    True
    >>> memory_error("Binder exception: Variable x is not in scope.")
    False
    """
    return any(sign in message for sign in _MEMORY_SIGNS)


def _address_space() -> int:
    """Bytes of address space this process holds now (``VmSize``)."""
    with open("/proc/self/statm", encoding="ascii") as fh:
        return int(fh.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")


def _cap_memory(extra: int | None) -> None:
    """Cap the address space at what is held now plus ``extra`` (None: lift the cap)."""
    _, hard = resource.getrlimit(resource.RLIMIT_AS)
    if extra is None:
        resource.setrlimit(resource.RLIMIT_AS, (hard, hard))
        return
    soft = _address_space() + extra
    resource.setrlimit(resource.RLIMIT_AS, (soft if hard == resource.RLIM_INFINITY else min(soft, hard), hard))


class _Opened:
    """The one database this worker has open (a query on another path, or on a file replaced since,
    closes it and opens that)."""

    def __init__(self, memory: int):
        self.memory, self.path, self.graph = memory, None, None

    def get(self, path: str, tables: Any):
        from .ladybug_graph import LadybugGraph

        try:
            st = os.stat(path)
            path = (path, st.st_ino, st.st_mtime_ns, st.st_size)
        except OSError:
            pass                # opening says what is wrong
        if self.path != path:
            if self.graph is not None:
                self.graph.close()
                self.graph, self.path = None, None
            _cap_memory(None)
            self.graph = LadybugGraph.open(Path(path[0] if isinstance(path, tuple) else path), tables,
                                           buffer_pool_size=self.memory)
            self.path = path
            _cap_memory(self.memory)
        return self.graph


def serve(conn, memory: int = QUERY_MEMORY) -> None:
    """Answer queries on ``conn`` until it closes."""
    from ..errors import QueryError
    from .ladybug_graph import _ladybug

    _ladybug()                  # imported before "ready": a ready worker answers at once
    opened = _Opened(memory)
    conn.send(("ready", os.getpid()))
    while True:
        try:
            message = conn.recv()
        except (EOFError, OSError):
            return
        kind, path, tables = message[:3]
        try:
            graph = opened.get(path, tables)
            if kind == "open":
                continue
            cypher, params, timeout, max_rows = message[3:]
            result = graph.query(cypher, params, timeout, max_rows)
            reply: tuple = ("ok", result.columns, result.rows)
        except QueryError as err:
            reply = ("memory", "") if memory_error(str(err)) else ("error", str(err))
        except MemoryError:
            reply = ("memory", "")
        except Exception as err:    # a damaged or vanished database: said to the caller, who knows the query
            reply = ("error", f"the embedded store's query process failed: {' '.join(str(err).split())[:300]}")
        if kind == "open":
            continue
        try:
            conn.send(reply)
        except MemoryError:
            conn.send(("memory", ""))
        if reply[0] == "memory":
            return


def main(argv: list[str] | None = None) -> None:
    from multiprocessing.connection import Connection

    args = sys.argv[1:] if argv is None else argv
    conn = Connection(int(args[0]))
    memory = int(args[1]) if len(args) > 1 else QUERY_MEMORY
    try:
        serve(conn, memory)
    finally:
        conn.close()


if __name__ == "__main__":
    main()
