"""The embedded store's file (``graph.json``): readable, versioned JSON, read and written with orjson.

One JSON object: ``format``, ``version``, then ``documents``, ``nodes`` (entities)
and ``edges`` (each with its evidence), each sorted by id, so equal graphs give
byte-equal files (``build --jobs N`` relies on it). orjson reads and writes it
several times faster than the standard library; the content is the same JSON
as before (version 1), one record per line. The file is replaced
atomically (:func:`graph.fileio.write_atomic`), once per command.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any, Iterable

import orjson

from ..errors import StoreError
from ..fileio import write_atomic

__all__ = ["FILE_FORMAT", "FILE_VERSION", "read_graph_file", "write_graph_file", "graph_file_bytes"]

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
