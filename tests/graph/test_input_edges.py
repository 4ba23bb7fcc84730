"""Every input checked at the edge, through the command line on real files: article ids unique per
article (same file names in two folders of a build, or with two suffixes, are an error, never a silent skip),
NUL bytes, empty and sentence-less articles (a warning, nothing stored), the size limit, news-dump
fields of the wrong type, manifests with impossible dates or entries of the wrong shape."""
from __future__ import annotations

import json

import pytest

from graph.stores.networkx_store import NetworkXStore

ARTICLE = "Abdoulaye Diop met Christopher Landau in Bamako on {day} May 2025.\n"


def _write(path, text):
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def _docs(home):
    return [d.id for d in NetworkXStore(home / "graph.json").documents()]


def _clean(result):
    assert "Traceback" not in result.output + result.stderr
    return result


def test_same_file_name_in_two_folders_of_one_build_is_an_error(cli, tmp_path):
    _write(tmp_path / "f1" / "report.txt", ARTICLE.format(day=1))
    _write(tmp_path / "f2" / "report.txt", ARTICLE.format(day=2))
    r = _clean(cli("build", tmp_path / "f1", tmp_path / "f2", "--home", tmp_path / "h", "--no-progress"))
    assert r.exit_code == 2
    assert f"{tmp_path / 'f2' / 'report.txt'}: same article id 'report' as {tmp_path / 'f1' / 'report.txt'}" in r.stderr
    assert not (tmp_path / "h" / "graph.json").exists()


def test_same_name_with_two_suffixes_in_one_folder_is_an_error(cli, tmp_path):
    _write(tmp_path / "f" / "report.txt", ARTICLE.format(day=1))
    _write(tmp_path / "f" / "report.html", f"<html><body><article><p>{ARTICLE.format(day=2)}</p></article></body></html>")
    r = _clean(cli("build", tmp_path / "f", "--home", tmp_path / "h", "--no-progress"))
    assert r.exit_code == 2 and "same article id 'report'" in r.stderr
    r = _clean(cli("extract", tmp_path / "f"))
    assert r.exit_code == 2 and "same article id 'report'" in r.stderr


def test_building_another_folder_with_a_file_of_the_same_name_is_an_error_not_a_skip(cli, tmp_path):
    """In a folder an article's id is its file name: a second folder's file of that name, with other
    content, is an error; a copy of the first (equal bytes) is the same article. (Files added alone get
    distinct ids: tests/graph/test_doc_ids.py.)"""
    home = tmp_path / "h"
    first = _write(tmp_path / "f1" / "report.txt", ARTICLE.format(day=1))
    second = _write(tmp_path / "f2" / "report.txt", ARTICLE.format(day=2))
    _write(tmp_path / "f3" / "report.txt", ARTICLE.format(day=1))
    assert cli("build", first.parent, "--home", home, "--no-progress").exit_code == 0
    r = _clean(cli("build", second.parent, "--home", home, "--no-progress"))
    assert r.exit_code == 2
    assert f"{second}: article id 'report' is already in the graph for another article, {first}" in r.stderr
    for same in ("f1", "f3"):   # the same folder again, or a copy of it: the same article, nothing changes
        r = cli("build", tmp_path / same, "--home", home, "--no-progress")
        assert r.exit_code == 0 and "0 document(s) added, 1 already in the graph" in r.stdout
    assert _docs(home) == ["report"]


@pytest.mark.parametrize("data", [b"\x00\x00\x00", b"Diop met Landau.\x00\n", b"\xef\xbb\xbfDiop\x00"])
def test_nul_bytes_are_an_error(cli, tmp_path, data):
    path = _write(tmp_path / "bin.txt", data)
    r = _clean(cli("add", path, "--published", "2025-05-30", "--home", tmp_path / "h"))
    assert r.exit_code == 2 and f"{path}:1: contains a NUL character (a binary file?)" in r.stderr


@pytest.mark.parametrize("text", ["", "   \n\n\t", "12 -- 34 ... !!", "\ufeff"])
def test_empty_or_sentence_less_articles_are_a_warning_and_not_stored(cli, tmp_path, text):
    path = _write(tmp_path / "f" / "blank.txt", text)
    _write(tmp_path / "f" / "real.txt", ARTICLE.format(day=3))
    r = _clean(cli("add", path, "--published", "2025-05-30", "--home", tmp_path / "h"))
    assert r.exit_code == 0 and "nothing added" in r.stdout
    assert f"warning: {path}: blank: no sentence to read (empty, or no word in it): not added" in r.stderr
    r = _clean(cli("build", tmp_path / "f", "--home", tmp_path / "h", "--no-progress"))
    assert r.exit_code == 0 and "no sentence to read" in r.stderr
    assert _docs(tmp_path / "h") == ["real"]
    r = _clean(cli("explain", path))
    assert r.exit_code == 2 and "no sentence to read" in r.stderr


