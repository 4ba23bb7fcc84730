"""Applying a compiled :class:`~graph.schema.compiled.Schema` to documents (the public entry point).

Per sentence: tokens of the normalized text, entity mentions (gazetteer
aliases and adjectives, then anaphora), role appositions (titles next to
names, which also yield HOLDS_ROLE), dates, then triggers. Each trigger's rule
finds its source and target by the strategies it lists, in order; the
relation gets its modality from nearby cues and its date from the nearest
date expression (or, failing that, from the previous dated event of the same
actor). Reports of one relation in a document are merged into one
:class:`~graph.model.Relation` with every piece of evidence.

The stages are modules of :mod:`graph.extraction`; this class only runs them.

>>> from graph.rules import load_schema                        # doctest: +SKIP
>>> ex = Extractor(load_schema())                              # doctest: +SKIP
>>> [r.type for r in ex.extract(Document.from_text("زار لاندو مالي."))]  # doctest: +SKIP
['VISITED']
"""
from __future__ import annotations

from typing import Any

from .documents import Document
from .errors import ExtractionFailed, GeographError
from .extraction.pipeline import extract_document
from .extraction.sentence import Mention
from .model import Relation
from .schema.compiled import Schema

__all__ = ["Extractor", "Mention"]


class Extractor:
    """Extracts relations from documents with one compiled schema (reusable, stateless between calls)."""

    def __init__(self, schema: Schema):
        self.schema = schema
        schema.scanner.prepare()   # its automaton is built now, not while the first sentence waits

    def extract(self, doc: Document) -> list[Relation]:
        """Every relation the document states (facts and modal ones), merged per document.

        A failure inside the stages is ours: it is raised as ExtractionFailed naming the article.

        >>> Extractor.__new__(Extractor).extract(Document(id="b1", text="x", path="in/b1.txt"))
        Traceback (most recent call last):
        graph.errors.ExtractionFailed: in/b1.txt: the extractor failed on this article (AttributeError: ...
        """
        try:
            return extract_document(self.schema, doc)
        except GeographError:
            raise
        except Exception as err:   # a bug: say which article, so it can be reported and the rest kept
            raise ExtractionFailed(f"{doc.path or doc.id}: the extractor failed on this article "
                                   f"({type(err).__name__}: {err}); this is a bug in Geograph, please report it "
                                   f"with the article") from err

    def explain(self, doc: Document) -> dict[str, Any]:
        """Per sentence: mentions, dates, triggers, relations, and why candidates were dropped."""
        trace: dict[str, Any] = {"sentences": []}
        extract_document(self.schema, doc, trace)
        return trace
