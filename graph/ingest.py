"""Articles -> extraction -> graph store (``geograph build``, ``geograph add`` and ``geograph remove``).

Idempotent: an article already in the store with the same text, metadata and
schema fingerprint is skipped before extraction, so building the same folder
twice changes nothing and costs little. One whose text or metadata changed is
replaced: its old relations are taken out (:meth:`GraphStore.remove_document`)
and the new ones added, and the report says per rule what was added and
removed. After a schema edit, an article is re-extracted (replaced) only if the
parts of the schema it reads changed (:mod:`graph.schema.parts`); the others
are only marked as checked against the new schema. Every piece of evidence
carries its article's outlet, publication date, language and the fingerprint
of the schema parts its article read.
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
from .inputs import StoredIds, article_files, count_articles, read_documents
from .model import Relation
from .provenance import rule_changes, sketch, text_hash
from .stores.base import DocumentInfo, GraphStore

__all__ = ["IngestReport", "ingest_documents", "extract_with_metadata", "extract_article", "build", "add_article",
           "remove_documents", "document_info", "progress_bar"]


@dataclass
class IngestReport:
    """What an ingest did: documents added and skipped (already present), relations stored, and
    warnings (files ignored, lines of news dumps skipped) for the caller to show."""

    added: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    replaced: list[str] = field(default_factory=list)
    renamed: dict[str, str] = field(default_factory=dict)       # replaced article's new id -> the id it had
    relations: int = 0
    warnings: list[Problem] = field(default_factory=list)
    rules: dict[str, list[int]] = field(default_factory=dict)   # rule -> [relations added, removed] by replacing
    checked: int = 0      # articles held, unchanged, last extracted or checked with another schema
    reextracted: dict[str, int] = field(default_factory=dict)    # why (a schema part's change) -> articles
    reextracted_ids: list[str] = field(default_factory=list)     # the checked articles re-extracted

    def summary(self) -> str:
        replaced = f"{len(self.replaced)} replaced, " if self.replaced else ""
        return (f"{len(self.added)} document(s) added, {replaced}{len(self.skipped)} already in the graph, "
                f"{self.relations} relation(s) stored")

    def rule_lines(self) -> list[str]:
        """After a schema change, how many articles were re-extracted and why; then one line per rule
        whose relations changed when articles were replaced."""
        lines = [self.schema_line()] if self.checked else []
        return lines + [f"rule {rule}: +{a} -{r} relation(s)" for rule, (a, r) in sorted(self.rules.items())]

    def schema_line(self, most: int = 6) -> str:
        """'3 of 120 article(s) re-extracted after the schema change: rule met.verb.ar changed (3)'."""
        n = len(self.reextracted_ids)
        head = f"{n} of {self.checked} article(s) re-extracted after the schema change"
        if not self.reextracted:
            return f"{head}: none reads a changed part"
        why = sorted(self.reextracted.items(), key=lambda kv: (-kv[1], kv[0]))
        more = f", and {len(why) - most} more" if len(why) > most else ""
        return f"{head}: " + ", ".join(f"{w} ({k})" for w, k in why[:most]) + more


def document_info(doc: Document, schema: str | None = None, parts: tuple[str, ...] = ()) -> DocumentInfo:
    """What the store keeps of an article: metadata, text hash, sketch, the schema fingerprint and the
    schema parts it read."""
    return DocumentInfo(id=doc.id, outlet=doc.outlet, published=doc.published.isoformat() if doc.published else None,
                        lang=doc.lang, path=doc.path, url=doc.url, sha=text_hash(doc.text), schema=schema,
                        sketch=sketch(doc.text), parts=tuple(parts), text=doc.text, source=doc.source)


def _stored_as(old: DocumentInfo | None, doc: Document) -> bool:
    """Whether the article is in the store with the same text and metadata (any schema)."""
    published = doc.published.isoformat() if doc.published else None
    return old is not None and old.same_article(DocumentInfo(doc.id, doc.outlet, published, doc.lang, url=doc.url,
                                                             sha=text_hash(doc.text), schema=old.schema))


def _with_metadata(relations: list[Relation], info: DocumentInfo) -> list[Relation]:
    """Fill each evidence's outlet, publication date, language, URL and schema from the article where missing."""
    fill = {"outlet": info.outlet, "published": info.published, "lang": info.lang, "url": info.url,
            "schema": info.schema}
    out = []
    for rel in relations:
        evidence = [dataclasses.replace(e, **{k: v for k, v in fill.items() if getattr(e, k) is None and v})
                    for e in rel.evidence]
        out.append(dataclasses.replace(rel, evidence=evidence))
    return out


