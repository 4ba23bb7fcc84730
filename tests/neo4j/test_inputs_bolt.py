"""A web page's address survives the Neo4j store (on the Bolt test server), as on the embedded one."""
from __future__ import annotations

from pathlib import Path

from graph.extract import Extractor
from graph.ingest import build
from graph.inputs import read_documents, single_id
from graph.rules import load_schema

PAGE = Path(__file__).resolve().parents[1] / "graph" / "inputs" / "sahel_ar.html"
URL = "https://sahel.example/ar/news/2025/11/landau-diop"


def test_page_url_kept_in_bolt_evidence(bolt_store):
    report = build(bolt_store, [PAGE], Extractor(load_schema()), progress=False)
    page_id = single_id("sahel_ar", next(read_documents([PAGE])).text)    # a page given alone: name and text hash
    assert report.added == [page_id] and report.relations > 0
    evidence = [ev for edge in bolt_store.edges() for ev in edge.evidence]
    assert evidence and {ev.url for ev in evidence} == {URL}
    assert {ev.published for ev in evidence} == {"2025-11-05"}
