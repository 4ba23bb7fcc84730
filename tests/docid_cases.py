"""Document ids and "the same article", the same checks on every store (tests/graph and tests/neo4j run them).

Real files in a temporary folder, added through :func:`graph.ingest.add_article` and :func:`graph.ingest.build`
as ``geograph add`` and ``geograph build`` do. ``open_store()`` gives an empty store each call.
"""
from __future__ import annotations

import json
from pathlib import Path

from graph.extract import Extractor
from graph.ingest import add_article, build
from graph.inputs import single_id
from provenance_cases import snapshot

ARTICLE = "Abdoulaye Diop met Christopher Landau in Bamako on {day} May 2025.\n"


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def ids(store) -> list[str]:
    return [d.id for d in store.documents()]


def check_same_name_in_two_folders(open_store, schema, tmp: Path) -> None:
    """Two ``report.txt`` added alone: two articles, neither named by the bare file name."""
    first = write(tmp / "f1" / "report.txt", ARTICLE.format(day=1))
    second = write(tmp / "f2" / "report.txt", ARTICLE.format(day=2))
    store = open_store()
    extractor = Extractor(schema)
    a = add_article(store, first, extractor, published="2025-05-30")
    b = add_article(store, second, extractor, published="2025-05-30")
    assert (a.added, b.added) == ([single_id("report", ARTICLE.format(day=1))],
                                  [single_id("report", ARTICLE.format(day=2))])
    assert ids(store) == sorted(a.added + b.added) and "report" not in ids(store)
    assert sorted(e.date for e in store.edges() if e.type == "MET") == ["2025-05-01", "2025-05-02"]
    assert {d.source for d in store.documents()} == {str(first), str(second)}


def check_same_file_again(open_store, schema, tmp: Path) -> None:
    """The same file again, or a copy of it elsewhere (same name, same text): already in the graph."""
    path = write(tmp / "f1" / "report.txt", ARTICLE.format(day=1))
    copy = write(tmp / "f3" / "report.txt", ARTICLE.format(day=1))
    store = open_store()
    extractor = Extractor(schema)
    added = add_article(store, path, extractor, published="2025-05-30").added
    before = snapshot(store)
    for same in (path, copy):
        report = add_article(store, same, extractor, published="2025-05-30")
        assert (report.added, report.replaced, report.skipped) == ([], [], added)
    assert snapshot(store) == before


def check_changed_text_replaces(open_store, schema, tmp: Path) -> None:
    """The same path with other text: the article is replaced (under its new id), never added twice,
    and the graph is the one a clean add of the new text gives."""
    path = write(tmp / "f1" / "report.txt", ARTICLE.format(day=1))
    store = open_store()
    extractor = Extractor(schema)
    [old] = add_article(store, path, extractor, published="2025-05-30").added
    write(path, ARTICLE.format(day=3))
    report = add_article(store, path, extractor, published="2025-05-30")
    new = single_id("report", ARTICLE.format(day=3))
    assert (report.added, report.replaced, report.renamed) == ([], [new], {new: old})
    assert ids(store) == [new]
    assert [e.date for e in store.edges() if e.type == "MET"] == ["2025-05-03"]
    changed = snapshot(store)
    # other metadata, same text: replaced under the same id
    report = add_article(store, path, extractor, published="2025-06-01")
    assert (report.replaced, report.renamed, ids(store)) == ([new], {}, [new])
    assert [d.published for d in store.documents()] == ["2025-06-01"]
    clean = open_store()       # (on a database server: the same database, emptied)
    add_article(clean, path, extractor, published="2025-05-30")
    assert snapshot(clean) == changed


def check_folder_and_alone_are_one_article(open_store, schema, tmp: Path) -> None:
    """A file built in its folder, then added alone with a publication date, then built again: one
    article throughout, named as it was last given (issue 9's ``add FILE --published D`` replaces)."""
    folder = tmp / "corpus"
    path = write(folder / "talks.txt", ARTICLE.format(day=4))
    write(folder / "other.txt", ARTICLE.format(day=5).replace("Bamako", "Dakar"))
    write(folder / "manifest.yaml", "talks: {outlet: Wire, published: 2025-05-20}\nother: {published: 2025-05-21}\n")
    store = open_store()
    extractor = Extractor(schema)
    assert sorted(build(store, [folder], extractor, progress=False).added) == ["other", "talks"]
    alone = single_id("talks", ARTICLE.format(day=4))
    report = add_article(store, path, extractor, published="2025-05-30")
    assert (report.added, report.replaced, report.renamed) == ([], [alone], {alone: "talks"})
    assert ids(store) == ["other", alone]
    # the manifest beside it still speaks for it (by its file name): its outlet is kept
    assert {d.id: (d.outlet, d.published) for d in store.documents()}[alone] == ("Wire", "2025-05-30")
    report = build(store, [folder], extractor, progress=False)
    assert (report.added, report.replaced, report.skipped) == ([], ["talks"], ["other"])
    assert ids(store) == ["other", "talks"]
    rebuilt = snapshot(store)
    clean = open_store()
    build(clean, [folder], extractor, progress=False)
    assert snapshot(clean) == rebuilt


def check_news_dump_alone(open_store, schema, tmp: Path) -> None:
    """Two dumps of one name added alone: their records are distinct articles; an edited record of one
    is replaced, the others stay."""
    def dump(folder: str, days: list[int]) -> Path:
        lines = [json.dumps({"text": ARTICLE.format(day=d), "published": "2025-05-30"}) for d in days]
        return write(tmp / folder / "news.jsonl", "\n".join(lines) + "\n")

    first, second = dump("a", [1, 2]), dump("b", [1, 6])
    store = open_store()
    extractor = Extractor(schema)
    assert len(add_article(store, first, extractor).added) == 2
    report = add_article(store, second, extractor)
    # line 1 of both dumps holds the same text: one article (a copy); line 2 of b is new
    assert (len(report.added), len(report.skipped)) == (1, 1)
    assert len(ids(store)) == 3 and all(i.startswith("news-L") and len(i) == len("news-L1-") + 8 for i in ids(store))
    dump("a", [1, 7])
    report = add_article(store, first, extractor)
    assert (len(report.added), len(report.replaced), len(report.skipped)) == (0, 1, 1)
    assert report.renamed == {report.replaced[0]: single_id("news-L2", ARTICLE.format(day=2).strip())}
    assert sorted(e.date for e in store.edges() if e.type == "MET") == ["2025-05-01", "2025-05-06", "2025-05-07"]
