"""Which files are articles, saved web pages and news-crawler dumps, read for real.

The pages under tests/graph/inputs/ were written for these tests (no real news page is copied):
an Arabic news page with a menu, a breaking-news ticker, an "اقرأ أيضا" list, related-story
teasers and a footer, and an English wire page with the same kinds of boilerplate. Each has a
``.txt`` twin holding only its title and article text.
"""
from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from graph.documents import Document, read_documents
from graph.errors import DocumentError
from graph.extract import Extractor
from graph.inputs import count_articles, iter_article_paths, single_id
from graph.rules import load_schema
from graph.stores.networkx_store import NetworkXStore

HERE = Path(__file__).parent / "inputs"
PAGES = {  # page -> (its own date, its own address, its site name)
    "sahel_ar": ("2025-11-05", "https://sahel.example/ar/news/2025/11/landau-diop", "أخبار الساحل"),
    "wire_en": ("2025-07-15", "https://wire.example/world/africa/mali-russia-defence", "Sahel Wire"),
}
# Boilerplate of the pages (ticker, read-also and teaser links) that states relations as plain text.
BOILERPLATE = {
    "sahel_ar": ["فرنسا تفرض عقوبات على النيجر", "ديوب يلتقي وزير الخارجية الروسي في موسكو",
                 "الولايات المتحدة تفرض عقوبات على مالي"],
    "wire_en": ["France imposed sanctions on Niger.", "The United States imposed sanctions on Mali."],
}


@pytest.fixture(scope="module")
def extractor():
    return Extractor(load_schema())


def triples(relations) -> list[tuple]:
    return sorted((r.source, r.type, r.target, r.date or "", r.modality, r.role or "") for r in relations)


def only(path: Path, **kw) -> Document:
    docs = list(read_documents([path], **kw))
    assert len(docs) == 1
    return docs[0]


@pytest.mark.parametrize("name", sorted(PAGES))
def test_page_gives_the_relations_of_its_text(extractor, name):
    date, url, site = PAGES[name]
    page = only(HERE / f"{name}.html")
    assert (page.published.isoformat(), page.url, page.outlet) == (date, url, site)
    assert page.text == (HERE / f"{name}.txt").read_text(encoding="utf-8").strip()
    text = only(HERE / f"{name}.txt", published=date)
    got = extractor.extract(page)
    assert got and triples(got) == triples(extractor.extract(text))
    for rel in got:
        for ev in rel.evidence:
            assert (ev.published, ev.url, ev.outlet) == (date, url, site)
            assert page.text[slice(*ev.sentence_span)] == ev.sentence
            assert all(page.text[s:e] for s, e in ev.spans.values())


@pytest.mark.parametrize("name", sorted(PAGES))
def test_boilerplate_would_give_relations_but_the_page_does_not(extractor, name):
    page = only(HERE / f"{name}.html")
    for line in BOILERPLATE[name]:
        assert extractor.extract(Document.from_text(line, id="b", published=page.published)), line
        assert line not in page.text


def test_title_is_a_sentence(extractor):
    page = only(HERE / "sahel_ar.html")
    assert page.text.startswith("لاندو يجري محادثات مع ديوب في باماكو\n\n")
    assert page.sentences[0].text == "لاندو يجري محادثات مع ديوب في باماكو"


def test_manifest_and_flag_win_over_the_page(tmp_path):
    shutil.copy(HERE / "wire_en.html", tmp_path / "wire_en.html")
    (tmp_path / "manifest.yaml").write_text("wire_en: {outlet: My Outlet, published: 2025-07-16}\n")
    page = only(tmp_path)
    assert (page.published.isoformat(), page.outlet, page.url) == ("2025-07-16", "My Outlet", PAGES["wire_en"][1])
    assert only(tmp_path / "wire_en.html", published="2025-07-17").published.isoformat() == "2025-07-17"


def test_page_without_main_text_is_a_clear_error(tmp_path, cli):
    empty = tmp_path / "menu.html"
    empty.write_text('<html><body><nav><a href="/">Home</a> <a href="/x">World</a></nav></body></html>')
    with pytest.raises(DocumentError, match="no main text"):
        only(empty)
    result = cli("extract", empty)
    assert result.exit_code == 2 and result.stderr.strip().splitlines() == [
        f"error: {empty}: no main text found in this web page (is it an article page?)"]


def test_page_evidence_keeps_its_url_in_the_store(tmp_path, cli):
    shutil.copy(HERE / "sahel_ar.html", tmp_path / "sahel_ar.html")
    home = tmp_path / "home"
    result = cli("build", tmp_path / "sahel_ar.html", "--home", home, "--no-progress")
    assert result.exit_code == 0, result.output
    store = NetworkXStore(home / "graph.json")
    evidence = [ev for edge in store.edges() for ev in edge.evidence]
    assert evidence and {ev.url for ev in evidence} == {PAGES["sahel_ar"][1]}
    for fmt in ("json", "graphml"):
        out = tmp_path / f"graph.{fmt}"
        assert cli("export", "--format", fmt, "--out", out, "--home", home).exit_code == 0
        assert PAGES["sahel_ar"][1] in out.read_text(encoding="utf-8"), fmt


# ---- news dumps ------------------------------------------------------------------

def _dump(tmp_path: Path) -> Path:
    text = (HERE / "wire_en.txt").read_text(encoding="utf-8").split("\n\n", 1)
    records = [
        json.dumps({"title": text[0], "maintext": text[1], "date_publish": "2025-07-15 14:02:00",
                    "source_domain": "wire.example", "url": "https://wire.example/a", "language": "en"}),
        '{"title": "broken", "maintext": ',
        json.dumps({"text": "Niger expelled the French ambassador.", "published": "2025-08-01",
                    "outlet": "Plain Outlet", "url": "https://plain.example/b", "lang": "en"}),
        "",
        json.dumps({"title": "no text here"}),
    ]
    path = tmp_path / "dump.jsonl"
    path.write_text("\n".join(records) + "\n", encoding="utf-8")
    return path


