"""Extraction as a parallel map: the extractor is a pure function of an article's text, its metadata
and the compiled schema, so articles can be extracted anywhere, in any order, and put back in order.

Two users: ``geograph build --jobs N`` (:func:`extract_in_order`, worker
processes of this machine, results stored in input order) and a cluster map
over article files (:func:`extract_file`; ``docs/examples/dask_extract.py``
runs it with Dask).

>>> from pathlib import Path
>>> seeds = Path(__file__).resolve().parents[1] / "seeds"
>>> rows = extract_file(seeds / "000_78dd3b09c3dc0569.txt", seeds.parent / "schema")
>>> [(r["source"], r["type"], r["target"], r["date"]) for r in rows if r["type"] == "MET"]
[('CHRISTOPHER_LANDAU', 'MET', 'ABDOULAYE_DIOP', '2025-11-04')]
"""
from __future__ import annotations

import functools
import itertools
from collections import deque
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator

from .documents import Document, read_document, read_manifest
from .model import Relation

__all__ = ["extract_file", "extract_in_order", "relation_rows"]

#: documents per task sent to a worker, and tasks per worker in one window (two windows are in flight)
CHUNK, WINDOW = 2, 8


def relation_rows(relations: Iterable[Relation], include_modal: bool = False) -> list[dict[str, Any]]:
    """The JSON objects ``geograph extract`` writes, one per relation: facts only unless ``include_modal``."""
    return [rel.to_json() for rel in relations if include_modal or rel.modality == "fact"]


def extract_file(path: str | Path, schema: Any, *, published: str | None = None, outlet: str | None = None,
                 include_modal: bool = False, alone: bool = False) -> list[dict[str, Any]]:
    """The relations of one article file, as ``geograph extract`` gives them (publication date, outlet
    and language from the manifest.yaml beside it, or from ``published``/``outlet``); ``alone`` for a
    file named by itself rather than found in a folder, whose id then carries its text's hash as the
    command's does (:class:`graph.inputs.ArticleFile`).

    ``schema`` is a compiled :class:`~graph.schema.compiled.Schema`, or a schema folder, compiled (or
    read from the schema cache) once per process.
    """
    from .extraction.pipeline import extract_document

    path = Path(path)
    doc = read_document(path, _manifest(str(path.parent)), published=published, outlet=outlet, alone=alone)
    return relation_rows(extract_document(_schema(schema), doc), include_modal)


@functools.lru_cache(maxsize=64)
def _manifest(folder: str) -> dict:
    """One folder's manifest, read once per process (not once per article)."""
    return read_manifest(Path(folder))


def _schema(schema: Any):
    return _load_schema(str(schema)) if isinstance(schema, (str, Path)) else schema


@functools.lru_cache(maxsize=4)
def _load_schema(folder: str):
    from .schema.load import load_schema
    return load_schema(folder)


# --- worker processes of this machine (geograph build --jobs N) ---

_worker: Callable[[Document], list[Relation]] | None = None


def _init_worker(extract: Callable[[Document], list[Relation]]) -> None:
    import signal

    global _worker
    _worker = extract
    signal.signal(signal.SIGINT, signal.SIG_IGN)    # Ctrl+C stops the command once, not once per worker


def _run_worker(doc: Document) -> list[Relation]:
    return _worker(doc)


def extract_in_order(documents: Iterable[Document], extract: Callable[[Document], list[Relation]], jobs: int = 1,
                     wanted: Callable[[Document], bool] = lambda doc: True
                     ) -> Iterator[tuple[Document, list[Relation] | None]]:
    """``(doc, extract(doc))`` for every document, in input order, with ``jobs`` worker processes.

    ``extract`` (picklable: a bound method of an Extractor) reaches each worker once, when it starts.
    Documents ``wanted`` rejects when they are read (already in the graph) are not extracted: their
    relations are None. At most two windows of ``jobs * CHUNK * WINDOW`` documents are in memory.
    """
    if jobs <= 1:
        for doc in documents:
            yield doc, (extract(doc) if wanted(doc) else None)
        return
    import multiprocessing

    with multiprocessing.get_context().Pool(jobs, initializer=_init_worker, initargs=(extract,)) as pool:
        in_flight: deque = deque()
        for window in _windows(documents, jobs * CHUNK * WINDOW):
            todo = [wanted(doc) for doc in window]
            batch = [doc for doc, want in zip(window, todo) if want]
            in_flight.append((window, todo, pool.map_async(_run_worker, batch, CHUNK)))
            if len(in_flight) == 2:         # the workers go on with this window while the oldest is used
                yield from _collect(*in_flight.popleft())
        while in_flight:
            yield from _collect(*in_flight.popleft())


def _windows(items: Iterable[Document], size: int) -> Iterator[list[Document]]:
    it = iter(items)
    while window := list(itertools.islice(it, size)):
        yield window


def _collect(window: list[Document], todo: list[bool], result) -> Iterator[tuple[Document, list[Relation] | None]]:
    found = iter(result.get())
    for doc, want in zip(window, todo):
        yield doc, (next(found) if want else None)
