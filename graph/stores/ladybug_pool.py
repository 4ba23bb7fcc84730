"""Warm worker processes for the embedded store's user queries, killed when a query's time is up.

The engine cannot stop a query that grows one value in one row
(:mod:`graph.stores.ladybug_worker`), so every user query runs in a worker
process: the caller waits for the answer until the time limit (plus
:data:`GRACE`, in which the engine's own limit usually answers first), then
kills the worker and says so. Workers are started once and kept (starting
one costs an interpreter and the engine's import, about 0.15 s; a query then
costs a round trip over a socket), each keeps its database open, and a killed
worker is replaced at once. One pool serves the process (:func:`shared_pool`):
a worker switches databases when asked about another. At most ``size`` idle
workers exist; a caller beyond that waits for one to be free (the server's
concurrency cap, one query per core by default, keeps that from happening there).
"""
from __future__ import annotations

import atexit
import os
import socket
import subprocess
import sys
import threading
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any, Mapping

from ..errors import QueryError, StoreError
from .base import QueryResult
from .ladybug_dialect import Tables
from .ladybug_worker import QUERY_MEMORY

__all__ = ["WorkerPool", "shared_pool", "GRACE", "START_TIMEOUT"]

GRACE = 0.5             # seconds past the time limit before the worker is killed (the engine's own
                        # limit, checked between chunks of rows, answers in this time when it can)
START_TIMEOUT = 60.0    # seconds a new worker may take to start (a loaded machine is slow to import)
_ROOT = str(Path(__file__).resolve().parents[2])     # the folder holding the graph package


class _Worker:
    """One worker process and our end of its socket."""

    def __init__(self, memory: int):
        ours, theirs = socket.socketpair()
        env = dict(os.environ, PYTHONPATH=os.pathsep.join(p for p in (_ROOT, os.environ.get("PYTHONPATH")) if p))
        try:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "graph.stores.ladybug_worker", str(theirs.fileno()), str(memory)],
                pass_fds=(theirs.fileno(),), stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL, env=env, close_fds=True)
        except OSError as err:
            ours.close()
            raise StoreError(f"cannot start a query process for the embedded store: {err}") from err
        finally:
            theirs.close()
        self.conn = Connection(ours.detach())
        self.ready = False

    def wait_ready(self) -> None:
        if self.ready:
            return
        if not self.conn.poll(START_TIMEOUT):
            self.kill()
            raise StoreError(f"the embedded store's query process did not start within {START_TIMEOUT:g} s")
        try:
            self.conn.recv()
        except (EOFError, OSError):
            self.kill()
            raise StoreError("the embedded store's query process ended as it started (is ladybug installed?)") \
                from None
        self.ready = True

    def alive(self) -> bool:
        return self.process.poll() is None

    def kill(self) -> None:
        """End the process now (SIGKILL: it may be inside the engine) and reap it."""
        try:
            self.process.kill()
            self.process.wait()
        finally:
            self.conn.close()


class WorkerPool:
    """Worker processes shared by the queries of one process (see the module docstring)."""

    def __init__(self, size: int | None = None, memory: int = QUERY_MEMORY):
        self.size = size or os.cpu_count() or 1
        self.memory = memory
        self._idle: list[_Worker] = []
        self._count = 0                 # workers started and not ended: idle and busy
        self._cond = threading.Condition()
        self._last: tuple[str, Tables | None] | None = None     # the database asked last: new workers open it

    def warm(self, n: int | None = None, database: tuple[Path, Tables | None] | None = None) -> None:
        """Start workers until ``n`` (default ``size``; the pool grows to it) exist, each opening
        ``database`` (path, tables; default: the last one asked about)."""
        if database is not None:
            self._last = (str(database[0]), database[1])
        with self._cond:
            self.size = max(self.size, n or 0)
            missing = max(0, (n or self.size) - self._count)
            self._count += missing
        for _ in range(missing):
            self._give(self._new(), starting=True)

    def _new(self) -> _Worker:
        try:
            worker = _Worker(self.memory)
        except BaseException:
            self._gone()
            raise
        if self._last is not None:
            worker.conn.send(("open", *self._last))
        return worker

    def _take(self) -> _Worker:
        """An idle worker, a new one if fewer than ``size`` exist, else the next one given back."""
        with self._cond:
            while True:
                while self._idle:
                    worker = self._idle.pop()
                    if worker.alive():
                        return worker
                    worker.kill()
                    self._count -= 1
                if self._count < self.size:
                    self._count += 1
                    break
                self._cond.wait()
        return self._new()

    def _give(self, worker: _Worker, starting: bool = False) -> None:
        """Make ``worker`` idle; a ``starting`` one goes last in line (warm ones are taken first)."""
        with self._cond:
            self._idle.insert(0, worker) if starting else self._idle.append(worker)
            self._cond.notify()

    def _gone(self) -> None:
        with self._cond:
            self._count -= 1
            self._cond.notify()

    def query(self, path: Path, tables: Tables | None, cypher: str, params: Mapping[str, Any], timeout: float,
              max_rows: int) -> QueryResult:
        """Run ``cypher`` on the database at ``path`` in a worker; QueryError for errors and limits."""
        self._last = (str(path), tables)
        worker = self._take()
        try:
            worker.wait_ready()
        except StoreError:
            self._gone()
            raise
        try:
            worker.conn.send(("query", str(path), tables, cypher, dict(params), timeout, max_rows))
            answered = worker.conn.poll(timeout + GRACE if timeout else None)
            reply = worker.conn.recv() if answered else None
        except (EOFError, OSError):
            reply = ("died",)
        except BaseException:           # interrupted while waiting (Ctrl-C): its worker is in an unknown state
            worker.kill()
            self._gone()
            raise
        if reply is None or reply[0] in ("died", "memory"):
            worker.kill()
            # its replacement starts now, off the next query's path (it counts as the killed one)
            self._give(self._new(), starting=True)
            if reply is None:
                raise QueryError(f"query {cypher[:200]!r} ran longer than {timeout:g} s and was stopped: narrow "
                                 "the MATCH (labels, {id: ...}), add a LIMIT, or build smaller values")
            if reply[0] == "memory":
                raise QueryError(f"query {cypher[:200]!r} ran out of memory and was stopped (a query on the "
                                 f"embedded store may use {2 * self.memory / (1 << 30):g} GB): build smaller "
                                 "values, or aggregate")
            raise QueryError(f"query {cypher[:200]!r} ended its query process (the engine crashed): try "
                             "another form of the query")
        self._give(worker)
        if reply[0] == "error":
            raise QueryError(reply[1])
        return QueryResult(reply[1], reply[2])

    def close(self) -> None:
        """End the idle workers (busy ones end when their query does, or with this process)."""
        with self._cond:
            idle, self._idle = self._idle, []
            self._count -= len(idle)
        for worker in idle:
            worker.kill()


_shared: WorkerPool | None = None
_shared_lock = threading.Lock()


def shared_pool() -> WorkerPool:
    """The process's pool (created on first use; its workers end with the process)."""
    global _shared
    with _shared_lock:
        if _shared is None:
            _shared = WorkerPool()
            atexit.register(_shared.close)
        return _shared