def extract_with_metadata(extractor: Any, schema: str | None, doc: Document) -> list[Relation]:
    """An article's relations, each evidence with the article's metadata and ``schema`` as its fingerprint."""
    published = doc.published.isoformat() if doc.published else None
    return _with_metadata(extractor.extract(doc), DocumentInfo(doc.id, doc.outlet, published, doc.lang, doc.path,
                                                               doc.url, schema=schema))


def extract_article(extractor: Any, parts: Any, doc: Document) -> tuple[list[Relation], tuple[str, ...]]:
    """What a worker does for one article (see :func:`graph.parallel.extract_in_order`): its relations,
    their evidence stamped with the fingerprint of the schema parts it reads, and those parts."""
    from .schema.parts import article_parts, parts_fingerprint

    read = article_parts(extractor.schema, parts, doc.text)
    return extract_with_metadata(extractor, parts_fingerprint(read), doc), read


class _Plan:
    """Which articles to extract: new ones, changed ones, and after a schema change those whose parts
    changed (checked in the main process as articles are read; the others are re-stamped at the end)."""

    def __init__(self, store: GraphStore, schema: Any, parts: Any, report: IngestReport):
        self.store, self.schema, self.parts, self.report = store, schema, parts, report
        self.unaffected: list[str] = []

    def wanted(self, doc: Document) -> bool:
        from .schema.parts import article_parts, changes, stale

        old = self.store.document(doc.id)
        if not _stored_as(old, doc):
            return True
        if old.schema == self.parts.fingerprint:
            return False
        self.report.checked += 1
        why = stale(old.parts, self.parts)      # a part it read changed: no need to read its text
        if not why:
            now = article_parts(self.schema, self.parts, doc.text)
            if tuple(old.parts) == now:
                self.unaffected.append(doc.id)
                return False
            why = changes(old.parts, now, self.parts)
        self.report.reextracted_ids.append(doc.id)
        for line in why:
            self.report.reextracted[line] = self.report.reextracted.get(line, 0) + 1
        return True

    def current(self, doc: Document) -> bool:
        """Whether the store holds the article as it is now, with this schema (given twice: stored once)."""
        old = self.store.document(doc.id)
        return _stored_as(old, doc) and old.schema == self.parts.fingerprint


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
    """Extract and store each document not in ``store`` as it is now (new, or changed: replaced; after a
    schema change, re-extracted if a part of the schema it reads changed); flush at the end (also on error).

    With ``jobs`` > 1 the articles are extracted by that many worker processes and stored in input
    order, so the graph (and its file) is the same as with one.
    """
    from .parallel import extract_in_order
    from .schema.parts import schema_parts

    report = IngestReport()
    entities = extractor.schema.entities
    parts = schema_parts(extractor.schema)
    symmetric = {name for name, t in store.relation_types.items() if getattr(t, "symmetric", False)} \
        if store.relation_types else set()
    extract = functools.partial(extract_article, extractor, parts)
    stored = StoredIds(store)
    plan = _Plan(store, extractor.schema, parts, report)
    with store.writing():   # one writer at a time; flushed at the end, also on error
        extracted = extract_in_order(documents, extract, jobs, wanted=plan.wanted)
        for doc, found in progress_bar(extracted, show=progress, total=total, desc="building graph"):
            held = store.has_document(doc.id)
            if held:
                stored.check(doc)   # the same id for another file is an error; the same file changed is replaced
            previous = stored.previous(doc)   # the same file read before under another id (other text, or given
            if held and (found is None or plan.current(doc)):   # alone / in a folder)
                if previous is None:
                    report.skipped.append(doc.id)
                    continue
                relations = store.document_relations(doc.id)   # the copy is there; only its other reading goes
                old = store.document_relations(previous)
                store.remove_document(previous)
                _replaced(report, doc.id, previous, old, relations, symmetric)
                continue
            relations, read = found if found is not None else extract(doc)
            gone = [d for d in (doc.id if held else None, previous) if d is not None]   # every older reading goes
            if gone:
                old = [rel for d in gone for rel in store.document_relations(d)]
                for d in gone:
                    store.remove_document(d)
                _replaced(report, doc.id, previous, old, relations, symmetric)
            if store.add_document(document_info(doc, parts.fingerprint, read), relations, entities):
                if doc.id not in report.replaced:
                    report.added.append(doc.id)
                report.relations += len(relations)
            else:
                report.skipped.append(doc.id)
        if plan.unaffected:
            store.set_document_schema(plan.unaffected, parts.fingerprint)
    return report


