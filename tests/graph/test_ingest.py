"""Ingest with the real extractor: idempotent, evidence carries the article's metadata."""
from __future__ import annotations

import pytest

from graph.errors import DocumentError
from graph.extract import Extractor
from graph.ingest import add_article, build
from graph.inputs import single_id
from graph.rules import load_schema
from graph.stores.base import EdgeFilter
from graph.stores.networkx_store import NetworkXStore


@pytest.fixture(scope="module")
def extractor():
    return Extractor(load_schema())


def test_build_twice_adds_nothing_the_second_time(extractor, seeds_dir, tmp_path):
    store = NetworkXStore(tmp_path / "graph.json", relation_types=extractor.schema.relation_types)
    first = build(store, [seeds_dir], extractor, progress=False)
    assert sorted(first.added) == sorted(p.stem for p in seeds_dir.glob("*.txt")) and first.relations > 0
    counts = store.counts()
    second = build(store, [seeds_dir], extractor, progress=False)
    assert (second.added, sorted(second.skipped), second.relations) == ([], sorted(first.added), 0)
    assert store.counts() == counts
    assert NetworkXStore(tmp_path / "graph.json").counts() == counts      # flushed to the file


def test_evidence_carries_outlet_publication_date_and_language(extractor, seeds_dir, tmp_path):
    store = NetworkXStore(None, relation_types=extractor.schema.relation_types)
    path = seeds_dir / "003_2ed794d6a66e4bc7.txt"
    report = add_article(store, path, extractor)
    assert report.added == [single_id("003_2ed794d6a66e4bc7", path.read_text(encoding="utf-8"))]
    evidence = [e for edge in store.edges(EdgeFilter(modalities=None)) for e in edge.evidence]
    assert evidence and {(e.outlet, e.published, e.lang) for e in evidence} == {("Erem News", "2025-07-15", "ar")}
    [doc] = store.documents()
    assert (doc.outlet, doc.published, doc.lang) == ("Erem News", "2025-07-15", "ar")


def test_flags_win_over_the_manifest_and_bad_paths_are_document_errors(extractor, seeds_dir, tmp_path):
    store = NetworkXStore(None, relation_types=extractor.schema.relation_types)
    add_article(store, seeds_dir / "003_2ed794d6a66e4bc7.txt", extractor, published="2025-07-20", outlet="Wire")
    assert (store.documents()[0].published, store.documents()[0].outlet) == ("2025-07-20", "Wire")
    with pytest.raises(DocumentError, match="no such file or folder"):
        build(store, [tmp_path / "missing"], extractor, progress=False)