def test_news_dump_reads_every_good_line(tmp_path, extractor):
    path = _dump(tmp_path)
    warnings = []
    docs = list(read_documents([path], warnings=warnings))
    assert [(d.id, d.published.isoformat(), d.outlet, d.url, d.lang) for d in docs] == [   # given alone: + hash
        (single_id("dump-L1", docs[0].text), "2025-07-15", "wire.example", "https://wire.example/a", "en"),
        (single_id("dump-L3", docs[1].text), "2025-08-01", "Plain Outlet", "https://plain.example/b", "en")]
    assert [d.id for d in read_documents([tmp_path], warnings=[])] == ["dump-L1", "dump-L3"]   # in its folder
    assert [str(w).split(": ")[0] for w in warnings] == [f"{path}:2", f"{path}:5"]
    assert "no article text" in str(warnings[1])
    assert docs[0].text == (HERE / "wire_en.txt").read_text(encoding="utf-8").strip()
    assert count_articles([path]) == 4
    with pytest.raises(DocumentError, match=r"dump.jsonl:2: not JSON"):
        list(read_documents([path]))


def test_news_dump_through_the_cli(tmp_path, cli):
    path = _dump(tmp_path)
    result = cli("extract", path)
    assert result.exit_code == 0, result.output
    assert {json.loads(line)["doc"][:-9] for line in result.stdout.splitlines()} == {"dump-L1", "dump-L3"}
    warnings = result.stderr.strip().splitlines()
    assert len(warnings) == 2 and warnings[0].startswith(f"warning: {path}:2: not JSON")
    built = cli("build", tmp_path, "--home", tmp_path / "home", "--no-progress")
    assert built.exit_code == 0 and "2 document(s) added" in built.stdout
    assert f"{path}:5: no article text" in built.stderr


def test_a_crawler_dump_of_hundreds_of_articles_builds_with_progress(tmp_path, cli, seeds_dir):
    """300 news-please records (the seed articles' text, each record its own url and date) and one
    broken line: the build reports the line, shows its bar over every record and adds the rest."""
    texts = sorted(p.read_text(encoding="utf-8") for p in seeds_dir.glob("*.txt"))
    lines = [json.dumps({"maintext": texts[i % len(texts)], "title": f"Report {i}",
                         "date_publish": f"2025-{1 + i % 12:02d}-{1 + i % 28:02d} 08:00:00",
                         "source_domain": "crawl.example", "url": f"https://crawl.example/{i}",
                         "language": "ar"}, ensure_ascii=False) for i in range(300)]
    lines.insert(150, '{"maintext": "cut off')
    (tmp_path / "crawl.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    built = cli("build", tmp_path, "--home", tmp_path / "home", "--progress")
    assert built.exit_code == 0, built.output
    assert "300 document(s) added" in built.stdout
    assert "crawl.jsonl:151: not JSON" in built.stderr
    assert "building graph" in built.stderr and "300/300" in built.stderr   # the broken line not counted
    store = NetworkXStore(tmp_path / "home" / "graph.json")
    assert store.counts()["documents"] == 300
    assert {d.outlet for d in store.documents()} == {"crawl.example"}


# ---- which files are articles ----------------------------------------------------

def test_folder_lists_other_files_once_as_ignored(tmp_path, cli):
    for name in ("wire_en.txt", "wire_en.html"):
        shutil.copy(HERE / name, tmp_path / ("page_" + name if name.endswith("html") else name))
    (tmp_path / "README.md").write_text("Diop met Lavrov in Moscow.\n")
    (tmp_path / "notes.pdf").write_bytes(b"%PDF")
    (tmp_path / "manifest.yaml").write_text("wire_en: {published: 2025-07-15}\n")
    (tmp_path / "older").mkdir()   # a folder is read flat: an article in a sub-folder is not read, and that is said
    (tmp_path / "older" / "wire_fr.txt").write_text("Diop met Lavrov in Moscow.\n")
    warnings = []
    assert [p.name for p in iter_article_paths([tmp_path], warnings)] == ["page_wire_en.html", "wire_en.txt"]
    assert [str(w) for w in warnings] == [f"{tmp_path}: ignored, not articles (.txt, .html, .htm, .jsonl): "
                                          "README.md, notes.pdf, older/"]
    result = cli("extract", tmp_path)
    assert result.exit_code == 0
    assert result.stderr.count("README.md") == 1 and "warning:" in result.stderr
    assert {json.loads(line)["doc"] for line in result.stdout.splitlines()} == {"page_wire_en", "wire_en"}


@pytest.mark.parametrize("files", [[], ["README.md", "manifest.yaml"]])
def test_folder_without_articles_exits_2(tmp_path, cli, files):
    for name in files:
        (tmp_path / name).write_text("x: 1\n")
    for command in (["extract", tmp_path], ["build", tmp_path, "--home", tmp_path / "home"]):
        result = cli(*command)
        assert result.exit_code == 2
        assert result.stderr.strip().splitlines() == [
            f"error: {tmp_path}: no articles in this folder (expected .txt, .html, .htm, .jsonl files)"]


def test_inputs_module_imports_on_its_own():
    for module in ("graph.inputs", "graph.documents"):
        done = subprocess.run([sys.executable, "-c", f"import {module}; from graph.documents import read_documents"],
                              capture_output=True, text=True)
        assert done.returncode == 0, done.stderr
