"""Compiled schemas kept on disk, keyed by a fingerprint of everything they were compiled from.

Compiling ``schema/`` takes most of a second; unpickling the result takes a
fraction of that, and the light :class:`~graph.schema.compiled.Gazetteer` part
a few milliseconds. The fingerprint hashes the bytes of every ``*.yaml`` under
the schema folder and the folder's path (as given and resolved: compiled
records name their files), the bytes of every module of the ``graph``
package (the compiler and the classes pickled; a version number would miss
an edit), the Python version and the installed libraries whose data or
objects go into a compiled schema. Any change gives a new fingerprint, so
a stale entry is never read; it is left for pruning. An entry that cannot be
read (truncated, corrupt, from an incompatible library) is rebuilt and
replaced, silently. Entries are written atomically and only the newest
:data:`KEEP` of each kind are kept.

Folder: ``$GEOGRAPH_CACHE``, else ``$XDG_CACHE_HOME/geograph``, else
``~/.cache/geograph``. A folder that cannot be written only costs the speed.

>>> import tempfile
>>> folder = Path(tempfile.mkdtemp())
>>> (folder / "a.yaml").write_text("x: 1\\n", encoding="utf-8")
5
>>> before = fingerprint(folder)
>>> (folder / "a.yaml").write_text("x: 2\\n", encoding="utf-8")
5
>>> fingerprint(folder) != before
True
"""
from __future__ import annotations

import contextlib
import gc
import hashlib
import importlib.util
import os
import pickle
import sys
from pathlib import Path
from typing import Any, Callable, TypeVar

__all__ = ["cache_dir", "fingerprint", "hash_tree", "cached", "KEEP"]

T = TypeVar("T")

#: entries of each kind kept in the cache folder (the newest used)
KEEP = 8
#: libraries whose data (babel's CLDR month names) or objects (pyahocorasick automata) a compiled schema holds
_LIBRARIES = ("babel", "ahocorasick", "yaml")
_PACKAGE = Path(__file__).resolve().parents[1]


def cache_dir() -> Path:
    """``$GEOGRAPH_CACHE``, else ``$XDG_CACHE_HOME/geograph``, else ``~/.cache/geograph``."""
    if os.environ.get("GEOGRAPH_CACHE"):
        return Path(os.environ["GEOGRAPH_CACHE"])
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "geograph"


def fingerprint(root: str | Path) -> str:
    """A hash of what a compiled ``root`` depends on: its YAML, our code, Python and libraries."""
    given, root = str(root), Path(root).resolve()     # records name their files as the folder was given
    h = hashlib.sha256()
    h.update(f"{sys.version}\0{pickle.HIGHEST_PROTOCOL}\0{given}\0{root}\0".encode())
    for lib in _LIBRARIES:
        spec = importlib.util.find_spec(lib)
        origin = spec.origin if spec is not None and spec.origin else ""
        stat = os.stat(origin) if origin else None
        h.update(f"{lib}\0{origin}\0{stat and (stat.st_mtime_ns, stat.st_size)}\0".encode())
    hash_tree(h, _PACKAGE, "*.py")
    hash_tree(h, root, "*.yaml")
    return h.hexdigest()[:32]


def hash_tree(h: Any, base: Path, pattern: str) -> None:
    """Feed ``h`` the path (from ``base``) and bytes of every file under ``base`` matching ``pattern``,
    in a fixed order: a change to any file, or a file added or removed, changes the digest."""
    for path in sorted(base.rglob(pattern)):
        h.update(f"{path.relative_to(base).as_posix()}\0".encode())
        h.update(path.read_bytes())
        h.update(b"\0")


def cached(kind: str, root: str | Path, build: Callable[[], T], expect: type,
           also: Callable[[T], dict[str, object]] | None = None) -> T:
    """The ``kind`` entry of ``root`` from the cache, else ``build()`` (then stored).

    ``also`` gives other entries derivable from a fresh build (kind -> object),
    stored with it: compiling the whole schema also stores its light part.
    Errors of ``build`` (a SchemaError) propagate; nothing is stored then.
    """
    key = fingerprint(root)
    folder = cache_dir()
    path = folder / f"{kind}-{key}.pickle"
    with no_collection():
        found = _read(path, expect)
        if found is not None:
            return found
        value = build()
    entries = {kind: value, **(also(value) if also else {})}
    for name, obj in entries.items():
        _write(folder, name, key, obj)
    return value


@contextlib.contextmanager
def no_collection():
    """A compiled schema is a million small long-lived objects. The cyclic garbage collector, run while
    they are made, triples the time to load them, and its first full pass after that costs as much as
    the unpickling: it is paused while they are made, and what exists then is frozen (never scanned)."""
    was_on = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_on:
            gc.freeze()
            gc.enable()


def _read(path: Path, expect: type):
    try:
        with open(path, "rb") as fh:
            value = pickle.load(fh)
    except FileNotFoundError:
        return None
    except Exception:       # noqa: BLE001 - truncated, corrupt or incompatible: rebuilt by the caller
        return None
    if not isinstance(value, expect):
        return None
    try:
        os.utime(path)      # most recently used: kept by the pruning
    except OSError:
        pass
    return value


def _write(folder: Path, kind: str, key: str, value) -> None:
    from ..fileio import write_atomic

    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)     # entries are code to this user: theirs alone
        write_atomic(folder / f"{kind}-{key}.pickle", pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))
        _prune(folder, kind)
    except OSError:
        pass                # a read-only or full cache folder only costs the speed


def _prune(folder: Path, kind: str) -> None:
    entries = sorted(folder.glob(f"{kind}-*.pickle"), key=lambda p: p.stat().st_mtime_ns, reverse=True)
    for stale in entries[KEEP:]:
        stale.unlink(missing_ok=True)