def test_an_article_over_the_size_limit_is_refused_with_the_limit(cli, tmp_path, monkeypatch):
    monkeypatch.setenv("GEOGRAPH_MAX_ARTICLE_MB", "0.001")
    path = _write(tmp_path / "big.txt", ARTICLE.format(day=4) * 40)
    r = _clean(cli("add", path, "--published", "2025-05-30", "--home", tmp_path / "h"))
    assert r.exit_code == 2
    assert f"{path}: too large: 0.0 MB, the limit is 0.001 MB (GEOGRAPH_MAX_ARTICLE_MB)" in r.stderr
    dump = _write(tmp_path / "d" / "dump.jsonl", json.dumps({"id": "big", "text": ARTICLE.format(day=4) * 40}) + "\n"
                  + json.dumps({"id": "small", "text": ARTICLE.format(day=5)}) + "\n")
    r = _clean(cli("build", dump.parent, "--home", tmp_path / "h", "--no-progress"))
    assert r.exit_code == 0 and f"{dump}:1: too large" in r.stderr
    assert _docs(tmp_path / "h") == ["small"]
    monkeypatch.setenv("GEOGRAPH_MAX_ARTICLE_MB", "lots")
    r = _clean(cli("extract", path))
    assert r.exit_code == 2 and "GEOGRAPH_MAX_ARTICLE_MB='lots': give a size in megabytes" in r.stderr


def test_news_dump_fields_of_the_wrong_type_skip_their_line(cli, tmp_path):
    lines = [{"id": "ok", "text": ARTICLE.format(day=6)},
             {"id": "t", "text": ARTICLE.format(day=7), "title": 5},
             {"id": "o", "text": ARTICLE.format(day=8), "source_domain": {"a": 1}},
             {"id": ["x"], "text": ARTICLE.format(day=9)},
             {"id": "m", "maintext": ["Diop met Landau."]},
             {"id": "n", "text": "Diop met\u0000 Landau."},
             {"id": "l", "text": ARTICLE.format(day=10), "language": 3.5},
             {"id": "q", "text": ARTICLE.format(day=11), "title": "\u0000"}]
    dump = _write(tmp_path / "d" / "dump.jsonl", "\n".join(json.dumps(x) for x in lines) + "\n")
    r = _clean(cli("build", dump.parent, "--home", tmp_path / "h", "--no-progress"))
    assert r.exit_code == 0, r.stderr
    for lineno, what in [(2, "'title' must be text, not int"), (3, "'source_domain' must be text, not dict"),
                         (4, "'id' must be text or a number, not list"), (5, "no article text"),
                         (6, "contains a NUL character"), (7, "'language' must be text, not float"),
                         (8, "contains a NUL character")]:
        assert f"{dump}:{lineno}: {what}" in r.stderr
    assert _docs(tmp_path / "h") == ["ok"]


@pytest.mark.parametrize("manifest, line, message", [
    ("report: {published: 2025-13-45}\n", 1, "report: bad publication date '2025-13-45': month must be in 1..12"),
    ("report: {published: '2025-02-30'}\n", 1, "report: bad publication date '2025-02-30': day is out of range"),
    ("report: {published: '٢٠٢٥-٠٢-١٠'}\n", 1, "expected YYYY-MM-DD (ASCII digits)"),
    ("report: just a string\n", 1, "report: an entry must be a mapping"),
    ("report:\n  outlet: [a, b]\n", 2, "report: outlet must be text, not a list"),
    ("- report\n- other\n", 1, "a manifest maps article ids"),
    ("report: {published: 2025-11-04\n", 2, "invalid YAML"),
])
def test_bad_manifests_are_one_line_errors_with_their_line(cli, tmp_path, manifest, line, message):
    _write(tmp_path / "f" / "report.txt", ARTICLE.format(day=1))
    _write(tmp_path / "f" / "manifest.yaml", manifest)
    for args in (("build", tmp_path / "f", "--home", tmp_path / "h", "--no-progress"), ("extract", tmp_path / "f")):
        r = _clean(cli(*args))
        assert r.exit_code == 2
        assert f"error: {tmp_path / 'f' / 'manifest.yaml'}:{line}: " in r.stderr and message in r.stderr, r.stderr
    assert not (tmp_path / "h" / "graph.json").exists()


def test_a_numeric_outlet_in_a_manifest_is_its_text(cli, tmp_path):
    _write(tmp_path / "f" / "report.txt", ARTICLE.format(day=1))
    _write(tmp_path / "f" / "manifest.yaml", "report: {outlet: 24, published: 2025-05-30}\n")
    assert cli("build", tmp_path / "f", "--home", tmp_path / "h", "--no-progress").exit_code == 0
    assert [d.outlet for d in NetworkXStore(tmp_path / "h" / "graph.json").documents()] == ["24"]
