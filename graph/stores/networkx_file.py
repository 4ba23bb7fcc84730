"""The embedded store's file (``graph.json``): readable, versioned JSON, read and written with orjson.

One JSON object: ``format``, ``version``, then ``documents``, ``nodes`` (entities)
and ``edges`` (each with its evidence), each sorted by id, so equal graphs give
byte-equal files (``build --jobs N`` relies on it). orjson reads and writes it
several times faster than the standard library; the content is the same JSON
as before (version 1), one record per line. The file is replaced
atomically (:func:`graph.fileio.write_atomic`), once per command. Its stamp (size,
modification time, inode) tells a reader that another process replaced it
(:class:`FileBacked`, the store's load path).
"""
from __future__ import annotations

import gc
from pathlib import Path
from typing import Any, Iterable

import orjson

from ..errors import StoreError
from ..fileio import write_atomic
from .networkx_cypher import file_stamp

__all__ = ["FILE_FORMAT", "FILE_VERSION", "read_graph_file", "write_graph_file", "graph_file_bytes", "FileBacked"]

FILE_FORMAT = "geograph-networkx"
FILE_VERSION = 1


def _advice(path: Path) -> str:
    return f"the graph file {str(path)!r}"


def read_graph_file(path: Path) -> dict[str, Any]:
    """The file's content, checked for format and version; StoreError (naming the file) otherwise."""
    try:
        data = orjson.loads(path.read_bytes())
    except (OSError, orjson.JSONDecodeError) as err:
        raise StoreError(f"cannot read {_advice(path)}: {err}; delete it and run `geograph build` again") from err
    if not isinstance(data, dict) or data.get("format") != FILE_FORMAT:
        raise StoreError(f"{str(path)!r} is not a Geograph graph file (format {FILE_FORMAT!r}); "
                         "point GEOGRAPH_HOME elsewhere or delete it")
    if data.get("version") != FILE_VERSION:
        raise StoreError(f"{str(path)!r} has graph file version {data.get('version')!r}, this Geograph "
                         f"reads version {FILE_VERSION}; delete it and run `geograph build` again")
    return data


def damaged(path: Path, err: Exception) -> StoreError:
    """The error for a file whose JSON is well formed but whose records are not."""
    return StoreError(f"{_advice(path)} is damaged ({err!r}); delete it and run `geograph build` again")


def graph_file_bytes(documents: Iterable[Any], nodes: Iterable[dict], edges: Iterable[dict]) -> bytes:
    """The file's bytes: one record (document, entity, edge with its evidence) per line, no padding,
    so the file is small, quick to parse and still easy to read and grep.

    Records may hold dataclasses (documents, evidence): orjson writes their fields in
    declaration order, as :func:`dataclasses.asdict` would; tuples become lists.
    """
    dumps = orjson.dumps
    out = [b'{"format": ', dumps(FILE_FORMAT), b', "version": ', dumps(FILE_VERSION)]
    for name, records in (("documents", documents), ("nodes", nodes), ("edges", edges)):
        lines = b",\n".join(map(dumps, records))
        out += [b',\n"', name.encode(), b'": [\n', lines, b"\n]" if lines else b"]"]
    out.append(b"}\n")
    return b"".join(out)


def write_graph_file(path: Path, data: bytes) -> None:
    """Replace the file atomically; StoreError with advice when the folder is not writable."""
    try:
        write_atomic(path, data)
    except OSError as err:
        raise StoreError(f"cannot write {_advice(path)}: {err.strerror}; check that GEOGRAPH_HOME is a "
                         "writable folder") from err


class FileBacked:
    """The embedded store's load path (a mixin of :class:`graph.stores.networkx_store.NetworkXStore`):
    reading the file with its stamp, and :meth:`refresh` when another process replaced it.

    The store provides ``path``, ``_read()``, ``_lock``, ``_reloading``, ``_dirty``, ``_file_stamp``
    and ``generation``.
    """

    def _load(self) -> None:
        """Read the file. The cyclic garbage collector is paused meanwhile: the load creates
        hundreds of thousands of objects and no cycles, and its passes over them would cost
        several times the load itself.

        The stamp is taken before and after: a file replaced during the read leaves the stamp
        unknown, so the next :meth:`refresh` reads it again."""
        before = file_stamp(self.path)
        paused = gc.isenabled()
        gc.disable()
        try:
            self._read()
        finally:
            if paused:
                gc.enable()
        self._file_stamp = before if file_stamp(self.path) == before else None

    def refresh(self) -> bool:
        """Catch up with the file if another process replaced it since it was read or written;
        True if the graph was reloaded. Costs one ``stat`` when nothing changed.

        Unsaved changes of this process win (nothing is reloaded then). The new file is read
        into a fresh store first, so readers keep the old graph until the new one is swapped
        in whole, under the lock; :attr:`generation` then moves on, so what is derived from
        the graph (the Cypher database, who-met's index, the viewer's cache) is rebuilt.
        """
        if self.path is None or self._dirty or file_stamp(self.path) == self._file_stamp:
            return False
        with self._reloading:           # one thread reads the new file; the others wait for it
            if self._dirty or file_stamp(self.path) == self._file_stamp:
                return False
            fresh = type(self)(self.path, relation_types=self.relation_types)
            with self._lock:
                if self._dirty:
                    return False
                own = {"path", "relation_types", "_lock", "_reloading", "_cypher", "generation", "_dirty"}
                self.__dict__.update({k: v for k, v in vars(fresh).items() if k not in own})
                self.generation += 1
                return True
