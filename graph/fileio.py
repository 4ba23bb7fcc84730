"""Writing files so that a crash never leaves half of one, and one writer at a time.

The data goes to a temporary file in the target's folder (same file system,
so the final rename is atomic), is fsynced, and replaces the target with
``os.replace``; on any failure the temporary file is removed and the old
file is left as it was.

>>> import pathlib, tempfile
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> write_atomic(folder / "sub" / "a.txt", "سلام\\n")
>>> (folder / "sub" / "a.txt").read_text(encoding="utf-8"), [p.name for p in (folder / "sub").iterdir()]
('سلام\\n', ['a.txt'])

A file that several processes rewrite whole (the embedded store's ``graph.json``) is changed only
under :func:`writer_lock`: a second writer waits (saying so once on stderr) and fails with a clear
StoreError after ``GEOGRAPH_LOCK_TIMEOUT`` seconds. Temporary files a killed writer left are removed
once the lock is held (no live writer can own them then):

>>> _ = (folder / "sub" / ".a.txt.x1y2.tmp").write_text("half")
>>> with writer_lock(folder / "sub" / "a.txt", timeout=1):
...     sorted(p.name for p in (folder / "sub").iterdir())
['a.txt', 'a.txt.lock']
"""
from __future__ import annotations

import contextlib
import os
import sys
import tempfile
from pathlib import Path
from typing import Iterator

from .errors import StoreError

__all__ = ["write_atomic", "writer_lock", "lock_timeout", "LOCK_TIMEOUT"]

LOCK_TIMEOUT = 600.0   # seconds a writer waits for another (a big build takes minutes); GEOGRAPH_LOCK_TIMEOUT


def write_atomic(path: str | Path, data: bytes | str) -> None:
    """Replace ``path`` with ``data`` (text is written as UTF-8) in one step; raises OSError."""
    path = Path(path)
    if isinstance(data, str):
        data = data.encode("utf-8")
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise


def lock_timeout() -> float:
    """Seconds to wait for another writer: ``GEOGRAPH_LOCK_TIMEOUT``, else :data:`LOCK_TIMEOUT`."""
    value = os.environ.get("GEOGRAPH_LOCK_TIMEOUT")
    if not value:
        return LOCK_TIMEOUT
    try:
        seconds = float(value)
    except ValueError:
        raise StoreError(f"GEOGRAPH_LOCK_TIMEOUT={value!r}: give a number of seconds") from None
    if not seconds >= 0:
        raise StoreError(f"GEOGRAPH_LOCK_TIMEOUT={value!r}: give a number of seconds, 0 or more")
    return seconds


@contextlib.contextmanager
def writer_lock(path: str | Path, *, timeout: float | None = None) -> Iterator[None]:
    """Hold ``PATH.lock`` (an OS file lock, released even when the process is killed) while changing ``path``.

    Another holder makes this wait, with one line on stderr, up to ``timeout`` seconds (default
    :func:`lock_timeout`), then raise StoreError. Re-entrant within a thread.
    """
    from filelock import FileLock, Timeout

    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    lock = FileLock(str(path) + ".lock")
    wait = lock_timeout() if timeout is None else timeout
    try:
        lock.acquire(timeout=0)
    except Timeout:
        print(f"geograph: another command is writing {path}; waiting for it (up to {wait:g} s, "
              "GEOGRAPH_LOCK_TIMEOUT)", file=sys.stderr, flush=True)
        try:
            lock.acquire(timeout=wait)
        except Timeout:
            raise StoreError(f"{path} is still being written by another command after {wait:g} s: try again "
                             "when it has finished (or raise GEOGRAPH_LOCK_TIMEOUT)") from None
    try:
        _remove_stale_temporaries(path)
        yield
    finally:
        lock.release()


def _remove_stale_temporaries(path: Path) -> None:
    """Delete the temporary files :func:`write_atomic` left for ``path`` (a writer killed mid-write)."""
    for tmp in path.parent.glob(f".{path.name}.*.tmp"):
        with contextlib.suppress(OSError):
            tmp.unlink()