def _replaced(report: IngestReport, doc_id: str, previous: str | None, old: list[Relation],
              new: list[Relation], symmetric: set[str]) -> None:
    """Count an article replaced (under its id, or in place of ``previous``) and its relations per rule."""
    report.replaced.append(doc_id)
    if previous is not None:
        report.renamed[doc_id] = previous
    for rule, (a, r) in rule_changes(old, new, symmetric).items():
        counts = report.rules.setdefault(rule, [0, 0])
        counts[0] += a
        counts[1] += r


def remove_documents(store: GraphStore, doc_ids: Iterable[str]) -> list[str]:
    """Take articles out of the graph (with every edge only they supported); the ids not in it.

    Flushes at the end, also on error."""
    missing = []
    with store.writing():   # one writer at a time; flushed at the end, also on error
        for doc_id in doc_ids:
            if not store.remove_document(doc_id):
                missing.append(doc_id)
    return missing


def build(store: GraphStore, paths: Iterable[str | Path], extractor: Any, *,
          progress: bool | None = None, jobs: int = 1) -> IngestReport:
    """Add every article under ``paths`` (files or folders with a manifest.yaml), extracted by ``jobs``
    worker processes.

    ``progress`` None shows a bar when stderr is a terminal.
    """
    warnings: list[Problem] = []
    files = article_files(paths, warnings)
    show = sys.stderr.isatty() if progress is None else progress
    n = count_articles(files)
    report = ingest_documents(store, read_documents(files, warnings=warnings), extractor, progress=show, total=n,
                              jobs=min(jobs, max(1, n)))
    report.warnings = warnings
    return report


def add_article(store: GraphStore, path: str | Path, extractor: Any, *, published: Any = None,
                outlet: str | None = None) -> IngestReport:
    """Add one article; ``published`` (YYYY-MM-DD) and ``outlet`` win over a manifest beside it. An
    outlet given nowhere keeps the one stored with the article (adding it again without
    ``--outlet`` changes nothing)."""
    warnings: list[Problem] = []
    documents = list(read_documents([path], published=published, outlet=outlet, warnings=warnings))
    held = StoredIds(store)
    for doc in documents:
        if doc.outlet is None:   # the article as stored, under its id or another reading of its file's
            stored = store.document(doc.id)
            if stored is None and (previous := held.previous(doc)) is not None:
                stored = store.document(previous)
            if stored is not None:
                doc.outlet = stored.outlet
    report = ingest_documents(store, documents, extractor, progress=False, total=1)
    report.warnings = warnings
    return report
