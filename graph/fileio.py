"""Writing files so that a crash never leaves half of one: the one atomic-write helper.

The data goes to a temporary file in the target's folder (same file system,
so the final rename is atomic), is fsynced, and replaces the target with
``os.replace``; on any failure the temporary file is removed and the old
file is left as it was.

>>> import pathlib, tempfile
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> write_atomic(folder / "sub" / "a.txt", "سلام\\n")
>>> (folder / "sub" / "a.txt").read_text(encoding="utf-8"), [p.name for p in (folder / "sub").iterdir()]
('سلام\\n', ['a.txt'])
"""
from __future__ import annotations

import os
import tempfile
from pathlib import Path

__all__ = ["write_atomic"]


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
