"""Articles -> extraction -> graph store (``geograph build`` and ``geograph add``).

Idempotent: an article already in the store is skipped before extraction, so
building the same folder twice changes nothing and costs little. Every piece
of evidence carries its article's outlet, publication date and language (the
store derives first/last report dates from them).
"""
from __future__ import annotations

import dataclasses
import functools
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Iterator

from .documents import Document
from .errors import Problem
from .inputs import StoredIds, count_articles, iter_article_paths, read_documents
from .model import Relation
from .stores.base import DocumentInfo, GraphStore

__all__ = ["IngestReport", "ingest_documents", "build", "add_article", "document_info", "progress_bar"]


@dataclass
class IngestReport:
    """What an ingest did: documents added and skipped (already present), relations stored, and
    warnings (files ignored, lines of news dumps skipped) for the caller to show."""

    added: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    relations: int = 0
    warnings: list[Problem] = field(default_factory=list)

    def summary(self) -> str:
        return (f"{len(self.added)} document(s) added, {len(self.skipped)} already in the graph, "
                f"{self.relations} relation(s) stored")


def document_info(doc: Document) -> DocumentInfo:
    """What the store keeps of an article."""
    return DocumentInfo(id=doc.id, outlet=doc.outlet, published=doc.published.isoformat() if doc.published else None,
                        lang=doc.lang, path=doc.path, text=doc.text)


def _with_metadata(relations: list[Relation], info: DocumentInfo) -> list[Relation]:
    """Fill each evidence's outlet, publication date and language from the article where missing."""
    fill = {"outlet": info.outlet, "published": info.published, "lang": info.lang}
    out = []
    for rel in relations:
        evidence = [dataclasses.replace(e, **{k: v for k, v in fill.items() if getattr(e, k) is None and v})
                    for e in rel.evidence]
        out.append(dataclasses.replace(rel, evidence=evidence))
    return out


def _extract_with_metadata(extractor: Any, doc: Document) -> list[Relation]:
    """What a worker does for one article (see :func:`graph.parallel.extract_in_order`)."""
    return _with_metadata(extractor.extract(doc), document_info(doc))


def progress_bar(items: Iterable, *, show: bool, total: int | None, desc: str) -> Iterable:
    """``items`` with a tqdm bar on stderr when ``show`` (tqdm is imported only then)."""
    if not show:
        return items
    return _with_bar(items, total, desc)


def _with_bar(items: Iterable, total: int | None, desc: str) -> Iterator:
    """Tick once per item; the bar ends at the count really read, so lines skipped as broken
    (counted in ``total`` beforehand) do not leave it short of 100%."""
    from tqdm import tqdm

    bar = tqdm(total=total, unit="doc", desc=desc, file=sys.stderr)
    try:
        for item in items:
            yield item
            bar.update(1)
        if bar.total != bar.n:
            bar.total = bar.n
            bar.refresh()
    finally:
        bar.close()


def ingest_documents(store: GraphStore, documents: Iterable[Document], extractor: Any, *,
                     progress: bool = False, total: int | None = None, jobs: int = 1) -> IngestReport:
    """Extract and store each document not already in ``store``; flush at the end (also on error).

    With ``jobs`` > 1 the articles are extracted by that many worker processes and stored in input
    order, so the graph (and its file) is the same as with one.
    """
    from .parallel import extract_in_order

    report = IngestReport()
    entities = extractor.schema.entities
    extract = functools.partial(_extract_with_metadata, extractor)
    stored = StoredIds(store)
    with store.writing():   # one writer at a time; flushed at the end, also on error
        extracted = extract_in_order(documents, extract, jobs, wanted=lambda doc: not store.has_document(doc.id))
        for doc, relations in progress_bar(extracted, show=progress, total=total, desc="building graph"):
            if relations is None or store.has_document(doc.id):
                stored.check(doc)   # the same id for another article is an error, not a skip
                report.skipped.append(doc.id)
                continue
            if store.add_document(document_info(doc), relations, entities):
                report.added.append(doc.id)
                report.relations += len(relations)
            else:
                report.skipped.append(doc.id)
    return report


def build(store: GraphStore, paths: Iterable[str | Path], extractor: Any, *,
          progress: bool | None = None, jobs: int = 1) -> IngestReport:
    """Add every article under ``paths`` (files or folders with a manifest.yaml), extracted by ``jobs``
    worker processes.

    ``progress`` None shows a bar when stderr is a terminal.
    """
    warnings: list[Problem] = []
    files = list(iter_article_paths(paths, warnings))
    show = sys.stderr.isatty() if progress is None else progress
    n = count_articles(files)
    report = ingest_documents(store, read_documents(files, warnings=warnings), extractor, progress=show, total=n,
                              jobs=min(jobs, max(1, n)))
    report.warnings = warnings
    return report


def add_article(store: GraphStore, path: str | Path, extractor: Any, *, published: Any = None,
                outlet: str | None = None) -> IngestReport:
    """Add one article; ``published`` (YYYY-MM-DD) and ``outlet`` win over a manifest beside it."""
    warnings: list[Problem] = []
    documents = read_documents([path], published=published, outlet=outlet, warnings=warnings)
    report = ingest_documents(store, documents, extractor, progress=False, total=1)
    report.warnings = warnings
    return report
